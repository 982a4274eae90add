"""The frozen bundle (dist/Routekaart, built by `python build/build.py`) as a real subprocess.

Skipped when there is no bundle. The checks are the ones `build/build.py --ci` runs
(build/smoke.py): the smoke test of the bundle as built, of a read-only copy in
"Mijn Programma's/Routekaart é" with a home folder that is not writable, and the content override.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("routekaart_build_smoke", ROOT / "build" / "smoke.py")
smoke = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(smoke)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not smoke.executable().exists(), reason="geen bundel: draai eerst python build/build.py"),
]


def test_frozen_smoke_test():
    line = smoke.check_plain()
    assert line.startswith("smoke-test ok")


def test_frozen_from_read_only_copy_in_odd_path_without_writable_home():
    line = smoke.check_readonly_copy()
    assert line.startswith("smoke-test ok")


def test_frozen_content_override():
    smoke.check_content_override()


def test_frozen_bundle_signs_and_verifies(tmp_path):
    """The bundle carries the signature library (libsodium through cffi): keygen, sign, verify."""
    import shutil
    import subprocess

    from test_aanvulling import copy_pack

    exe = str(smoke.executable())

    def run(*args):
        return subprocess.run([exe, "aanvulling", *args], capture_output=True, text=True, timeout=120)

    assert run("keygen", str(tmp_path / "g.key"), "--naam", "G").returncode == 0
    pack = copy_pack(tmp_path)
    assert run("sign", str(pack), "--sleutel", str(tmp_path / "g.key")).returncode == 0
    (tmp_path / "v").mkdir()
    shutil.copy(tmp_path / "g.pub", tmp_path / "v")
    result = run("verify", str(pack), "--vertrouwd", str(tmp_path / "v"))
    assert result.returncode == 0 and "ondertekend met vertrouwde sleutel g" in result.stdout, result.stderr
    with open(pack / "aanvulling.yaml", "a", encoding="utf-8") as handle:
        handle.write("# later\n")
    result = run("verify", str(pack), "--vertrouwd", str(tmp_path / "v"))
    assert result.returncode == 1 and "komt niet overeen met de handtekening" in result.stdout
