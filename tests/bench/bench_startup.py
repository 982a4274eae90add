"""Start-up and peak memory: the app's smoke test against a bare PySide6 window, A/B in one run,
from source and (when build/build.py made both) for the frozen bundles.

Wall-clock time of the whole process, seen from this (parent) process, of
`python -m routekaart_app --smoke-test` (full GUI, content loaded, window shown, event loop idle)
against a bare PySide6 script (QMainWindow + QTextBrowser, shown, quit from a zero-timer),
alternating A/B runs after unmeasured warm-ups of each. Both end the same way: a zero-timer
after show() calls QApplication.quit(), so neither figure includes the first paint.

The ratio is the median of the paired ratios (each app run against the bare run beside it), not
the ratio of the two medians (also reported, `ratio_of_medians`). On a quiet machine the two
agree (three runs of 25 frozen pairs: 1.166/1.161, 1.154/1.154, 1.150/1.150). With another
process busy on one of the two cores, each start lands on a free or a shared core, the times
fall in two groups, and the two medians can come from different groups: the ratio of medians
then read 1.148, 1.053 and 1.337 in three runs, the paired ratio 1.157, 1.167 and 1.166. The
medians (s) stay in the report. 25 pairs by default: on a shared 2-core machine the ratio of the
medians wandered by +-0.1 between runs with 9 pairs and still by +-0.07 with 15.
"Cold" means a fresh process each time (the OS file cache stays warm, and byte code is cached in
a throw-away PYTHONPYCACHEPREFIX, as on a user's machine).
Peak RSS: ru_maxrss from os.wait4 per child.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_bundle import find_baseline_bundle
from bench_common import ROOT, ChildResult, child_env, ratio, run_child

#: The bare baseline: what any PySide6 app with a text browser costs.
BASELINE_SCRIPT = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTextBrowser())
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def ab_pairs(app_cmd: list[str], base_cmd: list[str], env: dict[str, str], pairs: int) -> tuple[list[ChildResult], list[ChildResult]]:
    """Alternating cold starts of the app's smoke test (A) and a bare baseline (B), after warm-ups."""

    def app_run() -> ChildResult:
        res = run_child(app_cmd, env)
        if res.exit_code != 0 or "smoke-test ok" not in res.stdout:
            tail = (res.stderr.strip().splitlines() or [res.stdout.strip()])[-1:]
            raise RuntimeError(f"smoke test failed (exit {res.exit_code}): {' '.join(tail)[:300]}")
        return res

    def base_run() -> ChildResult:
        res = run_child(base_cmd, env)
        if res.exit_code != 0:
            tail = (res.stderr.strip().splitlines() or [""])[-1:]
            raise RuntimeError(f"bare Qt baseline failed (exit {res.exit_code}): {' '.join(tail)[:300]}")
        return res

    # Warm-up (byte-code cache, file cache, first settings file): not counted.
    for _ in range(1 if pairs < 5 else 2):
        app_run()
        base_run()
    app: list[ChildResult] = []
    base: list[ChildResult] = []
    for n in range(pairs):
        # Alternate the order too, so neither side always runs right after the other.
        if n % 2 == 0:
            app.append(app_run())
            base.append(base_run())
        else:
            base.append(base_run())
            app.append(app_run())
    return app, base


def paired_ratio(app: list[ChildResult], base: list[ChildResult]) -> float | None:
    """The median of app/bare over the A/B pairs, each run against the one beside it in time."""
    ratios = [a.wall_s / b.wall_s for a, b in zip(app, base, strict=True) if b.wall_s]
    return round(statistics.median(ratios), 3) if ratios else None


def measure_startup(python: str, pairs: int, log: Callable[[str], None]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Alternating A/B cold starts of the app's smoke test and the bare baseline."""
    home = Path(tempfile.mkdtemp(prefix="routekaart-bench-home-"))
    try:
        env = child_env(home)
        base_file = home / "bare_qt.py"
        base_file.write_text(BASELINE_SCRIPT, encoding="utf-8")
        app, base = ab_pairs([python, "-m", "routekaart_app", "--smoke-test"], [python, str(base_file)], env, pairs)
        log(f"start-up: {pairs} A/B pairs done")
    finally:
        shutil.rmtree(home, ignore_errors=True)

    app_s = statistics.median(r.wall_s for r in app)
    base_s = statistics.median(r.wall_s for r in base)
    inproc = []
    for r in app:  # the app's own figure: "smoke-test ok: opstarttijd 0.247 s, ..."
        with contextlib.suppress(IndexError, ValueError):
            inproc.append(float(r.stdout.split("opstarttijd", 1)[1].split()[0]))
    startup = {
        "app_s": round(app_s, 4),
        "baseline_s": round(base_s, 4),
        "ratio": paired_ratio(app, base),
        "ratio_of_medians": ratio(app_s, base_s),
        "runs": pairs,
        "app_min_s": round(min(r.wall_s for r in app), 4),
        "baseline_min_s": round(min(r.wall_s for r in base), 4),
        "app_reported_s": round(statistics.median(inproc), 4) if inproc else None,
    }
    rss_app = [r.maxrss_mb for r in app if r.maxrss_mb is not None]
    rss_base = [r.maxrss_mb for r in base if r.maxrss_mb is not None]
    app_mb = round(statistics.median(rss_app), 1) if rss_app else None
    base_mb = round(statistics.median(rss_base), 1) if rss_base else None
    rss = {"app_mb": app_mb, "baseline_mb": base_mb, "ratio": ratio(app_mb, base_mb)}
    if app_mb is None:
        rss["note"] = "os.wait4 is niet beschikbaar op dit platform"
    return startup, rss



def _executable(folder: Path) -> Path | None:
    """The program inside a PyInstaller one-folder bundle (`<folder>/<name>` or `<name>.exe`)."""
    for name in (folder.name, folder.name + ".exe", folder.stem, folder.stem + ".exe"):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def measure_bundle_startup(pairs: int, log: Callable[[str], None], root: Path = ROOT) -> dict[str, Any] | None:
    """The frozen app against the frozen bare baseline, when both exist (budget startup_bundle.ratio).

    What users start is the bundle, and PyInstaller adds its own start-up work (runtime hooks,
    the archive), so this shows whether the bundle keeps the ratio the source tree has.
    """
    app_dir = root / "dist" / "Routekaart"
    base_path, _, _ = find_baseline_bundle(root)
    if base_path is not None and base_path.suffix == ".json":
        try:
            folder = json.loads(base_path.read_text(encoding="utf-8")).get("path")
        except (OSError, ValueError):
            folder = None
        base_path = root / folder if isinstance(folder, str) else None
    app_exe = _executable(app_dir) if app_dir.is_dir() else None
    base_exe = _executable(base_path) if base_path is not None and base_path.is_dir() else None
    if app_exe is None or base_exe is None:
        return None
    home = Path(tempfile.mkdtemp(prefix="routekaart-bench-home-"))
    try:
        app, base = ab_pairs([str(app_exe), "--smoke-test"], [str(base_exe), "--smoke-test"], child_env(home), pairs)
        log(f"start-up of the bundles: {pairs} A/B pairs done")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    app_s = statistics.median(r.wall_s for r in app)
    base_s = statistics.median(r.wall_s for r in base)
    return {"app_s": round(app_s, 4), "baseline_s": round(base_s, 4), "ratio": paired_ratio(app, base),
            "ratio_of_medians": ratio(app_s, base_s), "runs": pairs}


