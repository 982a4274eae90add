"""Shared test set-up: offscreen Qt, settings in a temporary folder, content copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture(autouse=True)
def _private_config(tmp_path_factory, monkeypatch):
    """Every test gets its own config folder: settings never touch the real profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))  # local additions (aanvullingen)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("ROUTEKAART_CONTENT", raising=False)
    yield home


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the bundled content."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def store():
    from routekaart_app.content import load_content

    return load_content(CONTENT)


def run_cli(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 60):
    """Run `python -m routekaart_app ARGS` as a real subprocess."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "routekaart_app", *args],
        capture_output=True,
        text=True,
        input=input,
        env=full_env,
        timeout=timeout,
    )
