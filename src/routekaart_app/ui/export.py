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


def write_pdf(path: str | Path, doc, title: str = "") -> None:
    """Write a QTextDocument as PDF atomically: a temp file in the same folder, then a rename.

    A failed write raises OSError and leaves neither a half file nor the temp file behind.
    """
    from PySide6.QtPrintSupport import QPrinter

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".routekaart-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(tmp)
        if title:
            printer.setDocName(title)
        doc.print_(printer)
        if os.path.getsize(tmp) == 0:
            raise OSError("er is niets geschreven")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
