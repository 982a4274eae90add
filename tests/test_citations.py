"""Citations a reviewer can check line by line: each cited section of a seed document exists and
mentions what it is cited for; the source registry is complete.

The checks against the documents run when `../shared/sources` is present (it is in CI, where the
repository is cloned with a copy of `shared/` beside it; `ROUTEKAART_SOURCES` overrides the place).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONTENT
from routekaart_app.content.citations import (
    SourceDocument,
    check_citations,
    collect_citations,
    default_sources_dir,
    mentions,
)
from routekaart_app.content.loader import load_content

SOURCES = default_sources_dir(CONTENT)
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"no seed documents at {SOURCES}")

H = "003_efaaea29263f0136.txt"
HM = "002_6eb6868760bdc796.txt"

# ---------------------------------------------------------------------------------------------
# The whole content


@needs_sources
def test_every_seed_citation_names_a_section_that_says_it(store):
    problems = check_citations(store, SOURCES)
    assert not problems, "\n" + "\n".join(map(str, problems))


@needs_sources
def test_the_check_reads_every_kind_of_content(store):
    paths = {c.path.split("/")[0] for c in collect_citations(store)}
    assert {"content.yaml", "begrippen", "meldcode", "rode_vlaggen", "routekaart", "interventies",
            "achtergrond", "regios", "oefencasussen"} <= paths
    fields = {c.field.split(" ")[0] for c in collect_citations(store)}
    assert {"sources", "contacts.sources", "local_team.sources", "veilig_thuis.sources"} <= fields
    assert any(f.startswith("definitions") for f in fields)


# ---------------------------------------------------------------------------------------------
# Planted mistakes fail, with file:line: field: what


def _plant_page(content: Path, sources: list[str], title: str = "Bouwstenen", extra: str = "") -> Path:
    page = content / "routekaart" / "geplant.md"
    refs = "".join(f"  - {ref}\n" for ref in sources)
    page.write_text(
        f"---\nid: geplant\ntitle: {title}\nsources:\n{refs}reviewed: 2026-11-23\n{extra}---\nTekst.\n",
        encoding="utf-8",
    )
    return page


@needs_sources
def test_a_planted_wrong_section_fails(content_copy):
    _plant_page(content_copy, [f"{H} §2.3"])
    problems = [str(p) for p in check_citations(load_content(content_copy), SOURCES)]
    assert f'routekaart/geplant.md:5: sources: "{H} §2.3" does not mention bouwstenen (item geplant)' in problems


@needs_sources
def test_a_right_section_passes_and_cites_keywords_count(content_copy):
    _plant_page(content_copy, [f"{H} §5.4"])  # §5.4 names the bouwstenen of Beter Samenspel
    assert not [p for p in check_citations(load_content(content_copy), SOURCES) if "geplant" in p.path]
    # The title is not in §4.3, but a keyword the item declares is.
    _plant_page(content_copy, [f"{H} §4.3"], extra="cites: [slachtofferdevice]\n")
    assert not [p for p in check_citations(load_content(content_copy), SOURCES) if "geplant" in p.path]


@needs_sources
def test_a_missing_section_and_a_bare_key_fail(content_copy):
    _plant_page(content_copy, [f"{H} §9.9", H, f"{HM} Bijlage 7", f"{HM} brief Rotterdam"])
    problems = [str(p) for p in check_citations(load_content(content_copy), SOURCES) if "geplant" in p.path]
    assert len(problems) == 4, problems
    assert f"routekaart/geplant.md:5: sources: \"{H} §9.9\": paragraaf '§9.9' bestaat niet" in problems[0]
    assert f'routekaart/geplant.md:6: sources: "{H}" noemt geen paragraaf' in problems[1]
    assert "'Bijlage 7' bestaat niet" in problems[2] and "'brief Rotterdam' bestaat niet" in problems[3]


@needs_sources
def test_planted_citations_in_regions_definitions_and_contacts_are_checked(content_copy):
    yaml_file = content_copy / "content.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    text = re.sub(r"(- id: politie\n(?:    .*\n)*?    sources: )\[[^\]]*\]", rf"\1[{H} §4.4]", text)
    yaml_file.write_text(text, encoding="utf-8")
    region = content_copy / "regios" / "haaglanden.yaml"
    text = region.read_text(encoding="utf-8")
    text = text.replace("  - id: rijswijk\n", "  - id: rijswijk\n    cites: []\n", 1)
    text = re.sub(r"(- id: rijswijk\n(?:    .*\n)*?      sources: )\[[^\]]*\]", rf"\1[{H} §5.3]", text, count=1)
    region.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check_citations(load_content(content_copy), SOURCES)]
    assert any(p.startswith("content.yaml:") and "contacts.sources" in p and "§4.4" in p for p in problems), problems
    assert any(p.startswith("regios/haaglanden.yaml:") and "local_team.sources" in p and "§5.3" in p for p in problems), problems


@needs_sources
def test_planted_citations_in_the_flow_and_cases_are_checked(content_copy):
    case = sorted((content_copy / "oefencasussen").glob("*.yaml"))[0]
    text = case.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^sources:(?: .*|\n(?:  - .*\n)+)", f"sources: [{H} §5.3]\n", text, count=1)
    case.write_text(text, encoding="utf-8")
    store = load_content(content_copy)
    problems = [p for p in check_citations(store, SOURCES) if p.path == f"oefencasussen/{case.name}"]
    assert problems and "§5.3" in problems[0].message and problems[0].line
    flow = collect_citations(store)
    assert any(c.path == "wizard/flow.yaml" and c.line for c in flow) or not store.extras.get("wizard")


# ---------------------------------------------------------------------------------------------
# Splitting the documents into sections


@needs_sources
def test_sections_of_the_haaglanden_regiovisie():
    doc = SourceDocument.open(SOURCES / H)
    labels = doc.labels()
    for n in ("§1.1", "§2.2", "§2.3", "§3.3", "§4.1", "§4.2", "§4.3", "§4.4", "§5.1", "§5.4", "§5.6", "§6.3"):
        assert n in labels
    assert "Bijlage I" in labels
    line, text = doc.section("§4.2")
    assert "MDA++" in text and "(Ex-)partnerstalking" not in text
    # A numbered list inside a section is not a new section.
    _, manifest = doc.section("§5.2")
    assert "Het instrument reviews" in manifest
    _, glossary = doc.section("Begrippenlijst")
    assert "Centrum Seksueel Geweld" in glossary
    _, bijlage = doc.section("Bijlage I")
    assert "Begrippen- en afkortingenlijst" not in bijlage
    assert doc.section("§9.1") is None


@needs_sources
def test_sections_of_hollands_midden_with_its_letters(store):
    parts = store.meta.sources[HM].parts
    doc = SourceDocument.open(SOURCES / HM, parts)
    assert not doc.missing_parts
    _, letter = doc.section("raadsbrief Voorschoten")
    assert "Voorschoten voor Elkaar" in letter and "1 Inleiding" not in letter
    _, leiden = doc.section("brief Leiden")
    assert "Holland Rijnland en Midden-Holland" in leiden and "ASDV" not in leiden
    _, bijlage2 = doc.section("Bijlage 2")
    assert "Zienswijze" not in bijlage2
    _, glossary = doc.section("Bijlage 1")
    assert doc.section("Begrippenlijst")[1] == glossary
    _, sub = doc.section("§3.2")
    assert "Eerder en beter in beeld" in sub  # the numbered list stays inside §3.2


@needs_sources
def test_unnumbered_headings_and_paragraph_markers():
    reply = SourceDocument.open(SOURCES / "001_a3942cdb557214fd.txt")
    _, teams = reply.section("Lokale teams")
    assert "Toekomstscenario" in teams and "proeftuin" not in teams.lower()
    council = SourceDocument.open(SOURCES / "000_3145044411cb168d.txt")
    _, para = council.section("1b")
    assert "DUVO" in para and "1c." not in para
    _, money = council.section("Financiële gevolgen")
    assert "Veilig Verder Team" in money
    brief = SourceDocument.open(SOURCES.parent / "domain" / "brief.md")
    _, regions = brief.section("The two regions")
    assert "Holland Rijnland" in regions and "Regional definitions" not in regions


def test_sections_from_text_without_the_documents():
    doc = SourceDocument("x.txt", "1. Inleiding\nTekst.\n\n1.1. Eerste\nAlpha.\n1. Een lijstje\n1.2. Tweede\nBeta.\n")
    assert "Alpha" in doc.section("§1.1")[1] and "Een lijstje" in doc.section("§1.1")[1]
    assert "Beta" not in doc.section("§1.1")[1]
    assert "Beta" in doc.section("§1")[1]


# ---------------------------------------------------------------------------------------------
# What counts as mentioning


def test_mentions_is_fair_but_not_toothless():
    assert mentions("De Oranje Huis-aanpak, 2022", ["Oranje Huis aanpak"])
    assert mentions("Pijnacker-\nNootdorp", ["Pijnacker-Nootdorp"])
    assert mentions("maatschappe-\nlijke opvang", ["maatschappelijke opvang"])
    assert mentions("Zorg- en Veiligheidshuis", ["zorg en veiligheidshuis"])
    assert mentions("(Ex-)partnerstalking", ["ex-partnerstalking"])
    assert mentions("financiële uitbuiting", ["Financiele Uitbuiting"])
    assert mentions("veiligheidsplannen opgesteld", ["veiligheidsplan"])  # plural
    assert mentions("MDA++ is", ["MDA++"])
    assert not mentions("afgelopen jaren", ["AF"])  # a short word is a whole word
    assert not mentions("de lokale kamer", ["lokaal team"])
    assert not mentions("Signs of Safety", ["bouwstenen"])


# ---------------------------------------------------------------------------------------------
# The registry: national sources are findable, every key is registered


def _problems(content: Path) -> list[str]:
    return [str(p) for p in load_content(content).problems]


def test_a_national_source_needs_publisher_year_and_address(content_copy):
    meta = content_copy / "content.yaml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace("sources:\n", "sources:\n  zonder_adres:\n    title: Een landelijke bron zonder gegevens\n", 1)
    meta.write_text(text, encoding="utf-8")
    problems = [p for p in _problems(content_copy) if "zonder_adres" in p]
    assert any("sources.zonder_adres.publisher" in p for p in problems), problems
    assert any("sources.zonder_adres.year" in p for p in problems), problems
    assert any("sources.zonder_adres.url" in p for p in problems), problems
    assert all(p.startswith("content.yaml:") for p in problems)


def test_every_national_source_in_the_content_is_complete(store):
    for key, info in store.meta.sources.items():
        if not info.file:
            assert info.publisher and re.search(r"\b(19|20)\d\d\b", info.year), key
            assert info.url.startswith(("https://", "http://")), key


@pytest.mark.parametrize(
    "where, old, new",
    [
        ("begrippen/femicide.md", "sources:\n", "sources:\n  - onbekende_bron §1\n"),
        ("regios/haaglanden.yaml", "  - id: rijswijk\n", "  - id: rijswijk\n    sources: [onbekende_bron]\n"),
        ("content.yaml", "    sources: [landelijk]\n", "    sources: [onbekende_bron]\n"),
    ],
)
def test_unregistered_keys_are_rejected(content_copy, where, old, new):
    path = content_copy / where
    text = path.read_text(encoding="utf-8")
    if where.startswith("regios"):
        # Replace the municipality's own sources list rather than adding a second one.
        text = re.sub(r"(- id: rijswijk\n(?:    .*\n)*?    sources:)\n(      - .*\n)+", r"\1 [onbekende_bron]\n", text, count=1)
    else:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    problems = [p for p in _problems(content_copy) if "onbekende_bron" in p]
    assert problems and all(p.startswith(where) for p in problems), problems


def test_unregistered_keys_in_definitions_services_flow_and_cases_are_rejected(content_copy):
    edits = {
        "begrippen/femicide.md": ("region: Haaglanden\n", None),
        "regios/hollands_midden.yaml": ("    sources: [002_6eb6868760bdc796.txt Bijlage 2]\n", "    sources: [onbekende_bron]\n"),
    }
    femicide = content_copy / "begrippen" / "femicide.md"
    text = femicide.read_text(encoding="utf-8")
    text = re.sub(r"(region: Haaglanden\n(?:\s+text:.*\n(?:\s{6,}.*\n)*)?\s+sources: )\[[^\]]*\]", r"\1[onbekende_bron]", text, count=1)
    femicide.write_text(text, encoding="utf-8")
    path = content_copy / "regios" / "hollands_midden.yaml"
    old, new = edits["regios/hollands_midden.yaml"]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    case = sorted((content_copy / "oefencasussen").glob("*.yaml"))[0]
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"(?m)^sources:(?: .*|\n(?:  - .*\n)+)", "sources: [onbekende_bron]\n", text, count=1), encoding="utf-8")
    flow = content_copy / "wizard" / "flow.yaml"
    text = flow.read_text(encoding="utf-8")
    flow.write_text(text.replace("sources: [landelijk]", "sources: [onbekende_bron]", 1), encoding="utf-8")
    problems = [p for p in _problems(content_copy) if "onbekende_bron" in p]
    where = {p.split(":", 1)[0] for p in problems}
    assert {"begrippen/femicide.md", "regios/hollands_midden.yaml", f"oefencasussen/{case.name}", "wizard/flow.yaml"} <= where, problems
