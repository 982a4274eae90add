"""The benchmark script's JSON has the agreed shape (no timing assertions: budgets live in the script)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "bench" / "run.py"


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_bench_quick_json_shape():
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--format", "json", "--report"],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(proc.stdout)

    for key in ("startup", "rss", "search", "quality", "ui", "wizard", "content_load_s", "bundle"):
        assert key in data, key
    errors = data.get("errors") or {}
    for part in ("startup", "search", "content", "quality", "ui"):
        assert part not in errors, errors

    startup = data["startup"]
    for key in ("app_s", "baseline_s", "ratio"):
        assert _positive(startup[key]), (key, startup)

    rss = data["rss"]
    assert set(rss) >= {"app_mb", "baseline_mb", "ratio"}
    if hasattr(os, "wait4"):
        for key in ("app_mb", "baseline_mb", "ratio"):
            assert _positive(rss[key]), (key, rss)

    search = data["search"]
    for key in ("p50_ms", "p95_ms", "p95_ms_10x", "p95_ms_50x"):
        assert _positive(search[key]), (key, search)

    assert 0 < data["quality"]["hit_rate"] <= 1 and data["quality"]["queries"] >= 60, data["quality"]
    ui = data["ui"]
    for key in ("first_search_ms", "key_p50_ms", "key_p95_ms", "open_p95_ms", "first_search_ms_50x", "key_p95_ms_50x"):
        assert _positive(ui[key]), (key, ui)
    assert ui["keystrokes"] >= 100 and ui["page_opens"] >= 10, ui

    wizard = data["wizard"]
    assert wizard is None or (isinstance(wizard, dict) and "p95_ms" in wizard)
    if wizard is not None and "wizard" not in errors:
        assert _positive(wizard["p95_ms"]), wizard

    assert _positive(data["content_load_s"])

    bundle = data["bundle"]
    assert isinstance(bundle, dict) and set(bundle) >= {"app_mb", "baseline_mb", "ratio"}
    for key in ("app_mb", "baseline_mb", "ratio"):
        assert bundle[key] is None or _positive(bundle[key]), (key, bundle)

    frozen = data.get("startup_bundle")  # null until build/build.py made both bundles
    assert "startup_bundle" not in errors, errors
    assert frozen is None or all(_positive(frozen[key]) for key in ("app_s", "baseline_s", "ratio")), frozen

    assert isinstance(data.get("budget_failures"), list)


def test_bench_is_importable_and_budgets_name_the_figure():
    import importlib.util

    spec = importlib.util.spec_from_file_location("routekaart_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert len(bench.search_queries()) >= 300
    within = {"startup": {"ratio": 1.0}, "rss": {"ratio": 1.0}, "search": {"p95_ms": 1.0, "p95_ms_50x": 1.0},
              "wizard": None, "bundle": {"ratio": None}, "errors": {}}
    assert bench.check_budgets(within) == []
    over = {**within, "search": {"p95_ms": 9.0, "p95_ms_50x": 1.0}}
    failures = bench.check_budgets(over)
    assert len(failures) == 1 and failures[0].startswith("search.p95_ms ")
    low = {**within, "quality": {"hit_rate": 0.9}}  # a minimum: below it fails
    assert [f.split(" ")[0] for f in bench.check_budgets(low)] == ["quality.hit_rate"]
