"""Keyboard helpers for tests/test_keyboard.py: the Tab cycle of a window, what should be in it,
and the focus indicator a widget shows (measured from pixels, not assumed from a style sheet)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QToolBar,
    QWidget,
)

from a11y_views import settle

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def tab_cycle(window: QWidget, start: QWidget, limit: int = 200) -> tuple[list[QWidget], bool]:
    """Press Tab from `start` until focus comes back: the widgets focused on the way, and whether
    it came back (False: a trap, or the cycle is longer than `limit`)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    seen: list[QWidget] = []
    stay = 0  # Tab presses that kept the focus where it was (a text view walks its links)
    for _ in range(limit):
        focused = QApplication.focusWidget()
        QTest.keyClick(focused or window, Qt.Key.Key_Tab)
        settle()
        now = QApplication.focusWidget()
        if now is None:
            return seen, False
        if now is focused:
            stay += 1
            if not isinstance(now, (QTextEdit, QLabel)) or stay > 80:
                return seen, False  # Tab did not move focus: a trap
            continue
        stay = 0
        if now is start:
            return seen, True
        seen.append(now)
    return seen, False


def _in_toolbar(widget: QWidget) -> bool:
    """Tool bar buttons: each is also a menu entry with a shortcut (Alt or F10 opens the menus)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QToolBar):
            return True
        parent = parent.parentWidget()
    return False


def should_reach(window: QWidget) -> list[QWidget]:
    """Visible, enabled controls, whatever their focus policy (one the mouse can use and Tab
    cannot is what this looks for); a radio button group counts once: Tab enters the group, the
    arrows move inside it."""
    found, groups = [], set()
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible() or not widget.isEnabled():
            continue
        if widget.window() is not window or _in_toolbar(widget):
            continue
        if widget.focusProxy() is not None:
            continue
        if isinstance(widget, QAbstractButton) and widget.parent() and isinstance(widget.parent(), QLineEdit):
            continue  # a line edit's clear button: the mouse's, Esc does it by keyboard
        if isinstance(widget, QRadioButton) and widget.autoExclusive():
            key = id(widget.parentWidget())
            if key in groups:
                continue
            groups.add(key)
        found.append(widget)
    return found


def missed(window: QWidget, cycle: list[QWidget]) -> list[QWidget]:
    reached = set(map(id, cycle))
    out = []
    for widget in should_reach(window):
        if id(widget) in reached:
            continue
        if isinstance(widget, QRadioButton) and widget.autoExclusive():
            siblings = [w for w in widget.parentWidget().findChildren(QRadioButton) if w.autoExclusive()]
            if any(id(w) in reached for w in siblings):
                continue
        out.append(widget)
    return out


def _luminance(rgb: int) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255)


def contrast(a: int, b: int) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def focus_indicator(widget: QWidget, elsewhere: QWidget) -> int:
    """How thick (pixels) the focus indicator of `widget` is: the widest band at its edge whose
    colour changes by at least 3:1 between focused and not focused (WCAG 2.4.13), measured
    through the middle of each side, the thinnest of the best three sides. 0 = nothing visible;
    -1 = partly scrolled out of view, not measured.
    The widget's own pixels (a scroll area may move it when the focus moves)."""
    window = widget.window()

    def grab() -> QImage:
        # Where the widget is now, in the window (a scroll area may have moved it), with what
        # is drawn behind it.
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        return window.grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)

    widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    if widget.visibleRegion().boundingRect() != widget.rect():
        return -1  # partly scrolled out of its view: not measurable here
    on = grab()
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    if widget.visibleRegion().boundingRect() != widget.rect():
        return -1
    off = grab()
    w, h = min(on.width(), off.width()), min(on.height(), off.height())

    def changed(x: int, y: int) -> bool:
        return contrast(on.pixel(x, y) & 0xFFFFFF, off.pixel(x, y) & 0xFFFFFF) >= 3.0

    def band(points) -> int:
        best = run = 0
        for x, y in points:
            run = run + 1 if changed(x, y) else 0
            best = max(best, run)
        return best

    depth = 10
    sides = [
        band((w // 2, y) for y in range(min(depth, h))),
        band((w // 2, h - 1 - y) for y in range(min(depth, h))),
        band((x, h // 2) for x in range(min(depth, w))),
        band((w - 1 - x, h // 2) for x in range(min(depth, w))),
    ]
    # A perimeter: the band on at least three of the four sides (the thinnest of the best three).
    return sorted(sides)[-3]
