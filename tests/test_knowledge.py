"""The knowledge base: what `routekaart inventory` reports, links, pages, regional definitions."""

from __future__ import annotations

import datetime as _dt
import json

import pytest

from conftest import run_cli
from routekaart_app.content.inventory import inventory
from routekaart_app.content.models import internal_links
from routekaart_app.content.render import PageRenderer
from routekaart_app.search import SearchIndex

HAAGLANDEN = {
    "Den Haag", "Leidschendam-Voorburg", "Rijswijk", "Wassenaar", "Zoetermeer",
    "Delft", "Midden-Delfland", "Pijnacker-Nootdorp", "Westland",
}
HOLLANDS_MIDDEN = {
    "Alphen aan den Rijn", "Hillegom", "Kaag en Braassem", "Katwijk", "Leiden", "Leiderdorp", "Lisse",
    "Nieuwkoop", "Noordwijk", "Oegstgeest", "Teylingen", "Voorschoten", "Zoeterwoude",
    "Bodegraven-Reeuwijk", "Gouda", "Krimpenerwaard", "Waddinxveen", "Zuidplas",
}
FLAGS = [
    "stalking", "death_threat", "weapons", "recent_violence", "pregnancy_violence", "forced_sex",
    "withholding_care", "strangulation", "extreme_fear", "afraid_to_speak", "escalation",
]


@pytest.fixture(scope="module")
def inv(store):
    return inventory(store)


def test_inventory_cli_json_shape():
    result = run_cli("inventory", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("terms", "municipalities", "red_flags", "meldcode_steps", "afwegingsvragen", "interventions",
                "missing_sources", "not_filled_in", "stale", "sources"):
        assert key in data, key
    assert {"id", "title", "regions"} <= set(data["terms"][0])
    assert {"name", "region", "subregion"} <= set(data["municipalities"][0])


def test_27_municipalities_with_the_right_regions(inv):
    by_region = {}
    for mun in inv["municipalities"]:
        by_region.setdefault(mun["region"], set()).add(mun["name"])
    assert by_region == {"Haaglanden": HAAGLANDEN, "Hollands Midden": HOLLANDS_MIDDEN}


def test_counts_and_ids(inv, store):
    assert [f["id"] for f in inv["red_flags"]] == FLAGS
    assert len(inv["meldcode_steps"]) == 5 and [s["number"] for s in inv["meldcode_steps"]] == [1, 2, 3, 4, 5]
    assert len(inv["afwegingsvragen"]) == 5 and [s["number"] for s in inv["afwegingsvragen"]] == [1, 2, 3, 4, 5]
    assert len(inv["terms"]) >= 50
    assert inv["missing_sources"] == []
    # Nothing was stale on the content's own date; the real date must not make this test fail.
    assert inventory(store, today=store.meta.date)["stale"] == []
    interventions = {i["id"] for i in inv["interventions"]}
    assert {"interventie_icm", "interventie_mda_plus_plus", "interventie_partnerstalking", "interventie_plegerhulp",
            "interventie_csg", "interventie_huisverbod", "interventie_vrouwenopvang"} <= interventions


def test_not_filled_in_is_explicit_never_invented(inv, store):
    # The sources name no local team phone numbers: every one must say so rather than hold a guess.
    phones = {m.local_team.phone for m in store.municipalities.values()}
    assert phones == {"niet ingevuld"}
    assert any(entry["field"] == "local_team.phone" for entry in inv["not_filled_in"])


def test_afwegingskader_as_in_the_brief(store):
    q = {p.number: p for p in store.pages_of_kind("afwegingsvraag")}
    assert "afsluiten" in q[1].if_no.lower() or "sluit" in q[1].if_no.lower()
    for n in (2,):
        assert "meld" in q[n].if_yes.lower()
    for n in (3, 4, 5):
        assert "meld" in q[n].if_no.lower()


def test_meldcode_is_no_duty_to_report(store):
    text = store.pages["meldcode_overzicht"].body.lower()
    assert "meldplicht" in text


def test_every_internal_link_resolves(store):
    ids = store.ids()
    for item in store.all_items():
        for text in item.markdown_fields():
            for target in internal_links(text):
                assert target in ids, (item.id, target)
        for target in getattr(item, "related", []):
            assert target in ids, (item.id, target)


def test_every_municipality_page_renders(store):
    renderer = PageRenderer(store)
    for mun in store.municipalities.values():
        html = renderer.render(mun.id, mun.region)
        assert mun.name in html and "Veilig Thuis" in html and "Lokaal team" in html, mun.id
        assert "Niet gevonden" not in html


def test_terms_with_two_regional_definitions(store):
    for term in ("femicide", "mda_plus_plus", "intieme_terreur", "huiselijk_geweld"):
        regions = {d.region for d in store.pages[term].definitions}
        assert regions == {"Haaglanden", "Hollands Midden"}, term


@pytest.mark.parametrize(
    "flag, word",
    [
        ("stalking", "stalking"), ("death_threat", "doodsbedreiging"), ("weapons", "wapens"),
        ("recent_violence", "recent"), ("pregnancy_violence", "zwangerschap"), ("forced_sex", "seks"),
        ("withholding_care", "zorg onthouden"), ("strangulation", "verwurging"), ("extreme_fear", "angst"),
        ("afraid_to_speak", "durft niet"), ("escalation", "toenemend"),
    ],
)
def test_search_finds_each_red_flag_by_a_plain_word(store, flag, word):
    hits = SearchIndex.build(store).search(word, limit=10)
    assert flag in [h.id for h in hits], (word, [h.id for h in hits])


def test_gui_shows_both_regional_definitions_own_region_first(qtbot):
    from test_ui_main import make_window

    window = make_window(qtbot)
    for municipality, own, other in (("leiden", "Hollands Midden", "Haaglanden"), ("rijswijk", "Haaglanden", "Hollands Midden")):
        window.set_municipality(municipality)
        for term in ("femicide", "mda_plus_plus", "intieme_terreur", "huiselijk_geweld"):
            window.open_item(term)
            text = window.reader.toPlainText()
            assert text.index(f"Definitie {own}") < text.index(f"Definitie {other} (andere regio)"), term


def test_stale_items_are_listed_a_year_after_their_review(store):
    # `today` is a parameter: the same content is current on its own date and stale a year later.
    reviewed = max(item.reviewed for item in store.all_items())
    assert inventory(store, today=reviewed)["stale"] == []
    later = inventory(store, today=reviewed.replace(year=reviewed.year + 1, day=min(reviewed.day, 28)) + _dt.timedelta(days=31))
    assert set(later["stale"]) == {item.id for item in store.all_items()}


def test_inventory_lists_every_source_with_what_relies_on_it(inv, store):
    keys = [s["key"] for s in inv["sources"]]
    assert keys == list(store.meta.sources)
    by_key = {s["key"]: s for s in inv["sources"]}
    assert "femicide" in by_key["003_efaaea29263f0136.txt"]["items"]
    assert {s["kind"] for s in inv["sources"]} <= {"regionaal", "project", "landelijk"}
    text = run_cli("inventory").stdout
    assert "bronnen:" in text and "003_efaaea29263f0136.txt" in text
