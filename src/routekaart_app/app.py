"""Starting the GUI (and the smoke test the bundle, CI and the benchmarks use)."""

from __future__ import annotations

import sys
import time

_T0 = time.perf_counter()


def run_gui(content: str | None = None, smoke_test: bool = False) -> int:
    # The pure-Python parts the window needs come first: once PySide is loaded it hooks every
    # import and reads the importing module's source, which makes each later import slower.
    from .content import load_for_app, render, snapshot  # noqa: F401, I001 - render, snapshot, order: see above
    from .paths import override_content_dir, resources_dir

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setApplicationName("Routekaart")
    QCoreApplication.setOrganizationName("")
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app, ours = existing, False
    else:  # with the Fusion style from the start (see ui.look.apply_palette)
        app, ours = QApplication([*sys.argv[:1], "-style", "Fusion"]), True
    app.setApplicationDisplayName("Routekaart")
    app.setWindowIcon(QIcon(str(resources_dir() / "routekaart.png")))

    from .ui.main_window import MainWindow, apply_language, apply_look

    dutch_qt = apply_language(app)
    apply_look(app, fusion=ours)
    from .paths import program_dir, user_packs_dir

    def confirm(pack) -> bool:  # an unsigned local addition: asked once (never in the smoke test)
        from .ui.aanvulling import confirm_unsigned

        return False if smoke_test else confirm_unsigned(None, pack)

    loaded = load_for_app(override_content_dir(content), program_dir(), user_packs_dir(), confirm)
    window = MainWindow(loaded)
    window.show()
    # The keyboard in the window from the start (keyboard-only users; X11 without a window
    # manager, where assistive technology is tested, activates nothing on its own).
    window.activateWindow()
    from .ui import crash

    crash.install(lambda: window)  # an unexpected error: a Dutch dialog, the window stays usable

    if smoke_test:
        window.remember_on_close = False  # a check changes nothing on disk

        def finish() -> None:
            elapsed = time.perf_counter() - _T0
            items = len(list(loaded.store.all_items()))
            skipped = f", {len(loaded.skipped)} regel(s) overgeslagen" if loaded.skipped else ""
            language = "" if dutch_qt else ", Qt-teksten Engels (vertaling niet gevonden)"
            print(f"smoke-test ok: opstarttijd {elapsed:.3f} s, {items} items{skipped}{language}", flush=True)
            app.quit()

        # A zero-timer fires once the event loop has processed the events pending after show().
        # Then the app quits as a user's "Afsluiten" does (the window closes and saves its
        # settings, then run_gui's close-down), which is also how the benchmark's bare-Qt
        # baseline ends: both sides stop at the same point, before the first paint.
        QTimer.singleShot(0, finish)
    code = app.exec()
    if existing is None:
        close_down(app, window)
    return code


def close_down(app, window) -> None:
    """Finish Qt's side now, while Python still holds everything.

    The settings are written (the window's size and place too), then the window and the
    QApplication are destroyed: the QApplication's destructor is what hands text the user copied
    ("Kopiëren als tekst") over to the system clipboard. After this nothing is left that needs
    Python's own teardown, so the process may end without it (`__main__._leave`).
    """
    import shiboken6

    window.remember()
    shiboken6.delete(window)
    shiboken6.delete(app)
