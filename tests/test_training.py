"""Trainer mode without Qt: comparing the group's answers with the model, the presentation HTML
and the handout of a case (`advice.training`)."""

from __future__ import annotations

import datetime as _dt
import subprocess
import sys

import pytest

from conftest import CONTENT
from routekaart_app.advice import UNKNOWN, Advisor
from routekaart_app.advice.session import Session
from routekaart_app.advice.training import (
    BADGE_TEXT,
    DIFFERENT,
    EXTRA,
    MISSING,
    SAME,
    STEP_EXTRA,
    STEP_MISSING,
    compare,
    compare_steps,
    comparison_html,
    discussion_html,
    handout_file_name,
    handout_html,
    model_answers_for_wizard,
    model_path_ids,
    outcome_compare_html,
    story_html,
)
from routekaart_app.content import load_content

_STORE = load_content(CONTENT)
CASES = {c.id: c for c in _STORE.extras.get("oefencasussen") or []}
CASE = "casus_partnergeweld_rode_vlaggen"


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor(_STORE)


def group_walk(advisor, answers):
    return Session(advisor, dict(answers)).walk()


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_the_model_answers_compare_equal_to_themselves(advisor, case_id):
    """A group that answers exactly like the model: every row 'gelijk', the same steps."""
    case = CASES[case_id]
    walk = group_walk(advisor, model_answers_for_wizard(advisor, case))
    assert walk.done
    rows = compare(advisor, case, walk.answers)
    assert rows and {r.status for r in rows} == {SAME}
    assert [r.question.id for r in rows] == model_path_ids(advisor, case)
    steps = compare_steps(advisor, case, Session(advisor, walk.answers).outcome())
    assert [s.id for s in steps] == case.expected and all(s.status == SAME for s in steps)


def test_differences_missing_and_extra(advisor):
    case = CASES[CASE]
    answers = model_answers_for_wizard(advisor, case)
    answers.update(acute_danger=True, red_flags=["stalking", "strangulation"], prior_reports=UNKNOWN)
    rows = {r.question.id: r for r in compare(advisor, case, group_walk(advisor, answers).answers)}
    assert rows["acute_danger"].status == DIFFERENT
    assert rows["acute_danger"].group_label == "Ja" and rows["acute_danger"].model_label == "Nee"
    flags = rows["red_flags"]
    assert flags.status == DIFFERENT and flags.added == ["Stalking"]
    assert "Geweld tijdens de zwangerschap" in flags.missed and len(flags.missed) == 4
    # 'Weet ik niet' against a model answer of 0.
    assert rows["prior_reports"].status == DIFFERENT and rows["prior_reports"].group_label == "Weet ik niet"
    assert rows["municipality"].status == SAME

    # The group stops halfway: the rest of the model's questions are 'niet beantwoord'.
    half = {k: v for k, v in answers.items() if k in ("municipality", "acute_danger")}
    rows = compare(advisor, case, group_walk(advisor, half).answers)
    statuses = {r.question.id: r.status for r in rows}
    assert statuses["acute_danger"] == DIFFERENT and statuses["red_flags"] == MISSING

    # A question off the model's path (no red flags: on to afweging 2).
    other = dict(model_answers_for_wizard(advisor, case), red_flags=[], suspicion=True, structural_unsafety=False, can_help=True,
                 help_accepted=True, help_effective=True)
    rows = {r.question.id: r for r in compare(advisor, case, group_walk(advisor, other).answers)}
    assert rows["separation"].status == MISSING  # the model asks it after its red flags
    assert rows["can_help"].status == EXTRA and "niet aan bod" in rows["can_help"].model_label


def test_unknown_and_null_are_the_same_answer(advisor):
    case = CASES["casus_acuut_gevaar"]
    nulls = [q for q, m in case.model_answers.items() if m.answer is None]
    assert nulls
    walk = group_walk(advisor, model_answers_for_wizard(advisor, case))
    assert all(walk.answers[q] is UNKNOWN or walk.answers[q] is None for q in nulls if q in walk.answers)
    assert {r.status for r in compare(advisor, case, walk.answers)} == {SAME}


def test_step_comparison(advisor):
    case = CASES[CASE]
    # The group sees acute danger but answers afweging 2 "nee" and offers help itself.
    answers = dict(model_answers_for_wizard(advisor, case), acute_danger=True, red_flags=["stalking"],
                   structural_unsafety=False, can_help=True, help_accepted=True, help_effective=None)
    outcome = Session(advisor, answers).outcome()
    steps = {s.id: s for s in compare_steps(advisor, case, outcome)}
    assert steps["call_112"].status == STEP_EXTRA
    assert steps["report_veilig_thuis"].status == STEP_MISSING
    html = outcome_compare_html(advisor, case, outcome)
    assert BADGE_TEXT[STEP_EXTRA] in html and "Bel 112" in html
    assert "De app ondersteunt; de professional beslist." in html


def test_presentation_html(advisor):
    case = CASES[CASE]
    one = story_html(advisor, case, 1)
    assert "Zoetermeer (regio Haaglanden)" in one and "deel 2 van 3" in one
    assert "keel dichtkneep" not in one
    everything = story_html(advisor, case, 99)
    assert "keel dichtkneep" in everything and "Dit was het hele verhaal" in everything
    assert everything.count('class="deel nieuw"') == 1

    answers = dict(model_answers_for_wizard(advisor, case), acute_danger=True)
    html = comparison_html(compare(advisor, case, group_walk(advisor, answers).answers))
    assert "1 van de 16 vragen verschillen van het model (vraag 2)." in html
    # The difference is marked in words, not only colour.
    assert html.count(BADGE_TEXT[DIFFERENT]) == 1 and BADGE_TEXT[SAME] in html
    assert comparison_html([]).startswith("<p>De groep heeft nog geen vragen beantwoord")
    assert all(q.split()[0] in discussion_html(case) for q in case.discussion)


def test_untrusted_text_is_escaped(advisor):
    case = CASES[CASE].model_copy(
        update={"title": "<script>x</script>", "parts": ["<img src=x onerror=alert(1)> deel", "tweede"]}
    )
    html = handout_html(advisor, case, with_answers=True)
    assert "<script>" not in html and "onerror" not in html
    assert "<img" not in story_html(advisor, case, 2)


def test_handout_without_model_answers(advisor):
    case = CASES[CASE]
    html = handout_html(advisor, case, with_answers=False, when=_dt.date(2026, 12, 1))
    assert "Hand-out voor deelnemers" in html and case.title in html
    for part in case.parts:
        assert part.split()[0] in html
    # Every wizard question, with boxes to tick; no model answer, explanation or expected step.
    for cq in advisor.flow.questions.values():
        assert cq.question.text.split("(")[0].strip()[:30] in html
    assert "☐ Ja" in html and "☐ Geen van deze" in html and "Aantal keer" in html
    assert "Modelantwoord" not in html
    for model in case.model_answers.values():
        assert model.explanation[:40] not in html
    assert "Verwachte vervolgstappen" not in html
    assert "Bespreekvragen" in html and case.discussion[0][:30] in html
    assert "01-12-2026" in html and "0800-2000" in html
    assert handout_file_name(case, with_answers=False) == f"hand-out-{CASE}.pdf"


def test_handout_with_model_answers(advisor):
    case = CASES[CASE]
    html = handout_html(advisor, case, with_answers=True)
    assert "met modelantwoorden" in html
    assert html.count("Modelantwoord:") == len(case.model_answers)
    assert "Poging tot verwurging, verstikking of verdrinking" in html
    assert case.model_answers["separation"].explanation[:30] in html
    recs = advisor.flow.recommendations
    positions = [html.index(recs[r].title) for r in case.expected]
    assert positions == sorted(positions)  # in the expected order
    assert "Lees verder in het handboek" in html and "Bronnen:" in html
    assert "☐" not in html
    assert handout_file_name(case, with_answers=True).endswith("-met-antwoorden.pdf")


def test_training_module_does_not_import_qt():
    code = (
        "import sys; import routekaart_app.advice.training; "
        "print([m for m in sys.modules if m.startswith('PySide6')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_both_handouts_number_the_questions_as_the_screen_does(advisor, case_id):
    """Question 3 on the screen is question 3 on the participants' and on the trainer's paper: the
    numbered list is the path the case leads through, in that order, in both hand-outs."""
    import re

    case = CASES[case_id]
    path = [advisor.flow.question(qid).text for qid in model_path_ids(advisor, case)]
    for with_answers in (False, True):
        html = handout_html(advisor, case, with_answers=with_answers)
        numbered = html.split('<ol class="vragen">', 1)[1].split("</ol>", 1)[0]
        texts = [re.sub(r"&[^;]+;", "", t) for t in re.findall(r"<li><b>(.*?)</b>", numbered)]
        assert len(texts) == len(path), (with_answers, len(texts), len(path))
        for shown, asked in zip(texts, path, strict=True):
            assert shown[:25] == re.sub(r"[&<>\"']", "", asked)[:25] or shown[:10] == asked[:10]
