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


def program_dir() -> Path:
    """The folder the program itself is in, where IT places `aanvullingen/` and `vertrouwd/`:
    the frozen program's folder, or the top of the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return program_root()


def user_data_dir() -> Path:
    """The user's own data folder, as Qt's QStandardPaths.AppDataLocation names it for
    "Routekaart" (without importing Qt): Windows %APPDATA%\\Routekaart, macOS
    ~/Library/Application Support/Routekaart, otherwise $XDG_DATA_HOME/Routekaart."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / "Routekaart"


def user_packs_dir() -> Path:
    """Where "Bestand > Aanvulling toevoegen…" copies a pack (the user's own profile)."""
    return user_data_dir() / "aanvullingen"


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
