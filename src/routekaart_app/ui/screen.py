"""Windows that fit the screen they are on, at any scale factor.

Sizes here are Qt's logical pixels: at 150 % scaling a 1920x1080 screen is 1280x720 of them, and
a taskbar takes part of that. `QScreen.availableGeometry` is what is left for windows.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room for the window frame and title bar, which `resize` does not count (logical pixels).
FRAME_W, FRAME_H = 16, 40
#: A first window takes at most this share of the available width and height.
SHARE = 0.94


def available(widget: QWidget | None = None, at: QRect | None = None) -> QRect:
    """The available geometry of the screen `at` lies on (or the widget's, or the primary)."""
    screen = None
    if at is not None:
        screen = QGuiApplication.screenAt(at.center())
    if screen is None and widget is not None:
        screen = widget.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_size(width: int, height: int, area: QRect, share: float = SHARE) -> tuple[int, int]:
    """(width, height) made no larger than fits in `share` of `area` with the window frame."""
    return (
        max(320, min(width, int(area.width() * share) - FRAME_W)),
        max(240, min(height, int(area.height() * share) - FRAME_H)),
    )


def fit_window(window: QWidget, width: int, height: int, area: QRect | None = None, share: float = SHARE) -> None:
    """Size the window to (width, height) or less so that it fits, and centre it on the screen."""
    area = area or available(window)
    w, h = fit_size(width, height, area, share)
    window.resize(w, h)
    window.move(area.x() + (area.width() - w - FRAME_W) // 2, area.y() + max(0, (area.height() - h - FRAME_H) // 2))


def fits(rect: QRect, area: QRect) -> bool:
    """The window's geometry (without its frame) inside `area`, with room for the frame."""
    return (
        rect.width() + FRAME_W <= area.width()
        and rect.height() + FRAME_H <= area.height()
        and area.contains(rect.topLeft())
        and area.contains(rect.bottomRight())
    )


def clamp(window: QWidget) -> None:
    """Make a window (a dialog) no larger than its screen's available area, and move it onto it."""
    area = available(window)
    w = min(window.width(), area.width() - FRAME_W)
    h = min(window.height(), area.height() - FRAME_H)
    if (w, h) != (window.width(), window.height()):
        window.resize(w, h)
    window.setMaximumSize(area.width() - FRAME_W, area.height() - FRAME_H)
    x = min(max(window.x(), area.x()), area.right() - w - FRAME_W)
    y = min(max(window.y(), area.y()), area.bottom() - h - FRAME_H)
    window.move(x, y)

