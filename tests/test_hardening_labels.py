"""No live HTML in labels: text from content or file names is shown as text (issue 22).

A Qt label in its default (automatic) mode treats text that looks like HTML as rich text: a case
title `<img src="/any/local/file">` would make Qt read that file. Labels that show content or
file names are plain text; the banner's tooltip is escaped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui

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


# -- what Qt would otherwise guess to be HTML ---------------------------------------------------

ZERO = '<img src="/dev/zero" width="9000" height="9000">'


def _as_qt_shows_it(tip: str) -> tuple[str, bool]:
    """(the text a tooltip shows, whether it would load an image), as Qt's tooltip decides it."""
    from PySide6.QtGui import QTextDocument

    if not GuiQt.mightBeRichText(tip):
        return tip, False
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText(), "<img" in doc.toHtml()


def test_the_hostile_strings_would_be_html_without_the_guard():
    assert GuiQt.mightBeRichText(HOSTILE) and GuiQt.mightBeRichText(ZERO)


def test_plain_tip_keeps_every_character_and_loads_nothing():
    from routekaart_app.ui.widgets import plain_tip

    for text in (HOSTILE, ZERO, "a &lt; b", "gewone tekst", "regel 1\n<b>regel 2</b>", "&amp;"):
        shown, image = _as_qt_shows_it(plain_tip(text))
        assert shown == text and not image, (text, shown)


def _with_summary(content_copy, page_id: str, summary: str) -> None:
    page = content_copy / "rode_vlaggen" / f"{page_id}.md"
    text = page.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("summary:"))
    page.write_text(text.replace(line, f"summary: '{summary}'", 1), encoding="utf-8")


def test_a_hostile_summary_in_the_intake_and_wizard_tooltips_is_text(qtbot, content_copy):
    _with_summary(content_copy, "death_threat", ZERO)
    loaded = load_for_app(str(content_copy))
    assert loaded.used_override, loaded.skipped[:5]
    window = MainWindow(loaded)
    qtbot.addWidget(window)
    window.show()
    window.open_intake()
    box = window.intake.flags["death_threat"]
    assert _as_qt_shows_it(box.toolTip()) == (ZERO, False)
    window.open_wizard()
    from routekaart_app.ui.answers import FlagsAnswer

    flags_question = next(c.question for c in window.wizard.advisor.flow.questions.values() if c.question.kind == "flags")
    answer = FlagsAnswer(flags_question, window.store)
    qtbot.addWidget(answer)
    assert _as_qt_shows_it(answer.flags["death_threat"].toolTip()) == (ZERO, False)


def test_a_title_that_points_at_dev_zero_is_shown_as_text_and_the_app_lives(qtbot, content_copy):
    """`<img src="/dev/zero">` in a Qt label in automatic mode kills the app; as text it is harmless."""
    case = content_copy / "oefencasussen" / "casus_acuut_gevaar.yaml"
    text = case.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.startswith("title:"))
    case.write_text(text.replace(first_title, f"title: '{ZERO}'", 1), encoding="utf-8")
    window = MainWindow(load_for_app(str(content_copy)))
    qtbot.addWidget(window)
    window.show()
    window.act_trainer.trigger()
    trainer = window.trainer
    qtbot.addWidget(trainer)
    trainer.start_case(next(c for c in trainer.cases if c.id == "casus_acuut_gevaar"))
    qtbot.waitExposed(trainer)
    trainer.repaint()  # paints the label: as rich text this would read /dev/zero
    label = trainer.title_label
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == ZERO
    assert label.sizeHint().height() < 1000  # no 9000-pixel image stretching the window
    trainer.close()
