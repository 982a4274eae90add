"""A plain `pip install .` (not editable) gives a working app with its bundled content.

The project is copied to a temporary folder (so nothing can be read from this checkout), built
with pip as a user would, and installed into a fresh virtual environment. To keep it quick the
fresh environment gets no pip of its own (this environment's pip installs into it with
`--python`) and finds the already installed, pinned dependencies through a `.pth` file (a path
line there is added to `sys.path`, the `.pth` files it holds are not: an editable install of
this checkout stays invisible). The build itself runs isolated, with the pinned setuptools.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
PROJECT_FOLDERS = ("src", "content", "resources")

pytestmark = pytest.mark.slow


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _venv_script(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with this project installed from a copy, not editable."""
    base = tmp_path_factory.mktemp("install")
    project = base / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.py[cod]", "*.egg-info", "_data")
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, project / name, ignore=ignore)

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    purelib = subprocess.run(
        [str(_venv_python(venv)), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip()
    deps = [path for path in site.getsitepackages() if Path(path).is_dir()]
    Path(purelib, "_routekaart_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(_venv_python(venv)), "install", "--no-deps",
         "--disable-pip-version-check", "--no-input", "-q", str(project)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return venv


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ROUTEKAART_CONTENT", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(_venv_script(installed, "routekaart")), *args],
        capture_output=True, text=True, env=_env(), cwd=cwd, timeout=300,
    )


def test_the_installed_package_is_the_copy_with_its_data(installed, tmp_path):
    probe = (
        "import importlib.resources as r, routekaart_app, routekaart_app.paths as p\n"
        "from routekaart_app.content import snapshot\n"
        "print(routekaart_app.__file__)\n"
        "print(p.bundled_content_dir())\n"
        "print(r.files('routekaart_app').joinpath('py.typed').is_file())\n"
        "print((p.resources_dir() / 'routekaart.png').is_file())\n"
        "print(snapshot.load(p.bundled_content_dir()) is not None)\n"
    )
    result = subprocess.run(
        [str(_venv_python(installed)), "-c", probe], capture_output=True, text=True, env=_env(), cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    module, content, typed, icon, fresh_snapshot = result.stdout.splitlines()
    venv = installed.resolve()
    assert Path(module).resolve().is_relative_to(venv), module  # not this checkout's src/
    assert Path(content).resolve().is_relative_to(venv), content
    assert Path(content, "content.yaml").is_file()
    assert typed == "True"  # py.typed is shipped: type checkers use the package's annotations
    assert icon == "True"
    assert fresh_snapshot == "True"  # the snapshot came along and still matches the files


def test_installed_validate(installed, tmp_path):
    result = _run(installed, "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    said = result.stdout + result.stderr  # the summary goes to stderr, stdout stays for data
    assert said.startswith("ok:") and str(installed.resolve()) in said, said


def test_installed_smoke_test(installed, tmp_path):
    result = _run(installed, "--smoke-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.stdout.startswith("smoke-test ok:"), result.stdout + result.stderr
