"""The wizard: one question at a time, a side list of the answers so far, a live outcome, and
the outcome page with the record for the file (print, PDF, copy as text).

Thin: the path comes from `advice.session.Session` (which asks `Advisor.walk`), the outcome from
`Advisor.advise`, the HTML and text from `advice.report`, the answer widgets from `ui.answers`.
The answers and the note live only in this widget's memory: nothing is written to the settings,
to temporary files or to the window title. Only what the user exports leaves the app.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..advice import Advisor
from ..advice.facts import KINDS
from ..advice.flow import Question
from ..advice.report import outcome_html, outcome_summary_html, record_html, record_text
from ..advice.session import Session, Walk
from ..content.render import esc
from .a11y import announce
from .answers import NO_ANSWER, Answer, answer_widget, record_answer
from .look import focus_rules, pt
from .record_form import RecordForm
from .widgets import SafeTextBrowser, no_status, plain_tip, scrolled
from .widgets import button as make_button

if TYPE_CHECKING:
    from ..content.store import ContentStore

#: The side list's data roles: the question id of a row, and the row's HTML.
ROLE_QUESTION = Qt.ItemDataRole.UserRole
ROLE_HTML = Qt.ItemDataRole.UserRole + 1


def _style(zoom: float = 1.0) -> str:
    """The wizard's look at a zoom factor. Text on every surface at least 4.5:1; the keyboard focus
    marked with a light blue field and the strong blue outline of the palette's highlight."""
    z = zoom
    return f"""
#wizard QLabel#wizardKop {{ font-size: {pt(15, z)}; font-weight: 600; color: #17405e; }}
#wizard QLabel#vraagtekst {{ font-size: {pt(14, z)}; font-weight: 600; color: #17405e; }}
#wizard QLabel#uitleg {{ color: #44535e; font-size: {pt(11, z)}; }}
#wizard QLabel#voortgang {{ color: #55646f; }}
#wizard QLabel#zijkop {{ font-weight: 600; color: #17405e; }}
#wizard QLabel#privacy {{ color: #55646f; font-size: {pt(9.5, z)}; }}
#wizard QFrame#zijpaneel {{ background: #f5f8fa; border-left: 1px solid #d5e0e8; }}
#wizard QLabel#liveUitkomst {{ background: #ffffff; border: 1px solid #d5e0e8; padding: 6px; }}
#wizard QGroupBox#antwoordvak {{ font-weight: 600; color: #24506f; border: 1px solid #d5e0e8;
    border-radius: 4px; margin-top: 10px; padding: 10px 8px 6px 8px; background: #fbfcfd; }}
#wizard QGroupBox#antwoordvak::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
#wizard QGroupBox#antwoordvak QRadioButton, #wizard QGroupBox#antwoordvak QCheckBox {{ font-weight: normal;
    color: #1f2a33; font-size: {pt(11.5, z)}; padding: 3px 4px; }}
#wizard QGroupBox#antwoordvak QLabel {{ font-weight: normal; color: #1f2a33; font-size: {pt(11.5, z)}; }}
#wizard QGroupBox#antwoordvak QRadioButton:focus, #wizard QGroupBox#antwoordvak QCheckBox:focus {{
    background: #dbe8f3; }}
#wizard QGroupBox#vastlegging {{ font-weight: 600; color: #17405e; }}
#wizard QGroupBox#vastlegging QLabel {{ font-weight: normal; color: #1f2a33; }}
#wizard QPushButton {{ padding: 5px 14px; }}
#wizard QPushButton#volgende {{ font-weight: 600; }}
#wizard QPushButton[link="true"] {{ border: none; color: #0b5cab; text-decoration: underline;
    padding: 2px 4px; text-align: left; }}
#wizard QPushButton[link="true"]:focus {{ background: #dbe8f3; border: 2px solid #0b5cab; }}
#wizard QProgressBar {{ border: 1px solid #c9d6e0; border-radius: 3px; background: #ffffff; max-height: 10px; }}
#wizard QProgressBar::chunk {{ background: #5b8db8; }}
#wizard QListWidget#antwoorden {{ background: #ffffff; border: 1px solid #d5e0e8; font-size: {pt(11, z)}; }}
#wizard QListWidget#antwoorden:focus {{ border: 2px solid #0b5cab; }}
#wizard QListWidget#antwoorden::item {{ border-bottom: 1px solid #e3e9ee; padding: 4px; }}
#wizard QListWidget#antwoorden::item:selected {{ background: #dbe8f3; color: #1f2a33; }}
#wizard QListWidget#antwoorden::item:hover {{ background: #eef4f9; }}
""" + focus_rules("#wizard")


def _short(text: str, limit: int = 64) -> str:
    """A question, short enough for the side list."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:(")
    return cut + " …"


class _AnswerDelegate(QStyledItemDelegate):
    """Side list rows: the question small and grey, the answer in bold (from ROLE_HTML)."""

    PAD = 6

    def _doc(self, option, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(ROLE_HTML) or esc(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        doc.setTextWidth(max(width - 2 * self.PAD, 40))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._doc(option, index)
        painter.save()
        painter.translate(option.rect.left() + self.PAD, option.rect.top() + self.PAD)
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt name
        doc = self._doc(option, index)
        return QSize(int(doc.idealWidth()) + 2 * self.PAD, int(doc.size().height()) + 2 * self.PAD)


class WizardPage(QWidget):
    """The wizard as one widget for the main window's right-hand stack."""

    def __init__(
        self,
        store: ContentStore,
        *,
        open_item: Callable[[str], None],
        municipality: Callable[[], str | None] = lambda: None,
        sector: Callable[[], str | None] = lambda: None,
        remember_sector: Callable[[str], None] = lambda _sector: None,
        status: Callable[[str, int], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("wizard")
        self.setAccessibleName("Wizard")
        self.setStyleSheet(_style())
        self.store = store
        self._open_item = open_item
        self._municipality = municipality
        self._sector = sector
        self._remember_sector = remember_sector
        self._status = status or no_status
        self._filter_installed = False
        try:
            self.advisor: Advisor | None = Advisor(store)
        except ValueError:
            self.advisor = None
        if self.advisor is None:
            self._build_unavailable()
            return
        self.session = Session(self.advisor)
        #: The question on screen (id), or None for the outcome page.
        self.current: str | None = self.advisor.flow.start
        self.answer_widget: Answer | None = None
        self._walk: Walk = self.session.walk()
        self._build()
        self._show_question(self.current)

    # ------------------------------------------------------------------------------ layout
    def _build_unavailable(self) -> None:
        layout = QVBoxLayout(self)
        label = QLabel(
            "<h2>De wizard is niet beschikbaar</h2><p>De beslisboom in de content kon niet worden "
            "geladen (zie <code>routekaart validate</code>). Het handboek werkt wel.</p>"
            f"<p>{esc(self.store.doubt_line)}</p>"
        )
        label.setWordWrap(True)
        label.setAccessibleDescription("De wizard is niet beschikbaar")
        layout.addWidget(label)
        layout.addStretch(1)

    def _build(self) -> None:
        # -- the question page -----------------------------------------------------------------
        self.progress_label = QLabel()
        self.progress_label.setObjectName("voortgang")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setAccessibleDescription("Voortgang")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Voortgang van de vragen")
        self.progress.setMaximumWidth(320)
        self.progress.setMinimumWidth(120)

        self.question_label = QLabel()
        self.question_label.setObjectName("vraagtekst")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)  # flow text is content: never HTML
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_label.setAccessibleDescription("Vraag")
        self.help_label = QLabel()
        self.help_label.setObjectName("uitleg")
        self.help_label.setWordWrap(True)
        self.help_label.setTextFormat(Qt.TextFormat.PlainText)  # flow text is content: never HTML
        self.help_label.setAccessibleDescription("Toelichting bij de vraag")
        # An answer a published meldcode supports, filled in as a starting point (never forced).
        self.prefill_label = QLabel()
        self.prefill_label.setObjectName("voorstel")
        self.prefill_label.setWordWrap(True)
        self.prefill_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prefill_label.setAccessibleDescription("Vooraf ingevuld")
        self.prefill_label.setVisible(False)

        self.answer_box = QGroupBox("Uw antwoord")
        self.answer_box.setObjectName("antwoordvak")
        self.answer_box.setAccessibleName("Uw antwoord")
        self.answer_layout = QVBoxLayout(self.answer_box)

        self.see_row = QWidget()
        self.see_row.setAccessibleName("Meer in het handboek")
        self.see_layout = QHBoxLayout(self.see_row)
        self.see_layout.setContentsMargins(0, 0, 0, 0)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(4, 4, 12, 4)
        body_layout.setSpacing(10)
        body_layout.addWidget(self.question_label)
        body_layout.addWidget(self.help_label)
        body_layout.addWidget(self.prefill_label)
        body_layout.addWidget(self.answer_box)
        body_layout.addWidget(self.see_row)
        body_layout.addStretch(1)
        scroll = scrolled(body, "Vraag en antwoorden")

        self.back_button = make_button("← Vorige", self.go_back, "Vorige vraag", "Vorige vraag (Alt+Links of Page Up)")
        self.next_button = make_button("Volgende →", self.go_next, "Volgende vraag", "Volgende (Enter, Alt+Rechts of Page Down)")
        self.next_button.setObjectName("volgende")
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)

        question_page = QWidget()
        qp = QVBoxLayout(question_page)
        qp.setContentsMargins(0, 0, 0, 0)
        qp.addWidget(scroll, 1)
        qp.addLayout(nav)

        # -- the outcome page -----------------------------------------------------------------
        self.outcome_view = SafeTextBrowser()
        self.outcome_view.setOpenLinks(False)
        self.outcome_view.setOpenExternalLinks(False)
        self.outcome_view.setAccessibleName("Uitkomst")
        self.outcome_view.setAccessibleDescription("De mogelijke vervolgstappen, met reden, bron en contact")
        self.outcome_view.document().setDocumentMargin(14)
        self.outcome_view.anchorClicked.connect(self._on_link)

        # What the professional adds for the file (only in the export; kept nowhere).
        self.record_form = RecordForm()
        self.note = self.record_form.note

        self.outcome_back = make_button("← Vorige", self.go_back, "Vorige vraag", "Terug naar de laatste vraag (Alt+Links)")
        self.print_button = make_button(
            "Afdrukken…", self.print_record, "Vastlegging afdrukken", "De vastlegging voor het dossier afdrukken"
        )
        self.pdf_button = make_button(
            "Opslaan als PDF…", self.save_pdf, "Vastlegging opslaan als PDF", "De vastlegging voor het dossier als PDF opslaan"
        )
        self.copy_button = make_button(
            "Kopiëren als tekst", self.copy_text, "Vastlegging kopiëren als tekst", "De vastlegging als platte tekst naar het klembord"
        )
        out_nav = QHBoxLayout()
        out_nav.addWidget(self.outcome_back)
        out_nav.addStretch(1)
        for b in (self.print_button, self.pdf_button, self.copy_button):
            out_nav.addWidget(b)

        # The outcome above, the record's fields below (scrolled when the screen is small); the
        # user moves the line between them.
        self.record_split = QSplitter(Qt.Orientation.Vertical)
        self.record_split.setChildrenCollapsible(False)
        self.record_split.addWidget(self.outcome_view)
        self.record_split.addWidget(scrolled(self.record_form, "Voor de vastlegging"))
        self.record_split.setStretchFactor(0, 3)
        self.record_split.setStretchFactor(1, 2)
        # The outcome first: most of the height; the record's fields scroll below it (the user
        # can drag the divider).
        self.record_split.setSizes([700, 300])

        outcome_page = QWidget()
        op = QVBoxLayout(outcome_page)
        op.setContentsMargins(0, 0, 0, 0)
        op.addWidget(self.record_split, 1)
        op.addLayout(out_nav)

        self.pages = QStackedWidget()
        self.pages.addWidget(question_page)
        self.pages.addWidget(outcome_page)
        self.question_page, self.outcome_page = question_page, outcome_page

        # -- the side panel ---------------------------------------------------------------------
        answers_label = QLabel("Uw antwoorden")
        answers_label.setObjectName("zijkop")
        self.answers_list = QListWidget()
        self.answers_list.setObjectName("antwoorden")
        self.answers_list.setAccessibleName("Uw antwoorden")
        self.answers_list.setAccessibleDescription("Kies een antwoord om die vraag opnieuw te zien en te wijzigen")
        self.answers_list.setWordWrap(True)
        self.answers_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.answers_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.answers_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.answers_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.answers_list.setItemDelegate(_AnswerDelegate(self.answers_list))
        self.answers_list.itemClicked.connect(self._on_answer_item)
        self.answers_list.itemActivated.connect(self._on_answer_item)
        answers_label.setBuddy(self.answers_list)

        live_label = QLabel("Uitkomst tot nu toe")
        live_label.setObjectName("zijkop")
        self.live = QLabel()
        self.live.setObjectName("liveUitkomst")
        self.live.setWordWrap(True)
        self.live.setTextFormat(Qt.TextFormat.RichText)
        self.live.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.live.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.outcome_button = make_button(
            "Bekijk de uitkomst", self.show_outcome, "Bekijk de uitkomst", "De volledige uitkomst met redenen, bronnen en contacten"
        )
        self.new_button = make_button("Nieuwe casus", self.new_case, "Nieuwe casus", "Alle antwoorden en de notitie wissen (Ctrl+N)")
        privacy = QLabel("De app bewaart uw antwoorden niet. Ze verdwijnen bij ‘Nieuwe casus’ en bij afsluiten.")
        privacy.setObjectName("privacy")
        privacy.setWordWrap(True)

        side = QFrame()
        side.setObjectName("zijpaneel")
        side.setMinimumWidth(250)
        side.setMaximumWidth(330)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(10, 8, 10, 8)
        sl.addWidget(answers_label)
        sl.addWidget(self.answers_list, 1)
        sl.addWidget(live_label)
        # The live outcome can be long (conditional steps): it scrolls rather than being cut off.
        self.live_scroll = scrolled(self.live, "Uitkomst tot nu toe")
        self.live_scroll.setMaximumHeight(260)
        sl.addWidget(self.live_scroll)
        sl.addWidget(self.outcome_button)
        sl.addSpacing(8)
        sl.addWidget(self.new_button)
        sl.addWidget(privacy)

        # -- header and the whole -------------------------------------------------------------
        title = QLabel("Wizard: van signalen naar vervolgstappen")
        title.setObjectName("wizardKop")
        title.setAccessibleName("Wizard: van signalen naar vervolgstappen")
        title.setWordWrap(True)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addSpacing(8)
        progress_row.addWidget(self.progress, 1)
        progress_row.addStretch(1)

        main = QWidget()
        ml = QVBoxLayout(main)
        ml.setContentsMargins(16, 10, 12, 8)
        ml.addWidget(title)
        ml.addLayout(progress_row)
        ml.addSpacing(4)
        ml.addWidget(self.pages, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(main, 1)
        layout.addWidget(side)
        self._columns, self._side = layout, side

        self.act_new = QAction("Nieuwe casus", self)
        self.act_new.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.act_new.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_new.triggered.connect(self.new_case)
        self.addAction(self.act_new)

        # Tab order on the outcome page: the outcome, the note, the record buttons, the side panel.
        chain = [self.outcome_view, *self.record_form.focus_chain(), self.print_button,
                 self.pdf_button, self.copy_button, self.outcome_back, self.answers_list]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_zoom(self, factor: float) -> None:
        """The wizard's own font sizes at the window's zoom (the rest follows the window's font)."""
        self.setStyleSheet(_style(factor))

    # --------------------------------------------------------------------------- state
    def _recompute(self) -> None:
        self._walk = self.session.walk()

    @property
    def walk(self) -> Walk:
        return self._walk

    def outcome(self):
        return self.session.outcome(self._walk)

    def refresh_contacts(self) -> None:
        """The outcome again, after the contacts changed (an organisation chosen, a pack added)."""
        if self.advisor is not None:
            self._refresh()

    # ------------------------------------------------------------------------ questions
    def _show_question(self, qid: str) -> None:
        assert self.advisor is not None
        question = self.advisor.flow.question(qid)
        self.current = qid
        self.pages.setCurrentWidget(self.question_page)
        self.question_label.setText(question.text)
        self.help_label.setText(question.help)
        self.help_label.setVisible(bool(question.help))
        widget = self._build_answer(question)
        self._build_see(question)
        self._fix_tab_order()
        self._refresh()
        widget.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_answer(self, question: Question) -> Answer:
        if self.answer_widget is not None:
            self.answer_layout.removeWidget(self.answer_widget)
            self.answer_widget.hide()
            self.answer_widget.deleteLater()  # not now: a key event may still be on its way up
        widget = answer_widget(question, self.store, self._municipality(), self._sector())  # suggestions, not answers
        self.prefill_label.setVisible(False)
        if question.id in self.session.answers:
            widget.set_value(self.session.answers[question.id])
        else:
            offer = self.session.advisor.prefill_for(question.id, self.session.facts(self._walk))
            if offer is not None:
                # Filled in, explained and cited; it only counts once the professional goes on.
                widget.set_value(offer["value"])
                sources = "; ".join(self.store.source_label(src) for src in offer["sources"])
                self.prefill_label.setText(
                    f"Vooraf ingevuld met ‘{self.session.advisor.answer_label(question, offer['value'])}’: "
                    + " ".join(offer["why"]) + f" (Bron: {sources}.) Dit is uw eigen afweging: u kunt het wijzigen."
                )
                self.prefill_label.setVisible(True)
        widget.setAccessibleName(f"Antwoord op: {_short(question.text)}")
        widget.changed.connect(self._on_answer_changed)
        self.answer_layout.addWidget(widget)
        widget.show()  # a layout shows new children only on the next turn of the event loop
        self.answer_widget = widget
        return widget

    def _build_see(self, question: Question) -> None:
        while self.see_layout.count():
            item = self.see_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
                old.deleteLater()
        found = [(i, self.store.item(i)) for i in question.see]
        targets = [(i, item.title) for i, item in found if item is not None]
        self.see_row.setVisible(bool(targets))
        if not targets:
            return
        label = QLabel("Lees in het handboek:")
        label.setObjectName("uitleg")
        self.see_layout.addWidget(label)
        label.show()
        for item_id, title in targets:
            button = QPushButton(title)
            button.setProperty("link", True)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(f"Lees in het handboek: {title}")
            button.setToolTip("Opent de pagina in het handboek; uw antwoorden blijven staan")
            button.clicked.connect(lambda _=False, i=item_id: self._open(i))
            self.see_layout.addWidget(button)
            button.show()
        self.see_layout.addStretch(1)

    def _fix_tab_order(self) -> None:
        """Widgets built per question join the end of the focus chain; put them first."""
        def focusable(parent: QWidget) -> list[QWidget]:
            return [
                w for w in parent.findChildren(QWidget)
                if isinstance(w, (QAbstractButton, QComboBox, QAbstractSpinBox)) and not w.isHidden()
            ]

        chain = (focusable(self.answer_widget) if self.answer_widget is not None else []) + focusable(self.see_row)
        chain += [self.next_button, self.back_button, self.answers_list, self.outcome_button, self.new_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_answer_changed(self) -> None:
        if self.current is None or self.answer_widget is None:
            return
        record_answer(self.session, self.current, self.answer_widget)
        value = self.session.answers.get(self.current)
        if isinstance(value, str) and KINDS[self.session.advisor.flow.question(self.current).kind].is_choice:
            self._remember_sector(value)  # the professional's own sector, a preference like the municipality
        self._refresh()

    # --------------------------------------------------------------------------- refresh
    def _refresh(self) -> None:
        """After every change: path, side list, live outcome, progress, buttons."""
        self._recompute()
        walk = self._walk
        outcome = self.outcome()
        self._fill_answers(walk)
        self.live.setText(outcome_summary_html(outcome))
        steps = "; ".join(r.title for r in outcome.recommendations) or "nog geen zekere vervolgstap"
        if outcome.conditional:
            steps += f"; {len(outcome.conditional)} stap(pen) hangen af van uw antwoorden"
        if steps != self.live.accessibleDescription() and self.isVisible():
            announce(self.live, f"Uitkomst bijgewerkt: {steps}")
        self.live.setAccessibleDescription(steps)
        position, total = self.session.position(self.current, walk)
        self.progress.setRange(0, total)
        self.outcome_button.setEnabled(self.current is not None)
        if self.current is None:
            self.progress.setValue(total if walk.done else min(position, total))
            text = "Alle vragen beantwoord" if walk.done else f"{position} van ongeveer {total} vragen beantwoord"
            self.progress_label.setText(text)
            self._show_outcome_html(outcome)
        else:
            self.progress.setValue(position - 1)
            self.progress_label.setText(f"Vraag {position} van ongeveer {total}")
            self.back_button.setEnabled(position > 1)
            pending = self.answer_widget.value() if self.answer_widget is not None else NO_ANSWER
            has_answer = pending is not NO_ANSWER
            self.next_button.setEnabled(has_answer)
            last = has_answer and self.session.after(self.current, pending) is None
            self.next_button.setText("Naar de uitkomst →" if last else "Volgende →")
            self.next_button.setAccessibleName("Naar de uitkomst" if last else "Volgende vraag")
        self.progress.setAccessibleDescription(self.progress_label.text())

    def _fill_answers(self, walk: Walk) -> None:
        assert self.advisor is not None
        self.answers_list.blockSignals(True)
        self.answers_list.clear()
        current_item = None
        for number, (question, _value, label) in enumerate(self.session.answered(walk), start=1):
            short = _short(question.text)
            item = QListWidgetItem(f"{number}. {short} Antwoord: {label}")
            item.setData(ROLE_QUESTION, question.id)
            item.setData(
                ROLE_HTML,
                f'<div style="color:#55646f">{number}. {esc(short)}</div><div><b>{esc(label)}</b></div>',
            )
            item.setToolTip(plain_tip(f"{question.text}\nAntwoord: {label}\n(Kies om te wijzigen)"))
            self.answers_list.addItem(item)
            if question.id == self.current:
                current_item = item
        if not self.answers_list.count():
            empty = QListWidgetItem("Nog geen antwoorden.")
            empty.setData(ROLE_HTML, '<div style="color:#55646f"><i>Nog geen antwoorden. Ze komen hier te staan; '
                                     "kies er een om het te wijzigen.</i></div>")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.answers_list.addItem(empty)
        if current_item is not None:
            self.answers_list.setCurrentItem(current_item)
            self.answers_list.scrollToItem(current_item)
        else:
            self.answers_list.clearSelection()
            self.answers_list.setCurrentRow(-1)
            if self.current is None:
                self.answers_list.scrollToTop()
            else:
                self.answers_list.scrollToBottom()  # the newest answer, just above the question
        self.answers_list.blockSignals(False)

    def _show_outcome_html(self, outcome) -> None:
        bar = self.outcome_view.verticalScrollBar()
        position = bar.value()
        self.outcome_view.setHtml(outcome_html(self.session.advisor, outcome, complete=self._walk.done))
        bar.setValue(position)

    # ------------------------------------------------------------------------ navigation
    def go_next(self) -> None:
        if self.advisor is None:
            return
        if self.current is None:
            return
        if self.answer_widget is not None:
            # no answer given (the widgets start empty): say so, never assume one
            if not record_answer(self.session, self.current, self.answer_widget):
                self._status("Kies eerst een antwoord (of ‘Weet ik niet’).", 5000)
                return
            self._recompute()
        target = self.session.after(self.current)
        if target is None:
            self.show_outcome()
        else:
            self._show_question(target)

    def go_back(self) -> None:
        if self.advisor is None:
            return
        target = self.session.before(self.current)
        if target is not None:
            self._show_question(target)

    def go_to(self, qid: str) -> None:
        """Show a question again to change its answer (the side list)."""
        if self.advisor is not None and qid in self.advisor.flow.questions:
            self._show_question(qid)

    def show_outcome(self) -> None:
        if self.advisor is None:
            return
        self.current = None
        self.pages.setCurrentWidget(self.outcome_page)
        self._refresh()
        self.outcome_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_answer_item(self, item: QListWidgetItem) -> None:
        qid = item.data(ROLE_QUESTION)
        if qid and qid != self.current:
            self.go_to(qid)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "item":
            self._open(url.path())

    def _open(self, item_id: str) -> None:
        self._open_item(item_id)
        self._status("Terug naar de wizard: kies ‘Wizard’ in de inhoud links. Uw antwoorden blijven staan.", 10000)

    # --------------------------------------------------------------------------- new case
    def has_data(self) -> bool:
        return bool(
            self.advisor and (self.session.answers or self.note.toPlainText().strip() or self.record_form.has_data())
        )

    def confirm_new_case(self) -> bool:
        """Ask before wiping (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Nieuwe casus",
            "Alle antwoorden en de notitie van deze casus wissen?\n\n"
            "Wilt u ze bewaren, druk ze dan eerst af of sla ze op als PDF.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def new_case(self) -> None:
        if self.advisor is None:
            return
        if self.has_data() and not self.confirm_new_case():
            return
        self.session.clear()
        self.note.clear()
        self.record_form.clear()
        self.outcome_view.clear()
        self._show_question(self.advisor.flow.start)
        self._status("Nieuwe casus: alle antwoorden zijn gewist.", 5000)

    def start_with(self, facts: dict[str, Any]) -> bool:
        """A new case with some answers already given, by fact name (the intake view's red flags
        and the municipality); asks first when the current case has answers. Shows the first question
        still open, so acute danger is always asked. False when the user keeps the old case."""
        if self.advisor is None:
            return False
        if self.has_data() and not self.confirm_new_case():
            return False
        self.session.clear()
        self.note.clear()
        self.record_form.clear()
        self.outcome_view.clear()
        self.session.prefill(facts)
        self._recompute()
        if self._walk.next is None:
            self.show_outcome()
        else:
            self._show_question(self._walk.next.id)
        return True

    # ----------------------------------------------------------------------------- record
    def record_html(self, when: _dt.date | None = None) -> str:
        return record_html(
            self.session.advisor, self.session.answered(self._walk), self.outcome(), self.note.toPlainText(), when,
            complete=self._walk.done, details=self.record_form.values(),
            appendix=self.record_form.appendix.isChecked(),
        )

    def record_text(self, when: _dt.date | None = None) -> str:
        return record_text(
            self.session.advisor, self.session.answered(self._walk), self.outcome(), self.note.toPlainText(), when,
            complete=self._walk.done, details=self.record_form.values(),
        )

    def record_document(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDocumentMargin(24)
        doc.setHtml(self.record_html())
        return doc

    def print_record(self) -> None:
        if self.advisor is None:
            return
        from .export import print_document

        print_document(self, "Vastlegging afdrukken", self.record_document)

    def export_record_pdf(self, path: Path) -> None:
        """Write the record as PDF, atomically (a temp file, then a rename)."""
        from .export import write_pdf

        doc = self.record_document()
        try:
            write_pdf(Path(path), doc, "Vastlegging wizard meldcode")
        finally:
            doc.deleteLater()

    def save_pdf(self) -> None:
        if self.advisor is None:
            return
        suggested = str(Path.home() / f"vastlegging-wizard-{_dt.date.today().isoformat()}.pdf")
        from .export import ask_save_path

        path = ask_save_path(self, "Vastlegging opslaan als PDF", suggested)  # asks before overwriting
        if not path:
            return
        try:
            self.export_record_pdf(Path(path))
        except OSError as exc:
            QMessageBox.warning(self, "Opslaan mislukt", f"De PDF kon niet worden opgeslagen:\n{exc}")
        else:
            self._status(f"Opgeslagen: {path}", 8000)

    def copy_text(self) -> None:
        if self.advisor is None:
            return
        QApplication.clipboard().setText(self.record_text())
        self._status("De vastlegging staat als tekst op het klembord.", 5000)

    # --------------------------------------------------------------------------- keyboard
    def set_narrow(self, narrow: bool) -> None:
        """Narrow (a laptop at 200 %): the side panel goes below the question, so the page scrolls
        down rather than sideways."""
        if self.advisor is None:
            return
        if narrow != (self._columns.direction() == QBoxLayout.Direction.TopToBottom):
            self._columns.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
            self._side.setMaximumWidth(16777215 if narrow else 330)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None and not self._filter_installed:
            app.installEventFilter(self)
            self._filter_installed = True

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        app = QApplication.instance()
        if app is not None and self._filter_installed:
            app.removeEventFilter(self)
            self._filter_installed = False
        super().hideEvent(event)

    def _nav_key(self, obj: QWidget, event) -> str | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if mods == Qt.KeyboardModifier.AltModifier:
            if key == Qt.Key.Key_Left:
                return "back"
            if key == Qt.Key.Key_Right:
                return "next"
        if mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            # Widgets that page through their own content keep Page Up/Down.
            if isinstance(obj, (QAbstractSpinBox, QComboBox, QAbstractScrollArea)):
                return None
            return "back" if key == Qt.Key.Key_PageUp else "next"
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        # Alt+Left/Right mean back/next anywhere inside the wizard: before the main window's
        # reader history shortcuts and before radio buttons or the browser take the arrow keys.
        kind = event.type()
        if (
            kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(obj, QWidget)
            and (obj is self or self.isAncestorOf(obj))
            and self.advisor is not None
        ):
            action = self._nav_key(obj, event)
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    if action == "back":
                        self.go_back()
                    elif self.current is not None:
                        self.go_next()
                return True
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        """Enter (when the focused widget left it alone) = next; on a button it presses it."""
        if self.advisor is None:
            return super().keyPressEvent(event)
        key = event.key()
        focus = QApplication.focusWidget()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(focus, QPushButton):
                focus.animateClick()
            elif focus is self.answers_list or (focus is not None and self.answers_list.isAncestorOf(focus)):
                pass  # the list opened the question already
            elif self.current is not None:
                self.go_next()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focus_start(self) -> None:
        """Put the keyboard focus where the user continues."""
        if self.advisor is None:
            return
        if self.current is not None and self.answer_widget is not None:
            self.answer_widget.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.outcome_view.setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["WizardPage"]
