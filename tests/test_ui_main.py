"""The main window with real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication, QLabel

from routekaart_app.content import load_for_app
from routekaart_app.ui.main_window import PREPARE_SEARCH_MS, MainWindow


def make_window(qtbot) -> MainWindow:
    window = MainWindow(load_for_app(None))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The offscreen platform does not activate windows by itself; shortcuts need an active window.
    window.activateWindow()  # QApplication.setActiveWindow is deprecated
    qtbot.waitUntil(window.isActiveWindow)
    return window


def nav_item(window: MainWindow, target: str):
    stack = [window.nav.topLevelItem(i) for i in range(window.nav.topLevelItemCount())]
    while stack:
        node = stack.pop()
        if node.data(0, Qt.ItemDataRole.UserRole) == target:
            return node
        stack.extend(node.child(i) for i in range(node.childCount()))
    raise AssertionError(f"{target} not in navigation")


def test_starts_on_home_with_sections(qtbot):
    window = make_window(qtbot)
    text = window.reader.toPlainText()
    assert "geen meldplicht" in text
    top = [window.nav.topLevelItem(i).text(0) for i in range(window.nav.topLevelItemCount())]
    assert top[0] == "Begrippen" and top[-1] == "Wizard"
    assert window.banner.isHidden()


def test_reader_keeps_one_text_width_and_lays_a_page_out_once(qtbot):
    window = make_window(qtbot)
    reader = window.reader
    assert reader.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    widths = []
    reader.document().documentLayout().documentSizeChanged.connect(lambda size: widths.append(round(size.width())))
    width = reader.viewport().width()
    window.open_target("item:korte_pagina_bestaat_niet")  # a short page ("niet gevonden")
    window.open_item("achtergrond_wie_doet_wat")  # a page longer than the window
    assert reader.verticalScrollBar().maximum() > 0
    assert reader.viewport().width() == width
    assert len(set(widths)) == 1, widths  # every layout at the one width: none before the bar came


class _Paints(QObject):
    """Records the area of every paint event `watched` gets."""

    def __init__(self, watched):
        super().__init__()
        self.watched, self.regions = watched, []

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if obj is self.watched and event.type() == QEvent.Type.Paint:
            self.regions.append(QRegion(event.region()))
        return False


def test_a_keystroke_or_a_page_repaints_the_view_not_the_window_behind_it(qtbot):
    # The style sheets (focus ring, row spacing) make Qt leave a view's viewport unfilled; then
    # every repaint of the results or a page first repaints the window behind it.
    window = make_window(qtbot)
    qtbot.wait(PREPARE_SEARCH_MS + 50)  # idle after start: the window prepares (_prepare_search)
    qtbot.keyClicks(window.search_field, "veilig")
    window.results.setFocus()  # the focus ring (a :focus rule) must not undo it either
    window.zoom(+1)
    window.resize(800, 500)
    window.open_wizard()  # on a small window the views move into a scroll area (_scroll_views)
    window.go_home()
    window.search_field.setFocus()
    qtbot.wait(50)
    for view in (window.nav, window.results, window.reader):
        assert view.viewport().autoFillBackground(), view.accessibleName()
    paints = _Paints(window)
    QApplication.instance().installEventFilter(paints)
    try:
        for char in "thuis":
            qtbot.keyClick(window.search_field, char)
            QApplication.processEvents()
        window.open_item("femicide")
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(paints)
    for view in (window.results, window.reader):
        area = QRect(view.viewport().mapTo(window, QPoint(0, 0)), view.viewport().size())
        assert not any(region.intersects(area) for region in paints.regions), view.accessibleName()
    assert window.reader.current_id() == "femicide" and window.results.count()


def test_the_idle_window_reads_the_page_texts_the_first_window_left_unread(qtbot):
    window = make_window(qtbot)
    pages = window.store.pages.values()
    assert not any("body" in vars(page) for page in pages)  # the snapshot's first line only
    qtbot.wait(PREPARE_SEARCH_MS + 50)  # _prepare_search, so the first page opened does not wait
    assert all("body" in vars(page) for page in pages)


def test_navigate_follow_link_and_go_back(qtbot):
    window = make_window(qtbot)
    node = nav_item(window, "item:femicide")
    window.nav.setCurrentItem(node)
    window._on_nav_activated(node)
    assert window.reader.current_id() == "femicide"
    assert "Femicide" in window.reader.toPlainText()
    # Follow the internal link in the text, as a click on it does.
    html = window.reader.toHtml()
    assert 'href="item:intieme_terreur"' in html
    from PySide6.QtCore import QUrl

    window.reader.anchorClicked.emit(QUrl("item:intieme_terreur"))
    assert window.reader.current_id() == "intieme_terreur"
    assert window.act_back.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current_id() == "femicide"
    assert window.act_forward.isEnabled()
    window.act_forward.trigger()
    assert window.reader.current_id() == "intieme_terreur"


def test_type_in_search_and_open_result(qtbot):
    window = make_window(qtbot)
    window.reader.setFocus()
    assert not window.search_field.hasFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "femi")
    assert window.left_stack.currentWidget() is window.results
    assert window.results.count() >= 1
    assert window.results.item(0).data(Qt.ItemDataRole.UserRole) == "item:femicide"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.reader.current_id() == "femicide"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.left_stack.currentWidget() is window.nav


def test_arrow_keys_in_the_search_field_move_through_the_results(qtbot):
    window = make_window(qtbot)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)  # no results yet: nothing happens
    qtbot.keyClicks(window.search_field, "veilig")
    assert window.results.count() >= 3 and window.results.currentRow() == 0
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.results.currentRow() == 2
    qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    assert window.results.currentRow() == 1 and window.search_field.hasFocus()
    for _ in range(5):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    assert window.results.currentRow() == 0
    wanted = window.results.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert f"item:{window.reader.current_id()}" == wanted
    assert window.search_field.text() == "veilig"  # typing keys still reach the field


def test_search_without_results_says_so(qtbot):
    window = make_window(qtbot)
    window.search_field.setText("qqqqxyz")
    assert window.left_stack.currentWidget() is window.no_results


def test_municipality_is_remembered(qtbot):
    window = make_window(qtbot)
    window.set_municipality("delft")
    assert window.region == "Haaglanden" and window.municipality_id == "delft"
    window.close()
    again = make_window(qtbot)
    assert again.municipality_id == "delft"
    assert again.municipality_box.currentData() == "delft"
    assert "Delft" in again.reader.toPlainText()  # the home page names the chosen municipality


def test_a_start_with_saved_settings_writes_nothing(qtbot):
    """Restoring the saved municipality is no change: the settings file stays as it was (QSettings
    rewrites the whole file on every sync that follows a setValue, even of the same value)."""
    window = make_window(qtbot)
    window.set_municipality("delft")
    window.close()
    path = window.settings.path
    stamp = (path.stat().st_ino, path.stat().st_mtime_ns)
    again = make_window(qtbot)
    assert again.municipality_id == "delft"
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == stamp
    again.set_municipality("leiden")  # a real change is still saved at once
    assert (path.stat().st_ino, path.stat().st_mtime_ns) != stamp


def test_own_region_definition_first(qtbot):
    window = make_window(qtbot)
    window.set_municipality("den_haag")
    window.open_item("femicide")
    text = window.reader.toPlainText()
    assert text.index("Definitie Haaglanden") < text.index("Definitie Hollands Midden (andere regio)")


def test_zoom(qtbot):
    window = make_window(qtbot)
    before = window.reader.font().pointSizeF()
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() > before
    window.zoom(-1)
    window.zoom(-1)
    assert window.reader.font().pointSizeF() < before
    window.zoom(None)
    assert window.reader.font().pointSizeF() == before


def test_zoom_is_the_whole_window_and_remembered(qtbot):
    window = make_window(qtbot)
    window.open_wizard()
    wizard_title = window.wizard.findChild(QLabel, "wizardKop")
    before = {
        "menu": window.menuBar().font().pointSizeF(),
        "nav": window.nav.font().pointSizeF(),
        "reader": window.reader.font().pointSizeF(),
        "wizard": wizard_title.font().pointSizeF(),
    }
    window.zoom(+2)
    after = {
        "menu": window.menuBar().font().pointSizeF(),
        "nav": window.nav.font().pointSizeF(),
        "reader": window.reader.font().pointSizeF(),
        "wizard": wizard_title.font().pointSizeF(),
    }
    assert all(after[k] > before[k] for k in before), (before, after)
    window.open_intake()  # built after the zoom: it starts zoomed too
    intake_title = window.intake.findChild(QLabel, "intakeKop")
    assert intake_title.font().pointSizeF() > 15
    window.close()
    again = make_window(qtbot)
    assert again.zoom_steps == 2 and again.nav.font().pointSizeF() == after["nav"]
    again.zoom(None)
    assert again.nav.font().pointSizeF() == before["nav"]


def test_municipality_list_jumps_to_what_is_typed(qtbot):
    window = make_window(qtbot)
    box = window.municipality_box
    box.setFocus()
    qtbot.keyClicks(box, "Leid")
    assert box.currentData() == "leiden"
    assert window.municipality_id == "leiden"
    # Every name starts the entry (no padding in front), so each can be reached by typing.
    for index in range(box.count()):
        assert box.itemText(index) == box.itemText(index).lstrip()


def test_wizard_has_a_menu_entry_and_a_shortcut(qtbot):
    window = make_window(qtbot)
    menus = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    assert "Wizard" in menus
    qtbot.keyClick(window.reader, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard is not None and window.right_stack.currentWidget() is window.wizard


def test_municipality_page_shows_contacts(qtbot):
    window = make_window(qtbot)
    window.open_item("den_haag")
    text = window.reader.toPlainText()
    assert "Veilig Thuis" in text and "0800-2000" in text and "112" in text
    assert "Lokaal team" in text


def test_print_to_pdf(qtbot, tmp_path):
    window = make_window(qtbot)
    window.open_item("femicide")
    target = tmp_path / "femicide.pdf"
    window.export_pdf(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".routekaart-")]


def test_banner_for_invalid_override(qtbot, content_copy):
    (content_copy / "begrippen" / "kapot.md").write_text("---\nid: kapot\n---\n", encoding="utf-8")
    window = MainWindow(load_for_app(content_copy))
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible()
    assert "begrippen/kapot.md" in window.banner.text()


def test_widgets_have_accessible_names(qtbot):
    window = make_window(qtbot)
    for widget in (window.search_field, window.nav, window.results, window.reader, window.municipality_box):
        assert widget.accessibleName()


def test_navigation_follows_the_page_shown(qtbot):
    window = make_window(qtbot)
    window.open_item("femicide")
    assert window.nav.currentItem().data(0, Qt.ItemDataRole.UserRole) == "item:femicide"
    window.open_item("leiden")
    assert window.nav.currentItem().data(0, Qt.ItemDataRole.UserRole) == "item:leiden"


def test_meldcode_section_lists_the_steps_then_the_afwegingsvragen(qtbot):
    window = make_window(qtbot)
    section = nav_item(window, "section:Meldcode")
    targets = [section.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(section.childCount())]
    steps = [t for t in targets if t.startswith("item:meldcode_stap_")]
    questions = [t for t in targets if t.startswith("item:afweging_")]
    assert steps == [f"item:meldcode_stap_{n}" for n in range(1, 6)]
    assert questions == [f"item:afweging_{n}" for n in range(1, 6)]
    assert targets.index(steps[-1]) < targets.index(questions[0])


def test_qt_own_texts_are_dutch(qtbot):
    from PySide6.QtCore import QCoreApplication

    from routekaart_app.ui.main_window import apply_language

    assert apply_language(QApplication.instance())
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"


def test_home_page_links_to_the_wizard(qtbot):
    from PySide6.QtCore import QUrl

    window = make_window(qtbot)
    assert 'href="wizard:"' in window.reader.toHtml()
    window.reader.anchorClicked.emit(QUrl("wizard:"))
    assert window.wizard is not None and window.right_stack.currentWidget() is window.wizard


def test_help_menu_opens_the_sources_page(qtbot):
    from PySide6.QtCore import QUrl

    window = make_window(qtbot)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "Bronnen")
    action.trigger()
    text = window.reader.toPlainText()
    assert text.startswith("Bronnen")
    meta = window.store.meta
    for info in meta.sources.values():
        assert info.title in text
    # National sources show their public address as text, never as a link.
    html = window.reader.toHtml()
    assert 'href="http' not in html
    # The pages that rely on a source are links that open them.
    assert 'href="item:femicide"' in html
    window.reader.anchorClicked.emit(QUrl("item:femicide"))
    assert window.reader.current_id() == "femicide"
