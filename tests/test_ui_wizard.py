"""The GUI wizard, driven through its widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QSpinBox,
    QTextBrowser,
    QWidget,
)

from routekaart_app.advice import UNKNOWN
from routekaart_app.ui.settings import ALLOWED_KEYS, settings_path
from test_ui_main import make_window, nav_item

NOTE = "Besproken met AF mevrouw Jansen op dinsdag"
#: The record's details as a professional types them (RecordForm field -> text).
DETAILS = {
    "professional": "P. de Vries, jeugdverpleegkundige",
    "organisatie": "JGZ Delft",
    "dossier": "JGZ-2026-0417",
    "signalen": "Moeder vertelt over een greep naar de keel",
    "overleg": "Aandachtsfunctionaris K. Bakker op 27-11",
    "besluit": "Melden bij Veilig Thuis vanwege verwurging",
}


def open_wizard(qtbot, municipality: str | None = "delft"):
    window = make_window(qtbot)
    if municipality:
        window.set_municipality(municipality)
    node = nav_item(window, "wizard:")
    window._on_nav_activated(node)
    wizard = window.wizard
    assert wizard is not None and window.right_stack.currentWidget() is wizard
    return window, wizard


def button(wizard, text: str) -> QAbstractButton:
    for widget in wizard.answer_widget.findChildren(QAbstractButton):
        if widget.text() == text or widget.text().startswith(text):
            return widget
    raise AssertionError(f"no answer '{text}' for {wizard.current}: "
                         f"{[w.text() for w in wizard.answer_widget.findChildren(QAbstractButton)]}")


def choose(qtbot, wizard, text: str) -> None:
    widget = button(wizard, text)
    QApplication.processEvents()  # let the layout place a freshly built answer widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    assert widget.isChecked()


def enter(qtbot, wizard) -> None:
    """Enter = next, pressed on the focused answer widget."""
    focus = QApplication.focusWidget() or wizard.answer_widget
    qtbot.keyClick(focus, Qt.Key.Key_Return)


def answer_list(wizard) -> list[str]:
    return [wizard.answers_list.item(i).text() for i in range(wizard.answers_list.count())]


def past_sector(qtbot, wizard) -> None:
    """The third question (the professional's own sector), answered 'een andere sector'."""
    assert wizard.current == "sector"
    choose(qtbot, wizard, "Een andere sector")
    wizard.go_next()
    assert wizard.current == "red_flags"


def run_to_end(qtbot, wizard) -> None:
    """A school in Delft, no acute danger, strangulation, separation: the brief's case."""
    assert wizard.current == "municipality"
    # Nothing is chosen beforehand: Enter without an answer stays on the question.
    assert wizard.answer_widget.combo.currentData() is None
    assert not wizard.next_button.isEnabled()
    enter(qtbot, wizard)
    assert wizard.current == "municipality" and "municipality" not in wizard.session.answers
    # The window's municipality is one click away, as a suggestion.
    qtbot.mouseClick(wizard.answer_widget.suggest_button, Qt.MouseButton.LeftButton)
    assert wizard.answer_widget.combo.currentData() == "delft"
    assert wizard.next_button.isEnabled()
    assert wizard.next_button.text() == "Volgende →"
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.current == "acute_danger"
    assert "Vraag 2 van ongeveer" in wizard.progress_label.text()
    choose(qtbot, wizard, "Nee")
    enter(qtbot, wizard)
    assert wizard.current == "sector"
    assert not wizard.next_button.isEnabled()  # no sector chosen beforehand
    choose(qtbot, wizard, "Onderwijs (en leerplicht)")
    enter(qtbot, wizard)
    assert wizard.current == "red_flags"
    choose(qtbot, wizard, "Poging tot verwurging")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert wizard.current == "separation"
    choose(qtbot, wizard, "Ja")
    enter(qtbot, wizard)
    assert wizard.current == "suspicion"
    choose(qtbot, wizard, "Ja")
    enter(qtbot, wizard)
    for qid in ("disclosure", "children_involved", "perpetrator_in_home"):
        assert wizard.current == qid
        choose(qtbot, wizard, "Nee")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    assert wizard.current == "sexual_violence_within_7_days"
    choose(qtbot, wizard, "Nee")
    enter(qtbot, wizard)
    assert wizard.current == "repeated_severe_violence"
    choose(qtbot, wizard, "Nee")
    enter(qtbot, wizard)
    # Afweging 2 is the professional's own: a red flag never skips it. Attempted strangulation is
    # an example of acute unsafety in the KNMG-meldcode, so "Ja" is filled in, said and cited.
    assert wizard.current == "structural_unsafety"
    assert button(wizard, "Ja").isChecked() and "structural_unsafety" not in wizard.session.answers
    assert wizard.prefill_label.isVisible() and "KNMG" in wizard.prefill_label.text()
    assert "wijzigen" in wizard.prefill_label.text()
    enter(qtbot, wizard)
    assert wizard.session.answers["structural_unsafety"] is True
    # Unsafe (afweging 2 "ja"): 3-5 are answered with Veilig Thuis, on to prior reports.
    assert wizard.current == "prior_reports"
    # The count starts empty, not at 0: Enter writes nothing and stays.
    assert wizard.answer_widget.spin.text().strip() == ""
    enter(qtbot, wizard)
    assert wizard.current == "prior_reports" and "prior_reports" not in wizard.session.answers
    qtbot.keyClicks(wizard.answer_widget.spin, "0")
    assert wizard.session.answers["prior_reports"] == 0
    enter(qtbot, wizard)
    for qid in ("complex_problems", "regular_help_stuck", "perpetrator_motivated"):
        assert wizard.current == qid
        choose(qtbot, wizard, "Nee")
        assert (wizard.next_button.text() == "Naar de uitkomst →") == (qid == "perpetrator_motivated")
        enter(qtbot, wizard)
    assert wizard.current is None
    assert wizard.pages.currentWidget() is wizard.outcome_page


def test_full_run_change_an_answer_and_export(qtbot, tmp_path, monkeypatch):
    window, wizard = open_wizard(qtbot)
    title = window.windowTitle()
    run_to_end(qtbot, wizard)

    text = wizard.outcome_view.toPlainText()
    # Overleg before the decision; the report makes "vraag advies" moot (3-5 go with Veilig Thuis).
    assert text.index("Overleg met de aandachtsfunctionaris") < text.index("Meld bij Veilig Thuis")
    assert "Vraag advies bij Veilig Thuis" not in text
    assert "Waarom" in text
    assert "Rode vlag: Poging tot verwurging" in text
    assert "kans op stalking en femicide" in text
    # The sector's own norm is named.
    assert "Onderwijs:" in text
    assert "Veilig Thuis Haaglanden" in text and "0800-2000" in text
    assert "Bij twijfel: vraag advies bij Veilig Thuis (0800-2000). De app ondersteunt, u beslist." in text
    assert wizard.progress_label.text() == "Alle vragen beantwoord"
    assert "Bel 112" not in wizard.live.text()
    # The side list holds every answer on the path.
    rows = answer_list(wizard)
    assert len(rows) == 16
    assert "Delft" in rows[0] and "Onderwijs" in rows[2] and "Poging tot verwurging" in rows[3]

    # Back via the side list: acute danger, now Ja; the outcome changes at once.
    item = wizard.answers_list.item(1)
    qtbot.mouseClick(
        wizard.answers_list.viewport(), Qt.MouseButton.LeftButton, pos=wizard.answers_list.visualItemRect(item).center()
    )
    assert wizard.current == "acute_danger"
    assert button(wizard, "Nee").isChecked()
    choose(qtbot, wizard, "Ja")
    assert wizard.outcome().ids[0] == "call_112"
    assert "Bel 112" in wizard.live.text()
    assert wizard.live.text().index("Bel 112") < wizard.live.text().index("Meld bij Veilig Thuis")
    assert "Ja" in answer_list(wizard)[1]
    wizard.show_outcome()
    text = wizard.outcome_view.toPlainText()
    assert text.index("Bel 112") < text.index("Meld bij Veilig Thuis")
    assert "acuut gevaar" in text

    # The record: PDF (through the main window's atomic export), text on the clipboard, with
    # what the professional types just before: signals, consultation, decision, who, where.
    qtbot.keyClicks(wizard.note, NOTE)
    for key, text in DETAILS.items():
        qtbot.keyClicks(wizard.record_form.fields[key], text)
    target = tmp_path / "vastlegging.pdf"
    monkeypatch.setattr(
        "routekaart_app.ui.export.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "vastlegging"), "")
    )
    qtbot.mouseClick(wizard.pdf_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".routekaart-")]
    from pypdf import PdfReader

    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(target).pages)
    for wanted in ("Bel 112", "Meld bij Veilig Thuis", "Stap en waarom", "Poging tot verwurging", "Delft",
                   "Afwegingskader", "Contentversie", NOTE, *DETAILS.values(),
                   "Waargenomen signalen", "Overleg (met wie en wanneer)", "Besluit en waarom", "Dossierkenmerk"):
        assert wanted in pdf_text, wanted
    # Signals first (meldcode step 1), the decision after the steps.
    assert pdf_text.index(DETAILS["signalen"]) < pdf_text.index("Vragen en antwoorden")
    assert pdf_text.index("Mogelijke vervolgstappen") < pdf_text.index(DETAILS["besluit"])
    steps = pdf_text[pdf_text.index("Mogelijke vervolgstappen"):]
    assert steps.index("Bel 112") < steps.index("Meld bij Veilig Thuis")

    QApplication.clipboard().clear()
    qtbot.mouseClick(wizard.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "1. Bel 112" in copied and "2. Overleg met de aandachtsfunctionaris" in copied
    assert "3. Meld bij Veilig Thuis" in copied
    assert "waarom: Rode vlag: Poging tot verwurging" in copied
    assert NOTE in copied
    assert "Datum:" in copied and "Gemeente: Delft" in copied
    assert f"Dossierkenmerk: {DETAILS['dossier']}" in copied and DETAILS["overleg"] in copied

    # The window title never shows an answer.
    assert window.windowTitle() == title


def test_changing_the_path_keeps_answers_in_memory(qtbot):
    _window, wizard = open_wizard(qtbot)
    run_to_end(qtbot, wizard)
    wizard.go_to("red_flags")
    choose(qtbot, wizard, "Geen van deze")
    assert not button(wizard, "Poging tot verwurging").isChecked()
    # Separation is off the path now: not in the list, not in the facts, but remembered.
    assert not any("scheiding" in row for row in answer_list(wizard))
    assert "separation" not in wizard.session.facts()
    assert wizard.session.answers["separation"] is True
    # Afweging 2 was the professional's own answer: it stays, with or without a flag.
    assert wizard.session.facts()["structural_unsafety"] is True and wizard.walk.done
    choose(qtbot, wizard, "Poging tot verwurging")
    assert not button(wizard, "Geen van deze").isChecked()
    assert any("scheiding" in row for row in answer_list(wizard))
    assert wizard.walk.done


def test_keyboard_back_and_forward_stay_in_the_wizard(qtbot):
    window, wizard = open_wizard(qtbot)
    window.open_item("femicide")
    window.open_item("intieme_terreur")  # the reader now has a history Alt+Left would use
    window.open_wizard()
    reader_source = window.reader.source().toString()
    qtbot.mouseClick(wizard.answer_widget.suggest_button, Qt.MouseButton.LeftButton)
    enter(qtbot, wizard)
    assert wizard.current == "acute_danger"
    choose(qtbot, wizard, "Weet ik niet")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert wizard.current == "sector"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert wizard.current == "acute_danger"
    assert button(wizard, "Weet ik niet").isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp)
    assert wizard.current == "municipality"
    assert window.reader.source().toString() == reader_source
    assert window.right_stack.currentWidget() is wizard
    # Next stays off until there is an answer.
    wizard.go_next()
    wizard.go_next()
    assert wizard.current == "sector"
    assert not wizard.next_button.isEnabled()
    enter(qtbot, wizard)
    assert wizard.current == "sector"


def test_answer_kinds(qtbot):
    _window, wizard = open_wizard(qtbot, municipality=None)
    # No municipality chosen in the window: nothing preselected, 'weet ik niet' possible.
    assert wizard.answer_widget.combo.currentData() is None
    assert not wizard.next_button.isEnabled()
    choose(qtbot, wizard, "Weet ik niet")
    assert not wizard.answer_widget.combo.isEnabled()
    assert wizard.session.answers["municipality"] is UNKNOWN
    wizard.go_next()
    choose(qtbot, wizard, "Nee")
    wizard.go_next()
    past_sector(qtbot, wizard)
    # Red flags: all eleven, with their summary as tooltip.
    flags = [b for b in wizard.answer_widget.findChildren(QCheckBox)]
    assert len(flags) == 13
    strangulation = button(wizard, "Poging tot verwurging")
    assert strangulation.toolTip()
    choose(qtbot, wizard, "Stalking")
    choose(qtbot, wizard, "Weet ik niet")
    assert not button(wizard, "Stalking").isChecked()
    assert wizard.session.answers["red_flags"] is UNKNOWN
    wizard.go_next()
    assert wizard.current == "suspicion"
    choose(qtbot, wizard, "Ja")
    wizard.go_next()
    for _ in range(5):  # disclosure, children, perpetrator in the home, recent sexual violence, repeated
        choose(qtbot, wizard, "Nee")
        wizard.go_next()
    assert wizard.current == "structural_unsafety"
    choose(qtbot, wizard, "Nee")
    wizard.go_next()
    choose(qtbot, wizard, "Ja")  # can_help
    wizard.go_next()
    choose(qtbot, wizard, "Ja")  # help_accepted
    wizard.go_next()
    assert wizard.current == "help_effective"
    labels = [b.text() for b in wizard.answer_widget.findChildren(QRadioButton)]
    assert labels == ["Ja", "Nee", "Nog niet bekend (de hulp loopt)", "Weet ik niet"]
    choose(qtbot, wizard, "Nog niet bekend")
    assert wizard.session.answers["help_effective"] is None
    wizard.go_next()
    assert wizard.current == "prior_reports"
    spin = wizard.answer_widget.findChild(QSpinBox)
    spin.setValue(3)
    assert wizard.session.answers["prior_reports"] == 3
    choose(qtbot, wizard, "Weet ik niet")
    assert not spin.isEnabled() and wizard.session.answers["prior_reports"] is UNKNOWN
    # Links under the question open the handbook; the answers stay.
    window = _window
    link = next(b for b in wizard.see_row.findChildren(QAbstractButton) if b.isVisible())
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert window.right_stack.currentWidget() is window.reader
    assert window.reader.current_id() == "interventie_mda_plus_plus"
    window.open_wizard()
    assert wizard.current == "prior_reports" and wizard.session.answers["prior_reports"] is UNKNOWN
    # The outcome page before the end says so, and lists what is unknown in plain Dutch.
    qtbot.mouseClick(wizard.outcome_button, Qt.MouseButton.LeftButton)
    text = wizard.outcome_view.toPlainText()
    assert "nog niet alle vragen beantwoord" in text
    assert "Nog onbekend" in text
    assert "In welke gemeente woont het huishouden" in text
    assert "Bied of organiseer hulp" in text


def test_outcome_links_open_the_handbook(qtbot):
    window, wizard = open_wizard(qtbot)
    run_to_end(qtbot, wizard)
    assert 'href="item:meldcode_stap_5"' in wizard.outcome_view.toHtml()
    from PySide6.QtCore import QUrl

    wizard.outcome_view.anchorClicked.emit(QUrl("item:meldcode_stap_5"))
    assert window.right_stack.currentWidget() is window.reader
    assert window.reader.current_id() == "meldcode_stap_5"


def test_every_question_starts_unanswered(qtbot):
    """No default anywhere: whatever the kind of question (also ones a new flow adds), its widget
    starts without an answer, with or without a municipality chosen in the window."""
    from routekaart_app.advice import Advisor
    from routekaart_app.content import load_for_app
    from routekaart_app.ui.answers import NO_ANSWER, answer_widget

    store = load_for_app(None).store
    advisor = Advisor(store)
    kinds = set()
    for qid in advisor.flow.questions:
        question = advisor.flow.question(qid)
        for suggest in (None, "delft"):
            widget = answer_widget(question, store, suggest)
            qtbot.addWidget(widget)
            assert widget.value() is NO_ANSWER, (question.id, suggest, widget.value())
            checked = [b.text() for b in widget.findChildren(QAbstractButton) if b.isCheckable() and b.isChecked()]
            assert not checked, (question.id, checked)
        kinds.add(question.kind)
    assert {"count", "municipality", "flags"} <= kinds  # the kinds that once had a default


def test_ctrl_n_asks_then_wipes_everything(qtbot, monkeypatch):
    window, wizard = open_wizard(qtbot)
    run_to_end(qtbot, wizard)
    qtbot.keyClicks(wizard.note, NOTE)
    qtbot.keyClicks(wizard.record_form.fields["dossier"], DETAILS["dossier"])
    asked = []
    monkeypatch.setattr(wizard, "confirm_new_case", lambda: asked.append(1) or False)
    qtbot.keyClick(wizard.outcome_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked and wizard.session.answers and wizard.note.toPlainText() == NOTE
    monkeypatch.setattr(wizard, "confirm_new_case", lambda: asked.append(2) or True)
    qtbot.keyClick(wizard.outcome_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [1, 2]
    assert wizard.session.answers == {}
    assert wizard.note.toPlainText() == ""
    assert wizard.record_form.values() == {}
    assert wizard.current == "municipality"
    assert answer_list(wizard) == ["Nog geen antwoorden."]
    assert not wizard.answers_list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert wizard.pages.currentWidget() is wizard.question_page
    assert "Vraag 1 van ongeveer" in wizard.progress_label.text()
    # Nothing to lose: no question asked.
    monkeypatch.setattr(wizard, "confirm_new_case", lambda: pytest.fail("asked without answers"))
    wizard.new_case()


def test_ctrl_p_in_the_wizard_prints_the_record(qtbot, monkeypatch):
    window, wizard = open_wizard(qtbot)
    called = []
    monkeypatch.setattr(wizard, "print_record", lambda: called.append("print"))
    monkeypatch.setattr(wizard, "save_pdf", lambda: called.append("pdf"))
    window.act_print.trigger()
    window.act_pdf.trigger()
    assert called == ["print", "pdf"]


def test_no_answers_kept_anywhere(qtbot, _private_config):
    window, wizard = open_wizard(qtbot)
    run_to_end(qtbot, wizard)
    qtbot.keyClicks(wizard.note, NOTE)
    for key, text in DETAILS.items():
        qtbot.keyClicks(wizard.record_form.fields[key], text)
    window.close()
    ini = settings_path()
    assert ini.exists()
    text = ini.read_text(encoding="utf-8", errors="replace")
    secrets = ("strangulation", "verwurging", "acute", "separation", "suspicion", "Jansen", "prior", "red_flags",
               "JGZ", "Vries", "Bakker", "greep")
    for secret in secrets:
        assert secret not in text
    keys = {line.split("=", 1)[0].strip() for line in text.splitlines() if "=" in line}
    assert keys <= ALLOWED_KEYS
    # And no other file appeared in the private home (no temp copies of answers).
    files = [p for p in Path(_private_config).rglob("*") if p.is_file()]
    assert files == [ini], files


def test_wizard_widgets_have_accessible_names(qtbot):
    _window, wizard = open_wizard(qtbot)
    wizard.go_next()
    wizard.go_next()  # red flags: the most widgets
    kinds = (QAbstractButton, QComboBox, QSpinBox, QListWidget, QPlainTextEdit, QTextBrowser, QProgressBar)
    nameless = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in wizard.findChildren(QWidget)
        if isinstance(w, kinds) and not w.accessibleName()
    ]
    assert not nameless


def test_tab_goes_from_the_answer_to_next_then_the_side_panel(qtbot):
    _window, wizard = open_wizard(qtbot)
    wizard.go_next()
    choose(qtbot, wizard, "Weet ik niet")  # Volgende is only a stop once there is an answer
    start = wizard.answer_widget.first_focus()
    start.setFocus()
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if QApplication.focusWidget() is wizard.answers_list:
            break
    assert wizard.next_button in seen and wizard.answers_list in seen
    assert seen.index(wizard.next_button) < seen.index(wizard.answers_list)
    # The link to the handbook comes before the way on.
    links = [w for w in seen if w.property("link")]
    assert links and seen.index(links[0]) < seen.index(wizard.next_button)


def test_question_texts_from_content_are_never_html(qtbot):
    _window, wizard = open_wizard(qtbot)
    for label in (wizard.question_label, wizard.help_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
