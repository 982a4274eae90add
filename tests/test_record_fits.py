"""A record that fits the file (issue 19): an ordinary case on one to two pages (who, when,
where, the signals, the afwegingen with answers and consequences, the steps with their contacts,
the sources as numbered references); the full explanations only in the optional appendix."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from routekaart_app.advice.training import model_answers_for_wizard
from routekaart_app.content import load_for_app
from routekaart_app.ui.main_window import MainWindow

DETAILS = {"professional": "J. de Vries", "organisatie": "Basisschool De Linde", "dossier": "2026-0412",
           "signalen": "Blauwe plekken op beide bovenarmen; kind zegt dat vader boos werd.",
           "overleg": "Aandachtsfunctionaris, 12 november", "besluit": "Advies vragen bij Veilig Thuis."}
#: Ordinary cases: help that works, no suspicion, a complex separation (not acute danger with six steps).
ORDINARY = ("casus_hulp_werkt", "casus_geen_vermoeden", "casus_complexe_scheiding_intieme_terreur")


def export(qtbot, tmp_path: Path, case_id: str, appendix: bool) -> tuple[int, str]:
    window = MainWindow(load_for_app(None))
    window.remember_on_close = False
    qtbot.addWidget(window)
    window.open_wizard()
    wizard = window.wizard
    case = next(c for c in window.store.extras["oefencasussen"] if c.id == case_id)
    wizard.start_with(model_answers_for_wizard(wizard.advisor, case))
    wizard.show_outcome()
    wizard.record_form.set_values(DETAILS)
    wizard.record_form.appendix.setChecked(appendix)
    target = tmp_path / f"{case_id}-{appendix}.pdf"
    wizard.export_record_pdf(target)
    reader = PdfReader(target)
    return len(reader.pages), " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.mark.parametrize("case_id", ORDINARY)
def test_an_ordinary_case_fits_two_pages(qtbot, tmp_path, case_id):
    pages, text = export(qtbot, tmp_path, case_id, appendix=False)
    assert 1 <= pages <= 2, pages
    for wanted in (*DETAILS.values(), "Gemeente", "Datum", "Afwegingskader", "Mogelijke vervolgstappen",
                   "Stap en waarom", "Contact", "Bronnen: [1]"):
        assert wanted in text, wanted
    assert "Bijlage: toelichting" not in text and "Lees meer" not in text


def test_the_appendix_holds_the_full_explanations(qtbot, tmp_path):
    short_pages, short = export(qtbot, tmp_path, ORDINARY[0], appendix=False)
    pages, text = export(qtbot, tmp_path, ORDINARY[0], appendix=True)
    assert pages > short_pages
    assert "Bijlage: toelichting bij de vervolgstappen" in text and "Lees meer" in text
    assert text.index("Bijlage: toelichting") > text.index("Bronnen: [1]")
