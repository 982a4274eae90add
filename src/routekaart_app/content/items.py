"""What the store hands out, as typed protocols: the fields code may rely on, whatever the source.

An item comes either from the pydantic models (`models`, when content is validated from its files)
or from a snapshot (`snapshot.Record`, plain attributes read back from JSON). Both have the same
fields; these protocols name them once, so code that takes an item from the store is type-checked
against them instead of `Any`, without importing pydantic. Fields only some kinds of page have
(a step's `number`, an intervention's `who_decides`, ...) are read with `getattr` where used.

All members are read-only: a consumer never changes an item of the store.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Protocol


class ServiceItem(Protocol):
    """An organisation with a number: a region's Veilig Thuis, a municipality's local team."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str: ...  # a number or NOT_FILLED
    @property
    def note(self) -> str: ...


class ContactItem(Protocol):
    """A general contact of content.yaml (alarmnummer, veilig_thuis_landelijk, csg, ...)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def when(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def sources(self) -> Sequence[str]: ...


class StandingLineItem(Protocol):
    """A line the app shows under every outcome (content.yaml `standing_lines`)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def contact(self) -> str: ...  # a contact's id
    @property
    def sources(self) -> Sequence[str]: ...


class SourceItem(Protocol):
    """A source named by `sources:` keys (content.yaml `sources`)."""

    @property
    def title(self) -> str: ...
    @property
    def publisher(self) -> str: ...
    @property
    def year(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def parts(self) -> Mapping[str, str]: ...


class MetaItem(Protocol):
    """content.yaml: title, version, sources, synonyms, contacts and standing lines."""

    @property
    def title(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def date(self) -> _dt.date: ...
    @property
    def sources(self) -> Mapping[str, SourceItem]: ...
    @property
    def synonyms(self) -> Mapping[str, Sequence[str]]: ...
    @property
    def contacts(self) -> Sequence[ContactItem]: ...
    @property
    def standing_lines(self) -> Sequence[StandingLineItem]: ...


class Item(Protocol):
    """Anything with an id the reader can open: a page, a region or a municipality."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def sources(self) -> Sequence[str]: ...
    @property
    def reviewed(self) -> _dt.date: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def related(self) -> Sequence[str]: ...
    @property
    def cites(self) -> Sequence[str]: ...
    def markdown_fields(self) -> list[str]: ...


class PageItem(Item, Protocol):
    """A Markdown page (begrip, meldcode step, red flag, intervention, page)."""

    @property
    def regions(self) -> Sequence[str]: ...  # empty: both regions / national
    @property
    def order(self) -> int: ...
    @property
    def summary(self) -> str: ...
    @property
    def body(self) -> str: ...


class SubregionItem(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def centrumgemeente(self) -> str: ...


class RegionItem(Item, Protocol):
    @property
    def regions(self) -> Sequence[str]: ...  # its own name
    @property
    def name(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def veilig_thuis(self) -> ServiceItem: ...
    @property
    def zorg_en_veiligheidshuis(self) -> ServiceItem: ...
    @property
    def subregions(self) -> Sequence[SubregionItem]: ...


class MunicipalityItem(Item, Protocol):
    @property
    def name(self) -> str: ...
    @property
    def region(self) -> str | None: ...
    @property
    def subregion(self) -> str: ...
    @property
    def local_team(self) -> ServiceItem: ...
    @property
    def notes(self) -> str: ...
    @property
    def veilig_thuis(self) -> ServiceItem | None: ...  # only where it differs from the region's
    @property
    def zorg_en_veiligheidshuis(self) -> ServiceItem | None: ...
