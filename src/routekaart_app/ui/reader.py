"""The reader: a QTextBrowser whose pages come from the content renderer.

Internal URLs (`item:<id>`, `section:<name>`, `home:`) are resolved in `loadResource`, so
QTextBrowser's own history gives back/forward for free.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..content.sanitize import INTERNAL_SCHEMES
from . import look


class Reader(QTextBrowser):
    #: Emitted with the page's URL (``item:<id>``, ``section:<name>``, ``home:``) when it changes;
    #: `source()` still holds the previous URL at that moment.
    pageShown = Signal(str)

    def __init__(self, resolve: Callable[[QUrl], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._resolve = resolve
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.follow)
        self.sourceChanged.connect(self._on_source_changed)
        look.text_view(self)
        self.setAccessibleName("Leesvenster")
        self.setAccessibleDescription("De inhoud van de gekozen pagina")
        self.document().setDocumentMargin(18)
        # The vertical scroll bar always there, so a page has one text width from the start. Shown
        # only when needed, every page longer than the window (the start page too) was laid out
        # twice: once at the full width, then again once its scroll bar had appeared; and text
        # moved sideways between short and long pages. Set by property name with the value of
        # Qt.ScrollBarAlwaysOn (2): naming the enum would build the `Qt` namespace at start-up.
        self.setProperty("verticalScrollBarPolicy", 2)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt name)
        url = QUrl(name)  # Qt passes a QUrl; the signature also allows a string
        if url.scheme() in INTERNAL_SCHEMES:
            return self._resolve(url)
        if url.scheme() == "res":
            from .resources import bundled_image

            return bundled_image(url)  # images only from the bundled resources
        return None  # nothing else is ever loaded: no files from elsewhere, no network

    def open(self, url: str) -> None:
        self.setSource(QUrl(url), QTextDocument.ResourceType.HtmlResource)

    def follow(self, url: QUrl) -> None:
        """A clicked link: internal pages open here; web links only after confirmation."""
        scheme = url.scheme()
        if scheme in INTERNAL_SCHEMES:
            self.setSource(url, QTextDocument.ResourceType.HtmlResource)
        elif scheme in ("http", "https"):
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self,
                "Externe link openen",
                "Deze link opent in uw webbrowser (daarvoor is internet nodig):\n\n"
                f"{url.toString()}\n\nDoorgaan?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(url)

    def current_id(self) -> str:
        url = self.source()
        return url.path() if url.scheme() == "item" else ""

    def _on_source_changed(self, url: QUrl) -> None:
        self.pageShown.emit(url.toString())
