"""The content store and its problems: plain data, importable without pydantic or YAML.

The GUI starts from a validated snapshot (see `snapshot`) through these classes; the loader fills
the same store from the files. Plain classes rather than dataclasses: importing `dataclasses`
costs the window's start-up a few milliseconds for two small classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the protocols of what the store hands out (see `items`)
    from .items import ContactItem, Item, MetaItem, MunicipalityItem, PageItem, RegionItem

#: The two regions, exactly as content and the advise vocabulary spell them.
REGIONS: tuple[str, ...] = ("Haaglanden", "Hollands Midden")
#: Folders of the extra kinds (wizard flow, practice cases): loaded and checked on first use, so
#: a snapshot of the handbook does not cover them.
EXTRA_FOLDERS: tuple[str, ...] = ("wizard", "oefencasussen")
#: Functions that register the loaders of the extra kinds (`loader.register_extra`). Those kinds
#: belong to the layer above (the flow and the cases need the decision engine), so that layer
#: wires them: the package `routekaart_app` adds `advice.kinds.register_content_kinds` here, and
#: the loader calls each provider once, before the first load that needs the extra kinds. The
#: content layer itself never imports the advice layer.
KIND_PROVIDERS: list[Callable[[], None]] = []
#: The explicit marker for a field the sources do not fill in. Never invent a value instead.
NOT_FILLED = "niet ingevuld"
#: Further files `snapshot.write` makes from the same validated store, beside the snapshot. The
#: package root (the composition root) registers the prebuilt search index here, so `content`
#: never imports `search`.
SNAPSHOT_WRITERS: list[Callable[[ContentStore], object]] = []

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


#: Who to call, in this order: role -> label. The first, and the last two, are general contacts
#: (content.yaml's contacts, by id); the others are per region or municipality.
CALL_ROLES: dict[str, str] = {
    "alarmnummer": "Acuut gevaar",
    "veilig_thuis": "Veilig Thuis",
    "local_team": "Lokaal team",
    "zorg_en_veiligheidshuis": "Zorg- en Veiligheidshuis",
    "csg": "Seksueel geweld",
    "politie": "Politie (geen spoed)",
}
_GENERAL_ROLES = ("alarmnummer", "csg", "politie")
#: The user's own organisation's aandachtsfunctionaris: only a local addition names them, and only
#: once the user chose that organisation in the settings (`additions.own_callee`); without that
#: "who to call" leaves the role out, and a wizard step that names it shows no contact.
OWN_ROLE = "aandachtsfunctionaris"
OWN_ROLE_LABEL = "Aandachtsfunctionaris"
#: The standing lines (content.yaml) the app shows: under every outcome and record, and in the
#: crash dialog.
STANDING_LINES: tuple[str, ...] = ("twijfel", "acuut")


class Callee(NamedTuple):
    """One line of "who to call": role (a `CALL_ROLES` key), label, name, phone (or NOT_FILLED),
    note; `national` for a national number, `needs_place` when only a chosen municipality (or
    region) can tell; `details` (label, value) pairs and `origin` ("aanvulling van <publisher>,
    <date>") when a local addition filled something in."""

    role: str
    label: str
    name: str
    phone: str
    note: str
    national: bool
    needs_place: bool
    details: tuple[tuple[str, str], ...] = ()
    origin: str = ""


def fill_line(template: str, contact: ContactItem) -> str:
    """A standing line's text with `{name}` and `{phone}` of its contact filled in."""
    return template.replace("{name}", contact.name).replace("{phone}", contact.phone)


_PLACE_WORDS = {"&": "en"}
_PLACE_PAIRS = {("a", "d"): ("aan", "den")}  # a/d, a.d.


def place_key(name: str) -> str:
    """A place name folded for comparison: case, accents, punctuation and the usual
    abbreviations do not count ("Alphen a/d Rijn" = "alphen aan den rijn", "'s-Gravenhage" =
    "s Gravenhage" = "Gravenhage", "Leidschendam Voorburg" = "leidschendam-voorburg", ids too)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for sign, word in _PLACE_WORDS.items():
        text = text.replace(sign, f" {word} ")
    tokens = "".join(ch if ch.isalnum() else " " for ch in text).split()
    if len(tokens) > 1 and tokens[0] == "s":  # 's-Gravenhage, 's Gravenhage
        tokens = tokens[1:]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for pair, words in _PLACE_PAIRS.items():
            if tuple(tokens[i : i + len(pair)]) == pair:
                out.extend(words)
                i += len(pair)
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


class ContentStore:
    def __init__(
        self,
        root: Path,
        meta: MetaItem | None = None,
        pages: dict[str, PageItem] | None = None,
        regions: dict[str, RegionItem] | None = None,
        municipalities: dict[str, MunicipalityItem] | None = None,
        section_of: dict[str, str] | None = None,
        file_of: dict[str, str] | None = None,
        problems: list[Problem] | None = None,
        skipped: list[str] | None = None,
        broken_ids: set[str] | None = None,
        load_extras: Callable[[ContentStore], None] | None = None,
        read_all: Callable[[], None] | None = None,
    ):
        self.root = root
        #: The content files' hash when the store came from a current snapshot (search uses it).
        self.fingerprint: str | None = None
        self.meta = meta  # content.yaml (models.Meta, or a snapshot record)
        self.pages: dict[str, PageItem] = pages if pages is not None else {}  # id -> page
        self.regions: dict[str, RegionItem] = regions if regions is not None else {}  # region name -> info
        self.municipalities: dict[str, MunicipalityItem] = municipalities if municipalities is not None else {}
        self.section_of: dict[str, str] = section_of if section_of is not None else {}  # id -> section
        self.file_of: dict[str, str] = file_of if file_of is not None else {}  # id -> file (relative)
        self.problems: list[Problem] = problems if problems is not None else []
        #: Files that were skipped because of problems (relative paths).
        self.skipped: list[str] = skipped if skipped is not None else []
        #: Ids of pages that were skipped: links to them are not reported again (the page's own
        #: problem says what is wrong).
        self.broken_ids: set[str] = broken_ids if broken_ids is not None else set()
        #: Extra kinds of content (wizard flow, practice cases), keyed by folder name; `None`
        #: until first use when the store came from a snapshot, which passes `load_extras` to
        #: fill them then (see `extras`; the store itself does not import the loader).
        self._load_extras = load_extras
        #: A snapshot store reads its pages' full text on first use (see `content.snapshot`).
        self._read_all = read_all
        self._extras: dict[str, Any] | None = None if load_extras is not None else {}
        #: Local additions (`content.aanvulling.merge.Additions`) merged as an overlay: None
        #: without packs. The bundled items are never changed; `callee` asks the overlay.
        self.additions: Any = None

    def __repr__(self) -> str:
        return f"ContentStore(root={self.root!r}, {len(self.pages)} pages, {len(self.problems)} problems)"

    # -- lookup -----------------------------------------------------------------------------
    def item(self, item_id: str) -> Item | None:
        if item_id in self.pages:
            return self.pages[item_id]
        if item_id in self.municipalities:
            return self.municipalities[item_id]
        for info in self.regions.values():
            if info.id == item_id:
                return info
        return None

    def all_items(self) -> Iterable[Item]:
        yield from self.pages.values()
        yield from self.regions.values()
        yield from self.municipalities.values()

    def ids(self) -> set[str]:
        return {item.id for item in self.all_items()}

    def pages_of_kind(self, kind: str) -> list[PageItem]:
        items = [p for p in self.pages.values() if p.kind == kind]
        return sorted(items, key=lambda p: (getattr(p, "number", 0), p.order, p.title.lower()))

    def municipality_by_name(self, name: str) -> MunicipalityItem | None:
        """The municipality a user means by `name`: its name, id or an alias from content, in any
        spelling `place_key` folds together ("Alphen a/d Rijn", "alphen aan den rijn",
        "'s-Gravenhage"). The one lookup engine, renderer, views and CLI use."""
        wanted = place_key(name) if isinstance(name, str) else ""
        if not wanted:
            return None
        found = None
        for mun in self.municipalities.values():
            if wanted in (place_key(mun.name), place_key(mun.id)):
                return mun
            if found is None and any(place_key(a) == wanted for a in getattr(mun, "aliases", ())):
                found = mun
        return found

    # -- who to call ------------------------------------------------------------------------
    def contact(self, contact_id: str) -> ContactItem | None:
        """A general contact from content.yaml (alarmnummer, veilig_thuis_landelijk, csg, ...)."""
        for c in getattr(self.meta, "contacts", None) or []:
            if c.id == contact_id:
                return c
        return None

    def who_to_call(self, municipality_id: str | None = None, region: str | None = None) -> list[Callee]:
        """Who to call for a municipality (or only a region, or neither), in the order of
        `CALL_ROLES`: every number comes from content (content.yaml's contacts, the region and
        municipality files) or a local addition that fills it in; after 112, the aandachtsfunctionaris
        of the organisation the user chose (`OWN_ROLE`), when there is one. The one answer engine,
        renderer, intake view and CLI give."""
        out = []
        for role in CALL_ROLES:
            callee = self.callee(role, municipality_id, region)
            if callee is not None:
                out.append(callee)
            if role == "alarmnummer" and (own := self.callee(OWN_ROLE)) is not None:
                out.append(own)
        return out

    def callee(self, role: str, municipality_id: str | None = None, region: str | None = None) -> Callee | None:
        """One entry of `who_to_call` (None: content has no such contact, or for `OWN_ROLE`: no
        organisation chosen)."""
        if role == OWN_ROLE:
            return self.additions.own_callee() if self.additions is not None else None
        label = CALL_ROLES[role]
        if role in _GENERAL_ROLES:
            c = self.contact(role)
            return Callee(role, label, c.name, c.phone, c.note or c.when, True, False) if c else None
        mun = self.municipalities.get(municipality_id or "")
        region = mun.region if mun is not None else region
        info = self.regions.get(region) if region else None
        if role == "local_team":
            service = mun.local_team if mun is not None else None
        else:
            service = (getattr(mun, role, None) if mun is not None else None) or (getattr(info, role, None) if info else None)
        if service is not None:
            found = Callee(role, label, service.name, service.phone, service.note, False, False)
        elif role == "veilig_thuis":
            national = self.contact("veilig_thuis_landelijk")
            if national is not None:
                return Callee(role, label, national.name, national.phone, national.note or national.when, True, False)
            found = Callee(role, label, NOT_FILLED, NOT_FILLED, "", False, True)
        else:
            found = Callee(role, label, NOT_FILLED, NOT_FILLED, "", False, True)
        if self.additions is not None and mun is not None and role in ("local_team", "zorg_en_veiligheidshuis"):
            found = self.additions.fill(found, mun.id, role)
        return found

    def standing_line(self, line_id: str) -> str:
        """A line from content.yaml's `standing_lines` (e.g. "twijfel", "acuut") with its contact's
        name and number filled in; "" when content has none."""
        for line in getattr(self.meta, "standing_lines", None) or []:
            if line.id == line_id:
                c = self.contact(line.contact)
                return fill_line(line.text, c) if c else ""
        return ""

    @property
    def doubt_line(self) -> str:
        """"Bij twijfel: vraag advies bij Veilig Thuis (...)": from content.yaml, number and all."""
        return self.standing_line("twijfel")

    def region_of(self, municipality_id: str) -> RegionItem | None:
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

    def read_all(self) -> None:
        """Read now what a snapshot store would read on first use (the pages' full text): for
        the window to call while it is idle after start, so the first page opened does not wait."""
        if self._read_all is not None:
            self._read_all()

    @property
    def extras(self) -> dict[str, Any]:
        """The extra kinds, loaded (and checked) on first use when the store is a snapshot."""
        if self._extras is None:
            self._extras = {}
            if self._load_extras is not None:
                self._load_extras(self)
        return self._extras

    @property
    def ok(self) -> bool:
        return not self.problems
