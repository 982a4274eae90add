"""Every view of the app, for the accessibility and keyboard tests, and what a screen reader
finds in it (Qt's own QAccessible interfaces: what UI Automation hands NVDA or JAWS on Windows
and what AT-SPI hands Orca on Linux)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface, QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget

#: Roles that are "no role at all" for a focusable control.
NO_ROLES = {QAccessible.Role.NoRole}


def main_window(qtbot):
    """The main window on the bundled content at 1366x768, shown; closes its trainer afterwards
    (use with `yield from` in a fixture)."""
    from routekaart_app.content import load_for_app
    from routekaart_app.ui.main_window import MainWindow

    w = MainWindow(load_for_app(None))
    w.remember_on_close = False
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.trainer is not None:
        w.trainer.close()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def accessible_controls(root: QWidget) -> Iterator[tuple[QAccessibleInterface, str]]:
    """Every focusable, visible node of `root`'s accessible tree with its path of names."""

    def walk(iface: QAccessibleInterface, path: str) -> Iterator[tuple[QAccessibleInterface, str]]:
        state = iface.state()
        if state.invisible:
            return
        here = f"{path}/{iface.role().name}:{iface.text(QAccessible.Text.Name)!r}"
        if state.focusable:
            yield iface, here
        for i in range(iface.childCount()):
            child = iface.child(i)
            if child is not None:
                yield from walk(child, here)

    yield from walk(QAccessible.queryAccessibleInterface(root), "")


def unnamed_controls(root: QWidget) -> list[str]:
    """Focusable controls a screen reader cannot name: no accessible name, or no role. A combo
    box's name on Linux is its current text; Windows reads its accessible name (or a label's
    buddy), so that is what is asked of it."""
    problems = []
    for iface, path in accessible_controls(root):
        obj = iface.object()
        name = iface.text(QAccessible.Text.Name).strip()
        if isinstance(obj, QComboBox):
            labelled = iface.relations(QAccessible.RelationFlag.Labelled)
            name = obj.accessibleName().strip() or ("label" if labelled else "")
        if not name:
            problems.append(f"geen naam: {path} ({type(obj).__name__ if obj else 'item'})")
        if iface.role() in NO_ROLES:
            problems.append(f"geen rol: {path}")
    return problems


def plain(text: str) -> str:
    doc = QTextDocument()
    doc.setHtml(text)
    return " ".join(doc.toPlainText().split())


def hidden_texts(root: QWidget) -> list[str]:
    """Labels whose text a screen reader does not hear: an accessible name set to a generic word
    ('Vraag') replaces the text itself (a label has no text interface of its own)."""
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.pixmap() and not label.pixmap().isNull():
            continue
        text = plain(label.text())
        if not text:
            continue
        name = " ".join(QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name).split())
        if text[:40] not in name:
            problems.append(f"{label.objectName() or 'QLabel'}: hoort {name!r} in plaats van {text[:40]!r}")
    return problems


def views(window) -> Iterator[tuple[str, QWidget]]:
    """Open each view of the main window (and trainer mode) in turn: (name, its window)."""
    window.set_municipality("delft")
    window.go_home()
    settle()
    yield "start", window
    window.open_item("femicide")
    settle()
    yield "pagina", window
    window.search_field.setText("stalking")
    settle()
    yield "zoeken", window
    window.search_field.setText("qqqxyz")
    settle()
    yield "zoeken-niets", window
    window.search_field.clear()

    window.open_wizard()
    wizard = window.wizard
    settle()
    yield "wizard-gemeente", window
    wizard.go_to("acute_danger")
    settle()
    yield "wizard-keuze", window
    wizard.go_to("red_flags")
    settle()
    yield "wizard-rode-vlaggen", window
    wizard.go_to("prior_reports")
    settle()
    yield "wizard-aantal", window
    wizard.show_outcome()
    settle()
    yield "wizard-uitkomst", window

    window.open_intake()
    settle()
    yield "intake", window

    window.open_trainer()
    trainer = window.trainer
    settle()
    yield "trainer-kiezen", trainer
    trainer.start_case()
    settle()
    yield "trainer-verhaal", trainer
    trainer._show_question("red_flags")
    settle()
    yield "trainer-rode-vlaggen", trainer
    trainer._show_stage("compare")
    settle()
    yield "trainer-vergelijken", trainer
    trainer._show_stage("discussion")
    settle()
    yield "trainer-bespreken", trainer
    trainer.close()
    settle()
