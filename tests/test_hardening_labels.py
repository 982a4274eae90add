"""No live HTML in labels: text from content or file names is shown as text (issue 22).

A Qt label in its default (automatic) mode treats text that looks like HTML as rich text: a case
title `<img src="/any/local/file">` would make Qt read that file. Labels that show content or
file names are plain text; the banner's tooltip is escaped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from routekaart_app.content import load_for_app
from routekaart_app.ui.main_window import MainWindow

HOSTILE = '<img src="/etc/passwd"><b>vet</b>'


def test_a_hostile_case_title_is_shown_as_text(qtbot, content_copy):
    case = content_copy / "oefencasussen" / "casus_acuut_gevaar.yaml"
    text = case.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.startswith("title:"))
    case.write_text(text.replace(first_title, f"title: '{HOSTILE}'", 1), encoding="utf-8")
    window = MainWindow(load_for_app(str(content_copy)))
    qtbot.addWidget(window)
    window.show()
    window.act_trainer.trigger()
    trainer = window.trainer
    qtbot.addWidget(trainer)
    case_obj = next(c for c in trainer.cases if c.id == "casus_acuut_gevaar")
    trainer.start_case(case_obj)
    label = trainer.title_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == HOSTILE  # shown literally, nothing loaded
    trainer.close()


def test_the_content_banner_is_plain_text(qtbot, content_copy):
    bad = content_copy / "begrippen" / '<img src="x">.md'  # a file name is shown in the banner
    bad.write_text("---\nid: kapot\n---\n", encoding="utf-8")
    window = MainWindow(load_for_app(str(content_copy)))
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible() or window.content.skipped
    window._show_banner()
    assert window.banner.textFormat() == Qt.TextFormat.PlainText
    assert '<img src="x">' in window.banner.text()  # literally, as text
    assert "<img" not in window.banner.toolTip() and "&lt;img" in window.banner.toolTip()
