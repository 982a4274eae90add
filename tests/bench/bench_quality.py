"""Search quality: the share of tests/search_quality.py's queries whose expected page is in the
top 3 on the real content, through the index the window uses (the prebuilt image when current)."""

from __future__ import annotations

import sys
from typing import Any

from bench_common import ROOT


def measure(store: Any) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from search_quality import QUERIES, evaluate
    finally:
        sys.path.remove(str(ROOT / "tests"))
    from routekaart_app.content import snapshot
    from routekaart_app.search.prebuilt import open_index

    rate, misses = evaluate(open_index(snapshot.load(store.root) or store))
    return {
        "hit_rate": round(rate, 4),
        "queries": len(QUERIES),
        "misses": [f"{query!r}: {expected} niet in top 3 ({', '.join(top)})" for query, expected, top in misses],
    }
