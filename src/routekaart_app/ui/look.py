"""The calm, readable look: font sizes, a white reading surface and roomier list rows.

Set on the widgets themselves rather than with an application-wide style sheet: a style sheet on
the QApplication sends every widget through Qt's style-sheet style, which costs the first window
several milliseconds to polish and paint, for four rules. (The intake view and trainer mode keep
their own style sheets; they are not part of the start-up.)
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QWidget

#: The smallest base font of the app (points).
BASE_PT = 10.5
#: The navigation tree and the search results (points).
LIST_PT = 11.0
#: Text views: the reader and the wizard's and intake's text (points).
TEXT_PT = 12.0


def base_font(app: QApplication) -> None:
    """A slightly larger base font than most systems give, never a smaller one."""
    font = app.font()
    if font.pointSizeF() < BASE_PT:
        font.setPointSizeF(BASE_PT)
        app.setFont(font)


def point_size(widget: QWidget, points: float) -> None:
    font = widget.font()
    font.setPointSizeF(points)
    widget.setFont(font)


def text_view(widget: QWidget) -> None:
    """A text view: reading size, dark text on white whatever the system's colour scheme."""
    point_size(widget, TEXT_PT)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1f2a33"))
    widget.setPalette(palette)


class RoomyRows(QStyledItemDelegate):
    """Item rows `extra` pixels taller than the style makes them (breathing room in lists)."""

    def __init__(self, extra: int, parent: QWidget):
        super().__init__(parent)
        self.extra = extra

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt name
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.extra)


def list_view(widget, extra: int) -> None:
    """A list or tree: list size text and rows `extra` pixels taller."""
    point_size(widget, LIST_PT)
    widget.setItemDelegate(RoomyRows(extra, widget))
