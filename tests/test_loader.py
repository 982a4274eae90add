"""The one loader: a valid tree loads; every kind of error names file and field; never raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from routekaart_app.content import load_content, load_for_app
from routekaart_app.content.loader import split_front_matter


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD_TERM = """---
id: testbegrip
title: Testbegrip
sources: [003_efaaea29263f0136.txt Begrippenlijst]
reviewed: 2026-01-01
---
Tekst met een link naar [femicide](item:femicide).
"""


def test_bundled_content_is_valid(store):
    assert store.problems == [], "\n".join(map(str, store.problems))
    assert store.meta is not None
    assert "femicide" in store.pages
    assert store.municipalities, "no municipalities loaded"


def test_valid_addition_loads(content_copy):
    write(content_copy / "begrippen" / "testbegrip.md", GOOD_TERM)
    store = load_content(content_copy)
    assert store.ok, store.problems
    assert store.pages["testbegrip"].title == "Testbegrip"
    assert store.section_of["testbegrip"] == "Begrippen"


def problems_for(content_copy: Path, rel: str, text: str | bytes):
    path = content_copy / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    store = load_content(content_copy)
    return store, [p for p in store.problems if p.path == rel]


def test_missing_field_names_file_field_and_line(content_copy):
    text = GOOD_TERM.replace("title: Testbegrip\n", "")
    store, found = problems_for(content_copy, "begrippen/x.md", text)
    assert [(p.field, p.message) for p in found] == [("title", "ontbreekt (verplicht veld)")]
    assert str(found[0]).startswith("begrippen/x.md:2: title: ")
    assert "testbegrip" not in store.pages  # skipped
    assert "begrippen/x.md" in store.skipped


def test_wrong_type_reports_line_of_field(content_copy):
    text = GOOD_TERM.replace("reviewed: 2026-01-01", "reviewed: gisteren")
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert len(found) == 1
    assert found[0].field == "reviewed"
    assert found[0].line == 5  # line 5 of the file: front matter starts after '---'


def test_empty_sources_is_an_error(content_copy):
    text = GOOD_TERM.replace("sources: [003_efaaea29263f0136.txt Begrippenlijst]", "sources: []")
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert [p.field for p in found] == ["sources"]


def test_unregistered_source_is_an_error(content_copy):
    text = GOOD_TERM.replace("003_efaaea29263f0136.txt Begrippenlijst", "wikipedia")
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert [p.field for p in found] == ["sources"]
    assert "wikipedia" in found[0].message


def test_duplicate_id(content_copy):
    text = GOOD_TERM.replace("id: testbegrip", "id: femicide")
    store, found = problems_for(content_copy, "begrippen/zz_dubbel.md", text)
    assert [p.field for p in found] == ["id"]
    assert "femicide" in found[0].message and "begrippen/femicide.md" in found[0].message
    assert store.pages["femicide"].title == "Femicide"  # the first one stays


def test_broken_internal_link(content_copy):
    text = GOOD_TERM.replace("item:femicide", "item:bestaat_niet")
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert len(found) == 1 and "bestaat_niet" in found[0].message


def test_broken_related(content_copy):
    text = GOOD_TERM.replace("reviewed:", "related: [nergens]\nreviewed:")
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert [p.field for p in found] == ["related"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Geen front matter hier.\n", "geen front matter"),
        ("---\nid: [unclosed\n---\nbody\n", "ongeldige YAML"),
        ("---\n- a\n- b\n---\nbody\n", "geen verzameling"),
        ("---\nid: x\n", "geen front matter"),
    ],
)
def test_bad_front_matter(content_copy, text, expected):
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert found and expected in found[0].message, found


def test_yaml_error_has_line(content_copy):
    _, found = problems_for(content_copy, "begrippen/x.md", "---\nid: x\ntitle: [a\nsources: b\n---\n")
    assert found[0].line is not None and found[0].line >= 3


def test_wrong_encoding(content_copy):
    _, found = problems_for(content_copy, "begrippen/x.md", "---\nid: caf\xe9\n---\n".encode("latin-1"))
    assert "UTF-8" in found[0].message


def test_unreadable_file(content_copy, monkeypatch):
    target = write(content_copy / "begrippen" / "x.md", GOOD_TERM)
    real = Path.read_bytes

    def read_bytes(self):
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    store = load_content(content_copy)
    found = [p for p in store.problems if p.path == "begrippen/x.md"]
    assert found and "niet te lezen" in found[0].message


def test_unknown_field_is_reported(content_copy):
    text = GOOD_TERM.replace("reviewed:", "titel: typo\nreviewed:")
    _, found = problems_for(content_copy, "begrippen/x.md", text)
    assert [p.field for p in found] == ["titel"]


def test_region_file_errors_point_into_the_list(content_copy):
    path = content_copy / "regios" / "haaglanden.yaml"
    text = path.read_text(encoding="utf-8")
    # Break the subregion of the second municipality listed.
    first = text.index("subregion:", text.index("municipalities:"))
    second = text.index("subregion:", first + 1)
    end = text.index("\n", second)
    path.write_text(text[:second] + "subregion: Nergens" + text[end:], encoding="utf-8")
    store = load_content(content_copy)
    found = [p for p in store.problems if p.path == "regios/haaglanden.yaml"]
    assert len(found) == 1
    assert found[0].field == "municipalities.1.subregion"
    assert found[0].line == text[:second].count("\n") + 1


def test_missing_folder_never_raises(tmp_path):
    store = load_content(tmp_path / "nope")
    assert not store.ok and "bestaat niet" in store.problems[0].message


def test_unknown_place_is_reported(content_copy):
    write(content_copy / "willekeurig" / "iets.md", GOOD_TERM)
    store = load_content(content_copy)
    assert any(p.path == "willekeurig/iets.md" and "onbekende plek" in p.message for p in store.problems)


def test_invalid_override_falls_back_to_bundled(content_copy):
    write(content_copy / "begrippen" / "kapot.md", "---\nid: kapot\n---\n")
    loaded = load_for_app(content_copy)
    assert not loaded.used_override
    assert loaded.store.root != content_copy
    assert loaded.store.ok
    assert any("niet gebruikt" in line for line in loaded.skipped)
    assert any("begrippen/kapot.md" in line and "title" in line for line in loaded.skipped)


def test_valid_override_is_used(content_copy):
    write(content_copy / "begrippen" / "testbegrip.md", GOOD_TERM)
    loaded = load_for_app(content_copy)
    assert loaded.used_override and loaded.skipped == []
    assert "testbegrip" in loaded.store.pages


def test_split_front_matter():
    front, body, line = split_front_matter("---\na: 1\n---\nTekst\n")
    assert front == "a: 1\n" and body == "Tekst\n" and line == 3
    assert split_front_matter("geen")[0] is None


def test_a_broken_page_is_reported_once_not_at_every_link_to_it(content_copy):
    page = content_copy / "begrippen" / "femicide.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Femicide\n", ""), encoding="utf-8")
    store = load_content(content_copy)
    assert [str(p) for p in store.problems] == ["begrippen/femicide.md:2: title: ontbreekt (verplicht veld)"]
    assert "femicide" not in store.pages
