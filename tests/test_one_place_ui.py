"""Each rule said once (issue 15), in the GUI: the intake view shows the store's "who to call",
the wizard takes the intake's facts by fact name, the pages show the standing lines from content."""

from __future__ import annotations

from routekaart_app.content import AppContent
from routekaart_app.ui.main_window import MainWindow
from test_one_place import renumbered  # noqa: F401  (fixture)


def window_for(qtbot, store) -> MainWindow:
    window = MainWindow(AppContent(store))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def test_intake_contacts_are_the_stores_who_to_call(qtbot, renumbered):  # noqa: F811
    window = window_for(qtbot, renumbered)
    for municipality in ("zoetermeer", None):
        if municipality:
            window.set_municipality(municipality)
        window.open_intake()
        text = window.intake.contacts.text()
        for callee in renumbered.who_to_call(municipality):
            assert callee.label in text
            if not callee.needs_place and callee.phone != "niet ingevuld":
                assert callee.phone in text
        # The numbers of the real content.yaml are not in the program.
        assert "0800-2000" not in text and "112" not in text


def test_crash_dialog_lines_come_from_content(renumbered):  # noqa: F811
    from routekaart_app.ui import crash

    text = crash.what_next(renumbered)
    assert "Bij acuut gevaar: bel 999-1." in text and "Bel Veilig Thuis op 0800-7777" in text
    bundled = crash.what_next(None)  # no window store: the bundled content's lines
    assert "Bij acuut gevaar: bel 112." in bundled and "Veilig Thuis (0800-2000)" in bundled


def test_stale_wizard_page_is_gone_and_says_the_content_doubt_line(qtbot, renumbered):  # noqa: F811
    from PySide6.QtCore import QUrl

    window = window_for(qtbot, renumbered)
    page = window._resolve(QUrl("section:Wizard"))
    assert "volgende versie" not in page and 'href="wizard:"' in page and "0800-7777" in page


def test_intake_hands_the_wizard_facts_by_fact_name(qtbot, content_copy):
    """With question ids that differ from the fact names, the intake's flags and municipality
    still land on their questions."""
    from routekaart_app.content import load_content

    flow = content_copy / "wizard" / "flow.yaml"
    text = flow.read_text(encoding="utf-8")
    text = text.replace("  - id: red_flags\n", "  - id: q_rode_vlaggen\n").replace("goto: red_flags", "goto: q_rode_vlaggen")
    flow.write_text(text, encoding="utf-8")
    window = window_for(qtbot, load_content(content_copy))
    window.set_municipality("delft")
    window.start_wizard_with_flags(["stalking", "weapons"])
    session = window.wizard.session
    assert session.answers.get("q_rode_vlaggen") == ["stalking", "weapons"]
    assert session.answers.get("municipality") == "delft"


def test_intake_and_municipality_page_list_the_same_callers_in_the_same_order(qtbot, store):
    """Both ask the store: the same roles, in CALL_ROLES order (the intake had no CSG and police)."""
    import re

    from routekaart_app.content.render import PageRenderer
    from routekaart_app.content.store import CALL_ROLES

    window = window_for(qtbot, store)
    window.set_municipality("zoetermeer")
    window.open_intake()
    labels = list(CALL_ROLES.values())

    def order(html: str) -> list[str]:  # the roles: table cells on the page, labelled lines in the intake
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<(?:td|span)[^>]*>(.*?)</(?:td|span)>", html)]
        return [c for c in cells if c in labels]

    assert order(window.intake.contacts.text()) == labels
    page = PageRenderer(store).render("zoetermeer", None)
    assert order(page[page.index("Wie bel je") :]) == labels
