"""The import-layer contract: dependencies point one way, and no module loop.

    entry:    routekaart_app.__main__  →  app (window)  |  cli (verbs)
    top:      ui (Qt; only app and ui import it)        cli (no Qt)
    middle:   advice (engine, flow, practice cases, trainer logic)
    bottom:   content (models, loader, store, render, sanitizer)   search (beside content)
    base:     routekaart_app.paths
    root:     routekaart_app (package __init__: wires advice's content kinds into the loader)

Every `import` and `from ... import` in src/routekaart_app counts, also those inside functions (a
lazy import is still a dependency): an import from a group to a group not in ALLOWED fails, and
so does any cycle between modules. No Qt below ui. The checker is tried on a planted upward
import and a planted loop in a copy of the tree, so it is known to catch both.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = "routekaart_app"

#: group -> the groups it may import from (itself included where a group imports within).
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "content": {"base", "content"},
    "search": {"base", "content", "search"},
    "advice": {"base", "content", "advice"},
    "ui": {"root", "base", "content", "search", "advice", "ui"},
    "cli": {"root", "base", "content", "search", "advice", "cli", "app"},
    "app": {"root", "base", "content", "search", "advice", "ui", "app"},
    "main": {"root", "app", "cli"},
    # The package root is the composition root: it hands advice's content kinds to the loader.
    # ... and has the content snapshot write the prebuilt search index.
    "root": {"base", "content", "advice", "search"},
}
#: Groups that must stay free of Qt (they run headless: CLI, tests, the content tools).
NO_QT = {"base", "content", "search", "advice", "cli", "root"}


def group_of(module: str) -> str:
    parts = module.split(".")
    if parts == [PACKAGE]:
        return "root"
    name = parts[1]
    if name in ("content", "search", "advice", "ui", "cli"):
        return name
    return {"paths": "base", "app": "app", "__main__": "main"}.get(name, f"unknown:{name}")


def modules(src: Path) -> dict[str, tuple[Path, bool]]:
    """module name -> (file, is a package __init__) for every module under src/routekaart_app."""
    found = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def imports(src: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module -> the app's modules it imports, module -> the outside top-level packages it imports)."""
    mods = modules(src)

    def nearest(name: str) -> str | None:
        while name not in mods and "." in name:
            name = name.rsplit(".", 1)[0]
        return name if name in mods else None

    inner: dict[str, set[str]] = {m: set() for m in mods}
    outer: dict[str, set[str]] = {m: set() for m in mods}
    for module, (path, is_package) in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    origin = ".".join(base + ([node.module] if node.module else []))
                else:
                    origin = node.module or ""
                # `from pkg import name`: the submodule pkg.name when there is one, else pkg.
                targets = [f"{origin}.{a.name}" if f"{origin}.{a.name}" in mods else origin for a in node.names]
            for target in targets:
                if target.split(".")[0] != PACKAGE:
                    outer[module].add(target.split(".")[0])
                    continue
                resolved = nearest(target)
                if resolved is not None and resolved != module:
                    inner[module].add(resolved)
    return inner, outer


def upward_imports(src: Path) -> list[str]:
    inner, outer = imports(src)
    found = []
    for module, targets in sorted(inner.items()):
        group = group_of(module)
        for target in sorted(targets):
            if group_of(target) not in ALLOWED.get(group, set()):
                found.append(f"{module} ({group}) imports {target} ({group_of(target)})")
        if group in NO_QT and outer[module] & {"PySide6", "shiboken6"}:
            found.append(f"{module} ({group}) imports Qt")
    return found


def import_loops(src: Path) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    graph, _ = imports(src)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return loops


# ---------------------------------------------------------------------------------------------


def test_every_module_has_a_layer():
    unknown = [m for m in modules(SRC) if group_of(m).startswith("unknown")]
    assert not unknown, f"modules outside the layers (add them to group_of): {unknown}"


def test_no_upward_import():
    assert upward_imports(SRC) == []


def test_no_import_loop():
    assert import_loops(SRC) == []


def test_the_contract_sees_the_real_imports():
    inner, outer = imports(SRC)
    assert "routekaart_app.content.store" in inner["routekaart_app.content.loader"]
    assert "routekaart_app.advice.engine" in inner["routekaart_app.advice.flow_checks"]  # inside a function
    assert "routekaart_app.cli.common" in inner["routekaart_app.cli.advise"]
    assert "PySide6" in outer["routekaart_app.ui.wizard"]


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SRC / PACKAGE, src / PACKAGE, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    return src


def _plant(src: Path, rel: str, line: str, inside_function: bool = False) -> None:
    path = src / PACKAGE / rel
    text = path.read_text(encoding="utf-8")
    if inside_function:
        line = f"\n\ndef _planted():\n    {line}\n"
    path.write_text(text + "\n" + line + "\n", encoding="utf-8")


def test_a_planted_upward_import_fails(tmp_path):
    src = _copy(tmp_path)
    assert upward_imports(src) == [] and import_loops(src) == []
    _plant(src, "content/store.py", "from ..advice import engine", inside_function=True)
    _plant(src, "advice/facts.py", "from ..ui import widgets", inside_function=True)
    _plant(src, "search/__init__.py", "import routekaart_app.cli.common")
    _plant(src, "content/render.py", "from PySide6.QtGui import QTextDocument")
    found = upward_imports(src)
    assert any("content.store (content) imports routekaart_app.advice.engine (advice)" in f for f in found), found
    assert any("advice.facts (advice) imports routekaart_app.ui.widgets (ui)" in f for f in found), found
    assert any("routekaart_app.search (search) imports routekaart_app.cli.common (cli)" in f for f in found), found
    assert any("content.render (content) imports Qt" in f for f in found), found


def test_a_planted_loop_fails(tmp_path):
    src = _copy(tmp_path)
    _plant(src, "content/store.py", "from . import loader", inside_function=True)  # loader imports store
    _plant(src, "cli/common.py", "from . import validate", inside_function=True)  # validate imports common
    loops = import_loops(src)
    assert ["routekaart_app.content.loader", "routekaart_app.content.store"] in [
        [m for m in loop if m in ("routekaart_app.content.loader", "routekaart_app.content.store")] for loop in loops
    ], loops
    assert any("routekaart_app.cli.common" in loop and "routekaart_app.cli.validate" in loop for loop in loops), loops
    assert upward_imports(src) == []  # a loop within a layer is no upward import, but still fails


def test_the_cli_imports_only_the_verb_that_runs():
    """The dispatcher imports verb modules lazily: `--help` none, `validate` only its own."""
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from routekaart_app import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    cli.run(sys.argv[1:])\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('routekaart_app.cli.'))))\n"
    )
    verbs = set(__import__("routekaart_app.cli", fromlist=["VERBS"]).VERBS)
    shared = {"routekaart_app.cli.common", "routekaart_app.cli.streams"}
    for argv, expected in ((["--help"], set()), (["validate", "--help"], {"validate"}), (["advise", "--help"], {"advise"})):
        result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
        loaded = set(result.stdout.split()) - shared
        assert loaded == {f"routekaart_app.cli.{v}" for v in expected}, (argv, result.stdout, result.stderr)
        assert expected <= verbs
