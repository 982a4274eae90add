"""The prebuilt search index: current in the repository, used only for the content it was built
from, never written to at run time, and an unreadable image falls back to an index in memory."""

from __future__ import annotations

import pytest

from routekaart_app.content import load_content, load_for_app, snapshot
from routekaart_app.search import SearchIndex, prebuilt
from routekaart_app.search.prebuilt import IMAGE_NAME, content_key, open_image, open_index, write_image

QUERIES = ["veilig thuis", "meldcode stap 5", "Gravenhage", "femicde", "vrouw bang voor ex", "VT", "d", "Noordwijk jeugdteam"]


def ids(hits):
    return [h.id for h in hits]


def test_bundled_image_is_current_and_gives_what_the_memory_index_gives():
    store = load_for_app(None).store
    assert store.fingerprint, "the window's store comes from the snapshot"
    image = open_image(store)
    assert image is not None, "content/.search.sqlite is stale: run `python -m routekaart_app.content.snapshot`"
    memory = SearchIndex.build(store)
    assert len(image) == len(memory) == len(list(store.all_items()))
    for query in QUERIES:
        assert image.search(query) == memory.search(query), query


def test_opening_writes_nothing(content_copy):
    snapshot.write(content_copy)
    before = {p.name: p.read_bytes() for p in content_copy.iterdir() if p.is_file()}
    index = open_image(snapshot.load(content_copy))
    assert index is not None and index.search("meldcode")
    index._db.close()
    assert {p.name: p.read_bytes() for p in content_copy.iterdir() if p.is_file()} == before


def test_stale_image_is_never_used(content_copy):
    snapshot.write(content_copy)
    page = content_copy / "begrippen" / "femicide.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Femicide", "title: Vrouwendoding"), encoding="utf-8")
    store = load_content(content_copy)  # the snapshot is stale too: the files are read
    assert open_image(store) is None
    index = open_index(store)
    assert ids(index.search("vrouwendoding"))[:1] == ["femicide"]


def test_image_of_other_items_is_not_used(content_copy):
    # Same files, but the store holds other items (as a local addition would add): another key.
    snapshot.write(content_copy)
    store = snapshot.load(content_copy)
    key = content_key(store)
    store.pages["femicide"].title = "Femicide (lokaal aangevuld)"
    assert content_key(store) != key and open_image(store) is None


def test_image_of_an_older_schema_is_not_used(content_copy, monkeypatch):
    snapshot.write(content_copy)
    store = snapshot.load(content_copy)
    monkeypatch.setattr(prebuilt, "SCHEMA", prebuilt.SCHEMA + 1)
    assert open_image(store) is None


def _corruptions(data: bytes):
    half = len(data) // 2
    yield "empty", b""
    yield "garbage", b"niet een database " * 200
    yield "truncated", data[: len(data) // 3]
    yield "header zeroed", bytes(100) + data[100:]
    yield "middle zeroed", data[:half] + bytes(8192) + data[half + 8192 :]
    yield "tail garbage", data[: -8192] + b"\xff" * 8192
    yield "every page's start zeroed", b"".join(bytes(16) + data[i + 16 : i + 4096] for i in range(0, len(data), 4096))


@pytest.mark.parametrize("name", [name for name, _ in _corruptions(b"x" * 40000)])
def test_corrupt_image_falls_back_and_never_crashes(content_copy, name):
    snapshot.write(content_copy)
    data = (content_copy / IMAGE_NAME).read_bytes()
    broken = dict(_corruptions(data))[name]
    (content_copy / IMAGE_NAME).write_bytes(broken)
    store = snapshot.load(content_copy)
    reference = SearchIndex.build(store)
    index = open_index(store)
    for query in QUERIES:
        assert index.search(query) == reference.search(query), (name, query)


def test_write_image_needs_a_folder():
    class NoRoot:
        root = None

        def all_items(self):
            return []

    with pytest.raises(ValueError):
        write_image(NoRoot())
    assert open_image(NoRoot()) is None


def test_two_builds_of_the_same_content_give_the_same_bytes(content_copy):
    """The snapshot writes the same image for unchanged content, whatever Python's string hash
    seed (set order) is: a commit changes content/.search.sqlite only when the content changed."""
    import os
    import subprocess
    import sys

    images = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "routekaart_app.content.snapshot", str(content_copy)],
                       check=True, env=env, capture_output=True)
        images.append((content_copy / IMAGE_NAME).read_bytes())
    assert images[0] == images[1]
