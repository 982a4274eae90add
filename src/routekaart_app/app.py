"""Starting the GUI (and the smoke test the bundle, CI and the benchmarks use)."""

from __future__ import annotations

import sys
import time

_T0 = time.perf_counter()


def run_gui(content: str | None = None, smoke_test: bool = False) -> int:
    # The pure-Python parts the window needs come first: once PySide is loaded it hooks every
    # import and reads the importing module's source, which makes each later import slower.
    from .content import load_for_app, render, snapshot  # noqa: F401 - render, snapshot: see above
    from .paths import override_content_dir, resources_dir

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setApplicationName("Routekaart")
    QCoreApplication.setOrganizationName("")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Routekaart")
    app.setWindowIcon(QIcon(str(resources_dir() / "routekaart.png")))

    from .ui.main_window import MainWindow, apply_language, apply_look

    dutch_qt = apply_language(app)
    apply_look(app)
    loaded = load_for_app(override_content_dir(content))
    window = MainWindow(loaded)
    window.show()
    from .ui import crash

    crash.install(lambda: window)  # an unexpected error: a Dutch dialog, the window stays usable

    if smoke_test:
        def finish() -> None:
            elapsed = time.perf_counter() - _T0
            items = len(list(loaded.store.all_items()))
            skipped = f", {len(loaded.skipped)} regel(s) overgeslagen" if loaded.skipped else ""
            language = "" if dutch_qt else ", Qt-teksten Engels (vertaling niet gevonden)"
            print(f"smoke-test ok: opstarttijd {elapsed:.3f} s, {items} items{skipped}{language}", flush=True)
            app.exit(0)

        # A zero-timer fires once the event loop has processed the pending (show/paint) events.
        QTimer.singleShot(0, finish)
    return app.exec()
