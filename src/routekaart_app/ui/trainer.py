"""Trainer mode: a presentation window for a meldcode training with a practice case.

Large type, high contrast (white on very dark blue), nothing of the user on screen (no
municipality, no settings, no file paths). The stages of a case: the story revealed part by part,
the wizard run live with the group, the group's answers next to the model answers (differences
marked in words, not only colour), the group's outcome against the expected steps, and the
discussion questions.

Keys (also what a presenter's remote sends): Page Down / → / Space / Enter = further, Page Up /
← = back, B or . = black screen (again, or Esc, to return), Ctrl+R = again for the next group
(wipes everything of the group in one action), F11 = full screen, Esc = leave the black screen /
full screen / close. Ctrl+Plus / Ctrl+Min / Ctrl+0 = larger / smaller / normal.

The group's answers live only in this window's memory and are gone at "Opnieuw", at "Andere
casus" and when the window closes. Thin: the comparison and all HTML come from
`advice.training`, the path from `advice.session.Session`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..advice import Advisor
from ..advice.session import Session, Walk
from ..advice.training import (
    compare,
    comparison_html,
    discussion_html,
    handout_file_name,
    handout_html,
    outcome_compare_html,
    story_html,
)
from . import screen
from .answers import Answer, answer_widget, record_answer
from .look import focus_rules
from .widgets import SafeTextBrowser, scrolled
from .widgets import button as make_button

if TYPE_CHECKING:
    from ..content.store import ContentStore

CHOOSER, STORY, WIZARD, COMPARE, OUTCOME, DISCUSSION = "chooser", "story", "wizard", "compare", "outcome", "discussion"
#: The stages of a case, in order (the chooser comes before them).
STAGES = (STORY, WIZARD, COMPARE, OUTCOME, DISCUSSION)
STAGE_TITLES = {
    STORY: "Het verhaal",
    WIZARD: "De wizard, samen met de groep",
    COMPARE: "Antwoorden van de groep en het model",
    OUTCOME: "Uitkomst van de groep en de verwachte stappen",
    DISCUSSION: "Bespreekvragen",
}
ROLE_CASE = Qt.ItemDataRole.UserRole
#: Narrower than this (logical pixels, a laptop at 200 %): the footer's buttons in two rows.
NARROW = 1000
#: The width (logical pixels) at which the trainer's type is full size; narrower, it shrinks with it.
FIT_WIDTH = 1150
#: A screen narrower than this (logical pixels) is a small screen at a large scale.
SMALL_SCREEN = 760

BACKGROUND = "#0b1d33"
TEXT = "#ffffff"
SOFT = "#d3deea"  # secondary text: still about 12:1 on the background
ACCENT = "#ffd866"
KEYS_HINT = (
    "Page Down / → verder · Page Up / ← terug · B zwart scherm · Ctrl+R opnieuw (volgende groep) · "
    "F11 volledig scherm · Esc sluiten"
)


def _pt(size: float, scale: float) -> str:
    return f"{size * scale:.1f}pt"


def window_style(scale: float) -> str:
    s = scale
    return f"""
#trainer, #trainer QWidget#vlak, #trainer QScrollArea, #trainer QScrollArea > QWidget > QWidget {{
    background: {BACKGROUND}; color: {TEXT}; }}
#trainer QWidget#zwart {{ background: #000000; }}
#trainer QLabel {{ color: {TEXT}; font-size: {_pt(20, s)}; }}
#trainer QLabel#kop {{ font-size: {_pt(30, s)}; font-weight: 700; }}
#trainer QLabel#fase {{ color: {ACCENT}; font-size: {_pt(18, s)}; font-weight: 600; }}
#trainer QLabel#vraag {{ font-size: {_pt(26, s)}; font-weight: 700; }}
#trainer QLabel#uitleg {{ color: {SOFT}; font-size: {_pt(18, s)}; }}
#trainer QLabel#melding {{ color: {ACCENT}; font-size: {_pt(16, s)}; font-weight: 600; }}
#trainer QLabel#toetsen {{ color: {SOFT}; font-size: {_pt(11, s)}; }}
#trainer QTextBrowser {{ background: {BACKGROUND}; color: {TEXT}; border: none; }}
#trainer QRadioButton, #trainer QCheckBox {{ color: {TEXT}; font-size: {_pt(21, s)}; spacing: 14px; padding: 3px 8px; }}
#trainer QLabel#klein {{ font-size: {_pt(12, s)}; }}
#trainer QComboBox#klein {{ font-size: {_pt(12, s)}; padding: 3px 6px; }}
#trainer QWidget#kaart {{ background: #ffffff; border-radius: 6px; }}
#trainer QWidget#kaart QRadioButton, #trainer QWidget#kaart QCheckBox, #trainer QWidget#kaart QLabel {{
    color: #000000; }}
#trainer QWidget#kaart QLabel {{ font-size: {_pt(21, s)}; }}
#trainer QWidget#kaart QPushButton {{ color: #000000; background: #e8edf2; border: 1px solid #5c7ea3; }}
#trainer QWidget#kaart QRadioButton:focus, #trainer QWidget#kaart QCheckBox:focus {{ background: #dbe8f3; }}
#trainer QRadioButton::indicator, #trainer QCheckBox::indicator {{ width: {int(24 * s)}px; height: {int(24 * s)}px; }}
#trainer QScrollBar:vertical {{ background: {BACKGROUND}; width: 14px; border: none; }}
#trainer QScrollBar::handle:vertical {{ background: #5c7ea3; min-height: 40px; border-radius: 4px; }}
#trainer QScrollBar::add-line, #trainer QScrollBar::sub-line {{ height: 0px; }}
#trainer QScrollBar::add-page, #trainer QScrollBar::sub-page {{ background: none; }}
#trainer QComboBox, #trainer QSpinBox {{ font-size: {_pt(22, s)}; background: #ffffff; color: #000000;
    padding: 4px 8px; }}
#trainer QComboBox QAbstractItemView {{ background: #ffffff; color: #000000; font-size: {_pt(18, s)}; }}
#trainer QListWidget#casussen {{ background: {BACKGROUND}; color: {TEXT}; border: 1px solid #5c7ea3;
    font-size: {_pt(20, s)}; padding: 0px 8px; margin: 2px; }}
#trainer QListWidget#casussen:focus {{ border: 3px solid {ACCENT}; margin: 0px; }}
#trainer QListWidget#casussen::item {{ padding: 8px 0px; border-bottom: 1px solid #27456a; }}
#trainer QListWidget#casussen::item:selected {{ background: {ACCENT}; color: #000000; }}
#trainer QPushButton {{ font-size: {_pt(11, s)}; color: {TEXT}; background: #1d3a5c; border: 1px solid #5c7ea3;
    padding: 6px 9px; }}
#trainer QPushButton:focus {{ border: 2px solid {ACCENT}; }}
#trainer QPushButton:disabled {{ color: #9fb2c5; }}
#trainer QPushButton#groot {{ font-size: {_pt(18, s)}; font-weight: 600; background: {ACCENT};
    color: #000000; border: 2px solid {ACCENT}; padding: 8px 20px; }}
#trainer QPushButton#groot:focus {{ border: 3px solid #ffffff; }}
#trainer QFrame#voet {{ border-top: 1px solid #27456a; }}
""" + focus_rules("#trainer", colour=ACCENT, frame="#5c7ea3", button=None, quiet=("QScrollArea", "QTextBrowser")) + focus_rules(
        "#trainer QWidget#kaart", button=None)


def view_style(scale: float) -> str:
    """The style of the presentation text (QTextDocument CSS)."""
    s = scale
    return f"""
body {{ color: {TEXT}; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }}
p, li {{ font-size: {_pt(22, s)}; }}
table.deel td {{ font-size: {_pt(22, s)}; }}
a {{ color: #9fd3ff; }}
.plaats {{ color: {SOFT}; font-size: {_pt(18, s)}; }}
table.deel {{ color: {SOFT}; margin-bottom: 10px; }}
table.nieuw {{ background-color: #17365a; color: {TEXT}; }}
td.nr {{ color: {ACCENT}; font-weight: 700; font-size: {_pt(28, s)}; }}
.hint {{ color: {SOFT}; font-size: {_pt(16, s)}; font-style: italic; }}
.lead {{ color: {ACCENT}; font-weight: 600; }}
table.vergelijk {{ border-color: #5c7ea3; border-collapse: collapse; }}
table.vergelijk th {{ color: {ACCENT}; text-align: left; font-size: {_pt(17, s)}; }}
table.vergelijk td {{ font-size: {_pt(18, s)}; vertical-align: top; }}
tr.anders td {{ background-color: #1b3556; }}
.uitleg {{ color: {SOFT}; font-size: {_pt(16, s)}; }}
.antwoord {{ font-weight: 700; font-size: {_pt(19, s)}; }}
.detail {{ color: {ACCENT}; font-size: {_pt(16, s)}; }}
.badge {{ font-weight: 700; color: #000000; font-size: {_pt(16, s)}; }}
.verschil {{ background-color: #ffd400; }}
.gelijk {{ background-color: #8fe3a1; }}
.ontbreekt {{ background-color: #ffb3a7; }}
.extra {{ background-color: #b9d0ff; }}
ol.bespreek li {{ font-size: {_pt(26, s)}; margin-bottom: 28px; }}
"""


class TrainerWindow(QWidget):
    """The presentation window (one per main window; built on first use)."""

    closed = Signal()
    #: The stage, the story part or the question changed (the presenter window follows it).
    changed = Signal()

    def __init__(
        self,
        store: ContentStore,
        *,
        parent: QWidget | None = None,
        settings: Any = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("trainer")
        self.setWindowTitle("Routekaart — trainersmodus")
        self.setAccessibleName("Trainersmodus")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store = store
        try:
            self.advisor: Advisor | None = Advisor(store)
        except ValueError:
            self.advisor = None
        self.cases = sorted(store.extras.get("oefencasussen") or [], key=lambda c: (c.title.casefold(), c.region))
        self._settings = settings
        self.scale = self._remembered_scale()
        self._filter_installed = False
        # -- the group's state (all of it; `reset_group` wipes it) --
        self.case: Any = None
        self.stage = CHOOSER
        self.revealed = 0
        self.session: Session | None = None
        self.current: str | None = None
        self.answer_widget: Answer | None = None
        self._retired: list[QWidget] = []
        self._focus_before_blank: QWidget | None = None

        self._build()
        self._build_actions()
        self._apply_style()
        # 1280x800 or less: the whole window on the screen it opens on (a 1024x768 projector, a
        # laptop at 150 %); F11 or 'Presenteren op' fills a screen.
        screen.fit_window(self, 1280, 800, screen.available(parent) if parent is not None else None, share=1.0)
        self.show_chooser()

    # ------------------------------------------------------------------------------ layout
    def _build(self) -> None:
        # Header: the case title and where in the case we are.
        self.title_label = QLabel()
        self.title_label.setObjectName("kop")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # a case title is content: never HTML
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleDescription("Titel")
        self.stage_label = QLabel()
        self.stage_label.setObjectName("fase")
        self.stage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stage_label.setWordWrap(True)
        self.stage_label.setAccessibleDescription("Onderdeel")

        # -- the chooser ----------------------------------------------------------------------
        intro = QLabel("Kies een oefencasus en druk op Enter om te beginnen.")
        intro.setWordWrap(True)
        self.case_list = QListWidget()
        self.case_list.setObjectName("casussen")
        self.case_list.setAccessibleName("Oefencasussen")
        self.case_list.setAccessibleDescription("Titel en regio van elke oefencasus; Enter begint de casus")
        self.case_list.setWordWrap(True)  # long titles wrap (needs the horizontal scroll bar off)
        self.case_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.case_list.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap when the width changes
        self.case_list.itemActivated.connect(lambda _item: self.start_case())
        intro.setBuddy(self.case_list)
        for case in self.cases:
            item = QListWidgetItem(f"{case.title}  ·  regio {case.region}")
            item.setData(ROLE_CASE, case.id)
            self.case_list.addItem(item)
        if self.cases:
            self.case_list.setCurrentRow(0)
        self.start_button = make_button("Begin met deze casus  →", self.start_case, "Begin met deze casus", "Enter")
        self.start_button.setObjectName("groot")
        self.start_button.setEnabled(bool(self.cases) and self.advisor is not None)
        handout_label = QLabel("Hand-out:")
        handout_label.setObjectName("klein")
        self.handout_kind = QComboBox()
        self.handout_kind.setObjectName("klein")
        self.handout_kind.setAccessibleName("Soort hand-out")
        self.handout_kind.addItem("voor deelnemers (zonder modelantwoorden)", False)
        self.handout_kind.addItem("voor de trainer (met modelantwoorden)", True)
        handout_label.setBuddy(self.handout_kind)
        self.handout_pdf_button = make_button(
            "Hand-out opslaan als PDF…", self.save_handout_dialog, "Hand-out opslaan als PDF",
            "De gekozen casus als hand-out voor de deelnemers (Ctrl+Shift+S)",
        )
        self.handout_print_button = make_button(
            "Hand-out afdrukken…", self.print_handout, "Hand-out afdrukken", "De gekozen casus afdrukken (Ctrl+P)"
        )
        for b in (self.handout_pdf_button, self.handout_print_button):
            b.setEnabled(bool(self.cases) and self.advisor is not None)
        handout_row = QHBoxLayout()
        handout_row.addWidget(handout_label)
        handout_row.addWidget(self.handout_kind)
        handout_row.addStretch(1)
        handout_row.addWidget(self.handout_pdf_button)
        handout_row.addWidget(self.handout_print_button)
        # With a projector attached: which screen to present on (full screen there).
        self.screen_choice = QComboBox()
        self.screen_choice.setObjectName("klein")
        self.screen_choice.setAccessibleName("Scherm om op te presenteren")
        for index, shown in enumerate(QGuiApplication.screens(), start=1):
            size = shown.size()
            self.screen_choice.addItem(f"scherm {index} ({size.width()}×{size.height()})", index - 1)
        screen_label = QLabel("Presenteren op:")
        screen_label.setObjectName("klein")
        screen_label.setBuddy(self.screen_choice)
        self.present_button = make_button(
            "Volledig scherm daar", self._present_on_choice, "Volledig scherm op het gekozen scherm", "F11 daarna: terug"
        )
        self.presenter_button = make_button(
            "Met presentatorweergave", self._present_with_notes_on_choice,
            "Presenteren met presentatorweergave op dit scherm",
            "De groep ziet de casus op het gekozen scherm; u ziet hier ook de modelantwoorden en wat hierna komt",
        )
        self.presenter: Any = None  # the presenter window, only with two screens
        start_row = QHBoxLayout()
        if len(QGuiApplication.screens()) > 1:
            for w in (screen_label, self.screen_choice, self.present_button, self.presenter_button):
                start_row.addWidget(w)
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        chooser = QWidget()
        chooser.setObjectName("vlak")
        cl = QVBoxLayout(chooser)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(intro)
        if not self.cases:
            empty = QLabel("Er zijn geen oefencasussen gevonden (content/oefencasussen).")
            empty.setObjectName("uitleg")
            cl.addWidget(empty)
        cl.addWidget(self.case_list, 1)
        cl.addLayout(start_row)
        cl.addSpacing(8)
        cl.addLayout(handout_row)
        self.chooser_page = chooser

        # -- story, comparison, outcome, discussion: one text view ----------------------------
        self.view = SafeTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setOpenExternalLinks(False)
        self.view.setAccessibleName("Presentatie")
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.document().setDocumentMargin(4)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.view.verticalScrollBar().rangeChanged.connect(self._on_scrolled)

        # -- the wizard with the group ----------------------------------------------------------
        self.progress_label = QLabel()
        self.progress_label.setObjectName("uitleg")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setAccessibleDescription("Voortgang")
        self.question_label = QLabel()
        self.question_label.setObjectName("vraag")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)  # flow text is content: never HTML
        self.question_label.setAccessibleDescription("Vraag")
        self.help_label = QLabel()
        self.help_label.setObjectName("uitleg")
        self.help_label.setWordWrap(True)
        self.help_label.setTextFormat(Qt.TextFormat.PlainText)  # flow text is content: never HTML
        self.help_label.setAccessibleDescription("Toelichting bij de vraag")
        # The answers on a white card: dark text and check marks, as the standard boxes draw them.
        self.answer_holder = QWidget()
        self.answer_holder.setObjectName("kaart")
        self.answer_layout = QVBoxLayout(self.answer_holder)
        self.answer_layout.setContentsMargins(16, 12, 16, 12)
        body = QWidget()
        body.setObjectName("vlak")
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 12, 0)
        bl.setSpacing(12)
        self.progress_label.hide()  # its text shows in the header
        bl.addWidget(self.question_label)
        bl.addWidget(self.help_label)
        bl.addWidget(self.answer_holder)
        bl.addStretch(1)
        scroll = scrolled(body, "Vraag en antwoorden")
        self.wizard_page = scroll

        self.pages = QStackedWidget()
        for page in (self.chooser_page, self.view, self.wizard_page):
            self.pages.addWidget(page)

        # -- footer: a message line, the keys, and buttons for the mouse ----------------------
        self.message = QLabel()
        self.message.setObjectName("melding")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Melding")
        self.message.setMinimumHeight(30)  # the page does not jump when a message comes or goes
        keys = QLabel(KEYS_HINT)
        keys.setObjectName("toetsen")
        keys.setWordWrap(True)
        self.back_button = make_button("← Terug", self.go_back, "Terug", "Page Up of ←")
        self.next_button = make_button("Verder →", self.go_next, "Verder", "Page Down, → of spatie")
        self.reset_button = make_button(
            "Opnieuw (volgende groep)", self.reset_group, "Opnieuw voor de volgende groep",
            "Wist alle antwoorden van de groep en begint de casus opnieuw (Ctrl+R)",
        )
        self.other_button = make_button("Andere casus", self.show_chooser, "Andere casus kiezen", "Terug naar de lijst met casussen")
        self.blank_button = make_button(
            "Zwart scherm", self.toggle_blank, "Zwart scherm", "B of punt; nog een keer of Esc om terug te keren"
        )
        self.full_button = make_button("Volledig scherm", self.toggle_fullscreen, "Volledig scherm", "F11")
        self.close_button = make_button("Sluiten", self.close, "Trainersmodus sluiten", "Esc")
        # The case's buttons and the window's buttons: side by side, or two rows on a narrow
        # screen (a laptop at 200 %), see resizeEvent.
        case_row, window_row = QHBoxLayout(), QHBoxLayout()
        for row in (case_row, window_row):
            row.setSpacing(6)
        for b in (self.back_button, self.next_button):
            case_row.addWidget(b)
        case_row.addSpacing(8)
        case_row.addWidget(self.reset_button)
        case_row.addWidget(self.other_button)
        case_row.addStretch(1)
        for b in (self.blank_button, self.full_button, self.close_button):
            window_row.addWidget(b)
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        buttons.addLayout(case_row, 1)
        buttons.addLayout(window_row)
        self._button_rows = buttons
        footer = QFrame()
        footer.setObjectName("voet")
        fl = QVBoxLayout(footer)
        fl.setContentsMargins(0, 6, 0, 0)
        fl.setSpacing(4)
        fl.addWidget(self.message)
        fl.addLayout(buttons)
        fl.addWidget(keys)

        main = QWidget()
        main.setObjectName("vlak")
        ml = QVBoxLayout(main)
        ml.setContentsMargins(24, 20, 24, 12)
        self._main_layout = ml
        ml.setSpacing(10)
        ml.addWidget(self.title_label)
        ml.addWidget(self.stage_label)
        ml.addWidget(self.pages, 1)
        ml.addWidget(footer)

        self.black = QWidget()
        self.black.setObjectName("zwart")
        self.black.setAccessibleName("Zwart scherm")
        self.black.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.screen_stack = QStackedWidget()
        # A projector or a laptop at 200 %: the page scrolls rather than leaving the screen.
        main_scroll = scrolled(main, "Presentatie en bediening")
        main_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.screen_stack.addWidget(main_scroll)
        self._main_scroll = main_scroll
        self.screen_stack.addWidget(self.black)
        self.main_page = main
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen_stack)

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcuts: list) -> QAction:
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.act_reset = action("Opnieuw (volgende groep)", self.reset_group, ["Ctrl+R"])
        self.act_fullscreen = action("Volledig scherm", self.toggle_fullscreen, ["F11"])
        self.act_zoom_in = action("Groter", lambda: self.zoom(+1), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.act_zoom_out = action("Kleiner", lambda: self.zoom(-1), [QKeySequence.StandardKey.ZoomOut])
        self.act_zoom_reset = action("Normale grootte", lambda: self.zoom(None), ["Ctrl+0"])
        self.act_print = action("Hand-out afdrukken", self.print_handout, [QKeySequence.StandardKey.Print])
        self.act_pdf = action("Hand-out opslaan als PDF", self.save_handout_dialog, ["Ctrl+Shift+S"])

    def _apply_style(self) -> None:
        # On the window's content, not on the window itself: a dialog of this window (save the
        # hand-out, print, overwrite?) is its child and would inherit white text on its own
        # light background. The dialogs keep the app's own light look.
        scale = self.scale * getattr(self, "_fit", 1.0)
        self.screen_stack.setStyleSheet(window_style(scale))
        font = self.view.document().defaultFont()
        font.setPointSizeF(22 * scale)
        self.view.document().setDefaultFont(font)
        self.view.document().setDefaultStyleSheet(view_style(scale))

    def zoom(self, step: int | None) -> None:
        self.scale = 1.0 if step is None else max(0.6, min(2.0, round(self.scale + 0.1 * step, 1)))
        self._apply_style()
        if self.stage not in (CHOOSER, WIZARD):
            self._render_text_stage()
        if self._settings is not None:  # a preference, like the window's own zoom: nothing of the group
            self._settings.set_value("trainer_zoom", self.scale)

    def _remembered_scale(self) -> float:
        try:
            value = float(self._settings.value("trainer_zoom", 1.0)) if self._settings is not None else 1.0
        except (TypeError, ValueError):
            return 1.0
        return max(0.6, min(2.0, round(value, 1))) if value == value else 1.0  # NaN: normal

    def _present_on_choice(self) -> None:
        screens = QGuiApplication.screens()
        index = self.screen_choice.currentData() or 0
        if 0 <= index < len(screens):
            self.present_on(screens[index])

    def present_with_notes(self, audience, laptop) -> Any:
        """Two screens: this window full screen on `audience` (the projector), the presenter
        window with the model answers, discussion notes and what comes next on `laptop`. Both
        QScreens; returns the presenter window."""
        from .presenter import PresenterWindow

        if self.presenter is None:
            self.presenter = PresenterWindow(self)
        self.present_on(audience)
        self.presenter.show_on(laptop)
        return self.presenter

    def _present_with_notes_on_choice(self) -> None:
        screens = QGuiApplication.screens()
        chosen = screens[self.screen_choice.currentData() or 0]
        laptop = next((s for s in screens if s is not chosen), chosen)
        self.present_with_notes(chosen, laptop)

    def present_on(self, target) -> None:
        """Full screen on `target` (a QScreen): the projector the trainer chose."""
        if self.isFullScreen():
            self.showNormal()
        screen.fit_window(self, 1280, 800, target.availableGeometry(), share=1.0)
        self.showFullScreen()

    # ------------------------------------------------------------------------------ state
    @property
    def walk(self) -> Walk | None:
        return self.session.walk() if self.session is not None else None

    def _say(self, text: str = "") -> None:
        self.message.setText(text)

    def _case_by_id(self, case_id: str) -> Any:
        return next((c for c in self.cases if c.id == case_id), None)

    def selected_case(self) -> Any:
        item = self.case_list.currentItem()
        return self._case_by_id(item.data(ROLE_CASE)) if item is not None else None

    def _wipe_group(self) -> None:
        """Everything of the group: answers, revealed parts, the question on screen, the views."""
        self.session = Session(self.advisor) if self.advisor is not None and self.case is not None else None
        self.current = None
        self.revealed = 0
        self._drop_answer_widget()
        self.view.clear()
        self.question_label.clear()
        self.help_label.clear()
        self.progress_label.clear()
        self._say()

    # ---------------------------------------------------------------------------- stages
    def show_chooser(self) -> None:
        self.case = None
        self._wipe_group()
        self.stage = CHOOSER
        self.title_label.setText("Trainersmodus: oefencasussen")
        self.stage_label.setText("Kies een casus")
        self.pages.setCurrentWidget(self.chooser_page)
        self._update_buttons()
        self.case_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_case(self, case: Any = None) -> None:
        """Begin a case (the chosen one) at the first part of the story."""
        if self.advisor is None:
            self._say("De wizard is niet beschikbaar; de trainersmodus kan geen casus tonen.")
            return
        if isinstance(case, str):
            case = self._case_by_id(case)
        case = case or self.selected_case()
        if case is None:
            return
        self.case = case
        self._wipe_group()
        self.revealed = 1
        self._show_stage(STORY)

    def reset_group(self) -> None:
        """Again for the next group: the same case from the start, nothing of the group left."""
        if self.case is None:
            return
        self._wipe_group()
        self.revealed = 1
        self._show_stage(STORY)
        self._say("Opnieuw: alles van de vorige groep is gewist.")

    def _show_stage(self, stage: str) -> None:
        self.stage = stage
        self.title_label.setText(self.case.title)
        self._say()
        if stage == WIZARD:
            self.pages.setCurrentWidget(self.wizard_page)
        else:
            self.pages.setCurrentWidget(self.view)
            self._render_text_stage()
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_header()
        self._update_buttons()

    def _render_text_stage(self) -> None:
        assert self.case is not None and self.advisor is not None and self.session is not None
        if self.stage == STORY:
            html = story_html(self.advisor, self.case, self.revealed)
        elif self.stage == COMPARE:
            html = comparison_html(compare(self.advisor, self.case, self.session.walk().answers))
        elif self.stage == OUTCOME:
            html = outcome_compare_html(self.advisor, self.case, self.session.outcome(self.session.walk()))
        else:
            html = discussion_html(self.case)
        self.view.document().setDefaultStyleSheet(view_style(self.scale * getattr(self, "_fit", 1.0)))
        self.view.setHtml(f"<html><body>{html}</body></html>")
        bar = self.view.verticalScrollBar()
        bar.setValue(0)
        if self.stage == STORY:
            # The newest part in view (once the text is laid out at the view's width).
            QTimer.singleShot(0, self, self._story_to_end)

    def _story_to_end(self) -> None:
        if self.stage == STORY:
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _update_header(self) -> None:
        number = STAGES.index(self.stage) + 1
        text = f"{number}/{len(STAGES)} · {STAGE_TITLES[self.stage]}"
        if self.stage == STORY:
            text += f" — deel {self.revealed} van {len(self.case.parts)}"
        elif self.stage == WIZARD and self.current is not None:
            text += f" — {self.progress_label.text().lower()}"
        self.stage_label.setText(text)
        self.view.setAccessibleDescription(text)
        self.changed.emit()

    def _update_buttons(self) -> None:
        in_case = self.stage != CHOOSER
        for b in (self.back_button, self.next_button, self.reset_button, self.other_button):
            b.setVisible(in_case)
        if in_case:
            self.next_button.setEnabled(self.stage != DISCUSSION)

    # ------------------------------------------------------------------------ navigation
    def go_next(self) -> None:
        if self.stage == CHOOSER:
            self.start_case()
        elif self.stage == STORY:
            if self.revealed < len(self.case.parts):
                self.revealed += 1
                self._render_text_stage()
                self._update_header()
            else:
                self._enter_wizard()
        elif self.stage == WIZARD:
            self._wizard_next()
        elif self._page(+1):
            return  # a long comparison: first the rest of it, a screen at a time
        elif self.stage == COMPARE:
            self._show_stage(OUTCOME)
        elif self.stage == OUTCOME:
            self._show_stage(DISCUSSION)
        else:
            self._say("Dit is het einde van de casus. Ctrl+R: opnieuw voor de volgende groep.")

    def go_back(self) -> None:
        if self.stage == CHOOSER:
            return
        if self.stage == STORY:
            if self.revealed > 1:
                self.revealed -= 1
                self._render_text_stage()
                self._update_header()
        elif self.stage == WIZARD:
            self._wizard_back()
        elif self._page(-1):
            return
        elif self.stage == COMPARE:
            assert self.session is not None  # a case is on screen
            self._show_question(self.session.before(None) or self.session.advisor.flow.start)
        elif self.stage == OUTCOME:
            self._show_stage(COMPARE)
        else:
            self._show_stage(OUTCOME)

    def _page(self, direction: int) -> bool:
        """Scroll the text one screen (a little overlap); False when it is already at that end."""
        bar = self.view.verticalScrollBar()
        if (direction > 0 and bar.value() >= bar.maximum()) or (direction < 0 and bar.value() <= bar.minimum()):
            return False
        bar.setValue(bar.value() + direction * max(int(bar.pageStep() * 0.85), bar.singleStep()))
        return True

    def _on_scrolled(self) -> None:
        """Say when there is more below (the comparison is often longer than a screen)."""
        if self.stage in (COMPARE, OUTCOME, DISCUSSION):
            bar = self.view.verticalScrollBar()
            more = bar.value() < bar.maximum()
            self._say("Meer hieronder: Page Down." if more else "")

    # ----------------------------------------------------------------------------- wizard
    def _enter_wizard(self) -> None:
        assert self.advisor is not None  # cases are offered only with a flow
        self._show_question(self.advisor.flow.start)

    def _drop_answer_widget(self) -> None:
        if self.answer_widget is not None:
            self.answer_layout.removeWidget(self.answer_widget)
            widget, self.answer_widget = self.answer_widget, None
            widget.hide()
            widget.setParent(None)  # out of the window at once: nothing of the group stays on it
            widget.deleteLater()  # deleted later: a key event may still be on its way up
            # Kept alive until then (Python would delete it at once); the deleted ones are let go.
            self._retired = [w for w in self._retired if shiboken6.isValid(w)] + [widget]

    def _show_question(self, qid: str) -> None:
        assert self.advisor is not None and self.session is not None
        question = self.advisor.flow.question(qid)
        self.current = qid
        self.stage = WIZARD
        self.pages.setCurrentWidget(self.wizard_page)
        self._drop_answer_widget()
        widget = answer_widget(question, self.store, None)  # never the user's own municipality
        if qid in self.session.answers:
            widget.set_value(self.session.answers[qid])
        widget.setAccessibleName(f"Antwoord van de groep: {question.text}")
        widget.changed.connect(self._on_answer_changed)
        self.answer_layout.addWidget(widget)
        widget.show()
        self.answer_widget = widget
        self.question_label.setText(question.text)
        self.help_label.setText(question.help)
        self.help_label.setVisible(bool(question.help))
        self._update_progress()
        self.title_label.setText(self.case.title)
        self._say()
        self._update_header()
        self._update_buttons()
        self.wizard_page.verticalScrollBar().setValue(0)
        widget.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_progress(self) -> None:
        if self.session is None:
            return
        position, total = self.session.position(self.current)
        self.progress_label.setText(f"Vraag {position} van ongeveer {total}")

    def _on_answer_changed(self) -> None:
        if self.current is None or self.answer_widget is None or self.session is None:
            return
        if record_answer(self.session, self.current, self.answer_widget):
            self._say()
        self._update_progress()
        self._update_header()

    def _wizard_next(self) -> None:
        if self.current is None or self.answer_widget is None or self.session is None:
            return
        if not record_answer(self.session, self.current, self.answer_widget):
            self._say("Kies eerst het antwoord van de groep (of ‘Weet ik niet’).")
            return
        target = self.session.after(self.current)
        if target is not None:
            self._show_question(target)
        else:
            self.current = None
            self._drop_answer_widget()
            self._show_stage(COMPARE)

    def _wizard_back(self) -> None:
        if self.session is None:
            return
        target = self.session.before(self.current)
        if target is not None:
            self._show_question(target)
        else:
            self.current = None
            self._drop_answer_widget()
            self.revealed = len(self.case.parts)
            self._show_stage(STORY)

    # ----------------------------------------------------------------------- black screen
    @property
    def is_blank(self) -> bool:
        return self.screen_stack.currentWidget() is self.black

    def toggle_blank(self) -> None:
        if self.is_blank:
            self.screen_stack.setCurrentWidget(self._main_scroll)
            target = self._focus_before_blank
            self._focus_before_blank = None
            if target is not None and not target.isHidden() and self.isAncestorOf(target):
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            focus = QApplication.focusWidget()
            self._focus_before_blank = focus if focus is not None and self.isAncestorOf(focus) else None
            self.screen_stack.setCurrentWidget(self.black)
            self.black.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def escape(self) -> None:
        if self.is_blank:
            self.toggle_blank()
        elif self.isFullScreen():
            self.showNormal()
        else:
            self.close()

    # ------------------------------------------------------------------------- handout
    def handout_with_answers(self) -> bool:
        return bool(self.handout_kind.currentData())

    def set_handout_with_answers(self, on: bool) -> None:
        self.handout_kind.setCurrentIndex(1 if on else 0)

    def _handout_case(self) -> Any:
        return self.case or self.selected_case()

    def handout_document(self, case: Any = None, *, with_answers: bool | None = None) -> QTextDocument:
        case = case or self._handout_case()
        answers = self.handout_with_answers() if with_answers is None else with_answers
        doc = QTextDocument(self)
        doc.setDocumentMargin(24)
        assert self.advisor is not None  # cases (and so handouts) are offered only with a flow
        doc.setHtml(handout_html(self.advisor, case, with_answers=answers))
        return doc

    def export_handout_pdf(self, path: Path, case: Any = None, *, with_answers: bool | None = None) -> None:
        """Write the handout as PDF, atomically (a temp file, then a rename)."""
        from .export import write_pdf

        doc = self.handout_document(case, with_answers=with_answers)
        try:
            write_pdf(Path(path), doc)
        finally:
            doc.deleteLater()

    def save_handout_dialog(self) -> None:
        case = self._handout_case()
        if case is None or self.advisor is None:
            return
        answers = self.handout_with_answers()
        suggested = str(Path.home() / handout_file_name(case, with_answers=answers))
        from .export import ask_save_path

        path = ask_save_path(self, "Hand-out opslaan als PDF", suggested)  # asks before overwriting
        if not path:
            return
        try:
            self.export_handout_pdf(Path(path), case, with_answers=answers)
        except OSError as exc:
            QMessageBox.warning(self, "Opslaan mislukt", f"De hand-out kon niet worden opgeslagen:\n{exc}")
        else:
            self._say(f"Hand-out opgeslagen als {Path(path).name}.")  # the name only: no folders on screen

    def print_handout(self) -> None:
        case = self._handout_case()
        if case is None or self.advisor is None:
            return
        from .export import print_document

        doc = print_document(self, "Hand-out afdrukken", lambda: self.handout_document(case))
        if doc is not None:
            doc.deleteLater()

    # --------------------------------------------------------------------------- keyboard
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW
        self._button_rows.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        self._main_layout.setContentsMargins(*((10, 8, 10, 8) if narrow else (24, 20, 24, 12)))
        # A small screen at a large scale (1366x768 at 200 % is 683 wide): the type shrinks with
        # the width (never below 60 %), so the longest answer still fits without scrolling sideways.
        small = self.screen() is not None and self.screen().availableGeometry().width() < SMALL_SCREEN
        fit = max(0.6, min(1.0, round(event.size().width() / FIT_WIDTH, 2))) if small else 1.0
        if fit != getattr(self, "_fit", 1.0):
            self._fit = fit
            self._apply_style()
            if self.stage not in (CHOOSER, WIZARD):
                self._render_text_stage()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None and not self._filter_installed:
            app.installEventFilter(self)
            self._filter_installed = True

    def _remove_filter(self) -> None:
        app = QApplication.instance()
        if app is not None and self._filter_installed:
            app.removeEventFilter(self)
            self._filter_installed = False

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        self._remove_filter()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.presenter is not None:  # the notes go with the presentation
            self.presenter.close()
            self.presenter = None
        self.case = None
        self._wipe_group()
        self._remove_filter()
        self.closed.emit()
        super().closeEvent(event)

    def _key_action(self, obj: QWidget, event) -> str | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return None
        key = event.key()
        # The widget with the focus decides (a key a widget ignores travels on to its parents).
        focus = QApplication.focusWidget()
        obj = focus if focus is not None and focus.window() is self else obj
        editing = isinstance(obj, (QComboBox, QAbstractSpinBox))
        if key == Qt.Key.Key_PageDown:
            return "next"
        if key == Qt.Key.Key_PageUp:
            return "back"
        if key == Qt.Key.Key_Escape:
            return "escape"
        if key == Qt.Key.Key_Period or (key == Qt.Key.Key_B and not editing):
            return "blank"
        if self.stage == CHOOSER:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and obj is self.case_list:
                return "next"
            return None
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Left) and not editing:
            return "next" if key == Qt.Key.Key_Right else "back"
        if key == Qt.Key.Key_Space and not (editing or isinstance(obj, QAbstractButton)):
            return "next"
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(obj, QPushButton):
            return "next"
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(obj, QWidget):
            return False
        if obj.window() is not self:
            return False
        action = self._key_action(obj, event)
        if self.is_blank:
            # On the black screen nothing moves: a navigation key only brings the screen back.
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.toggle_blank()
                return True
            return kind == QEvent.Type.KeyPress
        if action is None:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            if action == "next":
                self.go_next()
            elif action == "back":
                self.go_back()
            elif action == "blank":
                self.toggle_blank()
            elif action == "escape":
                self.escape()
        return True


__all__ = ["TrainerWindow", "STAGES", "window_style", "view_style"]
