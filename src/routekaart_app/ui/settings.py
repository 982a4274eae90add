"""The user's settings: an INI file in the user's own config folder, never next to the program.

Only preferences live here (region, municipality, the user's own sector and organisation, zoom,
window size) — never answers, notes or search terms. If the folder is not writable or the file is
corrupt, the app runs on in-memory defaults and says so once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

SETTINGS_FILE = "routekaart.ini"
#: Keys that may be stored; anything else is refused (privacy by construction).
ALLOWED_KEYS = {
    "municipality", "region", "sector", "organisation", "zoom", "geometry", "splitter", "fullscreen", "trainer_zoom",
}


def settings_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base) / SETTINGS_FILE


#: Where a damaged settings file is kept (never deleted: it is the user's file).
DAMAGED_SUFFIX = ".beschadigd"


def _damage(path: Path, qs: QSettings) -> str:
    """Why the settings file cannot be trusted ("" when it is fine, or absent)."""
    try:
        raw = path.read_bytes() if path.exists() else b""
    except OSError:
        return "onleesbaar"
    if qs.status() != QSettings.Status.NoError:
        return "beschadigd"
    if not raw:
        return ""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "beschadigd"
    if b"\x00" in raw or not set(qs.allKeys()) <= ALLOWED_KEYS:
        return "beschadigd"  # this app only ever writes ALLOWED_KEYS
    return ""


class Settings:
    """A small wrapper that never raises and never stores anything but preferences.

    A damaged settings file (garbage, wrong encoding, keys this app never writes) is kept aside as
    `routekaart.ini.beschadigd` and the app starts on defaults; an unreadable one is left alone and
    settings live in memory. Either way `warning` says so once, and the window shows it.
    """

    def __init__(self) -> None:
        self.path = settings_path()
        self.warning = ""
        self._memory: dict[str, object] = {}
        self._qsettings: QSettings | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(self.path.parent, os.W_OK):
                raise PermissionError(str(self.path.parent))
            qs: QSettings | None
            qs = QSettings(str(self.path), QSettings.Format.IniFormat)
            damage = _damage(self.path, qs)
            if damage == "beschadigd":
                del qs  # let go of the damaged file before it is moved
                qs = self._set_aside()
            elif damage:
                self.warning = (
                    f"Het instellingenbestand {self.path} is niet te lezen; de app gebruikt de "
                    "standaardinstellingen en bewaart deze keer niets."
                )
                qs = None
            self._qsettings = qs
        except OSError:
            self.warning = (
                f"De map {self.path.parent} is niet beschrijfbaar; instellingen worden deze keer niet bewaard."
            )

    def _set_aside(self) -> QSettings | None:
        """Keep the damaged file as *.beschadigd and start a fresh one (None: keep in memory)."""
        kept = self.path.with_name(self.path.name + DAMAGED_SUFFIX)
        try:
            os.replace(self.path, kept)
        except OSError:
            self.warning = (
                f"Het instellingenbestand {self.path} is beschadigd; de app gebruikt de "
                "standaardinstellingen en bewaart deze keer niets."
            )
            return None
        self.warning = (
            f"Het instellingenbestand was beschadigd; de app gebruikt de standaardinstellingen. "
            f"Het oude bestand staat nog als {kept}."
        )
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        return qs if qs.status() == QSettings.Status.NoError else None

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
        if self._qsettings.contains(key) and self._qsettings.value(key) == value:
            return  # unchanged: after a setValue, QSettings rewrites the whole file on the next sync
        self._qsettings.setValue(key, value)

    def sync(self) -> None:
        if self._qsettings is None:
            return
        self._qsettings.sync()
        if self._qsettings.status() != QSettings.Status.NoError and not self.warning:
            self.warning = f"Instellingen konden niet worden opgeslagen in {self.path}."
