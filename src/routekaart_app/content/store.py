"""The content store and its problems: plain data, importable without pydantic or YAML.

The GUI starts from a validated snapshot (see `snapshot`) through these classes; the loader fills
the same store from the files. Plain classes rather than dataclasses: importing `dataclasses`
costs the window's start-up a few milliseconds for two small classes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

#: The two regions, exactly as content and the advise vocabulary spell them.
REGIONS: tuple[str, ...] = ("Haaglanden", "Hollands Midden")
#: Folders of the extra kinds (wizard flow, practice cases): loaded and checked on first use, so
#: a snapshot of the handbook does not cover them.
EXTRA_FOLDERS: tuple[str, ...] = ("wizard", "oefencasussen")
#: The explicit marker for a field the sources do not fill in. Never invent a value instead.
NOT_FILLED = "niet ingevuld"

#: Top-level folders holding Markdown pages, and the navigation section each one belongs to.
SECTIONS: dict[str, str] = {
    "begrippen": "Begrippen",
    "meldcode": "Meldcode",
    "rode_vlaggen": "Rode vlaggen",
    "routekaart": "Routekaart & interventies",
    "interventies": "Routekaart & interventies",
    "regios": "Regio's en gemeenten",
    "achtergrond": "Achtergrond",
}
#: The kind a page gets when its front matter does not say.
DEFAULT_KIND: dict[str, str] = {
    "begrippen": "begrip",
    "rode_vlaggen": "rode_vlag",
    "interventies": "interventie",
}
SECTION_ORDER = [
    "Begrippen",
    "Meldcode",
    "Rode vlaggen",
    "Routekaart & interventies",
    "Regio's en gemeenten",
    "Achtergrond",
]


class Problem(NamedTuple):
    """One problem in the content: file, line (None: the whole file), field and message."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field or '-'}: {self.message}"


class ContentStore:
    def __init__(
        self,
        root: Path,
        meta: Any = None,
        pages: dict[str, Any] | None = None,
        regions: dict[str, Any] | None = None,
        municipalities: dict[str, Any] | None = None,
        section_of: dict[str, str] | None = None,
        file_of: dict[str, str] | None = None,
        problems: list[Problem] | None = None,
        skipped: list[str] | None = None,
        broken_ids: set[str] | None = None,
        lazy_extras: bool = False,
    ):
        self.root = root
        self.meta = meta  # content.yaml (models.Meta, or a snapshot record)
        self.pages: dict[str, Any] = pages if pages is not None else {}  # id -> Page
        self.regions: dict[str, Any] = regions if regions is not None else {}  # region name -> info
        self.municipalities: dict[str, Any] = municipalities if municipalities is not None else {}
        self.section_of: dict[str, str] = section_of if section_of is not None else {}  # id -> section
        self.file_of: dict[str, str] = file_of if file_of is not None else {}  # id -> file (relative)
        self.problems: list[Problem] = problems if problems is not None else []
        #: Files that were skipped because of problems (relative paths).
        self.skipped: list[str] = skipped if skipped is not None else []
        #: Ids of pages that were skipped: links to them are not reported again (the page's own
        #: problem says what is wrong).
        self.broken_ids: set[str] = broken_ids if broken_ids is not None else set()
        #: Extra kinds of content (wizard flow, practice cases), keyed by folder name; `None`
        #: until first use when the store came from a snapshot (`lazy_extras`, see `extras`).
        self._extras: dict[str, Any] | None = None if lazy_extras else {}

    def __repr__(self) -> str:
        return f"ContentStore(root={self.root!r}, {len(self.pages)} pages, {len(self.problems)} problems)"

    # -- lookup -----------------------------------------------------------------------------
    def item(self, item_id: str) -> Any | None:
        if item_id in self.pages:
            return self.pages[item_id]
        if item_id in self.municipalities:
            return self.municipalities[item_id]
        for info in self.regions.values():
            if info.id == item_id:
                return info
        return None

    def all_items(self) -> Iterable[Any]:
        yield from self.pages.values()
        yield from self.regions.values()
        yield from self.municipalities.values()

    def ids(self) -> set[str]:
        return {item.id for item in self.all_items()}

    def pages_of_kind(self, kind: str) -> list[Any]:
        items = [p for p in self.pages.values() if p.kind == kind]
        return sorted(items, key=lambda p: (getattr(p, "number", 0), p.order, p.title.lower()))

    def municipality_by_name(self, name: str) -> Any | None:
        wanted = name.strip().casefold()
        for mun in self.municipalities.values():
            if wanted in (mun.name.casefold(), mun.id):
                return mun
        return None

    def region_of(self, municipality_id: str) -> Any | None:
        mun = self.municipalities.get(municipality_id)
        return self.regions.get(mun.region) if mun and mun.region else None

    def source_label(self, ref: str) -> str:
        """A readable label for a source reference (`KEY rest`)."""
        key, _, rest = ref.partition(" ")
        info = self.meta.sources.get(key) if self.meta else None
        if info is None:
            return ref
        label = info.title
        if info.year:
            label += f" ({info.year})"
        return f"{label}, {rest}" if rest else label

    @property
    def extras(self) -> dict[str, Any]:
        """The extra kinds, loaded (and checked) on first use when the store is a snapshot."""
        if self._extras is None:
            from .loader import load_extras

            self._extras = {}
            load_extras(self)
        return self._extras

    @property
    def ok(self) -> bool:
        return not self.problems
