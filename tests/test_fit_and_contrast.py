"""Every view fits the screen and can be read, on the screens users have (issue 21).

Each case is its own process (tests/views_probe.py): the screen size and the scale factor are
fixed when Qt starts. The offscreen platform takes a screen description from a JSON file
(`offscreen:configfile=...`), so this runs without a display, as in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "tests" / "views_probe.py"
ALL_VIEWS = {
    "start", "pagina", "zoeken", "wizard-gemeente", "wizard-rode-vlaggen", "wizard-aantal", "wizard-uitkomst",
    "intake", "wizard-vergroot", "trainer-kiezen", "trainer-verhaal", "trainer-aantal", "trainer-rode-vlaggen",
    "trainer-vergelijken",
}


def probe(tmp_path: Path, width: int, height: int, scale: float = 1.0, *args: str) -> dict:
    config = tmp_path / f"scherm-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [
        {"name": "scherm", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    ]}), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale),
           "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    env.pop("ROUTEKAART_CONTENT", None)
    result = subprocess.run([sys.executable, str(PROBE), *args], capture_output=True, text=True, timeout=300,
                            cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, 1.0), (1920, 1080, 1.5), (1024, 768, 1.0)])
def test_every_view_fits_the_screen(tmp_path, width, height, scale):
    """The window and each view's widgets on the screen; nothing cut off by the window, no label
    shorter than its text, no button narrower than its text. 1920x1080 at 150 % is 1280x720."""
    report = probe(tmp_path, width, height, scale)
    assert report["screen"][2:] == [round(width / scale), round(height / scale)]
    assert {v for v in report["views"]} == ALL_VIEWS
    assert report["outside"] == []
    assert report["contrast"] == []


def test_every_view_is_readable_under_a_dark_system_palette(tmp_path):
    report = probe(tmp_path, 1366, 768, 1.0, "--dark")
    assert {v.removesuffix("-donker") for v in report["views"]} == ALL_VIEWS
    assert report["contrast"] == []


def test_the_contrast_check_sees_a_dark_theme_without_the_apps_palette(tmp_path):
    """The check itself: without the app's own palette a dark system theme makes text unreadable
    (dark-blue headings on dark grey, as the issue found), and the probe says so."""
    report = probe(tmp_path, 1366, 768, 1.0, "--dark", "--no-look")
    assert any("wizard" in line for line in report["contrast"]), report["contrast"]
