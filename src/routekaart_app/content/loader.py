"""The one loader: reads a content folder, validates every file, never raises.

GUI, CLI, tests and build all load content through `load_content`. A broken file is reported as
a `Problem` (file, line where known, field, what is wrong) and skipped; everything valid loads.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from .models import (
    REGIONS,
    Begrip,
    Meta,
    Page,
    RegionFile,
    internal_links,
)
from .render import too_complex
from .safe_yaml import SafeLoader as _YamlLoader  # libyaml's parser, with a nesting limit
from .store import DEFAULT_KIND, EXTRA_FOLDERS, KIND_PROVIDERS, SECTION_ORDER, SECTIONS, STANDING_LINES, ContentStore, Problem  # noqa: F401

MAX_FILE_BYTES = 2 * 1024 * 1024
#: Longer lines are refused: nobody writes them, and one long word hangs the reader's layout.
MAX_LINE_CHARS = 20_000
META_FILE = "content.yaml"

_PAGE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Page)


# ---------------------------------------------------------------------------------------------
# Reading and parsing


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(rel, None, "", f"bestand is te groot ({size} bytes, hoogstens {MAX_FILE_BYTES})")
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(rel, None, "", f"bestand is niet te lezen ({exc.strerror or exc})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(rel, None, "", f"bestand is geen geldige UTF-8-tekst (byte {exc.start})")
        )
        return None
    if "\x00" in text:
        problems.append(Problem(rel, None, "", "bestand bevat een NUL-teken (geen tekstbestand?)"))
        return None
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > MAX_LINE_CHARS:
                problems.append(
                    Problem(rel, number, "", f"regel is te lang ({len(line)} tekens, hoogstens {MAX_LINE_CHARS})")
                )
                return None
    return text


def _one_line(text: object) -> str:
    """A message on one line (a problem is reported as one `file:line: field: message` line)."""
    return " ".join(str(text).split())


def _parse_yaml(text: str, rel: str, line_offset: int, problems: list[Problem]) -> tuple[Any, Any]:
    """Parse YAML; returns (data, node) or (None, None) after recording a problem."""
    try:
        loader = _YamlLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.append(Problem(rel, line, "", f"ongeldige YAML: {_one_line(exc.problem or exc)}"))
        return None, None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        problems.append(Problem(rel, None, "", f"ongeldige YAML: {_one_line(exc.reason)} (teken {exc.position})"))
        return None, None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
        problems.append(Problem(rel, None, "", f"ongeldige YAML: {_one_line(exc)}"))
        return None, None
    return data, node


def _line_of(node: Any, loc: Iterable[Any], line_offset: int) -> int | None:
    """The line (1-based, in the file) of the value at pydantic location `loc`."""
    if node is None:
        return None
    line = node.start_mark.line
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if getattr(key, "value", None) == str(part):
                    node, line = value, key.start_mark.line
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        else:
            break
    return line + 1 + line_offset


def _field_name(loc: tuple[Any, ...]) -> str:
    # Drop pydantic's union tags (the discriminator value) from the path.
    parts = [str(p) for p in loc]
    return ".".join(parts)


def validation_problems(
    exc: ValidationError, rel: str, node: Any, line_offset: int = 0, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Turn a pydantic error into one Problem per wrong field, with the line where known."""
    found = []
    for err in exc.errors(include_url=False):
        loc = tuple(err.get("loc", ()))
        # For a discriminated union pydantic puts the tag in the path: drop it.
        if loc and isinstance(loc[0], str) and loc[0] in _TAGS:
            loc = loc[1:]
        full = prefix + loc
        message = err.get("msg", "ongeldig")
        if err.get("type") == "missing":
            message = "ontbreekt (verplicht veld)"
        elif err.get("type") == "extra_forbidden":
            message = "onbekend veld (tikfout?)"
        found.append(Problem(rel, _line_of(node, full, line_offset), _field_name(full), message))
    return found


_TAGS = {"begrip", "meldcode_stap", "afwegingsvraag", "rode_vlag", "interventie", "pagina"}


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` front matter from the body: (front matter, body, line of the body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 1
    return None, text, 0


def _load_page(path: Path, rel: str, folder: str, problems: list[Problem], broken_ids: set[str] | None = None) -> Any | None:
    text = _read_text(path, rel, problems)
    if text is None:
        return None
    front, body, _ = split_front_matter(text)
    if front is None:
        problems.append(
            Problem(rel, 1, "", "geen front matter: het bestand moet beginnen met '---', dan YAML, dan '---'")
        )
        return None
    before = len(problems)
    data, node = _parse_yaml(front, rel, 1, problems)
    if data is None and node is None:
        if len(problems) == before:  # empty front matter: no YAML error, but nothing either
            problems.append(Problem(rel, 2, "", "front matter is leeg (id, title, sources en reviewed ontbreken)"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(rel, 2, "", "front matter is geen verzameling 'veld: waarde'"))
        return None
    if "body" in data:
        problems.append(Problem(rel, _line_of(node, ("body",), 1), "body", "'body' is de tekst onder de front matter, geen veld"))
        return None
    data = dict(data)
    data.setdefault("kind", DEFAULT_KIND.get(folder, "pagina"))
    data["body"] = body.strip()
    try:
        return _PAGE_ADAPTER.validate_python(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, rel, node, 1))
        if broken_ids is not None and isinstance(data.get("id"), str):
            broken_ids.add(data["id"])
        return None


def _load_yaml_file(path: Path, rel: str, problems: list[Problem]) -> tuple[Any, Any] | None:
    text = _read_text(path, rel, problems)
    if text is None:
        return None
    data, node = _parse_yaml(text, rel, 0, problems)
    if data is None and node is None:
        if not any(p.path == rel for p in problems):
            problems.append(Problem(rel, None, "", "bestand is leeg"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(rel, 1, "", "verwacht een verzameling 'veld: waarde' bovenaan"))
        return None
    return data, node


# ---------------------------------------------------------------------------------------------
# Extra kinds of content (wizard flow, practice cases) register a loader per folder.

#: folder -> function(path, rel, data, node, problems) -> object or None
ExtraLoader = Callable[[Path, str, dict, Any, list[Problem]], Any]
#: folder -> function(store, objects) -> problems (cross checks after everything loaded)
ExtraCheck = Callable[["ContentStore", list[Any]], list[Problem]]
EXTRA_LOADERS: dict[str, tuple[ExtraLoader, ExtraCheck | None]] = {}


def register_extra(folder: str, loader: ExtraLoader, check: ExtraCheck | None = None) -> None:
    if folder not in EXTRA_FOLDERS:  # the snapshot must know which folders it does not cover
        raise ValueError(f"add '{folder}' to content.store.EXTRA_FOLDERS")
    EXTRA_LOADERS[folder] = (loader, check)


_PROVIDED: list[Callable[[], None]] = []


def _ensure_extras_registered() -> None:
    # The extra kinds are registered by the layer above (store.KIND_PROVIDERS), on first need:
    # their modules import pydantic models and the engine, which the window does not need at start.
    for provider in list(KIND_PROVIDERS):
        if provider not in _PROVIDED:
            _PROVIDED.append(provider)
            provider()


# ---------------------------------------------------------------------------------------------


def _iter_files(root: Path, problems: list[Problem]) -> list[Path]:
    files = []
    try:
        for path in sorted(root.rglob("*")):
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            if path.is_symlink():
                problems.append(Problem(_relative(path, root), None, "", "symbolische koppeling overgeslagen"))
                continue
            if path.is_file():
                files.append(path)
    except OSError as exc:
        problems.append(Problem(root.as_posix(), None, "", f"map is niet te lezen ({exc})"))
    return files


def load_content(root: Path | str) -> ContentStore:
    """Load and validate a content folder. Never raises for bad content."""
    root = Path(root)
    store = ContentStore(root=root)
    problems = store.problems
    if not root.is_dir():
        problems.append(Problem(root.as_posix(), None, "", "contentmap bestaat niet of is geen map"))
        return store
    _ensure_extras_registered()

    meta_path = root / META_FILE
    if not meta_path.is_file():
        problems.append(Problem(META_FILE, None, "", "ontbreekt: elke contentmap heeft een content.yaml"))
    else:
        loaded = _load_yaml_file(meta_path, META_FILE, problems)
        if loaded:
            try:
                store.meta = Meta.model_validate(loaded[0])
            except ValidationError as exc:
                problems.extend(validation_problems(exc, META_FILE, loaded[1]))

    extra_objects: dict[str, list[Any]] = {}
    seen_ids: dict[str, str] = {}

    def claim(item_id: str, rel: str, line: int | None = None) -> bool:
        if item_id in seen_ids:
            problems.append(
                Problem(rel, line, "id", f"id '{item_id}' bestaat al in {seen_ids[item_id]}")
            )
            return False
        seen_ids[item_id] = rel
        return True

    for path in _iter_files(root, problems):
        rel = _relative(path, root)
        parts = rel.split("/")
        folder = parts[0] if len(parts) > 1 else ""
        suffix = path.suffix.lower()
        before = len(problems)
        if rel == META_FILE or (len(parts) == 1 and suffix in (".md", ".txt")):
            continue  # content.yaml, README.md at the top
        if folder in EXTRA_LOADERS and suffix in (".yaml", ".yml"):
            _load_extra_file(path, rel, folder, extra_objects, problems)
        elif folder == "regios" and suffix in (".yaml", ".yml"):
            loaded = _load_yaml_file(path, rel, problems)
            if loaded:
                _add_region_file(store, rel, loaded, claim)
        elif folder in SECTIONS and suffix == ".md":
            page = _load_page(path, rel, folder, problems, store.broken_ids)
            if page is not None and claim(page.id, rel, 2):
                store.pages[page.id] = page
                store.section_of[page.id] = SECTIONS[folder]
                store.file_of[page.id] = rel
        elif suffix in (".md", ".yaml", ".yml") or folder:
            problems.append(
                Problem(rel, None, "", f"onbekende plek voor content (mappen: {', '.join(sorted(set(SECTIONS) | set(EXTRA_LOADERS)))})")
            )
        if len(problems) > before:
            store.skipped.append(rel)

    _check_extras(store, extra_objects)
    problems.extend(_cross_check(store))
    problems.sort(key=lambda p: (p.path, p.line or 0, p.field))
    return store


def _load_extra_file(path: Path, rel: str, folder: str, objects: dict[str, list[Any]], problems: list[Problem]) -> None:
    loaded = _load_yaml_file(path, rel, problems)
    if loaded:
        obj = EXTRA_LOADERS[folder][0](path, rel, loaded[0], loaded[1], problems)
        if obj is not None:
            objects.setdefault(folder, []).append(obj)


def _check_extras(store: ContentStore, objects: dict[str, list[Any]]) -> None:
    for folder, (_, check) in EXTRA_LOADERS.items():
        found = objects.get(folder, [])
        store.extras[folder] = found
        if check is not None:
            store.problems.extend(check(store, found))


def load_extras(store: ContentStore) -> None:
    """Load only the extra kinds (wizard flow, practice cases) into a store from a snapshot."""
    _ensure_extras_registered()
    objects: dict[str, list[Any]] = {}
    for folder in EXTRA_LOADERS:
        base = store.root / folder
        if not base.is_dir():
            continue
        for path in _iter_files(base, store.problems):
            if path.suffix.lower() in (".yaml", ".yml"):
                _load_extra_file(path, _relative(path, store.root), folder, objects, store.problems)
    _check_extras(store, objects)


def _add_region_file(store: ContentStore, rel: str, loaded: tuple[Any, Any], claim) -> None:
    data, node = loaded
    try:
        region_file = RegionFile.model_validate(data)
    except ValidationError as exc:
        store.problems.extend(validation_problems(exc, rel, node))
        return
    info = region_file.region
    if info.name in store.regions:
        where = _line_of(node, ("region", "name"), 0)
        store.problems.append(Problem(rel, where, "region.name", f"regio '{info.name}' staat al in een ander bestand"))
        return
    if not claim(info.id, rel, _line_of(node, ("region", "id"), 0)):
        return
    store.regions[info.name] = info
    store.section_of[info.id] = SECTIONS["regios"]
    store.file_of[info.id] = rel
    subregions = {s.name for s in info.subregions}
    for index, mun in enumerate(region_file.municipalities):
        line = _line_of(node, ("municipalities", index, "id"), 0)
        if mun.region not in (None, info.name):
            message = f"'{mun.region}' wijkt af van de regio van dit bestand ({info.name})"
            store.problems.append(Problem(rel, line, f"municipalities.{index}.region", message))
            continue
        if mun.subregion not in subregions:
            store.problems.append(
                Problem(
                    rel, _line_of(node, ("municipalities", index, "subregion"), 0), f"municipalities.{index}.subregion",
                    f"'{mun.subregion}' is geen subregio van {info.name} ({', '.join(sorted(subregions))})",
                )
            )
            continue
        if claim(mun.id, rel, line):
            store.municipalities[mun.id] = mun.model_copy(update={"region": info.name})
            store.section_of[mun.id] = SECTIONS["regios"]
            store.file_of[mun.id] = rel


def _cross_check(store: ContentStore) -> list[Problem]:
    """Checks across files: links resolve, sources are registered, regions are known."""
    problems: list[Problem] = []
    ids = store.ids() | store.broken_ids  # a link to a skipped page: that page's problem is reported
    known_sources = set(store.meta.sources) if store.meta else None
    today = _dt.date.today()
    for item in store.all_items():
        rel = store.file_of.get(item.id, "?")
        texts = item.markdown_fields()
        for target in [t for text in texts for t in internal_links(text)]:
            if target not in ids:
                problems.append(Problem(rel, None, "body", f"interne link naar onbekend id '{target}' (item {item.id})"))
        for why in filter(None, map(too_complex, texts)):
            problems.append(Problem(rel, None, "body", f"tekst te groot of te diep genest om op te maken: {why} (item {item.id})"))
        for target in getattr(item, "related", []):
            if target not in ids:
                problems.append(Problem(rel, None, "related", f"onbekend id '{target}' (item {item.id})"))
        for ref in _all_sources(item):
            key = ref.split(" ", 1)[0]
            if known_sources is not None and key not in known_sources:
                problems.append(Problem(rel, None, "sources", f"bron '{key}' staat niet in content.yaml > sources (item {item.id})"))
        reviewed = getattr(item, "reviewed", None)
        if reviewed and reviewed > today:
            problems.append(Problem(rel, None, "reviewed", f"datum ligt in de toekomst: {reviewed} (item {item.id})"))
    if store.meta:
        problems.extend(registry_problems(store))
        for contact in store.meta.contacts:
            for ref in contact.sources:
                if ref.split(" ", 1)[0] not in store.meta.sources:
                    message = f"bron '{ref}' staat niet in sources (contact {contact.id})"
                    problems.append(Problem(META_FILE, None, "contacts.sources", message))
        contact_ids = {c.id for c in store.meta.contacts}
        for line in store.meta.standing_lines:
            if line.contact not in contact_ids:
                known = ", ".join(sorted(contact_ids))
                message = f"onbekend contact '{line.contact}' (regel {line.id}; bekend: {known})"
                problems.append(Problem(META_FILE, None, "standing_lines.contact", message))
            for ref in line.sources:
                if ref.split(" ", 1)[0] not in store.meta.sources:
                    message = f"bron '{ref}' staat niet in sources (regel {line.id})"
                    problems.append(Problem(META_FILE, None, "standing_lines.sources", message))
        for needed in STANDING_LINES:
            if needed not in {line.id for line in store.meta.standing_lines}:
                message = f"de regel '{needed}' ontbreekt (de app toont die onder elke uitkomst)"
                problems.append(Problem(META_FILE, None, "standing_lines", message))
    for name in store.regions:
        if name not in REGIONS:  # pragma: no cover - the model already restricts this
            problems.append(Problem("regios", None, "region.name", f"onbekende regio {name}"))
    return problems


_YEAR = re.compile(r"\b(19|20)\d\d\b")


def registry_problems(store: ContentStore) -> list[Problem]:
    """A source that is not one of the bundled documents (no `file`) is a national, public one:
    it names its publisher, its year and its public address, so a reader can find it."""
    problems: list[Problem] = []
    if not store.meta:
        return problems
    try:
        lines = (store.root / META_FILE).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        lines = []

    def line_of(key: str) -> int | None:
        for number, line in enumerate(lines, start=1):
            if line.strip().startswith((f"{key}:", f'"{key}":', f"'{key}':")):
                return number
        return None

    for key, info in store.meta.sources.items():
        if info.file:
            continue
        where = f"sources.{key}"
        if not info.publisher.strip():
            problems.append(Problem(META_FILE, line_of(key), f"{where}.publisher", f"landelijke bron '{key}' zonder uitgever (publisher)"))
        if not _YEAR.search(info.year or ""):
            problems.append(Problem(META_FILE, line_of(key), f"{where}.year", f"landelijke bron '{key}' zonder jaar (year)"))
        if not info.url.strip().lower().startswith(("https://", "http://")):
            problems.append(Problem(META_FILE, line_of(key), f"{where}.url", f"landelijke bron '{key}' zonder openbaar adres (url, https://…)"))
    return problems


def _all_sources(item: Any) -> list[str]:
    refs = list(item.sources)
    if isinstance(item, Begrip):
        refs += [ref for d in item.definitions for ref in d.sources]
    for attr in ("veilig_thuis", "zorg_en_veiligheidshuis", "local_team"):
        service = getattr(item, attr, None)
        if service is not None:
            refs += list(service.sources)
    return refs


def stale_ids(store: ContentStore, today: _dt.date | None = None, months: int = 12) -> list[str]:
    """Items whose `reviewed` date is more than `months` months old."""
    today = today or _dt.date.today()
    year, month = today.year, today.month - months
    while month <= 0:
        month += 12
        year -= 1
    day = min(today.day, 28)
    limit = _dt.date(year, month, day)
    return sorted(item.id for item in store.all_items() if item.reviewed < limit)
