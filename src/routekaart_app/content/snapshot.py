"""A validated snapshot of the bundled content, so the window opens without pydantic or YAML.

`python -m routekaart_app.content.snapshot [MAP]` validates the folder with the one loader and,
only when it is valid, writes `MAP/.snapshot.json`: the store as plain JSON plus a fingerprint of
every content file, and `MAP/.search.sqlite`: the search index of the same content (see
`routekaart_app.search.prebuilt`). At start-up the GUI reads the snapshot when its fingerprint still matches
the files; any edit to the content makes it stale and the app validates the files instead.

The file is two JSON texts on two lines. The first holds everything but the pages' full fields:
the regions, municipalities and meta, and of every page only what the first window shows (its
`HEAD_FIELDS`). The second holds the pages in full; its length and CRC-32 are in the first, so a
damaged or cut-off file is found at start-up as before, but it is parsed only when a page's other
fields are first read (`Record.__getattr__`), or when the window is idle (`ContentStore.read_all`):
four fifths of the snapshot are page texts the first window does not show.

Only the bundled content is read this way (an override folder is always validated in full), and
the snapshot is JSON, never pickle: reading it cannot run code.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .store import EXTRA_FOLDERS, SNAPSHOT_WRITERS, ContentStore

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date as _date

    _make_scanner: Callable[[Any], Callable[[str, int], tuple[Any, int]]] | None
else:
    try:
        # The date class itself, from the C module: `datetime.py` first defines all of itself in
        # Python and then replaces it with this (about 1 ms of every start, for the snapshot's dates).
        from _datetime import date as _date
    except ImportError:  # pragma: no cover - a Python without the C module
        from datetime import date as _date
    try:
        # json's own C scanner, without importing the `json` package, which compiles six regular
        # expressions at import (about 1 ms of every start) for what the snapshot does not need.
        from _json import make_scanner as _make_scanner
    except ImportError:  # pragma: no cover - a Python without the C accelerator
        _make_scanner = None

FILE_NAME = ".snapshot.json"
FORMAT = 3
#: The fields of a page the first window reads (navigation, start page): in the snapshot's first
#: line, so that the rest of every page is parsed only when it is used.
HEAD_FIELDS = ("id", "title", "kind", "order", "number")


def fingerprint(root: Path) -> str:
    """A checksum of every content file the snapshot holds (path and bytes, line endings
    normalised), with the number of files and bytes.

    The extra folders (wizard, practice cases) are left out: they are always read from the files.
    Files are taken in the order of their relative paths' parts, the same on every platform, so a
    snapshot built on one system is current on another. It tells whether the files were edited
    since the snapshot was written, so CRC-32 (zlib: already loaded, a fraction of the
    instructions of BLAKE2 at every start) is enough: a change within four bytes in a row always
    changes it, and so does one that changes a length; any other change leaves it the same with
    a chance of one in four billion. It does not guard against anyone who means harm: who can
    write the content folder can write the snapshot too.
    """
    parts: list[bytes] = []
    for rel, path in sorted(_content_files(str(root))):
        data = _read_bytes(path)
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n")
        parts += ("/".join(rel).encode("utf-8"), b"\0", data, b"\0")
    whole = b"".join(parts)
    return f"crc32:{zlib.crc32(whole):08x}:{len(parts) // 4}:{len(whole)}"


def _read_bytes(path: str) -> bytes:
    """A file's bytes through the bare file descriptor: this runs for every content file at every
    start, and a buffered file object costs about twice as much per small file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            if len(chunk) < 1 << 20:  # a regular file reads short only at its end: no read for b""
                break
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _content_files(top: str, rel: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """(relative path parts, path) of the files under `top`, without hidden files and folders and
    without the extra folders at the top."""
    found: list[tuple[tuple[str, ...], str]] = []
    with os.scandir(top) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts = (*rel, entry.name)
            if entry.is_dir():
                if not (not rel and entry.name in EXTRA_FOLDERS):
                    found.extend(_content_files(entry.path, parts))
            elif entry.is_file():
                found.append((parts, entry.path))
    return found


class Record:
    """A content item read back from a snapshot: the model's fields as attributes.

    A page starts with its `HEAD_FIELDS` only (`_pages` is then set); reading any other of its
    fields reads all pages in full first, so a page always answers as the model would.
    """

    #: The pages still to be read in full, on a page that has only its head fields.
    _pages: _Pages | None = None

    def __init__(self, fields: dict[str, Any], markdown: list[Any]):
        self.__dict__.update(fields)
        self._markdown = markdown

    def __getattr__(self, name: str) -> Any:
        # Only for a name the record does not have (yet).
        pages = self._pages
        if pages is None or name.startswith("__") or not pages.has_field(self, name):
            raise AttributeError(name)
        pages.read()
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(name) from None

    def markdown_fields(self) -> list[str]:
        """The item's Markdown texts, read from the fields the snapshot points at (see `_path`)."""
        if self._pages is not None:
            self._pages.read()
        texts = []
        for entry in self._markdown:
            if isinstance(entry, str):
                texts.append(entry)
                continue
            value: Any = self
            for step in entry:  # a list index, a dict key or a nested record's field
                value = value[step] if isinstance(value, (list, dict)) else getattr(value, str(step))
            texts.append(value)
        return texts

    def __repr__(self) -> str:
        return f"Record({getattr(self, 'kind', '?')}:{getattr(self, 'id', getattr(self, 'title', '?'))})"


# -- writing (needs the validated pydantic store) ------------------------------------------------


def _encode(value: Any) -> Any:
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        out: dict[str, Any] = {"~": type(value).__name__}
        for name in fields:
            out[name] = _encode(getattr(value, name))
        for derived in ("kind", "title", "regions"):  # properties some models compute
            if derived not in out and hasattr(value, derived):
                out[derived] = _encode(getattr(value, derived))
        if hasattr(value, "markdown_fields"):
            out["~md"] = [_path(out, text) for text in value.markdown_fields()]
        return out
    if isinstance(value, _date):
        return {"~date": value.isoformat()}
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    return value


def _path(encoded: Any, text: str, trail: tuple[str | int, ...] = ()) -> str | list[str | int]:
    """Where `text` is among an item's encoded fields (a list of keys and indexes), or the text
    itself when no field holds it: the Markdown texts are the item's own fields, so the snapshot
    points at them instead of holding every text twice (a third of its size, read at every start)."""
    if encoded == text and trail:
        return list(trail)
    if isinstance(encoded, dict):
        pairs = [(k, v) for k, v in encoded.items() if not k.startswith("~")]
    elif isinstance(encoded, list):
        pairs = list(enumerate(encoded))
    else:
        return text
    for key, value in pairs:
        found = _path(value, text, (*trail, key))
        if isinstance(found, list):
            return found
    return text


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dump(store: ContentStore) -> str:
    """The snapshot's text: the first line without the pages' full fields, the second the pages."""
    pages = {k: _encode(v) for k, v in store.pages.items()}
    body = _dumps(pages).encode("utf-8")
    fields: dict[str, list[str]] = {}
    for page in pages.values():
        names = fields.setdefault(page["~"], [])
        names.extend(n for n in page if not n.startswith("~") and n not in names)
    head = {
        "format": FORMAT,
        "fingerprint": fingerprint(store.root),
        "meta": _encode(store.meta),
        "heads": {k: {"~": "Head", "_of": p["~"], **{f: p[f] for f in HEAD_FIELDS if f in p}} for k, p in pages.items()},
        "fields": {k: sorted(v) for k, v in fields.items()},
        "pages": {"bytes": len(body), "crc32": zlib.crc32(body)},
        "regions": {k: _encode(v) for k, v in store.regions.items()},
        "municipalities": {k: _encode(v) for k, v in store.municipalities.items()},
        "section_of": store.section_of,
        "file_of": store.file_of,
    }
    return _dumps(head) + "\n" + body.decode("utf-8")  # (JSON text never holds a raw line break)


def write(root: Path) -> Path:
    """Validate `root` and write its snapshot; raises ValueError when the content has problems."""
    from .loader import load_content

    store = load_content(root)
    problems = [p for p in store.problems if p.path.split("/", 1)[0] not in EXTRA_FOLDERS]
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    target = Path(root) / FILE_NAME
    text = dump(store)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(target)
    for writer in SNAPSHOT_WRITERS:  # the search index of the same content (see store.SNAPSHOT_WRITERS)
        writer(store)
    return target


# -- reading (no pydantic, no YAML) ---------------------------------------------------------------


def _decode(obj: dict[str, Any]) -> Any:
    if "~" in obj:
        markdown = obj.pop("~md", None) or []
        obj.pop("~")
        return Record(obj, markdown)
    if len(obj) == 1 and "~date" in obj:
        return _date.fromisoformat(obj["~date"])
    return obj


class _ScanContext:
    """What json's C scanner reads from a `json.JSONDecoder` (json.loads' defaults, `_decode` as
    the object hook). NaN and Infinity are refused: the snapshot never holds them."""

    strict = True
    object_pairs_hook = None
    parse_float = float
    parse_int = int

    def __init__(self) -> None:
        self.object_hook = _decode

    @staticmethod
    def parse_constant(name: str) -> Any:
        raise ValueError(f"{name} in the snapshot")


def _parse(text: str) -> Any:
    """`json.loads(text, object_hook=_decode)` for the snapshot (one JSON value, nothing after it)."""
    if _make_scanner is None:
        import json

        return json.loads(text, object_hook=_decode)
    try:
        value, end = _make_scanner(_ScanContext())(text, 0)
    except StopIteration:  # no JSON value at the start
        raise ValueError("the snapshot is not JSON") from None
    if text[end:].strip():
        raise ValueError("text after the snapshot's JSON")
    return value


class _Pages:
    """The pages' full fields (the snapshot's second line), checked at start-up and parsed on
    first use; until then every page is a `Record` with its head fields."""

    def __init__(self, body: bytes, heads: dict[str, Record], fields: dict[str, list[str]]):
        self._body: bytes | None = body
        self._heads = heads
        self._fields = {kind: frozenset(names) for kind, names in fields.items()}
        for head in heads.values():
            head._pages = self

    def has_field(self, record: Record, name: str) -> bool:
        return name in self._fields.get(record.__dict__.get("_of", ""), ())

    def read(self) -> None:
        """Parse the pages once and give every head record the rest of its fields."""
        if self._body is None:
            return
        try:
            full = _parse(self._body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # checked at start: not expected
            raise RuntimeError(f"the content snapshot's pages cannot be read: {exc}") from exc
        self._body = None
        for key, head in self._heads.items():
            fields = head.__dict__
            del fields["_pages"], fields["_of"]
            for name, value in full[key].__dict__.items():
                if name == "_markdown" or name not in fields:  # (the head's fields are the same)
                    fields[name] = value


def _load_extras(store: ContentStore) -> None:
    """The extra kinds (not in the snapshot), from their files, on first use."""
    from .loader import load_extras

    load_extras(store)


def load(root: Path) -> ContentStore | None:
    """The store from `root`'s snapshot, or None when there is none or it is stale or unreadable."""
    root = Path(root)
    try:
        raw = _read_bytes(str(root / FILE_NAME))
        cut = raw.find(b"\n")
        data = _parse(raw[:cut].decode("utf-8")) if cut > 0 else None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("fingerprint") != fingerprint(root):
            return None
        body, check = raw[cut + 1 :], data["pages"]
        if len(body) != check["bytes"] or zlib.crc32(body) != check["crc32"]:
            return None  # cut off or damaged: the files are read instead
        heads = data["heads"]  # page records with their head fields and model name `_of` (see Record)
        pages = _Pages(body, heads, data["fields"])
        store = ContentStore(
            root=root,
            meta=data["meta"],
            pages=heads,
            regions=data["regions"],
            municipalities=data["municipalities"],
            section_of=data["section_of"],
            file_of=data["file_of"],
            load_extras=_load_extras,
            read_all=pages.read,
        )
        store.fingerprint = data["fingerprint"]
        return store
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # (RecursionError: a damaged file nested deeper than the scanner goes)


def main(argv: list[str] | None = None) -> int:
    from ..paths import bundled_content_dir

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else bundled_content_dir()
    try:
        target = write(root)
    except ValueError as exc:
        print(f"geen snapshot geschreven; de content heeft problemen:\n{exc}", file=sys.stderr)
        return 1
    print(f"snapshot geschreven: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
