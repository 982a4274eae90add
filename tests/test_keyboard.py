"""Keyboard only (issue 19): in every view Tab reaches every control and comes back (no trap),
and the control with the focus shows a ring at least 2 px wide that changes by at least 3:1."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from a11y_views import main_window, settle, views
from keyboard_probe import focus_indicator, missed, should_reach, tab_cycle
from routekaart_app.ui.main_window import apply_look


@pytest.fixture
def window(qtbot):
    app = QApplication.instance()
    # The app's own look (the focus ring is drawn from it), given back afterwards: later tests
    # lay out and print with the application's defaults.
    style, palette, font = app.style().name(), app.palette(), app.font()
    apply_look(app)
    yield from main_window(qtbot)
    app.setStyle(style)
    app.setPalette(palette)
    app.setFont(font)


def _activate(root) -> None:
    root.activateWindow()
    root.raise_()
    settle()


def _anchor(window, root):
    """A control outside any scroll area, to move the focus to while measuring another."""
    return window.search_field if root is window else root.close_button


def test_tab_reaches_every_control_in_every_view_and_comes_back(window):
    seen, problems = [], []
    for view, root in views(window):
        _activate(root)
        start = _anchor(window, root)
        cycle, back = tab_cycle(root, start)
        seen.append(view)
        if not back:
            problems.append(f"{view}: Tab komt niet terug (val na {[w.accessibleName() for w in cycle[-3:]]})")
        problems += [f"{view}: niet bereikt: {type(w).__name__} {w.accessibleName()!r}" for w in missed(root, [start, *cycle])]
    assert problems == []
    assert len(seen) >= 15


def test_every_focused_control_shows_a_ring_of_two_pixels(window):
    thin, measured = [], 0
    for view, root in views(window):
        _activate(root)
        anchor = _anchor(window, root)
        cycle, _ = tab_cycle(root, anchor)
        for widget in [anchor, *cycle]:
            other = anchor if widget is not anchor else cycle[0]
            width = focus_indicator(widget, other)
            if width == -1:
                continue
            measured += 1
            if width < 2:
                thin.append(f"{view}: {type(widget).__name__} {widget.accessibleName()!r}: {width} px")
    assert thin == []
    assert measured > 100


def test_a_planted_mouse_only_button_is_found(window):
    """The check itself: a button Tab cannot reach (NoFocus: only the mouse can press it)."""
    from PySide6.QtCore import Qt

    window.open_intake()
    _activate(window)
    planted = QPushButton("Alleen met de muis", window.intake)
    planted.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    planted.show()
    settle()
    assert planted in should_reach(window)
    cycle, back = tab_cycle(window, window.search_field)
    assert back
    assert missed(window, [window.search_field, *cycle]) == [planted]


def test_a_planted_control_without_a_ring_is_found(window):

    window.open_intake()
    _activate(window)
    box = window.intake.flags["stalking"]
    assert focus_indicator(box, window.search_field) >= 2
    box.setStyleSheet("QCheckBox, QCheckBox:focus { border: none; background: transparent; }")
    settle()
    assert focus_indicator(box, window.search_field) < 2
