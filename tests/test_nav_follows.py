"""The navigation tree marks what is shown (issue 19): a page, the wizard, the intake view, trainer
mode; never the last handbook page while another view is up."""

from __future__ import annotations

from routekaart_app.content import load_for_app
from routekaart_app.ui.main_window import ROLE_TARGET, MainWindow


def marked(window) -> str | None:
    item = window.nav.currentItem()
    return item.data(0, ROLE_TARGET) if item is not None and item.isSelected() else None


def test_the_tree_follows_the_view(qtbot):
    window = MainWindow(load_for_app(None))
    window.remember_on_close = False
    qtbot.addWidget(window)
    window.show()
    assert marked(window) is None  # the home page is not in the tree
    window.open_item("femicide")
    assert marked(window) == "item:femicide"
    window.open_wizard()
    assert marked(window) == "wizard:"
    window.open_intake()
    assert marked(window) == "intake:"
    window.open_item("femicide")  # the same page again: no new page load, still marked
    assert marked(window) == "item:femicide"
    window.open_trainer()
    assert marked(window) == "trainer:"
    window.trainer.close()
    assert marked(window) == "item:femicide"
    window.go_home()
    assert marked(window) is None


def test_the_views_can_be_opened_from_the_tree(qtbot):
    window = MainWindow(load_for_app(None))
    window.remember_on_close = False
    qtbot.addWidget(window)
    window.show()
    top = {window.nav.topLevelItem(i).text(0): window.nav.topLevelItem(i)
           for i in range(window.nav.topLevelItemCount())}
    window._on_nav_activated(top["Intakeweergave"])
    assert window.right_stack.currentWidget() is window.intake
    window._on_nav_activated(top["Trainersmodus"])
    assert window.trainer is not None and window.trainer.isVisible()
    window.trainer.close()
