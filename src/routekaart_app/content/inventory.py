"""What a content set holds: counts, ids, gaps. Used by `routekaart inventory` and the tests."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pydantic import BaseModel

from .items import PageItem
from .loader import ContentStore, _all_sources, stale_ids
from .models import NOT_FILLED
from .registry import sources_overview


def _not_filled(item: Any) -> list[str]:
    """Fields of an item (and its services) that are explicitly marked 'niet ingevuld'."""
    fields = []
    for name, value in item:
        if isinstance(value, str) and value.strip().lower() == NOT_FILLED:
            fields.append(name)
        elif isinstance(value, BaseModel):
            fields += [f"{name}.{sub}" for sub in _not_filled(value)]
    return fields


def inventory(store: ContentStore, today: _dt.date | None = None) -> dict[str, Any]:
    """What the content holds. `today` (default: the real date) decides what counts as stale."""
    meta = store.meta

    def entries(kind: str) -> list[dict[str, Any]]:
        return [
            {"id": p.id, "title": p.title, "regions": list(p.regions) or list(store.regions) or []}
            for p in store.pages_of_kind(kind)
        ]

    def numbered(page: PageItem) -> dict[str, Any]:  # a meldcode step or afwegingsvraag
        return {"id": page.id, "title": page.title, "number": getattr(page, "number", 0)}

    municipalities = sorted(store.municipalities.values(), key=lambda m: (m.region or "", m.name))
    return {
        "title": meta.title if meta else "",
        "version": meta.version if meta else "",
        "date": meta.date.isoformat() if meta else "",
        "terms": [
            {
                "id": p.id,
                "title": p.title,
                "aliases": list(p.aliases),
                "regions": sorted({d.region for d in getattr(p, "definitions", [])}) or list(p.regions),
            }
            for p in store.pages_of_kind("begrip")
        ],
        "meldcode_steps": [numbered(p) for p in store.pages_of_kind("meldcode_stap")],
        "afwegingsvragen": [numbered(p) for p in store.pages_of_kind("afwegingsvraag")],
        "red_flags": [{"id": p.id, "title": p.title} for p in store.pages_of_kind("rode_vlag")],
        "interventions": entries("interventie"),
        "pages": [{"id": p.id, "title": p.title, "section": store.section_of.get(p.id, "")} for p in store.pages_of_kind("pagina")],
        "regions": [
            {"id": r.id, "name": r.name, "subregions": [s.name for s in r.subregions]}
            for r in store.regions.values()
        ],
        "municipalities": [
            {
                "id": m.id,
                "name": m.name,
                "region": m.region,
                "subregion": m.subregion,
                "local_team": m.local_team.name,
            }
            for m in municipalities
        ],
        "missing_sources": sorted(item.id for item in store.all_items() if not _all_sources(item)),
        "not_filled_in": [
            {"id": item.id, "field": name} for item in store.all_items() for name in _not_filled(item)
        ],
        "stale": stale_ids(store, today),
        "sources": sources_overview(store),
        "problems": [str(p) for p in store.problems],
    }
