#!/usr/bin/env python3
"""Routekaart benchmarks with budgets, measured against a bare-Qt baseline in the same run.

    python tests/bench/run.py [--format json] [--report] [--quick]

What is measured (each in the same run, so the machine's speed cancels out of the ratios):

- start-up: wall-clock time of the whole process, seen from this (parent) process, of
  `python -m routekaart_app --smoke-test` (full GUI, content loaded, window shown, event loop
  idle) against a bare PySide6 script (QMainWindow + QTextBrowser, shown, quit from a zero-timer),
  alternating A/B runs after unmeasured warm-ups of each; medians and their ratio. Both end the
  same way: a zero-timer after show() calls QApplication.quit(), which closes the window before
  Qt paints it, so neither figure includes the first paint (about 8 ms and a 4 MB backing store
  for a 1200x800 window on this machine). 15 pairs by default: on a shared 2-core machine fewer
  left the ratio of the medians wandering by +-0.1 between runs.
  "Cold" means a fresh process each time (the OS file cache stays warm, and byte code is cached
  in a throw-away PYTHONPYCACHEPREFIX, as it would be on a user's machine).
- rss: peak resident set size of those same processes (ru_maxrss from os.wait4 per child).
- search: p50/p95 of `SearchIndex.search(q)` over queries typed prefix by prefix (real terms,
  abbreviations, misspellings) on the real content, and p95 on synthetic content 10x and 50x the
  real content (clones of the real items with partly new words, built through the real
  `SearchIndex.build`), so cost growth is visible.
- wizard: p95 of `Advisor(store).advise(facts)` after one answer changed, over random answer sets
  (null / n.v.t. while `routekaart_app.advice` does not exist yet).
- content_load_s: median of `load_content` on the bundled content (load + validate).
- startup_bundle (information, no budget): the same A/B start-up for the frozen app against the
  frozen bare baseline, when build/build.py has made both.
- bundle: size of dist/Routekaart when it exists, and the ratio against a bare baseline bundle
  under build/_work/ when one is found.

Budgets live in BUDGETS below. Without --report the exit code is 1 when a budget is exceeded (or
a measurement failed), with the failing figures named; --report prints the same and exits 0.
The module is importable: `collect(quick=...)`, `check_budgets(results)` and `main(argv)`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = ROOT / "content"

#: (figure path in the results, limit, description). A figure that is null is not checked.
BUDGETS: list[tuple[str, float, str]] = [
    ("startup.ratio", 1.3, "start-up app / bare Qt"),
    ("rss.ratio", 1.3, "peak RSS app / bare Qt"),
    ("search.p95_ms", 5.0, "search p95 on the real content (ms)"),
    ("search.p95_ms_50x", 30.0, "search p95 on 50x content (ms)"),
    ("wizard.p95_ms", 5.0, "wizard recompute p95 (ms)"),
    ("bundle.ratio", 0.8, "bundle size / bare baseline bundle"),
]

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

# ---------------------------------------------------------------------------------------------
# helpers


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank-interpolated percentile (like numpy's default 'linear')."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * pct / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def _get(results: dict[str, Any], path: str) -> Any:
    value: Any = results
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


# ---------------------------------------------------------------------------------------------
# start-up and memory: child processes timed from the parent, ru_maxrss from os.wait4


class ChildResult:
    def __init__(self, wall_s: float, maxrss_mb: float | None, exit_code: int, stdout: str, stderr: str):
        self.wall_s = wall_s
        self.maxrss_mb = maxrss_mb
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


def _maxrss_mb(ru_maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def run_child(cmd: list[str], env: dict[str, str], timeout: float = 120.0) -> ChildResult:
    """Run one process; wall-clock time from the parent and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=str(ROOT))
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - start
                code = os.waitstatus_to_exitcode(status)
                proc.returncode = code  # we reaped it ourselves
                rss: float | None = _maxrss_mb(usage.ru_maxrss)
            else:  # pragma: no cover - Windows: no per-child rusage without psutil
                code = proc.wait()
                wall = time.perf_counter() - start
                rss = None
        finally:
            watchdog.cancel()
        out.seek(0)
        err.seek(0)
        return ChildResult(
            wall, rss, code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        )


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Settings go to a throw-away profile, never the real one; the bundled content is used.
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env.pop("ROUTEKAART_CONTENT", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # Byte-code caching as on a user's machine, for both sides alike: with PYTHONDONTWRITEBYTECODE
    # (set in some sandboxes and CI images) the app's own modules, which pip did not compile,
    # would be compiled from source on every start. The cache goes to a throw-away folder, so
    # nothing is written into src/ or the venv.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


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


def measure_startup(python: str, pairs: int, log: Callable[[str], None]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Alternating A/B cold starts of the app's smoke test and the bare baseline."""
    home = Path(tempfile.mkdtemp(prefix="routekaart-bench-home-"))
    try:
        env = _child_env(home)
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
        "ratio": _ratio(app_s, base_s),
        "runs": pairs,
        "app_min_s": round(min(r.wall_s for r in app), 4),
        "baseline_min_s": round(min(r.wall_s for r in base), 4),
        "app_reported_s": round(statistics.median(inproc), 4) if inproc else None,
    }
    rss_app = [r.maxrss_mb for r in app if r.maxrss_mb is not None]
    rss_base = [r.maxrss_mb for r in base if r.maxrss_mb is not None]
    app_mb = round(statistics.median(rss_app), 1) if rss_app else None
    base_mb = round(statistics.median(rss_base), 1) if rss_base else None
    rss = {"app_mb": app_mb, "baseline_mb": base_mb, "ratio": _ratio(app_mb, base_mb)}
    if app_mb is None:
        rss["note"] = "os.wait4 is niet beschikbaar op dit platform"
    return startup, rss


# ---------------------------------------------------------------------------------------------
# search

#: Real terms, names and phrases a professional types (with and without diacritics).
SEARCH_TERMS = [
    "veilig thuis", "meldcode", "aandachtsfunctionaris", "afwegingskader", "intieme terreur",
    "femicide", "rode vlaggen", "verwurging", "strangulatie", "huisverbod", "tijdelijk huisverbod",
    "kindermishandeling", "huiselijk geweld", "zorg- en veiligheidshuis", "lokaal team", "wijkteam",
    "Den Haag", "Delft", "Leiden", "Zoetermeer", "Alphen aan den Rijn", "Gouda", "Westland",
    "intensief casemanagement", "centrum seksueel geweld", "stalking", "ex-partnerstalking",
    "plegerhulp", "opvang", "signalen in kaart brengen", "risicotaxatie", "veiligheidsplan",
    "ouderenmishandeling", "eergerelateerd geweld", "geïnventariseerd", "Routekaart naar Veiligheid",
    "MDA++", "doodsbedreiging", "wapens", "zwangerschap", "dossier", "advies vragen", "melden",
    "stap 1", "vraag 5", "regio Haaglanden", "Hollands Midden",
]
#: Abbreviations from content.yaml's synonyms.
SEARCH_ABBREVIATIONS = ["VT", "AF", "ZVH", "MDA", "ICM", "CSG", "THV", "HG", "KM", "RVT", "VGV", "GGD"]
#: Typing errors (the search falls back to the closest known word).
SEARCH_MISSPELLINGS = [
    "femicde", "intieme teror", "veilg thuis", "aandachtsfuntionaris", "kindermishandelng",
    "huisverbood", "verwurgin", "meldkode", "stalkng", "zoetermer", "afwegingskadr",
    "signallen", "huislijk geweld", "plegerhlup", "veiligheidsplna",
]


def search_queries() -> list[str]:
    """Every term typed prefix by prefix: 'v', 've', 'vei', ... (at least 300 queries)."""
    queries = []
    for term in SEARCH_TERMS + SEARCH_ABBREVIATIONS + SEARCH_MISSPELLINGS:
        queries.extend(term[:n] for n in range(1, len(term) + 1))
    return queries


def time_queries(index: Any, queries: list[str], passes: int, warmup: int = 60) -> list[float]:
    """Milliseconds per `index.search(q)`, after a short unmeasured warm-up."""
    for q in queries[:warmup]:
        index.search(q)
    samples = []
    clock = time.perf_counter_ns
    for _ in range(passes):
        for q in queries:
            t0 = clock()
            index.search(q)
            samples.append((clock() - t0) / 1e6)
    return samples


_SYLLABLES = (
    "ver ge be ont hand el ing heid schap lijk wijk team zorg huis recht meld vei lig kind ou der "
    "gren stra taal plan ko mo ra ti on vro uw mid del ste ke lo ka al ad vies bu ren kwa sie"
).split()


def _pseudo_words(count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


class SyntheticStore:
    """Duck-typed content store holding `scale` times the real items (for SearchIndex.build).

    Copy 0 is the real content; every further copy clones each real item with a new id, a title
    with one extra word and a body where about a third of the words are replaced by new words.
    The vocabulary grows like natural text (Heaps' law, ~scale**0.55), so fuzzy matching and
    prefix expansion get the kind of growth real content would give them.
    """

    def __init__(self, store: Any, scale: int, seed: int = 1):
        from routekaart_app.search import words

        rng = random.Random(seed * 1000 + scale)
        real = list(store.all_items())
        vocabulary = {w for item in real for text in item.markdown_fields() for w in words(text or "")}
        pool = _pseudo_words(max(50, int(len(vocabulary) * (scale**0.55 - 1))), rng)
        self.meta = store.meta
        self.section_of: dict[str, str] = dict(store.section_of)
        self._items: list[Any] = list(real)
        # The store's other lookups, in case the index starts using them.
        self.pages: dict[str, Any] = dict(store.pages)
        self.municipalities: dict[str, Any] = dict(store.municipalities)
        self.regions: dict[str, Any] = dict(store.regions)
        self.file_of: dict[str, str] = {}

        def mangle(text: str) -> str:
            if not text:
                return text
            parts = text.split(" ")
            for i in range(len(parts)):
                if rng.random() < 0.33:
                    parts[i] = rng.choice(pool)
            return " ".join(parts)

        for copy in range(1, scale):
            for item in real:
                new_id = f"{item.id}_s{copy}"
                update: dict[str, Any] = {"id": new_id}
                if "name" in type(item).model_fields and "title" not in type(item).model_fields:
                    update["name"] = f"{item.name} {rng.choice(pool)}"  # municipalities
                else:
                    update["title"] = f"{item.title} {rng.choice(pool)}"
                for field_name in ("body", "summary", "notes"):
                    if field_name in type(item).model_fields:
                        update[field_name] = mangle(getattr(item, field_name))
                clone = item.model_copy(update=update)
                self._items.append(clone)
                self.section_of[new_id] = store.section_of.get(item.id, "")
                if item.id in store.pages:
                    self.pages[new_id] = clone
                elif item.id in store.municipalities:
                    self.municipalities[new_id] = clone

    def all_items(self) -> Iterable[Any]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def measure_search(store: Any, quick: bool, log: Callable[[str], None]) -> dict[str, Any]:
    from routekaart_app.search import SearchIndex

    queries = search_queries()
    if quick:
        queries = queries[::4]
    result: dict[str, Any] = {"queries": len(queries)}

    t0 = time.perf_counter()
    index = SearchIndex.build(store)
    result["build_ms"] = round((time.perf_counter() - t0) * 1000, 2)
    samples = time_queries(index, queries, passes=1 if quick else 3)
    result["p50_ms"] = round(percentile(samples, 50), 4)
    result["p95_ms"] = round(percentile(samples, 95), 4)
    result["max_ms"] = round(max(samples), 3)
    result["documents"] = len(index)
    log(f"search: real content ({len(index)} documents) done")

    for scale in (10, 50):
        synthetic = SyntheticStore(store, scale)
        t0 = time.perf_counter()
        big = SearchIndex.build(synthetic)
        result[f"build_ms_{scale}x"] = round((time.perf_counter() - t0) * 1000, 1)
        samples = time_queries(
            big, queries[::2] if quick else queries, passes=1 if (quick or scale == 50) else 2, warmup=10 if quick else 60
        )
        result[f"p50_ms_{scale}x"] = round(percentile(samples, 50), 4)
        result[f"p95_ms_{scale}x"] = round(percentile(samples, 95), 4)
        result[f"documents_{scale}x"] = len(big)
        result[f"queries_{scale}x"] = len(queries[::2] if quick else queries)
        log(f"search: {scale}x ({len(big)} documents) done")
        del big
    return result


# ---------------------------------------------------------------------------------------------
# wizard

RED_FLAGS = [
    "stalking", "death_threat", "weapons", "recent_violence", "pregnancy_violence", "forced_sex",
    "withholding_care", "strangulation", "extreme_fear", "afraid_to_speak", "escalation",
]
BOOL_FACTS = [
    "acute_danger", "suspicion", "structural_unsafety", "can_help", "help_accepted", "separation",
    "regular_help_stuck", "repeated_severe_violence", "sexual_violence_within_7_days",
    "perpetrator_motivated", "children_involved",
]


def random_facts(rng: random.Random, municipalities: list[str]) -> dict[str, Any]:
    """A random, partly answered set of wizard answers (keys are optional)."""
    facts: dict[str, Any] = {}
    if municipalities and rng.random() < 0.8:
        facts["municipality"] = rng.choice(municipalities)
    for key in BOOL_FACTS:
        if rng.random() < 0.75:
            facts[key] = rng.random() < 0.5
    if rng.random() < 0.75:
        facts["help_effective"] = rng.choice([True, False, None])
    if rng.random() < 0.7:
        facts["red_flags"] = rng.sample(RED_FLAGS, rng.randint(0, 4))
    if rng.random() < 0.6:
        facts["prior_reports"] = rng.randint(0, 6)
    return facts


def change_one_answer(facts: dict[str, Any], rng: random.Random, municipalities: list[str]) -> dict[str, Any]:
    """The same answers with exactly one answer changed (as when the user clicks another option)."""
    changed = dict(facts)
    key = rng.choice(BOOL_FACTS + ["help_effective", "red_flags", "prior_reports", "municipality"])
    if key in BOOL_FACTS:
        changed[key] = not changed.get(key, False)
    elif key == "help_effective":
        changed[key] = rng.choice([v for v in (True, False, None) if v != changed.get(key, "unset")])
    elif key == "red_flags":
        flags = set(changed.get(key, []))
        flags ^= {rng.choice(RED_FLAGS)}
        changed[key] = sorted(flags)
    elif key == "prior_reports":
        changed[key] = changed.get(key, 0) + 1
    elif municipalities:
        changed[key] = rng.choice(municipalities)
    return changed


def measure_wizard(store: Any, quick: bool, log: Callable[[str], None]) -> dict[str, Any] | None:
    """p95 of one recompute; None when the engine does not exist (yet)."""
    try:
        from routekaart_app.advice import Advisor  # type: ignore[attr-defined]
    except ImportError as exc:
        log(f"wizard: n.v.t. ({exc})")
        return None
    rng = random.Random(7)
    names = sorted(m.name for m in store.municipalities.values())
    t0 = time.perf_counter()
    try:
        advisor = Advisor(store)
    except Exception as exc:
        raise RuntimeError(f"Advisor(store) faalt op de meegeleverde content: {type(exc).__name__}: {exc}") from exc
    build_ms = (time.perf_counter() - t0) * 1000
    # Facts as the brief gives them (municipality by name, help_effective may be None) go through
    # the engine's own check first when it has one, so a recompute is parse + advise.
    parse = getattr(advisor, "parse", None)

    def recompute(raw: dict[str, Any]) -> Any:
        return advisor.advise(parse(raw) if parse else raw)

    trials = 60 if quick else 400
    samples = []
    clock = time.perf_counter_ns
    for _ in range(trials):
        before = random_facts(rng, names)
        recompute(before)  # the outcome on screen before the change
        after = change_one_answer(before, rng, names)
        t = clock()
        recompute(after)
        samples.append((clock() - t) / 1e6)
    log(f"wizard: {trials} recomputes done")
    return {
        "p95_ms": round(percentile(samples, 95), 4),
        "p50_ms": round(percentile(samples, 50), 4),
        "max_ms": round(max(samples), 3),
        "advisor_build_ms": round(build_ms, 2),
        "trials": trials,
    }


# ---------------------------------------------------------------------------------------------
# content and bundle


def measure_content(runs: int) -> tuple[float, Any, float]:
    """(median load+validate seconds, the store, first load seconds)."""
    from routekaart_app.content import load_content

    times = []
    store = None
    for _ in range(runs):
        t0 = time.perf_counter()
        store = load_content(CONTENT_DIR)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), store, times[0]


def _size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def _app_bundle(root: Path) -> Path | None:
    for name in ("Routekaart", "Routekaart.app", "Routekaart.exe"):
        candidate = root / "dist" / name
        if candidate.exists():
            return candidate
    return None


def find_baseline_bundle(root: Path) -> tuple[Path | None, int | None, str]:
    """A bare baseline bundle built by build/build.py under build/_work/ (layout not fixed yet).

    Accepts, in this order: a JSON file under build/_work/ whose name contains 'baseline' with a
    size in bytes (`size_bytes`/`bytes`/`size`) or MB (`size_mb`/`mb`); a PyInstaller output
    folder `.../dist/<name>` or an executable whose path contains 'baseline'.
    """
    work = root / "build" / "_work"
    if not work.is_dir():
        return None, None, "build/_work/ bestaat niet (nog geen build/build.py gedraaid)"
    for js in sorted(work.rglob("*baseline*.json")):
        try:
            data = json.loads(js.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            for key in ("size_bytes", "bytes", "size"):
                if isinstance(data.get(key), (int, float)) and data[key] > 0:
                    return js, int(data[key]), f"grootte uit {js.relative_to(root)}"
            for key in ("size_mb", "mb"):
                if isinstance(data.get(key), (int, float)) and data[key] > 0:
                    return js, int(data[key] * 1024 * 1024), f"grootte uit {js.relative_to(root)}"
    candidates = []
    for dist in work.rglob("dist"):
        if not dist.is_dir() or "baseline" not in dist.relative_to(work).as_posix().lower():
            continue
        candidates.extend(p for p in dist.iterdir() if not p.name.startswith("."))
    if not candidates:
        for p in work.rglob("*baseline*"):
            if p.is_dir() and ((p / "_internal").is_dir() or any(c.suffix == ".exe" for c in p.iterdir())):
                candidates.append(p)
    if candidates:
        best = max(candidates, key=lambda p: p.stat().st_mtime)
        return best, _size_of(best), f"baseline-bundel {best.relative_to(root)}"
    found = ", ".join(sorted(p.relative_to(root).as_posix() for p in work.iterdir())[:8]) or "leeg"
    return None, None, f"geen baseline-bundel gevonden in build/_work/ (wel: {found})"


def measure_bundle(root: Path = ROOT) -> dict[str, Any]:
    app = _app_bundle(root)
    base_path, base_bytes, note = find_baseline_bundle(root)
    result: dict[str, Any] = {"app_mb": None, "baseline_mb": None, "ratio": None}
    if app is None:
        result["note"] = "dist/Routekaart bestaat niet (nog geen bundel gebouwd)"
        if base_bytes:
            result["baseline_mb"] = round(base_bytes / 2**20, 1)
        return result
    app_bytes = _size_of(app)
    result["app_mb"] = round(app_bytes / 2**20, 1)
    result["path"] = app.relative_to(root).as_posix()
    if base_bytes:
        result["baseline_mb"] = round(base_bytes / 2**20, 1)
        result["ratio"] = round(app_bytes / base_bytes, 3)
        result["baseline_path"] = base_path.relative_to(root).as_posix() if base_path else None
    result["note"] = note
    return result


def _executable(folder: Path) -> Path | None:
    """The program inside a PyInstaller one-folder bundle (`<folder>/<name>` or `<name>.exe`)."""
    for name in (folder.name, folder.name + ".exe", folder.stem, folder.stem + ".exe"):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def measure_bundle_startup(pairs: int, log: Callable[[str], None], root: Path = ROOT) -> dict[str, Any] | None:
    """For information (no budget): the frozen app against the frozen bare baseline, when both exist.

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
        app, base = ab_pairs([str(app_exe), "--smoke-test"], [str(base_exe), "--smoke-test"], _child_env(home), pairs)
        log(f"start-up of the bundles: {pairs} A/B pairs done")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    app_s = statistics.median(r.wall_s for r in app)
    base_s = statistics.median(r.wall_s for r in base)
    return {"app_s": round(app_s, 4), "baseline_s": round(base_s, 4), "ratio": _ratio(app_s, base_s), "runs": pairs}


# ---------------------------------------------------------------------------------------------
# the whole run


def collect(quick: bool = False, python: str | None = None, startup_pairs: int | None = None,
            log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Measure everything; a measurement that fails is recorded under `errors`, not raised."""
    log = log or (lambda _msg: None)
    python = python or sys.executable
    errors: dict[str, str] = {}
    began = time.perf_counter()
    load_before = _loadavg()
    results: dict[str, Any] = {
        "startup": {"app_s": None, "baseline_s": None, "ratio": None},
        "rss": {"app_mb": None, "baseline_mb": None, "ratio": None},
        "search": {"p50_ms": None, "p95_ms": None, "p95_ms_10x": None, "p95_ms_50x": None},
        "wizard": None,
        "content_load_s": None,
        "bundle": {"app_mb": None, "baseline_mb": None, "ratio": None},
    }

    pairs = startup_pairs or (3 if quick else 15)
    try:  # first, while this process is still idle
        results["startup"], results["rss"] = measure_startup(python, pairs, log)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        errors["startup"] = f"{type(exc).__name__}: {exc}"

    store = None
    try:
        median_s, store, first_s = measure_content(3 if quick else 7)
        results["content_load_s"] = round(median_s, 4)
        results["content_items"] = len(list(store.all_items()))
        results["content_load_first_s"] = round(first_s, 4)
        if store.problems:
            results["content_problems"] = len(store.problems)
        log("content: done")
    except Exception as exc:  # noqa: BLE001
        errors["content"] = f"{type(exc).__name__}: {exc}"

    if store is not None:
        try:
            results["search"] = measure_search(store, quick, log)
        except Exception as exc:  # noqa: BLE001
            errors["search"] = f"{type(exc).__name__}: {exc}"
        try:
            results["wizard"] = measure_wizard(store, quick, log)
        except Exception as exc:  # noqa: BLE001 - the engine exists but fails: a real problem
            errors["wizard"] = f"{type(exc).__name__}: {exc}"
            results["wizard"] = {"p95_ms": None}

    try:
        results["bundle"] = measure_bundle()
    except Exception as exc:  # noqa: BLE001
        errors["bundle"] = f"{type(exc).__name__}: {exc}"
    try:
        results["startup_bundle"] = measure_bundle_startup(3 if quick else 9, log)
    except Exception as exc:  # noqa: BLE001
        errors["startup_bundle"] = f"{type(exc).__name__}: {exc}"

    results["errors"] = errors
    results["meta"] = {
        "quick": quick,
        "startup_runs": pairs,
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "cpus": os.cpu_count(),
        "seconds": round(time.perf_counter() - began, 1),
        "loadavg_1min_before": load_before,
        "loadavg_1min_after": _loadavg(),
    }
    return results


def _loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # pragma: no cover - Windows
        return None


def check_budgets(results: dict[str, Any]) -> list[str]:
    """One line per exceeded budget or failed measurement; empty when everything is within."""
    failures = []
    for path, limit, what in BUDGETS:
        value = _get(results, path)
        if isinstance(value, (int, float)) and value > limit:
            failures.append(f"{path} = {value:g} > {limit:g} ({what})")
    for part, message in (results.get("errors") or {}).items():
        failures.append(f"{part}: meting mislukt: {message}")
    return failures


def _fmt(value: Any, unit: str = "", digits: int = 3) -> str:
    if value is None:
        return "n.v.t."
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def format_table(results: dict[str, Any]) -> str:
    s, r, q, w, b = (results.get(k) or {} for k in ("startup", "rss", "search", "wizard", "bundle"))
    limits = {path: limit for path, limit, _ in BUDGETS}

    def status(path: str) -> str:
        value = _get(results, path)
        if not isinstance(value, (int, float)):
            return ""
        return "ok" if value <= limits[path] else "TE HOOG"

    rows = [
        ("figure", "app", "bare Qt / ref", "ratio", "budget", ""),
        ("start-up (median, s)", _fmt(s.get("app_s")), _fmt(s.get("baseline_s")), _fmt(s.get("ratio"), digits=2),
         "ratio <= 1.3", status("startup.ratio")),
        ("peak RSS (MB)", _fmt(r.get("app_mb"), digits=1), _fmt(r.get("baseline_mb"), digits=1),
         _fmt(r.get("ratio"), digits=2), "ratio <= 1.3", status("rss.ratio")),
        ("search p50 / p95 (ms)", f"{_fmt(q.get('p50_ms'))} / {_fmt(q.get('p95_ms'))}",
         f"{q.get('documents', '?')} docs", "", "p95 <= 5 ms", status("search.p95_ms")),
        ("search p95 10x (ms)", _fmt(q.get("p95_ms_10x")), f"{q.get('documents_10x', '?')} docs", "", "", ""),
        ("search p95 50x (ms)", _fmt(q.get("p95_ms_50x")), f"{q.get('documents_50x', '?')} docs", "",
         "p95 <= 30 ms", status("search.p95_ms_50x")),
        ("search index build (ms)", f"{_fmt(q.get('build_ms'), digits=1)}",
         f"10x {_fmt(q.get('build_ms_10x'), digits=1)} / 50x {_fmt(q.get('build_ms_50x'), digits=1)}", "", "", ""),
        ("wizard recompute p95 (ms)", _fmt(w.get("p95_ms")) if w else "n.v.t.", "", "", "p95 <= 5 ms",
         status("wizard.p95_ms")),
        ("content load+validate (s)", _fmt(results.get("content_load_s"), digits=4),
         f"{results.get('content_items', '?')} items", "", "", ""),
        ("bundle (MB)", _fmt(b.get("app_mb"), digits=1), _fmt(b.get("baseline_mb"), digits=1),
         _fmt(b.get("ratio"), digits=2), "ratio <= 0.8", status("bundle.ratio")),
    ]
    fb = results.get("startup_bundle")
    if fb:
        rows.append(("start-up bundle (median, s)", _fmt(fb.get("app_s")), _fmt(fb.get("baseline_s")),
                     _fmt(fb.get("ratio"), digits=2), "(information)", ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * wd for wd in widths))
    if b.get("note"):
        lines.append(f"bundle: {b['note']}")
    if s.get("app_reported_s") is not None:
        lines.append(
            f"start-up: {s.get('runs')} A/B pairs; minimum app {_fmt(s.get('app_min_s'))} s, bare "
            f"{_fmt(s.get('baseline_min_s'))} s; the app's own smoke-test figure (median) {_fmt(s.get('app_reported_s'))} s"
        )
    if q.get("queries"):
        lines.append(f"search: {q['queries']} prefix queries per pass")
    meta = results.get("meta") or {}
    lines.append(f"run took {meta.get('seconds', '?')} s ({'quick' if meta.get('quick') else 'full'})")
    busy = max((v for v in (meta.get("loadavg_1min_before"), meta.get("loadavg_1min_after")) if v is not None), default=None)
    if busy is not None and meta.get("cpus") and busy > 0.5 * meta["cpus"]:
        lines.append(
            f"note: the machine was busy (load average {busy:g} on {meta['cpus']} cpus): absolute times are "
            "inflated; the A/B ratios are less affected but noisier"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--report", action="store_true", help="print the figures, never fail on a budget")
    parser.add_argument("--quick", action="store_true", help="fewer runs (for the shape test)")
    parser.add_argument("--runs", type=int, default=None, help="start-up A/B pairs (default 15, quick 3)")
    parser.add_argument("--python", default=None, help="python that runs the app (default: this one)")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be 1 or more")

    def log(msg: str) -> None:
        if args.format == "text":
            print(f"  .. {msg}", file=sys.stderr, flush=True)

    results = collect(quick=args.quick, python=args.python, startup_pairs=args.runs, log=log)
    failures = check_budgets(results)
    results["budget_failures"] = failures
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(format_table(results))
        if failures:
            print("\nover budget / failed:" + ("  (report mode: not failing)" if args.report else ""))
            for line in failures:
                print(f"  - {line}")
        else:
            print("\nall budgets met")
    if failures and not args.report:
        if args.format == "json":
            for line in failures:
                print(f"over budget: {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
