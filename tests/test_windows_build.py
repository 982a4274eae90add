"""The Windows build's inputs, checked on any machine (the build itself: `bash build/windows.sh`).

- The frozen interpreter runs in Python's UTF-8 mode (PyInstaller run-time option "X utf8" on the
  EXE in build/routekaart.spec). Without it the windowed Routekaart.exe writes redirected output
  in the ANSI code page (cp1252), so a path with "é" reaches a reader that expects UTF-8 as
  mojibake; build/windows.sh shows that on the real exe under Wine for several code pages.
- The MSI source (build/windows/routekaart.wxs): fixed UpgradeCode (the one build/windows.sh
  checks in the built MSI), per user by default, per machine with ALLUSERS=1, major upgrades,
  a Start-menu shortcut.
- The Windows wheels (build/windows/requirements.txt) carry exactly the pins of pyproject.toml,
  each with a hash.
"""

from __future__ import annotations

import ast
import contextlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build" / "routekaart.spec"
WXS = ROOT / "build" / "windows" / "routekaart.wxs"
LOCK = ROOT / "build" / "windows" / "requirements.txt"
SCRIPT = ROOT / "build" / "windows.sh"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"


def _exe_options() -> list:
    """The run-time options given to EXE(...) in the spec, evaluated from the spec's own text."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    constants: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            with contextlib.suppress(ValueError):
                constants[node.targets[0].id] = ast.literal_eval(node.value)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "EXE"]
    assert len(calls) == 1, "the spec has one EXE(...)"
    args = calls[0].args
    assert len(args) >= 3, "EXE(pyz, a.scripts, OPTIONS, ...)"
    third = args[2]
    return constants[third.id] if isinstance(third, ast.Name) else ast.literal_eval(third)


def test_frozen_interpreter_runs_in_utf8_mode():
    options = _exe_options()
    names = {entry[0].replace(" ", "") for entry in options if len(entry) == 3 and entry[2] == "OPTION"}
    assert names & {"Xutf8", "Xutf8=1"}, f"no UTF-8 mode among the EXE options {options}"
    assert "Xutf8=0" not in names


def _wxs() -> ET.Element:
    return ET.parse(WXS).getroot()


def test_msi_source_per_user_by_default_per_machine_on_request():
    root = _wxs()
    package = root.find(f"{WIX}Product/{WIX}Package")
    assert package.get("InstallScope") == "perUser"  # wixl: summary Word Count bit 3, no elevation
    props = {p.get("Id"): p.get("Value") for p in root.iter(f"{WIX}Property")}
    assert "ALLUSERS" not in props, "per user unless ALLUSERS=1 is given"
    action = next(a for a in root.iter(f"{WIX}CustomAction") if a.get("Property") == "INSTALLDIR")
    assert "[ProgramFiles64Folder]" in action.get("Value")
    custom = next(c for c in root.iter(f"{WIX}Custom") if c.get("Action") == action.get("Id"))
    assert custom.text.strip() == "ALLUSERS=1" and custom.get("Before") == "CostFinalize"


def test_msi_source_upgrades_and_shortcut():
    root = _wxs()
    product = root.find(f"{WIX}Product")
    assert product.get("Id") == "*", "a new ProductCode for every build (major upgrades)"
    code = product.get("UpgradeCode")
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", code)
    assert f"UPGRADE_CODE={code}" in SCRIPT.read_text(encoding="utf-8"), "windows.sh checks the built MSI for it"
    assert product.find(f"{WIX}MajorUpgrade") is not None
    shortcut = next(root.iter(f"{WIX}Shortcut"))
    assert shortcut.get("Directory") == "ProgramMenuFolder" and shortcut.get("Target") == "[#RoutekaartExe]"


def _pyproject_pins() -> list[str]:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    return project["dependencies"] + project["optional-dependencies"]["build"] + data["build-system"]["requires"]


def test_windows_wheels_carry_the_project_pins_with_hashes():
    text = LOCK.read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n\s+--hash=sha256:[0-9a-f]{64}$", text, re.M)
    norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    locked = {norm(name): version for name, version in entries}
    assert len(locked) == len(re.findall(r"^[A-Za-z0-9]", text, re.M)), "every entry has a hash"
    for pin in _pyproject_pins():
        name, version = pin.split("==")
        assert locked.get(norm(name)) == version, f"{pin}: run `bash build/windows.sh --lock`"
    assert {"pefile", "pywin32-ctypes"} <= locked.keys(), "PyInstaller's Windows-only dependencies"
