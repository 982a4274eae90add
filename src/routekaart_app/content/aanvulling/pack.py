"""One pack: read safely, parsed, checked against its scope and the bundled content, verified.

`check_pack` lists every problem (`routekaart aanvulling validate`); `open_pack` is what the app
uses: the first problem as one line (`PackError`), nothing half-loaded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..store import NOT_FILLED, Problem
from .models import MANIFEST, SIGNATURE, Manifest
from .reading import PackError, decode_text, pack_label, read_pack

_NATIONAL = (
    "de landelijke nummers (alarmnummer, Veilig Thuis, Centrum Seksueel Geweld, politie) staan vast in de "
    "meegeleverde content; een aanvulling mag ze niet wijzigen"
)
_DEFINITION = "een aanvulling mag geen begrip of definitie wijzigen (alleen invullen of toevoegen)"
_MELDCODE = "een aanvulling mag geen stap of afwegingsvraag van de meldcode wijzigen"
_WIZARD = "een aanvulling mag geen vraag of regel van de wizard wijzigen"
_BASE = "een aanvulling mag de meegeleverde content niet vervangen (alleen invullen of toevoegen)"

#: Keys that would change the bundled content, and why they are out of an aanvulling's scope.
FORBIDDEN_TOP: dict[str, str] = {
    **{k: _NATIONAL for k in ("contacts", "veilig_thuis", "alarmnummer", "csg", "politie", "standing_lines", "national")},
    **{k: _DEFINITION for k in ("definitions", "begrippen", "begrip", "pages")},
    **{k: _MELDCODE for k in ("meldcode", "meldcode_stap", "stappen", "afwegingsvragen")},
    **{k: _WIZARD for k in ("wizard", "rules", "questions", "recommendations", "prefill", "flow")},
    **{k: _BASE for k in ("regions", "regios", "sources", "synonyms")},
}
FORBIDDEN_MUNICIPALITY: dict[str, str] = {
    "veilig_thuis": _NATIONAL,
    "zorg_en_veiligheidshuis": "het regionale Zorg- en Veiligheidshuis ligt vast; vul de lokale "
    "Zorg- en Veiligheidskamer in (zorg_en_veiligheidskamer)",
    **{k: "de naam, regio en indeling van een gemeente liggen vast" for k in ("id", "name", "region", "subregion", "aliases")},
    "notes": "de bijzonderheden uit de meegeleverde content blijven staan; zet eigen tekst in een pagina (page)",
    "sources": _BASE,
}
#: Folders of the bundled content: a pack holding them tries to replace content.
FORBIDDEN_FOLDERS: dict[str, str] = {
    "begrippen": _DEFINITION,
    "meldcode": _MELDCODE,
    "wizard": _WIZARD,
    **{k: _BASE for k in ("rode_vlaggen", "routekaart", "interventies", "achtergrond", "regios", "oefencasussen")},
}


#: What `routekaart aanvulling new` writes where the maker still has to fill something in.
PLACEHOLDER = "VUL IN"


class Pack:
    """A checked pack, held in memory."""

    def __init__(self, label: str, source: Path | None, files: dict[str, bytes], manifest: Manifest,
                 municipalities: dict[str, Any], pages: dict[str, str], verdict: Any):
        self.label = label
        self.source = source
        self.files = files
        self.manifest = manifest
        #: municipality id -> MunicipalityAddition (keys resolved from ids or names).
        self.municipalities = municipalities
        #: page path -> Markdown text.
        self.pages = pages
        self.verdict = verdict  # signing.Verdict, or None before verification
        #: Where the pack was found: "programma" (next to the program) or "profiel" (the user's).
        self.place = ""

    @property
    def digest(self) -> str:
        """What the user confirmed ("load this unsigned pack"): the SHA-256 over all its files."""
        h = hashlib.sha256()
        for rel, data in sorted(self.files.items()):
            h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        return h.hexdigest()

    @property
    def trusted(self) -> bool:
        return bool(self.verdict is not None and self.verdict.trusted)

    @property
    def origin(self) -> str:
        """"aanvulling van <publisher>, <date>" (", niet ondertekend" unless trusted)."""
        m = self.manifest
        text = f"aanvulling van {m.publisher}, {m.date.day}-{m.date.month}-{m.date.year}"
        if not self.trusted:
            text += ", niet ondertekend"
        if m.example:
            text += ", VOORBEELD"
        return text

    def __repr__(self) -> str:
        return f"Pack({self.manifest.id!r}, {self.label!r})"


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _digits(text: str) -> str:
    return "".join(ch for ch in str(text) if ch.isdigit())


def _filled(value: Any) -> bool:
    return bool(value) and _fold(value) != NOT_FILLED


def check_pack(files: dict[str, bytes], label: str, store: Any, source: Path | None = None) -> tuple[Pack | None, list[Problem]]:
    """Parse and check a pack's files against the bundled content. Never raises."""
    from pydantic import ValidationError

    from ..loader import _line_of, _parse_yaml, validation_problems

    problems: list[Problem] = []
    where = f"{label}/{MANIFEST}"
    if MANIFEST not in files:
        return None, [Problem(label, None, "", f"{MANIFEST} ontbreekt (elke aanvulling begint met dat bestand)")]
    for rel in files:
        top = rel.split("/", 1)[0]
        if top in FORBIDDEN_FOLDERS and "/" in rel:
            problems.append(Problem(f"{label}/{rel}", None, "", f"buiten het bereik van een aanvulling: {FORBIDDEN_FOLDERS[top]}"))
        elif rel == "content.yaml":
            problems.append(Problem(f"{label}/{rel}", None, "", f"buiten het bereik van een aanvulling: {_NATIONAL}"))
    try:
        text = decode_text(MANIFEST, files[MANIFEST])
    except PackError as exc:
        return None, problems + [Problem(label, None, "", str(exc))]
    data, node = _parse_yaml(text, where, 0, problems)
    if data is None and node is None:
        if not problems:
            problems.append(Problem(where, None, "", "bestand is leeg"))
        return None, problems
    if not isinstance(data, dict):
        return None, problems + [Problem(where, 1, "", "verwacht een verzameling 'veld: waarde' bovenaan")]
    problems.extend(_duplicate_keys(node, where))
    for number, text_line in enumerate(text.splitlines(), start=1):
        if PLACEHOLDER in text_line and not text_line.lstrip().startswith("#"):
            problems.append(Problem(where, number, "", f"nog niet ingevuld ('{PLACEHOLDER}' staat er nog)"))
    data = dict(data)
    for key in list(data):
        if key in FORBIDDEN_TOP:
            why = f"buiten het bereik van een aanvulling: {FORBIDDEN_TOP[key]}"
            problems.append(Problem(where, _line_of(node, (key,), 0), str(key), why))
            del data[key]
    muns = data.get("municipalities")
    if isinstance(muns, dict):
        muns = {k: dict(v) if isinstance(v, dict) else v for k, v in muns.items()}
        for name, entry in muns.items():
            if not isinstance(entry, dict):
                continue
            for key in list(entry):
                if key in FORBIDDEN_MUNICIPALITY:
                    problems.append(Problem(where, _line_of(node, ("municipalities", name, key), 0),
                                            f"municipalities.{name}.{key}",
                                            f"buiten het bereik van een aanvulling: {FORBIDDEN_MUNICIPALITY[key]}"))
                    del entry[key]
        data["municipalities"] = muns
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, where, node))
        return None, problems
    line = lambda *loc: _line_of(node, loc, 0)  # noqa: E731

    # Scope: which municipalities (or organisation) the pack is about.
    scope_ids: dict[str, str] = {}
    for index, name in enumerate(manifest.scope.municipalities):
        mun = store.municipality_by_name(name)
        if mun is None:
            problems.append(Problem(where, line("scope", "municipalities", index), f"scope.municipalities.{index}",
                                    f"onbekende gemeente '{name}' (niet in de meegeleverde content)"))
        else:
            scope_ids[mun.id] = name
    resolved: dict[str, Any] = {}
    for name, addition in manifest.municipalities.items():
        field = f"municipalities.{name}"
        mun = store.municipality_by_name(name)
        if mun is None:
            problems.append(Problem(where, line("municipalities", name), field, f"onbekende gemeente '{name}'"))
            continue
        if mun.id not in scope_ids:
            problems.append(Problem(where, line("municipalities", name), field,
                                    "buiten het bereik van deze aanvulling: de gemeente staat niet in scope.municipalities"))
            continue
        if mun.id in resolved:
            why = f"dezelfde gemeente als een eerdere ({mun.name}) staat twee keer in de aanvulling"
            problems.append(Problem(where, line("municipalities", name), field, why))
            continue
        problems.extend(_fill_problems(store, mun, addition, where, field, line, name))
        resolved[mun.id] = addition
    if manifest.organisation is not None and not manifest.scope.organisation:
        problems.append(Problem(where, line("organisation"), "organisation",
                                "buiten het bereik van deze aanvulling: noem de organisatie in scope.organisation"))
    if manifest.scope.organisation and manifest.organisation is None:
        why = "ontbreekt: wat vult de aanvulling in voor deze organisatie?"
        problems.append(Problem(where, line("scope", "organisation"), "organisation", why))
    if manifest.organisation is not None:
        names = [_fold(a.name) for a in manifest.organisation.aandachtsfunctionarissen]
        for index, folded in enumerate(names):
            if folded in names[:index]:
                problems.append(Problem(where, line("organisation", "aandachtsfunctionarissen", index),
                                        f"organisation.aandachtsfunctionarissen.{index}.name", "staat twee keer in de lijst"))

    # Pages: every Markdown file is named once, every named page exists and is plain text.
    wanted: dict[str, tuple[str, ...]] = {}
    for name, addition in manifest.municipalities.items():
        if addition.page:
            wanted[addition.page] = ("municipalities", name, "page")
    if manifest.organisation is not None and manifest.organisation.page:
        wanted[manifest.organisation.page] = ("organisation", "page")
    pages: dict[str, str] = {}
    from ..sanitize import too_complex

    for rel, loc in wanted.items():
        if rel not in files:
            problems.append(Problem(where, line(*loc), ".".join(loc), f"pagina '{rel}' staat niet in de aanvulling"))
            continue
        try:
            page = decode_text(rel, files[rel])
        except PackError as exc:
            problems.append(Problem(f"{label}/{rel}", None, "", str(exc).split(": ", 1)[-1]))
            continue
        why = too_complex(page)
        if why:
            problems.append(Problem(f"{label}/{rel}", None, "", f"tekst te groot of te diep genest: {why}"))
            continue
        if PLACEHOLDER in page:
            problems.append(Problem(f"{label}/{rel}", None, "", f"nog niet ingevuld ('{PLACEHOLDER}' staat er nog)"))
            continue
        pages[rel] = page
    for rel in sorted(files):
        if rel in (MANIFEST, SIGNATURE) or rel in wanted or rel.split("/", 1)[0] in FORBIDDEN_FOLDERS or rel == "content.yaml":
            continue
        problems.append(Problem(f"{label}/{rel}", None, "", "bestand wordt nergens in aanvulling.yaml genoemd (page)"))
    if problems:
        return None, problems
    return Pack(label, source, files, manifest, resolved, pages, None), []


def _fill_problems(store: Any, mun: Any, addition: Any, where: str, field: str, line: Any, name: str) -> list[Problem]:
    """An aanvulling may fill a field the bundled content leaves open, never change a filled one."""
    found: list[Problem] = []

    def compare(attr: str, sub: str, base: Any, new: Any, same: Any) -> None:
        if new is None or not _filled(base) or same(base) == same(new):
            return
        found.append(Problem(where, line("municipalities", name, attr, sub), f"{field}.{attr}.{sub}",
                             f"wijzigt '{base}' uit de meegeleverde content; een aanvulling mag alleen "
                             f"velden invullen die '{NOT_FILLED}' zijn"))

    if addition.local_team is not None:
        base = mun.local_team
        compare("local_team", "name", base.name, addition.local_team.name, _fold)
        compare("local_team", "phone", base.phone, addition.local_team.phone, _digits)
    if addition.zorg_en_veiligheidskamer is not None:
        base = store.callee("zorg_en_veiligheidshuis", mun.id)
        if base is not None:
            compare("zorg_en_veiligheidskamer", "phone", base.phone, addition.zorg_en_veiligheidskamer.phone, _digits)
    return found


def _duplicate_keys(node: Any, where: str) -> list[Problem]:
    """A key written twice in one mapping (YAML would silently keep the last)."""
    import yaml

    found: list[Problem] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                text = str(getattr(key, "value", ""))
                if text in seen:
                    found.append(Problem(where, key.start_mark.line + 1, text, "staat twee keer in hetzelfde blok (dubbel id)"))
                seen.add(text)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return found


def first_line(problems: list[Problem]) -> str:
    more = f" (en nog {len(problems) - 1}; zie 'routekaart aanvulling validate')" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


def open_pack(path: Path, store: Any, trusted: dict[bytes, str]) -> Pack:
    """Read, check and verify the pack at `path`; PackError (one line) when it cannot be used."""
    from . import signing

    label = pack_label(path)
    try:
        files = read_pack(path)
    except PackError as exc:
        raise PackError(f"{label}: {exc}") from None
    try:
        verdict = signing.verify(files, trusted)
    except PackError as exc:
        raise PackError(f"{label}: geweigerd: {exc}") from None
    pack, problems = check_pack(files, label, store, path)
    if pack is None:
        raise PackError(first_line(problems))
    pack.verdict = verdict
    return pack
