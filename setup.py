"""Ships the bundled content and resources inside the package, so `pip install .` works alone.

The metadata lives in pyproject.toml. The repository keeps `content/` and `resources/` at the top
(the policy advisers' folder, the PyInstaller bundle and the source checkout read them there);
a built wheel carries copies as `routekaart_app/_data/content` and `routekaart_app/_data/resources`,
which `routekaart_app.paths.program_root()` finds first. An editable install needs no copies: it
runs from `src/` and reads the folders at the top of the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("content", "resources")


class BuildPyWithData(build_py):
    def run(self) -> None:
        editable = getattr(self, "editable_mode", False)
        package = Path(self.build_lib) / "routekaart_app"
        if not editable:
            # An in-tree build reuses build/lib: start empty, so a module that was moved or
            # deleted since the last build does not end up in the wheel.
            shutil.rmtree(package, ignore_errors=True)
        super().run()
        if editable:
            return
        for name in DATA_FOLDERS:
            # hidden files are kept: content/.snapshot.json lets the window open fast
            shutil.copytree(HERE / name, package / "_data" / name, ignore=shutil.ignore_patterns("__pycache__", "*.py[cod]"))


setup(cmdclass={"build_py": BuildPyWithData})
