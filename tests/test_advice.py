"""The decision engine: the afwegingskader as a table, properties over random facts, flow checks."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, run_cli
from routekaart_app.advice import FACT_KEYS, RED_FLAG_IDS, Advisor, FactsError
from routekaart_app.content import load_content


@pytest.fixture(scope="module")
def advisor(store) -> Advisor:
    return Advisor(store)


def ids(advisor: Advisor, **facts) -> list[str]:
    return advisor.advise(advisor.parse(facts)).ids


# ---------------------------------------------------------------------------------------------
# The afwegingskader, every combination of its five answers (and "unknown").

TRI = [True, False, None]


def expected_decision(suspicion, structural, can_help, accepted, effective) -> set[str]:
    """The brief's afwegingskader, written out independently of the content's rules."""
    if suspicion is False:
        return {"close_and_record"}
    if suspicion is None:
        # Not sure about a suspicion, but sure about structural unsafety: that is unsafety.
        return {"report_veilig_thuis"} if structural is True else {"advice_veilig_thuis"}
    if structural is True:
        return {"report_veilig_thuis"}
    if structural is None:
        return {"advice_veilig_thuis"}
    if can_help is False:
        return {"report_veilig_thuis"}
    if can_help is None:
        return {"advice_veilig_thuis"}
    if accepted is False:
        return {"report_veilig_thuis"}
    if accepted is None:
        return {"advice_veilig_thuis"}
    if effective is False:
        return {"report_veilig_thuis"}
    # "Otherwise organise help and close later with follow-up agreements" (effective yes or not yet known).
    return {"organise_help", "follow_up_agreements"}


@pytest.mark.parametrize("combo", list(itertools.product(TRI, TRI, TRI, TRI, TRI)))
def test_afwegingskader_table(advisor, combo):
    suspicion, structural, can_help, accepted, effective = combo
    facts = {"acute_danger": False, "red_flags": [], "municipality": "Delft"}
    for key, value in zip(("suspicion", "structural_unsafety", "can_help", "help_accepted", "help_effective"), combo):
        if value is not None:
            facts[key] = value
    got = ids(advisor, **facts)
    decisions = {"close_and_record", "report_veilig_thuis", "organise_help", "follow_up_agreements"}
    want = expected_decision(*combo)
    assert want <= set(got), (combo, got)
    # No decision beyond what the afwegingskader gives.
    assert (set(got) & decisions) == (want & decisions), (combo, got)
    if "close_and_record" in want:
        assert got[0] == "close_and_record"
        assert set(got) == {"close_and_record"}
    if "report_veilig_thuis" in want:
        assert got[0] == "report_veilig_thuis"


def test_no_suspicion_alone_closes_and_says_what_is_unknown(advisor):
    outcome = advisor.advise(advisor.parse({"suspicion": False}))
    assert outcome.ids[0] == "close_and_record"
    assert "acute_danger" in outcome.missing  # not answered, so never silently "no"
    assert "advice_veilig_thuis" in outcome.ids


def test_acute_danger_calls_112_then_reports(advisor):
    got = ids(advisor, acute_danger=True, suspicion=False)
    assert got[:2] == ["call_112", "report_veilig_thuis"]
    assert "close_and_record" not in got


def test_each_red_flag_reports_and_is_explained(advisor, store):
    for flag in RED_FLAG_IDS:
        outcome = advisor.advise(advisor.parse({"red_flags": [flag], "suspicion": True, "acute_danger": False}))
        assert outcome.ids[0] == "report_veilig_thuis", flag
        report = outcome.recommendations[0]
        assert any(store.pages[flag].title in why for why in report.why), (flag, report.why)
        assert flag in report.see


def test_two_flags_two_reasons_and_separation_is_highest_risk(advisor):
    outcome = advisor.advise(advisor.parse({"red_flags": ["strangulation", "weapons"], "separation": True}))
    report = outcome.recommendations[0]
    assert report.id == "report_veilig_thuis"
    assert sum("Rode vlag" in w for w in report.why) == 2
    assert any("hoogste risico" in w for w in report.why)
    without = advisor.advise(advisor.parse({"red_flags": ["strangulation"], "separation": False}))
    assert not any("hoogste risico" in w for r in without.recommendations for w in r.why)


def test_regional_interventions_only_where_they_exist(advisor):
    base = {"suspicion": True, "repeated_severe_violence": True, "red_flags": ["stalking"], "perpetrator_motivated": True}
    haaglanden = advisor.advise(advisor.parse({**base, "municipality": "Den Haag"}))
    assert {"icm", "stalking_approach", "perpetrator_help"} <= set(haaglanden.ids)
    assert haaglanden.region == "Haaglanden"
    hm = advisor.advise(advisor.parse({**base, "municipality": "leiden"}))
    assert hm.region == "Hollands Midden"
    assert not {"icm", "stalking_approach", "perpetrator_help"} & set(hm.ids)
    assert len(hm.notes) == 3 and all("Hollands Midden" in n for n in hm.notes)
    unknown = advisor.advise(advisor.parse(base))
    icm = next(r for r in unknown.recommendations if r.id == "icm")
    assert any("kies uw gemeente" in w for w in icm.why)


def test_mda_plus_plus_criteria(advisor):
    assert "mda_plus_plus" in ids(advisor, suspicion=True, regular_help_stuck=True, municipality="Gouda")
    assert "mda_plus_plus" in ids(advisor, suspicion=True, prior_reports=2, repeated_severe_violence=True)
    assert "mda_plus_plus" not in ids(advisor, suspicion=True, prior_reports=0, repeated_severe_violence=True, regular_help_stuck=False)
    assert "mda_plus_plus" not in ids(advisor, suspicion=False, acute_danger=False, red_flags=[], regular_help_stuck=True)


def test_csg_after_recent_sexual_violence(advisor):
    got = ids(advisor, sexual_violence_within_7_days=True, suspicion=True)
    assert "csg" in got
    outcome = advisor.advise(advisor.parse({"sexual_violence_within_7_days": True}))
    csg = next(r for r in outcome.recommendations if r.id == "csg")
    assert csg.contact["phone"] == "0800-0188"


def test_contacts_follow_the_municipality(advisor, store):
    outcome = advisor.advise(advisor.parse({"municipality": "Zoetermeer", "suspicion": True, "structural_unsafety": True}))
    report = outcome.recommendations[0]
    assert report.contact["name"] == store.regions["Haaglanden"].veilig_thuis.name
    outcome = advisor.advise(advisor.parse({"municipality": "Alphen aan den Rijn", "suspicion": True, "structural_unsafety": True}))
    assert outcome.recommendations[0].contact["name"] == store.regions["Hollands Midden"].veilig_thuis.name


def test_every_recommendation_has_why_and_sources(advisor):
    outcome = advisor.advise(advisor.parse({"acute_danger": True, "red_flags": list(RED_FLAG_IDS), "separation": True,
                                           "sexual_violence_within_7_days": True, "perpetrator_motivated": True,
                                           "repeated_severe_violence": True, "prior_reports": 3, "municipality": "Westland"}))
    for rec in outcome.recommendations:
        assert rec.why and rec.sources and rec.title


# ---------------------------------------------------------------------------------------------
# Properties over random fact sets.

bools = st.one_of(st.none(), st.booleans())
facts_strategy = st.fixed_dictionaries(
    {},
    optional={
        "municipality": st.sampled_from(["Den Haag", "delft", "LEIDEN", "Gouda", "Zuidplas", "Wassenaar"]),
        "acute_danger": bools, "suspicion": bools, "structural_unsafety": bools, "can_help": bools,
        "help_accepted": bools, "help_effective": bools,
        "red_flags": st.lists(st.sampled_from(RED_FLAG_IDS), max_size=4),
        "separation": bools, "regular_help_stuck": bools, "repeated_severe_violence": bools,
        "sexual_violence_within_7_days": bools, "perpetrator_motivated": bools, "children_involved": bools,
        "prior_reports": st.integers(min_value=0, max_value=20),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=facts_strategy)
def test_properties(advisor, raw):
    facts = advisor.parse(raw)
    outcome = advisor.advise(facts)
    assert outcome.recommendations, raw
    if facts.get("acute_danger") is True:
        assert outcome.ids[0] == "call_112"
        assert outcome.ids[1] == "report_veilig_thuis"
    if "suspicion" not in facts:
        assert "close_and_record" not in outcome.ids
    if facts.get("red_flags"):
        assert "report_veilig_thuis" in outcome.ids
        assert "close_and_record" not in outcome.ids
    for key in outcome.missing:
        assert key in FACT_KEYS and key not in facts
    orders = [r.order for r in outcome.recommendations]
    assert orders == sorted(orders)
    json.dumps(outcome.as_dict())


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ([], "JSON-object"),
        ({"bogus": True}, "onbekende sleutel 'bogus'"),
        ({"suspicion": "ja"}, "'suspicion' moet true of false"),
        ({"suspicion": 1}, "'suspicion' moet true of false"),
        ({"prior_reports": -1}, "'prior_reports'"),
        ({"prior_reports": True}, "'prior_reports'"),
        ({"red_flags": "stalking"}, "lijst"),
        ({"red_flags": ["wapens"]}, "onbekende rode vlag"),
        ({"municipality": "Amsterdam"}, "onbekende gemeente 'Amsterdam'"),
        ({"municipality": 3}, "naam van een gemeente"),
    ],
)
def test_bad_facts(advisor, raw, fragment):
    with pytest.raises(FactsError, match=None) as info:
        advisor.parse(raw)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------------------------------------
# The wizard walk (the GUI uses it): the path follows the answers.


def test_walk_follows_the_flow(advisor):
    from routekaart_app.advice import UNKNOWN

    path, nxt = advisor.walk({})
    assert path == [] and nxt.id == advisor.flow.start
    answers = {"municipality": "delft", "acute_danger": False, "red_flags": [], "suspicion": False}
    path, nxt = advisor.walk(answers)
    assert nxt is None and [q.id for q in path][-1] == "suspicion"
    answers["suspicion"] = UNKNOWN
    path, nxt = advisor.walk(answers)
    assert nxt is not None  # "weet ik niet" continues: it is not a "no"


# ---------------------------------------------------------------------------------------------
# The flow is content: broken flows are caught by validate, naming file and rule.


def _flow(content_copy: Path) -> tuple[Path, dict]:
    path = content_copy / "wizard" / "flow.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _problems(content_copy: Path, data: dict) -> list[str]:
    path = content_copy / "wizard" / "flow.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [str(p) for p in load_content(content_copy).problems]


def _question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_flow_cycle_is_caught(content_copy):
    _, data = _flow(content_copy)
    _question(data, "perpetrator_motivated")["next"] = [{"goto": "acute_danger"}]
    problems = _problems(content_copy, data)
    assert any("wizard/flow.yaml" in p and "kring" in p for p in problems), problems


def test_flow_unreachable_question_is_caught(content_copy):
    _, data = _flow(content_copy)
    _question(data, "regular_help_stuck")["next"] = [{"goto": "end"}]
    problems = _problems(content_copy, data)
    assert any("perpetrator_motivated" in p and "niet bereikbaar" in p for p in problems), problems


def test_flow_dead_end_is_caught(content_copy):
    _, data = _flow(content_copy)
    _question(data, "structural_unsafety")["next"] = [{"if": {"fact": "structural_unsafety", "is": False}, "goto": "can_help"}]
    problems = _problems(content_copy, data)
    assert any("doodlopend" in p and "structural_unsafety" in p for p in problems), problems


def test_flow_path_without_recommendation_is_caught(content_copy):
    _, data = _flow(content_copy)
    rule = next(r for r in data["rules"] if r["recommend"] == "close_and_record")
    rule["when"] = {"fact": "children_involved", "is": True}  # never asked on the "no suspicion" path
    problems = _problems(content_copy, data)
    assert any("zonder aanbeveling" in p for p in problems), problems


def test_flow_rule_without_source_names_rule(content_copy):
    _, data = _flow(content_copy)
    rule = next(r for r in data["rules"] if r["id"] == "acuut_112")
    rule["sources"] = []
    problems = _problems(content_copy, data)
    assert any(p.startswith("wizard/flow.yaml:") and "rules." in p and "sources" in p for p in problems), problems
    rule.pop("sources")
    rule["recommend"] = "bestaat_niet"
    rule["sources"] = ["landelijk"]
    problems = _problems(content_copy, data)
    assert any("rules.0 (acuut_112)" in p and "bestaat_niet" in p for p in problems), problems


def test_flow_unknown_fact_in_condition(content_copy):
    _, data = _flow(content_copy)
    data["rules"][0]["when"] = {"fact": "weer", "is": True}
    problems = _problems(content_copy, data)
    assert any("onbekend feit 'weer'" in p for p in problems), problems


def test_validate_cli_reports_broken_flow(content_copy):
    _, data = _flow(content_copy)
    _question(data, "perpetrator_motivated")["next"] = [{"goto": "nergens"}]
    _problems(content_copy, data)
    result = run_cli("validate", "--content", str(content_copy))
    assert result.returncode == 1
    assert "wizard/flow.yaml" in result.stdout and "nergens" in result.stdout


# ---------------------------------------------------------------------------------------------
# The CLI as a subprocess.


def test_advise_json_shape(tmp_path):
    facts = tmp_path / "f.json"
    facts.write_text(json.dumps({"municipality": "den haag", "acute_danger": True, "red_flags": ["weapons"]}), encoding="utf-8")
    result = run_cli("advise", "--facts", str(facts))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["region"] == "Haaglanden" and out["municipality"] == "Den Haag"
    assert [r["id"] for r in out["recommendations"]][:2] == ["call_112", "report_veilig_thuis"]
    for rec in out["recommendations"]:
        assert set(rec) >= {"id", "title", "why", "sources", "contact"}
        assert isinstance(rec["why"], list) and rec["why"]
    assert isinstance(out["missing"], list)


def test_advise_stdin_and_text():
    result = run_cli("advise", "--facts", "-", "--format", "text", input='{"suspicion": false, "acute_danger": false, "red_flags": []}')
    assert result.returncode == 0, result.stderr
    assert "Sluit af en leg vast" in result.stdout and "0800-2000" in result.stdout


@pytest.mark.parametrize(
    "payload",
    ['{"unknown_key": 1}', '{"suspicion": "yes"}', '{"municipality": "Utrecht"}', '{"red_flags": ["x"]}', "not json", "[1, 2]"],
)
def test_advise_bad_input_exit_2(payload):
    result = run_cli("advise", "--facts", "-", input=payload)
    assert result.returncode == 2, (payload, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_advise_unreadable_file(tmp_path):
    result = run_cli("advise", "--facts", str(tmp_path / "none.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_record_shows_afwegingen_implied_by_red_flags(advisor):
    outcome = advisor.advise(advisor.parse({"red_flags": ["weapons"], "suspicion": True}))
    rows = {row["number"]: row for row in outcome.afwegingen}
    assert rows[1]["answer"] == "ja" and rows[2]["answer"].startswith("ja (volgt uit")
    assert "meld" in rows[2]["consequence"].lower()


def test_protective_measures_when_acute_or_flags_around_separation(advisor):
    assert {"huisverbod", "shelter"} <= set(ids(advisor, acute_danger=True))
    assert {"huisverbod", "shelter"} <= set(ids(advisor, red_flags=["stalking"], separation=True))
    assert not {"huisverbod", "shelter"} & set(ids(advisor, red_flags=["stalking"], separation=False, acute_danger=False))
