"""The main window: navigation, search, reader, municipality choice, print and PDF.

A thin layer: what it shows comes from `content`, `search` (and `advice` for the wizard).

Start-up cost: PySide builds all ~100 Python enum types of the `Qt` namespace (about 13 ms) the
first time `Qt` is touched, and a class's own enums when the class is first used. Nothing on the
way to the first window touches `Qt` or classes only needed later (QMessageBox, the results list,
QEvent): those are imported where they are used. `tests/test_startup.py` keeps it that way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSize, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..content import AppContent
from ..content.render import ADDITIONS_TITLE, SOURCES_TARGET, SOURCES_TITLE, PageRenderer, document, esc
from ..content.store import SECTION_ORDER
from . import look, screen
from .reader import Reader
from .settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QScrollArea

    from .intake import IntakePage
    from .trainer import TrainerWindow
    from .wizard import WizardPage

WIZARD_SECTION = "Wizard"
#: Narrower than this (logical pixels, e.g. 1366x768 at 200 %): a view folds the navigation away.
NARROW = 1000
#: Qt.ItemDataRole.UserRole (256): the item data that holds an item's target URL. A plain int, so
#: that filling the navigation does not build the `Qt` namespace.
ROLE_TARGET = 256
#: After start, once the window is idle: prepare what the first search needs (see `_prepare_search`).
PREPARE_SEARCH_MS = 250
#: The most search results listed (about two screens of the list).
SEARCH_LIMIT = 30
INTAKE_NO_EXPORT = "De intakeweergave wordt niet afgedrukt of opgeslagen; de vastlegging maakt u in de wizard."


class SearchField(QLineEdit):
    """The search field: Up/Down move through the results, Esc clears the search.

    A key handler of its own rather than an event filter, so Python is called for key presses
    only, not for every event the field gets while the window is built.
    """

    def __init__(self, step: Callable[[int], bool], clear: Callable[[], None]):
        super().__init__()
        self._step = step
        self._clear = clear

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        from PySide6.QtCore import Qt

        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._step(1 if key == Qt.Key.Key_Down else -1):
            return
        if key == Qt.Key.Key_Escape and not event.modifiers():
            self._clear()
            return
        super().keyPressEvent(event)


class _ResizeWatch(QObject):
    """Calls `react` after its object was resized."""

    def __init__(self, react: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self._react = react

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Resize:
            self._react()
        return False


class MainWindow(QMainWindow):
    def __init__(self, content: AppContent, settings: Settings | None = None):
        super().__init__()
        self.content = content
        self.store = content.store
        self.settings = settings or Settings()
        self.renderer = PageRenderer(self.store)
        self._search_index = None
        self._page_html: dict[tuple[str, str | None], str] = {}
        self._results: QListWidget | None = None  # built on the first search (see `results`)
        self.municipality_id: str | None = None
        self.region: str | None = None
        self.wizard: WizardPage | None = None  # built on first use
        self.intake: IntakePage | None = None  # built on first use
        self.trainer: TrainerWindow | None = None  # open while trainer mode runs
        #: Save the window's size and place when it closes (not in the smoke test, which only looks).
        self.remember_on_close = True
        #: Zoom steps of the whole window (Ctrl+Plus / Ctrl+Min / Ctrl+0); remembered in the settings.
        self.zoom_steps = 0
        self._base_points = QApplication.font().pointSizeF()

        self.setWindowTitle("Routekaart — huiselijk geweld en kindermishandeling")
        self.setObjectName("hoofdvenster")
        screen.fit_window(self, 1200, 800)  # or less: the whole window on the screen, at any scale

        self._build_widgets()
        self._build_actions()
        self._dress()
        self._fill_navigation()
        self._fill_municipalities()
        self._fill_organisations()
        self._restore_settings()
        self._show_banner()
        self.reader.open("home:")
        QTimer.singleShot(PREPARE_SEARCH_MS, self._prepare_search)

    # ----------------------------------------------------------------------------- layout
    def _build_widgets(self) -> None:
        self.search_field = SearchField(self._step_result, self._clear_search)
        self.search_field.setPlaceholderText("Zoeken (Ctrl+F)…")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Zoeken")
        self.search_field.setAccessibleDescription("Zoek in begrippen, meldcode, rode vlaggen, interventies en gemeenten")
        self.search_field.textChanged.connect(self._on_search_text)
        self.search_field.returnPressed.connect(self._open_first_result)

        self.nav = QTreeWidget()
        self.nav.setHeaderHidden(True)
        self.nav.setAccessibleName("Inhoud")
        self.nav.setUniformRowHeights(True)
        self.nav.itemActivated.connect(self._on_nav_activated)
        self.nav.itemClicked.connect(self._on_nav_activated)

        self.no_results = QLabel("Geen resultaten. Probeer een ander of korter woord.")
        self.no_results.setWordWrap(True)
        self.no_results.setAccessibleDescription("Zoekresultaten")

        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(self.nav)
        self.left_stack.addWidget(self.no_results)

        left = QWidget()
        self.left_pane = left  # folds away beside a view on a narrow window (_make_room)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search_field)
        left_layout.addWidget(self.left_stack)

        self.banner = QLabel()  # dressed and shown by _show_banner when content was skipped
        self.banner.setObjectName("banner")
        self.banner.setAccessibleDescription("Waarschuwing over de content")
        self.banner.hide()

        self.reader = Reader(self._resolve)
        self.reader.pageShown.connect(self._on_page_shown)

        self.right_stack = QStackedWidget()
        self.right_stack.addWidget(self.reader)
        self.right_stack.currentChanged.connect(self._follow_view)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 6, 6)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.right_stack)
        self._right_layout = right_layout
        self.view_scroll: QScrollArea | None = None  # see _scroll_views
        self._folded: list[int] | None = None  # the splitter's sizes before the navigation folded away

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 870])
        self.setCentralWidget(self.splitter)

        self.municipality_box = QComboBox()
        self.municipality_box.setAccessibleName("Gemeente")
        self.municipality_box.setToolTip("Uw gemeente: bepaalt welke regio en contacten u ziet")
        # Its width from the longest entry's length (see _fill_municipalities), not from measuring
        # every municipality's name at start-up.
        self.municipality_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.municipality_box.currentIndexChanged.connect(self._on_municipality_changed)
        # The user's own organisation: only among the organisations whose local addition is loaded
        # (shown only then); its aandachtsfunctionarissen and notes show once it is chosen.
        self.organisation_box = QComboBox()
        self.organisation_box.setAccessibleName("Organisatie")
        self.organisation_box.setToolTip(
            "Uw eigen organisatie: dan ziet u haar aandachtsfunctionarissen en aantekeningen uit haar aanvulling"
        )
        self.organisation_box.currentIndexChanged.connect(self._on_organisation_changed)

        meta = self.store.meta
        version = f"content {meta.version} ({meta.date.strftime('%d-%m-%Y')})" if meta else "geen content"
        self.statusBar().showMessage(f"Offline · {version}")

    def _dress(self) -> None:
        """The style sheets (row spacing, focus rings), once every widget is in its place: a
        widget with a style sheet that is moved into a layout afterwards has its style worked out
        again, with all its children."""
        look.list_view(self.nav, extra=4, ring=True)
        for widget in (self.search_field, self.reader, self.municipality_box):
            look.focus_ring(widget)

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            # The text set after construction: PySide's first call of QAction(text, parent) costs
            # about 1.5 ms of every start; QAction(parent) and then setText does not (measured).
            act = QAction(self)
            act.setText(text)
            act.triggered.connect(slot)
            if shortcut is not None:
                shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
                act.setShortcuts([QKeySequence(s) for s in shortcuts])
            if tip:
                act.setToolTip(tip)
            self.addAction(act)
            return act

        self.act_back = action("Terug", self.reader.backward, QKeySequence.StandardKey.Back, "Vorige pagina (Alt+Links)")
        self.act_forward = action("Vooruit", self.reader.forward, QKeySequence.StandardKey.Forward, "Volgende pagina (Alt+Rechts)")
        self.act_back.setEnabled(False)
        self.act_forward.setEnabled(False)
        self.reader.backwardAvailable.connect(self.act_back.setEnabled)
        self.reader.forwardAvailable.connect(self.act_forward.setEnabled)
        self.act_home = action("Start", self.go_home, "Alt+Home", "Startpagina")
        self.act_search = action("Zoeken", self.focus_search, QKeySequence.StandardKey.Find)
        self.act_print = action("Afdrukken…", self.print_page, QKeySequence.StandardKey.Print)
        self.act_pdf = action("Opslaan als PDF…", self.save_pdf_dialog, "Ctrl+Shift+S")
        self.act_zoom_in = action("Vergroten", lambda: self.zoom(+1), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.act_zoom_out = action("Verkleinen", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_reset = action("Normale grootte", lambda: self.zoom(None), "Ctrl+0")
        self.act_fullscreen = action("Volledig scherm", self.toggle_fullscreen, "F11")
        self.act_quit = action("Afsluiten", self.close, QKeySequence.StandardKey.Quit)
        self.act_about = action("Over Routekaart", self.show_about)
        self.act_sources = action("Bronnen", self.open_sources, tip="Alle bronnen en welke pagina's erop steunen")
        self.act_municipality = action("Gemeente kiezen", self._focus_municipality, "Ctrl+G")
        self.act_organisation = action("Organisatie kiezen", self._focus_organisation,
                                       tip="Uw eigen organisatie, uit de geladen aanvullingen van organisaties")
        self.act_wizard = action("Wizard", self.open_wizard, "Ctrl+B", "Van signalen naar vervolgstappen, vraag voor vraag (Ctrl+B)")
        self.act_intake = action(
            "Intakeweergave", self.open_intake, "Ctrl+I", "Rode vlaggen en contacten, voor tijdens een gesprek (Ctrl+I)"
        )
        self.act_trainer = action("Trainersmodus…", self.open_trainer, ["F5", "Ctrl+T"], "Oefencasussen presenteren aan een groep (F5)")
        self.act_additions = action("Aanvullingen", lambda: self.open_target(f"section:{ADDITIONS_TITLE}"),
                                    tip="De lokale aanvullingen van gemeente en organisatie: wat ze invullen en van wie")
        self.act_add_pack = action("Aanvulling toevoegen…", self.add_aanvulling,
                                   tip="Lokale contacten en aantekeningen van uw gemeente of organisatie toevoegen")

        menu = self.menuBar()
        m = menu.addMenu("&Bestand")
        for a in (self.act_print, self.act_pdf):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_add_pack)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = menu.addMenu("&Ga")
        for a in (self.act_back, self.act_forward, self.act_home, self.act_search, self.act_municipality, self.act_organisation):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_wizard)
        m.addAction(self.act_intake)
        m = menu.addMenu("Beel&d")
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_fullscreen):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_trainer)
        m = menu.addMenu("&Help")
        m.addAction(self.act_sources)
        m.addAction(self.act_additions)
        m.addAction(self.act_about)

        bar = QToolBar("Navigatie")
        bar.setObjectName("werkbalk")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        # The actions have no icons, so the tool buttons show their text (Qt's default style).
        for a in (self.act_back, self.act_forward, self.act_home, self.act_wizard, self.act_intake):
            bar.addAction(a)
        bar.addSeparator()
        for a in (self.act_print, self.act_zoom_out, self.act_zoom_in):
            bar.addAction(a)
        # The municipality choice on the right: a stretch in its own row pushes it there.
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 4, 0)
        row.addStretch(1)
        self.organisation_label = QLabel("Organisatie: ")
        self.organisation_label.setBuddy(self.organisation_box)
        row.addWidget(self.organisation_label)
        row.addWidget(self.organisation_box)
        row.addSpacing(8)
        label = QLabel("Gemeente: ")
        label.setBuddy(self.municipality_box)
        row.addWidget(label)
        row.addWidget(self.municipality_box)
        bar.addWidget(choice)
        self.addToolBar(bar)

        # Links on the home page to the intake view and trainer mode (the reader ignores them).
        self.reader.anchorClicked.connect(self._on_reader_link)

    # ------------------------------------------------------------------------- navigation
    def _sections(self) -> list[str]:
        present = set(self.store.section_of.values())
        return [s for s in SECTION_ORDER if s in present] + [WIZARD_SECTION]

    def _section_items(self, name: str) -> list:
        found = [self.store.item(i) for i, s in self.store.section_of.items() if s == name]
        items = [i for i in found if i is not None]
        if name == "Regio's en gemeenten":
            regions = sorted((i for i in items if i.kind == "regio"), key=lambda i: i.title)
            return regions
        return sorted(items, key=lambda i: (i.order, getattr(i, "number", 0) or 0, i.title.lower()))

    def _fill_navigation(self) -> None:
        """The whole tree is built apart and handed to the view at once: an item added to a tree
        that is already in the view makes the view update for each row."""

        def node(title: str, target: str, children: list[QTreeWidgetItem] | None = None) -> QTreeWidgetItem:
            item = QTreeWidgetItem([title])
            item.setData(0, ROLE_TARGET, target)
            if children:
                item.addChildren(children)
            return item

        tops = []
        for name in self._sections():
            if name == WIZARD_SECTION:
                # The views that are not pages, next to the wizard, so the tree can show where the user is.
                tops += [node("Intakeweergave", "intake:"), node("Trainersmodus", "trainer:"), node(name, "wizard:")]
                continue
            children = []
            for item in self._section_items(name):
                leaves: list[QTreeWidgetItem] = []
                if item.kind == "regio":
                    muns = sorted(
                        (m for m in self.store.municipalities.values() if m.region == item.name),
                        key=lambda m: m.name,
                    )
                    leaves = [node(mun.name, f"item:{mun.id}") for mun in muns]
                children.append(node(item.title, f"item:{item.id}", leaves))
            tops.append(node(name, f"section:{name}", children))
        self.nav.clear()
        self.nav.addTopLevelItems(tops)

    def _follow_view(self, _index: int = 0) -> None:
        """The navigation tree marks what is shown: the page, the wizard, the intake view, or
        trainer mode while its window is open."""
        self._make_room()
        if self.trainer is not None and self.trainer.isVisible():
            self._on_page_shown("trainer:")
        elif self._wizard_shown():
            self._on_page_shown("wizard:")
        elif self._intake_shown():
            self._on_page_shown("intake:")
        else:
            self._on_page_shown(self.reader.source().toString())

    def _make_room(self, view_shown: bool | None = None) -> None:
        """A narrow window (a laptop at 200 %): the wizard and the intake view get the whole width,
        the navigation folds away (Ctrl+F or the reader brings it back)."""
        if view_shown is None:
            view_shown = self.right_stack.currentWidget() is not self.reader
        narrow = self.width() < NARROW * look.zoom_factor(self.zoom_steps)  # large text needs room too
        for view in (self.wizard, self.intake):
            if view is not None:
                view.set_narrow(narrow)
        if view_shown and narrow and self._folded is None:
            self._folded = self.splitter.sizes()
            self.left_pane.hide()
        elif not view_shown:
            self._unfold()

    def _unfold(self) -> None:
        if self._folded is not None:
            self.left_pane.show()
            self.splitter.setSizes(self._folded)
            self._folded = None

    def _on_nav_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_target(item.data(0, ROLE_TARGET))

    def open_target(self, target: str) -> None:
        if target == "wizard:":
            self.open_wizard()
            return
        if target == "intake:":
            self.open_intake()
            return
        if target == "trainer:":
            self.open_trainer()
            return
        self.right_stack.setCurrentWidget(self.reader)
        if target != self.reader.source().toString():
            self.reader.open(target)

    def _on_reader_link(self, url: QUrl) -> None:
        if url.scheme() in ("intake", "trainer", "wizard"):
            self.open_target(f"{url.scheme()}:")
        elif url.scheme() == "aanvulling":  # "Toch gebruiken…" under a pack waiting on the Aanvullingen page
            from .aanvulling import accept_pending

            accept_pending(self, url.path())

    def open_item(self, item_id: str) -> None:
        self.open_target(f"item:{item_id}")

    def go_home(self) -> None:
        self.open_target("home:")

    def open_sources(self) -> None:
        """The Bronnen page: every registered source and the pages that rely on it."""
        self.open_target(SOURCES_TARGET)

    def open_wizard(self) -> None:
        """The wizard (built on first use; its answers live only in its memory)."""
        if self.wizard is None:
            from .wizard import WizardPage

            self.wizard = WizardPage(
                self.store,
                open_item=self.open_item,
                municipality=lambda: self.municipality_id,
                sector=lambda: self._sector_setting(),
                remember_sector=lambda value: self.settings.set_value("sector", value),
                status=self.statusBar().showMessage,
            )
            self._scroll_views()
            self.right_stack.addWidget(self.wizard)
            if self.zoom_steps:
                self.apply_zoom(self.zoom_steps)
        self.right_stack.setCurrentWidget(self.wizard)
        self.wizard.focus_start()

    def _scroll_views(self) -> None:
        """With the first view larger than a page (wizard, intake): on a small screen at a large
        scale (1366x768 at 200 %) the view scrolls, rather than pushing the window off the
        screen. Built then, not at start-up (its focus policy needs the `Qt` enums)."""
        if self.view_scroll is not None:
            return
        from PySide6.QtCore import Qt

        from .widgets import scrolled

        index = self._right_layout.indexOf(self.right_stack)
        view_scroll = scrolled(self.right_stack, "Weergave")
        view_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its views take the keyboard
        self._right_layout.insertWidget(index, view_scroll)
        self.right_stack.show()  # moved into the scroll area: shown now, not after the next events
        view_scroll.show()
        self.view_scroll = view_scroll
        # From now on a resize may reflow the views (a filter, not resizeEvent: an override would
        # build the QEvent types at start-up, tests/test_startup.py).
        self._resize_watch = _ResizeWatch(self._make_room, self)
        self.installEventFilter(self._resize_watch)

    def _wizard_shown(self) -> bool:
        return self.wizard is not None and self.right_stack.currentWidget() is self.wizard

    def open_intake(self) -> None:
        """The intake view (built on first use; its ticks live only in its checkboxes)."""
        if self.intake is None:
            from .intake import IntakePage

            self.intake = IntakePage(
                self.store,
                place=lambda: (self.municipality_id, self.region),
                start_wizard=self.start_wizard_with_flags,
                open_item=self.open_item,
                status=self.statusBar().showMessage,
            )
            self._scroll_views()
            self.right_stack.addWidget(self.intake)
            if self.zoom_steps:
                self.apply_zoom(self.zoom_steps)
        self.intake.refresh_contacts()
        self.right_stack.setCurrentWidget(self.intake)
        self.intake.focus_start()

    def _intake_shown(self) -> bool:
        return self.intake is not None and self.right_stack.currentWidget() is self.intake

    def start_wizard_with_flags(self, flags: list[str]) -> None:
        """The wizard as a new case, with the intake's flags (and the municipality) filled in."""
        self.open_wizard()
        wizard = self.wizard
        if wizard is None or wizard.advisor is None:
            return
        facts: dict = {"red_flags": list(flags)} if flags else {}  # by fact name, whatever the question ids
        if self.municipality_id:
            facts["municipality"] = self.municipality_id
        if wizard.start_with(facts) and flags:
            self.statusBar().showMessage(
                f"{len(flags)} rode vlag(gen) uit de intake staan al aangevinkt bij de vraag over rode vlaggen.", 10000
            )

    def open_trainer(self) -> None:
        """Trainer mode: a separate presentation window (one at a time; nothing of it is kept)."""
        if self.trainer is None:
            from .trainer import TrainerWindow

            self.trainer = TrainerWindow(self.store, parent=self, settings=self.settings)
            self.trainer.closed.connect(self._on_trainer_closed)
        self.trainer.show()
        self.trainer.raise_()
        self.trainer.activateWindow()
        self._follow_view()

    def _on_trainer_closed(self) -> None:
        self.trainer = None
        self._follow_view()

    def _on_page_shown(self, target: str) -> None:
        iterator = [self.nav.topLevelItem(i) for i in range(self.nav.topLevelItemCount())]
        while iterator:
            node = iterator.pop()
            if node is None:
                continue
            if node.data(0, ROLE_TARGET) == target:
                self.nav.setCurrentItem(node)
                return
            iterator.extend(node.child(i) for i in range(node.childCount()))
        # Not in the tree (the home page, a search result's section): no stale mark.
        self.nav.clearSelection()

    def _resolve(self, url: QUrl) -> str:
        scheme = url.scheme()
        if scheme == "item":
            # Rendered once per page and region: opening a page again costs only the layout.
            key = (url.path(), self.region)
            html = self._page_html.get(key)
            if html is None:
                html = self._page_html[key] = self.renderer.render(url.path(), self.region)
            return html
        if scheme == "section":
            name = url.path()
            if name == SOURCES_TITLE:
                return self.renderer.sources_page()
            if name == ADDITIONS_TITLE:
                return self.renderer.additions_page()
            if name == WIZARD_SECTION:
                # Only an old link leads here (the navigation opens the wizard itself): point on.
                return document(
                    "Wizard",
                    '<h1>Wizard</h1><p><a href="wizard:">Open de wizard</a>: van uw antwoorden naar '
                    "mogelijke vervolgstappen, elk met de reden en de bron.</p>"
                    f"<p>{esc(self.store.doubt_line)}</p>",
                )
            items = self._section_items(name)
            if name == "Regio's en gemeenten":
                items = items + sorted(self.store.municipalities.values(), key=lambda m: m.name)
            return self.renderer.section(name, items)
        return self.renderer.home(self.region, self.municipality_id, self._sections()[:-1])

    # ------------------------------------------------------------------------------ search
    @property
    def search_index(self):
        if self._search_index is None:
            from ..search.prebuilt import open_index

            self._search_index = open_index(self.store)  # the prebuilt image when it is current
        return self._search_index

    def _prepare_search(self) -> None:
        """Open the search index and build the results list (and with it the `Qt` enums) while
        the window is idle after start, so the first keystroke costs no more than any other."""
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtWidgets import QListWidgetItem

        from . import widgets  # noqa: F401 - here rather than on the first keystroke

        # PySide makes each enum type on first use (Qt.Key alone takes milliseconds): the ones a
        # keystroke in the search field and a results update use, made now.
        for enum_type in (Qt.Key, Qt.KeyboardModifier, QEvent.Type, QListWidgetItem.ItemType):
            enum_type(0) if enum_type is not Qt.Key else Qt.Key.Key_Escape  # noqa: B018
        self.search_index.search("meldcode", limit=1)  # SQLite reads the schema and the first pages
        self.results  # noqa: B018 - built on first use
        # Here, not at start-up: PySide's first viewport() call makes the types of a dozen widget
        # classes to find the viewport's own (~9 ms); the results list has its own (`results`).
        for view in (self.nav, self.reader):
            look.opaque_viewport(view)
        # The Markdown converter (its import and extensions: tens of ms), which the first page
        # opened from the results would otherwise pay for.
        from ..content.sanitize import markdown_to_html

        markdown_to_html("*Routekaart*")
        self.store.read_all()  # a snapshot's page texts, which the first window did not need

    @property
    def results(self) -> QListWidget:
        """The search results list, built on first use: its set-up needs the `Qt` enums."""
        if self._results is None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QListWidget

            results = QListWidget()
            results.setAccessibleName("Zoekresultaten")
            results.setWordWrap(True)
            results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            results.itemActivated.connect(self._on_result_activated)
            results.itemClicked.connect(self._on_result_activated)
            self.left_stack.insertWidget(1, results)  # in its place before its style sheet (see _dress)
            look.list_view(results, extra=8, ring=True)
            look.opaque_viewport(results)
            self._results = results
            if self.zoom_steps:
                look.zoom_widgets(results, look.zoom_factor(self.zoom_steps), self._base_points)
        return self._results

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self._unfold()

        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _clear_search(self) -> None:
        self.search_field.clear()
        self.reader.setFocus()

    def _on_search_text(self, text: str) -> None:
        if not text.strip():
            if self._results is not None:
                self._results.clear()
            self.left_stack.setCurrentWidget(self.nav)
            return
        from PySide6.QtWidgets import QListWidgetItem

        from .widgets import plain_tip

        hits = self.search_index.search(text, limit=SEARCH_LIMIT)
        results = self.results
        # The rows of the last search are reused: only what changed is set, then one repaint of
        # the rows (of the viewport: the list's frame and what is behind it stay as they are).
        rows = results.viewport()
        rows.setUpdatesEnabled(False)
        try:
            while results.count() > len(hits):
                results.takeItem(results.count() - 1)
            for row, hit in enumerate(hits):
                if row < results.count():  # (item() of a missing row would return None)
                    entry = results.item(row)
                else:
                    entry = QListWidgetItem()
                    results.addItem(entry)
                label = f"{hit.title}\n{hit.section or hit.kind}"
                if entry.text() != label:
                    entry.setText(label)
                    entry.setData(ROLE_TARGET, f"item:{hit.id}")
                entry.setToolTip(plain_tip(hit.snippet or hit.title))  # content: text, never HTML
            if hits:
                results.setCurrentRow(0)
                results.scrollToTop()
        finally:
            rows.setUpdatesEnabled(True)
        self.left_stack.setCurrentWidget(results if hits else self.no_results)
        from .a11y import announce, results_text

        announce(self.search_field, results_text(len(hits)))

    def _open_first_result(self) -> None:
        results = self._results
        if results is None or self.left_stack.currentWidget() is not results:
            return
        item = results.currentItem() or results.item(0)
        if item is not None:
            self._on_result_activated(item)

    def _step_result(self, step: int) -> bool:
        """Up/Down in the search field: move the current result; False when there is no list."""
        results = self._results
        if results is None or not results.count() or self.left_stack.currentWidget() is not results:
            return False
        results.setCurrentRow(max(0, min(results.count() - 1, results.currentRow() + step)))
        return True

    def _on_result_activated(self, item: QListWidgetItem) -> None:
        self.open_target(item.data(ROLE_TARGET))

    # ---------------------------------------------------------------------- municipality
    def _fill_municipalities(self) -> None:
        box = self.municipality_box
        box.blockSignals(True)
        box.clear()
        box.addItem("Kies uw gemeente…", "")
        for info in sorted(self.store.regions.values(), key=lambda r: r.name):
            box.addItem(f"Regio {info.name} (geen gemeente)", f"regio:{info.name}")
        # Each name first, as typed: the closed list jumps to what the user types (type-ahead).
        for mun in sorted(self.store.municipalities.values(), key=lambda m: m.name.casefold()):
            box.addItem(f"{mun.name} ({mun.region})", mun.id)
        # Wide enough for the longest entry, counted in characters (measuring each text costs start-up).
        box.setMinimumContentsLength(max(len(box.itemText(i)) for i in range(box.count())))
        box.blockSignals(False)

    def _focus_municipality(self) -> None:
        from PySide6.QtCore import Qt

        self.municipality_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.municipality_box.showPopup()

    def set_municipality(self, value: str) -> None:
        index = self.municipality_box.findData(value)
        self.municipality_box.setCurrentIndex(max(index, 0))

    def _sector_setting(self) -> str | None:
        """The user's own sector from the settings (offered in the wizard, never chosen for them)."""
        from ..advice.facts import SECTORS

        value = self.settings.value("sector")
        return value if isinstance(value, str) and value in SECTORS else None

    def _on_municipality_changed(self, _index: int) -> None:
        value = self.municipality_box.currentData() or ""
        if value.startswith("regio:"):
            self.municipality_id, self.region = None, value.split(":", 1)[1]
        elif value in self.store.municipalities:
            self.municipality_id, self.region = value, self.store.municipalities[value].region
        else:
            self.municipality_id, self.region = None, None
        self.settings.set_value("municipality", value)
        self.settings.sync()
        self.reader.reload()
        if self.intake is not None:
            self.intake.refresh_contacts()

    # ---------------------------------------------------------------------- organisation
    def _fill_organisations(self) -> None:
        """"geen" and the organisations whose local addition is loaded, the saved one chosen (a
        saved organisation whose pack is gone shows as "geen", and comes back with its pack).
        Box and menu entry only show when there is an organisation to choose."""
        additions = self.store.additions
        names = sorted((o.name for o in additions.organisations.values()), key=str.casefold) if additions else []
        saved = additions.organisation(str(self.settings.value("organisation", "") or "")) if additions else None
        box = self.organisation_box
        box.blockSignals(True)
        box.clear()
        box.addItem("geen", "")
        for name in names:
            box.addItem(name, name)
        box.setCurrentIndex(max(box.findData(saved.name) if saved is not None else 0, 0))
        box.blockSignals(False)
        for widget in (self.organisation_label, self.organisation_box):
            widget.setVisible(bool(names))
        self.act_organisation.setEnabled(bool(names))
        if additions is not None:
            additions.choose(box.currentData() or None)

    def _focus_organisation(self) -> None:
        from PySide6.QtCore import Qt

        if self.organisation_box.isVisible():
            self.organisation_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.organisation_box.showPopup()

    def set_organisation(self, name: str) -> None:
        """Choose the organisation called `name` ("" or unknown: "geen"), as the user would."""
        self.organisation_box.setCurrentIndex(max(self.organisation_box.findData(name), 0))

    def _on_organisation_changed(self, _index: int) -> None:
        value = self.organisation_box.currentData() or ""
        self.settings.set_value("organisation", value)
        self.settings.sync()
        if self.store.additions is not None:
            self.store.additions.choose(value or None)
        self.refresh_contacts()

    def additions_changed(self) -> None:
        """After packs were added or accepted: the organisations to choose from, then every view."""
        self._fill_organisations()
        self.refresh_contacts()

    def refresh_contacts(self) -> None:
        """Show what the local additions now fill in: pages rendered again, intake and wizard too."""
        self._page_html.clear()
        self.reader.reload()
        if self.intake is not None:
            self.intake.refresh_contacts()
        if self.wizard is not None:
            self.wizard.refresh_contacts()

    # -------------------------------------------------------------------- view / output
    def zoom(self, step: int | None) -> None:
        """Larger, smaller or normal: the whole window (reader, lists, wizard, intake), remembered."""
        self.apply_zoom(0 if step is None else self.zoom_steps + step)
        self.settings.set_value("zoom", self.zoom_steps)
        self.statusBar().showMessage(f"Grootte: {round(100 * look.zoom_factor(self.zoom_steps))} %", 3000)

    def apply_zoom(self, steps: int) -> None:
        self.zoom_steps = look.clamp_zoom(steps)
        factor = look.zoom_factor(self.zoom_steps)
        look.zoom_widgets(self, factor, self._base_points)
        for view in (self.wizard, self.intake):
            if view is not None:
                view.set_zoom(factor)
        if self.view_scroll is not None:
            self._make_room()

    def add_aanvulling(self) -> None:
        from .aanvulling import add_pack

        add_pack(self)

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def print_page(self) -> None:
        if self.wizard is not None and self._wizard_shown():
            self.wizard.print_record()
            return
        if self._intake_shown():
            self.statusBar().showMessage(INTAKE_NO_EXPORT, 8000)
            return
        from .export import print_document

        print_document(self, "Pagina afdrukken", self.reader.document)

    def save_pdf_dialog(self) -> None:
        if self.wizard is not None and self._wizard_shown():
            self.wizard.save_pdf()
            return
        if self._intake_shown():
            self.statusBar().showMessage(INTAKE_NO_EXPORT, 8000)
            return
        from .export import ask_save_path, safe_file_name

        suggested = Path.home() / f"{safe_file_name(self.reader.documentTitle())}.pdf"
        path = ask_save_path(self, "Opslaan als PDF", suggested)  # asks before overwriting
        if path:
            try:
                self.export_pdf(Path(path))
            except OSError as exc:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, "Opslaan mislukt", f"De PDF kon niet worden opgeslagen:\n{exc}")
            else:
                self.statusBar().showMessage(f"Opgeslagen: {path}", 8000)

    def export_pdf(self, path: Path, doc=None) -> None:
        """Write the current page (or `doc`) as PDF, atomically: a temp file, then a rename."""
        from .export import write_pdf

        source = doc or self.reader.document()
        title = source.metaInformation(source.MetaInformation.DocumentTitle) or self.reader.documentTitle()
        write_pdf(path, source, title)

    def show_about(self) -> None:
        meta = self.store.meta
        content = (
            f"Contentversie {esc(meta.version)} van {meta.date.strftime('%d-%m-%Y')}"
            if meta
            else "Geen content geladen"
        )
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "Over Routekaart",
            f"<h3>Routekaart {esc(__version__)}</h3>"
            f"<p>{content}<br>Contentmap: {esc(self.store.root)}</p>"
            "<p>Offline handboek en beslishulp bij huiselijk geweld en kindermishandeling voor "
            "Haaglanden en Hollands Midden. De app maakt geen verbinding met internet en bewaart "
            "geen cliëntgegevens.</p><p>De app ondersteunt, de professional beslist.</p>",
        )

    # ----------------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        value = str(self.settings.value("municipality", "") or "")
        self.set_municipality(value)
        try:
            zoom = int(str(self.settings.value("zoom", 0) or 0))
        except (TypeError, ValueError):
            zoom = 0
        if look.clamp_zoom(zoom):
            self.apply_zoom(zoom)
        self._restore_geometry()
        if self.settings.warning:
            QTimer.singleShot(0, lambda: self.statusBar().showMessage(self.settings.warning, 15000))

    def _restore_geometry(self) -> None:
        """The saved size and place, only if it still fits the screen it is on (another screen or
        scale factor since then: the fitted first size instead)."""
        geometry = self.settings.value("geometry")
        if not isinstance(geometry, QByteArray) or geometry.isEmpty():
            return
        before = self.geometry()
        if not self.restoreGeometry(geometry) or not screen.fits(self.geometry(), screen.available(self, self.geometry())):
            if self.isMaximized() or self.isFullScreen():
                return  # a maximized window fits its screen by definition
            self.setGeometry(before)

    def _show_banner(self) -> None:
        lines = self.content.skipped
        if not lines:
            self.banner.hide()
            return
        from PySide6.QtCore import Qt

        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # file names and problems from content: never HTML
        self.banner.setStyleSheet(
            "#banner { background: #fff4e0; color: #5a3a00; border: 1px solid #e5c07b; padding: 8px; }"
        )
        def short(line: str, limit: int = 300) -> str:
            return line if len(line) <= limit else line[: limit - 1] + "…"

        shown = [short(line) for line in lines[:8]]
        more = f"\n… en nog {len(lines) - len(shown)} regel(s)." if len(lines) > len(shown) else ""
        self.banner.setText("⚠ " + "\n".join(shown) + more)
        # A tooltip guesses rich text from its content: escape it, so a file name stays text.
        self.banner.setToolTip("<p>" + "<br>".join(esc(short(line)) for line in lines[:200]) + "</p>")
        self.banner.show()
        from .a11y import announce

        # Once the window shows (an announcement needs a window); it interrupts: the user must know.
        QTimer.singleShot(0, lambda: announce(self.banner, f"Let op: {len(lines)} melding(en) over de content", assertive=True))

    def remember(self) -> None:
        """Write the settings for the next start: the window's size and place now (the other
        settings are set when they change). `run_gui` calls this once the window has closed and
        the event loop has ended, rather than a `closeEvent` override: the first event handed to
        Python builds QEvent's Python enum (179 members, ~2 ms of every close)."""
        if self.remember_on_close:
            self.settings.set_value("geometry", self.saveGeometry())
            self.settings.sync()


def apply_look(app: QApplication, fusion: bool = False) -> None:
    """A calm, readable look: the app's own light palette (also under a dark system theme) and a
    slightly larger base font; the widgets set the rest (`look`). `fusion`: the application was
    made with the Fusion style (see `look.apply_palette`)."""
    look.apply_palette(app, fusion=fusion)
    look.base_font(app)


def apply_language(app: QApplication) -> bool:
    """Dutch for Qt's own texts (dialog buttons, file dialog) and Dutch number and date formats.

    Uses the Qt translations that ship with PySide6 (and with the bundle); returns False when they
    are not there, in which case Qt's own texts stay English.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    dutch = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
    QLocale.setDefault(dutch)
    translator = QTranslator(app)
    import PySide6

    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),  # the frozen bundle
    ]
    if not any(translator.load(dutch, "qtbase", "_", folder) for folder in folders):
        return False
    app.installTranslator(translator)
    return True
