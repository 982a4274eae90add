"""Content: median time of `load_content` on the bundled content (load + validate)."""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench_common import CONTENT_DIR


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

