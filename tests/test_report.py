"""The wizard's session and its outcome page / record (HTML and text), without Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from routekaart_app.advice import UNKNOWN, Advisor
from routekaart_app.advice.report import (
    contact_html,
    contact_text,
    doubt_line,
    missing_questions,
    outcome_html,
    outcome_summary_html,
    plain,
    record_html,
    record_text,
)
from routekaart_app.advice.session import Session

BRIEF_CASE = {
    "municipality": "delft",
    "acute_danger": False,
    "sector": "onderwijs",
    "red_flags": ["strangulation"],
    "separation": True,
    "suspicion": True,
    "disclosure": False,
    "children_involved": False,
    "perpetrator_in_home": False,
    "sexual_violence_within_7_days": False,
    "repeated_severe_violence": False,
    "structural_unsafety": True,
    "prior_reports": 0,
    "complex_problems": False,
    "regular_help_stuck": False,
    "perpetrator_motivated": False,
}


@pytest.fixture(scope="module")
def advisor(store) -> Advisor:
    return Advisor(store)


def session_with(advisor: Advisor, answers: dict) -> Session:
    session = Session(advisor)
    for qid, value in answers.items():
        session.answer(qid, value)
    return session


# ---------------------------------------------------------------------------------------------
# Session


def test_session_walks_the_brief_case_to_the_end(advisor):
    session = session_with(advisor, BRIEF_CASE)
    walk = session.walk()
    assert walk.done
    assert [q.id for q in walk.path] == list(BRIEF_CASE)
    assert session.estimate_total(walk) == len(BRIEF_CASE)
    ids = session.outcome(walk).ids
    assert ids[:2] == ["consult_colleague", "report_veilig_thuis"]


def test_answers_off_the_path_are_kept_but_do_not_count(advisor):
    session = session_with(advisor, BRIEF_CASE)
    session.answer("red_flags", [])  # no flag: separation is no longer asked
    walk = session.walk()
    assert "separation" not in [q.id for q in walk.path]
    assert "separation" not in session.facts(walk)
    assert session.answers["separation"] is True
    assert walk.done  # afweging 2 was the professional's own answer, flag or no flag
    session.answer("red_flags", ["strangulation"])
    assert "separation" in [q.id for q in session.walk().path]


def test_an_off_path_answer_never_steers_the_path(advisor):
    # can_help answered once, then afweging 2 "ja" makes it unnecessary: it stays in memory but
    # neither counts nor steers; the path is decided by the answers on the path only.
    before = ("sector", "municipality", "acute_danger", "red_flags", "suspicion", "disclosure", "children_involved",
              "perpetrator_in_home", "sexual_violence_within_7_days", "repeated_severe_violence")
    session = session_with(advisor, {**{k: v for k, v in BRIEF_CASE.items() if k in before}, "red_flags": []})
    assert session.walk().next.id == "structural_unsafety"
    session.answer("can_help", False)
    session.answer("structural_unsafety", True)
    walk = session.walk()
    assert [q.id for q in walk.path][-1] == "structural_unsafety"
    assert walk.next.id == "prior_reports"
    assert "can_help" not in session.facts(walk)


def test_unknown_and_not_yet_known(advisor):
    session = session_with(advisor, {"municipality": UNKNOWN, "acute_danger": UNKNOWN, "sector": UNKNOWN})
    walk = session.walk()
    assert [q.id for q in walk.path] == ["municipality", "acute_danger", "sector"]
    assert session.facts(walk) == {}
    labels = [label for _q, _v, label in session.answered(walk)]
    assert labels == ["Weet ik niet / wil ik niet zeggen", "Weet ik niet", "Wil ik niet zeggen"]
    # "Weet ik niet" is an answer: those questions are no longer open; the rest still are.
    given = session.given(walk)
    assert given == {"municipality": None, "acute_danger": None, "sector": None}
    open_ = advisor.open_facts(given)
    assert "acute_danger" not in open_ and "suspicion" in open_ and "red_flags" in open_
    assert 1 < session.estimate_total(walk) <= len(advisor.flow.questions)
    session.clear()
    assert session.answers == {} and session.walk().next.id == advisor.flow.start
    with pytest.raises(KeyError):
        session.answer("no_such_question", True)


# ---------------------------------------------------------------------------------------------
# Outcome page


def test_outcome_html_lists_steps_reasons_sources_links_and_contacts(advisor):
    session = session_with(advisor, BRIEF_CASE)
    outcome = session.outcome()
    page = outcome_html(advisor, outcome)
    assert page.index("Overleg met de aandachtsfunctionaris") < page.index("Meld bij Veilig Thuis")
    assert "Vraag advies bij Veilig Thuis" not in page  # a certain report supersedes it
    assert "Waarom" in page
    assert "Rode vlag: Poging tot verwurging" in page
    assert 'href="item:meldcode_stap_5"' in page and 'href="item:strangulation"' in page
    assert "Basismodel meldcode" in page and "Factsheet intieme terreur" in page
    assert "Veilig Thuis Haaglanden" in page and "<b>0800-2000</b>" in page
    assert doubt_line(advisor.store) in page
    assert "Bij twijfel: vraag advies bij Veilig Thuis (0800-2000)." in page  # from content.yaml
    # The local team's contact is not in the sources: shown as such.
    assert "niet ingevuld" in page
    # Everything that matters is known: no "still unknown" list, no "not finished" warning, and
    # nothing conditional.
    assert outcome.missing == [] and "Nog onbekend" not in page
    assert outcome.conditional == [] and "Hangt af van" not in page
    assert "nog niet alle vragen" not in page


def test_outcome_html_and_record_show_conditional_steps_under_their_own_heading(advisor):
    # Acute danger "weet ik niet" with a death threat: 112 is conditional, named as such.
    answers = {**BRIEF_CASE, "acute_danger": UNKNOWN, "red_flags": ["death_threat"], "structural_unsafety": False,
               "can_help": True, "help_accepted": True, "help_effective": None}
    session = session_with(advisor, answers)
    walk = session.walk()
    assert walk.done
    outcome = session.outcome(walk)
    assert "call_112" in outcome.conditional_ids and "call_112" not in outcome.ids
    page = outcome_html(advisor, outcome)
    heading = page.index("Hangt af van uw antwoord op")
    assert page.index("Bel 112", heading) > heading
    assert "Is er nu acuut gevaar" in page[heading:]
    assert "Bij direct gevaar: bel 112" in page
    text = record_text(advisor, session.answered(walk), outcome)
    assert "Hangt af van uw antwoord op" in text and "- Bel 112 (hangt af van: Is er nu acuut gevaar" in text
    # Red flags and afweging 2 "nee": both kept, said plainly.
    assert "afweging 2 met 'nee'" in text and "Doodsbedreiging" in text
    summary = outcome_summary_html(outcome)
    assert "Hangt af van uw antwoorden" in summary and "Bel 112" in summary


def test_outcome_html_incomplete_and_missing_in_plain_dutch(advisor):
    outcome = advisor.advise({})
    page = outcome_html(advisor, outcome, complete=False)
    assert "nog niet alle vragen beantwoord" in page
    assert "Nog onbekend" in page
    assert "In welke gemeente woont het huishouden" in page
    assert "acute_danger" not in page
    assert missing_questions(advisor, ["suspicion", "nonsense"])[0].startswith("Heeft u op basis van stap 1")
    assert missing_questions(advisor, ["nonsense"]) == ["nonsense"]


def test_outcome_notes_for_the_other_region(advisor):
    outcome = advisor.advise(advisor.parse({"municipality": "Leiden", "red_flags": ["stalking"], "suspicion": True}))
    page = outcome_html(advisor, outcome)
    assert "<h2>Let op</h2>" in page and "Aanpak (ex-)partnerstalking" in page


def test_outcome_summary(advisor):
    outcome = advisor.advise(advisor.parse({"acute_danger": True, "suspicion": True, "structural_unsafety": True}))
    summary = outcome_summary_html(outcome)
    assert summary.index("Bel 112</b>") < summary.index("Meld bij Veilig Thuis")


def test_untrusted_text_is_escaped(advisor):
    outcome = advisor.advise({})
    html = record_html(advisor, [], outcome, note="<script>alert(1)</script> & co")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; co" in html


def test_contacts(advisor):
    assert "telefoon niet ingevuld" in contact_html({"name": "niet ingevuld", "phone": "niet ingevuld", "note": ""})
    assert '<span class="leeg">niet ingevuld</span>' in contact_html({"name": "niet ingevuld", "phone": "1", "note": ""})
    assert contact_text({"name": "VT", "phone": "0800-2000", "note": "gratis"}) == "VT, tel. 0800-2000 (gratis)"
    assert contact_text({"name": "niet ingevuld", "phone": "niet ingevuld"}) == "niet ingevuld, telefoon niet ingevuld"
    assert contact_html(None) == "" and contact_text(None) == ""


def test_plain_strips_markdown_links():
    assert plain("Ga door naar [vraag 2](item:afweging_2).") == "Ga door naar vraag 2."


# ---------------------------------------------------------------------------------------------
# Record for the file


def test_record_holds_everything_the_file_needs(advisor, store):
    session = session_with(advisor, {**BRIEF_CASE, "acute_danger": True})
    walk = session.walk()
    outcome = session.outcome(walk)
    when = dt.date(2026, 11, 24)
    for record in (
        record_html(advisor, session.answered(walk), outcome, "Overleg met AF gepland.", when),
        record_text(advisor, session.answered(walk), outcome, "Overleg met AF gepland.", when),
    ):
        assert "24-11-2026" in record
        assert "Haaglanden" in record and "Delft" in record
        assert store.meta.version in record
        assert "Is er nu acuut gevaar" in record
        assert "Poging tot verwurging, verstikking of verdrinking" in record
        assert "Afwegingskader" in record
        steps = record[record.index("Mogelijke vervolgstappen"):]
        assert "Bel 112" in steps and steps.index("Bel 112") < steps.index("Meld bij Veilig Thuis")
        assert "Overleg met AF gepland." in record
        assert doubt_line(advisor.store) in record
        assert "item:" not in record  # no links on paper
    text = record_text(advisor, session.answered(walk), outcome, "", when)
    assert "1. Bel 112" in text
    assert "- waarom: U gaf aan dat er nu acuut gevaar is" in text
    assert "- contact: Alarmnummer, tel. 112" in text
    assert "- bron: " in text
    assert "Notitie" not in text
    # Afweging 1 and 2 as the professional answered them, each with its consequence; 3-5 are
    # answered with Veilig Thuis after the report, so the path does not ask them.
    assert "Antwoord: ja — Ga door naar vraag 2." in text
    assert text.count("Antwoord: ja") == 2
    assert text.count("Antwoord: niet gevraagd") == 3
    assert "Antwoord: onbekend" not in text


def test_record_without_answers(advisor):
    outcome = advisor.advise({})
    text = record_text(advisor, [], outcome, complete=False)
    assert "Nog geen vragen beantwoord." in text
    assert "niet alle vragen zijn beantwoord" in text
    assert "Gemeente: onbekend" in text


def test_report_module_has_no_qt():
    code = (
        "import sys; import routekaart_app.advice.report, routekaart_app.advice.session; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
