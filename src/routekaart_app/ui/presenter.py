"""The presenter window: on the laptop while trainer mode fills the projector (two screens).

It mirrors what the group sees (the trainer window's header and text, or the question) and adds
what only the trainer should see (`advice.presenter`): the model answer, the discussion questions
and what comes next. Page Down / Page Up here drive the presentation, as on the projector.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ..advice.presenter import Moment, presenter_notes_html
from . import screen
from .widgets import SafeTextBrowser

NOTES_STYLE = ".kop { font-weight: 600; color: #17405e; margin-top: 10px; }"


class PresenterWindow(QWidget):
    def __init__(self, trainer: Any):
        super().__init__(None)
        self.trainer = trainer
        self.setObjectName("presentator")
        self.setWindowTitle("Presentatorweergave — Routekaart")
        self.setAccessibleName("Presentatorweergave")
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setAccessibleDescription("Wat de groep nu ziet")
        self.mirror = SafeTextBrowser()
        self.mirror.setAccessibleName("Wat de groep ziet")
        self.notes = SafeTextBrowser()
        self.notes.setAccessibleName("Alleen voor u")
        self.notes.setAccessibleDescription("Modelantwoord, bespreekvragen en wat hierna komt")
        self.notes.document().setDefaultStyleSheet(NOTES_STYLE)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.mirror)
        split.addWidget(self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        trainer.changed.connect(self.refresh)
        self.refresh()

    def moment(self) -> Moment:
        t = self.trainer
        return Moment(stage=t.stage, revealed=t.revealed, question=t.current if t.stage == "wizard" else None)

    def refresh(self) -> None:
        t = self.trainer
        self.header.setText(f"{t.title_label.text()}\n{t.stage_label.text()}")
        if t.stage == "wizard":
            self.mirror.setPlainText(f"{t.question_label.text()}\n\n{t.help_label.text()}")
        elif t.stage == "chooser":
            self.mirror.setPlainText("De groep ziet de lijst met oefencasussen.")
        else:
            self.mirror.setHtml(t.view.toHtml())
        if t.case is None or t.advisor is None:
            self.notes.setPlainText("Kies een casus.")
        else:
            self.notes.setHtml(presenter_notes_html(t.advisor, t.case, self.moment()))

    def show_on(self, target) -> None:
        screen.fit_window(self, 1280, 800, target.availableGeometry(), share=1.0)
        self.show()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.trainer.go_next()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.trainer.go_back()
        else:
            super().keyPressEvent(event)
