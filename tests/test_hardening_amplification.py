"""No amplification: YAML aliases in content are refused while parsing (issue 22).

A few hundred bytes of nested aliases ("billion laughs") would expand into millions of nodes that
validation, the wizard's condition compiler and the duplicate checks all walk. Content is written
by hand and needs no aliases, so the loader refuses them with `file:line: ...` and goes on.
"""

from __future__ import annotations

import time

import pytest

from conftest import run_cli
from routekaart_app.content import load_content


def bomb(levels: int = 9, width: int = 10) -> str:
    """Nested YAML aliases: `width ** levels` leaves from a few hundred bytes."""
    names = [f"l{i}" for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['x'] * width)}]"]
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]")
    return "\n".join(lines) + "\n"


def _problems(root) -> list[str]:
    started = time.perf_counter()
    store = load_content(root)
    assert time.perf_counter() - started < 30  # bounded: refused while parsing, never expanded
    return [str(p) for p in store.problems]


def test_alias_bomb_in_the_wizard_conditions(content_copy):
    flow = content_copy / "wizard" / "flow.yaml"
    text = flow.read_text(encoding="utf-8")
    text = text.replace("conditions:\n", "conditions:\n  bom:\n    all: *l9\n", 1)
    flow.write_text(bomb() + text, encoding="utf-8")
    problems = _problems(content_copy)
    assert any(p.startswith("wizard/flow.yaml:") and "alias" in p for p in problems), problems


def test_alias_bomb_in_synonyms(content_copy):
    meta = content_copy / "content.yaml"
    text = meta.read_text(encoding="utf-8").replace("synonyms:\n", "synonyms:\n  bom: *l9\n", 1)
    meta.write_text(bomb() + text, encoding="utf-8")
    problems = _problems(content_copy)
    assert any(p.startswith("content.yaml:") and "alias" in p for p in problems), problems


@pytest.mark.parametrize("field", ["aliases", "definitions"])
def test_alias_bomb_in_a_page(content_copy, field):
    page = content_copy / "begrippen" / "femicide.md"
    text = page.read_text(encoding="utf-8")
    head = bomb().replace("\n", "\n", -1)
    text = text.replace("---\n", "---\n" + head + f"x_{field}: *l9\n", 1)
    page.write_text(text, encoding="utf-8")
    problems = _problems(content_copy)
    assert any(p.startswith("begrippen/femicide.md:") and "alias" in p for p in problems), problems


def test_validate_names_the_file_and_line_and_the_app_falls_back(content_copy):
    meta = content_copy / "content.yaml"
    meta.write_text(bomb() + meta.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("validate", "--content", str(content_copy), timeout=60)
    assert result.returncode == 1, result.stderr
    line = next(line for line in result.stdout.splitlines() if "alias" in line)
    assert line.startswith("content.yaml:2:"), line  # the first alias stands on line 2
    assert "Traceback" not in result.stderr


def test_the_bundled_content_uses_no_aliases():
    from conftest import CONTENT

    assert not [p for p in load_content(CONTENT).problems if "alias" in str(p)]
