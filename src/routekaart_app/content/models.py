"""The shape of the content: pydantic models for every kind of item.

Content files are written by policy advisers; these models are the contract they are checked
against. Keys are English for structure; values (titles, texts) are Dutch.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .store import NOT_FILLED, REGIONS  # noqa: F401  (re-exported)

Region = Literal["Haaglanden", "Hollands Midden"]

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
ItemId = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
NonEmpty = Annotated[str, Field(min_length=1)]
#: A source reference: a key from `content.yaml`'s `sources` registry, optionally followed by a
#: section, e.g. ``003_efaaea29263f0136.txt §4.2`` or ``basismodel_meldcode stap 2``.
SourceRef = Annotated[str, Field(min_length=3)]
Sources = Annotated[list[SourceRef], Field(min_length=1)]

_INTERNAL_LINK = re.compile(r"\]\(item:([^)\s]*)\)")


def internal_links(markdown_text: str) -> list[str]:
    """The ids an item's Markdown links to with ``[tekst](item:id)``."""
    return _INTERNAL_LINK.findall(markdown_text or "")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# --------------------------------------------------------------------------------------------
# content.yaml: the content set's own data


class SourceInfo(Strict):
    title: NonEmpty
    publisher: str = ""
    year: str = ""
    url: str = ""  # the public address of a national source (shown as text, never fetched)
    file: str = ""  # the file in shared/sources, when the source is one of the bundled documents
    #: Named parts of a bundled document that have no heading of their own (a letter bound with
    #: it): label -> the words the part starts with. A citation can name the part by its label.
    parts: dict[NonEmpty, NonEmpty] = {}


class Contact(Strict):
    """A general contact (112, Veilig Thuis, CSG, police)."""

    id: ItemId
    name: NonEmpty
    phone: NonEmpty  # a number or NOT_FILLED
    when: NonEmpty
    note: str = ""
    sources: Sources
    cites: list[NonEmpty] = []


class StandingLine(Strict):
    """A fixed line under every outcome, record and error message ("Bij twijfel: ..."): its text
    names a contact as `{name}` and `{phone}`, so each number stands in content once."""

    id: ItemId
    text: NonEmpty
    contact: ItemId  # the id of one of the contacts
    sources: Sources
    cites: list[NonEmpty] = []


class Meta(Strict):
    title: NonEmpty
    version: NonEmpty
    date: _dt.date
    sources: dict[str, SourceInfo] = Field(min_length=1)
    #: Abbreviations and synonyms for search: key -> what it stands for / also means.
    synonyms: dict[str, list[NonEmpty]] = {}
    #: Word forms for search: each group holds forms of one word (slaan, slaat, geslagen); a
    #: query with one form also finds the others.
    word_forms: list[Annotated[list[Annotated[str, Field(pattern=r"^[^\s]+$")]], Field(min_length=2)]] = []
    contacts: list[Contact] = []
    #: The lines the app shows everywhere (ids "twijfel" and "acuut" are used by the app).
    standing_lines: list[StandingLine] = []


# --------------------------------------------------------------------------------------------
# Pages: Markdown files with YAML front matter


class ItemBase(Strict):
    id: ItemId
    title: NonEmpty
    sources: Sources
    reviewed: _dt.date
    #: Abbreviations, other names; used by search and shown under the title.
    aliases: list[NonEmpty] = []
    #: Regions the item applies to; empty = both regions / national.
    regions: list[Region] = []
    #: Position within its section in the navigation (lower first), then title.
    order: int = 100
    summary: str = ""
    #: Other items worth reading next (ids).
    related: list[ItemId] = []
    #: Keywords the cited source sections mention (besides the title and aliases); checked by
    #: `content.citations` against the seed documents.
    cites: list[NonEmpty] = []
    #: The Markdown body (the text after the front matter); filled in by the loader.
    body: str = ""

    def markdown_fields(self) -> list[str]:
        """All Markdown texts of the item (for link checking and search)."""
        return [self.summary, self.body]


class RegionalDefinition(Strict):
    region: Region
    text: NonEmpty
    sources: Sources
    cites: list[NonEmpty] = []


class Begrip(ItemBase):
    kind: Literal["begrip"] = "begrip"
    #: Where the regions define the term, each region's own definition with its own source.
    definitions: list[RegionalDefinition] = []

    @field_validator("definitions")
    @classmethod
    def _one_per_region(cls, value: list[RegionalDefinition]) -> list[RegionalDefinition]:
        from collections import Counter

        doubles = sorted(r for r, n in Counter(d.region for d in value).items() if n > 1)  # linear
        if doubles:
            raise ValueError(f"meer dan één definitie voor regio {', '.join(doubles)}")
        return value

    def markdown_fields(self) -> list[str]:
        return super().markdown_fields() + [d.text for d in self.definitions]


class MeldcodeStap(ItemBase):
    kind: Literal["meldcode_stap"]
    number: Annotated[int, Field(ge=1, le=5)]
    record: NonEmpty  # wat leg je vast in het dossier
    ask_veilig_thuis: NonEmpty  # wanneer vraag je advies bij Veilig Thuis
    tips_af: NonEmpty  # tips voor de aandachtsfunctionaris

    def markdown_fields(self) -> list[str]:
        return super().markdown_fields() + [self.record, self.ask_veilig_thuis, self.tips_af]


class Afwegingsvraag(ItemBase):
    kind: Literal["afwegingsvraag"]
    number: Annotated[int, Field(ge=1, le=5)]
    question: NonEmpty
    if_yes: NonEmpty
    if_no: NonEmpty

    def markdown_fields(self) -> list[str]:
        return super().markdown_fields() + [self.question, self.if_yes, self.if_no]


class RodeVlag(ItemBase):
    kind: Literal["rode_vlag"] = "rode_vlag"
    what_to_do: NonEmpty

    def markdown_fields(self) -> list[str]:
        return super().markdown_fields() + [self.what_to_do]


class Interventie(ItemBase):
    kind: Literal["interventie"] = "interventie"
    for_whom: NonEmpty
    who_decides: NonEmpty  # or NOT_FILLED
    how_to_get_there: NonEmpty  # or NOT_FILLED
    contact: NonEmpty  # or NOT_FILLED
    #: How the item is organised per region, or that the sources do not say.
    region_notes: dict[Region, NonEmpty] = {}

    def markdown_fields(self) -> list[str]:
        return super().markdown_fields() + [
            self.for_whom,
            self.who_decides,
            self.how_to_get_there,
            self.contact,
            *self.region_notes.values(),
        ]


class Pagina(ItemBase):
    kind: Literal["pagina"] = "pagina"


Page = Annotated[
    Begrip | MeldcodeStap | Afwegingsvraag | RodeVlag | Interventie | Pagina,
    Field(discriminator="kind"),
]
PAGE_KINDS = ("begrip", "meldcode_stap", "afwegingsvraag", "rode_vlag", "interventie", "pagina")


# --------------------------------------------------------------------------------------------
# Regions and municipalities: one YAML file per region under regios/


class Service(Strict):
    """An organisation such as Veilig Thuis or a Zorg- en Veiligheidshuis, or a local team."""

    name: NonEmpty  # or NOT_FILLED
    phone: NonEmpty  # or NOT_FILLED
    note: str = ""
    sources: Sources
    cites: list[NonEmpty] = []


class Subregion(Strict):
    name: NonEmpty
    centrumgemeente: NonEmpty


class RegionInfo(Strict):
    id: ItemId
    name: Region
    title: NonEmpty
    sources: Sources
    reviewed: _dt.date
    summary: str = ""
    body: str = ""
    aliases: list[NonEmpty] = []
    subregions: Annotated[list[Subregion], Field(min_length=1)]
    veilig_thuis: Service
    zorg_en_veiligheidshuis: Service
    related: list[ItemId] = []
    cites: list[NonEmpty] = []

    @property
    def kind(self) -> str:
        return "regio"

    @property
    def regions(self) -> list[str]:
        return [self.name]

    def markdown_fields(self) -> list[str]:
        return [self.summary, self.body]


class Municipality(Strict):
    id: ItemId
    name: NonEmpty
    #: Filled in by the loader from the region file the municipality stands in.
    region: Region | None = None
    subregion: NonEmpty
    local_team: Service
    sources: Sources
    reviewed: _dt.date
    aliases: list[NonEmpty] = []
    notes: str = ""
    #: Only where the municipality differs from its region's organisation.
    veilig_thuis: Service | None = None
    zorg_en_veiligheidshuis: Service | None = None
    related: list[ItemId] = []
    cites: list[NonEmpty] = []

    @property
    def kind(self) -> str:
        return "gemeente"

    @property
    def title(self) -> str:
        return self.name

    def markdown_fields(self) -> list[str]:
        return [self.notes, self.local_team.note]


class RegionFile(Strict):
    region: RegionInfo
    municipalities: Annotated[list[Municipality], Field(min_length=1)]
