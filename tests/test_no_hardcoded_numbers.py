"""Phone numbers stand in content only (issue 15): a check over the program's string literals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "routekaart_app"

# A Dutch phone number as code would write it: 112, 0800-2000, 0800 0188, 0900-8844, 088-...
_PHONE = re.compile(r"""(?<![\w.#-])(112|0[89]00[- ]?\d{4}|0\d{1,3}[- ]\d{6,7})(?![\w-])""")


def _string_literals(text: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def test_no_phone_number_is_hard_coded_in_src():
    """Phone numbers stand in content only: a string in the program that holds one (outside a
    docstring that explains a transformation with an example) fails this test."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        docstrings = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node, clean=False)
                if doc is not None:
                    docstrings.add(doc)
        for line, value in _string_literals(text):
            if value in docstrings:
                continue
            if _PHONE.search(value):
                offenders.append(f"{path.relative_to(SRC)}:{line}: {value[:70]!r}")
    assert not offenders, "phone numbers belong in content/content.yaml:\n" + "\n".join(offenders)


def test_the_phone_check_finds_a_planted_number(tmp_path):
    assert _PHONE.search("Bij twijfel: bel Veilig Thuis (0800-2000).")
    assert _PHONE.search("bel 112")
    assert _PHONE.search("0800 0188")
    assert not _PHONE.search("call_112") and not _PHONE.search("versie 2026.11.2") and not _PHONE.search("1120")
