"""Keystroke -> results painted, link click -> page painted, and the first search after start, in
the real MainWindow (offscreen, 1366x768), on the real content and on 50x content.

Each keystroke is a real key event to the search field (QTest.keyClick); "painted" is when the
event loop has run the window's pending update requests (the paint into the window's backing
store), so a figure holds the handler, the list update, layout and paint. Link clicks are real
mouse clicks on a result; the page is painted the same way.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import CONTENT_DIR, SyntheticStore, child_env, percentile, run_child

#: Time between the window shown and the first keystroke (a user needs longer to reach the field).
IDLE_MS = 500
#: Each query typed key by key; the result clicked after the last key.
TYPED = [
    "meldcode stap 5", "veilig thuis", "geslagen door vader", "vrouw bang voor ex", "Gravenhage",
    "Noordwijk jeugdteam", "femicide", "huisverbod", "aandachtsfunctionaris", "verwurging",
    "sociaal wijkteam Delft", "vraag 4", "MDA++", "intieme terreur", "kindermishandeling melden",
]


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _settle(app) -> None:
    """Run everything pending: posted events, then the paint the update requests asked for."""
    app.sendPostedEvents()
    app.processEvents()


def _window(store: Any):
    from routekaart_app.content import AppContent
    from routekaart_app.ui.main_window import MainWindow

    window = MainWindow(AppContent(store))  # settings in the child's throw-away HOME
    window.remember_on_close = False
    window.resize(1366, 768)
    window.show()
    return window


def _type(app, window, text: str, samples: list[float]) -> None:
    from PySide6.QtTest import QTest

    field = window.search_field
    for char in text:
        t0 = time.perf_counter()
        QTest.keyClick(field, char)
        _settle(app)
        samples.append((time.perf_counter() - t0) * 1000)


def _clear(app, window) -> None:
    window.search_field.clear()
    _settle(app)


def _click_first(app, window, samples: list[float]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    results = window.results
    if window.left_stack.currentWidget() is not results or not results.count():
        return
    rect = results.visualItemRect(results.item(0))
    # The harness's own Python calls (the first wraps the viewport and makes ~50 enum types) are
    # made before the clock starts: a user's click does not go through them.
    viewport, button, modifier, point = results.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    t0 = time.perf_counter()
    QTest.mouseClick(viewport, button, modifier, point)
    _settle(app)
    samples.append((time.perf_counter() - t0) * 1000)


def measure_window(store: Any, passes: int) -> dict[str, Any]:
    """First search, keystroke and page-open figures for one store in a fresh window."""
    app = _app()
    from PySide6.QtGui import QSurface, QWindow
    from PySide6.QtTest import QTest

    # Enum types QTest's own key and mouse events make on first use (not the app's cost).
    _ = (QSurface.SurfaceClass, QSurface.SurfaceType, QWindow.AncestorMode, QWindow.Visibility)
    window = _window(store)
    _settle(app)
    QTest.qWait(IDLE_MS)  # the user finds the search field: the window prepares search meanwhile

    t0 = time.perf_counter()
    QTest.keyClick(window.search_field, "m")  # the first search after start: index opened here
    _settle(app)
    first_ms = (time.perf_counter() - t0) * 1000
    _clear(app, window)
    keys: list[float] = []
    opens: list[float] = []
    for _ in range(passes):
        for text in TYPED:
            _type(app, window, text, keys)
            _click_first(app, window, opens)
            _clear(app, window)
    window.close()
    window.deleteLater()
    _settle(app)
    return {
        "first_search_ms": round(first_ms, 2),
        "key_p50_ms": round(percentile(keys, 50), 3),
        "key_p95_ms": round(percentile(keys, 95), 3),
        "open_p50_ms": round(percentile(opens, 50), 3),
        "open_p95_ms": round(percentile(opens, 95), 3),
        "keystrokes": len(keys),
        "page_opens": len(opens),
    }


def _child(quick: bool) -> dict[str, Any]:
    """In the child process: the real content as the window loads it, then 50x content."""
    from routekaart_app.content import load_content, load_for_app
    from routekaart_app.search.prebuilt import write_image

    result: dict[str, Any] = dict(measure_window(load_for_app(None).store, passes=1 if quick else 3))
    with tempfile.TemporaryDirectory(prefix="routekaart-bench-50x-") as tmp:
        synthetic = SyntheticStore(load_content(CONTENT_DIR), 50)
        big = synthetic.as_content_store(Path(tmp))
        write_image(big)  # as the snapshot would for content this size
        figures = measure_window(big, passes=1)
        result.update({f"{key}_50x": value for key, value in figures.items()})
    return result


def measure(python: str, quick: bool, log: Callable[[str], None]) -> dict[str, Any]:
    """Run the window measurements in a fresh process (its own QApplication, offscreen, HOME)."""
    home = Path(tempfile.mkdtemp(prefix="routekaart-bench-home-"))
    try:
        cmd = [python, str(Path(__file__).resolve())] + (["--quick"] if quick else [])
        res = run_child(cmd, child_env(home), timeout=600)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if res.exit_code != 0:
        tail = (res.stderr.strip().splitlines() or [""])[-1:]
        raise RuntimeError(f"window measurement failed (exit {res.exit_code}): {' '.join(tail)[:300]}")
    log("ui: real and 50x content done")
    return json.loads(res.stdout)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(json.dumps(_child("--quick" in sys.argv[1:])), flush=True)
    os._exit(0)  # no teardown of Qt objects at exit: nothing is left to save
