"""Merging checked packs into the store, as an overlay that keeps every value's origin.

The bundled content is never modified: the store's "who to call" asks the overlay (`fill`) for
the fields it leaves open, and each value keeps "aanvulling van <publisher>, <date>" (with
"niet ondertekend" when the pack is not signed by a trusted key). Packs next to the program are
applied first, so they win over a pack in the user's profile that fills the same field; every
such conflict is listed.

An organisation's pack applies only once the user has chosen that organisation (the window's
setting, `choose`): then "who to call" names its aandachtsfunctionarissen (`own_callee`).
"""

from __future__ import annotations

from typing import Any

from ..store import NOT_FILLED, OWN_ROLE, OWN_ROLE_LABEL, Callee

#: The fields of a local service, in the order shown, with their Dutch labels.
DETAIL_LABELS = {
    "email": "E-mail",
    "website": "Website",
    "opening_hours": "Bereikbaar",
    "note": "Toelichting",
}
_ROLE_OF = {"local_team": "local_team", "zorg_en_veiligheidskamer": "zorg_en_veiligheidshuis"}
_ROLE_LABEL = {"local_team": "lokaal team", "zorg_en_veiligheidshuis": "Zorg- en Veiligheidskamer"}
_FIELD_LABEL = {"name": "naam", "phone": "telefoon", **{k: v.lower() for k, v in DETAIL_LABELS.items()}}


def _filled(value: Any) -> bool:
    return bool(value) and " ".join(str(value).casefold().split()) != NOT_FILLED


class Organisation:
    """An organisation's own additions: its aandachtsfunctionarissen and meldcode notes."""

    def __init__(self, name: str, people: list[Any], page: str, origin: str):
        self.name = name
        self.people = people
        self.page = page  # Markdown ("" when none)
        self.origin = origin


class Additions:
    """What the packs add to the store, with origins, conflicts and refused packs."""

    def __init__(self) -> None:
        self.packs: list[Any] = []
        #: (municipality id, role) -> field -> (value, origin)
        self.services: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
        #: municipality id -> [(Markdown, origin)]
        self.pages: dict[str, list[tuple[str, str]]] = {}
        #: organisation name -> Organisation
        self.organisations: dict[str, Organisation] = {}
        #: One line per field two packs fill differently (the first pack's value is used).
        self.conflicts: list[str] = []
        #: One line per pack that was not used, and why.
        self.refused: list[str] = []
        #: Unsigned (or unknown-key) packs the user has not confirmed: not applied.
        self.pending: list[Any] = []
        self._owner: dict[tuple[str, str, str], Any] = {}
        #: The key of the organisation the user chose (in `organisations`), or None: "geen".
        self.chosen: str | None = None
        #: Where the packs were looked for (`load_additions`), to look again after a change.
        self.program_dir: Any = None
        self.user_dir: Any = None

    def __bool__(self) -> bool:
        return bool(self.packs or self.refused or self.pending or self.conflicts)

    # -- building ---------------------------------------------------------------------------
    def add(self, pack: Any, store: Any) -> None:
        if any(p.manifest.id == pack.manifest.id for p in self.packs):
            first = next(p for p in self.packs if p.manifest.id == pack.manifest.id)
            self.conflicts.append(
                f"{pack.label}: zelfde id '{pack.manifest.id}' als {first.label} ({_place(first)}); "
                f"{first.label} wordt gebruikt"
            )
            return
        self.packs.append(pack)
        origin = pack.origin
        for mun_id, addition in pack.municipalities.items():
            mun_name = store.municipalities[mun_id].name
            for attr, role in _ROLE_OF.items():
                service = getattr(addition, attr)
                if service is None:
                    continue
                fields = self.services.setdefault((mun_id, role), {})
                for field in ("name", "phone", *DETAIL_LABELS):
                    value = getattr(service, field)
                    if value is None:
                        continue
                    key = (mun_id, role, field)
                    if key in self._owner:
                        earlier = self._owner[key]
                        if fields[field][0] != value:
                            self.conflicts.append(
                                f"{mun_name}, {_ROLE_LABEL[role]}, {_FIELD_LABEL[field]}: '{fields[field][0]}' uit "
                                f"{earlier.label} ({_place(earlier)}) gaat voor '{value}' uit {pack.label} ({_place(pack)})"
                            )
                        continue
                    self._owner[key] = pack
                    fields[field] = (value, origin)
            if addition.page:
                self.pages.setdefault(mun_id, []).append((pack.pages[addition.page], origin))
        org = pack.manifest.organisation
        if org is not None:
            name = pack.manifest.scope.organisation or ""
            org_key = _org_key(name)
            if org_key in self.organisations:
                first = self.organisations[org_key]
                self.conflicts.append(
                    f"organisatie {name}: de aanvulling uit {pack.label} ({_place(pack)}) is niet gebruikt; "
                    f"die van {first.origin} gaat voor"
                )
            else:
                page = pack.pages.get(org.page, "") if org.page else ""
                self.organisations[org_key] = Organisation(name, list(org.aandachtsfunctionarissen), page, origin)

    # -- reading (the store asks) -----------------------------------------------------------
    def fill(self, callee: Any, municipality_id: str | None, role: str) -> Any:
        """`callee` with what the packs fill in for it (origin and details set), or unchanged."""
        fields = self.services.get((municipality_id or "", role))
        if not fields:
            return callee
        origins: list[str] = []
        updates: dict[str, Any] = {}

        def use(field: str) -> str | None:
            value, origin = fields[field]
            if origin not in origins:
                origins.append(origin)
            return value

        if role == "zorg_en_veiligheidshuis":
            # The local kamer's own number fills the gap; its name then replaces the regional
            # name the number would otherwise seem to belong to (which stays as a detail).
            details = []
            if "phone" in fields and not _filled(callee.phone):
                updates["phone"] = use("phone")
                if "name" in fields:
                    updates["name"] = use("name")
                    details.append(("Regionaal", callee.name))
            else:
                if "name" in fields:
                    details.append(("Lokaal", use("name")))
                if "phone" in fields:
                    details.append(("Telefoon lokaal", use("phone")))
        else:
            details = []
            for field in ("name", "phone"):
                if field in fields and not _filled(getattr(callee, field)):
                    updates[field] = use(field)
        for field, label in DETAIL_LABELS.items():
            if field in fields:
                details.append((label, use(field)))
        if not origins:
            return callee
        updates["details"] = tuple(callee.details) + tuple(details)
        updates["origin"] = "; ".join(origins)
        if callee.needs_place:
            updates["needs_place"] = False
        return callee._replace(**updates)

    def organisation(self, name: str | None) -> Organisation | None:
        if not name:
            return None
        return self.organisations.get(_org_key(name))

    def choose(self, name: str | None) -> Organisation | None:
        """Use the organisation called `name` as the user's own (None, or one no pack is loaded
        for: none). Returns it."""
        org = self.organisation(name)
        self.chosen = _org_key(org.name) if org is not None else None
        return org

    @property
    def own(self) -> Organisation | None:
        """The user's own organisation (chosen in the settings), or None."""
        return self.organisations.get(self.chosen) if self.chosen else None

    def own_callee(self) -> Callee | None:
        """The chosen organisation's aandachtsfunctionaris as a "who to call" entry (None when
        no organisation is chosen): the first person with phone and details, each further one
        as a detail "Of", and the pack's origin."""
        org = self.own
        if org is None or not org.people:
            return None
        first, *others = org.people
        details = [(label, value) for label, value in (("E-mail", first.email), ("Bereikbaar", first.reachable)) if value]
        details += [("Of", person_line(person)) for person in others]
        return Callee(
            OWN_ROLE, f"{OWN_ROLE_LABEL} {org.name}", _with_role(first), first.phone or NOT_FILLED,
            f"{OWN_ROLE_LABEL} van {org.name}", False, False, tuple(details), org.origin,
        )

    def summary(self) -> list[str]:
        """Lines for the banner and `inspect`: what is used, what not, and the conflicts."""
        lines = [f"Aanvulling {p.label} ({_place(p)}): {p.origin}" for p in self.packs]
        lines += [f"Niet gebruikt: {r}" for r in self.refused]
        lines += [f"Conflict: {c}" for c in self.conflicts]
        return lines


def _org_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _with_role(person: Any) -> str:
    return f"{person.name}, {person.role}" if person.role else person.name


def person_line(person: Any) -> str:
    """One aandachtsfunctionaris as plain text: name, role, phone, e-mail, when to reach them."""
    parts = [_with_role(person)]
    if person.phone:
        parts.append(f"tel. {person.phone}")
    parts += [v for v in (person.email, person.reachable) if v]
    return ", ".join(parts)


def _place(pack: Any) -> str:
    return {"programma": "naast het programma", "profiel": "eigen profiel"}.get(pack.place, pack.place or "opgegeven")
