"""Local additions in the window (pytest-qt): the origin of every filled-in value is shown in the
reader, the intake view, the wizard's contacts and the record (its PDF text); an unsigned pack is
asked about once and marked; "Bestand > Aanvulling toevoegen…" checks and copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from routekaart_app.content import load_for_app
from routekaart_app.content.aanvulling import signing
from routekaart_app.content.aanvulling.reading import read_pack
from routekaart_app.ui.main_window import MainWindow
from test_aanvulling import EXAMPLES, GEMEENTE, ORG_ORIGIN, ORGANISATIE, second_organisation

ORIGIN = "aanvulling van Voorbeeld-beleidsteam (VOORBEELD, verzonnen), 1-11-2026"
FACTS = {"municipality": "leiden", "acute_danger": False, "suspicion": True, "structural_unsafety": True, "can_help": False}


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(html: str) -> str:
    """A label's rich text as it reads on screen (tags gone, entities read), flattened."""
    import html as _html
    import re

    return flat(_html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html)))


@pytest.fixture
def program(tmp_path) -> Path:
    """A program folder with a trusted key in vertrouwd/ and the example pack, signed by it."""
    program = tmp_path / "programma"
    (program / "vertrouwd").mkdir(parents=True)
    (program / "aanvullingen").mkdir()
    keys = tmp_path / "sleutels"
    keys.mkdir()
    pub, _ = signing.generate_key(keys / "gemeente.key", "Voorbeeldgemeente", program_dir=program)
    shutil.copy(pub, program / "vertrouwd")
    pack = program / "aanvullingen" / GEMEENTE.name
    shutil.copytree(GEMEENTE, pack)
    (pack / "handtekening.json").write_bytes(signing.sign_files(read_pack(pack), signing.load_private_key(keys / "gemeente.key")))
    return program


def full_facts(wizard) -> dict:
    """FACTS, with every other question on the path answered (no red flags, the rest 'nee')."""
    facts = dict(FACTS)
    session = wizard.session
    session.clear()
    session.prefill(facts)
    walk = session.walk()
    while walk.next is not None:
        fact = walk.next.fact
        facts[fact] = {"sector": "onderwijs", "red_flags": [], "prior_reports": 0}.get(fact, False)
        session.prefill({fact: facts[fact]})
        walk = session.walk()
    session.clear()
    return facts


def window_with(qtbot, program: Path | None, profile: Path | None, confirm=None) -> MainWindow:
    window = MainWindow(load_for_app(None, program, profile, confirm))
    qtbot.addWidget(window)
    window.remember_on_close = False
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # as test_ui_main.make_window: shortcuts need an active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_signed_pack_origin_in_reader_intake_wizard_and_record(qtbot, tmp_path, program):
    asked = []
    window = window_with(qtbot, program, tmp_path / "profiel", confirm=lambda p: asked.append(p) or True)
    assert asked == []  # signed by a trusted key: loaded silently
    assert window.banner.isHidden()
    window.set_municipality("leiden")

    # Reader: the municipality page.
    window.open_item("leiden")
    text = flat(window.reader.toPlainText())
    assert "Voorbeeld Wijkteam (VOORBEELD) — tel. 0000-000000" in text
    assert f"Bron: {ORIGIN}, VOORBEELD" in text
    assert "niet ondertekend" not in text
    assert "Lokale aanvulling" in text and "inloopspreekuur" in text
    assert "E-mail: wijkteam@example.invalid" in text
    assert "Veilig Thuis Hollands Midden — tel. 0800-2000" in text  # the national number stays

    # Intake view.
    qtbot.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    contacts = flat(window.intake.contacts.text())
    assert "Voorbeeld Wijkteam (VOORBEELD)" in contacts and "0000-000000" in contacts
    assert f"Bron: {ORIGIN}, VOORBEELD" in contacts
    assert "Voorbeeld Zorg- en Veiligheidskamer (VOORBEELD)" in contacts and "0000-000001" in contacts

    # Wizard: the local team's contact under its step, and the record's PDF.
    window.open_wizard()
    wizard = window.wizard
    assert wizard.start_with(full_facts(wizard))
    wizard.show_outcome()
    outcome = flat(wizard.outcome_view.toPlainText())
    assert "Betrek het lokale team" in outcome
    assert "Voorbeeld Wijkteam (VOORBEELD) — tel. 0000-000000" in outcome
    assert f"Bron: {ORIGIN}, VOORBEELD" in outcome
    assert f"(bron: {ORIGIN}, VOORBEELD)" in wizard.record_text()
    target = tmp_path / "vastlegging.pdf"
    wizard.export_record_pdf(target)
    from pypdf import PdfReader

    pdf_text = flat(" ".join(page.extract_text() or "" for page in PdfReader(target).pages))
    assert "Voorbeeld Wijkteam (VOORBEELD)" in pdf_text and "0000-000000" in pdf_text
    assert f"Bron: {ORIGIN}, VOORBEELD" in pdf_text


def test_unsigned_pack_asks_once_and_is_marked_everywhere(qtbot, tmp_path):
    profile = tmp_path / "profiel"
    shutil.copytree(GEMEENTE, profile / GEMEENTE.name)
    asked = []
    window = window_with(qtbot, None, profile, confirm=lambda p: asked.append(p.label) or True)
    assert asked == ["voorbeeld-gemeente"]
    window.set_municipality("leiden")
    window.open_item("leiden")
    assert f"Bron: {ORIGIN}, niet ondertekend, VOORBEELD" in flat(window.reader.toPlainText())
    window.close()
    # The next start does not ask again, and still marks it.
    window = window_with(qtbot, None, profile, confirm=lambda p: asked.append(p.label) or True)
    assert asked == ["voorbeeld-gemeente"]
    window.set_municipality("leiden")
    qtbot.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert f"Bron: {ORIGIN}, niet ondertekend, VOORBEELD" in flat(window.intake.contacts.text())


def test_additions_page_without_packs_says_how_to_add(qtbot):
    window = window_with(qtbot, None, None)
    window.act_additions.trigger()
    text = flat(window.reader.toPlainText())
    assert "Er zijn geen lokale aanvullingen geladen" in text and "Bestand > Aanvulling toevoegen" in text
    # No organisation's addition: nothing to choose, so no choice shown.
    assert window.organisation_box.isHidden() and not window.act_organisation.isEnabled()


def test_declined_pack_is_not_used(qtbot, tmp_path):
    profile = tmp_path / "profiel"
    shutil.copytree(GEMEENTE, profile / GEMEENTE.name)
    window = window_with(qtbot, None, profile, confirm=lambda p: False)
    window.set_municipality("leiden")
    window.open_item("leiden")
    text = flat(window.reader.toPlainText())
    assert "0000-000000" not in text and "aanvulling" not in text.lower()


def test_refused_pack_and_conflict_in_the_banner(qtbot, tmp_path, program):
    profile = tmp_path / "profiel"
    mine = profile / "eigen"
    shutil.copytree(GEMEENTE, mine)
    yaml_file = mine / "aanvulling.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("id: voorbeeld_gemeente_leiden", "id: eigen")
                         .replace("0000-000000", "0000-000008"), encoding="utf-8")
    kapot = profile / "kapot"
    shutil.copytree(GEMEENTE, kapot)
    (kapot / "aanvulling.yaml").write_text("veilig_thuis: {phone: 0800-1234}\n", encoding="utf-8")
    window = window_with(qtbot, program, profile, confirm=lambda p: True)
    banner = window.banner.text()
    assert not window.banner.isHidden()
    assert "Aanvulling niet gebruikt: kapot/aanvulling.yaml:1: veilig_thuis: buiten het bereik" in banner
    assert (
        "Aanvullingen in conflict: Leiden, lokaal team, telefoon: '0000-000000' uit voorbeeld-gemeente (naast het programma) "
        "gaat voor '0000-000008' uit eigen (eigen profiel)"
    ) in banner
    assert window.store.callee("local_team", "leiden").phone == "0000-000000"


def test_add_pack_from_the_file_menu(qtbot, tmp_path, monkeypatch):
    window = window_with(qtbot, None, None)
    said = []
    monkeypatch.setattr("routekaart_app.ui.aanvulling.choose_pack", lambda parent: ORGANISATIE)
    monkeypatch.setattr("routekaart_app.ui.aanvulling.confirm_unsigned", lambda parent, pack: said.append("gevraagd") or True)
    monkeypatch.setattr("routekaart_app.ui.aanvulling.QMessageBox.information", lambda *a: said.append(a[2]))
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Bestand")
    assert window.act_add_pack in menu.actions()
    window.act_add_pack.trigger()
    assert said[0] == "gevraagd" and said[1].startswith("Aanvulling toegevoegd.")
    from routekaart_app.paths import user_packs_dir

    copied = user_packs_dir() / "voorbeeld_organisatie"
    assert (copied / "aanvulling.yaml").read_bytes() == (ORGANISATIE / "aanvulling.yaml").read_bytes()
    assert window.store.additions.organisation("Voorbeeldschool").people[0].phone == "0000-000002"
    # At once the organisation can be chosen (not chosen for the user); the Aanvullingen page,
    # opened after adding, says so.
    assert not window.organisation_box.isHidden() and window.organisation_box.currentText() == "geen"
    page = flat(window.reader.toPlainText())
    assert "Kies rechtsboven bij Organisatie" in page and "C. Voorbeeld" not in page
    window.set_organisation("Voorbeeldschool")
    page = flat(window.reader.toPlainText())
    assert "Organisatie: Voorbeeldschool" in page and "C. Voorbeeld (VOORBEELD)" in page and "tel. 0000-000002" in page
    assert "leerlingdossier" in page  # the meldcode notes page
    assert f"Bron: {ORG_ORIGIN}" in page
    qtbot.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    contacts = flat(window.intake.contacts.text())
    assert "Aandachtsfunctionaris Voorbeeldschool" in contacts and "D. Voorbeeld (VOORBEELD)" in contacts
    assert f"Bron: {ORG_ORIGIN}" in contacts
    # A hostile pack: refused with one line, nothing copied.
    bad = tmp_path / "slip.zip"
    import zipfile

    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../../evil.md", "x")
    warned = []
    monkeypatch.setattr("routekaart_app.ui.aanvulling.choose_pack", lambda parent: bad)
    monkeypatch.setattr("routekaart_app.ui.aanvulling.QMessageBox.warning", lambda *a: warned.append(a[2]))
    window.act_add_pack.trigger()
    assert warned == ["slip.zip: pad buiten de aanvulling: '../../evil.md' (.. is niet toegestaan)"]
    assert sorted(p.name for p in user_packs_dir().iterdir() if not p.name.startswith(".")) == ["voorbeeld_organisatie"]
    assert EXAMPLES.is_dir()


# --- the user's own organisation (settings) ---------------------------------------------------


def test_only_the_organisation_chosen_in_the_settings_shows_and_is_remembered(qtbot, tmp_path):
    """Two organisations' packs loaded: neither shows until the user picks one ("geen" by default);
    then only that one's aandachtsfunctionarissen and notes, with their origin, in the intake view,
    the Aanvullingen page and the reader; the choice is kept in the settings for the next start."""
    profile = tmp_path / "profiel"
    shutil.copytree(ORGANISATIE, profile / ORGANISATIE.name)
    second_organisation(profile)
    window = window_with(qtbot, None, profile, confirm=lambda p: True)
    box = window.organisation_box
    assert not box.isHidden() and window.act_organisation.isEnabled()
    assert [box.itemText(i) for i in range(box.count())] == ["geen", "Tweede Voorbeeldschool", "Voorbeeldschool"]
    assert box.currentText() == "geen"
    window.set_municipality("leiden")
    window.open_item("leiden")  # rendered (and kept) before the choice
    assert "Aandachtsfunctionaris" not in flat(window.reader.toPlainText())
    qtbot.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    contacts = flat(window.intake.contacts.text())
    assert "Voorbeeld (VOORBEELD)" not in contacts and "Tweede" not in contacts
    window.act_additions.trigger()
    page = flat(window.reader.toPlainText())
    assert "Organisatie:" not in page and "Kies rechtsboven bij Organisatie" in page

    # The user picks the organisation as in the box (type-ahead and Enter would do the same).
    box.setCurrentIndex(box.findText("Voorbeeldschool"))
    assert window.settings.value("organisation") == "Voorbeeldschool"
    page = flat(window.reader.toPlainText())  # the Aanvullingen page, shown again at once
    assert "Organisatie: Voorbeeldschool" in page and "leerlingdossier" in page and f"Bron: {ORG_ORIGIN}" in page
    assert "C. Voorbeeld (VOORBEELD)" in page and "E. Tweede" not in page
    window.open_intake()
    contacts = shown(window.intake.contacts.text())
    assert "Aandachtsfunctionaris Voorbeeldschool" in contacts
    assert "C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw — 0000-000002" in contacts
    assert "Of: D. Voorbeeld (VOORBEELD), aandachtsfunctionaris bovenbouw, tel. 0000-000003" in contacts
    assert f"Bron: {ORG_ORIGIN}" in contacts and "Tweede" not in contacts
    window.open_item("leiden")
    text = flat(window.reader.toPlainText())
    assert "Aandachtsfunctionaris Voorbeeldschool C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw — tel. 0000-000002" in text
    assert f"Bron: {ORG_ORIGIN}" in text
    window.grab().save(str(tmp_path / "organisatie.png"))
    window.close()

    # The next start: the same organisation, from the settings.
    window = window_with(qtbot, None, profile, confirm=lambda p: True)
    assert window.organisation_box.currentText() == "Voorbeeldschool"
    window.set_municipality("leiden")
    window.open_intake()
    assert "Aandachtsfunctionaris Voorbeeldschool" in flat(window.intake.contacts.text())
    # Back to "geen": gone everywhere, and remembered so.
    window.set_organisation("")
    assert window.settings.value("organisation") == ""
    assert "Voorbeeld (VOORBEELD)" not in flat(window.intake.contacts.text())
    window.act_additions.trigger()
    assert "Organisatie: Voorbeeldschool" not in flat(window.reader.toPlainText())


def test_wizard_consult_step_names_the_chosen_aandachtsfunctionaris_in_outcome_text_and_record(qtbot, tmp_path):
    profile = tmp_path / "profiel"
    shutil.copytree(ORGANISATIE, profile / ORGANISATIE.name)
    window = window_with(qtbot, None, profile, confirm=lambda p: True)
    window.set_municipality("leiden")
    window.open_wizard()
    wizard = window.wizard
    assert wizard.start_with(full_facts(wizard))
    wizard.show_outcome()
    outcome = flat(wizard.outcome_view.toPlainText())
    assert "Overleg met de aandachtsfunctionaris" in outcome and "C. Voorbeeld" not in outcome  # none chosen
    assert "C. Voorbeeld" not in wizard.record_text()

    window.set_organisation("Voorbeeldschool")  # while the outcome is on screen: shown at once
    outcome = flat(wizard.outcome_view.toPlainText())
    consult = outcome.index("Overleg met de aandachtsfunctionaris")
    named = outcome.index("C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw — tel. 0000-000002")
    assert consult < named < outcome.index("Meld bij Veilig Thuis", consult)  # under the consult step
    assert "Of: D. Voorbeeld (VOORBEELD), aandachtsfunctionaris bovenbouw, tel. 0000-000003" in outcome
    assert f"Bron: {ORG_ORIGIN}" in outcome and "niet ondertekend" in ORG_ORIGIN
    record = flat(wizard.record_text())
    assert "contact: C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw, tel. 0000-000002" in record
    assert f"(bron: {ORG_ORIGIN})" in record
    target = tmp_path / "vastlegging.pdf"
    wizard.export_record_pdf(target)
    from pypdf import PdfReader

    pdf_text = flat(" ".join(page.extract_text() or "" for page in PdfReader(target).pages))
    assert "C. Voorbeeld (VOORBEELD), aandachtsfunctionaris onderbouw" in pdf_text and "0000-000002" in pdf_text
    assert "D. Voorbeeld (VOORBEELD)" in pdf_text
    assert f"Bron: {ORG_ORIGIN}" in pdf_text


# --- a declined pack, used after all --------------------------------------------------------


def click_link(qtbot, reader, text: str) -> None:
    """Click the link whose text is `text` in the reader, with the mouse, as a user would."""
    from PySide6.QtGui import QTextCursor

    found = reader.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(reader.document())
    cursor.setPosition(found.selectionStart() + 2)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    point = reader.cursorRect(cursor).center()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_declined_pack_can_be_used_after_all_from_the_additions_page(qtbot, tmp_path, monkeypatch):
    profile = tmp_path / "profiel"
    shutil.copytree(GEMEENTE, profile / GEMEENTE.name)
    window = window_with(qtbot, None, profile, confirm=lambda p: False)
    window.set_municipality("leiden")
    window.open_item("leiden")
    assert "0000-000000" not in flat(window.reader.toPlainText())
    window.act_additions.trigger()
    page = flat(window.reader.toPlainText())
    assert "Wacht op uw bevestiging" in page and f"voorbeeld-gemeente: {ORIGIN}, niet ondertekend, VOORBEELD" in page
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr("routekaart_app.ui.aanvulling.confirm_unsigned",
                        lambda parent, pack: asked.append(pack.label) or answer[0])

    # Asked once more; "no" changes nothing.
    click_link(qtbot, window.reader, "Toch gebruiken")
    assert asked == ["voorbeeld-gemeente"]
    assert "Wacht op uw bevestiging" in flat(window.reader.toPlainText()) and window.store.additions.packs == []
    assert not (profile / ".bevestigd").exists()

    # "Yes": used at once, no restart, marked as not signed, and remembered.
    answer[0] = True
    click_link(qtbot, window.reader, "Toch gebruiken")
    assert asked == ["voorbeeld-gemeente"] * 2
    page = flat(window.reader.toPlainText())
    assert "Wacht op uw bevestiging" not in page and "Toch gebruiken" not in page
    assert "voorbeeld-gemeente (in uw eigen profiel), versie 1.0, voor Leiden" in page
    assert "wordt nu gebruikt" in window.statusBar().currentMessage()
    window.open_item("leiden")
    text = flat(window.reader.toPlainText())
    assert "Voorbeeld Wijkteam (VOORBEELD) — tel. 0000-000000" in text
    assert f"Bron: {ORIGIN}, niet ondertekend, VOORBEELD" in text
    window.close()
    window = window_with(qtbot, None, profile, confirm=lambda p: asked.append("bij het starten") or False)
    assert asked == ["voorbeeld-gemeente"] * 2  # not asked again at the next start
    assert window.store.callee("local_team", "leiden").phone == "0000-000000"
