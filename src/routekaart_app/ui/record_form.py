"""What the professional adds to the wizard's record for the file, just before printing or
exporting: the signals observed, who was consulted and when, the decision and why, the
professional, the organisation and a dossier reference.

Typed for that export only: the values live in these fields (memory) until 'Nieuwe casus' or
closing; the app never writes them to the settings or to disk (only the export the user makes).
The labels come from `advice.report.RECORD_DETAILS`, the one place the record's fields are named.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..advice.report import RECORD_DETAILS

#: Placeholders: what to write, in the meldcode's own words where it has them.
HINTS = {
    "professional": "Uw naam en functie",
    "organisatie": "Uw organisatie of team",
    "dossier": "Kenmerk of nummer van het dossier",
    "signalen": "Wat u zag en hoorde, feitelijk: wie, wat, wanneer (stap 1)",
    "overleg": "Bijvoorbeeld: aandachtsfunctionaris, 12-03 / Veilig Thuis (anoniem), 14-03",
    "besluit": "Wat u besluit te doen, en waarom",
}
#: Fields of more than one line.
LONG = ("signalen", "besluit")


class RecordForm(QGroupBox):
    """The record's details as a compact form (two columns of short fields, then the long ones)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Voor de vastlegging", parent)
        self.setObjectName("vastlegging")
        self.setAccessibleName("Gegevens voor de vastlegging")
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        privacy = QLabel("Alleen voor de afdruk, de PDF en de tekst die u nu maakt; de app bewaart niets hiervan.")
        privacy.setObjectName("privacy")
        privacy.setWordWrap(True)
        grid.addWidget(privacy, 0, 0, 1, 4)
        # The short fields one a row (label, field), the long ones under their label.
        short = [k for k in RECORD_DETAILS if k not in LONG]
        for index, key in enumerate(short):
            self._add(grid, key, QLineEdit(), 1 + index, 0, 3)
        row = 1 + len(short)
        self._long: list[QPlainTextEdit] = []
        for key in LONG:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            self._add(grid, key, edit, row, 0, 4, above=True)
            self._long.append(edit)
            row += 2
        # The free note (the record's `note`), last.
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName("Notitie voor de vastlegging")
        self.note.setPlaceholderText("Bijvoorbeeld: afspraken, wat nog moet gebeuren …")
        note_label = QLabel("Notitie:")
        note_label.setBuddy(self.note)
        grid.addWidget(note_label, row, 0, 1, 4)
        grid.addWidget(self.note, row + 1, 0, 1, 4)
        self._long.append(self.note)
        # The full explanations of the steps and their sources after the record (one or two pages
        # without them): for whoever wants them on file.
        self.appendix = QCheckBox("Met bijlage: toelichting en bronnen per stap voluit")
        self.appendix.setAccessibleName("Met bijlage: toelichting en bronnen per stap voluit")
        grid.addWidget(self.appendix, row + 2, 0, 1, 4)
        self._fit_heights()

    def _fit_heights(self) -> None:
        """Two lines high for the long fields (they scroll), at the current (zoomed) font."""
        for edit in self._long:
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 2 + 16)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.FontChange:
            self._fit_heights()
        super().changeEvent(event)

    def _add(self, grid: QGridLayout, key: str, edit, row: int, column: int, span: int, above: bool = False) -> None:
        label = QLabel(RECORD_DETAILS[key] + ":")
        label.setBuddy(edit)
        edit.setAccessibleName(RECORD_DETAILS[key])
        edit.setPlaceholderText(HINTS.get(key, ""))
        if above:
            grid.addWidget(label, row, column, 1, span)
            grid.addWidget(edit, row + 1, column, 1, span)
        else:
            grid.addWidget(label, row, column)
            grid.addWidget(edit, row, column + 1, 1, span)
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 12)
        self.fields[key] = edit

    def values(self) -> dict[str, str]:
        """The filled-in fields (key -> text), for one export."""
        out = {}
        for key, edit in self.fields.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            if text.strip():
                out[key] = text
        return out

    def set_values(self, values: dict[str, str]) -> None:
        for key, text in values.items():
            edit = self.fields.get(key)
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(text)
            elif edit is not None:
                edit.setText(text)

    def clear(self) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.note.clear()

    def has_data(self) -> bool:
        return bool(self.values()) or bool(self.note.toPlainText().strip())

    def focus_chain(self) -> list[QWidget]:
        return [*self.fields.values(), self.note, self.appendix]
