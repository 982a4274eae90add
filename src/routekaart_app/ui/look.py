"""The calm, readable look: one light palette, font sizes, a white reading surface, roomier rows,
and the zoom (Ctrl+Plus / Ctrl+Min / Ctrl+0) that scales all of it.

Set on the widgets themselves rather than with an application-wide style sheet: a style sheet on
the QApplication sends every widget through Qt's style-sheet style, which costs the first window
several milliseconds to polish and paint, for four rules. (The wizard, the intake view and trainer
mode keep their own style sheets; they are not part of the start-up.)

One palette everywhere: the app's own light palette, whatever the system's colour scheme. The
views' style sheets and the reader's HTML are written for dark text on light surfaces; under a
dark system palette they became unreadable (dark-blue text on dark grey, black check boxes). With
the Fusion style every control is drawn from this palette, on every platform, and the keyboard
focus is marked in the strong highlight colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea

#: The smallest base font of the app (points).
BASE_PT = 10.5
#: The navigation tree and the search results (points).
LIST_PT = 11.0
#: Text views: the reader and the wizard's and intake's text (points).
TEXT_PT = 12.0

#: Zoom steps (Ctrl+Plus / Ctrl+Min): 10 % each, from 60 % to 220 %.
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = -4, 12, 0.1

#: The widget property that holds a widget's own size in points before zoom.
_BASE_PROPERTY = "routekaartPunten"

#: The light palette (role name -> colour). Text on every surface here is at least 4.5:1.
INK = "#1f2a33"
LIGHT = {
    "Window": "#f4f6f8",
    "WindowText": INK,
    "Base": "#ffffff",
    "AlternateBase": "#eef2f5",
    "Text": INK,
    "Button": "#e8edf2",
    "ButtonText": INK,
    "BrightText": "#ffffff",
    "Highlight": "#0b5cab",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#fffbe6",
    "ToolTipText": INK,
    "PlaceholderText": "#5c6670",
    "Link": "#0b5cab",
    "LinkVisited": "#5a3d8a",
    "Light": "#ffffff",
    "Midlight": "#e3e8ed",
    "Mid": "#aab5c0",
    "Dark": "#7d8a96",
    "Shadow": "#4a545e",
}
#: Text of disabled controls (WCAG exempts them; still readable: about 4.5:1 on the window).
DISABLED_TEXT = "#5f6a74"


def light_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for name, colour in LIGHT.items():
        palette.setColor(getattr(roles, name), QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for name in ("WindowText", "Text", "ButtonText"):
        palette.setColor(disabled, getattr(roles, name), QColor(DISABLED_TEXT))
    palette.setColor(disabled, roles.Base, QColor(LIGHT["Window"]))
    return palette


#: Pairs of palette roles that carry text, and the contrast each needs (WCAG 1.4.3; 1.4.11 for the
#: highlight that marks the current row and the focus).
TEXT_PAIRS = (("WindowText", "Window"), ("Text", "Base"), ("Text", "AlternateBase"), ("ButtonText", "Button"),
              ("HighlightedText", "Highlight"), ("ToolTipText", "ToolTipBase"), ("PlaceholderText", "Base"),
              ("Link", "Base"), ("LinkVisited", "Base"))


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def low_contrast(palette: QPalette, minimum: float = 4.5) -> list[str]:
    """The text pairs of `palette` below `minimum`, as 'Text op Base: 3.1:1'."""
    roles = QPalette.ColorRole
    found = []
    for fg, bg in TEXT_PAIRS:
        value = contrast(palette.color(getattr(roles, fg)), palette.color(getattr(roles, bg)))
        if value < minimum:
            found.append(f"{fg} op {bg}: {value:.1f}:1")
    return found


def high_contrast_wanted(app: QApplication) -> bool:
    """The system asks for high contrast (Windows: a contrast theme; Qt 6.10 reports it). Asked on
    Windows only: elsewhere Qt has no such setting to report, and asking builds the `Qt` enums at
    start-up (tests/test_startup.py)."""
    import sys

    if sys.platform != "win32":
        return False
    from PySide6.QtCore import Qt

    # Hold the QStyleHints wrapper while its child is used: with `app.styleHints().accessibility()`
    # Python may drop the parent's wrapper first and the child's C++ object goes with it
    # (RuntimeError "already deleted": every start on Windows failed this way).
    style_hints = app.styleHints()
    hints = style_hints.accessibility()
    return hints.contrastPreference() == Qt.ContrastPreference.HighContrast


def apply_palette(app: QApplication, high_contrast: bool | None = None, fusion: bool = False) -> None:
    """The app's own light palette and the Fusion style, which draws every control from it.

    `fusion`: the application was made with the style already (`run_gui` does: then Qt never
    makes the platform's own style only to replace it, and nothing asks `app.style()`, whose
    Python wrapper builds the QStyle's eleven enum types, ~1,000 members, ~5 ms of every start).
    Under a system high-contrast theme the system's own colours stay (the user chose them; a
    fixed palette would undo that), as long as they hold 4.5:1 themselves."""
    if not fusion and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if high_contrast is None:
        high_contrast = high_contrast_wanted(app)
    if high_contrast and not low_contrast(app.palette()):
        return
    app.setPalette(light_palette())


def base_font(app: QApplication) -> None:
    """A slightly larger base font than most systems give, never a smaller one."""
    font = app.font()
    if font.pointSizeF() < BASE_PT:
        font.setPointSizeF(BASE_PT)
        app.setFont(font)


# ------------------------------------------------------------------------------------ zoom
def zoom_factor(steps: int) -> float:
    return 1.0 + ZOOM_STEP * clamp_zoom(steps)


def clamp_zoom(steps: int) -> int:
    return max(ZOOM_MIN, min(ZOOM_MAX, int(steps)))


def pt(points: float, factor: float) -> str:
    """A font size for a style sheet, zoomed."""
    return f"{points * factor:.1f}pt"


def point_size(widget: QWidget, points: float, factor: float = 1.0) -> None:
    """The widget's own font size, remembered so that `zoom_widgets` can scale it later."""
    widget.setProperty(_BASE_PROPERTY, float(points))
    font = widget.font()
    font.setPointSizeF(points * factor)
    widget.setFont(font)


def zoom_widgets(root: QWidget, factor: float, base_points: float) -> None:
    """Scale `root`'s font (children without their own size follow) and every widget that has
    its own size (`point_size`) under it."""
    font = root.font()
    font.setPointSizeF(base_points * factor)
    root.setFont(font)
    for widget in root.findChildren(QWidget):
        points = widget.property(_BASE_PROPERTY)
        if points:
            font = widget.font()
            font.setPointSizeF(float(points) * factor)
            widget.setFont(font)


def text_view(widget: QWidget) -> None:
    """A text view: reading size, dark text on white whatever the system's colour scheme."""
    point_size(widget, TEXT_PT)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    widget.setPalette(palette)


def list_view(widget: QWidget, extra: int, ring: bool = False) -> None:
    """A list or tree: list size text and rows `extra` pixels taller (breathing room); with
    `ring`, its focus ring too (`focus_ring`), in the same style sheet: each style sheet set is
    another pass over the widget and its children.

    The extra room is item padding in the widget's style sheet, not a delegate written in
    Python: Qt would call such a delegate for row sizes with a QStyleOptionViewItem, and wrapping
    that option for Python builds eight enum types at start-up."""
    point_size(widget, LIST_PT)
    kind = next((k for k in ("QTreeWidget", "QListWidget") if widget.inherits(k)), type(widget).__name__)
    top = extra // 2
    rules = f"{kind}::item {{ padding-top: {top}px; padding-bottom: {extra - top}px; }}\n"
    widget.setStyleSheet(widget.styleSheet() + rules + (_ring_rules(widget) if ring else ""))


# ----------------------------------------------------------------------------- keyboard focus
#: The focus indicator: a ring this many pixels wide in the strong highlight colour (at least
#: 3:1 against what it replaces, WCAG 2.4.13), round every control that takes the keyboard.
FOCUS = LIGHT["Highlight"]
FOCUS_WIDTH = 2
#: Controls drawn with a frame: unfocused a thin frame with room round it, focused a ring that
#: grows into that room (the content does not move).
FRAMED = ("QPushButton", "QLineEdit", "QPlainTextEdit", "QComboBox", "QSpinBox", "QListWidget", "QTreeWidget",
          "QTextBrowser", "QScrollArea")
#: Controls without a frame of their own: a transparent ring that gets the colour.
RINGED = ("QCheckBox", "QRadioButton")


def focus_rules(scope: str = "", colour: str = FOCUS, frame: str = LIGHT["Mid"], button: str | None = LIGHT["Button"],
                framed: tuple[str, ...] = FRAMED, quiet: tuple[str, ...] = ("QScrollArea",)) -> str:
    """Style-sheet rules for a visible focus ring inside `scope` (a selector such as '#wizard').

    `button`: the face of push buttons (a style sheet border replaces the native drawing, and
    with it the face); None keeps the face the scope's own rules give them. `quiet`: kinds whose
    unfocused frame is invisible (a scroll area round a page of questions)."""
    w = FOCUS_WIDTH
    s = f"{scope} " if scope else ""
    rules = []
    for kind in framed:
        face = f" background: {button};" if kind == "QPushButton" and button else ""
        edge = "transparent" if kind in quiet else frame
        rules.append(f"{s}{kind} {{ border: 1px solid {edge}; margin: {w}px;{face} }}")
        rules.append(f"{s}{kind}:focus {{ border: {w + 1}px solid {colour}; margin: 0px; }}")
    for kind in RINGED:
        rules.append(f"{s}{kind} {{ border: {w}px solid transparent; }}")
        rules.append(f"{s}{kind}:focus {{ border: {w}px solid {colour}; }}")
    return "\n".join(rules) + "\n"


def _ring_rules(widget: QWidget) -> str:
    kind = next((k for k in FRAMED + RINGED if widget.inherits(k)), type(widget).__name__)
    return focus_rules(framed=(kind,)) if kind in FRAMED else focus_rules(framed=())


def opaque_viewport(view: QAbstractScrollArea) -> None:
    """A scroll view whose style sheet draws its frame (list rows, focus ring) paints its own
    viewport again. Qt's style-sheet style turns the viewport's background fill off and fills it
    while painting instead, which to Qt makes the viewport see-through: every repaint of it (the
    results of a keystroke, a page opened) then repaints every widget behind it up to the window
    first, a pane-sized area at each level (measured: a keystroke's paint took twice as long).
    Filled by Qt with the same colour (the palette's Base), the viewport is opaque again.

    Call it once the view has its parent and its style sheet: a later polish (a new style
    sheet, a move to another parent) turns the fill off again."""
    view.ensurePolished()
    view.viewport().setAutoFillBackground(True)


def focus_ring(widget: QWidget) -> None:
    """A widget without a view's style sheet (the main window's search field, reader and
    municipality choice): its own focus ring, after the rules it has (lists: `list_view(ring=True)`)."""
    widget.setStyleSheet(widget.styleSheet() + _ring_rules(widget))
