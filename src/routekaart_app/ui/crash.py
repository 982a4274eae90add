"""An unexpected error in the window: a readable Dutch message, and the window stays usable.

`install()` (called by `app.run_gui`) replaces `sys.excepthook` and `threading.excepthook`. An
exception that escapes a slot or event handler then shows a non-blocking dialog that says what
happened and what to do next, and the app carries on. Nothing is written anywhere: no log file,
and not the exception's message either (it could quote answers or notes) — only the kind of error
and where in the program it happened, on the dialog and as one line on stderr. A full traceback
goes to stderr only when the developer asks for it with ROUTEKAART_DEBUG=1.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import PurePath
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from .. import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from ..content.store import ContentStore

DEBUG_ENV = "ROUTEKAART_DEBUG"

TITLE = "Routekaart — er ging iets mis"
TEXT = "Er ging iets mis in Routekaart. Het venster blijft open: u kunt gewoon verder werken."
WHAT_NEXT = (
    "Wat u nu kunt doen:\n"
    "• Probeer het nog een keer, of ga terug naar de startpagina (Alt+Home).\n"
    "• Gaat het opnieuw mis? Sla wat u nodig hebt eerst op of druk het af (de wizard bewaart "
    "uw antwoorden niet), sluit Routekaart en start de app opnieuw.\n"
    "• Blijft het misgaan, meld het dan bij uw applicatiebeheer en geef de technische code "
    "onder 'Details' door. Die code bevat geen cliëntgegevens."
)


def what_next(store: ContentStore | None = None) -> str:
    """`WHAT_NEXT` and the standing lines (acuut, twijfel) from content: the window's store, or
    the bundled snapshot when the window has none."""
    if store is None:
        try:
            from ..content import snapshot
            from ..paths import bundled_content_dir

            store = snapshot.load(bundled_content_dir())
        except Exception:  # noqa: BLE001 - the dialog must show whatever went wrong
            store = None
    lines = [store.standing_line(key) for key in ("acuut", "twijfel")] if store is not None else []
    lines = [line for line in lines if line]
    return WHAT_NEXT + ("\n\n" + " ".join(lines) if lines else "")


def error_code(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The kind of error and the innermost place in the program: no message, no values."""
    where = ""
    frames = traceback.extract_tb(tb) if tb is not None else []
    if frames:
        last = frames[-1]
        where = f" in {PurePath(last.filename).name}:{last.lineno} ({last.name})"
    return f"{exc_type.__name__}{where}"


class CrashReporter(QObject):
    """Turns uncaught exceptions into one dialog at a time; everything else keeps running."""

    #: Carries an error code from another thread to the GUI thread.
    _from_thread = Signal(str)

    def __init__(self, window: Callable[[], QWidget | None] | None = None, debug: bool | None = None):
        super().__init__()
        self._window = window or (lambda: None)
        self.debug = bool(os.environ.get(DEBUG_ENV)) if debug is None else debug
        self.dialog: QMessageBox | None = None
        self.count = 0  # errors since the dialog was last opened
        self.codes: list[str] = []
        self._previous: tuple[Any, Any] | None = None
        self._busy = False
        # Emitted only from other threads, so the automatic connection queues it to the GUI
        # thread (naming Qt.ConnectionType here would build the Qt enums at every start).
        self._from_thread.connect(self.report)

    # -- hooks ---------------------------------------------------------------------------------
    def install(self) -> CrashReporter:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            if sys.excepthook == self.excepthook:
                sys.excepthook = self._previous[0]
            if threading.excepthook == self.thread_excepthook:
                threading.excepthook = self._previous[1]
            self._previous = None
        if self.dialog is not None:
            self.dialog.close()

    def excepthook(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            sys.__excepthook__(exc_type, exc if exc is not None else exc_type(), tb)
            return
        code = error_code(exc_type, tb)
        self._log(code, exc_type, exc, tb)
        if threading.current_thread() is threading.main_thread():
            self.report(code)
        else:
            self._from_thread.emit(code)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    # -- output --------------------------------------------------------------------------------
    def _log(self, code: str, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if self.debug:
                traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
            else:
                print(f"routekaart: interne fout: {code} (het venster blijft open)", file=sys.stderr, flush=True)
        except (OSError, ValueError, AttributeError):  # no stderr (a windowed bundle): fine
            pass

    def report(self, code: str) -> None:
        """Show (or update) the dialog for one more error. Never raises."""
        if self._busy:  # an error while showing the dialog: do not loop
            return
        self._busy = True
        try:
            self.codes.append(code)
            self.count += 1
            dialog = self.dialog
            if dialog is None or not dialog.isVisible():
                self.count = 1
                dialog = self.dialog = self._make_dialog()
            dialog.setDetailedText(self.details())
            if self.count > 1:
                dialog.setText(f"{TEXT}\n\n(Dit gebeurde {self.count} keer.)")
            dialog.show()
            dialog.raise_()
        except Exception:  # noqa: BLE001 - the last line of defence must not fail
            pass
        finally:
            self._busy = False

    def details(self) -> str:
        recent = self.codes[-self.count :][-5:]
        return f"Routekaart {__version__}\nTechnische code: " + "\n".join(recent)

    def _make_dialog(self) -> QMessageBox:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        parent = None
        try:
            parent = self._window()
        except Exception:  # noqa: BLE001
            parent = None
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(TITLE)
        box.setText(TEXT)
        box.setInformativeText(what_next(getattr(parent, "store", None)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.setObjectName("foutmelding")
        box.setAccessibleName("Foutmelding")
        return box


_reporter: CrashReporter | None = None


def install(window: Callable[[], QWidget | None] | None = None, debug: bool | None = None) -> CrashReporter:
    """Install the crash handler for the running app (once); returns it."""
    global _reporter
    if _reporter is not None:
        _reporter.uninstall()
    _reporter = CrashReporter(window, debug).install()
    return _reporter


def reporter() -> CrashReporter | None:
    return _reporter
