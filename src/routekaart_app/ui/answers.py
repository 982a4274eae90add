"""The answer widgets: one kind per fact type (yes/no and choices, red flags, a count, the
municipality), each with `value()` (NO_ANSWER until the user answers) and the `changed` signal.

Used by the wizard and by the trainer; `answer_widget(question, store)` picks the widget for a
question's fact kind, and `record_answer` puts its answer into a session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..advice import UNKNOWN
from ..advice.facts import KINDS, RED_FLAG_IDS
from ..advice.flow import Question

# "Not answered yet" (different from UNKNOWN = "weet ik niet" and None = "nog niet bekend"): the
# session's own marker, so a widget's value goes to `Session.after` as it is.
from ..advice.session import NO_ANSWER
from .widgets import plain_tip

if TYPE_CHECKING:
    from ..content.store import ContentStore


def record_answer(session: Any, question_id: str, widget: Answer) -> bool:
    """The widget's answer into the session, or out of it when there is none; True when answered."""
    value = widget.value()
    if value is NO_ANSWER:
        session.forget(question_id)
        return False
    session.answer(question_id, value)
    return True


class Answer(QWidget):
    """Base: `value()` is NO_ANSWER until the user answers; `changed` on every change."""

    changed = Signal()

    def value(self) -> Any:  # pragma: no cover - overridden
        return NO_ANSWER

    def set_value(self, value: Any) -> None:  # pragma: no cover - overridden
        pass

    def first_focus(self) -> QWidget:
        return self

    def _on_unknown(self, on: bool) -> None:  # pragma: no cover - overridden where a box is offered
        """The "Weet ik niet" box was ticked or cleared."""

    def _unknown_checkbox(self, question: Question, layout) -> QCheckBox | None:
        """The "Weet ik niet" box (when the question allows it), wired to `self._on_unknown`."""
        if not question.allow_unknown:
            return None
        text = question.labels.get("unknown", "Weet ik niet")
        box = QCheckBox(text)
        box.setAccessibleName(text)
        box.toggled.connect(self._on_unknown)
        layout.addWidget(box)
        return box


class ChoiceAnswer(Answer):
    """Ja / Nee (/ Nog niet bekend) / Weet ik niet as radio buttons."""

    def __init__(self, question: Question, parent: QWidget | None = None, *, suggest: str | None = None):
        super().__init__(parent)
        labels = question.labels
        kind = KINDS[question.kind]
        if kind.is_choice:  # one of a fixed list (the sector)
            options: list[tuple[str, Any]] = [(labels.get(v, v.replace("_", " ").capitalize()), v) for v in kind.values]
        else:
            options = [(labels.get("true", "Ja"), True), (labels.get("false", "Nee"), False)]
        if kind.nullable:
            options.append((labels.get("null", "Nog niet bekend"), None))
        if question.allow_unknown:
            options.append((labels.get("unknown", "Weet ik niet"), UNKNOWN))
        self.values = [v for _, v in options]
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QRadioButton] = []
        for index, (text, _value) in enumerate(options):
            button = QRadioButton(text)
            button.setAccessibleName(text)
            self.group.addButton(button, index)
            layout.addWidget(button)
            self.buttons.append(button)
        self.group.idToggled.connect(self._on_toggled)
        self.suggest_button: QPushButton | None = None
        if suggest in self.values and isinstance(suggest, str):
            label = options[self.values.index(suggest)][0]
            self.suggest_button = QPushButton(f"Uw sector: {label}")
            self.suggest_button.setAccessibleName(f"Kies uw eigen sector, {label}")
            self.suggest_button.setToolTip("De sector die u de vorige keer koos")
            self.suggest_button.clicked.connect(lambda: self.set_value(suggest))
            row = QHBoxLayout()
            row.addWidget(self.suggest_button)
            row.addStretch(1)
            layout.insertLayout(0, row)

    def _on_toggled(self, _id: int, on: bool) -> None:
        if on:  # a button was chosen (the one that lost its check also reports)
            self.changed.emit()

    def value(self) -> Any:
        index = self.group.checkedId()
        return self.values[index] if index >= 0 else NO_ANSWER

    def set_value(self, value: Any) -> None:
        for index, option in enumerate(self.values):
            if option is value or (isinstance(option, str) and option == value):
                self.buttons[index].setChecked(True)
                return

    def first_focus(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or self.buttons[0]


class FlagsAnswer(Answer):
    """A checkbox per red flag, plus 'Geen van deze' and 'Weet ik niet'."""

    def __init__(self, question: Question, store: ContentStore, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.flags: dict[str, QCheckBox] = {}
        for flag in RED_FLAG_IDS:
            page = store.pages.get(flag)
            title = page.title if page else flag
            box = QCheckBox(title)
            box.setAccessibleName(title)
            summary = (page.summary or "") if page else ""
            if summary:
                box.setToolTip(plain_tip(summary))  # content: text, never HTML
                box.setAccessibleDescription(summary)
            box.toggled.connect(self._on_flag)
            layout.addWidget(box)
            self.flags[flag] = box
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d5e0e8;")
        layout.addWidget(line)
        self.none_box = QCheckBox("Geen van deze (nagelopen, niets herkend)")
        self.none_box.setAccessibleName("Geen van deze")
        self.none_box.toggled.connect(self._on_none)
        layout.addWidget(self.none_box)
        self.unknown_box = self._unknown_checkbox(question, layout)
        self._busy = False

    def _quiet(self, boxes: list[QCheckBox]) -> None:
        self._busy = True
        for box in boxes:
            box.setChecked(False)
        self._busy = False

    def _others(self, *keep: QCheckBox | None) -> list[QCheckBox]:
        every = [*self.flags.values(), self.none_box] + ([self.unknown_box] if self.unknown_box else [])
        return [b for b in every if b not in keep]

    def _on_flag(self, on: bool) -> None:
        if self._busy:
            return
        if on:
            self._quiet([b for b in (self.none_box, self.unknown_box) if b is not None])
        self.changed.emit()

    def _on_none(self, on: bool) -> None:
        if self._busy:
            return
        if on:
            self._quiet(self._others(self.none_box))
        self.changed.emit()

    def _on_unknown(self, on: bool) -> None:
        if self._busy:
            return
        if on:
            self._quiet(self._others(self.unknown_box))
        self.changed.emit()

    def value(self) -> Any:
        if self.unknown_box is not None and self.unknown_box.isChecked():
            return UNKNOWN
        if self.none_box.isChecked():
            return []
        ticked = [f for f, b in self.flags.items() if b.isChecked()]
        return ticked or NO_ANSWER

    def set_value(self, value: Any) -> None:
        self._busy = True
        if value is UNKNOWN and self.unknown_box is not None:
            self.unknown_box.setChecked(True)
        elif value == []:
            self.none_box.setChecked(True)
        elif isinstance(value, list):
            for flag in value:
                if flag in self.flags:
                    self.flags[flag].setChecked(True)
        self._busy = False

    def first_focus(self) -> QWidget:
        return next(iter(self.flags.values()))


class CountAnswer(Answer):
    """A number (QSpinBox) or 'Weet ik niet'. It starts empty: no number until the user gives one
    (an untouched 0 would say "never" where the answer is unknown)."""

    #: The spin box's value while it is empty (shown as blank: no answer yet).
    EMPTY = -1

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Aantal keer:")
        self.spin = QSpinBox()
        self.spin.setRange(self.EMPTY, 99)
        self.spin.setSpecialValueText(" ")  # EMPTY shows as a blank field
        self.spin.setValue(self.EMPTY)
        self.spin.setToolTip("Typ het aantal, of gebruik de pijltjes")
        self.spin.setAccessibleName("Aantal keer")
        self.spin.setMinimumWidth(90)
        label.setBuddy(self.spin)
        layout.addWidget(label)
        layout.addWidget(self.spin)
        layout.addSpacing(18)
        self.unknown_box = self._unknown_checkbox(question, layout)
        layout.addStretch(1)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())

    def _on_unknown(self, on: bool) -> None:
        self.spin.setEnabled(not on)
        self.changed.emit()

    def value(self) -> Any:
        if self.unknown_box is not None and self.unknown_box.isChecked():
            return UNKNOWN
        number = self.spin.value()
        return NO_ANSWER if number == self.EMPTY else number

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        if value is UNKNOWN and self.unknown_box is not None:
            self.unknown_box.setChecked(True)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            self.spin.setValue(value)
        self.blockSignals(False)

    def first_focus(self) -> QWidget:
        return self.spin


class MunicipalityAnswer(Answer):
    """The municipalities of both regions, or 'Weet ik niet'. Nothing is chosen beforehand: the
    household may live elsewhere than where the professional works. The window's municipality
    (`suggest`) is one click away, on a button next to the list."""

    def __init__(self, question: Question, store: ContentStore, suggest: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName("Gemeente van het huishouden")
        self.combo.setMinimumContentsLength(28)
        self.combo.setMaxVisibleItems(30)
        self.combo.addItem("Kies een gemeente…", None)
        for mun in sorted(store.municipalities.values(), key=lambda m: m.name.casefold()):
            self.combo.addItem(f"{mun.name}  ({mun.region})", mun.id)
        row = QHBoxLayout()
        row.addWidget(self.combo)
        self.suggest_button: QPushButton | None = None
        own = store.municipalities.get(suggest or "")
        if own is not None:
            self.suggest_button = QPushButton(f"Uw gemeente: {own.name}")
            self.suggest_button.setAccessibleName(f"Kies uw eigen gemeente, {own.name}")
            self.suggest_button.setToolTip("De gemeente die u bovenin het venster koos (Ctrl+G)")
            self.suggest_button.clicked.connect(lambda: self._choose(own.id))
            row.addWidget(self.suggest_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.unknown_box = self._unknown_checkbox(question, layout)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _choose(self, municipality_id: str) -> None:
        """The suggestion taken: chosen in the list, the focus back on it (Enter goes on)."""
        if self.unknown_box is not None:
            self.unknown_box.setChecked(False)
        self.combo.setCurrentIndex(self.combo.findData(municipality_id))
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_unknown(self, on: bool) -> None:
        self.combo.setEnabled(not on)
        self.changed.emit()

    def value(self) -> Any:
        if self.unknown_box is not None and self.unknown_box.isChecked():
            return UNKNOWN
        data = self.combo.currentData()
        return data if data else NO_ANSWER

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        if value is UNKNOWN and self.unknown_box is not None:
            self.unknown_box.setChecked(True)
        else:
            index = self.combo.findData(value)
            if index > 0:
                self.combo.setCurrentIndex(index)
        self.blockSignals(False)

    def first_focus(self) -> QWidget:
        return self.combo


def answer_widget(question: Question, store: ContentStore, municipality: str | None = None, sector: str | None = None) -> Answer:
    """The answer widget for a question, by the kind of fact it asks (wizard and trainer mode).

    `municipality` and `sector` are the user's own (from the settings): offered one click away,
    never chosen for them."""
    kind = KINDS[question.kind]
    if kind.is_set:
        return FlagsAnswer(question, store)
    if kind.is_count:
        return CountAnswer(question)
    if kind.is_place:
        return MunicipalityAnswer(question, store, municipality)
    return ChoiceAnswer(question, suggest=sector if kind.is_choice else None)  # yes/no (or null), a choice


__all__ = [
    "NO_ANSWER", "Answer", "ChoiceAnswer", "CountAnswer", "FlagsAnswer", "MunicipalityAnswer",
    "answer_widget", "record_answer",
]
