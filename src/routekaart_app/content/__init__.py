"""The data layer: content models, the one loader, validation and rendering. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..paths import bundled_content_dir
from .loader import ContentStore, Problem, load_content

__all__ = ["ContentStore", "Problem", "load_content", "AppContent", "load_for_app"]


@dataclass
class AppContent:
    """What the app runs on, and what it had to skip to get there."""

    store: ContentStore
    #: Human-readable lines for the banner; empty when everything loaded.
    skipped: list[str] = field(default_factory=list)
    used_override: bool = False


def load_for_app(override: Path | None) -> AppContent:
    """Load the override folder if it is valid; otherwise the bundled content, saying why."""
    notes: list[str] = []
    if override is not None:
        store = load_content(override)
        if store.ok:
            return AppContent(store, [], used_override=True)
        notes.append(
            f"De contentmap {override} is niet gebruikt: {len(store.problems)} probleem/problemen. "
            "De app gebruikt de meegeleverde content."
        )
        notes.extend(str(p) for p in store.problems)
    store = load_content(bundled_content_dir())
    if store.problems:
        notes.append(f"Overgeslagen in de meegeleverde content ({len(store.problems)}):")
        notes.extend(str(p) for p in store.problems)
    return AppContent(store, notes)
