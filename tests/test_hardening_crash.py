"""Crash safety: an unexpected error shows a Dutch dialog and the window stays usable; the CLI
never prints a traceback for bad input, and for a genuine bug only with --debug."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from conftest import ROOT, run_cli
from routekaart_app import cli
from routekaart_app.content import load_for_app
from routekaart_app.ui import crash
from routekaart_app.ui.main_window import MainWindow

SECRET = "cliënt mevrouw Jansen, BSN 123456782"


class Broken:
    def search(self, *args, **kwargs):
        raise RuntimeError(f"kapot bij {SECRET}")


@pytest.fixture
def window(qtbot):
    win = MainWindow(load_for_app(None))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def reporter(window):
    rep = crash.install(lambda: window, debug=False)
    yield rep
    rep.uninstall()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_shows_dutch_dialog_and_window_keeps_working(qtbot, window, reporter, capfd):
    window._search_index = Broken()
    window.search_field.setText("femicide")  # the slot raises inside Qt's signal delivery
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()  # non-blocking: the window stays usable while it is open
    text = dialog.text() + "\n" + dialog.informativeText()
    assert "Er ging iets mis" in text and "Het venster blijft open" in text
    assert "Wat u nu kunt doen" in text and "start de app opnieuw" in text and "Veilig Thuis" in text
    details = dialog.detailedText()
    assert "RuntimeError" in details and "test_hardening_crash.py" in details
    assert SECRET not in text + details
    err = capfd.readouterr().err
    assert SECRET not in err and "Traceback" not in err
    assert err.strip().startswith("routekaart: interne fout: RuntimeError")
    # the window still works
    window._search_index = None
    window.search_field.clear()
    window.search_field.setText("femicide")
    assert window.results.count() >= 1
    window.open_item("femicide")
    assert window.reader.current_id() == "femicide"
    window.act_home.trigger()
    assert window.reader.current_id() == ""
    dialog.close()


@pytest.mark.qt_no_exception_capture
def test_errors_in_the_event_loop_share_one_dialog(qtbot, window, reporter):
    def boom():
        raise ZeroDivisionError(SECRET)

    for _ in range(3):
        QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.count == 3)
    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "foutmelding" and w.isVisible()]
    assert dialogs == [reporter.dialog]
    assert "3 keer" in reporter.dialog.text()
    assert SECRET not in reporter.dialog.detailedText()
    reporter.dialog.close()
    QTimer.singleShot(0, boom)  # after closing: a fresh dialog, counting from one
    qtbot.waitUntil(lambda: reporter.dialog.isVisible())
    assert reporter.count == 1 and "keer" not in reporter.dialog.text()
    reporter.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_thread_reaches_the_gui_thread(qtbot, window, reporter):
    thread = threading.Thread(target=lambda: 1 / 0)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "ZeroDivisionError" in reporter.dialog.detailedText()
    reporter.dialog.close()


def test_debug_prints_the_traceback(window, capfd):
    rep = crash.CrashReporter(lambda: window, debug=True)
    try:
        raise ValueError("details voor de ontwikkelaar")
    except ValueError as exc:
        rep.excepthook(type(exc), exc, exc.__traceback__)
    err = capfd.readouterr().err
    assert "Traceback" in err and "details voor de ontwikkelaar" in err
    rep.dialog.close()


def test_keyboard_interrupt_is_not_a_crash(window, monkeypatch):
    rep = crash.CrashReporter(lambda: window)
    seen = []
    monkeypatch.setattr(sys, "__excepthook__", lambda *a: seen.append(a[0]))
    rep.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt] and rep.dialog is None


def test_install_and_uninstall_restore_the_hooks(window):
    before = (sys.excepthook, threading.excepthook)
    rep = crash.install(lambda: window)
    assert sys.excepthook == rep.excepthook and threading.excepthook == rep.thread_excepthook
    rep.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_run_gui_installs_the_handler(tmp_path):
    """The real start: an error in the running app gives the dialog, and the app carries on."""
    script = tmp_path / "start.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "def boom():\n"
        f"    raise RuntimeError({SECRET!r})\n"
        "QTimer.singleShot(0, boom)\n"
        "from routekaart_app.app import run_gui\n"
        "from routekaart_app.ui import crash\n"
        "def look():  # after boom, before the smoke test quits (and closes every window)\n"
        "    rep = crash.reporter()\n"
        "    print('codes', rep.codes, 'zichtbaar', rep.dialog is not None and rep.dialog.isVisible())\n"
        "QTimer.singleShot(0, look)\n"
        "code = run_gui(smoke_test=True)\n"
        "sys.exit(code)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke-test ok" in result.stdout and "RuntimeError in start.py" in result.stdout
    assert "zichtbaar True" in result.stdout
    assert SECRET not in result.stdout + result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# the CLI


def bad_inputs(tmp_path) -> list[list[str]]:
    not_json = tmp_path / "kapot.json"
    not_json.write_text("{niet: json", encoding="utf-8")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    a_list = tmp_path / "lijst.json"
    a_list.write_text("[1, 2]", encoding="utf-8")
    unknown = tmp_path / "onbekend.json"
    unknown.write_text(json.dumps({"bestaat_niet": True}), encoding="utf-8")
    wrong_type = tmp_path / "type.json"
    wrong_type.write_text(json.dumps({"suspicion": "misschien", "red_flags": "geen lijst"}), encoding="utf-8")
    a_file = tmp_path / "bestand.txt"
    a_file.write_text("x", encoding="utf-8")
    cases = [
        ["bogus"],
        ["search"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--limit", "veel"],
        ["search", "x", "--format", "xml"],
        ["validate", "--content", str(tmp_path / "nergens")],
        ["validate", "--content", str(a_file)],
        ["inventory", "--nope"],
        ["render"],
        ["render", "--markdown", str(binary)],
        ["render", "--item", "bestaat_niet"],
        ["advise"],
        ["advise", "--facts", str(tmp_path / "nergens.json")],
        ["advise", "--facts", str(not_json)],
        ["advise", "--facts", str(binary)],
        ["advise", "--facts", str(a_list)],
        ["advise", "--facts", str(unknown)],
        ["advise", "--facts", str(wrong_type)],
        ["advise", "--facts", str(tmp_path)],
    ]
    return cases


def test_bad_input_never_gives_a_traceback(tmp_path, capsys):
    for args in bad_inputs(tmp_path):
        code = cli.run(args)
        err = capsys.readouterr().err
        assert code == 2, (args, code, err)
        assert "Traceback" not in err and "interne fout" not in err, (args, err)
        assert len(err.strip().splitlines()) == 1 and err.startswith("routekaart: "), (args, err)


def test_bad_input_as_subprocess(tmp_path):
    for args in bad_inputs(tmp_path)[::3]:
        result = run_cli(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr, (args, result.stderr)
    result = run_cli("advise", "--facts", "-", input="{kapot")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_genuine_bug_traceback_only_with_debug(monkeypatch, capsys):
    def bug(args):
        raise KeyError("een fout in het programma")

    monkeypatch.setattr(cli.verb_module("validate"), "run", bug)
    assert cli.run(["validate"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "interne fout: KeyError" in err and "--debug" in err
    with pytest.raises(KeyError):
        cli.run(["--debug", "validate"])


def test_genuine_bug_with_debug_as_subprocess():
    code = (
        "import sys\n"
        "from routekaart_app import cli\n"
        "cli.verb_module('validate').run = lambda args: 1 / 0\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    plain = subprocess.run([sys.executable, "-c", code, "validate"], capture_output=True, text=True, timeout=60)
    assert plain.returncode == 3 and "Traceback" not in plain.stderr
    debug = subprocess.run([sys.executable, "-c", code, "--debug", "validate"], capture_output=True, text=True, timeout=60)
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


ARG = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["--format", "json", "text", "--limit", "-1", "--content", "/", "--facts", "-", "--markdown",
                     "--item", "femicide", "--fragment", "--gemeente", "Delft", "--", "-x", "\x00", "é", "*", '"', "NEAR", "OR"]),
)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["search", "validate", "inventory", "render", "advise"]), st.lists(ARG, max_size=5))
def test_random_arguments_never_crash(capsys, verb, args):
    argv = [verb, *(a for a in args if "\x00" not in a)]
    started = time.perf_counter()
    try:
        code = cli.run(argv)
    except SystemExit as exc:  # pragma: no cover - run() turns these into codes
        pytest.fail(f"SystemExit {exc.code} for {argv}")
    err = capsys.readouterr().err
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "interne fout" not in err, (argv, err)
    assert time.perf_counter() - started < 10
