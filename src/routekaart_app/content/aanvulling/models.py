"""The shape of an aanvulling (local addition): its manifest `aanvulling.yaml` and what it adds.

An aanvulling may only fill in or add: a local team's number where the bundled content says
`niet ingevuld`, an e-mail address, opening hours, a page of local notes, an organisation's own
aandachtsfunctionarissen. It never changes a definition, a meldcode step, a wizard rule or a
national number; `scope.py` says which field is out of bounds and why.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..models import ID_PATTERN

MANIFEST = "aanvulling.yaml"
SIGNATURE = "handtekening.json"

PackId = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=300)]
#: A phone number as people write it: digits, spaces, dashes, a leading + and brackets.
Phone = Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ()\-]{2,24}$")]
Email = Annotated[str, Field(pattern=r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$", max_length=200)]
#: A web address, shown as text (the app never goes online).
Website = Annotated[str, Field(pattern=r"^https?://[^\s<>\"']+$", max_length=300)]
#: A page of the pack: a relative path to a Markdown file inside the pack.
PagePath = Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.md$", max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class ContactPerson(_Strict):
    """Who to ask about the pack itself (not a contact for clients)."""

    name: Text
    email: Email | None = None
    phone: Phone | None = None


class Scope(_Strict):
    """For which municipalities (ids or names from the bundled content), or which organisation."""

    municipalities: list[Text] = []
    organisation: Text | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Scope:
        if bool(self.municipalities) == bool(self.organisation):
            raise ValueError("noem gemeenten (municipalities) óf één organisatie (organisation), niet allebei of geen")
        return self


class LocalService(_Strict):
    """A local team or Zorg- en Veiligheidskamer: fills what the bundled content leaves open."""

    name: Text | None = None
    phone: Phone | None = None
    email: Email | None = None
    website: Website | None = None
    opening_hours: Text | None = None
    note: Text | None = None


class MunicipalityAddition(_Strict):
    local_team: LocalService | None = None
    #: The local Zorg- en Veiligheidskamer (or the Zorg- en Veiligheidshuis's local desk).
    zorg_en_veiligheidskamer: LocalService | None = None
    #: A short Markdown page shown under the municipality.
    page: PagePath | None = None


class Aandachtsfunctionaris(_Strict):
    name: Text
    role: Text | None = None
    phone: Phone | None = None
    email: Email | None = None
    #: When and how to reach them ("ma-do 9-17 uur; buiten kantoortijd via de teamleider").
    reachable: Text | None = None


class OrganisationAddition(_Strict):
    aandachtsfunctionarissen: Annotated[list[Aandachtsfunctionaris], Field(min_length=1, max_length=50)]
    #: The organisation's internal meldcode notes (Markdown).
    page: PagePath | None = None


class Manifest(_Strict):
    id: PackId
    publisher: Text
    scope: Scope
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z.\-]{1,20}$")]
    date: _dt.date
    contact: ContactPerson
    #: True for the example under examples/: shown as "voorbeeld" wherever its values show.
    example: bool = False
    #: municipality (id or name, as in scope) -> what the pack fills in for it.
    municipalities: dict[Text, MunicipalityAddition] = {}
    organisation: OrganisationAddition | None = None
