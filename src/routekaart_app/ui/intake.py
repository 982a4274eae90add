"""The intake view: a compact screen for use during a conversation.

The red-flag checklist (ticking a flag shows what it means and what to do), who to call for the
chosen municipality (112, Veilig Thuis, the local team, the Zorg- en Veiligheidshuis), and
"Start de wizard" carrying the ticked flags over as the answer to the wizard's red-flag question.

Nothing is kept: the ticks live only in the checkboxes, never in the settings or a file. Esc twice
(within two seconds) or Ctrl+N clears the screen. Built on first use, like the wizard.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..advice.facts import RED_FLAG_IDS
from ..content.render import STYLE, esc, inline, markdown_to_html
from ..content.store import NOT_FILLED
from .look import focus_rules, pt
from .widgets import SafeTextBrowser, no_status, plain_tip, scrolled

if TYPE_CHECKING:
    from ..content.store import ContentStore

#: The eleven red flags, in the wizard's order (a light import: no decision engine).
FLAG_IDS = RED_FLAG_IDS
#: Two presses of Esc within this many seconds clear the screen.
ESC_WINDOW_S = 2.0

def _style(zoom: float = 1.0) -> str:
    """The intake's look at a zoom factor (text at least 4.5:1; the focus on a blue field)."""
    z = zoom
    return f"""
#intake QLabel#intakeKop {{ font-size: {pt(15, z)}; font-weight: 600; color: #17405e; }}
#intake QLabel#privacy {{ color: #55646f; font-size: {pt(9.5, z)}; }}
#intake QGroupBox {{ font-weight: 600; color: #17405e; border: 1px solid #d5e0e8; border-radius: 4px;
    margin-top: 10px; padding: 10px 8px 6px 8px; background: #fbfcfd; }}
#intake QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
#intake QGroupBox QCheckBox {{ font-weight: normal; color: #1f2a33; font-size: {pt(11.5, z)}; padding: 3px 4px; }}
#intake QGroupBox QCheckBox:focus {{ background: #dbe8f3; }}
#intake QGroupBox QCheckBox:checked {{ font-weight: 600; color: #17405e; }}
#intake QLabel#contacten {{ font-weight: normal; color: #1f2a33; font-size: {pt(11, z)};
    border: 2px solid transparent; }}
#intake QLabel#contacten:focus {{ border: 2px solid #0b5cab; }}
#intake QPushButton {{ padding: 5px 14px; }}
#intake QPushButton#startWizard {{ font-weight: 600; }}
#intake QTextBrowser {{ background: #ffffff; border: 1px solid #d5e0e8; }}
#intake QTextBrowser:focus {{ border: 2px solid #0b5cab; }}
""" + focus_rules("#intake")

#: Headings as styled paragraphs: Qt enlarges <h1>/<h2> on top of any CSS font size.
_DETAIL_STYLE = """
.kop1 { font-size: 15pt; font-weight: 600; color: #17405e; margin-bottom: 2px; }
.kop2 { font-size: 12.5pt; font-weight: 600; color: #17405e; margin-top: 14px; margin-bottom: 2px; }
"""

_EMPTY_DETAIL = (
    "<p class='kop1'>Rode vlaggen</p><p>Vink aan wat u ziet of hoort. Hier verschijnt dan wat de vlag betekent en "
    "wat u kunt doen.</p><p class='leeg'>Er wordt niets bewaard. Esc twee keer of Ctrl+N wist het scherm.</p>"
)


def _filled(value: str | None) -> bool:
    return bool(value and value.strip().lower() != NOT_FILLED)


class IntakePage(QWidget):
    """The intake view for the main window's right-hand stack."""

    def __init__(
        self,
        store: ContentStore,
        *,
        place: Callable[[], tuple[str | None, str | None]] = lambda: (None, None),
        start_wizard: Callable[[list[str]], None] | None = None,
        open_item: Callable[[str], None] | None = None,
        status: Callable[[str, int], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("intake")
        self.setAccessibleName("Intakeweergave")
        self.setStyleSheet(_style())
        self.store = store
        self._place = place
        self._start_wizard = start_wizard
        self._open_item = open_item
        self._status = status or no_status
        self._last_esc = 0.0
        #: The flags in the order they were ticked (the newest last): only in memory.
        self._order: list[str] = []
        self._build()
        self.refresh_contacts()
        self.show_detail(None)

    # ------------------------------------------------------------------------------ layout
    def _build(self) -> None:
        title = QLabel("Intake: rode vlaggen en wie u belt")
        title.setObjectName("intakeKop")
        title.setAccessibleName("Intake: rode vlaggen en wie u belt")
        privacy = QLabel("Voor tijdens een gesprek. Er wordt niets bewaard; Esc twee keer of Ctrl+N wist het scherm.")
        privacy.setObjectName("privacy")
        privacy.setWordWrap(True)

        # -- the checklist ---------------------------------------------------------------------
        self.flags_box = QGroupBox("Rode vlaggen (vink aan wat u ziet of hoort)")
        self.flags_box.setAccessibleName("Rode vlaggen")
        fl = QVBoxLayout(self.flags_box)
        fl.setSpacing(2)
        self.flags: dict[str, QCheckBox] = {}
        for flag in FLAG_IDS:
            page = self.store.pages.get(flag)
            if page is None:
                continue
            box = QCheckBox(page.title)
            box.setAccessibleName(page.title)
            summary = getattr(page, "summary", "") or ""
            if summary:
                box.setToolTip(plain_tip(summary))  # content: text, never HTML
                box.setAccessibleDescription(summary)
            box.toggled.connect(lambda on, f=flag: self._on_flag(f, on))
            fl.addWidget(box)
            self.flags[flag] = box
        flags_scroll = QScrollArea()
        flags_scroll.setWidgetResizable(True)
        flags_scroll.setFrameShape(QFrame.Shape.NoFrame)
        flags_scroll.setWidget(self.flags_box)
        flags_scroll.setMinimumWidth(330)
        flags_scroll.setAccessibleName("Rode vlaggen")

        self.start_button = QPushButton("Start de wizard met deze vlaggen")
        self.start_button.setObjectName("startWizard")
        self.start_button.setAccessibleName("Start de wizard met de aangevinkte rode vlaggen")
        self.start_button.setToolTip("Opent de wizard; de aangevinkte vlaggen staan al ingevuld bij de vraag over rode vlaggen")
        self.start_button.clicked.connect(self.start_wizard)
        self.clear_button = QPushButton("Scherm wissen")
        self.clear_button.setAccessibleName("Scherm wissen")
        self.clear_button.setToolTip("Alle vinkjes en de uitleg wissen (Ctrl+N, of Esc twee keer)")
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(flags_scroll, 0)
        ll.addLayout(buttons)
        ll.addStretch(1)

        # -- contacts and the detail -------------------------------------------------------------
        self.contacts_box = QGroupBox("Wie belt u")
        self.contacts_box.setAccessibleName("Wie belt u")
        cl = QVBoxLayout(self.contacts_box)
        self.contacts = QLabel()
        self.contacts.setObjectName("contacten")
        self.contacts.setWordWrap(True)
        self.contacts.setTextFormat(Qt.TextFormat.RichText)
        self.contacts.setAccessibleDescription("Contacten voor uw gemeente")
        self.contacts.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.contacts.linkActivated.connect(lambda url: self._on_link(QUrl(url)))
        self.contacts.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        cl.addWidget(self.contacts)

        self.detail = SafeTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.detail.setAccessibleName("Wat de rode vlag betekent en wat u kunt doen")
        self.detail.document().setDocumentMargin(12)
        self.detail.anchorClicked.connect(self._on_link)

        self.detail.setMinimumHeight(160)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.contacts_box)
        rl.addWidget(self.detail, 1)
        # On a small screen (a laptop at 150 %) the column scrolls rather than cutting off contacts.
        right = scrolled(right, "Wie belt u en wat de vlag betekent")

        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(12)
        self._columns = columns
        columns.addWidget(left, 0)
        columns.addWidget(right, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 8)
        layout.addWidget(title)
        layout.addWidget(privacy)
        layout.addLayout(columns, 1)

        # Ctrl+N: clear (only while this page is visible: a hidden widget's shortcut is off).
        self.act_clear = QAction("Scherm wissen", self)
        self.act_clear.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.act_clear.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_clear.triggered.connect(self.clear)
        self.addAction(self.act_clear)
        # Esc twice: clear. Only inside this page, so Esc in the search field keeps its own meaning.
        self._esc = QShortcut(QKeySequence("Esc"), self, self._on_escape)
        self._esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        chain = [*self.flags.values(), self.start_button, self.clear_button, self.detail]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_narrow(self, narrow: bool) -> None:
        """Narrow (a laptop at 200 %): the contacts below the flags, scrolling down, not sideways."""
        self._columns.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)

    def set_zoom(self, factor: float) -> None:
        """The intake's own font sizes at the window's zoom (the rest follows the window's font)."""
        self.setStyleSheet(_style(factor))

    # ---------------------------------------------------------------------------- contacts
    def refresh_contacts(self) -> None:
        """Who to call, for the municipality (or region) chosen in the main window, and the
        aandachtsfunctionaris of the organisation chosen there (when its local addition names one)."""
        municipality_id, region = self._place()
        mun = self.store.municipalities.get(municipality_id or "")
        region = mun.region if mun is not None else region
        rows: list[tuple[str, str]] = []
        for callee in self.store.who_to_call(municipality_id, region):  # the store's one answer
            if callee.needs_place:
                rows.append((callee.label, '<span class="leeg">kies uw gemeente (Ctrl+G)</span>'))
            else:
                national = " (landelijk)" if callee.national and callee.role == "veilig_thuis" else ""
                rows.append((callee.label, self._service(callee) + national))
        if mun is not None:
            label, where = mun.name, f"{mun.name} (regio {mun.region})"
        elif region:
            label = where = f"regio {region}"
        else:
            label = where = "geen gemeente gekozen"
        self.contacts_box.setTitle(f"Wie belt u — {label}")
        if mun is not None:
            rows.append(("Meer", f'<a href="item:{esc(mun.id)}">{esc(mun.name)} in het handboek</a> '
                                 "(bijzonderheden, interventies in de regio)"))
        # Each contact as its role above what to call: one column, so the contacts need no more
        # width than their longest word and never scroll sideways beside the flags (as a table
        # with the roles in a column of their own did at 100 % next to the navigation).
        entries = "".join(
            f"<p style='margin:0 0 7px 0'><span class='k'>{esc(k)}</span><br>{v}</p>" for k, v in rows
        )
        self.contacts.setText(
            "<style>.leeg { color: #55646f; font-style: italic; } .k { color: #55646f; font-weight: 600; }</style>"
            + entries
        )
        self.contacts.setAccessibleDescription(f"Contacten voor {where}")

    @staticmethod
    def _service(service: Any) -> str:
        if service is None:
            return '<span class="leeg">niet ingevuld</span>'
        name = service.name if _filled(service.name) else None
        text = inline(name) if name else '<span class="leeg">naam niet ingevuld</span>'
        if _filled(service.phone):
            text += f" — <b>{esc(service.phone)}</b>"
        else:
            text += ' — <span class="leeg">telefoon niet ingevuld</span>'
        origin = getattr(service, "origin", "")
        if origin:
            from ..content.aanvulling.show import extra_html

            text += extra_html(service.details, origin)
        return text

    # ------------------------------------------------------------------------------- flags
    def ticked(self) -> list[str]:
        """The ticked flags, in the wizard's order."""
        return [f for f, box in self.flags.items() if box.isChecked()]

    def _on_flag(self, flag: str, on: bool) -> None:
        if flag in self._order:
            self._order.remove(flag)
        if on:
            self._order.append(flag)
            self.show_detail(flag)
        else:
            self.show_detail(self._order[-1] if self._order else None)
        self.start_button.setText(
            f"Start de wizard met deze vlaggen ({len(self._order)})" if self._order else "Start de wizard"
        )

    def show_detail(self, flag: str | None) -> None:
        """What a flag means and what to do (or the empty explanation)."""
        page = self.store.pages.get(flag) if flag else None
        if page is None:
            body = _EMPTY_DETAIL
        else:
            out = [f'<p class="kop1">{esc(page.title)}</p>']
            if getattr(page, "summary", ""):
                out.append(f'<p class="lead">{inline(page.summary)}</p>')
            what = getattr(page, "what_to_do", "") or ""
            if what:
                out.append(f'<p class="kop2">Wat te doen</p>{markdown_to_html(what)}')
            if getattr(page, "body", ""):
                out.append(f'<p class="kop2">Wat betekent het</p>{markdown_to_html(page.body)}')
            others = [f for f in self._order if f != flag]
            if others:
                links = " · ".join(
                    f'<a href="flag:{esc(f)}">{esc(self.store.pages[f].title)}</a>' for f in others if f in self.store.pages
                )
                out.append(f'<p class="kop2">Ook aangevinkt</p><p>{links}</p>')
            out.append(
                f'<p class="bronnen"><a href="item:{esc(page.id)}">Lees de hele pagina in het handboek</a> '
                "(de vinkjes blijven staan).</p>"
            )
            body = "".join(out)
        self.detail.setHtml(
            f"<html><head><style>{STYLE}{_DETAIL_STYLE}</style></head>"
            f"<body>{body}</body></html>"
        )
        self.detail.setAccessibleDescription(page.title if page is not None else "Nog geen rode vlag aangevinkt")

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "flag":
            self.show_detail(url.path())
        elif url.scheme() == "item" and self._open_item is not None:
            self._open_item(url.path())

    # ------------------------------------------------------------------------------ actions
    def start_wizard(self) -> None:
        if self._start_wizard is not None:
            self._start_wizard(self.ticked())

    def clear(self) -> None:
        """Untick everything and clear the detail: nothing of the conversation stays on screen."""
        for box in self.flags.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._order.clear()
        self._last_esc = 0.0
        self.start_button.setText("Start de wizard")
        self.show_detail(None)
        self.detail.verticalScrollBar().setValue(0)
        first = next(iter(self.flags.values()), None)
        if first is not None and self.isVisible():
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self._status("Scherm gewist: er staat niets meer van het gesprek.", 5000)

    def _on_escape(self) -> None:
        now = time.monotonic()
        if now - self._last_esc <= ESC_WINDOW_S:
            self.clear()
            return
        self._last_esc = now
        self._status("Nog een keer Esc om het scherm te wissen.", int(ESC_WINDOW_S * 1000))

    def has_data(self) -> bool:
        return bool(self.ticked())

    def focus_start(self) -> None:
        first = next(iter(self.flags.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["IntakePage", "FLAG_IDS"]
