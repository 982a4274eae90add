"""Screen readers (issue 19): every focusable control, list, page and dialog has a Dutch name and
a role in Qt's accessible tree, and status changes are announced.

Qt's QAccessible interfaces are what the platform bridges read: UI Automation on Windows (NVDA,
JAWS, Narrator), AT-SPI on Linux (Orca). tests/test_atspi.py checks the same through AT-SPI.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QPushButton

from a11y_views import accessible_controls, hidden_texts, main_window, settle, unnamed_controls, views
from routekaart_app.content import load_for_app
from routekaart_app.ui.a11y import announcer
from routekaart_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    yield from main_window(qtbot)


def test_every_focusable_control_in_every_view_has_a_name_and_a_role(window):
    seen, problems = [], []
    for view, root in views(window):
        controls = list(accessible_controls(root))
        assert controls, view
        seen.append(view)
        problems += [f"{view}: {p}" for p in unnamed_controls(root)]
    assert problems == []
    assert {"start", "pagina", "zoeken", "wizard-uitkomst", "intake", "trainer-verhaal"} <= set(seen)


def test_a_screen_reader_hears_the_text_of_every_label(window):
    """The question, its explanation, the progress, the contacts, the banner: read as they are
    shown, with what they are as the description."""
    problems = []
    for view, root in views(window):
        problems += [f"{view}: {p}" for p in hidden_texts(root)]
    assert problems == []
    window.open_wizard()
    iface = QAccessible.queryAccessibleInterface(window.wizard.question_label)
    assert iface.text(QAccessible.Text.Name) == window.wizard.question_label.text()
    assert iface.text(QAccessible.Text.Description) == "Vraag"


def test_a_label_hidden_behind_a_name_is_found(window):
    window.open_wizard()
    settle()
    assert hidden_texts(window) == []
    window.wizard.question_label.setAccessibleName("Vraag")
    assert any("vraagtekst" in p for p in hidden_texts(window))


def test_a_planted_unnamed_button_is_found(window):
    """The check itself: an icon-like button without text or name is what a screen reader
    would call just 'knop'."""
    assert unnamed_controls(window) == []
    planted = QPushButton(window.centralWidget())
    planted.show()
    settle()
    found = unnamed_controls(window)
    assert len(found) == 1 and "QPushButton" in found[0], found
    planted.setAccessibleName("Geplant")
    assert unnamed_controls(window) == []


def test_pages_lists_and_the_views_themselves_have_names(window):
    names = {w.accessibleName() for w in (window.reader, window.nav, window.search_field, window.municipality_box)}
    assert "" not in names
    window.open_wizard()
    window.open_intake()
    for view in (window.wizard, window.intake):
        assert view.accessibleName()
        iface = QAccessible.queryAccessibleInterface(view)
        assert iface.text(QAccessible.Text.Name) == view.accessibleName()


def _dialog_problems(qtbot, open_dialog) -> tuple[str, list[str]]:
    """Open a modal dialog, walk it while it is open, close it."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        settle()
        iface = QAccessible.queryAccessibleInterface(dialog)
        seen["name"] = iface.text(QAccessible.Text.Name) or dialog.windowTitle()
        seen["problems"] = unnamed_controls(dialog)
        seen["buttons"] = [b.text() for b in dialog.findChildren(QPushButton)]
        dialog.reject()

    QTimer.singleShot(0, look)
    open_dialog()
    return seen["name"], seen["problems"], seen["buttons"]


def test_dialogs_have_a_dutch_name_and_named_buttons(window, qtbot):
    from routekaart_app.ui.main_window import apply_language

    apply_language(QApplication.instance())
    window.open_wizard()
    name, problems, buttons = _dialog_problems(qtbot, window.wizard.confirm_new_case)
    assert name == "Nieuwe casus" and problems == []
    assert "&Ja" in buttons or "Ja" in buttons, buttons  # Qt's own texts in Dutch
    name, problems, _ = _dialog_problems(qtbot, window.show_about)
    assert name == "Over Routekaart" and problems == []


def test_status_changes_are_announced(window, qtbot):
    heard: list[tuple[str, bool]] = []
    announcer.announced.connect(lambda text, assertive: heard.append((text, assertive)))
    window.search_field.setText("stalking")
    assert heard and heard[-1][0].endswith("zoekresultaten"), heard
    count = window.results.count()
    assert heard[-1] == (f"{count} zoekresultaten", False)
    window.search_field.setText("qqqxyz")
    assert heard[-1] == ("Geen zoekresultaten", False)
    window.search_field.clear()

    window.set_municipality("delft")
    window.open_wizard()
    wizard = window.wizard
    wizard.answer_widget.suggest_button.click()  # the household's municipality: the user's own
    wizard.go_next()
    assert wizard.current == "acute_danger"
    heard.clear()
    wizard.answer_widget.buttons[0].setChecked(True)  # acute danger: 112 is certain
    assert any(text.startswith("Uitkomst bijgewerkt: Bel 112") for text, _ in heard), heard
    before = len(heard)
    wizard.answer_widget.buttons[0].setChecked(True)  # the same answer again: nothing new to say
    assert len(heard) == before


def test_the_banner_is_announced_assertively(qtbot, content_copy):
    heard: list[tuple[str, bool]] = []
    announcer.announced.connect(lambda text, assertive: heard.append((text, assertive)))
    (content_copy / "begrippen" / "kapot.yaml").write_text("id: [onaf", encoding="utf-8")
    w = MainWindow(load_for_app(content_copy))
    w.remember_on_close = False
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: bool(heard))
    assert heard[0][1] is True and heard[0][0].startswith("Let op"), heard
    assert w.banner.accessibleDescription()
