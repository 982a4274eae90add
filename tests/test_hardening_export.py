"""Exports: atomic, never overwriting without asking, and a failed write says so and loses nothing."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
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
    assert window.wizard is not None and getattr(window.wizard, "advisor", None) is not None, "the wizard did not open"
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


# -- a full disk at any moment: the old file stays, nothing is left, the message is Dutch -------


def _real_pdf(window, tmp_path) -> bytes:
    probe = tmp_path / "probe" / "echt.pdf"
    probe.parent.mkdir()
    window.export_pdf(probe)
    return probe.read_bytes()


def test_a_write_cut_off_at_any_offset_never_replaces_the_old_file(qtbot, tmp_path, monkeypatch):
    """What a full disk leaves is the PDF cut off somewhere: at every sampled offset (all of the
    first and last 64 bytes, and every 37th in between) the old file survives, unchanged."""
    window = make_window(qtbot)
    data = _real_pdf(window, tmp_path)
    folder = tmp_path / "doel"
    folder.mkdir()
    target = folder / "pagina.pdf"
    target.write_bytes(OLD)
    document = window.reader.document()
    cut = {"at": 0}
    monkeypatch.setattr(
        type(document), "print_", lambda self, printer: Path(printer.outputFileName()).write_bytes(data[: cut["at"]])
    )
    assert data.endswith(b"%%EOF\n")
    # Only the last line break may go: "%%EOF" without it is a whole PDF (the break is optional).
    offsets = sorted({*range(64), *range(64, len(data) - 64, 37), *range(len(data) - 64, len(data) - 1)})
    for offset in offsets:
        cut["at"] = offset
        with pytest.raises(export_module.ExportError) as failed:
            window.export_pdf(target)
        assert "niet volledig" in str(failed.value) and "niet veranderd" in str(failed.value)
        assert target.read_bytes() == OLD, offset
        assert temp_files(folder) == [], offset
    cut["at"] = len(data)  # the whole file: accepted
    window.export_pdf(target)
    assert target.read_bytes() == data


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ: POSIX")
@pytest.mark.parametrize("limit", [0, 1000, 6000])
def test_a_real_write_limit_keeps_the_old_file(tmp_path, limit):
    """Qt's own writer hits a real limit (RLIMIT_FSIZE: every write past it fails with EFBIG, as
    on a full disk), in a child process: the old file stays and no temporary file is left."""
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from PySide6.QtGui import QTextDocument
        from PySide6.QtWidgets import QApplication
        from routekaart_app.ui.export import ExportError, write_pdf

        app = QApplication([])
        doc = QTextDocument()
        doc.setHtml("<h1>Vastlegging</h1>" + "<p>Waargenomen signalen, overleg en besluit.</p>" * 300)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))
        try:
            write_pdf({str(target)!r}, doc, "Vastlegging")
        except ExportError as exc:
            print("MISLUKT", exc)
        else:
            print("OPGESLAGEN")
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("MISLUKT"), result.stdout
    assert "niet veranderd" in result.stdout
    assert target.read_bytes() == OLD
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("step", ["mkstemp", "fsync", "replace"])
def test_no_space_at_any_step_says_so_in_dutch(qtbot, tmp_path, monkeypatch, step):
    window = make_window(qtbot)
    target = tmp_path / "pagina.pdf"
    target.write_bytes(OLD)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    owner = {"mkstemp": (export_module.tempfile, "mkstemp"), "fsync": (os, "fsync"), "replace": (os, "replace")}[step]
    monkeypatch.setattr(*owner, no_space)
    dialogs = Dialogs(monkeypatch, str(target))
    window.save_pdf_dialog()
    assert len(dialogs.warnings) == 1, dialogs.warnings
    warning = dialogs.warnings[0]
    assert "de schijf is vol" in warning and "niet veranderd" in warning
    assert "No space" not in warning and "Errno" not in warning  # Dutch, not the system's English
    assert "Opgeslagen" not in window.statusBar().currentMessage()
    assert target.read_bytes() == OLD and temp_files(tmp_path) == []


def test_a_wizard_record_that_cannot_be_written_is_never_reported_saved(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot)
    window.open_wizard()
    wizard = window.wizard
    assert wizard is not None and getattr(wizard, "advisor", None) is not None, "the wizard did not open"
    target = tmp_path / "vastlegging.pdf"
    target.write_bytes(OLD)
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    dialogs = Dialogs(monkeypatch, str(target))
    said: list[str] = []
    monkeypatch.setattr(wizard, "_status", lambda text, *a: said.append(text))
    wizard.save_pdf()
    assert dialogs.warnings and "de schijf is vol" in dialogs.warnings[0]
    assert not [s for s in said if "Opgeslagen" in s]
    assert target.read_bytes() == OLD and temp_files(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="symlinks need rights on Windows")
def test_a_symlink_to_a_folder_or_a_dangling_one_is_refused(qtbot, tmp_path):
    window = make_window(qtbot)
    dangling = tmp_path / "weg.pdf"
    dangling.symlink_to(tmp_path / "bestaat-niet.pdf")
    with pytest.raises(OSError, match="snelkoppeling"):
        window.export_pdf(dangling)
    assert dangling.is_symlink() and not (tmp_path / "bestaat-niet.pdf").exists()
    folder = tmp_path / "map.pdf"
    folder.mkdir()
    with pytest.raises(OSError, match="geen gewoon bestand"):
        window.export_pdf(folder)
    assert folder.is_dir() and temp_files(tmp_path) == []
