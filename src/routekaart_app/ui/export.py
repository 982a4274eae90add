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


class ExportError(OSError):
    """An export that failed, with a Dutch message for the user (`str(error)`); nothing was replaced."""

    def __init__(self, message: str, errno: int | None = None):
        super().__init__(message)
        self.errno = errno


#: What the system's (English) reasons mean for someone saving a file.
_REASONS = {
    "ENOSPC": "de schijf is vol; maak ruimte vrij of kies een andere plek",
    "EDQUOT": "uw opslagruimte (quotum) is vol; maak ruimte vrij of kies een andere plek",
    "EFBIG": "het bestand is te groot voor deze schijf",
    "EACCES": "u hebt geen schrijfrechten in deze map; kies een andere map",
    "EPERM": "u hebt geen schrijfrechten in deze map; kies een andere map",
    "EROFS": "deze schijf is alleen-lezen; kies een andere plek",
    "ENOENT": "de map bestaat niet (meer); kies een andere map",
    "ENOTDIR": "de map bestaat niet (meer); kies een andere map",
    "ENAMETOOLONG": "de bestandsnaam of de map is te lang; kies een kortere naam",
    "EIO": "de schijf gaf een schrijffout (is een USB-stick of netwerkschijf weggevallen?)",
    "EBUSY": "het bestand is in gebruik door een ander programma; sluit dat en probeer opnieuw",
    "ETXTBSY": "het bestand is in gebruik door een ander programma; sluit dat en probeer opnieuw",
}


def _in_dutch(exc: OSError) -> ExportError:
    if isinstance(exc, ExportError):
        return exc
    import errno as _errno

    name = _errno.errorcode.get(exc.errno or -1, "")
    reason = _REASONS.get(name)
    if reason is None and getattr(exc, "winerror", None) in (32, 33):  # sharing/lock violation (Windows)
        reason = _REASONS["EBUSY"]
    if reason is None:
        detail = exc.strerror or exc.__class__.__name__
        reason = f"schrijffout van het systeem ({detail})"
    return ExportError(reason, exc.errno)


def _check_target(path: Path) -> None:
    """Refuse what a rename would silently replace: a link, a read-only file, a non-file."""
    if path.is_symlink():
        raise ExportError(f"{path.name} is een snelkoppeling (symlink); kies een andere bestandsnaam")
    if path.exists():
        if not path.is_file():
            raise ExportError(f"{path.name} is geen gewoon bestand; kies een andere bestandsnaam")
        # Read-only by its mode (the file's own flag, which also holds for an administrator), or
        # not writable for this user.
        if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
            raise ExportError(f"{path.name} is alleen-lezen; kies een andere bestandsnaam")


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
    """The file is a whole PDF, as far as can be told without a PDF library.

    A full disk cuts the file off without an error from Qt. Checked: it starts with `%PDF-`, ends
    with `%%EOF` after a `startxref` whose offset points at the cross-reference table, and its page
    tree counts as many pages as it holds (at least one).
    """
    import re

    with open(tmp, "rb") as handle:
        data = handle.read()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        return False
    start = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:])
    if start is None:
        return False
    offset = int(start.group(1))
    if data[offset : offset + 4] != b"xref":
        return False
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return pages >= 1 and (not counts or max(counts) == pages)


def _fsync(path: str, directory: bool = False) -> None:
    # A file is opened for writing: Windows flushes (`_commit`) only a handle that may write.
    flags = (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if directory else (os.O_RDWR | getattr(os, "O_BINARY", 0))
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

    The PDF goes to a temporary file in the target folder (mode 0600: a crash leaves nothing others
    can read; the next export to that folder removes it), is checked to be complete (a full disk
    truncates it without an error from Qt), flushed to disk, and only then renamed over the target
    (atomic). On any failure an `ExportError` (an OSError) with a Dutch message is raised, the old
    file is untouched and the temporary file is removed. An existing file keeps its permissions; a
    symlink or a read-only file is refused rather than replaced.
    """
    path = Path(path)
    existed = path.exists() or path.is_symlink()
    try:
        _write_pdf(path, doc, title)
    except OSError as exc:
        error = _in_dutch(exc)
        kept = " Het bestaande bestand is niet veranderd." if existed else ""
        raise ExportError(str(error) + kept, error.errno) from exc


def _write_pdf(path: Path, doc, title: str) -> None:
    from PySide6.QtPrintSupport import QPrinter

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
            raise ExportError("de PDF is niet volledig geschreven (is de schijf vol?)")
        _fsync(tmp)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync(str(path.parent), directory=True)
    finally:
        try:
            if os.path.exists(tmp):
                os.unlink(tmp)
        except OSError:  # pragma: no cover - the folder went away; nothing left to protect
            pass
