"""Small widget helpers shared by the wizard, the trainer mode and the intake view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


def button(text: str, slot: Callable[..., object], name: str, tip: str = "") -> QPushButton:
    """A push button with an accessible name (and tooltip) that calls `slot` when clicked."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    if tip:
        widget.setToolTip(tip)
    widget.clicked.connect(slot)
    return widget
