"""The source registry as readers see it: every registered source, what kind it is, who relies on it.

Used by the Bronnen page (`render.PageRenderer.sources_page`) and `routekaart inventory`. No Qt;
reads the store only (the wizard flow and the practice cases are loaded on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import ContentStore

#: What a kind of source is, in the reader's words.
KIND_LABELS = {
    "regionaal": "Regionaal brondocument (meegeleverd)",
    "project": "Projectdocument (samenvatting van het project zelf)",
    "landelijk": "Landelijke openbare bron",
}


def source_kind(info: Any) -> str:
    """'regionaal' (a bundled seed document), 'project' (a project file) or 'landelijk'."""
    file = getattr(info, "file", "") or ""
    if not file:
        return "landelijk"
    return "project" if "/" in file or "\\" in file else "regionaal"


def _key(ref: str) -> str:
    return ref.strip().split(" ", 1)[0]


def _refs(item: Any) -> list[str]:
    refs = list(getattr(item, "sources", []) or [])
    for definition in getattr(item, "definitions", []) or []:
        refs += list(definition.sources)
    for attr in ("veilig_thuis", "zorg_en_veiligheidshuis", "local_team"):
        service = getattr(item, attr, None)
        if service is not None:
            refs += list(service.sources)
    return refs


def source_usage(store: ContentStore, extras: bool = True) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """key -> {"items": [(id, title)], "contacts": [...], "wizard": [...], "cases": [...]}.

    `items` are handbook items a reader can open; the others are named as text.
    """
    meta = store.meta
    usage: dict[str, dict[str, list[tuple[str, str]]]] = {
        key: {"items": [], "contacts": [], "wizard": [], "cases": []} for key in (meta.sources if meta else {})
    }

    def add(ref: str, group: str, entry: tuple[str, str]) -> None:
        found = usage.get(_key(ref))
        if found is not None and entry not in found[group]:
            found[group].append(entry)

    for item in store.all_items():
        for ref in _refs(item):
            add(ref, "items", (item.id, item.title))
    for contact in (meta.contacts if meta else []):
        for ref in contact.sources:
            add(ref, "contacts", (contact.id, contact.name))
    if extras:
        for flow in store.extras.get("wizard") or []:
            recommendations = getattr(flow, "recommendations", {}) or {}
            for compiled in (getattr(flow, "questions", {}) or {}).values():
                question = getattr(compiled, "question", compiled)
                for ref in question.sources:
                    add(ref, "wizard", (question.id, f"vraag: {question.text}"))
            for rec in recommendations.values():
                for ref in rec.sources:
                    add(ref, "wizard", (rec.id, f"aanbeveling: {rec.title}"))
            for compiled in getattr(flow, "rules", []) or []:
                rule = getattr(compiled, "rule", compiled)
                for ref in rule.sources:
                    add(ref, "wizard", (rule.id, f"regel: {rule.id}"))
        for case in store.extras.get("oefencasussen") or []:
            for ref in case.sources:
                add(ref, "cases", (case.id, case.title))
    for found in usage.values():
        found["items"].sort(key=lambda e: e[1].lower())
    return usage


def sources_overview(store: ContentStore, extras: bool = True) -> list[dict[str, Any]]:
    """Every registered source with its data and what relies on it (for inventory and the page)."""
    meta = store.meta
    if meta is None:
        return []
    usage = source_usage(store, extras)
    out = []
    for key, info in meta.sources.items():
        used = usage.get(key, {})
        out.append(
            {
                "key": key,
                "title": info.title,
                "publisher": info.publisher,
                "year": info.year,
                "url": info.url,
                "file": info.file,
                "kind": source_kind(info),
                "items": [i for i, _ in used.get("items", [])],
                "contacts": [i for i, _ in used.get("contacts", [])],
                "wizard": [i for i, _ in used.get("wizard", [])],
                "cases": [i for i, _ in used.get("cases", [])],
            }
        )
    return out
