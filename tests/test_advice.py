"""The decision engine: the afwegingskader as a table, properties over random facts, flow checks."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from routekaart_app.advice import FACT_KEYS, RED_FLAG_IDS, Advisor, FactsError
from routekaart_app.content import load_content


@pytest.fixture(scope="module")
def advisor(store) -> Advisor:
    return Advisor(store)


def ids(advisor: Advisor, **facts) -> list[str]:
    """Certain steps; every fact not given is still open (may yet be answered)."""
    return advisor.advise(advisor.parse(facts)).ids


def answered(advisor: Advisor, **facts):
    """The outcome when every question was answered: a fact not given was answered 'weet ik niet'."""
    return advisor.advise(advisor.parse(facts), open_facts=frozenset())


# ---------------------------------------------------------------------------------------------
# The afwegingskader, every combination of its five answers (and "weet ik niet").

TRI = [True, False, None]
AFWEGING_FACTS = ("suspicion", "structural_unsafety", "can_help", "help_accepted", "help_effective")


def expected_decision(suspicion, structural, can_help, accepted, effective) -> set[str]:
    """The basismodel's afwegingskader, written out independently of the content's rules.

    The meldnormen: report at acute or structural unsafety (2), and report when you cannot help
    (3), the help is refused (4) or does not work (5) — whatever the answer to 2 was.
    """
    if suspicion is False:
        return {"close_and_record"}
    # Afweging 2 follows a suspicion: who answers it "ja" while unsure about 1 has a suspicion.
    has_suspicion = suspicion is True or structural is True
    if not has_suspicion:
        return {"advice_veilig_thuis"}
    if structural is True or can_help is False or accepted is False or effective is False:
        return {"report_veilig_thuis"}
    if structural is None or can_help is None or accepted is None:
        return {"advice_veilig_thuis"}  # twijfel: ask advice
    # Afweging 2 "nee", help possible and accepted: organise it, close later with agreements.
    return {"organise_help", "follow_up_agreements"}


@pytest.mark.parametrize("combo", list(itertools.product(TRI, TRI, TRI, TRI, TRI)))
def test_afwegingskader_table(advisor, combo):
    facts = {"acute_danger": False, "red_flags": [], "municipality": "Delft", "sector": "overig"}
    facts.update({k: v for k, v in zip(AFWEGING_FACTS, combo, strict=True) if v is not None})
    got = answered(advisor, **facts).ids
    decisions = {"close_and_record", "report_veilig_thuis", "organise_help", "follow_up_agreements"}
    want = expected_decision(*combo)
    assert want <= set(got), (combo, got)
    assert (set(got) & decisions) == (want & decisions), (combo, got)  # no decision beyond the kader
    if "close_and_record" in want:
        assert got == ["close_and_record"]
    if "report_veilig_thuis" in want:
        # Overleg first (stap 2, before any decision), then the report; "vraag advies" is superseded.
        assert got.index("consult_colleague") < got.index("report_veilig_thuis")
        assert "advice_veilig_thuis" not in got


AFWEGING_DOMAIN = [None, "open", True, False]


@pytest.mark.parametrize("combo", list(itertools.product(AFWEGING_DOMAIN, repeat=5)))
def test_meldnormen_hold_under_open_and_unknown_answers(advisor, combo):
    """For every mix of yes / no / 'weet ik niet' / not answered yet: the report is *certain*
    exactly when it follows for every possible answer to the questions still open, *conditional*
    when it follows for some, and never both."""
    given = {k: v for k, v in zip(AFWEGING_FACTS, combo, strict=True) if v != "open"}
    open_keys = [k for k, v in zip(AFWEGING_FACTS, combo, strict=True) if v == "open"]
    base = {"acute_danger": False, "red_flags": [], "disclosure": False, "sector": "overig", "municipality": "Delft"}
    outcome = advisor.advise(advisor.parse({**base, **given}), open_facts=frozenset(open_keys))
    # Brute force: every completion of the open questions (yes, no, or it stays unknown).
    reports = []
    for values in itertools.product(TRI, repeat=len(open_keys)):
        world = {**given, **dict(zip(open_keys, values, strict=True))}
        reports.append("report_veilig_thuis" in expected_decision(*(world.get(k) for k in AFWEGING_FACTS)))
    certain = "report_veilig_thuis" in outcome.ids
    conditional = "report_veilig_thuis" in outcome.conditional_ids
    assert certain == all(reports), (combo, outcome.ids)
    assert conditional == (any(reports) and not all(reports)), (combo, outcome.conditional_ids)
    if conditional:
        report = next(r for r in outcome.conditional if r.id == "report_veilig_thuis")
        assert report.depends_on and set(report.depends_on) <= set(open_keys), report.depends_on


def test_afweging_2_unknown_and_cannot_help_makes_the_report_certain(advisor):
    outcome = advisor.advise(advisor.parse({"suspicion": True, "can_help": False}))
    assert "report_veilig_thuis" in outcome.ids
    assert "report_veilig_thuis" not in outcome.conditional_ids
    refused = advisor.advise(advisor.parse({"suspicion": True, "can_help": True, "help_accepted": False}))
    assert "report_veilig_thuis" in refused.ids


def test_no_suspicion_closes_and_says_what_is_unknown(advisor):
    outcome = advisor.advise(advisor.parse({"suspicion": False}))
    assert outcome.ids == ["close_and_record"]
    assert "acute_danger" in outcome.missing  # not answered, so never silently "no"
    assert "call_112" in outcome.conditional_ids  # ... and if there is acute danger after all: 112
    assert "report_veilig_thuis" not in outcome.ids + outcome.conditional_ids


def test_acute_danger_calls_112_first_then_overleg_then_report(advisor):
    got = answered(advisor, acute_danger=True, suspicion=True).ids
    assert got[0] == "call_112"
    assert got.index("consult_colleague") < got.index("report_veilig_thuis")
    # The professional answered afweging 1 "nee": 112 stays, no report, and the note says it plainly.
    outcome = answered(advisor, acute_danger=True, suspicion=False, structural_unsafety=False)
    assert outcome.ids[0] == "call_112" and "report_veilig_thuis" not in outcome.ids
    assert any("acuut gevaar" in n for n in outcome.notes)


@pytest.mark.parametrize("flag", RED_FLAG_IDS)
def test_a_red_flag_is_evidence_never_an_override(advisor, store, flag):
    """Any red flag: consult the aandachtsfunctionaris and ask Veilig Thuis for advice today. The
    professional still answers afweging 2; a 'nee' is kept, said plainly, and not overruled."""
    base = {"red_flags": [flag], "suspicion": True, "acute_danger": False, "municipality": "Leiden", "sector": "overig"}
    open_ = answered(advisor, **base)
    assert {"consult_colleague", "advice_veilig_thuis"} <= set(open_.ids), open_.ids
    consult = next(r for r in open_.recommendations if r.id == "consult_colleague")
    assert any(store.pages[flag].title in why for why in consult.why) and flag in consult.see
    assert "report_veilig_thuis" not in open_.ids  # one flag is not acute or structural unsafety by itself
    no = answered(advisor, **base, structural_unsafety=False, can_help=True, help_accepted=True, help_effective=True)
    assert "report_veilig_thuis" not in no.ids + no.conditional_ids, no.ids
    assert {"consult_colleague", "advice_veilig_thuis", "organise_help"} <= set(no.ids)
    assert any("afweging 2 met 'nee'" in n and store.pages[flag].title in n for n in no.notes), no.notes
    rows = {row["number"]: row for row in no.afwegingen}
    assert rows[2]["answer"] == "nee"
    yes = answered(advisor, **base, structural_unsafety=True)
    assert "report_veilig_thuis" in yes.ids and "advice_veilig_thuis" not in yes.ids
    nothing = answered(advisor, **{**base, "suspicion": False})
    assert "close_and_record" in nothing.ids and "report_veilig_thuis" not in nothing.ids
    assert any("afweging 1 met 'nee'" in n for n in nothing.notes)


def test_two_flags_two_reasons_and_separation_raises_the_risk(advisor):
    outcome = answered(advisor, red_flags=["strangulation", "weapons"], separation=True, suspicion=True)
    consult = next(r for r in outcome.recommendations if r.id == "consult_colleague")
    assert sum("Rode vlag" in w for w in consult.why) == 2
    advice = next(r for r in outcome.recommendations if r.id == "advice_veilig_thuis")
    assert any("beëindigd" in w for w in advice.why)
    without = answered(advisor, red_flags=["strangulation"], separation=False, suspicion=True)
    assert not any("beëindigd" in w for r in without.recommendations for w in r.why)


def test_published_examples_are_offered_as_answers_never_applied(advisor):
    # KNMG Bijlage 5: attempted strangulation is an example of acute unsafety.
    outcome = advisor.advise(advisor.parse({"red_flags": ["strangulation"], "suspicion": True}))
    offer = next(s for s in outcome.suggestions if s["fact"] == "structural_unsafety")
    assert offer["value"] is True and any("knmg_meldcode" in src for src in offer["sources"])
    assert "report_veilig_thuis" not in outcome.ids  # offered, not applied
    assert advisor.prefill_for("structural_unsafety", {"red_flags": ["weapons"]}) is None
    assert advisor.prefill_for("structural_unsafety", {"disclosure": True})["value"] is True


def test_disclosure_counts_unless_the_professional_says_no(advisor):
    doubt = answered(advisor, suspicion=True, disclosure=True)  # afweging 2: weet ik niet
    assert "report_veilig_thuis" in doubt.ids
    report = next(r for r in doubt.recommendations if r.id == "report_veilig_thuis")
    assert any("verteld" in w for w in report.why)
    no = answered(advisor, suspicion=True, disclosure=True, structural_unsafety=False, can_help=True, help_accepted=True)
    assert "report_veilig_thuis" not in no.ids


def test_sector_onderwijs_doubt_at_afweging_2_means_report(advisor):
    school = answered(advisor, sector="onderwijs", suspicion=True, can_help=True, help_accepted=True)
    assert "report_veilig_thuis" in school.ids
    assert any("Onderwijs" in n for n in school.notes)
    care = answered(advisor, sector="gezondheidszorg", suspicion=True, can_help=True, help_accepted=True)
    assert "report_veilig_thuis" not in care.ids and "advice_veilig_thuis" in care.ids
    assert any("KNMG" in n for n in care.notes)


def test_unknown_acute_danger_with_a_flag_shows_112_as_conditional(advisor):
    outcome = answered(advisor, red_flags=["death_threat"], suspicion=True, municipality="Delft")
    call = next(r for r in outcome.conditional if r.id == "call_112")
    assert call.depends_on == ["acute_danger"] and any("112" in w for w in call.why)
    assert "police" in outcome.ids  # a threat is an offence: the police and aangifte, 0900-8844
    police = next(r for r in outcome.recommendations if r.id == "police")
    assert police.contact["phone"] == "0900-8844"


def test_huisverbod_only_for_someone_who_lives_in_the_home(advisor):
    home = answered(advisor, acute_danger=True, suspicion=True, perpetrator_in_home=True)
    assert "huisverbod" in home.ids
    ex = answered(advisor, acute_danger=True, suspicion=True, perpetrator_in_home=False, red_flags=["stalking"], separation=True)
    assert "huisverbod" not in ex.ids + ex.conditional_ids
    unknown = answered(advisor, acute_danger=True, suspicion=True)
    assert "huisverbod" not in unknown.ids
    hv = next(r for r in unknown.conditional if r.id == "huisverbod")
    assert hv.depends_on == ["perpetrator_in_home"]


def test_order_112_then_csg_then_overleg_before_decisions(advisor):
    got = answered(advisor, acute_danger=True, suspicion=True, sexual_violence_within_7_days=True, structural_unsafety=True).ids
    assert got[:4] == ["call_112", "csg", "consult_colleague", "report_veilig_thuis"], got


def test_regional_interventions_only_where_they_exist(advisor):
    base = {"suspicion": True, "repeated_severe_violence": True, "red_flags": ["stalking"], "perpetrator_motivated": True}
    haaglanden = advisor.advise(advisor.parse({**base, "municipality": "Den Haag"}))
    assert {"icm", "stalking_approach", "perpetrator_help"} <= set(haaglanden.ids)
    assert haaglanden.region == "Haaglanden"
    hm = advisor.advise(advisor.parse({**base, "municipality": "leiden"}))
    assert hm.region == "Hollands Midden"
    assert not {"icm", "stalking_approach", "perpetrator_help"} & set(hm.ids + hm.conditional_ids)
    assert sum("Hollands Midden" in n for n in hm.notes) == 3
    # Municipality not chosen yet: the region-bound steps depend on it.
    unknown = advisor.advise(advisor.parse(base))
    icm = next(r for r in unknown.conditional if r.id == "icm")
    assert "municipality" in icm.depends_on
    # Answered "weet ik niet": shown, with a line to choose the municipality.
    closed = answered(advisor, **base)
    icm = next(r for r in closed.recommendations if r.id == "icm")
    assert any("kies uw gemeente" in w for w in icm.why)


def test_mda_plus_plus_texts_per_region(advisor):
    facts = {"suspicion": True, "complex_problems": True, "regular_help_stuck": True}
    hl = next(r for r in answered(advisor, **facts, municipality="Delft").recommendations if r.id == "mda_plus_plus")
    assert "aanmelden bij Veilig Thuis" in hl.text and "Hollands Midden" not in hl.text
    hm = next(r for r in answered(advisor, **facts, municipality="Gouda").recommendations if r.id == "mda_plus_plus")
    assert "Zorg- en Veiligheidshuis Hollands Midden" in hm.text and "aanmelden bij Veilig Thuis" not in hm.text
    both = next(r for r in answered(advisor, **facts).recommendations if r.id == "mda_plus_plus")
    assert "Haaglanden:" in both.text and "Hollands Midden:" in both.text


def test_mda_plus_plus_criteria(advisor):
    assert "mda_plus_plus" in answered(advisor, suspicion=True, complex_problems=True, regular_help_stuck=True, municipality="Gouda").ids
    assert "mda_plus_plus" in answered(advisor, suspicion=True, complex_problems=True, prior_reports=2, repeated_severe_violence=True).ids
    # Without complex, multiple problems it is not MDA++ (003 §4.2).
    assert "mda_plus_plus" not in answered(advisor, suspicion=True, complex_problems=False, regular_help_stuck=True).ids
    assert "mda_plus_plus" not in answered(
        advisor, suspicion=True, complex_problems=True, prior_reports=0, repeated_severe_violence=True, regular_help_stuck=False
    ).ids
    assert "mda_plus_plus" not in answered(
        advisor, suspicion=False, acute_danger=False, red_flags=[], complex_problems=True, regular_help_stuck=True
    ).ids


def test_csg_after_recent_sexual_violence(advisor):
    outcome = advisor.advise(advisor.parse({"sexual_violence_within_7_days": True}))
    csg = next(r for r in outcome.recommendations if r.id == "csg")
    assert csg.contact["phone"] == "0800-0188"
    assert any("csg_publiek" in s for s in csg.sources)


def test_contacts_follow_the_municipality(advisor, store):
    outcome = advisor.advise(advisor.parse({"municipality": "Zoetermeer", "suspicion": True, "structural_unsafety": True}))
    report = next(r for r in outcome.recommendations if r.id == "report_veilig_thuis")
    assert report.contact["name"] == store.regions["Haaglanden"].veilig_thuis.name
    outcome = advisor.advise(advisor.parse({"municipality": "Alphen aan den Rijn", "suspicion": True, "structural_unsafety": True}))
    report = next(r for r in outcome.recommendations if r.id == "report_veilig_thuis")
    assert report.contact["name"] == store.regions["Hollands Midden"].veilig_thuis.name


def test_every_recommendation_has_why_and_sources(advisor):
    outcome = advisor.advise(advisor.parse({"acute_danger": True, "red_flags": list(RED_FLAG_IDS), "separation": True,
                                           "sexual_violence_within_7_days": True, "perpetrator_motivated": True,
                                           "repeated_severe_violence": True, "prior_reports": 3, "municipality": "Westland"}))
    for rec in outcome.recommendations + outcome.conditional:
        assert rec.why and rec.sources and rec.title, rec.id


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
        "disclosure": bools, "perpetrator_in_home": bools, "complex_problems": bools,
        "sector": st.sampled_from(["onderwijs", "kinderopvang", "gezondheidszorg", "jeugdhulp", "overig"]),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=facts_strategy)
def test_properties(advisor, raw):
    facts = advisor.parse(raw)
    outcome = advisor.advise(facts, advisor.open_facts(raw))
    assert outcome.recommendations or outcome.conditional, raw
    certain, conditional = outcome.ids, outcome.conditional_ids
    assert not set(certain) & set(conditional)
    if facts.get("acute_danger") is True:
        assert certain[0] == "call_112"
    if facts.get("suspicion") is not False:
        assert "close_and_record" not in certain
    if facts.get("red_flags") and facts.get("suspicion") is not False:
        assert "consult_colleague" in certain
    if facts.get("structural_unsafety") is False and not any(
        facts.get(k) is False for k in ("can_help", "help_accepted", "help_effective")
    ) and facts.get("sector") != "onderwijs":
        assert "report_veilig_thuis" not in certain  # a "nee" at afweging 2 is never overridden
    if "report_veilig_thuis" in certain:
        assert "advice_veilig_thuis" not in certain + conditional
    for rec in outcome.conditional:
        assert rec.depends_on and all(k in FACT_KEYS and k not in facts for k in rec.depends_on), rec
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
        ({"sector": "bakkerij"}, "'sector' moet een van deze zijn"),
        ({"sector": True}, "'sector' moet een van deze zijn"),
        ({"disclosure": "ja"}, "'disclosure' moet true of false"),
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
    answers = {"municipality": "delft", "acute_danger": False, "sector": "onderwijs", "red_flags": [], "suspicion": False}
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
    assert [r["id"] for r in out["recommendations"]][0] == "call_112"
    for rec in out["recommendations"]:
        assert set(rec) >= {"id", "title", "why", "sources", "contact"}
        assert isinstance(rec["why"], list) and rec["why"]
    assert isinstance(out["missing"], list)
    conditional = {c["id"]: c for c in out["conditional"]}
    assert set(conditional["report_veilig_thuis"]) >= {"id", "title", "depends_on", "why"}
    assert "suspicion" in conditional["report_veilig_thuis"]["depends_on"]
    assert isinstance(conditional["report_veilig_thuis"]["why"], str)


def test_advise_null_means_answered_unknown():
    """null = answered 'weet ik niet' (not open any more); a missing key is still open."""
    given = '{"suspicion": true, "structural_unsafety": null, "can_help": false}'
    closed = json.loads(run_cli("advise", "--facts", "-", input=given).stdout)
    assert "report_veilig_thuis" in [r["id"] for r in closed["recommendations"]]
    open_ = json.loads(run_cli("advise", "--facts", "-", input='{"suspicion": true, "can_help": false}').stdout)
    assert "report_veilig_thuis" in [r["id"] for r in open_["recommendations"]]
    doubt = json.loads(run_cli("advise", "--facts", "-", input='{"suspicion": true, "structural_unsafety": null}').stdout)
    assert "report_veilig_thuis" in [c["id"] for c in doubt["conditional"]]


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


def test_record_keeps_the_professionals_answers(advisor):
    outcome = advisor.advise(advisor.parse({"red_flags": ["weapons"], "suspicion": True}))
    rows = {row["number"]: row for row in outcome.afwegingen}
    assert rows[1]["answer"] == "ja" and rows[2]["answer"] == "onbekend"  # a flag answers nothing
    outcome = advisor.advise(advisor.parse({"red_flags": ["weapons"], "suspicion": True, "structural_unsafety": True}))
    rows = {row["number"]: row for row in outcome.afwegingen}
    assert rows[2]["answer"] == "ja" and "meld" in rows[2]["consequence"].lower()


def test_protective_measures(advisor):
    assert "shelter" in answered(advisor, acute_danger=True, suspicion=True).ids
    assert "shelter" in answered(advisor, red_flags=["stalking"], separation=True, suspicion=True).ids
    assert "shelter" not in answered(advisor, red_flags=["stalking"], separation=False, acute_danger=False, suspicion=True).ids
