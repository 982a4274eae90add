"""Each rule said once (issue 15): the municipality lookup, "who to call", the standing lines and
the phone numbers live in one place (the store and content.yaml), and every caller uses it."""

from __future__ import annotations

import json

import pytest
import yaml

from routekaart_app.advice import Advisor, FactsError
from routekaart_app.advice.report import doubt_line, record_text
from routekaart_app.content import load_content
from routekaart_app.content.render import PageRenderer
from routekaart_app.content.store import CALL_ROLES, place_key

SPELLINGS = [
    ("Alphen a/d Rijn", "alphen_aan_den_rijn"),
    ("Alphen aan den Rijn", "alphen_aan_den_rijn"),
    ("alphen a.d. rijn", "alphen_aan_den_rijn"),
    ("ALPHEN AAN DEN RIJN", "alphen_aan_den_rijn"),
    ("alphen_aan_den_rijn", "alphen_aan_den_rijn"),
    ("'s-Gravenhage", "den_haag"),
    ("s Gravenhage", "den_haag"),
    ("Den Haag", "den_haag"),
    ("den-haag", "den_haag"),
    (" Leidschendam Voorburg ", "leidschendam_voorburg"),
    ("Kaag & Braassem", "kaag_en_braassem"),
    ("Bodegraven–Reeuwijk".replace("–", "-"), "bodegraven_reeuwijk"),
]


@pytest.mark.parametrize("name,expected", SPELLINGS)
def test_store_finds_every_spelling(store, name, expected):
    mun = store.municipality_by_name(name)
    assert mun is not None and mun.id == expected


@pytest.mark.parametrize("name", ["Utrecht", "", "   ", "Alphen", "a/d", "Haag"])
def test_store_lookup_refuses_what_is_not_a_municipality(store, name):
    assert store.municipality_by_name(name) is None


def test_place_key_folds_case_punctuation_and_abbreviations():
    assert place_key("Alphen a/d Rijn") == place_key("alphen aan den rijn") == "alphen aan den rijn"
    assert place_key("'s-Gravenhage") == place_key("Gravenhage")
    assert place_key("Zoetermeer") != place_key("Zoeterwoude")


def test_engine_and_store_resolve_the_same_names(store):
    """The engine's facts parser uses the store's lookup: every name, id and alias (and the
    spellings above) resolves to what the store finds, and an unknown name is refused."""
    advisor = Advisor(store)
    names = [name for name, _ in SPELLINGS]
    for mun in store.municipalities.values():
        names += [mun.name, mun.id, *mun.aliases, mun.name.upper()]
    for name in names:
        assert advisor.parse({"municipality": name})["municipality"] == store.municipality_by_name(name).id
    with pytest.raises(FactsError):
        advisor.parse({"municipality": "Utrecht"})


def test_snapshot_store_has_the_same_lookup_and_contacts(store):
    """The GUI starts from the snapshot: its plain records answer the same."""
    from routekaart_app.content import snapshot

    snap = snapshot.load(store.root)
    assert snap is not None
    assert snap.municipality_by_name("Alphen a/d Rijn").id == "alphen_aan_den_rijn"
    assert snap.who_to_call("den_haag") == store.who_to_call("den_haag")
    assert snap.doubt_line == store.doubt_line


def test_who_to_call_order_and_sources(store):
    """Every role, in order; a municipality's line comes from its own or its region's file."""
    leiden = store.who_to_call("leiden")
    assert [c.role for c in leiden] == list(CALL_ROLES)
    by_role = {c.role: c for c in leiden}
    hm = store.regions["Hollands Midden"]
    assert by_role["veilig_thuis"].name == hm.veilig_thuis.name
    assert by_role["zorg_en_veiligheidshuis"].name == hm.zorg_en_veiligheidshuis.name
    assert by_role["local_team"].name == store.municipalities["leiden"].local_team.name
    contacts = {c.id: c for c in store.meta.contacts}
    assert by_role["alarmnummer"].phone == contacts["alarmnummer"].phone
    # Without a place: the national Veilig Thuis number, and the local ones need a municipality.
    nowhere = {c.role: c for c in store.who_to_call()}
    assert nowhere["veilig_thuis"].national and nowhere["veilig_thuis"].phone == contacts["veilig_thuis_landelijk"].phone
    assert nowhere["local_team"].needs_place and nowhere["zorg_en_veiligheidshuis"].needs_place
    # Only a region: the region's services, the local team still needs a municipality.
    region = {c.role: c for c in store.who_to_call(region="Haaglanden")}
    assert region["veilig_thuis"].name == "Veilig Thuis Haaglanden" and region["local_team"].needs_place


@pytest.fixture
def renumbered(content_copy):
    """A content copy whose general numbers differ from the real ones: whatever shows the old
    numbers did not take them from content."""
    meta = content_copy / "content.yaml"
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    phones = {"alarmnummer": "999-1", "veilig_thuis_landelijk": "0800-7777", "csg": "0800-6666", "politie": "0900-5555"}
    for contact in data["contacts"]:
        contact["phone"] = phones[contact["id"]]
    for line in data["standing_lines"]:
        if line["id"] == "twijfel":
            line["text"] = "Twijfelt u? Bel {name} op {phone}."
    meta.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for region in (content_copy / "regios").glob("*.yaml"):
        region.write_text(region.read_text(encoding="utf-8").replace("phone: 0800-2000", "phone: 0800-7777"), encoding="utf-8")
    store = load_content(content_copy)
    assert store.ok, store.problems[:3]
    return store


def test_engine_contacts_and_doubt_line_come_from_content(renumbered):
    advisor = Advisor(renumbered)
    outcome = advisor.advise(advisor.parse({"acute_danger": True, "suspicion": True, "structural_unsafety": True}))
    phones = {r.id: r.contact["phone"] for r in outcome.recommendations if r.contact}
    assert phones["call_112"] == "999-1"
    assert phones["report_veilig_thuis"] == "0800-7777"
    text = record_text(advisor, [], outcome)
    assert "Twijfelt u? Bel Veilig Thuis op 0800-7777." in text and doubt_line(renumbered) in text
    assert "(0800-2000)" not in text.split("Mogelijke vervolgstappen")[1]  # pages may name it; the steps not


def test_renderer_municipality_page_shows_who_to_call(renumbered):
    page = PageRenderer(renumbered).render("delft", None)
    for callee in renumbered.who_to_call("delft"):
        assert callee.label in page
        if callee.phone != "niet ingevuld":
            assert callee.phone in page
    assert "0800-2000" not in page and "0800-0188" not in page


def test_home_page_shows_who_to_call_and_the_doubt_line(renumbered):
    renderer = PageRenderer(renumbered)
    for municipality in ("leiden", None):
        page = renderer.home(None, municipality, [])
        for callee in renumbered.who_to_call(municipality):
            if not callee.needs_place and callee.phone != "niet ingevuld":
                assert callee.phone in page
        assert renumbered.doubt_line in page
        assert "0800-2000" not in page and "0800-0188" not in page


def test_standing_line_needs_a_known_contact(content_copy):
    meta = content_copy / "content.yaml"
    text = meta.read_text(encoding="utf-8").replace("contact: veilig_thuis_landelijk", "contact: nergens")
    meta.write_text(text, encoding="utf-8")
    problems = [str(p) for p in load_content(content_copy).problems]
    assert any("content.yaml" in p and "standing_lines.contact" in p and "nergens" in p for p in problems)


# -- the CLI, as a subprocess ------------------------------------------------------------------

from conftest import run_cli  # noqa: E402


@pytest.mark.parametrize("name", ["Alphen a/d Rijn", "alphen aan den rijn", "'s-Gravenhage"])
def test_render_and_advise_accept_the_same_municipality_names(store, name):
    expected = store.municipality_by_name(name)
    rendered = run_cli("render", "--item", "veilig_thuis", "--gemeente", name, "--fragment")
    assert rendered.returncode == 0 and rendered.stderr == "", rendered.stderr
    advised = run_cli("advise", "--facts", "-", input=json.dumps({"municipality": name}))
    assert advised.returncode == 0, advised.stderr
    assert json.loads(advised.stdout)["municipality"] == expected.name


def test_render_refuses_an_unknown_municipality_in_one_line():
    result = run_cli("render", "--item", "veilig_thuis", "--gemeente", "Utrecht")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Utrecht" in result.stderr and len(result.stderr.strip().splitlines()) == 1


FACTS = {"municipality": "Alphen a/d Rijn", "suspicion": True, "red_flags": ["strangulation"], "acute_danger": None}


def test_advise_text_is_worded_as_the_record(store):
    """`advise --format text` and the record share one outcome text: questions rather than fact
    keys, the same contact wording, the doubt line from content."""
    from routekaart_app.advice.report import steps_text

    result = run_cli("advise", "--facts", "-", "--format", "text", input=json.dumps(FACTS))
    assert result.returncode == 0, result.stderr
    advisor = Advisor(store)
    outcome = advisor.advise(advisor.parse(FACTS), advisor.open_facts(FACTS))
    shared = "\n".join(steps_text(advisor, outcome))
    assert shared.strip() and shared in result.stdout
    assert shared in record_text(advisor, [], outcome)
    assert "Is er in de afgelopen zeven dagen seksueel geweld geweest?" in result.stdout
    assert "sexual_violence_within_7_days" not in result.stdout and "can_help" not in result.stdout
    assert "- contact: Veilig Thuis Hollands Midden, tel. 0800-2000 (" in result.stdout
    assert result.stdout.rstrip().endswith(doubt_line(store))


# -- one question path on the session ------------------------------------------------------------

from routekaart_app.advice import UNKNOWN  # noqa: E402
from routekaart_app.advice.session import NO_ANSWER, Session  # noqa: E402


def test_session_path_next_previous_position(store):
    session = Session(Advisor(store))
    flow = session.advisor.flow
    assert session.sequence() == [flow.start] and session.before(flow.start) is None
    assert session.position(flow.start) == (1, session.estimate_total())
    session.answer(flow.start, "delft")
    second = session.after(flow.start)
    assert second is not None and session.sequence() == [flow.start, second]
    assert session.before(second) == flow.start and session.position(second)[0] == 2
    session.answer(second, True)  # acute danger
    assert session.after(second, NO_ANSWER) == session.after(second)
    # From the outcome, back is the last question answered; position counts the answers.
    assert session.before(None) == second and session.position(None)[0] == 2
    # A pending (not yet taken) answer shows where it would lead, without changing the session:
    # somewhere on the way a yes and a no lead on differently.
    qid, branching = second, []
    while qid is not None:
        question = flow.question(qid)
        if question.kind == "bool" and session.after(qid, True) != session.after(qid, False):
            branching.append(qid)
        session.answer(qid, UNKNOWN) if qid not in session.answers else None
        qid = session.after(qid)
    assert branching
    before = dict(session.answers)
    session.after(branching[0], True), session.after(branching[0], False)
    assert session.answers == before


def test_session_walks_to_the_end_with_unknowns(store):
    session = Session(Advisor(store))
    qid = session.advisor.flow.start
    seen = []
    while qid is not None:
        seen.append(qid)
        session.answer(qid, UNKNOWN)
        qid = session.after(qid)
    assert session.walk().done and session.sequence() == seen
    assert [session.before(q) for q in seen] == [None, *seen[:-1]]
    assert session.position(None) == (len(seen), len(seen))


def test_prefill_is_by_fact_name_not_question_id(content_copy):
    """The intake hands the wizard facts (red flags, municipality): they land on the question
    that asks each fact, also when the flow gives that question another id."""
    flow = content_copy / "wizard" / "flow.yaml"
    text = flow.read_text(encoding="utf-8")
    text = text.replace("  - id: red_flags\n", "  - id: q_rode_vlaggen\n").replace("goto: red_flags", "goto: q_rode_vlaggen")
    text = text.replace("start: municipality", "start: q_gemeente").replace("  - id: municipality\n", "  - id: q_gemeente\n")
    flow.write_text(text, encoding="utf-8")
    store = load_content(content_copy)
    assert not [p for p in store.problems if p.path.startswith("wizard")], store.problems[:3]
    session = Session(Advisor(store))
    left = session.prefill({"red_flags": ["stalking"], "municipality": "delft", "no_such_fact": 1})
    assert left == ["no_such_fact"]
    assert session.answers == {"q_rode_vlaggen": ["stalking"], "q_gemeente": "delft"}
    assert session.facts()["municipality"] == "delft"


# -- one table of fact kinds ----------------------------------------------------------------------

from routekaart_app.advice.facts import FACTS as _FACTS  # noqa: E402
from routekaart_app.advice.facts import KINDS, kind_of  # noqa: E402

_KIND_NAMES = {"BOOL", "BOOL_OR_NULL", "FLAGS", "COUNT", "MUNICIPALITY", "SECTOR", "CHOICES"}


def test_every_fact_has_a_kind_in_the_table_and_its_answers_pass_its_check():
    assert set(_FACTS.values()) <= set(KINDS)
    for key in _FACTS:
        kind = kind_of(key)
        for value in (*kind.values, *kind.samples):
            assert kind.check(key, value, None) == value
        # Exactly one way to answer: yes/no, a choice, a set, a count or a place.
        assert sum([kind.yes_no, kind.is_choice, kind.is_set, kind.is_count, kind.is_place]) == 1, key
        assert not kind.nullable or kind.yes_no


def test_no_switch_over_kind_names_outside_the_table():
    """The kind names are imported nowhere but facts.py: every other module asks the table."""
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "routekaart_app"
    offenders = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "facts.py" and path.parent.name == "advice":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("facts"):
                named = {a.name for a in node.names} & _KIND_NAMES
                if named:
                    offenders.append(f"{path.relative_to(src)}:{node.lineno}: {sorted(named)}")
    assert not offenders, "ask advice.facts.KINDS instead:\n" + "\n".join(offenders)


def test_answer_labels_follow_the_table(store):
    advisor = Advisor(store)
    for cq in advisor.flow.questions.values():
        q = cq.question
        kind = KINDS[q.kind]
        for value in (*kind.values, *kind.samples):
            label = advisor.answer_label(q, value)
            assert label and "_" not in label and label not in ("True", "False", "[]"), (q.id, value, label)


def test_one_mapping_from_facts_to_questions(store):
    """The session's pre-fill and the outcome's open questions ask the advisor which question
    asks a fact: when the flow asks a fact twice, both take the first question."""
    from routekaart_app.advice.report import missing_questions

    advisor = Advisor(store)
    session = Session(advisor)
    for fact in _FACTS:
        question = advisor.question_for(fact)
        assert session.question_for(fact) is question
        if question is not None:
            assert missing_questions(advisor, [fact]) == [question.text]
    first = next(iter(advisor.flow.questions.values())).question
    twin = first.model_copy(update={"id": "zelfde_feit", "text": "Nog eens?"})
    advisor.flow.questions["zelfde_feit"] = type(advisor.flow.questions[first.id])(twin, [])
    try:
        fresh = Advisor(store, advisor.flow)
        assert fresh.question_for(first.fact) is first
        assert missing_questions(fresh, [first.fact]) == [first.text]
    finally:
        del advisor.flow.questions["zelfde_feit"]
