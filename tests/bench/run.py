#!/usr/bin/env python3
"""Routekaart benchmarks with budgets, measured against a bare-Qt baseline in the same run.

    python tests/bench/run.py [--format json] [--report] [--quick]

One module per measurement (each says what it measures and how):

- bench_startup:  start-up and peak RSS, app smoke test / bare PySide6 window, A/B, from source
                  and for the frozen bundles (when build/build.py made both)
- bench_content:  load + validate the bundled content
- bench_search:   search p50/p95 typed prefix by prefix, real content and 10x/50x; index build and
                  opening the prebuilt image
- bench_quality:  search-quality hit rate (top 3) on tests/search_quality.py
- bench_ui:       keystroke -> results painted, link click -> page painted and the first search,
                  in the real MainWindow (offscreen, 1366x768), real content and 50x
- bench_wizard:   wizard recompute p95 after one changed answer
- bench_bundle:   bundle size against the bare baseline bundle (and the Windows bundle that
                  build/windows.sh built under Wine, dist/windows/, when present)

Budgets live in BUDGETS below. Without --report the exit code is 1 when a budget is exceeded (or
a measurement failed), with the failing figures named; --report prints the same and exits 0.
The module is importable: `collect(quick=...)`, `check_budgets(results)` and `main(argv)`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the measurement modules beside this one

import bench_bundle  # noqa: E402
import bench_content  # noqa: E402
import bench_quality  # noqa: E402
import bench_search  # noqa: E402
import bench_startup  # noqa: E402
import bench_ui  # noqa: E402
import bench_wizard  # noqa: E402
from bench_common import get as _get  # noqa: E402
from bench_common import loadavg as _loadavg  # noqa: E402
from bench_search import search_queries  # noqa: E402,F401 - part of the importable interface

#: (figure path in the results, limit, description); a limit is a maximum unless the description
#: starts with ">=" (a minimum). A figure that is null is not checked.
BUDGETS: list[tuple[str, float, str]] = [
    ("startup.ratio", 1.3, "start-up app / bare Qt"),
    ("startup_bundle.ratio", 1.2, "start-up frozen app / frozen bare Qt"),
    ("rss.ratio", 1.3, "peak RSS app / bare Qt"),
    ("search.p95_ms", 5.0, "search p95 on the real content (ms)"),
    ("search.p95_ms_50x", 30.0, "search p95 on 50x content (ms)"),
    ("quality.hit_rate", 0.95, ">= search-quality hit rate, top 3"),
    ("ui.key_p95_ms", 16.0, "keystroke -> painted p95, real content (ms)"),
    ("ui.key_p95_ms_50x", 33.0, "keystroke -> painted p95, 50x content (ms)"),
    ("ui.open_p95_ms", 16.0, "page open -> painted p95 (ms)"),
    ("ui.first_search_ms", 30.0, "first search after start -> painted, real content (ms)"),
    ("ui.first_search_ms_50x", 100.0, "first search after start -> painted, 50x content (ms)"),
    ("wizard.p95_ms", 5.0, "wizard recompute p95 (ms)"),
    ("bundle.ratio", 0.8, "bundle size / bare baseline bundle"),
    ("bundle_windows.ratio", 0.8, "Windows bundle size / bare baseline bundle (under Wine)"),
]


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
        "quality": {"hit_rate": None},
        "ui": {"key_p95_ms": None, "open_p95_ms": None, "first_search_ms": None},
        "wizard": None,
        "content_load_s": None,
        "bundle": {"app_mb": None, "baseline_mb": None, "ratio": None},
    }

    def step(name: str, measure: Callable[[], Any]) -> Any:
        try:
            return measure()
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            errors[name] = f"{type(exc).__name__}: {exc}"
            return None

    pairs = startup_pairs or (3 if quick else 25)
    # First, while this process is still idle.
    measured = step("startup", lambda: bench_startup.measure_startup(python, pairs, log))
    if measured:
        results["startup"], results["rss"] = measured
    # The frozen bundles straight after, with as many pairs: the same quiet moment for both budgets.
    results["startup_bundle"] = step("startup_bundle", lambda: bench_startup.measure_bundle_startup(pairs, log))
    results["ui"] = step("ui", lambda: bench_ui.measure(python, quick, log)) or results["ui"]

    loaded = step("content", lambda: bench_content.measure_content(3 if quick else 7))
    store = None
    if loaded:
        median_s, store, first_s = loaded
        results["content_load_s"] = round(median_s, 4)
        results["content_items"] = len(list(store.all_items()))
        results["content_load_first_s"] = round(first_s, 4)
        if store.problems:
            results["content_problems"] = len(store.problems)
        log("content: done")
    if store is not None:
        results["search"] = step("search", lambda: bench_search.measure_search(store, quick, log)) or results["search"]
        results["quality"] = step("quality", lambda: bench_quality.measure(store)) or results["quality"]
        results["wizard"] = step("wizard", lambda: bench_wizard.measure_wizard(store, quick, log))
        if "wizard" in errors:
            results["wizard"] = {"p95_ms": None}

    results["bundle"] = step("bundle", bench_bundle.measure_bundle) or results["bundle"]
    results["bundle_windows"] = step("bundle_windows", bench_bundle.measure_windows_bundle)

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


def _within(value: float, limit: float, what: str) -> bool:
    return value >= limit if what.startswith(">=") else value <= limit


def check_budgets(results: dict[str, Any]) -> list[str]:
    """One line per exceeded budget or failed measurement; empty when everything is within."""
    failures = []
    for path, limit, what in BUDGETS:
        value = _get(results, path)
        if isinstance(value, (int, float)) and not _within(value, limit, what):
            sign = "<" if what.startswith(">=") else ">"
            failures.append(f"{path} = {value:g} {sign} {limit:g} ({what.removeprefix('>= ')})")
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
    u, hq, fb = (results.get(k) or {} for k in ("ui", "quality", "startup_bundle"))
    bw = results.get("bundle_windows") or {}
    budgets = {path: (limit, what) for path, limit, what in BUDGETS}

    def status(path: str) -> str:
        value = _get(results, path)
        if not isinstance(value, (int, float)):
            return ""
        return "ok" if _within(value, *budgets[path]) else "TE HOOG" if not budgets[path][1].startswith(">=") else "TE LAAG"

    def budget(path: str, label: str) -> str:
        limit, what = budgets[path]
        return f"{label} {'>=' if what.startswith('>=') else '<='} {limit:g}"

    rows = [
        ("figure", "app", "bare Qt / ref", "ratio", "budget", ""),
        ("start-up (median s; paired ratio)", _fmt(s.get("app_s")), _fmt(s.get("baseline_s")), _fmt(s.get("ratio"), digits=2),
         budget("startup.ratio", "ratio"), status("startup.ratio")),
        ("start-up bundle (median s; paired)", _fmt(fb.get("app_s")), _fmt(fb.get("baseline_s")),
         _fmt(fb.get("ratio"), digits=2), budget("startup_bundle.ratio", "ratio"), status("startup_bundle.ratio")),
        ("peak RSS (MB)", _fmt(r.get("app_mb"), digits=1), _fmt(r.get("baseline_mb"), digits=1),
         _fmt(r.get("ratio"), digits=2), budget("rss.ratio", "ratio"), status("rss.ratio")),
        ("search p50 / p95 (ms)", f"{_fmt(q.get('p50_ms'))} / {_fmt(q.get('p95_ms'))}",
         f"{q.get('documents', '?')} docs", "", budget("search.p95_ms", "p95"), status("search.p95_ms")),
        ("search p95 10x (ms)", _fmt(q.get("p95_ms_10x")), f"{q.get('documents_10x', '?')} docs", "", "", ""),
        ("search p95 50x (ms)", _fmt(q.get("p95_ms_50x")), f"{q.get('documents_50x', '?')} docs", "",
         budget("search.p95_ms_50x", "p95"), status("search.p95_ms_50x")),
        ("index built in memory (ms)", _fmt(q.get("build_ms"), digits=1),
         f"10x {_fmt(q.get('build_ms_10x'), digits=1)} / 50x {_fmt(q.get('build_ms_50x'), digits=1)}", "", "", ""),
        ("prebuilt index opened + 1 query (ms)", _fmt(q.get("open_ms"), digits=1),
         f"50x {_fmt(q.get('open_ms_50x'), digits=1)} ({_fmt(q.get('image_mb_50x'), digits=1)} MB)", "", "", ""),
        ("search quality, top 3", _fmt(hq.get("hit_rate"), digits=3), f"{hq.get('queries', '?')} queries", "",
         budget("quality.hit_rate", "hit rate"), status("quality.hit_rate")),
        ("first search -> painted (ms)", _fmt(u.get("first_search_ms"), digits=1), "", "",
         budget("ui.first_search_ms", "real"), status("ui.first_search_ms")),
        ("first search 50x -> painted (ms)", _fmt(u.get("first_search_ms_50x"), digits=1), "", "",
         budget("ui.first_search_ms_50x", "50x"), status("ui.first_search_ms_50x")),
        ("keystroke -> painted p50 / p95 (ms)", f"{_fmt(u.get('key_p50_ms'), digits=1)} / {_fmt(u.get('key_p95_ms'), digits=1)}",
         f"{u.get('keystrokes', '?')} keys", "", budget("ui.key_p95_ms", "p95"), status("ui.key_p95_ms")),
        ("keystroke 50x p50 / p95 (ms)", f"{_fmt(u.get('key_p50_ms_50x'), digits=1)} / {_fmt(u.get('key_p95_ms_50x'), digits=1)}",
         f"{u.get('keystrokes_50x', '?')} keys", "", budget("ui.key_p95_ms_50x", "p95"), status("ui.key_p95_ms_50x")),
        ("page open -> painted p50 / p95 (ms)", f"{_fmt(u.get('open_p50_ms'), digits=1)} / {_fmt(u.get('open_p95_ms'), digits=1)}",
         f"{u.get('page_opens', '?')} clicks", "", budget("ui.open_p95_ms", "p95"), status("ui.open_p95_ms")),
        ("page open 50x p50 / p95 (ms)", f"{_fmt(u.get('open_p50_ms_50x'), digits=1)} / {_fmt(u.get('open_p95_ms_50x'), digits=1)}",
         f"{u.get('page_opens_50x', '?')} clicks", "", "(information)", ""),
        ("wizard recompute p95 (ms)", _fmt(w.get("p95_ms")) if w else "n.v.t.", "", "", budget("wizard.p95_ms", "p95"),
         status("wizard.p95_ms")),
        ("content load+validate (s)", _fmt(results.get("content_load_s"), digits=4),
         f"{results.get('content_items', '?')} items", "", "", ""),
        ("bundle (MB)", _fmt(b.get("app_mb"), digits=1), _fmt(b.get("baseline_mb"), digits=1),
         _fmt(b.get("ratio"), digits=2), budget("bundle.ratio", "ratio"), status("bundle.ratio")),
        ("bundle Windows (MB)", _fmt(bw.get("app_mb"), digits=1), _fmt(bw.get("baseline_mb"), digits=1),
         _fmt(bw.get("ratio"), digits=2), budget("bundle_windows.ratio", "ratio"), status("bundle_windows.ratio")),
    ]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * wd for wd in widths))
    if b.get("note"):
        lines.append(f"bundle: {b['note']}")
    if not fb:
        lines.append("start-up bundle: n.v.t. (build/build.py has not made both frozen bundles)")
    if s.get("app_reported_s") is not None:
        lines.append(
            f"start-up: {s.get('runs')} A/B pairs; ratio = median of the pairs' ratios (ratio of the medians "
            f"{_fmt(s.get('ratio_of_medians'), digits=3)}, bundle {_fmt(fb.get('ratio_of_medians'), digits=3)}); minimum app "
            f"{_fmt(s.get('app_min_s'))} s, bare {_fmt(s.get('baseline_min_s'))} s; the app's own smoke-test figure "
            f"(median) {_fmt(s.get('app_reported_s'))} s"
        )
    if q.get("queries"):
        lines.append(f"search: {q['queries']} prefix queries per pass")
    for miss in hq.get("misses") or []:
        lines.append(f"search quality miss: {miss}")
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
    parser.add_argument("--runs", type=int, default=None, help="start-up A/B pairs (default 25, quick 3)")
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
