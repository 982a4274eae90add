"""Open every view of the app on the screen this process was given, and report what does not fit
or cannot be read. Run as its own process (tests/test_fit_and_contrast.py), because the screen
size and the scale factor are fixed when Qt starts:

    QT_QPA_PLATFORM=offscreen:configfile=screen.json QT_SCALE_FACTOR=1.5 python tests/views_probe.py [--dark] [--shots DIR]

`--dark` first gives the application a dark palette, as a dark system theme does, before the app
sets its look. Prints one JSON object: the views seen, widgets outside the screen or cut off by
the window, and text below 4.5:1 contrast. `--shots DIR` also saves a PNG of each view.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

MINIMUM = 4.5


def dark_palette() -> QPalette:
    """What a dark system theme hands the application."""
    palette = QPalette()
    for role, colour in {
        "Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1e1e1e", "AlternateBase": "#333333",
        "Text": "#e6e6e6", "Button": "#3a3a3a", "ButtonText": "#e6e6e6", "Highlight": "#3d6fb0",
        "HighlightedText": "#ffffff", "ToolTipBase": "#3a3a3a", "ToolTipText": "#e6e6e6",
        "PlaceholderText": "#8c8c8c", "Light": "#505050", "Midlight": "#454545", "Mid": "#303030",
        "Dark": "#202020", "Shadow": "#000000",
    }.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def luminance(rgb: int) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255)


def contrast(a: int, b: int) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def surface(counts: Counter) -> int:
    """The colour behind the text: the most common one, counting near colours together (a
    button's face is a gradient of many colours, its text one)."""
    buckets: Counter = Counter()
    for colour, n in counts.items():
        buckets[(colour >> 4) & 0x0F0F0F] += n
    best = buckets.most_common(1)[0][0]
    return max((c for c in counts if (c >> 4) & 0x0F0F0F == best), key=lambda c: counts[c])


def colours(image: QImage, rect: QRect) -> Counter:
    """How often each colour (0xRRGGBB) occurs in `rect` of the image."""
    rect = rect.intersected(image.rect())
    counts: Counter = Counter()
    if rect.isEmpty():
        return counts
    stride = image.bytesPerLine()
    data = bytes(image.constBits())
    for y in range(rect.top(), rect.bottom() + 1):
        start = y * stride + rect.left() * 4
        row = array("I")
        row.frombytes(data[start:start + rect.width() * 4])
        counts.update(row)
    return Counter({k & 0xFFFFFF: v for k, v in counts.items()})


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` that shows, in window coordinates (clipped by every ancestor)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def scrolled_inside(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area's viewport: it may lie beyond the window (the user scrolls to it)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 2 and widget.height() > 2


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text() if widget.pixmap() is None or widget.pixmap().isNull() else ""
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def check(view: str, window: QWidget, report: dict, shots: Path | None) -> None:
    for _ in range(3):
        QApplication.processEvents()
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not area.contains(frame):
        report["outside"].append(f"{view}: het venster {frame.getRect()} valt buiten het scherm {area.getRect()}")
    inside = QRect(QPoint(0, 0), window.size())
    for widget in window.findChildren(QWidget):
        if not shown(widget) or widget.isWindow():
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        name = widget.accessibleName() or widget.objectName() or type(widget).__name__
        scrolled = scrolled_inside(widget, window)  # may lie beyond the window: the user scrolls to it
        if not scrolled and not inside.contains(rect):
            report["outside"].append(f"{view}: {name!r} {rect.getRect()} valt buiten het venster {inside.getRect()}")
            continue
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text().strip():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                report["outside"].append(f"{view}: {name!r} tekst afgesneden: {widget.height()} van {needed} hoog")
        if isinstance(widget, QAbstractButton) and widget.text().strip() and widget.width() + 1 < widget.minimumSizeHint().width():
            report["outside"].append(f"{view}: {name!r} knop te smal voor de tekst")
        parent = widget.parentWidget()
        grand = parent.parentWidget() if parent is not None else None
        in_viewport = isinstance(grand, QAbstractScrollArea) and parent is grand.viewport()
        if parent is not None and parent is not window and not isinstance(parent, QAbstractScrollArea) and not in_viewport:
            own = QRect(widget.pos(), widget.size())
            if not QRect(QPoint(0, 0), parent.size()).contains(own):
                report["outside"].append(f"{view}: {name!r} is afgesneden: {own.getRect()} in {parent.size().toTuple()}")
    # Reflow: a view that only fits by scrolling sideways (reading line by line then needs two
    # directions of scrolling, WCAG 1.4.10).
    for area in window.findChildren(QAbstractScrollArea):
        if shown(area) and not isinstance(area, (QTextEdit, QAbstractItemView)) and area.horizontalScrollBar().isVisible():
            report["sideways"].append(f"{view}: {area.accessibleName() or type(area).__name__!r} schuift zijwaarts")
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.width() / max(1, window.width())
    if shots is not None:
        image.save(str(shots / f"{view}.png"))
    for widget in window.findChildren(QWidget):
        if not shown(widget) or widget.isWindow() or not widget.isEnabled():
            continue
        area_rect = visible_rect(widget, window)
        if area_rect.width() < 4 or area_rect.height() < 4:
            continue
        pixels = QRect(int(area_rect.x() * ratio), int(area_rect.y() * ratio),
                       int(area_rect.width() * ratio), int(area_rect.height() * ratio))
        name = widget.accessibleName() or widget.objectName() or type(widget).__name__
        text = text_of(widget)
        if text.strip() and not (isinstance(widget, QLabel) and widget.textFormat() != 1 and "<" in text):
            # Its own text colour (what style sheet and palette made it) on what is drawn behind it.
            counts = colours(image, pixels)
            if not counts:
                continue
            background = surface(counts)
            role = QPalette.ColorRole.Text if isinstance(widget, QLineEdit) else widget.foregroundRole()
            if isinstance(widget, QLineEdit) and not widget.text():
                role = QPalette.ColorRole.PlaceholderText
            fg = widget.palette().color(role).rgb() & 0xFFFFFF
            value = contrast(fg, background)
            if value < MINIMUM:
                report["contrast"].append(f"{view}: {name!r} tekst #{fg:06x} op #{background:06x}: {value:.1f}:1")
        elif isinstance(widget, (QTextEdit, QAbstractItemView, QLabel)) and (
            not isinstance(widget, QLabel) or text.strip()
        ) and area_rect.height() * 4 >= widget.height():  # a list scrolled almost out of view: no text to judge
            # Rich text and lists: the darkest (or lightest) ink drawn against the surface.
            counts = colours(image, pixels)
            if len(counts) < 2:
                continue
            background = surface(counts)
            inks = [c for c, n in counts.items() if n >= 3 and c != background]
            if not inks:
                continue
            value = max(contrast(c, background) for c in inks)
            if value < MINIMUM:
                report["contrast"].append(f"{view}: {name!r} sterkste inkt op #{background:06x}: {value:.1f}:1")
    report["views"].append(view)


def main(argv: list[str]) -> int:
    dark = "--dark" in argv
    shots = Path(argv[argv.index("--shots") + 1]) if "--shots" in argv else None
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    if dark:
        app.setPalette(dark_palette())
    from routekaart_app.content import load_for_app
    from routekaart_app.ui.main_window import MainWindow, apply_language, apply_look

    apply_language(app)
    if "--no-look" not in argv:  # --no-look: the app without its own palette (the check must then fail)
        apply_look(app)
    window = MainWindow(load_for_app(None))
    window.remember_on_close = False
    window.show()
    report: dict = {"views": [], "outside": [], "contrast": [], "sideways": [],
                    "screen": window.screen().availableGeometry().getRect()}
    suffix = "-donker" if dark else ""

    def look(view: str, target: QWidget) -> None:
        if only is None or view in only:
            check(view + suffix, target, report, shots)

    if "--zoom" in argv:  # the largest text setting (Ctrl+Plus to the end)
        window.apply_zoom(int(argv[argv.index("--zoom") + 1]))
    if "--plant-contrast" in argv:  # the check itself: a pale grey explanation must be reported
        from PySide6.QtWidgets import QLabel as _Label

        planted = _Label("Bleke toelichting", window.reader)
        planted.setStyleSheet("color: #b8c0c8;")
        planted.move(20, 20)
        planted.show()
    window.set_municipality("delft")
    look("start", window)
    window.open_item("femicide")
    look("pagina", window)
    window.search_field.setText("stalking")
    look("zoeken", window)
    window.search_field.clear()

    window.open_wizard()
    wizard = window.wizard
    look("wizard-gemeente", window)
    wizard.answer_widget.suggest_button.click()
    wizard.go_to("acute_danger")  # by id: the flow's order may change, the views stay
    wizard.answer_widget.buttons[1].setChecked(True)  # no acute danger
    wizard.go_to("red_flags")
    look("wizard-rode-vlaggen", window)
    wizard.answer_widget.flags["strangulation"].setChecked(True)
    wizard.go_to("prior_reports")
    look("wizard-aantal", window)
    wizard.show_outcome()
    for key, edit in wizard.record_form.fields.items():
        (edit.setPlainText if hasattr(edit, "setPlainText") else edit.setText)(f"voorbeeld {key}")
    look("wizard-uitkomst", window)

    window.open_intake()
    window.intake.flags["stalking"].setChecked(True)
    look("intake", window)

    window.zoom(+3)
    look("wizard-vergroot", window) if window.open_wizard() is None else None
    window.zoom(None)

    window.open_trainer()
    trainer = window.trainer
    look("trainer-kiezen", trainer)
    trainer.start_case()
    look("trainer-verhaal", trainer)
    trainer._show_question("prior_reports")
    look("trainer-aantal", trainer)
    trainer._show_question("red_flags")
    look("trainer-rode-vlaggen", trainer)
    trainer._show_stage("compare")
    look("trainer-vergelijken", trainer)
    trainer.close()
    print(json.dumps(report, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
