"""A real accessibility client (issue 19): the app under Xvfb on the AT-SPI bus, as Orca sees it.

tests/atspi_journey.py runs with the system's Python (python3-pyatspi) inside `dbus-run-session`
and `xvfb-run`, starts the app with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, walks its tree (no
focusable control without a name or a role) and does a journey only through the accessibility
bus: type a search into the field's editable-text interface, select the first result and press
Enter as an assistive technology does (the registry's keyboard event), press 'Wizard', tick
'Weet ik niet' and 'Ja' through their actions, press 'Bekijk de uitkomst' and read the outcome
through the text interface.

Skipped only outside CI when the system packages are missing (.ci/a11y-deps installs them; .ci/run
calls it, and in CI this test fails rather than skips).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> list[str]:
    missing = [tool for tool in ("xvfb-run", "dbus-run-session", "Xvfb") if shutil.which(tool) is None]
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        missing.append("at-spi2-core")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True
    ).returncode:
        missing.append("python3-pyatspi")
    return missing


@pytest.fixture(scope="module")
def journey(tmp_path_factory):
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"AT-SPI-test kan niet draaien, ontbreekt: {missing} (installeer met .ci/a11y-deps)")
        pytest.skip(f"AT-SPI niet aanwezig: {missing} (.ci/a11y-deps installeert het)")
    home = tmp_path_factory.mktemp("atspi-home")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                                                            "ROUTEKAART_CONTENT", "QT_SCALE_FACTOR")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_RUNTIME_DIR=str(home))
    os.chmod(home, 0o700)
    # xvfb-run outside, so that the bus and the registry daemon it starts know the display.
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "dbus-run-session", "--",
         SYSTEM_PYTHON, str(ROOT / "tests" / "atspi_journey.py"), sys.executable],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=env,
    )
    lines = [line for line in result.stdout.split("\n") if line.startswith("{")]
    assert lines, f"rc={result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    report = json.loads(lines[-1])
    assert "error" not in report, report
    return report


def test_the_app_is_on_the_accessibility_bus_and_every_control_is_named(journey):
    assert journey["window"].startswith("Routekaart")
    assert journey["unnamed_start"] == []
    assert journey["unnamed_wizard"] == []


def test_a_journey_through_accessibility_actions_only(journey):
    assert journey["steps"] == ["gezocht", "pagina geopend", "wizard beantwoord", "uitkomst gelezen"]
    assert journey["results"] > 0
    assert journey["page"].startswith(journey["result"])  # the result's page opened in the reader
    # The question is read as its text, described as a question (not just the word 'Vraag').
    assert journey["question"].startswith("Is er nu acuut gevaar")
    assert journey["question_description"] == "Vraag"
    assert "Bel 112" in journey["outcome"]
