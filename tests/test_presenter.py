"""Presenter view for trainers (issue 19): with two screens the group sees the case on the
projector, the trainer sees the same plus the model answers, the discussion questions and what
comes next. The split is a model (advice.presenter, no Qt) and a window per screen; a second
QScreen cannot be faked offscreen in-process, so the test puts both windows on the one screen
and checks what each shows."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from routekaart_app.advice import Advisor
from routekaart_app.advice.presenter import Moment, presenter_notes_html, what_comes_next
from routekaart_app.content import load_for_app
from routekaart_app.ui.trainer import TrainerWindow


@pytest.fixture(scope="module")
def app_store():
    return load_for_app(None).store


def _case(store):
    return sorted(store.extras["oefencasussen"], key=lambda c: c.id)[0]


def test_the_notes_hold_the_model_answer_discussion_and_what_is_next(app_store):
    advisor = Advisor(app_store)
    case = _case(app_store)
    qid = next(q for q in case.model_answers if q in advisor.flow.questions)
    notes = presenter_notes_html(advisor, case, Moment("wizard", question=qid))
    assert "Modelantwoord" in notes
    assert all(q.split()[0] in notes for q in case.discussion)
    story = presenter_notes_html(advisor, case, Moment("story", revealed=1))
    assert "Modelantwoord" not in story and "Deel 2 van het verhaal" in story
    assert what_comes_next(case, Moment("story", revealed=len(case.parts))) == "De wizard, samen met de groep"
    assert what_comes_next(case, Moment("discussion")).startswith("Einde van de casus")


def test_audience_and_presenter_windows_show_their_parts(qtbot, app_store):
    trainer = TrainerWindow(app_store)
    qtbot.addWidget(trainer)
    trainer.show()
    assert trainer.presenter is None  # one screen: today's behaviour, no second window
    only = QGuiApplication.primaryScreen()
    presenter = trainer.present_with_notes(only, only)
    qtbot.addWidget(presenter)
    assert presenter.isVisible() and trainer.isFullScreen()
    trainer.start_case()
    story = trainer.view.toPlainText()
    assert trainer.case.parts[0].split()[0] in story
    assert story.split()[0] in presenter.mirror.toPlainText()  # the same story
    assert "Modelantwoord" not in trainer.view.toPlainText()
    # The wizard with the group: the projector shows the question, never the model answer.
    while trainer.stage != "wizard":
        trainer.go_next()
    qid = trainer.current
    assert trainer.question_label.text() in presenter.mirror.toPlainText()
    audience = " ".join(w.text() for w in trainer.findChildren(type(trainer.question_label)) if w.isVisible())
    if qid in trainer.case.model_answers:
        explanation = trainer.case.model_answers[qid].explanation
        assert "Modelantwoord" in presenter.notes.toPlainText()
        assert explanation[:30] not in audience and explanation[:30] not in trainer.view.toPlainText()
    assert "Bespreekvragen" in presenter.notes.toPlainText()
    assert "Hierna" in presenter.notes.toPlainText()
    # Page Down in the presenter window drives the presentation.
    from PySide6.QtCore import Qt

    before = trainer.current
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert trainer.current != before or trainer.stage != "wizard"
    trainer.close()
    assert trainer.presenter is None and not presenter.isVisible()
