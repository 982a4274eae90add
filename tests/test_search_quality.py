"""Search quality on the real content: the set in search_quality.py (queries as professionals type
them), the expected page in the top 3 for at least 95 % of them. Misses are printed."""

from __future__ import annotations

from routekaart_app.content import load_for_app
from routekaart_app.search import SearchIndex
from routekaart_app.search.prebuilt import open_index
from search_quality import MIN_HIT_RATE, QUERIES, evaluate


def test_the_set_is_large_and_names_real_pages():
    store = load_for_app(None).store
    assert len(QUERIES) >= 60
    assert len({q for q, _, _ in QUERIES}) == len(QUERIES), "a query twice"
    assert {who for _, _, who in QUERIES} == {"AF", "TR", "WT"}
    unknown = [expected for _, expected, _ in QUERIES if store.item(expected) is None]
    assert not unknown, unknown


def test_hit_rate_top_3():
    store = load_for_app(None).store
    for index in (open_index(store), SearchIndex.build(store)):  # the prebuilt image and in memory
        rate, misses = evaluate(index)
        assert rate >= MIN_HIT_RATE, f"hit rate {rate:.1%}; misses: {misses}"


def test_word_forms_are_validated(content_copy):
    from routekaart_app.content import load_content

    meta = content_copy / "content.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("word_forms:\n", "word_forms:\n  - [alleen]\n  - [twee woorden, x]\n", 1), encoding="utf-8")
    problems = [str(p) for p in load_content(content_copy).problems]
    assert any("content.yaml" in p and "word_forms" in p for p in problems), problems
