"""Citations a program can check: does the cited section of a seed document say what it is cited for?

Every item of the content names its sources as ``KEY SECTION`` (``003_efaaea29263f0136.txt §5.4``,
``002_6eb6868760bdc796.txt Bijlage 1``, ``001_a3942cdb557214fd.txt Lokale teams``). For a key whose
registry entry (``content.yaml > sources``) names a `file`, this module opens that file in the
sources folder (``../shared/sources`` next to the repository, or `ROUTEKAART_SOURCES`), splits it
into sections and checks each citation:

- it names a section (a bare key of a document is not checkable),
- the section exists,
- the section's text mentions the item's subject: its title, one of its aliases, or one of the
  keywords the item declares in `cites`.

Sections are found by the headings the documents really have: numbered headings (``5.4.``, ``2.2``,
``1 Inleiding``) taken in document order (a numbered list inside a section is not a heading),
``Bijlage 1``/``Bijlage I``, ``Begrippenlijst`` (also "Begrippen- en afkortingenlijst"),
``Voorwoord``, Markdown headings (``## …``), short unnumbered heading lines, paragraph markers
(``1b.``) and the named parts a registry entry declares in `parts` (letters bound with a
document). Text is compared without case, diacritics, hyphens and punctuation; a word of five or
more letters also matches as the start of a longer word (plural, compound).

National sources (no `file`) are only checked for being registered (the loader does that).

Qt-free and not imported at start-up: `python -m routekaart_app.content.citations [MAP]`.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from .store import NOT_FILLED, ContentStore, Problem

SOURCES_ENV = "ROUTEKAART_SOURCES"


def default_sources_dir(content_root: Path | str | None = None) -> Path:
    """`ROUTEKAART_SOURCES`, else ``../shared/sources`` beside the repository of `content_root`."""
    value = os.environ.get(SOURCES_ENV)
    if value:
        return Path(value).expanduser()
    if content_root is None:
        from ..paths import bundled_content_dir

        content_root = bundled_content_dir()
    return Path(content_root).resolve().parent.parent / "shared" / "sources"


# ---------------------------------------------------------------------------------------------
# Normalising text


def fold(text: str) -> str:
    """Lower case without diacritics (é -> e, ï -> i)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


_NON_WORD = re.compile(r"[^0-9a-z]+")
_BROKEN_WORD = re.compile(r"(?<=[a-z])-[ \t]*\r?\n[ \t]*(?=[a-z])")


def words(text: str) -> str:
    """Folded text as words separated by single spaces (hyphens and punctuation are spaces)."""
    return _NON_WORD.sub(" ", fold(text).replace("\u00ad", "")).strip()


def _variants(text: str) -> tuple[str, ...]:
    folded = fold(text).replace("\u00ad", "")
    joined = _BROKEN_WORD.sub("", folded)  # "maatschappe-\nlijke" -> "maatschappelijke"
    return tuple(" " + _NON_WORD.sub(" ", t).strip() + " " for t in {joined, folded})


def _term_pattern(term: str) -> re.Pattern[str] | None:
    norm = words(term)
    if not norm:
        return None
    last = norm.rsplit(" ", 1)[-1]
    # A long last word may be the start of a longer one (veiligheidsplan -> veiligheidsplannen);
    # a short one (AF, ICM, VT) must be a whole word.
    tail = "" if len(last) >= 5 and not last.isdigit() else r"(?![0-9a-z])"
    return re.compile(r"(?<![0-9a-z])" + re.escape(norm) + tail)


def mentions(text: str, terms: Iterable[str]) -> bool:
    """Whether `text` mentions any of `terms` (see the module docstring for what counts)."""
    variants = _variants(text)
    for term in terms:
        pattern = _term_pattern(term)
        if pattern is not None and any(pattern.search(v) for v in variants):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Splitting a document into sections


class Heading(NamedTuple):
    kind: str  # part, named, num (a numbered heading in sequence), numform, marker, plain
    number: str  # "5.4" for numbered headings, "1b" for markers, "1"/"I" for Bijlagen, else ""
    title: str  # the heading text without its number
    line: int  # index into the document's lines
    level: int


_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?[\s\u2003]+(\(?[^\W\d_].*?)\s*$")
_MARKER = re.compile(r"^\s*(\d{1,2}[a-z])\.\s+\S")
_BIJLAGE = re.compile(r"^\s*Bijlage\s+(\d+|[IVXLC]+)\b[.:]?\s*(.*?)\s*$", re.I)
_NAMED = ("voorwoord", "samenvatting", "inhoudsopgave")
_GLOSSARY = re.compile(r"^(begrippen|afkortingen)\b.*lijst$|^begrippenlijst$|^afkortingenlijst$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
_END_OF_SENTENCE = (".", ":", ";", "!", "?")


def _heading_form(title: str) -> bool:
    """A short line that reads like a title, not like a sentence."""
    return (
        0 < len(title) <= 70
        and "," not in title
        and not title.endswith((".", ",", ";", ":"))
        and len(title.split()) <= 10
    )


def _plain_heading(line: str, previous: str) -> bool:
    text = line.strip()
    if not (2 <= len(text) <= 60) or not text[0].isalpha() or not text[0].isupper():
        return False
    if any(ch in text for ch in ",;•") or text.endswith((*_END_OF_SENTENCE, "-", ")")):
        return False
    if len(text.split()) > 8:
        return False
    before = previous.strip()
    return not before or before.endswith(_END_OF_SENTENCE)


def _successor(current: tuple[int, ...], candidate: tuple[int, ...]) -> bool:
    if candidate == current + (1,):
        return True
    return any(candidate == current[: depth - 1] + (current[depth - 1] + 1,) for depth in range(1, len(current) + 1))


class SourceDocument:
    """One source file, split into headings; `section(label)` finds the text of a section."""

    def __init__(self, name: str, text: str, parts: dict[str, str] | None = None, markdown: bool = False):
        self.name = name
        self.lines = text.splitlines()
        self.parts = dict(parts or {})
        self.headings: list[Heading] = []
        self.missing_parts: list[str] = []
        if markdown:
            self._scan_markdown()
        else:
            self._scan()
        self._find_parts()
        self.headings.sort(key=lambda h: (h.line, h.level))

    @classmethod
    def open(cls, path: Path, parts: dict[str, str] | None = None) -> SourceDocument:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        return cls(path.name, text, parts, markdown=path.suffix.lower() == ".md")

    # -- scanning --------------------------------------------------------------------------------
    def _scan_markdown(self) -> None:
        for index, line in enumerate(self.lines):
            match = _MD_HEADING.match(line)
            if match:
                self.headings.append(Heading("plain", "", match.group(2), index, len(match.group(1))))

    def _scan(self) -> None:
        current: tuple[int, ...] = (0,)
        previous = ""
        for index, line in enumerate(self.lines):
            text = line.strip()
            bijlage = _BIJLAGE.match(line)
            numbered = _NUMBERED.match(line)
            marker = _MARKER.match(line)
            if bijlage and len(text) <= 80:
                self.headings.append(Heading("named", bijlage.group(1).upper(), bijlage.group(2), index, 1))
            elif _GLOSSARY.match(words(text)) or words(text) in _NAMED:
                self.headings.append(Heading("named", "", text, index, 1))
            elif numbered and _heading_form(numbered.group(2)):
                number = tuple(int(n) for n in numbered.group(1).split("."))
                kind = "num" if _successor(current, number) else "numform"
                if kind == "num":
                    current = number
                self.headings.append(Heading(kind, numbered.group(1), numbered.group(2), index, len(number)))
            elif marker:
                self.headings.append(Heading("marker", marker.group(1), text, index, 2))
            elif _plain_heading(line, previous):
                self.headings.append(Heading("plain", "", text, index, 9))
            if text:
                previous = line
            else:
                previous = ""

    def _find_parts(self) -> None:
        for label, opening in self.parts.items():
            wanted = words(opening)
            for index, line in enumerate(self.lines):
                if wanted and words(line).startswith(wanted):
                    self.headings.append(Heading("part", "", label, index, 0))
                    break
            else:
                self.missing_parts.append(label)

    # -- sections ----------------------------------------------------------------------------
    def _end(self, start: int, own: Heading) -> int:
        """The line where the section under heading number `start` ends."""
        structural = {"part", "named", "num"}
        for heading in self.headings[start + 1 :]:
            if heading.kind == "part":
                return heading.line
            if own.kind == "part":
                if heading.kind in ("named",) or (heading.kind == "num" and heading.level == 1):
                    return heading.line
                continue
            if own.kind in ("named", "num"):
                if heading.kind in structural and heading.level <= own.level:
                    return heading.line
                continue
            if own.kind in ("numform", "marker"):
                if heading.kind in structural | {"numform", "marker"} and heading.level <= own.level:
                    return heading.line
                continue
            if own.level < 9 and heading.level > own.level:
                continue  # a Markdown heading ends at the next one of its level or higher
            return heading.line  # a plain heading line ends at the next heading of any kind
        return len(self.lines)

    def _text(self, position: int) -> tuple[int, str]:
        heading = self.headings[position]
        end = self._end(position, heading)
        return heading.line + 1, "\n".join(self.lines[heading.line : end])

    def labels(self) -> list[str]:
        """The section labels a citation can use (for messages)."""
        out = []
        for h in self.headings:
            if h.kind == "num":
                out.append(f"§{h.number}")
            elif h.kind == "named" and h.number:
                out.append(f"Bijlage {h.number}")
            elif h.kind in ("named", "part"):
                out.append(h.title)
        return out

    def section(self, label: str) -> tuple[int, str] | None:
        """(first line, text) of the section `label` names, or None when there is none."""
        label = label.strip()
        para = re.fullmatch(r"§\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?", label)
        if para:
            for pos, h in enumerate(self.headings):
                if h.kind == "num" and h.number == para.group(1):
                    return self._text(pos)
            return None
        bijlage = re.fullmatch(r"Bijlage\s+(\d+|[IVXLCivxlc]+)", label, re.I)
        if bijlage:
            for pos, h in enumerate(self.headings):
                if h.kind == "named" and h.number == bijlage.group(1).upper():
                    return self._text(pos)
            return None
        wanted = words(label)
        if not wanted:
            return None
        glossary = bool(_GLOSSARY.match(wanted))
        tiers: list[list[int]] = [[], [], [], []]
        for pos, h in enumerate(self.headings):
            title = words(h.title)
            if h.kind == "part" and title == wanted:
                tiers[0].append(pos)
            elif glossary and _GLOSSARY.match(title):
                tiers[1].append(pos)
            elif glossary and h.kind == "named" and "begrippenlijst" in title:
                tiers[1].append(pos)
            elif title == wanted or (h.number and words(h.number) == wanted):
                tiers[1].append(pos)
            elif title.startswith(wanted + " "):
                tiers[2].append(pos)
            elif f" {wanted} " in f" {title} ":
                tiers[3].append(pos)
        for tier in tiers:
            if tier:
                return self._text(tier[0])
        return None


# ---------------------------------------------------------------------------------------------
# Collecting the citations of a content set


class Citation(NamedTuple):
    path: str  # the content file (relative)
    line: int | None
    field: str
    ref: str  # the full reference, "KEY SECTION"
    subject: tuple[str, ...]  # what the cited section must mention (one of)
    owner: str  # the id of the item (or flow entry, case, contact) that cites


def split_ref(ref: str) -> tuple[str, str]:
    """(key, section) of a reference; a trailing note in parentheses is not part of the section."""
    key, _, rest = ref.strip().partition(" ")
    rest = re.sub(r"\s*\([^)]*\)\s*$", "", rest.strip())
    return key, rest


class _Lines:
    """Finds the line of a reference in a content file, after the lines that anchor its owner."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, list[str]] = {}

    def find(self, rel: str, anchors: Iterable[str], ref: str) -> int | None:
        lines = self.cache.get(rel)
        if lines is None:
            try:
                lines = (self.root / rel).read_text(encoding="utf-8-sig").splitlines()
            except OSError:
                lines = []
            self.cache[rel] = lines
        position = 0
        anchor_line = None
        for anchor in anchors:
            for index in range(position, len(lines)):
                if anchor in lines[index]:
                    position, anchor_line = index, index + 1
                    break
        whole = re.compile(r"(?:^|[\s\[,\"'])" + re.escape(ref) + r"(?=\s*(?:$|[,\]\"'#]))")
        for index in range(position, len(lines)):
            if whole.search(lines[index]):
                return index + 1
        for index, line in enumerate(lines):  # before the anchor (an unusual order of fields)
            if whole.search(line):
                return index + 1
        return anchor_line


def _terms(*groups: Iterable[Any]) -> tuple[str, ...]:
    seen: list[str] = []
    for group in groups:
        for term in group or ():
            if isinstance(term, str) and term.strip() and term.strip().lower() != NOT_FILLED and term not in seen:
                seen.append(term)
    return tuple(seen)


#: What a regional service is, whatever its own name: a section about it names the kind.
_SERVICE_TERMS = {
    "veilig_thuis": ["Veilig Thuis"],
    "zorg_en_veiligheidshuis": ["Zorg- en Veiligheidshuis"],
    "local_team": ["lokaal team", "lokale teams", "lokale (wijk)teams"],
}


def _item_terms(item: Any) -> tuple[str, ...]:
    """Title (or name), aliases and `cites`; a municipality also by its subregion (its main fact)."""
    title = getattr(item, "title", "") or getattr(item, "name", "")
    extra = [item.subregion] if getattr(item, "kind", "") == "gemeente" else []
    return _terms([title, getattr(item, "name", "")], getattr(item, "aliases", []), getattr(item, "cites", []), extra)


def collect_citations(store: ContentStore) -> list[Citation]:
    """Every source reference in the content, with where it stands and what it must support."""
    lines = _Lines(store.root)
    out: list[Citation] = []

    def add(rel: str, anchors: list[str], field: str, refs: Iterable[str], subject: tuple[str, ...], owner: str) -> None:
        for ref in refs:
            out.append(Citation(rel, lines.find(rel, anchors, ref), field, ref, subject, owner))

    for item in store.all_items():
        rel = store.file_of.get(item.id, "?")
        anchor = [f"id: {item.id}"] if item.kind in ("gemeente", "regio") else []
        subject = _item_terms(item)
        add(rel, anchor + ["sources"], "sources", item.sources, subject, item.id)
        for definition in getattr(item, "definitions", []):
            own = _terms(subject, getattr(definition, "cites", []))
            add(rel, [f"region: {definition.region}"], f"definitions ({definition.region}).sources", definition.sources, own, item.id)
        for attr in ("veilig_thuis", "zorg_en_veiligheidshuis", "local_team"):
            service = getattr(item, attr, None)
            if service is None:
                continue
            own = _terms([service.name], getattr(service, "cites", []), _SERVICE_TERMS[attr], subject)
            add(rel, anchor + [f"{attr}:"], f"{attr}.sources", service.sources, own, item.id)
    meta = store.meta
    if meta is not None:
        for contact in meta.contacts:
            subject = _terms([contact.name], getattr(contact, "cites", []))
            add("content.yaml", [f"id: {contact.id}"], "contacts.sources", contact.sources, subject, contact.id)
        names = {c.id: c.name for c in meta.contacts}
        for line in getattr(meta, "standing_lines", []):
            subject = _terms([names.get(line.contact, "")], getattr(line, "cites", []))
            add("content.yaml", [f"id: {line.id}"], "standing_lines.sources", line.sources, subject, line.id)
    out.extend(_extra_citations(store, lines))
    return out


def _see_terms(store: ContentStore, ids: Iterable[str]) -> list[str]:
    terms: list[str] = []
    for target in ids:
        item = store.item(target)
        if item is not None:
            terms.extend(_item_terms(item))
    return terms


def _extra_citations(store: ContentStore, lines: _Lines) -> list[Citation]:
    """The wizard flow's questions, recommendations and rules, and the practice cases."""
    out: list[Citation] = []
    extras = store.extras
    for flow in extras.get("wizard") or []:
        rel = getattr(flow, "path", "wizard/flow.yaml")
        recommendations = getattr(flow, "recommendations", {}) or {}
        entries: list[tuple[str, Any, tuple[str, ...]]] = []
        for compiled in (getattr(flow, "questions", {}) or {}).values():
            question = getattr(compiled, "question", compiled)
            entries.append(("questions", question, _terms(getattr(question, "cites", []), _see_terms(store, question.see))))
        for rec in recommendations.values():
            entries.append(("recommendations", rec, _terms([rec.title], getattr(rec, "cites", []), _see_terms(store, rec.see))))
        for compiled in getattr(flow, "rules", []) or []:
            rule = getattr(compiled, "rule", compiled)
            target = recommendations.get(rule.recommend)
            # A rule is about what it recommends: that recommendation's title and the pages it links.
            titles = [target.title, *_see_terms(store, target.see)] if target is not None else []
            entries.append(("rules", rule, _terms(titles, getattr(rule, "cites", []), _see_terms(store, rule.see))))
        for group, entry, subject in entries:
            for ref in entry.sources:
                line = lines.find(rel, [f"id: {entry.id}"], ref)
                out.append(Citation(rel, line, f"{group} ({entry.id}).sources", ref, subject, entry.id))
    for case in extras.get("oefencasussen") or []:
        subject = _terms([case.title], getattr(case, "cites", []), _see_terms(store, case.see))
        for ref in case.sources:
            out.append(Citation(case.path, lines.find(case.path, ["sources"], ref), "sources", ref, subject, case.id))
    return out


# ---------------------------------------------------------------------------------------------
# Checking


class SourceLibrary:
    """The seed documents of a registry, opened once from `folder`."""

    def __init__(self, store: ContentStore, folder: Path):
        self.folder = Path(folder)
        self.registry = dict(store.meta.sources) if store.meta else {}
        self.docs: dict[str, SourceDocument | None] = {}

    def document(self, key: str) -> SourceDocument | None:
        if key not in self.docs:
            info = self.registry.get(key)
            path = self.folder / info.file if info is not None and info.file else None
            self.docs[key] = (
                SourceDocument.open(path, getattr(info, "parts", None)) if path is not None and path.is_file() else None
            )
        return self.docs[key]


def _or_list(terms: tuple[str, ...]) -> str:
    shown = [fold(t) for t in terms[:6]]
    if len(terms) > 6:
        shown.append("…")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def check_citations(
    store: ContentStore, sources_dir: Path | str | None = None, exclude: Iterable[str] = ()
) -> list[Problem]:
    """Problems with the citations of seed documents (`file:line: field: what`).

    `exclude`: content paths (or folders ending in '/') to leave out.
    """
    folder = Path(sources_dir) if sources_dir is not None else default_sources_dir(store.root)
    library = SourceLibrary(store, folder)
    skip = tuple(exclude)
    problems: list[Problem] = []
    for key, entry in library.registry.items():
        if entry.file and not (folder / entry.file).is_file():
            problems.append(Problem("content.yaml", None, f"sources.{key}.file", f"bestand '{entry.file}' staat niet in {folder}"))
        doc = library.document(key) if entry.file else None
        for label in doc.missing_parts if doc else []:
            problems.append(Problem("content.yaml", None, f"sources.{key}.parts", f"het begin van '{label}' staat niet in {entry.file}"))
    for cite in collect_citations(store):
        if skip and any(cite.path == s or (s.endswith("/") and cite.path.startswith(s)) for s in skip):
            continue
        key, section = split_ref(cite.ref)
        info = library.registry.get(key)
        if info is None or not info.file:
            continue  # unregistered keys are the loader's problem; national sources are not checked here
        doc = library.document(key)
        if doc is None:
            continue  # reported once above
        shown = f'"{key} {section}"' if section else f'"{key}"'
        if not section:
            problems.append(
                Problem(
                    cite.path, cite.line, cite.field,
                    f"{shown} noemt geen paragraaf (bijv. §4.2, Begrippenlijst, Bijlage 1) (item {cite.owner})",
                )
            )
            continue
        found = doc.section(section)
        if found is None:
            problems.append(
                Problem(
                    cite.path, cite.line, cite.field, f"{shown}: paragraaf '{section}' bestaat niet in {info.file} (item {cite.owner})"
                )
            )
            continue
        if not cite.subject:
            continue
        _, text = found
        if not mentions(text, cite.subject):
            message = f"{shown} does not mention {_or_list(cite.subject)} (item {cite.owner})"
            problems.append(Problem(cite.path, cite.line, cite.field, message))
    problems.sort(key=lambda p: (p.path, p.line or 0, p.field, p.message))
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python -m routekaart_app.content.citations [MAP] [--sources MAP]`: print the problems."""
    import argparse

    from ..paths import bundled_content_dir
    from .loader import load_content

    parser = argparse.ArgumentParser(prog="python -m routekaart_app.content.citations")
    parser.add_argument("content", nargs="?", default=None)
    parser.add_argument("--sources", default=None)
    args = parser.parse_args(argv)
    root = Path(args.content) if args.content else bundled_content_dir()
    store = load_content(root)
    folder = Path(args.sources) if args.sources else default_sources_dir(root)
    if not folder.is_dir():
        print(f"geen bronnenmap: {folder}", file=sys.stderr)
        return 2
    problems = check_citations(store, folder)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} probleem/problemen met bronverwijzingen", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
