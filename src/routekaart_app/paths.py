"""Where the program's own files are: the source tree or the frozen bundle.

Everything is resolved from the program's own location, never from the current directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONTENT_ENV = "ROUTEKAART_CONTENT"
INSTALLED_DATA = "_data"  # setup.py copies content/ and resources/ here when it builds a wheel


def program_root() -> Path:
    """The folder holding `content/` and `resources/`.

    The frozen bundle's folder; in an installed package (`pip install .`) the copies that setup.py
    put inside it (`routekaart_app/_data`); in a source checkout or an editable install the top of
    the repository.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    installed = package / INSTALLED_DATA
    if installed.is_dir():
        return installed
    return package.parents[1]


def bundled_content_dir() -> Path:
    return program_root() / "content"


def resources_dir() -> Path:
    return program_root() / "resources"


def override_content_dir(cli_value: str | None) -> Path | None:
    """The content folder the user asked for (`--content` wins over the environment)."""
    value = cli_value or os.environ.get(CONTENT_ENV) or None
    if not value:
        return None
    try:
        return Path(value).expanduser()
    except RuntimeError:  # "~nouser": no such user; the folder as written (it will not exist)
        return Path(value)
