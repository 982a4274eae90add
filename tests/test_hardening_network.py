"""No network: the window and a full wizard session run with every socket refused.

A `sitecustomize.py` on PYTHONPATH replaces `socket.socket`, `socket.create_connection`, name
lookups etc. with functions that record the attempt and raise. The runs must succeed and the
record must stay empty; Qt's network module must never even be imported. Where strace is
available, a second check sees the system calls themselves (Qt opens sockets in C++, not through
Python's socket module).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from _hardening import network_blocker
from conftest import ROOT, run_cli

FACTS = {"municipality": "Delft", "suspicion": True, "red_flags": ["strangulation"]}
NETWORK_MODULES = ("PySide6.QtNetwork", "ssl", "http.client", "urllib.request", "ftplib", "smtplib", "requests", "httpx")


def _advise_available() -> str:
    """Why the wizard session cannot run ("" when it can): a missing wizard fails the test."""
    try:
        import routekaart_app.advice  # noqa: F401
    except ImportError:
        return "routekaart_app.advice bestaat nog niet"
    result = run_cli("--help")
    if not re.search(r"\badvise\b", result.stdout):
        return "de opdracht 'routekaart advise' bestaat nog niet"
    return ""


def _check_clean(log, result) -> list[str]:
    assert result.returncode == 0, result.stderr[-2000:]
    attempts = log.read_text(encoding="utf-8").splitlines()
    assert attempts == [], f"netwerkpogingen: {attempts}"
    modules = (log.parent / (log.name + ".modules")).read_text(encoding="utf-8").splitlines()
    assert modules, "the blocker did not run (sitecustomize not loaded?)"
    for name in NETWORK_MODULES:
        assert not any(m == name or m.startswith(name + ".") for m in modules), name
    maps = log.parent / (log.name + ".maps")
    if maps.exists():
        assert "Qt6Network" not in maps.read_text(encoding="utf-8")
    return modules


def test_blocker_really_blocks(tmp_path):
    env, log = network_blocker(tmp_path / "net")
    code = "import socket\ntry:\n    socket.create_connection(('example.org', 80))\nexcept OSError as e:\n    print('blocked', e)\n"
    import os

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
    assert "blocked" in result.stdout, result.stderr
    assert "create_connection" in log.read_text(encoding="utf-8")


def test_smoke_test_without_network(tmp_path):
    env, log = network_blocker(tmp_path / "net")
    result = run_cli("--smoke-test", env={**env, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert result.stdout.startswith("smoke-test ok:"), result.stdout + result.stderr
    modules = _check_clean(log, result)
    assert "PySide6.QtWidgets" in modules  # the window really was built in this process


def test_full_wizard_session_without_network(tmp_path):
    why = _advise_available()
    assert not why, why
    env, log = network_blocker(tmp_path / "net")
    result = run_cli("advise", "--facts", "-", input=json.dumps(FACTS), env=env, timeout=120)
    _check_clean(log, result)
    outcome = json.loads(result.stdout)
    assert outcome["municipality"] == "Delft" and outcome["recommendations"]
    facts_file = tmp_path / "feiten.json"
    facts_file.write_text(json.dumps(FACTS), encoding="utf-8")
    log.write_text("", encoding="utf-8")
    result = run_cli("advise", "--facts", str(facts_file), "--format", "text", env=env, timeout=120)
    _check_clean(log, result)
    assert "Delft" in result.stdout


def test_wizard_in_the_window_without_network(tmp_path):
    """The GUI wizard, a few answers and the record, in a subprocess with sockets refused."""
    why = _advise_available()
    assert not why, why
    env, log = network_blocker(tmp_path / "net")
    script = tmp_path / "sessie.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "from routekaart_app.content import load_for_app\n"
        "from routekaart_app.ui.main_window import MainWindow\n"
        "w = MainWindow(load_for_app(None))\n"
        "w.show()\n"
        "w.set_municipality('delft')\n"
        "w.search_field.setText('wurging')\n"
        "w.open_wizard()\n"
        "app.processEvents()\n"
        "assert w.wizard is not None\n"
        "html = w.wizard.record_html()\n"
        "assert html.startswith('<html>'), html[:200]\n"
        "w.open_item('femicide')\n"
        "w.close()\n"
        "print('sessie ok')\n",
        encoding="utf-8",
    )
    import os

    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        cwd=ROOT,
    )
    assert "sessie ok" in result.stdout, result.stderr[-2000:]
    _check_clean(log, result)


@pytest.mark.skipif(not shutil.which("strace"), reason="strace is niet beschikbaar")
def test_no_internet_sockets_at_the_system_level(tmp_path):
    """Seen from the kernel: no AF_INET/AF_INET6 socket and no connect() at all."""
    trace = tmp_path / "strace.txt"
    import os

    cmd = ["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto", "-o", str(trace),
           sys.executable, "-m", "routekaart_app", "--smoke-test"]
    result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    if result.returncode != 0 and "ptrace" in (result.stderr or "").lower():
        pytest.skip("ptrace is hier niet toegestaan")
    assert result.returncode == 0, result.stderr[-2000:]
    calls = trace.read_text(encoding="utf-8")
    assert "AF_INET" not in calls and "AF_INET6" not in calls and "AF_PACKET" not in calls, calls[:2000]
    assert "connect(" not in calls or all("AF_UNIX" in line for line in calls.splitlines() if "connect(" in line), calls[:2000]
