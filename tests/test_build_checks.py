"""The checks `build/build.py --ci` runs on a bundle, tried on planted folders (no PyInstaller run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build_module():
    sys.path.insert(0, str(ROOT / "build"))  # build.py imports smoke.py beside it
    try:
        spec = importlib.util.spec_from_file_location("routekaart_build_script", ROOT / "build" / "build.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "build"))
    return module


def test_developer_tools_in_a_bundle_are_found_as_folders_and_as_archive_modules(tmp_path):
    build = _build_module()
    internal = tmp_path / "Routekaart" / "_internal"
    for name in ("PySide6", "nacl", "yaml", "mypy", "ast_serialize", "pytest-9.0.dist-info"):
        (internal / name).mkdir(parents=True)
    toc = tmp_path / "PYZ-00.toc"
    toc.write_text(
        "('x.pyz',\n [('json', '/p/json/__init__.py', 'PYMODULE'),\n"
        "  ('pydantic.mypy', '/p/pydantic/mypy.py', 'PYMODULE'),\n"
        "  ('_pytest.fixtures', '/p/_pytest/fixtures.py', 'PYMODULE'),\n"
        "  ('routekaart_app.app', '/p/app.py', 'PYMODULE')])\n",
        encoding="utf-8",
    )
    found = build.developer_tools(tmp_path / "Routekaart", toc)
    assert found == ["_pytest.fixtures", "ast_serialize", "mypy", "pytest-9.0.dist-info"]
    # pydantic's mypy plugin is a pydantic module: the spec leaves it out, this check looks at tops
    clean = tmp_path / "Schoon" / "_internal"
    (clean / "PySide6").mkdir(parents=True)
    assert build.developer_tools(tmp_path / "Schoon", tmp_path / "geen.toc") == []


def test_the_spec_leaves_out_the_type_checker_that_pydantic_s_plugin_pulls_in():
    spec = (ROOT / "build" / "routekaart.spec").read_text(encoding="utf-8")
    for name in ("pydantic.mypy", "mypy", "mypyc", "librt", "ast_serialize"):
        assert f'"{name}"' in spec, name
