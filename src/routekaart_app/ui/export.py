"""Where an export goes: the print dialog, the save dialog, and never overwriting without asking.

The file dialog asks before it overwrites the name the user picked (the app never sets
`DontConfirmOverwrite`). But when the app then adds the missing `.pdf`, that is another name,
which the dialog never saw: `ask_save_path` asks about that one itself. The writing is atomic
(a temporary file in the same folder, then a rename: `write_pdf`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm_overwrite(parent: QWidget | None, path: str | Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Bestand vervangen?",
        f"Het bestand bestaat al:\n\n{path}\n\nWilt u het vervangen?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_path(
    parent: QWidget | None,
    caption: str,
    suggested: str | Path,
    suffix: str = ".pdf",
    name_filter: str = "PDF (*.pdf)",
) -> Path | None:
    """Ask where to save; None when the user cancels or does not want to overwrite."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), name_filter)
    if not path:
        return None
    confirmed = os.path.exists(path)  # the dialog has just asked about exactly this name
    if not path.lower().endswith(suffix):
        path += suffix
        confirmed = False
    if os.path.exists(path) and not confirmed and not confirm_overwrite(parent, path):
        return None
    return Path(path)


def safe_file_name(title: str, fallback: str = "routekaart") -> str:
    """A file name from a page title: no folders, no control or reserved characters."""
    name = "".join(" " if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in title)
    name = " ".join(name.split()).strip(" .")[:80]
    return name or fallback


def print_document(parent: QWidget | None, caption: str, document: Callable[[], Any]) -> Any | None:
    """Ask for a printer, then print `document()` (made only now); None when the user cancels.

    Returns the printed document, for a caller that wants to free it.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(caption)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    doc = document()
    doc.print_(printer)
    return doc


#: Temporary files of an export in progress start with this (hidden on Linux and macOS).
TEMP_PREFIX = ".routekaart-"
#: A temporary file older than this is a leftover of an export that was killed: removed.
STALE_SECONDS = 600


def _check_target(path: Path) -> None:
    """Refuse what a rename would silently replace: a link, a read-only file, a non-file."""
    if path.is_symlink():
        raise OSError(f"{path.name} is een snelkoppeling (symlink); kies een andere bestandsnaam")
    if path.exists():
        if not path.is_file():
            raise OSError(f"{path.name} is geen gewoon bestand")
        # Read-only by its mode (the file's own flag, which also holds for an administrator), or
        # not writable for this user.
        if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
            raise OSError(f"{path.name} is alleen-lezen; kies een andere bestandsnaam")


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of earlier exports that were killed halfway (they hold part of a record)."""
    import time

    try:
        entries = list(folder.glob(TEMP_PREFIX + "*.pdf"))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_file() and not entry.is_symlink() and time.time() - entry.stat().st_mtime > STALE_SECONDS:
                entry.unlink()
        except OSError:
            pass


def _complete_pdf(tmp: str) -> bool:
    """The file is a whole PDF: it starts with %PDF- and ends with %%EOF (a full disk cuts it off)."""
    with open(tmp, "rb") as handle:
        head = handle.read(5)
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 1024))
        tail = handle.read()
    return head == b"%PDF-" and b"%%EOF" in tail


def _fsync(path: str, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:
            return  # not every system can open a folder (Windows): the rename is still atomic
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


def write_pdf(path: str | Path, doc, title: str = "") -> None:
    """Write a QTextDocument as PDF so that a good file is never lost or half replaced.

    The PDF goes to a temporary file in the target folder, is checked to be complete (a full disk
    truncates it without an error from Qt), flushed to disk, and only then renamed over the target
    (atomic). On any failure an OSError with a Dutch message is raised, the old file is untouched
    and the temporary file is removed. An existing file keeps its permissions; a symlink or a
    read-only file is refused rather than replaced.
    """
    from PySide6.QtPrintSupport import QPrinter

    path = Path(path)
    _check_target(path)
    _remove_leftovers(path.parent)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".pdf", dir=path.parent)
    os.close(fd)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(tmp)
        if title:
            printer.setDocName(title)
        doc.print_(printer)
        if os.path.getsize(tmp) == 0 or not _complete_pdf(tmp):
            raise OSError("de PDF is niet volledig geschreven (is de schijf vol?)")
        _fsync(tmp)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync(str(path.parent), directory=True)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
