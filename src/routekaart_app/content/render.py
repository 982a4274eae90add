"""The HTML page of every item, for the reader: layout, headings, fields and contacts. No Qt here.

Every content text goes through `sanitize.markdown_to_html` / `inline` (the security boundary:
allowed tags, links and images, limits, escaping; see that module); this module only arranges
the sanitized pieces into pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .sanitize import (  # noqa: F401  (re-exported: the reader's pipeline, as callers know it)
    INTERNAL_SCHEMES,
    MAX_TABLE_DEPTH,
    MAX_TAG_DEPTH,
    esc,
    inline,
    is_resource_url,
    markdown_to_html,
    sanitize,
    too_complex,
)
from .store import NOT_FILLED, REGIONS

if TYPE_CHECKING:
    from collections.abc import Callable

    from .items import Item, MunicipalityItem, PageItem, RegionItem, ServiceItem
    from .store import ContentStore

#: The Bronnen page (every registered source and what relies on it): ``section:Bronnen``.
SOURCES_TITLE = "Bronnen"
#: The page of the local additions (section:Aanvullingen).
ADDITIONS_TITLE = "Aanvullingen"
SOURCES_TARGET = "section:" + SOURCES_TITLE


def value_html(text: str) -> str:
    """A field value; the explicit 'niet ingevuld' marker is shown as such."""
    if not text or text.strip().lower() == NOT_FILLED:
        return '<span class="leeg">niet ingevuld — de bronnen noemen dit niet</span>'
    return inline(text)


STYLE = """
body { color: #1f2a33; }
h1 { color: #17405e; font-weight: 600; margin-bottom: 2px; }
h2 { color: #17405e; font-weight: 600; margin-top: 18px; }
h3 { color: #24506f; font-weight: 600; }
p, li, td, dd { line-height: 140%; }
.ook { color: #55646f; }
.lead { color: #33434f; font-style: italic; }
.label { color: #55646f; font-weight: 600; }
.regio { background-color: #e4eef6; color: #17405e; }
.anders { background-color: #f3f1ea; }
.def { background-color: #eef5fa; }
.waarschuwing { background-color: #fff4e0; color: #5a3a00; }
.leeg { color: #5c6670; font-style: italic; }
.bronnen { color: #55646f; }
table.velden td { padding: 4px 10px 4px 0; vertical-align: top; }
td.k { color: #55646f; font-weight: 600; white-space: nowrap; }
a { color: #0b5cab; }
"""


def document(title: str, body: str) -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )


def link(target: str, text: str) -> str:
    return f'<a href="item:{esc(target)}">{esc(text)}</a>'


# ---------------------------------------------------------------------------------------------


class PageRenderer:
    """Builds the reader's HTML for any item of a store, for the user's region."""

    def __init__(self, store: ContentStore):
        self.store = store

    def _title(self, item_id: str) -> str:
        item = self.store.item(item_id)
        return item.title if item is not None else item_id

    def _sources(self, refs: list[str]) -> str:
        return "; ".join(esc(self.store.source_label(r)) for r in refs)

    def _footer(self, item: Item) -> str:
        parts = []
        related = [r for r in getattr(item, "related", []) if self.store.item(r) is not None]
        if related:
            parts.append(
                "<h3>Zie ook</h3><p>" + " · ".join(link(r, self._title(r)) for r in related) + "</p>"
            )
        parts.append(
            f'<hr><p class="bronnen"><b>Bronnen:</b> {self._sources(list(item.sources))}<br>'
            f"Laatst gecontroleerd: {item.reviewed.strftime('%d-%m-%Y')}</p>"
        )
        return "".join(parts)

    def _header(self, item: Item, region: str | None) -> str:
        out = [f"<h1>{esc(item.title)}</h1>"]
        aliases = list(getattr(item, "aliases", []))
        if aliases:
            out.append(f'<p class="ook">Ook: {esc(", ".join(aliases))}</p>')
        regions = list(getattr(item, "regions", []))
        if regions and item.kind != "gemeente":
            out.append(f'<p><span class="regio">&nbsp;Regio: {esc(" en ".join(regions))}&nbsp;</span></p>')
            if region and region not in regions:
                out.append(
                    f'<p class="waarschuwing">&nbsp;Dit geldt voor {esc(" en ".join(regions))}, '
                    f"niet (zo) voor uw regio {esc(region)}.&nbsp;</p>"
                )
        summary = getattr(item, "summary", "")  # a municipality has none
        if summary:
            out.append(f'<p class="lead">{inline(summary)}</p>')
        return "".join(out)

    @staticmethod
    def ordered_regions(region: str | None) -> list[str]:
        """The user's region first, then the other."""
        return sorted(REGIONS, key=lambda r: (r != region, r))

    def _fields(self, rows: list[tuple[str, str]]) -> str:
        cells = "".join(f'<tr><td class="k">{esc(k)}</td><td>{v}</td></tr>' for k, v in rows)
        return f'<table class="velden">{cells}</table>'

    # -- per kind ----------------------------------------------------------------------------
    def render(self, item_id: str, region: str | None = None) -> str:
        item = self.store.item(item_id)
        if item is None:
            return document(
                "Niet gevonden",
                f"<h1>Niet gevonden</h1><p>Er is geen pagina met id <code>{esc(item_id)}</code>.</p>",
            )
        method: Callable[[Any, str | None], str] = getattr(self, f"_render_{item.kind}", self._render_pagina)
        body = self._header(item, region) + method(item, region) + self._footer(item)
        return document(item.title, body)

    def _render_pagina(self, item: PageItem, region: str | None) -> str:
        return markdown_to_html(item.body)

    def _render_begrip(self, item: Any, region: str | None) -> str:
        out = []
        by_region = {d.region: d for d in item.definitions}
        for name in self.ordered_regions(region):
            definition = by_region.get(name)
            if definition is None:
                continue
            own = region is None or name == region
            label = f"Definitie {name}" if own else f"Definitie {name} (andere regio)"
            css = "def" if own else "anders"
            out.append(
                f'<h2>{esc(label)}</h2><table class="{css}" width="100%" cellpadding="8"><tr><td>'
                f"{markdown_to_html(definition.text)}"
                f'<p class="bronnen">Bron: {self._sources(list(definition.sources))}</p></td></tr></table>'
            )
        if len(by_region) == 1 and region and region not in by_region:
            out.append(f'<p class="leeg">De bronnen van {esc(region)} geven geen eigen definitie.</p>')
        if item.body:
            out.append(("<h2>Toelichting</h2>" if item.definitions else "") + markdown_to_html(item.body))
        return "".join(out)

    def _render_meldcode_stap(self, item: Any, region: str | None) -> str:
        return (
            f"<h2>Wat doe je</h2>{markdown_to_html(item.body)}"
            f"<h2>Vastleggen in het dossier</h2>{markdown_to_html(item.record)}"
            f"<h2>Advies van Veilig Thuis</h2>{markdown_to_html(item.ask_veilig_thuis)}"
            f"<h2>Tips voor de aandachtsfunctionaris</h2>{markdown_to_html(item.tips_af)}"
        )

    def _render_afwegingsvraag(self, item: Any, region: str | None) -> str:
        return (
            f'<h2>{inline(item.question)}</h2>'
            + self._fields([("Ja", inline(item.if_yes)), ("Nee", inline(item.if_no))])
            + markdown_to_html(item.body)
        )

    def _render_rode_vlag(self, item: Any, region: str | None) -> str:
        return f"{markdown_to_html(item.body)}<h2>Wat te doen</h2>{markdown_to_html(item.what_to_do)}"

    def _render_interventie(self, item: Any, region: str | None) -> str:
        out = [markdown_to_html(item.body)]
        out.append(
            self._fields(
                [
                    ("Voor wie", value_html(item.for_whom)),
                    ("Wie beslist", value_html(item.who_decides)),
                    ("Hoe kom je er", value_html(item.how_to_get_there)),
                    ("Contact", value_html(item.contact)),
                ]
            )
        )
        if item.region_notes:
            out.append("<h2>Per regio</h2>")
            for name in self.ordered_regions(region):
                if name in item.region_notes:
                    suffix = "" if region in (None, name) else " (andere regio)"
                    out.append(f"<h3>{esc(name)}{esc(suffix)}</h3>{markdown_to_html(item.region_notes[name])}")
        return "".join(out)

    def _service(self, title: str, service: ServiceItem) -> tuple[str, str]:
        text = value_html(service.name)
        if service.phone and service.phone.strip().lower() != NOT_FILLED:
            text += f" — tel. <b>{esc(service.phone)}</b>"
        else:
            text += ' — <span class="leeg">telefoon niet ingevuld</span>'
        if service.note:
            text += f"<br>{inline(service.note)}"
        origin = getattr(service, "origin", "")
        if origin:
            from .aanvulling.show import extra_html

            text += extra_html(getattr(service, "details", ()), origin)
        return title, text

    def _render_regio(self, item: RegionItem, region: str | None) -> str:
        out = [markdown_to_html(item.body), "<h2>Organisaties</h2>"]
        out.append(
            self._fields(
                [
                    self._service("Veilig Thuis", item.veilig_thuis),
                    self._service("Zorg- en Veiligheidshuis", item.zorg_en_veiligheidshuis),
                ]
            )
        )
        out.append("<h2>Subregio's en gemeenten</h2>")
        for sub in item.subregions:
            muns = sorted(
                (m for m in self.store.municipalities.values() if m.region == item.name and m.subregion == sub.name),
                key=lambda m: m.name,
            )
            out.append(
                f"<h3>{esc(sub.name)}</h3><p>Centrumgemeente: {esc(sub.centrumgemeente)}<br>"
                + " · ".join(link(m.id, m.name) for m in muns)
                + "</p>"
            )
        return "".join(out)

    def _render_gemeente(self, item: MunicipalityItem, region: str | None) -> str:
        info = self.store.regions.get(item.region or "")
        sub = next((s for s in info.subregions if s.name == item.subregion), None) if info else None
        rows = [
            ("Regio", link(info.id, info.name) if info else esc(item.region)),
            ("Subregio", esc(item.subregion)),
            ("Centrumgemeente", esc(sub.centrumgemeente) if sub else value_html("")),
        ]
        out = [self._fields(rows), "<h2>Wie bel je</h2>"]
        contacts = [self._service(callee.label, callee) for callee in self.store.who_to_call(item.id)]
        out.append(self._fields(contacts))
        if item.notes:
            out.append(f"<h2>Bijzonderheden</h2>{markdown_to_html(item.notes)}")
        additions = getattr(self.store, "additions", None)
        for page, origin in (additions.pages.get(item.id, []) if additions is not None else []):
            from .aanvulling.show import ORIGIN_CLASS

            out.append(
                f"<h2>Lokale aanvulling</h2>{markdown_to_html(page)}"
                f'<p class="{ORIGIN_CLASS}"><small><i>Bron: {esc(origin)}</i></small></p>'
            )
        interventions = [
            p for p in self.store.pages_of_kind("interventie") if not p.regions or item.region in p.regions
        ]
        if interventions:
            out.append(
                f"<h2>Interventies in regio {esc(item.region)}</h2><ul>"
                + "".join(f"<li>{link(p.id, p.title)}</li>" for p in interventions)
                + "</ul>"
            )
        return "".join(out)

    # -- overview pages ----------------------------------------------------------------------
    def section(self, name: str, items: list[Any]) -> str:
        rows = "".join(
            f"<li>{link(i.id, i.title)}" + (f" — <span class='ook'>{esc(i.summary)}</span>" if getattr(i, 'summary', '') else "") + "</li>"
            for i in items
        )
        return document(name, f"<h1>{esc(name)}</h1><ul>{rows}</ul>")

    def additions_page(self) -> str:
        """The Aanvullingen page: the local additions in use, what they fill in and where they come
        from; the aandachtsfunctionarissen and meldcode notes of the organisation the user chose
        (only that one); conflicts, packs that were not used, and packs waiting for the user's
        confirmation, each with a link `aanvulling:<digest>` ("Toch gebruiken…") the window handles."""
        from .aanvulling.show import ORIGIN_CLASS

        additions = getattr(self.store, "additions", None)
        out = [f"<h1>{esc(ADDITIONS_TITLE)}</h1>"]
        if not additions:
            out.append(
                "<p>Er zijn geen lokale aanvullingen geladen. Een gemeente of organisatie kan haar eigen "
                "contacten en aantekeningen aanleveren als aanvulling; voeg die toe met "
                "<b>Bestand &gt; Aanvulling toevoegen…</b>, of vraag IT om hem naast het programma te zetten.</p>"
            )
            return document(ADDITIONS_TITLE, "".join(out))
        origin_line = lambda origin: f'<p class="{ORIGIN_CLASS}"><small><i>Bron: {esc(origin)}</i></small></p>'  # noqa: E731
        org = additions.own
        if org is not None:
            out.append(f"<h2>Organisatie: {esc(org.name)}</h2><h3>Aandachtsfunctionarissen</h3>")
            rows = []
            for person in org.people:
                parts = [f"<b>{esc(person.name)}</b>"]
                parts += [esc(v) for v in (person.role,) if v]
                if person.phone:
                    parts.append(f"tel. <b>{esc(person.phone)}</b>")
                parts += [esc(v) for v in (person.email, person.reachable) if v]
                rows.append(("Aandachtsfunctionaris", " — ".join(parts)))
            out.append(self._fields(rows))
            if org.page:
                out.append(f"<h3>Meldcode bij {esc(org.name)}</h3>{markdown_to_html(org.page)}")
            out.append(origin_line(org.origin))
        elif additions.organisations:
            out.append(
                "<p>Er zijn aanvullingen van organisaties geladen. Kies rechtsboven bij <b>Organisatie</b> "
                "(of Ga &gt; Organisatie kiezen) uw eigen organisatie: dan staan haar aandachtsfunctionarissen "
                "en aantekeningen hier, in de intakeweergave en bij het overleg in de wizard.</p>"
            )
        out.append("<h2>Geladen aanvullingen</h2><ul>")
        for pack in additions.packs:
            m = pack.manifest
            places = {"programma": "naast het programma", "profiel": "in uw eigen profiel"}
            where = ", ".join(self.store.municipalities[i].name for i in pack.municipalities) or m.scope.organisation or ""
            out.append(
                f"<li><b>{esc(pack.label)}</b> ({esc(places.get(pack.place, pack.place))}), versie {esc(m.version)}, "
                f"voor {esc(where)}; contactpersoon {esc(m.contact.name)}"
                + (f", {esc(m.contact.email)}" if m.contact.email else "")
                + f'<br><small class="{ORIGIN_CLASS}"><i>{esc(pack.origin)}</i></small></li>'
            )
        out.append("</ul>")
        for title, lines in (("Conflicten", additions.conflicts), ("Niet gebruikt", additions.refused)):
            if lines:
                out.append(f"<h2>{esc(title)}</h2><ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>")
        if additions.pending:
            out.append(
                "<h2>Wacht op uw bevestiging</h2><p>Deze aanvullingen zijn niet ondertekend met een sleutel "
                "die IT vertrouwt, en u koos ze niet te gebruiken. Weet u waar een aanvulling vandaan komt, "
                "dan kunt u hem alsnog gebruiken; zijn gegevens staan dan overal met 'niet ondertekend' erbij.</p><ul>"
            )
            for pack in additions.pending:
                out.append(
                    f"<li>{esc(pack.label)}: {esc(pack.origin)}<br>"
                    f'<a href="aanvulling:{esc(pack.digest)}"><b>Toch gebruiken…</b></a></li>'
                )
            out.append("</ul>")
        return document(ADDITIONS_TITLE, "".join(out))

    def sources_page(self) -> str:
        """The Bronnen page: every registered source, what it is and which items rely on it.

        Addresses are shown as text, never as links: the app does not go online.
        """
        from .registry import KIND_LABELS, source_kind, source_usage

        meta = self.store.meta
        out = [
            f"<h1>{esc(SOURCES_TITLE)}</h1>",
            "<p>Alle bronnen waarop de inhoud van deze app rust. Elke pagina noemt onderaan haar "
            "bronnen met de paragraaf; hier staat per bron wat het is en welke pagina's erop "
            "steunen. Adressen staan er als tekst: de app maakt geen verbinding met internet.</p>",
        ]
        if meta is None:
            return document(SOURCES_TITLE, "".join(out))
        try:
            usage = source_usage(self.store)
        except Exception:  # noqa: BLE001 - a broken wizard or case file: show the handbook's use
            usage = source_usage(self.store, extras=False)
        order = {"regionaal": 0, "project": 1, "landelijk": 2}
        entries = sorted(meta.sources.items(), key=lambda kv: (order.get(source_kind(kv[1]), 9), kv[0]))
        for key, info in entries:
            kind = source_kind(info)
            rows = [("Soort", esc(KIND_LABELS.get(kind, kind)))]
            if info.publisher:
                rows.append(("Uitgever", esc(info.publisher)))
            if info.year:
                rows.append(("Jaar", esc(info.year)))
            if info.url:
                rows.append(("Adres", f"<code>{esc(info.url)}</code>"))
            if info.file:
                rows.append(("Bestand", f"<code>{esc(info.file)}</code>"))
            rows.append(("Sleutel", f"<code>{esc(key)}</code>"))
            used = usage.get(key, {})
            items = used.get("items", [])
            rows.append(
                (
                    f"Pagina's ({len(items)})",
                    " · ".join(link(i, t) for i, t in items) or '<span class="leeg">geen</span>',
                )
            )
            others = [
                (label, used.get(group, []))
                for group, label in (("contacts", "Contacten"), ("wizard", "Wizard"), ("cases", "Oefencasussen"))
            ]
            for label, entries_ in others:
                if entries_:
                    rows.append((f"{label} ({len(entries_)})", esc(" · ".join(t for _, t in entries_))))
            out.append(f"<h2>{esc(info.title)}</h2>" + self._fields(rows))
        return document(SOURCES_TITLE, "".join(out))

    def home(self, region: str | None, municipality_id: str | None, sections: list[str]) -> str:
        meta = self.store.meta
        out = [f"<h1>{esc(meta.title if meta else 'Routekaart')}</h1>"]
        out.append(
            "<p>Een handboek en beslishulp voor professionals die signalen van huiselijk geweld of "
            "kindermishandeling zien, in de regio's Haaglanden en Hollands Midden. De app ondersteunt; "
            "<b>u beslist</b>. De meldcode is geen meldplicht: het is een stappenplan voor uw afweging. "
            f"{esc(self.store.doubt_line)}</p>"
        )
        callees = [c for c in self.store.who_to_call(municipality_id, region) if not c.needs_place]
        if callees:
            out.append("<h2>Direct nodig</h2>")
            # Plain text (no Markdown): the first page is shown before the Markdown pipeline loads.
            rows = []
            for c in callees:
                phone = f"<b>{esc(c.phone)}</b>" if c.phone.strip().lower() != NOT_FILLED else "telefoon niet ingevuld"
                text = " — ".join(x for x in (esc(c.name), phone, esc(c.note)) if x)
                if c.origin:  # a local addition filled it in: say whose (no details here, the home page stays short)
                    from .aanvulling.show import extra_html

                    text += extra_html("", c.origin)
                rows.append((c.label, text))
            out.append(self._fields(rows))
        mun = self.store.municipalities.get(municipality_id or "")
        if mun:
            out.append(f"<p>Uw gemeente: {link(mun.id, mun.name)} (regio {esc(mun.region)}).</p>")
        elif region:
            info = self.store.regions.get(region)
            out.append(f"<p>Uw regio: {link(info.id, info.name) if info else esc(region)}. Kies rechtsboven uw gemeente.</p>")
        else:
            out.append("<p>Kies rechtsboven uw gemeente: dan ziet u wie u daar belt en welke regionale afspraken gelden.</p>")
        out.append(
            '<p><a href="wizard:">Wizard</a>: van uw antwoorden naar mogelijke vervolgstappen, elk met de '
            "reden en de bron, vast te leggen in het dossier. "
            '<a href="intake:">Intakeweergave</a> (Ctrl+I): de rode vlaggen om aan te vinken en wie u '
            "belt, voor tijdens een gesprek. "
            '<a href="trainer:">Trainersmodus</a> (F5): oefencasussen presenteren aan een groep.</p>'
        )
        out.append("<h2>Inhoud</h2><ul>")
        for name in sections:
            out.append(f'<li><a href="section:{esc(name)}">{esc(name)}</a></li>')
        out.append("</ul>")
        if meta:
            out.append(f'<p class="bronnen">Contentversie {esc(meta.version)} van {meta.date.strftime("%d-%m-%Y")}.</p>')
        return document("Start", "".join(out))
