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
