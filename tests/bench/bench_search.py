"""Search speed: p50/p95 of `SearchIndex.search(q)` over queries typed prefix by prefix (real terms,
abbreviations, misspellings) on the real content, and on synthetic content 10x and 50x the real
content (clones of the real items with partly new words), so cost growth is visible. Also the
cost of making the index: building it in memory, and opening the prebuilt image instead."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import SyntheticStore, percentile

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



def _open_ms(store: Any) -> float:
    """Milliseconds to open the prebuilt image and answer a first query (a fresh connection)."""
    from routekaart_app.search.prebuilt import open_image

    t0 = time.perf_counter()
    index = open_image(store)
    if index is None:
        raise RuntimeError("the prebuilt search index is missing or stale")
    index.search("meldcode")
    return (time.perf_counter() - t0) * 1000


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
    from routekaart_app.content import snapshot

    current = snapshot.load(store.root)  # the store as the window has it
    result["open_ms"] = round(sorted(_open_ms(current or store) for _ in range(3))[1], 2)
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
        if scale == 50:
            from routekaart_app.search.prebuilt import write_image

            with tempfile.TemporaryDirectory(prefix="routekaart-bench-") as tmp:
                as_store = synthetic.as_content_store(Path(tmp))
                write_image(as_store)
                result["image_mb_50x"] = round((Path(tmp) / ".search.sqlite").stat().st_size / 2**20, 1)
                result["open_ms_50x"] = round(sorted(_open_ms(as_store) for _ in range(3))[1], 2)
        log(f"search: {scale}x ({len(big)} documents) done")
        del big
    return result


