"""Practice cases (oefencasussen): regression tests of the decision logic, the CLI, broken files.

Every case's `expected` must equal, exactly and in order, what the engine recommends for its facts.
When this fails, either the case or the decision logic (content/wizard/flow.yaml) is wrong: decide
which, and change that one on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CONTENT, run_cli
from routekaart_app.advice import Advisor
from routekaart_app.content import load_content

_STORE = load_content(CONTENT)
CASES = list(_STORE.extras.get("oefencasussen") or [])
CASE_IDS = [c.id for c in CASES]
FOLDER = "oefencasussen"


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor(_STORE)


# ---------------------------------------------------------------------------------------------
# The bundled cases


def test_bundled_cases_load_without_problems():
    problems = [str(p) for p in _STORE.problems if p.path.startswith(FOLDER)]
    assert problems == []
    assert len(CASES) >= 12, CASE_IDS
    assert len(set(CASE_IDS)) == len(CASE_IDS)


def test_cases_cover_both_regions_and_a_pair():
    assert {c.region for c in CASES} == {"Haaglanden", "Hollands Midden"}
    by_id = {c.id: c for c in CASES}
    pairs = [(c, by_id[c.pair]) for c in CASES if c.pair]
    assert pairs, "geen casus met een pair (zelfde situatie in de andere regio)"
    for case, other in pairs:
        assert other.pair == case.id
        assert other.region != case.region
        # The same situation: only the municipality differs in the facts.
        strip = lambda facts: {k: v for k, v in facts.items() if k != "municipality"}  # noqa: E731
        assert strip(case.facts) == strip(other.facts), (case.id, other.id)
        assert case.expected != other.expected, "een pair hoort te laten zien wat er per regio verschilt"


def test_cases_cover_the_themes_of_the_brief():
    """Each theme the trainers asked for has at least one case (by its facts or its words)."""
    def text(case) -> str:
        return " ".join([case.title, case.summary, *case.parts]).casefold()

    themes = {
        "school of kinderopvang": lambda c: (
            any(w in text(c) for w in ("school", "kinderdagverblijf", "opvang")) and c.facts.get("children_involved")
        ),
        "partnergeweld met rode vlaggen": lambda c: c.facts.get("red_flags") and "partner" in text(c),
        "stalking na scheiding": lambda c: "stalking" in (c.facts.get("red_flags") or []) and c.facts.get("separation"),
        "ouderen en financiële uitbuiting": lambda c: "bankpas" in text(c) or "uitbuiting" in text(c),
        "eergerelateerd geweld of huwelijksdwang": lambda c: "trouwen" in text(c) or "huwelijk" in text(c),
        "vgv voor een zomerreis": lambda c: "besnijdenis" in text(c) or "besneden" in text(c),
        "complexe scheiding met intieme terreur": lambda c: "scheiding" in text(c) and "omgangsregeling" in text(c),
        "recent seksueel geweld": lambda c: c.facts.get("sexual_violence_within_7_days") is True,
        "mda++": lambda c: (c.facts.get("prior_reports") or 0) >= 2 and c.facts.get("regular_help_stuck") is True,
        "pleger vraagt hulp": lambda c: c.facts.get("perpetrator_motivated") is True,
    }
    missing = [name for name, test in themes.items() if not any(test(c) for c in CASES)]
    assert missing == []


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_case_expected_equals_engine(advisor, case):
    """The case is a regression test: the engine's recommendations, exactly and in order."""
    outcome = advisor.advise(advisor.parse(case.facts), advisor.open_facts(case.facts))
    assert outcome.ids == case.expected, (
        f"{case.path}: de beslisboom geeft {outcome.ids}, de casus verwacht {case.expected}"
    )
    assert outcome.conditional_ids == case.expected_conditional, (
        f"{case.path}: voorwaardelijk geeft de beslisboom {outcome.conditional_ids}, de casus verwacht {case.expected_conditional}"
    )
    assert outcome.region == case.region


def test_cases_load_the_same_on_a_snapshot_store(content_copy):
    """The window starts from a snapshot; the cases then load on first use, with the same outcome."""
    from routekaart_app.content import snapshot

    snapshot.write(content_copy)
    fast = snapshot.load(content_copy)
    assert fast is not None
    cases = fast.extras[FOLDER]
    assert [c.id for c in cases] == CASE_IDS and not fast.problems, fast.problems
    advisor = Advisor(fast)
    assert all(advisor.advise(advisor.parse(c.facts), advisor.open_facts(c.facts)).ids == c.expected for c in cases)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_case_walks_the_wizard_with_its_model_answers(advisor, case):
    """Answering the wizard with the model answers reaches the end, and every asked question has one."""
    flow = advisor.flow
    answers = {qid: m.answer for qid, m in case.model_answers.items()}
    path, pending = advisor.walk(answers)
    assert pending is None, f"{case.path}: geen modelantwoord bij vraag '{pending.id}'"
    asked = [q.id for q in path]
    assert set(asked) <= set(case.model_answers)
    assert asked[0] == flow.start


# ---------------------------------------------------------------------------------------------
# The CLI


def test_cli_cases_json_lists_every_case():
    result = run_cli("cases", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == CASE_IDS
    for row in rows:
        assert {"id", "title", "region", "facts", "expected"} <= set(row)
        assert row["region"] in ("Haaglanden", "Hollands Midden")
        assert row["engine"] == row["expected"] and row["matches"] is True, row["id"]


def test_cli_case_facts_go_straight_into_advise():
    """The facts object is exactly what `routekaart advise` takes (checked on the regional pair)."""
    rows = json.loads(run_cli("cases", "--format", "json").stdout)
    paired = [r for r in rows if r.get("pair")][:2]
    assert paired
    for row in paired:
        result = run_cli("advise", "--facts", "-", "--format", "json", input=json.dumps(row["facts"]))
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        assert [r["id"] for r in out["recommendations"]] == row["expected"], row["id"]
        assert [r["id"] for r in out["conditional"]] == row["expected_conditional"], row["id"]


def test_cli_cases_text_is_a_table():
    result = run_cli("cases")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "regio", "gemeente"]
    for case_id in CASE_IDS:
        assert any(line.startswith(case_id) for line in lines), case_id
    assert f"{len(CASE_IDS)} oefencasussen" in result.stdout


def test_cli_cases_skips_a_broken_case_and_says_so(content_copy):
    write(content_copy / FOLDER / "kapot.yaml", GOOD_CASE.replace("  suspicion: false\n", "  suspicon: false\n", 1))
    result = run_cli("cases", "--format", "json", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    assert "testcasus" not in [r["id"] for r in json.loads(result.stdout)]
    assert "oefencasussen" in result.stderr


# ---------------------------------------------------------------------------------------------
# The loader: a broken case file names the file and the field, and is skipped.

GOOD_CASE = """\
id: testcasus
title: Testcasus
region: Hollands Midden
municipality: Gouda
parts:
  - Deel een.
  - Deel twee.
facts:
  municipality: Gouda
  acute_danger: false
  red_flags: []
  suspicion: false
model_answers:
  municipality: {answer: Gouda, explanation: De gemeente.}
  acute_danger: {answer: false, explanation: Geen gevaar.}
  red_flags: {answer: [], explanation: Geen rode vlaggen.}
  suspicion: {answer: false, explanation: Geen vermoeden.}
expected: [close_and_record]
discussion:
  - Eerste vraag?
  - Tweede vraag?
sources: [basismodel_meldcode afwegingskader]
reviewed: 2026-01-01
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_with(content_copy: Path, text: str, name: str = "testcasus.yaml"):
    rel = f"{FOLDER}/{name}"
    write(content_copy / rel, text)
    store = load_content(content_copy)
    found = [p for p in store.problems if p.path == rel]
    loaded = [c.id for c in store.extras.get(FOLDER, [])]
    return store, found, loaded, rel


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_good_case_loads_and_runs(content_copy):
    store, found, loaded, _ = load_with(content_copy, GOOD_CASE)
    assert found == [] and store.ok, store.problems
    assert "testcasus" in loaded
    case = next(c for c in store.extras[FOLDER] if c.id == "testcasus")
    advisor = Advisor(store)
    assert advisor.advise(advisor.parse(case.facts)).ids == case.expected


def test_bad_fact_key_names_file_field_and_line(content_copy):
    text = GOOD_CASE.replace("  suspicion: false\nmodel", "  suspicon: false\nmodel")
    store, found, loaded, rel = load_with(content_copy, text)
    assert [(p.field, p.line) for p in found] == [("facts.suspicon", line_of(text, "suspicon"))]
    assert "onbekende sleutel 'suspicon'" in found[0].message
    assert str(found[0]).startswith(f"{rel}:{line_of(text, 'suspicon')}: facts.suspicon: ")
    assert "testcasus" not in loaded and rel in store.skipped
    assert set(CASE_IDS) <= set(loaded), "de andere casussen laden gewoon"


def test_bad_fact_value_names_the_fact(content_copy):
    text = GOOD_CASE.replace("  red_flags: []\n  suspicion", "  red_flags: [wurging]\n  suspicion")
    _, found, loaded, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["facts.red_flags"]
    assert "wurging" in found[0].message
    assert "testcasus" not in loaded


def test_unknown_municipality(content_copy):
    text = GOOD_CASE.replace("municipality: Gouda\nparts", "municipality: Amsterdam\nparts")
    _, found, loaded, _ = load_with(content_copy, text)
    assert [(p.field, p.line) for p in found] == [("municipality", 4)]
    assert "Amsterdam" in found[0].message
    assert "testcasus" not in loaded


def test_unknown_municipality_in_the_facts(content_copy):
    text = GOOD_CASE.replace("  municipality: Gouda\n  acute", "  municipality: Atlantis\n  acute")
    _, found, loaded, _ = load_with(content_copy, text)
    assert ("facts.municipality", line_of(text, "Atlantis")) in [(p.field, p.line) for p in found]
    assert "testcasus" not in loaded


def test_municipality_outside_the_region(content_copy):
    text = GOOD_CASE.replace("region: Hollands Midden", "region: Haaglanden")
    _, found, loaded, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["municipality"]
    assert "Hollands Midden" in found[0].message and "Haaglanden" in found[0].message
    assert "testcasus" not in loaded


def test_facts_in_another_municipality_than_the_case(content_copy):
    text = GOOD_CASE.replace("  municipality: Gouda\n  acute", "  municipality: Leiden\n  acute")
    text = text.replace("{answer: Gouda,", "{answer: Leiden,")
    _, found, _, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["facts.municipality"]


def test_unknown_region(content_copy):
    _, found, loaded, _ = load_with(content_copy, GOOD_CASE.replace("region: Hollands Midden", "region: Rijnmond"))
    assert [(p.field, p.line) for p in found] == [("region", 3)]
    assert "testcasus" not in loaded


def test_model_answer_to_an_unknown_question(content_copy):
    text = GOOD_CASE.replace("expected:", "  hoe_gaat_het: {answer: true, explanation: Goed.}\nexpected:")
    _, found, _, _ = load_with(content_copy, text)
    assert [(p.field, p.line) for p in found] == [("model_answers.hoe_gaat_het", line_of(text, "hoe_gaat_het"))]


def test_model_answer_that_disagrees_with_the_facts(content_copy):
    text = GOOD_CASE.replace("suspicion: {answer: false,", "suspicion: {answer: true,")
    _, found, _, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["model_answers.suspicion.answer"]
    assert "facts.suspicion" in found[0].message


def test_model_answer_missing_for_a_given_fact(content_copy):
    text = GOOD_CASE.replace("  acute_danger: {answer: false, explanation: Geen gevaar.}\n", "")
    _, found, _, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["model_answers"]
    assert "acute_danger" in found[0].message


def test_model_answer_outside_the_vocabulary(content_copy):
    text = GOOD_CASE.replace("acute_danger: {answer: false,", "acute_danger: {answer: nee,")
    _, found, _, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["model_answers.acute_danger.answer"]


def test_unknown_expected_recommendation(content_copy):
    text = GOOD_CASE.replace("expected: [close_and_record]", "expected: [close_and_record, bel_de_buren]")
    _, found, _, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["expected.1"]
    assert "bel_de_buren" in found[0].message


def test_missing_field_and_too_few_discussion_questions(content_copy):
    text = GOOD_CASE.replace("  - Tweede vraag?\n", "").replace("title: Testcasus\n", "")
    _, found, loaded, _ = load_with(content_copy, text)
    fields = {p.field: p.message for p in found}
    assert fields["title"] == "ontbreekt (verplicht veld)"
    assert "discussion" in fields
    assert "testcasus" not in loaded


def test_unknown_source_and_link(content_copy):
    text = GOOD_CASE.replace("sources: [basismodel_meldcode afwegingskader]", "sources: [wikipedia]\nsee: [bestaat_niet]")
    _, found, _, _ = load_with(content_copy, text)
    assert sorted(p.field for p in found) == ["see", "sources"]


def test_duplicate_id(content_copy):
    load_with(content_copy, GOOD_CASE, "een.yaml")
    _, found, loaded, _ = load_with(content_copy, GOOD_CASE, "twee.yaml")
    assert [p.field for p in found] == ["id"]
    assert loaded.count("testcasus") == 1


def test_pair_must_point_back_from_the_other_region(content_copy):
    text = GOOD_CASE + f"pair: {CASE_IDS[0]}\n"
    _, found, loaded, _ = load_with(content_copy, text)
    assert [p.field for p in found] == ["pair"]
    assert "testcasus" not in loaded


def test_expected_that_differs_from_the_engine_still_loads(content_copy):
    """The loader does not run the engine: a wrong `expected` is the regression test's job."""
    text = GOOD_CASE.replace("expected: [close_and_record]", "expected: [report_veilig_thuis, close_and_record]")
    store, found, loaded, _ = load_with(content_copy, text)
    assert found == [] and "testcasus" in loaded
    case = next(c for c in store.extras[FOLDER] if c.id == "testcasus")
    advisor = Advisor(store)
    assert advisor.advise(advisor.parse(case.facts)).ids != case.expected
