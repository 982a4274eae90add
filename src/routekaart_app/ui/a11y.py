"""What assistive technology hears: announcements of status changes.

Qt (6.8 and later) carries an announcement to the platform's accessibility bridge: UI Automation
on Windows (a notification event that NVDA and JAWS speak), AT-SPI on Linux. A polite announcement
waits until the screen reader has finished speaking; an assertive one interrupts (kept for what
the user must hear now, such as the banner about content that could not be loaded).

Every announcement also goes out through `announcer.announced`, so the views' tests can listen
to what a screen reader would be told.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class _Announcer(QObject):
    #: The text announced, and whether it interrupts (assertive).
    announced = Signal(str, bool)


announcer = _Announcer()


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Let a screen reader say `text` (from `widget`, whose window must be shown)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
    announcer.announced.emit(text, assertive)


def results_text(count: int) -> str:
    """The search results as a screen reader says them."""
    if count == 0:
        return "Geen zoekresultaten"
    return "1 zoekresultaat" if count == 1 else f"{count} zoekresultaten"
