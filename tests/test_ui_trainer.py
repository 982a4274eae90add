"""Trainer mode: the presentation window, driven through its keys and widgets (pytest-qt)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QRadioButton

from routekaart_app.advice.training import model_answers_for_wizard
from routekaart_app.ui.settings import ALLOWED_KEYS, settings_path
from test_ui_main import make_window

CASE = "casus_partnergeweld_rode_vlaggen"


def open_trainer(qtbot):
    window = make_window(qtbot)
    window.act_trainer.trigger()
    trainer = window.trainer
    assert trainer is not None and trainer.isVisible()
    qtbot.waitExposed(trainer)
    trainer.activateWindow()
    qtbot.waitUntil(trainer.isActiveWindow)
    return window, trainer


def key(qtbot, trainer, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as a presenter's remote sends it: to whatever has the focus in the trainer."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and focus.window() is trainer else trainer
    qtbot.keyClick(target, k, modifier)


def select_case(trainer, case_id: str) -> None:
    for row in range(trainer.case_list.count()):
        if trainer.case_list.item(row).data(Qt.ItemDataRole.UserRole) == case_id:
            trainer.case_list.setCurrentRow(row)
            return
    raise AssertionError(case_id)


def choose(widget, text: str) -> None:
    for button in widget.findChildren(QAbstractButton):
        if button.text().startswith(text):
            button.setChecked(True)
            return
    raise AssertionError(f"no '{text}' in {[b.text() for b in widget.findChildren(QAbstractButton)]}")


def answer_as_group(qtbot, trainer, answers: dict) -> None:
    """Answer each question on screen through its widgets, then Page Down."""
    while trainer.stage == "wizard":
        qid = trainer.current
        value = answers[qid]
        widget = trainer.answer_widget
        if qid == "municipality":
            widget.combo.setCurrentIndex(widget.combo.findData(value))
        elif qid == "red_flags":
            for flag in value:
                widget.flags[flag].setChecked(True)
        elif qid == "prior_reports":
            widget.spin.setValue(value)
        elif qid == "sector":
            widget.set_value(value)
        else:
            choose(widget, {True: "Ja", False: "Nee"}[value])
        key(qtbot, trainer, Qt.Key.Key_PageDown)


def further(qtbot, trainer) -> int:
    """Page Down until the next stage (a long page scrolls first); how many presses it took."""
    stage, presses = trainer.stage, 0
    while trainer.stage == stage:
        key(qtbot, trainer, Qt.Key.Key_PageDown)
        presses += 1
        assert presses < 20
    return presses


def every_text(trainer) -> str:
    """All text the window could show: labels, buttons, the view, the answer widgets."""
    from PySide6.QtWidgets import QLabel, QTextBrowser

    parts = [w.text() for w in trainer.findChildren(QLabel)]
    parts += [w.toPlainText() for w in trainer.findChildren(QTextBrowser)]
    parts += [b.text() for b in trainer.findChildren(QAbstractButton) if b.isChecked()]
    return "\n".join(parts)


def test_step_through_a_case_compare_and_reset(qtbot, _private_config):
    window, trainer = open_trainer(qtbot)
    assert trainer.stage == "chooser"
    # Nothing of the user on screen: the municipality chosen in the main window is not shown.
    window.set_municipality("delft")
    assert "Delft" not in every_text(trainer)
    assert trainer.windowTitle() == "Routekaart — trainersmodus"
    # The chooser lists title and region only.
    texts = [trainer.case_list.item(i).text() for i in range(trainer.case_list.count())]
    assert len(texts) >= 12 and all("regio " in t for t in texts)

    select_case(trainer, CASE)
    trainer.case_list.setFocus()
    key(qtbot, trainer, Qt.Key.Key_Return)
    case = trainer.case
    assert case.id == CASE and trainer.stage == "story" and trainer.revealed == 1
    text = trainer.view.toPlainText()
    assert case.parts[0][:40] in " ".join(text.split())
    assert "keel dichtkneep" not in text  # part 2 not yet revealed

    # The story part by part: Page Down, → and space all go further; Page Up / ← go back.
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.revealed == 2 and "keel dichtkneep" in trainer.view.toPlainText()
    key(qtbot, trainer, Qt.Key.Key_PageUp)
    assert trainer.revealed == 1 and "keel dichtkneep" not in trainer.view.toPlainText()
    key(qtbot, trainer, Qt.Key.Key_Right)
    key(qtbot, trainer, Qt.Key.Key_Space)
    assert trainer.revealed == 3 and "deel 3 van 3" in trainer.stage_label.text()

    # Blank screen: B, and back with B; navigation keys on black only bring the screen back.
    key(qtbot, trainer, Qt.Key.Key_B)
    assert trainer.is_blank
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert not trainer.is_blank and trainer.stage == "story" and trainer.revealed == 3
    key(qtbot, trainer, Qt.Key.Key_Period)
    assert trainer.is_blank
    key(qtbot, trainer, Qt.Key.Key_Escape)
    assert not trainer.is_blank and trainer.isVisible()

    # The wizard with the group: no answer yet = no step further.
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.stage == "wizard" and trainer.current == "municipality"
    assert trainer.answer_widget.combo.currentData() is None  # never the user's own municipality
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.current == "municipality" and "Kies eerst" in trainer.message.text()

    model = model_answers_for_wizard(trainer.advisor, case)
    group = dict(model, acute_danger=True, red_flags=["stalking", "strangulation"])
    answer_as_group(qtbot, trainer, group)
    assert trainer.stage == "compare"

    # The model answers next to the group's, the differences marked in words.
    compared = trainer.view.toPlainText()
    assert "Antwoord van de groep" in compared and "Modelantwoord" in compared
    assert compared.count("≠ verschil") == 2
    assert "✓ gelijk" in compared
    assert case.model_answers["acute_danger"].explanation.split()[0] in compared
    assert "Gemist:" in compared and "Extra aangevinkt: Stalking" in compared

    assert "(vraag 2 en 4)" in compared  # acute danger and the red flags (the sector is question 3)
    # Longer than a screen: Page Down first shows the rest of it, then the next stage.
    bar = trainer.view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    assert trainer.message.text() == "Meer hieronder: Page Down."
    assert further(qtbot, trainer) > 1
    assert trainer.stage == "outcome"
    outcome = trainer.view.toPlainText()
    assert "Bel 112" in outcome and "+ niet verwacht" in outcome
    further(qtbot, trainer)
    assert trainer.stage == "discussion"
    assert case.discussion[0].split()[0] in trainer.view.toPlainText()
    # Back through the stages to the last question, answers kept.
    key(qtbot, trainer, Qt.Key.Key_Left)
    key(qtbot, trainer, Qt.Key.Key_Left)
    assert trainer.stage == "compare" and bar.value() == 0  # at the top again
    key(qtbot, trainer, Qt.Key.Key_PageUp)
    assert trainer.stage == "wizard" and trainer.current == "perpetrator_motivated"
    assert trainer.session.answers["acute_danger"] is True

    # Opnieuw (volgende groep): one key, and nothing of the group remains.
    key(qtbot, trainer, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert trainer.case is case and trainer.stage == "story" and trainer.revealed == 1
    assert trainer.session.answers == {}
    assert trainer.current is None and trainer.answer_widget is None
    shown = every_text(trainer)
    for gone in ("keel dichtkneep", "verschil", "Stalking", "Poging tot verwurging", "perpetrator"):
        assert gone not in shown, gone
    assert "Opnieuw: alles van de vorige groep is gewist." in trainer.message.text()
    # The next group starts with empty answers.
    for _ in range(len(case.parts)):
        key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.stage == "wizard" and trainer.current == "municipality"
    assert trainer.answer_widget.combo.currentData() is None
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.current == "municipality"

    # Nothing of it in the settings.
    window.close()
    ini = settings_path()
    if ini.exists():
        text = ini.read_text(encoding="utf-8", errors="replace")
        assert "Stalking" not in text and "stalking" not in text and CASE not in text
    assert {k for k in window.settings._memory} <= ALLOWED_KEYS


def test_other_case_close_and_escape(qtbot):
    window, trainer = open_trainer(qtbot)
    select_case(trainer, CASE)
    trainer.start_case()
    trainer.go_next()
    assert trainer.revealed == 2
    qtbot.mouseClick(trainer.other_button, Qt.MouseButton.LeftButton)
    assert trainer.stage == "chooser" and trainer.case is None and trainer.session is None
    assert trainer.view.toPlainText() == ""
    # Larger and smaller for the room: everything (buttons too), remembered as a preference.
    key(qtbot, trainer, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert trainer.scale == pytest.approx(1.1)
    sheet = trainer.screen_stack.styleSheet()
    assert "24.2pt" in sheet and "QPushButton {{ font-size: 12.1pt".replace("{{", "{") in sheet
    assert float(window.settings.value("trainer_zoom")) == pytest.approx(1.1)
    key(qtbot, trainer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert trainer.scale == 1.0
    # F11 toggles full screen; Esc leaves it first, then closes the window.
    trainer.act_fullscreen.trigger()
    assert trainer.isFullScreen()
    key(qtbot, trainer, Qt.Key.Key_Escape)
    assert not trainer.isFullScreen() and trainer.isVisible()
    with qtbot.waitSignal(trainer.closed):
        key(qtbot, trainer, Qt.Key.Key_Escape)
    assert window.trainer is None
    # A new trainer window starts empty again.
    window.open_trainer()
    assert window.trainer is not None and window.trainer.stage == "chooser"
    window.trainer.close()


def test_radio_buttons_and_space_in_the_wizard(qtbot):
    """Space ticks the focused answer; Enter and Page Down go further."""
    _window, trainer = open_trainer(qtbot)
    trainer.start_case(CASE)
    for _ in trainer.case.parts:
        trainer.go_next()
    trainer.answer_widget.combo.setCurrentIndex(1)
    key(qtbot, trainer, Qt.Key.Key_Return)
    assert trainer.current == "acute_danger"
    first = trainer.answer_widget.buttons[0]
    assert isinstance(first, QRadioButton) and first.hasFocus()
    key(qtbot, trainer, Qt.Key.Key_Space)
    assert first.isChecked() and trainer.current == "acute_danger"
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.current == "sector"
    trainer.answer_widget.buttons[-2].setFocus()  # "een andere sector"
    key(qtbot, trainer, Qt.Key.Key_Space)
    key(qtbot, trainer, Qt.Key.Key_PageDown)
    assert trainer.current == "red_flags"
    box = trainer.answer_widget.flags["stalking"]
    assert isinstance(box, QCheckBox) and box.hasFocus()
    key(qtbot, trainer, Qt.Key.Key_Space)
    assert box.isChecked()
    key(qtbot, trainer, Qt.Key.Key_PageUp)
    assert trainer.current == "sector"
    key(qtbot, trainer, Qt.Key.Key_PageUp)
    assert trainer.current == "acute_danger" and trainer.answer_widget.buttons[0].isChecked()


def test_handout_pdf_with_and_without_model_answers(qtbot, tmp_path, monkeypatch):
    _window, trainer = open_trainer(qtbot)
    select_case(trainer, CASE)
    plain = tmp_path / "deelnemers.pdf"
    trainer.export_handout_pdf(plain, with_answers=False)
    full = tmp_path / "trainer.pdf"
    trainer.export_handout_pdf(full, with_answers=True)
    for path in (plain, full):
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 2000
    assert full.stat().st_size > plain.stat().st_size * 0.8
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".routekaart-")]
    # Through the button and the save dialog: only the file name shows on screen.
    trainer.set_handout_with_answers(True)
    monkeypatch.setattr(
        "routekaart_app.ui.export.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "hand-out"), "")
    )
    qtbot.mouseClick(trainer.handout_pdf_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "hand-out.pdf"
    assert saved.exists() and saved.read_bytes().startswith(b"%PDF")
    assert trainer.message.text() == "Hand-out opgeslagen als hand-out.pdf."
    assert str(tmp_path) not in every_text(trainer)


def test_trainer_widgets_have_accessible_names(qtbot):
    _window, trainer = open_trainer(qtbot)
    trainer.start_case(CASE)
    for _ in trainer.case.parts:
        trainer.go_next()
    for button in trainer.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.accessibleName() or button.text(), button
    for widget in (trainer.view, trainer.case_list, trainer.handout_kind, trainer.answer_widget):
        assert widget.accessibleName()


@pytest.mark.parametrize("path", ["src/routekaart_app/ui/main_window.py"])
def test_trainer_and_intake_are_imported_lazily(path):
    """The window must open fast: the new views load on first use only. The module's own
    imports run at start-up; those under `if TYPE_CHECKING:` (for annotations) never run."""
    source = Path(__file__).resolve().parents[1].joinpath(path).read_text(encoding="utf-8")
    imported = []
    for node in ast.parse(source).body:  # the module level: what importing it runs
        if isinstance(node, ast.ImportFrom):
            imported.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            imported.extend(alias.name for alias in node.names)
    assert imported and not [m for m in imported if m.endswith((".trainer", ".intake", "training"))], imported
