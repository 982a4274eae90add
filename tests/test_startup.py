"""How the app starts and ends, as real processes: what start-up may not pull in, and a clean close.

The start-up budget itself is measured by tests/bench/run.py (timings do not belong in unit tests
on a noisy machine). These tests keep the design that meets it: the things that cost start-up time
and are not needed for the first window stay out of the way to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    path = tmp_path / "start.py"
    path.write_text(script, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    env.pop("ROUTEKAART_CONTENT", None)
    return subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env
    )


def test_the_first_window_needs_no_qt_enums_dialogs_or_validation_libraries(tmp_path):
    """Looked at the moment the smoke test finds the window shown and the event loop running."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "def look():\n"
        "    import PySide6.QtCore as core, PySide6.QtWidgets as widgets\n"
        "    built = [n for n in ('Qt', 'QEvent') if n in core.__dict__]\n"
        "    built += [n for n in ('QMessageBox', 'QListWidget', 'QStyle', 'QStyleOptionViewItem') if n in widgets.__dict__]\n"
        "    modules = [m for m in ('pydantic', 'yaml', 'markdown', 'nh3', 'dataclasses', 'hashlib', 'html', 'datetime',\n"
        "               'json', 'sqlite3', 'routekaart_app.search', 'routekaart_app.advice.engine',\n"
        "               'routekaart_app.ui.wizard', 'PySide6.QtNetwork') if m in sys.modules]\n"
        "    import gc\n"
        "    unread = [o for o in gc.get_objects() if type(o).__name__ == '_Pages' and o._body is not None]\n"
        "    print('gebouwd', built, 'modules', modules, 'paginateksten ongelezen', len(unread))\n"
        "from routekaart_app.ui import main_window\n"
        "shown = main_window.MainWindow.show\n"
        "def show(self):\n"  # the app makes its own QApplication, as at a real start
        "    shown(self)\n"
        "    QTimer.singleShot(0, look)\n"
        "main_window.MainWindow.show = show\n"
        "from routekaart_app.app import run_gui\n"
        "code = run_gui(smoke_test=True)\n"
        "import PySide6.QtCore as core\n"
        "gui = sys.modules['PySide6.QtGui']\n"
        "print('na afsluiten', [n for n in ('QEvent', 'QCloseEvent') if n in core.__dict__ or n in gui.__dict__])\n"
        "sys.exit(code)\n"
    )
    result = _run(script, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke-test ok" in result.stdout
    # ... and reads no page's full text (only the snapshot's first line: content.snapshot).
    assert "gebouwd [] modules [] paginateksten ongelezen 1" in result.stdout, result.stdout
    # Closing hands no event to Python either (the settings are written after the loop ends).
    assert "na afsluiten []" in result.stdout, result.stdout


def test_closing_the_window_saves_settings_runs_exit_handlers_and_ends_with_its_code(tmp_path):
    """The real entry point: the user picks a municipality and closes the window."""
    script = (
        "import atexit, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from routekaart_app.ui import main_window\n"
        "shown = main_window.MainWindow.show\n"
        "def show(self):\n"
        "    shown(self)\n"
        "    def use_and_close():\n"
        "        self.set_municipality('leiden')\n"
        "        self.close()\n"
        "    QTimer.singleShot(0, use_and_close)\n"
        "main_window.MainWindow.show = show\n"
        "atexit.register(lambda: print('afsluiters gedraaid'))\n"
        "sys.stdout.write('gebufferd zonder flush')\n"
        "sys.argv = ['routekaart']\n"
        "from routekaart_app.__main__ import main\n"
        "main()\n"
        "print('niet bereikt: main() eindigt het proces')\n"
    )
    result = _run(script, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("gebufferd zonder flush") and "afsluiters gedraaid" in result.stdout
    assert "niet bereikt" not in result.stdout
    ini = next((tmp_path / "home").rglob("routekaart.ini"))
    text = ini.read_text(encoding="utf-8")
    assert "municipality=leiden" in text and "geometry=" in text


def test_the_smoke_test_ends_the_same_way_and_writes_nothing(tmp_path):
    result = _run("import sys\nsys.argv = ['routekaart', '--smoke-test']\n"
                  "from routekaart_app.__main__ import main\nmain()\n", tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("smoke-test ok:"), result.stderr[-2000:]
    assert not list((tmp_path / "home").rglob("*.ini"))
