"""The user's settings: an INI file in the user's own config folder, never next to the program.

Only preferences live here (region, municipality, zoom, window size) — never answers, notes or
search terms. If the folder is not writable or the file is corrupt, the app runs on in-memory
defaults and says so once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

SETTINGS_FILE = "routekaart.ini"
#: Keys that may be stored; anything else is refused (privacy by construction).
ALLOWED_KEYS = {"municipality", "region", "zoom", "geometry", "splitter", "fullscreen"}


def settings_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base) / SETTINGS_FILE


class Settings:
    """A small wrapper that never raises and never stores anything but preferences."""

    def __init__(self) -> None:
        self.path = settings_path()
        self.warning = ""
        self._memory: dict[str, object] = {}
        self._qsettings: QSettings | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(self.path.parent, os.W_OK):
                raise PermissionError(str(self.path.parent))
            qs = QSettings(str(self.path), QSettings.Format.IniFormat)
            if qs.status() != QSettings.Status.NoError:
                self.warning = (
                    f"Het instellingenbestand {self.path} is beschadigd; de app gebruikt de standaardinstellingen."
                )
                qs = None
            self._qsettings = qs
        except OSError:
            self.warning = (
                f"De map {self.path.parent} is niet beschrijfbaar; instellingen worden deze keer niet bewaard."
            )

    def value(self, key: str, default: object = None) -> object:
        if self._qsettings is None:
            return self._memory.get(key, default)
        value = self._qsettings.value(key, default)
        return default if value is None else value

    def set_value(self, key: str, value: object) -> None:
        if key not in ALLOWED_KEYS:
            raise KeyError(f"'{key}' is geen toegestane instelling")
        if self._qsettings is None:
            self._memory[key] = value
            return
        self._qsettings.setValue(key, value)

    def sync(self) -> None:
        if self._qsettings is None:
            return
        self._qsettings.sync()
        if self._qsettings.status() != QSettings.Status.NoError and not self.warning:
            self.warning = f"Instellingen konden niet worden opgeslagen in {self.path}."
