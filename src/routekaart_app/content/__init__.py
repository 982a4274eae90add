"""The data layer: content models, the one loader, validation and rendering. No Qt here.

Importing this package is cheap: the loader (pydantic, YAML) is imported on first use, so the
window can open from the validated snapshot without it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..paths import bundled_content_dir
from .store import ContentStore, Problem

__all__ = ["ContentStore", "Problem", "load_content", "AppContent", "load_for_app"]


def __getattr__(name: str) -> Any:
    if name == "load_content":
        from .loader import load_content

        return load_content
    raise AttributeError(name)


class AppContent:
    """What the app runs on, and what it had to skip to get there."""

    def __init__(self, store: ContentStore, skipped: list[str] | None = None, used_override: bool = False):
        self.store = store
        #: Human-readable lines for the banner; empty when everything loaded.
        self.skipped: list[str] = skipped if skipped is not None else []
        self.used_override = used_override

    @property
    def additions(self) -> Any:
        """The local additions merged into the store (None without packs)."""
        return self.store.additions


def load_for_app(
    override: Path | None,
    program_dir: Path | None = None,
    user_dir: Path | None = None,
    confirm: Callable[[Any], bool] | None = None,
) -> AppContent:
    """Load the override folder if it is valid; otherwise the bundled content, saying why.

    The bundled content comes from its validated snapshot when that is current. Then the local
    additions (`aanvulling.load_additions`) found next to the program (`program_dir`) and in the
    user's profile (`user_dir`) are merged in; a pack that was not used, and every conflict
    between packs, is a line for the banner. Without packs this costs two folder listings.
    """
    loaded = _load_base(override)
    from .aanvulling import load_additions

    additions = load_additions(loaded.store, program_dir, user_dir, confirm)
    if additions is not None:
        loaded.skipped.extend(f"Aanvulling niet gebruikt: {line}" for line in additions.refused)
        loaded.skipped.extend(f"Aanvullingen in conflict: {line}" for line in additions.conflicts)
    return loaded


def _load_base(override: Path | None) -> AppContent:
    notes: list[str] = []
    if override is not None:
        from .loader import load_content

        store = load_content(override)
        if store.ok:
            return AppContent(store, [], used_override=True)
        notes.append(
            f"De contentmap {override} is niet gebruikt: {len(store.problems)} probleem/problemen. "
            "De app gebruikt de meegeleverde content."
        )
        notes.extend(str(p) for p in store.problems)
    else:
        from . import snapshot

        cached = snapshot.load(bundled_content_dir())
        if cached is not None:
            return AppContent(cached, [])
    from .loader import load_content

    store = load_content(bundled_content_dir())
    if store.problems:
        notes.append(f"Overgeslagen in de meegeleverde content ({len(store.problems)}):")
        notes.extend(str(p) for p in store.problems)
    return AppContent(store, notes)
