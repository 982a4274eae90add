"""The prebuilt search index: an SQLite image written with the content snapshot, opened read-only.

`python -m routekaart_app.content.snapshot [MAP]` writes `MAP/.search.sqlite` next to
`MAP/.snapshot.json` (and build/build.py does the same for the bundle's own copy of the content).
On the first search the app opens that file read-only and memory-mapped (`mode=ro&immutable=1`,
so SQLite writes no journal, lock or anything else) instead of indexing every item again.

The image is used only when its key matches the content in the window. The key is a hash of:
the index schema (`SCHEMA`), the content fingerprint (every content file's path and bytes, the
same hash the snapshot uses) and every item's id and title as the store holds them. A content
edit, an override folder with other files, an added or renamed item (a later aanvulling) or a
newer index schema each give another key, and the app builds the index in memory instead. An
image SQLite cannot read (missing tables, a corrupt file) is also left alone; corruption that
only shows during a query makes that query fall back to an index built in memory.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from . import SCHEMA, SearchIndex

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

IMAGE_NAME = ".search.sqlite"


def content_key(store: Any) -> str | None:
    """The key an image of this store's index must carry; None when the store has no content folder."""
    fingerprint = getattr(store, "fingerprint", None)
    if not fingerprint:
        root = getattr(store, "root", None)
        if root is None:
            return None
        from ..content.snapshot import fingerprint as content_fingerprint

        try:
            fingerprint = content_fingerprint(Path(root))
        except OSError:
            return None
    digest = blake2b(digest_size=20)
    digest.update(f"schema {SCHEMA}\0{fingerprint}\0".encode())
    for item_id, title in sorted((item.id, item.title) for item in store.all_items()):  # any store order
        digest.update(f"{item_id}\0{title}\0".encode())
    return digest.hexdigest()


def image_path(store: Any) -> Path | None:
    root = getattr(store, "root", None)
    return Path(root) / IMAGE_NAME if root is not None else None


def write_image(store: Any, path: Path | None = None) -> Path:
    """Index `store` and write the image (atomically: a temporary file, then a rename)."""
    target = Path(path) if path is not None else image_path(store)
    key = content_key(store)
    if target is None or key is None:
        raise ValueError("the store has no content folder to write the search index to")
    index = SearchIndex.build(store)
    index._db.execute("INSERT INTO meta(key, value) VALUES ('key', ?)", (key,))
    data = index.image()
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


def open_image(store: Any, path: Path | None = None) -> SearchIndex | None:
    """The store's prebuilt index when the image exists, is readable and is current; else None."""
    path = Path(path) if path is not None else image_path(store)
    if path is None or not path.is_file():
        return None
    key = content_key(store)
    if key is None:
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    except (sqlite3.Error, ValueError):
        return None
    try:
        db.execute("PRAGMA mmap_size = 1073741824")  # read pages from the mapped file, no copies
        row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        if row is None or row[0] != key:
            db.close()
            return None
        index = SearchIndex(db=db)
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        db.close()
        return None
    index.rebuild = lambda: SearchIndex.build(store)
    return index


def open_index(store: Any) -> SearchIndex:
    """The store's search index: its prebuilt image when that is current, else built in memory."""
    return open_image(store) or SearchIndex.build(store)
