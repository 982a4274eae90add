"""No amplification: YAML aliases in content are refused while parsing (issue 22).

A few hundred bytes of nested aliases ("billion laughs") would expand into millions of nodes that
validation, the wizard's condition compiler and the duplicate checks all walk. Content is written
by hand and needs no aliases, so the loader refuses them with `file:line: ...` and goes on; a
folder with such a file is not used and the app starts on the bundled content with the banner.

Every bomb here would be 10**9 leaves if it were expanded: each case is bounded in time (and, in a
child process, in memory: a hard address-space cap), so an expansion fails the test instead of
hanging it.
"""

from __future__ import annotations

import functools
import itertools
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc

import pytest

from conftest import CONTENT, run_cli
from routekaart_app.content import load_content, load_for_app

#: Per case: refused while parsing, so far below these. Time is a ratio against loading the bundled
#: content in the same run under the same tracing (the machine is shared and noisy); an expanded
#: bomb (10**9 leaves) would take hours, so the ratio leaves a wide margin without depending on load.
PEAK_BYTES = 100 * 1024 * 1024
RATIO = 15


@functools.cache
def seconds_budget() -> float:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        load_content(CONTENT)
    finally:
        elapsed = time.perf_counter() - started
        tracemalloc.stop()
    return max(5.0, RATIO * elapsed)


def bomb(levels: int = 9, width: int = 10, leaf: str = "x") -> str:
    """Nested YAML aliases: `width ** levels` leaves from a few hundred bytes (as top-level keys)."""
    names = [f"l{i}" for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join([leaf] * width)}]"]
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]")
    return "\n".join(lines) + "\n"


def _problems(root) -> list[str]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        store = load_content(root)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < seconds_budget(), elapsed  # bounded: refused while parsing, never expanded
    assert peak < PEAK_BYTES, peak
    return [str(p) for p in store.problems]


def _alias_problem(problems: list[str], rel: str) -> str:
    found = [p for p in problems if p.startswith(rel + ":") and "YAML-alias" in p]
    assert found, problems
    return found[0]


def test_alias_bomb_in_the_wizard_conditions(content_copy):
    flow = content_copy / "wizard" / "flow.yaml"
    text = flow.read_text(encoding="utf-8")
    assert "conditions:\n" in text
    text = text.replace("conditions:\n", "conditions:\n  bom:\n    all: *l9\n", 1)
    flow.write_text(bomb() + text, encoding="utf-8")
    problem = _alias_problem(_problems(content_copy), "wizard/flow.yaml")
    assert problem.startswith("wizard/flow.yaml:2:"), problem  # the first alias, with its line


def test_alias_bomb_in_synonyms(content_copy):
    meta = content_copy / "content.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "synonyms:\n" in text
    meta.write_text(bomb() + text.replace("synonyms:\n", "synonyms:\n  bom: *l9\n", 1), encoding="utf-8")
    _alias_problem(_problems(content_copy), "content.yaml")


def _page_with(content_copy, field_line: str, value: str, leaf: str = "x"):
    """femicide.md with its `field_line` replaced by `value` (using the bomb's anchors)."""
    page = content_copy / "begrippen" / "femicide.md"
    text = page.read_text(encoding="utf-8")
    assert field_line in text
    head = bomb(leaf=leaf)
    text = text.replace("---\n", "---\n" + head, 1).replace(field_line, value, 1)
    page.write_text(text, encoding="utf-8")
    return page


def test_alias_bomb_in_a_page_aliases(content_copy):
    _page_with(content_copy, "aliases: [vrouwendoding]\n", "aliases: *l9\n")
    problem = _alias_problem(_problems(content_copy), "begrippen/femicide.md")
    assert problem.startswith("begrippen/femicide.md:3:"), problem  # line in the file, front matter counted


def test_alias_bomb_in_a_page_definitions(content_copy):
    leaf = "{region: Haaglanden, text: x, sources: [003_efaaea29263f0136.txt Begrippenlijst]}"
    _page_with(content_copy, "definitions:\n", "definitions: *l9\nx_was_definitions:\n", leaf=leaf)
    _alias_problem(_problems(content_copy), "begrippen/femicide.md")


def test_merge_keys_are_aliases_too(content_copy):
    meta = content_copy / "content.yaml"
    meta.write_text("basis: &basis {a: 1}\nook: {<<: *basis, b: 2}\n" + meta.read_text(encoding="utf-8"), encoding="utf-8")
    problem = _alias_problem(_problems(content_copy), "content.yaml")
    assert problem.startswith("content.yaml:2:"), problem


def test_an_anchor_alone_is_harmless(content_copy):
    meta = content_copy / "content.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text("x_anker: &a [1, 2]\n" + text, encoding="utf-8")
    assert not [p for p in _problems(content_copy) if "alias" in p]


def test_validate_names_the_file_and_line(content_copy):
    meta = content_copy / "content.yaml"
    meta.write_text(bomb() + meta.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("validate", "--content", str(content_copy), timeout=60)
    assert result.returncode == 1, result.stderr
    line = next(line for line in result.stdout.splitlines() if "alias" in line)
    assert line.startswith("content.yaml:2:"), line  # the first alias stands on line 2
    assert "Traceback" not in result.stderr


def test_the_app_falls_back_to_the_bundled_content_with_the_banner(content_copy):
    flow = content_copy / "wizard" / "flow.yaml"
    flow.write_text(bomb() + flow.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.perf_counter()
    loaded = load_for_app(content_copy)
    assert time.perf_counter() - started < seconds_budget()
    assert not loaded.used_override
    assert loaded.skipped and "niet gebruikt" in loaded.skipped[0]  # the banner's lines
    assert any("wizard/flow.yaml:" in line and "YAML-alias" in line for line in loaded.skipped)
    assert loaded.store.ok and loaded.store.pages  # the bundled content


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS caps memory reliably on Linux only")
def test_bombs_everywhere_under_a_hard_memory_cap(content_copy):
    """All bombs at once, in a child process that may not use more than 1 GB: no MemoryError."""
    (content_copy / "content.yaml").write_text(
        bomb() + (content_copy / "content.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    flow = content_copy / "wizard" / "flow.yaml"
    flow.write_text(bomb() + flow.read_text(encoding="utf-8"), encoding="utf-8")
    _page_with(content_copy, "aliases: [vrouwendoding]\n", "aliases: *l9\n")
    script = textwrap.dedent(
        f"""
        import resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from routekaart_app.content import load_for_app
        started = time.perf_counter()
        loaded = load_for_app({str(content_copy)!r})
        print(round(time.perf_counter() - started, 3), loaded.used_override, len(loaded.skipped))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=dict(os.environ)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seconds, used, skipped = result.stdout.split()
    assert float(seconds) < seconds_budget() and used == "False" and int(skipped) >= 4


def test_a_long_list_of_definitions_is_checked_in_linear_time(content_copy):
    """The duplicate check counts once: 5,000 definitions of one region (45,000 values, under the
    file's cap) give one problem, quickly; counting per entry would be 2.5 * 10**7 comparisons."""
    entry = "  - region: Haaglanden\n    text: x\n    sources: [003_efaaea29263f0136.txt Begrippenlijst]\n"
    page = content_copy / "begrippen" / "femicide.md"
    text = page.read_text(encoding="utf-8").replace("definitions:\n", "definitions:\n" + entry * 5_000, 1)
    page.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    problems = [str(p) for p in load_content(content_copy).problems]
    assert time.perf_counter() - started < seconds_budget() * 2
    doubles = [p for p in problems if "meer dan één definitie" in p]
    assert len(doubles) == 1 and doubles[0].startswith("begrippen/femicide.md:"), problems


def test_the_bundled_content_uses_no_aliases():
    assert not [p for p in load_content(CONTENT).problems if "alias" in str(p)]


def test_a_file_with_too_many_values_is_refused_with_its_line(content_copy):
    """Without aliases a file's size is its expanded size; still, one file holds at most
    MAX_NODES values, so a 2 MB list cannot make validation or the wizard's checks slow."""
    from routekaart_app.content.safe_yaml import MAX_NODES

    meta = content_copy / "content.yaml"
    meta.write_text("x_lijst:\n" + "- 1\n" * (MAX_NODES + 10) + meta.read_text(encoding="utf-8"), encoding="utf-8")
    problems = [p for p in _problems(content_copy) if p.startswith(f"content.yaml:{MAX_NODES - 1}:")]
    assert problems and "te veel waarden" in problems[0], problems
