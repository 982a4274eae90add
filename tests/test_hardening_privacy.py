"""No traces: a session creates only the settings file (and what the user exports), settings
hold only preferences, and a corrupt or unreadable settings file never stops the app."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from _hardening import changed_files, created_files, read_only, snapshot
from conftest import CONTENT, ROOT, run_cli
from routekaart_app import paths
from routekaart_app.content import load_for_app
from routekaart_app.ui import crash
from routekaart_app.ui.main_window import MainWindow
from routekaart_app.ui.settings import ALLOWED_KEYS, DAMAGED_SUFFIX, Settings, settings_path

SECRET = "mevrouw Jansen, Kerkstraat 12"
SEARCH = "wurging"


@pytest.fixture
def private_session(tmp_path, monkeypatch, _private_config):
    """A temporary HOME/XDG/TMPDIR and a read-only copy of the program folder (content, resources)."""
    home = Path(_private_config)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    for var, sub in (("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # tempfile caches the folder: make it look again
    program = tmp_path / "programma"
    shutil.copytree(CONTENT, program / "content")
    shutil.copytree(ROOT / "resources", program / "resources")
    monkeypatch.setattr(paths, "program_root", lambda: program)
    with read_only(program):
        yield home, tmp, program


def test_a_session_leaves_only_the_settings_file(qtbot, private_session, monkeypatch):
    home, tmp, program = private_session
    before = snapshot(home, tmp, program)

    loaded = load_for_app(None)
    assert loaded.store.root == program / "content" and not loaded.skipped
    window = MainWindow(loaded)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # a search, typed
    qtbot.keyClicks(window.search_field, SEARCH)
    assert window.results.count() >= 1
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    # a municipality
    window.set_municipality("delft")
    assert window.municipality_id == "delft"
    # the wizard, with a note that names a client
    window.open_wizard()
    note = getattr(window.wizard, "note", None)
    if note is not None:
        note.setPlainText(SECRET)
    # an unexpected error on the way: handled, nothing written
    reporter = crash.CrashReporter(lambda: window, debug=False).install()
    try:
        try:
            raise RuntimeError(f"fout met {SECRET}")
        except RuntimeError as exc:
            reporter.excepthook(type(exc), exc, exc.__traceback__)
        assert reporter.dialog is not None and SECRET not in reporter.dialog.text() + reporter.dialog.detailedText()
    finally:
        reporter.uninstall()
    # an explicit export by the user
    export = home / "Documenten" / "pagina.pdf"
    export.parent.mkdir()
    window.open_item("femicide")
    window.export_pdf(export)
    window.close()

    after = snapshot(home, tmp, program)
    ini = settings_path()
    assert created_files(before, after) == sorted([str(ini), str(export)])
    assert changed_files(before, after) == []
    text = ini.read_text(encoding="utf-8")
    keys = {line.split("=", 1)[0].strip() for line in text.splitlines() if "=" in line}
    assert keys <= ALLOWED_KEYS and "municipality" in keys
    for secret in (SEARCH, "femicide", "Jansen", "Kerkstraat", "strangulation"):
        assert secret not in text


def test_smoke_test_creates_no_files(tmp_path):
    home, tmp, content = tmp_path / "home", tmp_path / "tmp", tmp_path / "content"
    home.mkdir()
    tmp.mkdir()
    shutil.copytree(CONTENT, content)
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TMPDIR": str(tmp),
        "QT_QPA_PLATFORM": "offscreen",
    }
    with read_only(content):
        before = snapshot(home, tmp, content)
        result = run_cli("--smoke-test", "--content", str(content), env=env, timeout=120)
        after = snapshot(home, tmp, content)
    assert result.returncode == 0 and result.stdout.startswith("smoke-test ok:"), result.stderr[-2000:]
    assert "overgeslagen" not in result.stdout
    assert created_files(before, after) == [] and changed_files(before, after) == []


# ---------------------------------------------------------------------------------------------
# settings hold preferences only


def test_settings_refuse_anything_but_preferences():
    settings = Settings()
    for key in ("search", "zoekgeschiedenis", "answers", "antwoorden", "note", "notitie", "facts", "last_query", "recent"):
        with pytest.raises(KeyError):
            settings.set_value(key, "x")
    suspicious = ("search", "zoek", "query", "answer", "antwoord", "note", "notitie", "fact", "feit", "history", "recent", "case", "casus")
    assert not [k for k in ALLOWED_KEYS if any(s in k.lower() for s in suspicious)]


# ---------------------------------------------------------------------------------------------
# a corrupt or unreadable settings file


def _window(qtbot) -> MainWindow:
    window = MainWindow(load_for_app(None))
    qtbot.addWidget(window)
    window.show()
    return window


GARBAGE = {
    "random": bytes(random.Random(7).randrange(256) for _ in range(5000)),
    "nul": b"\x00" * 300,
    "bad_utf8": b"[General]\nmunicipality=caf\xe9\n",
    "variant": b"[General]\nzoom=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\vgarbage)\nmunicipality=@ByteArray(\xff\xfe)\n",
    "unknown_keys": b"[General]\nzoekgeschiedenis=femicide\nmunicipality=delft\n",
    "unclosed": b"[General\nzoom=1\n",
    "huge": b"[General]\nzoom=" + b"9" * 1_000_000 + b"\n",
}


@pytest.mark.parametrize("name", list(GARBAGE))
def test_corrupt_settings_file_means_defaults_and_one_warning(qtbot, name):
    ini = settings_path()
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_bytes(GARBAGE[name])
    window = _window(qtbot)
    assert window.municipality_id is None and window.zoom_steps == 0
    warning = window.settings.warning
    if name != "huge":  # a (silly) valid file: it is simply used, zoom clamped
        assert "beschadigd" in warning
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == warning)
        kept = ini.with_name(ini.name + DAMAGED_SUFFIX)
        assert kept.read_bytes() == GARBAGE[name]  # the user's file is kept, not destroyed
    window.set_municipality("leiden")
    window.close()
    again = _window(qtbot)
    assert again.settings.warning == ""  # once: the next start is clean
    assert again.municipality_id == "leiden"


@pytest.mark.parametrize("how", ["folder", "no_permission"])
def test_unreadable_settings_file(qtbot, how):
    ini = settings_path()
    ini.parent.mkdir(parents=True, exist_ok=True)
    if how == "folder":  # a folder where the file should be: unreadable as a file, on every system
        ini.mkdir()
    else:
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root (of Windows) leest elk bestand")
        ini.write_text("[General]\nmunicipality=delft\n", encoding="utf-8")
        ini.chmod(0)
    try:
        window = _window(qtbot)
        assert window.municipality_id is None
        assert "niet te lezen" in window.settings.warning
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == window.settings.warning)
        window.set_municipality("delft")  # kept in memory, no crash
        assert window.municipality_id == "delft"
        window.close()
        assert not ini.with_name(ini.name + DAMAGED_SUFFIX).exists()  # left alone
    finally:
        if ini.is_dir():
            ini.rmdir()
        else:
            ini.chmod(0o644)


def test_unwritable_settings_folder(qtbot, _private_config):
    folder = settings_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    with read_only(folder):
        window = _window(qtbot)
        assert "niet beschrijfbaar" in window.settings.warning
        window.set_municipality("delft")
        window.close()
        assert not any(folder.iterdir())
