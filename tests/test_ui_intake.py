"""The intake view: red-flag checklist, contacts, start the wizard with the flags (pytest-qt)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QAbstractButton, QApplication

from routekaart_app.advice.facts import RED_FLAG_IDS
from routekaart_app.ui.intake import FLAG_IDS
from routekaart_app.ui.settings import ALLOWED_KEYS, settings_path
from test_ui_main import make_window


def open_intake(qtbot, municipality: str | None = "zoetermeer"):
    window = make_window(qtbot)
    if municipality:
        window.set_municipality(municipality)
    qtbot.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    intake = window.intake
    assert intake is not None and window.right_stack.currentWidget() is intake
    return window, intake


def tick(qtbot, intake, flag: str) -> None:
    box = intake.flags[flag]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def test_flags_are_the_wizards_flags():
    assert FLAG_IDS == RED_FLAG_IDS


def test_tick_two_flags_and_start_the_wizard(qtbot):
    window, intake = open_intake(qtbot)
    assert QApplication.focusWidget() is intake.flags["stalking"]
    # Contacts for the chosen municipality.
    contacts = intake.contacts.text()
    assert "Zoetermeer" in intake.contacts_box.title()
    assert "112" in contacts and "0800-2000" in contacts and "Veilig Thuis Haaglanden" in contacts
    assert "Zorg- en Veiligheidshuis Haaglanden" in contacts
    assert "niet ingevuld" in contacts  # the local team's name is not in the sources: said so

    # Ticking a flag shows what it means and what to do.
    tick(qtbot, intake, "strangulation")
    page = window.store.pages["strangulation"]
    detail = intake.detail.toPlainText()
    assert page.title in detail and "Wat te doen" in detail and "Wat betekent het" in detail
    assert "Overleg nog dezelfde dag met de aandachtsfunctionaris" in detail
    tick(qtbot, intake, "stalking")
    detail = intake.detail.toPlainText()
    assert detail.startswith("Stalking") and "Ook aangevinkt" in detail and page.title in detail
    # The other ticked flag via its link; unticking shows the one ticked before.
    intake.detail.anchorClicked.emit(QUrl("flag:strangulation"))
    assert intake.detail.toPlainText().startswith(page.title)
    assert intake.ticked() == ["stalking", "strangulation"]
    assert "(2)" in intake.start_button.text()

    # Start the wizard: the flags are the answer to the red-flag question, with the municipality.
    qtbot.mouseClick(intake.start_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert window.right_stack.currentWidget() is wizard
    assert wizard.session.answers["red_flags"] == ["stalking", "strangulation"]
    assert wizard.session.answers["municipality"] == "zoetermeer"
    assert wizard.current == "acute_danger"  # acute danger is still asked first
    assert "2 rode vlag" in window.statusBar().currentMessage()
    next(b for b in wizard.answer_widget.findChildren(QAbstractButton) if b.text() == "Nee").setChecked(True)
    wizard.go_next()
    assert wizard.current == "sector"  # the professional's own sector: asked, never assumed
    next(b for b in wizard.answer_widget.findChildren(QAbstractButton) if b.text() == "Een andere sector").setChecked(True)
    wizard.go_next()
    assert wizard.current == "red_flags"
    flags = wizard.answer_widget.flags
    assert flags["stalking"].isChecked() and flags["strangulation"].isChecked()
    assert not flags["weapons"].isChecked()
    assert "Stalking" in wizard.answers_list.item(3).text()


def test_starting_over_an_existing_case_asks_first(qtbot, monkeypatch):
    window, intake = open_intake(qtbot, municipality=None)
    window.open_wizard()
    window.wizard.session.answer("acute_danger", True)
    asked = []
    monkeypatch.setattr(window.wizard, "confirm_new_case", lambda: asked.append(1) or False)
    window.open_intake()
    tick(qtbot, intake, "weapons")
    intake.start_wizard()
    assert asked and window.wizard.session.answers == {"acute_danger": True}  # kept: the user said no
    monkeypatch.setattr(window.wizard, "confirm_new_case", lambda: True)
    window.open_intake()
    intake.start_wizard()
    assert window.wizard.session.answers == {"red_flags": ["weapons"]}  # no municipality chosen
    assert window.wizard.current == "municipality"


def test_escape_twice_or_ctrl_n_clears_and_nothing_is_kept(qtbot, _private_config):
    window, intake = open_intake(qtbot)
    tick(qtbot, intake, "weapons")
    tick(qtbot, intake, "death_threat")
    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Escape)
    assert intake.ticked() == ["death_threat", "weapons"]  # one Esc: nothing yet
    assert "Nog een keer Esc" in window.statusBar().currentMessage()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert intake.ticked() == []
    assert "Wapen" not in intake.detail.toPlainText() and "Rode vlaggen" in intake.detail.toPlainText()

    tick(qtbot, intake, "forced_sex")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert intake.ticked() == [] and intake._order == []
    assert intake.start_button.text() == "Start de wizard"

    # Another page and back: still empty; nothing in the settings file.
    tick(qtbot, intake, "escalation")
    window.close()
    ini = settings_path()
    if ini.exists():
        text = ini.read_text(encoding="utf-8", errors="replace")
        assert "escalation" not in text and "intake" not in text.lower()
    assert set(window.settings._memory) <= ALLOWED_KEYS


def test_contacts_follow_the_municipality_and_say_what_is_missing(qtbot):
    window, intake = open_intake(qtbot, municipality=None)
    contacts = intake.contacts.text()
    assert "112" in contacts and "0800-2000" in contacts and "kies uw gemeente" in contacts
    window.set_municipality("regio:Hollands Midden")
    assert "Zorg- en Veiligheidshuis Hollands Midden" in intake.contacts.text()
    window.set_municipality("waddinxveen")
    assert "Waddinxveen" in intake.contacts_box.title()
    assert "Veilig Thuis Hollands Midden" in intake.contacts.text()


def test_home_link_menu_and_no_export(qtbot):
    window = make_window(qtbot)
    assert 'href="intake:"' in window.reader.toHtml() and 'href="trainer:"' in window.reader.toHtml()
    window.reader.anchorClicked.emit(QUrl("intake:"))
    assert window.right_stack.currentWidget() is window.intake
    # Print / PDF in the intake view: nothing is written, the status bar says why.
    window.act_pdf.trigger()
    assert "niet afgedrukt of opgeslagen" in window.statusBar().currentMessage()
    menus = {a.text(): a for m in window.menuBar().actions() for a in m.menu().actions()}
    assert menus["Intakeweergave"].shortcut().toString() == "Ctrl+I"
    assert menus["Trainersmodus…"].shortcut().toString() == "F5"
    for box in window.intake.flags.values():
        assert box.accessibleName()
    for widget in (window.intake.start_button, window.intake.clear_button, window.intake.detail):
        assert widget.accessibleName()
    # The contacts are read as their text, described as what they are.
    assert window.intake.contacts.accessibleDescription().startswith("Contacten voor")
