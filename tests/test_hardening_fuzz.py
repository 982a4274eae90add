"""Hostile content: the loader never raises and always reports; the window starts anyway.

Fuzzing with hypothesis (random bytes, random text, mutations of the real content files) plus a
fixed set of extremes (empty, 10 MB, deep nesting, wrong encodings, duplicate ids, dangling links,
a line of a million characters, ...). The normal run uses a small budget; for a long run:

    ROUTEKAART_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_hardening_fuzz.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _hardening import assert_safe_html
from conftest import CONTENT, run_cli
from routekaart_app.content import load_content
from routekaart_app.content.render import PageRenderer, markdown_to_html
from routekaart_app.content.store import EXTRA_FOLDERS, Problem

#: Examples per hypothesis test; ROUTEKAART_FUZZ_EXAMPLES overrides (e.g. 5000 for a long run).
DEFAULT_EXAMPLES = 100
EXAMPLES = int(os.environ.get("ROUTEKAART_FUZZ_EXAMPLES") or 0)
FUZZ = settings(
    max_examples=EXAMPLES or DEFAULT_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
#: How many inputs the loader saw in this run (reported with -s / -rP).
SEEN = {"inputs": 0}

META = (CONTENT / "content.yaml").read_bytes()
REAL_FILES = sorted(
    p.relative_to(CONTENT).as_posix()
    for p in CONTENT.rglob("*")
    if p.is_file()
    and not any(part.startswith(".") for part in p.relative_to(CONTENT).parts)
    and len(p.relative_to(CONTENT).parts) > 1
)
#: Where a file can sit (one of each kind the loader reads).
PLACES = [
    "content.yaml",
    "begrippen/fuzz.md",
    "meldcode/fuzz.md",
    "rode_vlaggen/fuzz.md",
    "interventies/fuzz.md",
    "regios/fuzz.yaml",
    "wizard/flow.yaml",
    "oefencasussen/fuzz.yaml",
    "onbekend/fuzz.md",
]


# ---------------------------------------------------------------------------------------------
# invariants


def check_store(store, rel: str | None = None) -> None:
    """What must hold for any input: a well-formed report, nothing dropped silently."""
    assert isinstance(store.problems, list)
    for problem in store.problems:
        assert isinstance(problem, Problem)
        text = str(problem)
        assert "\n" not in text and "\r" not in text, repr(text)
        assert "Traceback" not in text
        assert problem.path, problem
    assert store.ok == (not store.problems)
    for skipped in store.skipped:
        assert any(p.path == skipped for p in store.problems), skipped
    if rel is None:
        return
    reported = any(p.path == rel for p in store.problems)
    folder = rel.split("/", 1)[0]
    if rel == "content.yaml":
        loaded = store.meta is not None
    elif folder in EXTRA_FOLDERS:
        loaded = bool(store.extras.get(folder))
    else:
        loaded = rel in store.file_of.values()
    assert reported or loaded, f"{rel}: neither loaded nor reported"
    renderer = PageRenderer(store)
    for item_id, item_file in list(store.file_of.items()):
        if item_file == rel:
            page = renderer.render(item_id, "Haaglanden")
            assert page.startswith("<html>")


def load_one(rel: str, data: bytes, with_meta: bool = True):
    """Load a minimal content folder: content.yaml plus one file with `data`."""
    with tempfile.TemporaryDirectory(prefix="routekaart-fuzz-") as folder:
        root = Path(folder)
        if with_meta and rel != "content.yaml":
            (root / "content.yaml").write_bytes(META)
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        SEEN["inputs"] += 1
        store = load_content(root)
    check_store(store, rel)
    return store


# ---------------------------------------------------------------------------------------------
# hypothesis

JUNK = [
    b"---\n", b"...\n", b"[", b"]", b"{", b"}", b": ", b"- ", b"&a ", b"*a ", b"!!python/object/apply:os.system ['id']",
    b"\t", b"\x00", b"\r", b"\r\n", b"\xef\xbb\xbf", b"](item:bestaat_niet)", b"](javascript:alert(1))", b"%",
    b"@", b"`", b">", b"|", b"\xe2\x80\xa8", b"\xed\xa0\x80", b"\xff\xfe", b"<script>", b"<table>", b"id: femicide\n",
    b"? ", b"!!binary ", b"<<: *a\n", b"\xc3", b"'", b'"', b"#", b"\\", b"\n" * 3, b"  " * 40,
]


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(REAL_FILES + ["content.yaml"]))
    data = bytearray((CONTENT / rel).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "duplicate", "insert", "junk", "truncate", "swap", "encode"]))
        size = len(data)
        pos = draw(st.integers(0, max(size - 1, 0)))
        if op == "flip" and size:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 200))]
        elif op == "duplicate":
            chunk = data[pos : pos + draw(st.integers(1, 400))]
            at = draw(st.integers(0, size))
            data[at:at] = chunk
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "junk":
            data[pos:pos] = draw(st.sampled_from(JUNK))
        elif op == "truncate":
            del data[pos:]
        elif op == "swap":
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "encode":
            codec = draw(st.sampled_from(["latin-1", "utf-16", "cp1252", "utf-32", "utf-8-sig"]))
            data = bytearray(bytes(data).decode("utf-8", "replace").encode(codec, "replace"))
    return rel, bytes(data)


@FUZZ
@given(mutated())
def test_fuzz_mutations_of_real_files(case):
    rel, data = case
    load_one(rel, data)


@FUZZ
@given(st.sampled_from(PLACES), st.binary(max_size=4096))
def test_fuzz_random_bytes(rel, data):
    load_one(rel, data)


@FUZZ
@given(
    st.sampled_from(PLACES),
    st.text(max_size=2000),
    st.sampled_from(["utf-8", "utf-16", "latin-1"]),
    st.booleans(),
)
def test_fuzz_random_text(rel, text, codec, front_matter):
    if front_matter:
        text = f"---\nid: fuzz\ntitle: Fuzz\nsources: [basismodel_meldcode]\nreviewed: 2025-01-01\n---\n{text}"
    load_one(rel, text.encode(codec, "replace"))


MARKDOWN_TOKENS = list("[]()!<>*_`#|-+:/ \n\t\\&;=\"'xa1") + [
    "item:", "res:", "http://", "javascript:", "<a href=", "<img src=", "<table>", "</td>", "&#", "    ", "1. ",
    "tel:", "mailto:", "<script>", "](", "> ", "\n\n", "<div>", "</a>", "data:", "file:///", "res:../",
]
MARKDOWNISH = st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=300).map("".join)


@FUZZ
@given(st.one_of(MARKDOWNISH, st.text(max_size=500)))
def test_fuzz_markdown_is_sanitized(text):
    SEEN["inputs"] += 1
    started = time.perf_counter()
    out = markdown_to_html(text)
    assert time.perf_counter() - started < 2.0
    assert_safe_html(out)


# ---------------------------------------------------------------------------------------------
# extremes


def _page(body: str, item_id: str = "extreem") -> bytes:
    return (
        f"---\nid: {item_id}\ntitle: Extreem\nsources: [basismodel_meldcode]\nreviewed: 2025-01-01\n---\n{body}\n"
    ).encode()


def _billion_laughs() -> bytes:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 12):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def extremes() -> dict[str, dict[str, bytes]]:
    """name -> {relative path: bytes}: each a way content can be broken or hostile."""
    real_page = (CONTENT / "begrippen" / "femicide.md").read_bytes()
    real_text = real_page.decode("utf-8")
    return {
        "empty_files": {p: b"" for p in PLACES},
        "random_bytes": {p: os.urandom(3000) for p in PLACES},
        "latin1": {"begrippen/latin1.md": real_text.replace("femicide", "caf\xe9").encode("latin-1", "replace")},
        "utf16": {"begrippen/utf16.md": real_text.encode("utf-16")},
        "huge_10mb": {"begrippen/groot.md": _page("groot " * (10 * 1024 * 1024 // 6), "groot")},
        "million_char_line": {"begrippen/lang.md": _page("x" * 1_000_000, "lang")},
        "million_char_yaml_line": {"regios/lang.yaml": b"region: {name: " + b"x" * 1_000_000 + b"}\n"},
        "deep_yaml_flow": {"regios/diep.yaml": b"region: " + b"[\n" * 100_000},
        "deep_yaml_map": {"oefencasussen/diep.yaml": b"a: " + b"{a:\n" * 100_000},
        "deep_yaml_block": {"wizard/flow.yaml": b"- " * 9_000 + b"x\n"},
        "deep_front_matter": {"begrippen/diep.md": b"---\nid: " + b"[\n" * 100_000 + b"---\nx\n"},
        "deep_markdown": {"begrippen/diepmd.md": _page((">" * 10_000 + " x\n") * 5 + "[\n" * 50_000, "diepmd")},
        "billion_laughs": {"regios/lol.yaml": _billion_laughs()},
        "recursive_alias": {"regios/rec.yaml": b"region: &r {name: *r}\n"},
        "python_tag": {"regios/py.yaml": b"region: !!python/object/apply:os.system ['echo hacked']\n"},
        "duplicate_ids": {"begrippen/femicide_kopie.md": real_page, "begrippen/femicide_kopie2.md": real_page},
        "dangling_links": {"begrippen/los.md": _page("Zie [nergens](item:bestaat_niet) en [x](item:)", "los")},
        "nul_byte": {"begrippen/nul.md": _page("a\x00b", "nul")},
        "bom_crlf_ok": {"begrippen/crlf.md": b"\xef\xbb\xbf" + _page("Regel een.\nRegel twee.", "crlf").replace(b"\n", b"\r\n")},
        "not_a_file": {},  # a folder named like a page, see below
        "symlink": {},
    }


def build(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _special(name: str, root: Path) -> list[str]:
    if name == "not_a_file":
        (root / "begrippen" / "map.md").mkdir(parents=True, exist_ok=True)
        (root / "begrippen" / "map.md" / "x.md").write_bytes(_page("x", "in_map"))
        return ["begrippen/map.md/x.md"]
    if name == "symlink":
        (root / "begrippen").mkdir(exist_ok=True)
        try:
            (root / "begrippen" / "link.md").symlink_to(Path(os.devnull).resolve())
        except OSError:  # no symbolic links here (Windows without the right)
            return []
        return ["begrippen/link.md"]
    return []


@pytest.mark.parametrize("name", list(extremes()))
def test_extreme_content_is_reported(name, tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    (root / "content.yaml").write_bytes(META)
    files = extremes()[name]
    build(root, files)
    paths = list(files) + _special(name, root)
    started = time.perf_counter()
    store = load_content(root)
    SEEN["inputs"] += 1
    assert time.perf_counter() - started < 10
    check_store(store)
    if name == "bom_crlf_ok":
        assert store.pages["crlf"].title == "Extreem" and "Regel twee." in store.pages["crlf"].body
        assert "Regel een." in markdown_to_html(store.pages["crlf"].body)
        return
    if name == "dangling_links":
        assert any("bestaat_niet" in p.message for p in store.problems)
        return
    if name == "not_a_file":  # a folder named like a page is a folder: the page in it loads
        assert store.file_of.get("in_map") == "begrippen/map.md/x.md"
        return
    for rel in paths:
        if rel == "content.yaml" and name == "random_bytes":
            continue
        assert any(p.path == rel for p in store.problems), (rel, [str(p) for p in store.problems][:5])
    if name == "million_char_line":
        assert any("te lang" in p.message and p.line == 7 for p in store.problems)
    if name == "deep_markdown":
        assert any("te diep genest" in p.message for p in store.problems), [str(p) for p in store.problems]
    if name.startswith("deep_yaml") or name == "deep_front_matter":
        assert any("te diep genest" in p.message for p in store.problems), [str(p) for p in store.problems]


def test_extremes_in_full_content(content_copy):
    """All extremes at once, next to the real content: everything else still loads."""
    for name, files in extremes().items():
        if name in ("bom_crlf_ok",):
            continue
        build(content_copy, {rel: data for rel, data in files.items() if rel not in ("content.yaml", "wizard/flow.yaml")})
        _special(name, content_copy)
    store = load_content(content_copy)
    SEEN["inputs"] += 1
    check_store(store)
    assert not store.ok
    assert "femicide" in store.pages and store.municipalities and store.meta is not None
    assert len(store.problems) >= 20


def test_validate_cli_reports_and_never_crashes(content_copy):
    build(content_copy, extremes()["deep_yaml_flow"] | extremes()["million_char_line"] | extremes()["random_bytes"])
    result = run_cli("validate", "--content", str(content_copy))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "regios/diep.yaml:" in result.stdout and "begrippen/lang.md:7" in result.stdout


# ---------------------------------------------------------------------------------------------
# the window with a hostile override starts on the bundled content, with the banner

SMOKE_CASES = ["random_bytes", "huge_10mb", "deep_yaml_flow", "million_char_line", "duplicate_ids", "empty_files"]


@pytest.mark.parametrize("name", SMOKE_CASES + ["all"])
def test_smoke_test_with_hostile_override(name, tmp_path):
    root = tmp_path / "override"
    shutil.copytree(CONTENT, root)
    names = list(extremes()) if name == "all" else [name]
    for each in names:
        build(root, extremes()[each])
        _special(each, root)
    result = run_cli("--smoke-test", "--content", str(root), env={"QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("smoke-test ok:")
    assert "overgeslagen" in result.stdout
    assert "Traceback" not in result.stderr


def test_report_fuzz_budget():
    """Prints how many inputs the loader saw (run with -s or -rP to see it)."""
    print(f"fuzz: {SEEN['inputs']} inputs, {EXAMPLES or DEFAULT_EXAMPLES} examples per hypothesis test")
