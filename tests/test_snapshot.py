"""The validated snapshot the window starts from: current, faithful, and ignored when stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT
from routekaart_app.content import load_content, load_for_app, snapshot
from routekaart_app.content.render import PageRenderer
from routekaart_app.search import SearchIndex


def _lines(root: Path) -> tuple[str, str]:
    """The snapshot's two JSON texts: all but the pages' full fields, and the pages."""
    head, pages = (root / snapshot.FILE_NAME).read_text(encoding="utf-8").split("\n")
    return head, pages


def test_bundled_snapshot_is_current():
    data = json.loads(_lines(CONTENT)[0])
    assert data["fingerprint"] == snapshot.fingerprint(CONTENT), (
        "content/.snapshot.json is stale: run `python -m routekaart_app.content.snapshot`"
    )


def test_snapshot_shows_exactly_what_the_files_show(content_copy):
    snapshot.write(content_copy)
    fast = snapshot.load(content_copy)
    full = load_content(content_copy)
    assert fast is not None
    assert sorted(fast.ids()) == sorted(full.ids())
    assert fast.section_of == full.section_of
    fast_renderer, full_renderer = PageRenderer(fast), PageRenderer(full)
    for item in full.all_items():
        for region in (None, "Haaglanden", "Hollands Midden"):
            assert fast_renderer.render(item.id, region) == full_renderer.render(item.id, region), item.id
    # The Markdown texts (search and link checks) are pointers to the fields, resolved on reading.
    for item in full.all_items():
        assert fast.item(item.id).markdown_fields() == item.markdown_fields(), item.id
    query = "veilig thuis"
    assert [h.id for h in SearchIndex.build(fast).search(query)] == [h.id for h in SearchIndex.build(full).search(query)]
    # The extra kinds (wizard flow, practice cases) come from the files on first use.
    assert fast.extras["wizard"], fast.problems


def test_stale_or_broken_snapshot_is_ignored(content_copy):
    snapshot.write(content_copy)
    page = content_copy / "begrippen" / "femicide.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Femicide", "title: Femicide (gewijzigd)"), encoding="utf-8")
    assert snapshot.load(content_copy) is None
    (content_copy / snapshot.FILE_NAME).write_text("{niet: json", encoding="utf-8")
    assert snapshot.load(content_copy) is None
    (content_copy / snapshot.FILE_NAME).write_text("[" * 100_000, encoding="utf-8")  # deeper than any parser goes
    assert snapshot.load(content_copy) is None


def test_a_cut_off_or_damaged_page_line_is_found_at_start(content_copy):
    """The pages are parsed on first use, but their length and CRC-32 are checked at start: a
    damaged snapshot is set aside then (and the files are read), never found half-way a session."""
    snapshot.write(content_copy)
    path = content_copy / snapshot.FILE_NAME
    whole = path.read_bytes()
    assert snapshot.load(content_copy) is not None
    cut = whole.index(b"\n")
    in_pages = whole[:cut] + whole[cut:].replace(b"Femicide", b"Femicidf", 1)  # one letter of a page
    for damaged in (whole[:-40], in_pages, whole.replace(b"\n", b" ", 1), whole + b"\n"):
        assert damaged != whole
        path.write_bytes(damaged)
        assert snapshot.load(content_copy) is None


def test_pages_are_read_in_full_on_first_use_and_answer_as_the_models_do(content_copy):
    snapshot.write(content_copy)
    store = snapshot.load(content_copy)
    full = load_content(content_copy)
    page, model = store.pages["femicide"], full.pages["femicide"]
    assert "body" not in vars(page)  # only the head fields so far
    assert (page.id, page.title, page.kind) == (model.id, model.title, model.kind)
    assert getattr(page, "no_such_field", "none") == "none" and not hasattr(page, "number")  # no read needed
    assert "body" not in vars(page)
    assert page.body == model.body  # the first other field read reads every page
    other = store.pages["meldcode_stap_5"]
    assert "body" in vars(other) and other.number == full.pages["meldcode_stap_5"].number
    assert other.markdown_fields() == full.pages["meldcode_stap_5"].markdown_fields()
    # The window asks for it while idle (ContentStore.read_all); afterwards nothing is left to read.
    again = snapshot.load(content_copy)
    again.read_all()
    assert all("body" in vars(p) for p in again.pages.values())
    again.read_all()


def test_snapshot_reader_reads_what_json_reads_and_refuses_the_rest():
    """The snapshot is read with json's C scanner directly (see `snapshot._parse`): the same
    values as json.loads with the same object hook, and no value it would not give."""
    head, pages = _lines(CONTENT)
    fast, slow = snapshot._parse(head), json.loads(head, object_hook=snapshot._decode)
    assert sorted(fast) == sorted(slow) and fast["fingerprint"] == slow["fingerprint"]
    fast, slow = snapshot._parse(pages), json.loads(pages, object_hook=snapshot._decode)
    assert fast.keys() == slow.keys()
    for key, record in slow.items():
        assert fast[key].markdown_fields() == record.markdown_fields(), key
    assert snapshot._parse('{"a": [1, 2.5, "\\u00e9", true, null], "b": {"~date": "2026-11-29"}}\n') == {
        "a": [1, 2.5, "é", True, None], "b": snapshot._date(2026, 11, 29)}
    for bad in ("", "   ", "{niet: json", '{"a": 1} {"b": 2}', '{"a": 1}x', '{"a": NaN}', '{"a": -Infinity}', '{"a": 1,}'):
        try:
            snapshot._parse(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted: {bad!r}")


def test_invalid_content_gets_no_snapshot(content_copy):
    (content_copy / "begrippen" / "kapot.md").write_text("geen front matter", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "routekaart_app.content.snapshot", str(content_copy)], capture_output=True, text=True)
    assert result.returncode == 1 and "kapot.md" in result.stderr


def test_window_content_without_pydantic_or_yaml():
    code = (
        "import sys; from routekaart_app.content import load_for_app; c = load_for_app(None); "
        "assert not c.skipped; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'markdown', 'sqlite3') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_override_is_always_validated_in_full(content_copy):
    snapshot.write(content_copy)
    loaded = load_for_app(content_copy)
    assert loaded.used_override and type(loaded.store.pages["femicide"]).__name__ == "Begrip"


def test_markdown_texts_point_at_fields_and_a_text_no_field_holds_stays_text():
    encoded = {"~": "Begrip", "summary": "kort", "body": "lang", "definitions": [{"~": "Def", "text": "eigen"}]}
    paths = [snapshot._path(encoded, t) for t in ("kort", "lang", "eigen", "afgeleid")]
    assert paths == [["summary"], ["body"], ["definitions", 0, "text"], "afgeleid"]
    record = json.loads(json.dumps({**encoded, "~md": paths}), object_hook=snapshot._decode)
    assert record.markdown_fields() == ["kort", "lang", "eigen", "afgeleid"]
    pages = json.loads(_lines(CONTENT)[1])
    texts = [t for page in pages.values() for t in page["~md"] if isinstance(t, str)]
    assert texts == [], "the bundled snapshot holds Markdown texts twice"


def test_fingerprint_is_the_same_for_windows_line_endings_and_changes_with_the_text(content_copy):
    before = snapshot.fingerprint(content_copy)
    page = Path(sorted(snapshot._content_files(str(content_copy)))[0][1])  # a file the fingerprint covers
    text = page.read_bytes()
    page.write_bytes(text.replace(b"\n", b"\r\n"))  # a checkout on Windows
    assert snapshot.fingerprint(content_copy) == before
    page.write_bytes(text + b"# een regel erbij\n")
    assert snapshot.fingerprint(content_copy) != before
