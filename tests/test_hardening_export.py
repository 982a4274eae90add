"""Exports: atomic, never overwriting without asking, and a failed write says so and loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from _hardening import read_only
from routekaart_app.content import load_for_app
from routekaart_app.ui import export as export_module
from routekaart_app.ui.main_window import MainWindow

OLD = b"%PDF-1.4 de oude, waardevolle versie"


def make_window(qtbot) -> MainWindow:
    window = MainWindow(load_for_app(None))
    qtbot.addWidget(window)
    window.show()
    window.open_item("femicide")
    return window


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".routekaart-")]


class Dialogs:
    """Stands in for the save dialog and the message boxes, and records what they were asked."""

    def __init__(self, monkeypatch, path: str, answer=QMessageBox.StandardButton.No):
        self.path, self.answer = path, answer
        self.save_calls: list[tuple] = []
        self.questions: list[str] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: self.warnings.append(f"{title}: {text}"))

    def _save(self, *args, **kwargs):
        self.save_calls.append((args, kwargs))
        return self.path, "PDF (*.pdf)"

    def _question(self, parent, title, text, *args):
        self.questions.append(text)
        return self.answer


def test_export_is_atomic(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)
    seen = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append((Path(src), Path(dst), target.read_bytes()))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    window.export_pdf(target)
    (src, dst, during) = seen[0]
    assert src.parent == target.parent and src.name.startswith(".routekaart-") and dst == target
    assert during == OLD  # until the rename, the old file is untouched
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes() != OLD
    assert temp_files(tmp_path) == []


def test_export_to_read_only_folder_fails_cleanly(qtbot, tmp_path):
    window = make_window(qtbot)
    folder = tmp_path / "alleen_lezen"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(OSError):
            window.export_pdf(folder / "pagina.pdf")
        assert list(folder.iterdir()) == []


def test_failed_write_keeps_the_old_file(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)
    document = window.reader.document()
    monkeypatch.setattr(type(document), "print_", lambda self, printer: None)  # writes nothing
    with pytest.raises(OSError):
        window.export_pdf(target)
    assert target.read_bytes() == OLD and temp_files(tmp_path) == []


def test_failed_rename_keeps_the_old_file(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)

    def replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        window.export_pdf(target)
    assert target.read_bytes() == OLD and temp_files(tmp_path) == []


def test_dialog_failure_is_reported_to_the_user(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    folder = tmp_path / "alleen_lezen"
    folder.mkdir()
    dialogs = Dialogs(monkeypatch, str(folder / "pagina.pdf"))
    with read_only(folder):
        window.save_pdf_dialog()
        assert list(folder.iterdir()) == []
    assert len(dialogs.warnings) == 1 and "mislukt" in dialogs.warnings[0]


def test_save_dialog_confirms_overwrite(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "x.pdf"))
    window.save_pdf_dialog()
    (args, kwargs) = dialogs.save_calls[0]
    options = kwargs.get("options", args[4] if len(args) > 4 else QFileDialog.Option(0))
    assert not options & QFileDialog.Option.DontConfirmOverwrite
    assert "/" not in Path(args[2]).name.replace(".pdf", "")  # a file name, not a path from the title


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_added_suffix_never_overwrites_without_asking(qtbot, tmp_path, monkeypatch, answer):
    """The user typed 'verslag'; the dialog checked 'verslag', the app writes 'verslag.pdf'."""
    window = make_window(qtbot)
    existing = tmp_path / "verslag.pdf"
    existing.write_bytes(OLD)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "verslag"), answer)
    window.save_pdf_dialog()
    assert len(dialogs.questions) == 1 and str(existing) in dialogs.questions[0]
    if answer == QMessageBox.StandardButton.No:
        assert existing.read_bytes() == OLD
    else:
        assert existing.read_bytes().startswith(b"%PDF") and existing.read_bytes() != OLD
    assert temp_files(tmp_path) == [] and not (tmp_path / "verslag").exists()


def test_name_the_dialog_confirmed_is_not_asked_twice(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    existing = tmp_path / "verslag.pdf"
    existing.write_bytes(OLD)
    dialogs = Dialogs(monkeypatch, str(existing))
    window.save_pdf_dialog()
    assert dialogs.questions == []
    assert existing.read_bytes() != OLD


def test_cancel_writes_nothing(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    Dialogs(monkeypatch, "")
    window.save_pdf_dialog()
    assert list(tmp_path.iterdir()) == []


def test_wizard_export_uses_the_same_guard(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    window.open_wizard()
    if window.wizard is None or getattr(window.wizard, "advisor", None) is None:
        pytest.skip("geen wizard")
    existing = tmp_path / "vastlegging.pdf"
    existing.write_bytes(OLD)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "vastlegging"))
    window.save_pdf_dialog()  # the wizard is shown: it saves its record
    assert len(dialogs.questions) == 1 and existing.read_bytes() == OLD


def test_safe_file_name():
    name = export_module.safe_file_name('a/b\\c:d*e?f"g<h>i|j\x00k')
    assert not set('/\\:*?"<>|\x00') & set(name)
    assert export_module.safe_file_name("   ") == "routekaart"
    assert "/" not in export_module.safe_file_name("../../etc/passwd")


def test_printing_asks_first_and_makes_the_document_only_when_the_user_prints(qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    made: list[object] = []

    class Page:
        def print_(self, printer) -> None:
            made.append(printer)

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    assert export_module.print_document(None, "Afdrukken", lambda: made.append("gemaakt")) is None
    assert made == []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    page = Page()
    assert export_module.print_document(None, "Afdrukken", lambda: page) is page
    assert len(made) == 1 and type(made[0]).__name__ == "QPrinter"


# -- unlucky disks (issue 22) -------------------------------------------------------------------


def test_a_truncated_pdf_never_replaces_a_good_file(qtbot, tmp_path, monkeypatch):
    """A nearly full disk cuts the PDF off without an error from Qt: the check finds it."""
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)
    document = window.reader.document()
    real_print = type(document).print_

    def truncated(self, printer):
        real_print(self, printer)
        name = printer.outputFileName()
        data = Path(name).read_bytes()
        Path(name).write_bytes(data[: len(data) // 2])  # what a full disk leaves

    monkeypatch.setattr(type(document), "print_", truncated)
    with pytest.raises(OSError, match="niet volledig"):
        window.export_pdf(target)
    assert target.read_bytes() == OLD and temp_files(tmp_path) == []


def test_no_space_while_flushing_keeps_the_old_file(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)

    def fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError):
        window.export_pdf(target)
    assert target.read_bytes() == OLD and temp_files(tmp_path) == []


def test_the_user_hears_of_a_failure_never_opgeslagen(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    dialogs = Dialogs(monkeypatch, str(target))
    document = window.reader.document()
    monkeypatch.setattr(type(document), "print_", lambda self, printer: Path(printer.outputFileName()).write_bytes(b"%PDF-1.4 half"))
    window.save_pdf_dialog()
    assert dialogs.warnings and "niet volledig" in dialogs.warnings[0]
    assert "Opgeslagen" not in window.statusBar().currentMessage()
    assert not target.exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_an_existing_file_keeps_its_mode_and_a_new_one_follows_the_umask(qtbot, tmp_path):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)
    os.chmod(target, 0o640)
    window.export_pdf(target)
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "nieuw.pdf"
    window.export_pdf(fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temp file's 0600


@pytest.mark.skipif(os.name == "nt", reason="symlinks need rights on Windows")
def test_a_symlink_or_read_only_target_is_refused_not_replaced(qtbot, tmp_path):
    window = make_window(qtbot)
    real = tmp_path / "echt.pdf"
    real.write_bytes(OLD)
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    with pytest.raises(OSError, match="snelkoppeling"):
        window.export_pdf(link)
    assert link.is_symlink() and real.read_bytes() == OLD
    locked = tmp_path / "vast.pdf"
    locked.write_bytes(OLD)
    os.chmod(locked, 0o444)
    with pytest.raises(OSError, match="alleen-lezen"):
        window.export_pdf(locked)
    assert locked.read_bytes() == OLD


def test_leftovers_of_a_killed_export_are_removed(qtbot, tmp_path):
    import time

    window = make_window(qtbot)
    stale = tmp_path / ".routekaart-abc123.pdf"
    stale.write_bytes(b"%PDF-1.4 deel van een vastlegging")
    old = time.time() - export_module.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    fresh = tmp_path / ".routekaart-busy.pdf"  # another export still writing: left alone
    fresh.write_bytes(b"%PDF")
    window.export_pdf(tmp_path / "pagina.pdf")
    assert not stale.exists() and fresh.exists()
