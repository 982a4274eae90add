"""Small widget helpers shared by the wizard, the trainer mode and the intake view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QTextBrowser, QWidget

from . import look


def no_status(_text: str, _ms: int = 0) -> None:
    """The status line of a page that has none (a page on its own, as in tests)."""


def plain_tip(text: str) -> str:
    """A tooltip for text from content: always shown as text, never as HTML.

    Qt guesses whether a tooltip is HTML (`Qt.mightBeRichText`): a summary starting with
    `<img src="/dev/zero">` would make it read that file. Text holding `<` or `&` is therefore
    escaped and wrapped, so Qt shows exactly the characters (line breaks kept).
    """
    if "<" not in text and "&" not in text:
        return text
    from ..content.render import esc

    return "<p style='white-space:pre-wrap'>" + esc(text, quote=False) + "</p>"


def button(text: str, slot: Callable[..., object], name: str, tip: str = "") -> QPushButton:
    """A push button with an accessible name (and tooltip) that calls `slot` when clicked."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    if tip:
        widget.setToolTip(tip)
    widget.clicked.connect(slot)
    return widget


class SafeTextBrowser(QTextBrowser):
    """A text view for HTML built from content: it loads images from the bundled resources only.

    QTextBrowser would otherwise read any local file a (replaced, hostile) content text points to.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        look.text_view(self)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt name)
        url = QUrl(name)  # Qt passes a QUrl; the signature also allows a string
        if url.scheme() == "res":
            from .resources import bundled_image

            return bundled_image(url)
        return None


def scrolled(body: QWidget, name: str) -> QScrollArea:
    """`body` in a frameless scroll area that resizes it to the available width."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    scroll.setAccessibleName(name)
    return scroll
