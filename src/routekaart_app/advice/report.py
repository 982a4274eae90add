"""The wizard's outcome page and its record for the file (HTML and plain text). No Qt here.

`outcome_html` is what the wizard shows: the recommendations with their reasons, sources,
contacts and clickable `item:` links. `record_html` / `record_text` are the record for the file
(Bestand in the dossier) that the user prints, saves as PDF or copies: date, region,
municipality, each question with its answer, the afwegingen, the steps, the content version and
an optional note, and what the professional types in just before exporting (`RECORD_DETAILS`:
signals, consultation, decision, professional, organisation, dossier reference). None of this is
stored by the app.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..content.models import NOT_FILLED
from ..content.render import STYLE, esc, inline
from .engine import Advice, Advisor, Outcome
from .flow import Question

if TYPE_CHECKING:
    from ..content.store import ContentStore

#: Said after the doubt line wherever the outcome is shown.
YOU_DECIDE = "De app ondersteunt, u beslist."
RECORD_TITLE = "Vastlegging wizard meldcode"
#: What the professional adds for the file, typed just before printing or exporting (the app keeps
#: none of it): key -> label. The first three head the record, the others are sections of it.
RECORD_DETAILS = {
    "professional": "Professional",
    "organisatie": "Organisatie",
    "dossier": "Dossierkenmerk",
    "signalen": "Waargenomen signalen (feitelijk)",
    "overleg": "Overleg (met wie en wanneer)",
    "besluit": "Besluit en waarom",
}
_HEAD_DETAILS = ("professional", "organisatie", "dossier")


def _details(details: Mapping[str, str] | None) -> dict[str, str]:
    """The filled-in details, trimmed, in RECORD_DETAILS order."""
    details = details or {}
    return {k: str(details.get(k) or "").strip() for k in RECORD_DETAILS if str(details.get(k) or "").strip()}


def _details_html(details: dict[str, str], keys: Sequence[str]) -> str:
    out = []
    for key in keys:
        if key in details and key not in _HEAD_DETAILS:
            paragraphs = "".join(f"<p>{esc(p)}</p>" for p in details[key].split("\n") if p.strip())
            out.append(f"<h2>{esc(RECORD_DETAILS[key])}</h2>{paragraphs}")
    return "".join(out)


def _details_text(details: dict[str, str], keys: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for key in keys:
        if key in details and key not in _HEAD_DETAILS:
            lines += ["", f"{RECORD_DETAILS[key]}:", details[key]]
    return lines


_EXTRA_STYLE = """
table.stap { background-color: #f5f8fa; border-color: #d5e0e8; }
table.urgent { background-color: #fdecea; border-color: #e8b4ae; }
h2.stap { margin-top: 0px; }
.nummer { color: #55646f; }
.twijfel { background-color: #eef5fa; color: #17405e; font-weight: 600; }
table.lijst td, table.lijst th { padding: 3px 8px 3px 0; vertical-align: top; text-align: left; }
table.lijst th { color: #55646f; font-weight: 600; }
"""


#: The record for the file: the size of a letter, so an ordinary case fits one to two pages.
_RECORD_STYLE = """
body { font-size: 9pt; }
h1 { font-size: 14pt; margin-bottom: 2px; }
h2 { font-size: 11pt; margin-top: 8px; margin-bottom: 2px; }
p, li, td, dd { line-height: 115%; }
table.lijst td, table.lijst th { padding: 0px 6px 0px 0; }
table.velden td { padding: 0px 10px 0px 0; }
"""


def _document(title: str, body: str, extra: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{STYLE}{_EXTRA_STYLE}{extra}</style></head><body>{body}</body></html>"
    )


def doubt_line(store: ContentStore | None) -> str:
    """"Bij twijfel: vraag advies bij Veilig Thuis (...)." from content.yaml, then `YOU_DECIDE`."""
    line = store.doubt_line if store is not None else ""
    return f"{line} {YOU_DECIDE}".strip()


def _filled(value: str | None) -> bool:
    return bool(value and value.strip().lower() != NOT_FILLED)


def plain(text: str) -> str:
    """Content Markdown as plain text (links become their text)."""
    rendered = inline(text or "")
    rendered = re.sub(r"<br\s*/?>", "\n", rendered)
    rendered = re.sub(r"</(p|li|h\d)>", "\n", rendered)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def missing_questions(advisor: Advisor, missing: Sequence[str]) -> list[str]:
    """The unknown facts that could change the outcome, as the questions that ask them (the
    question texts live in the wizard's flow; a fact no question asks is shown by its key)."""
    out = []
    for key in missing:
        question = advisor.question_for(key)
        out.append(question.text if question is not None else key)
    return out


def _place(outcome: Outcome) -> str:
    if outcome.municipality:
        return f"{outcome.municipality} (regio {outcome.region})" if outcome.region else outcome.municipality
    return "onbekend"


def _see_titles(advisor: Advisor, ids: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for item_id in ids:
        item = advisor.store.item(item_id)
        if item is not None:
            out.append((item_id, item.title))
    return out


def _sources(advisor: Advisor, refs: Sequence[str]) -> list[str]:
    return [advisor.store.source_label(r) for r in refs]


# ---------------------------------------------------------------------------------------------
# Contacts


def contact_html(contact: dict[str, str] | None, *, note: bool = True) -> str:
    """Who to call, with the phone number; `note`: the contact's own note too (not in the record,
    where the appendix has it)."""
    if not contact:
        return ""
    name = contact.get("name", "")
    phone = contact.get("phone", "")
    text = inline(name) if _filled(name) else '<span class="leeg">niet ingevuld</span>'
    if _filled(phone):
        text += f" — tel. <b>{esc(phone)}</b>"
    else:
        text += ' — <span class="leeg">telefoon niet ingevuld</span>'
    if note and contact.get("note"):
        text += f"<br><small>{inline(contact['note'])}</small>"
    if contact.get("origin"):
        from ..content.aanvulling.show import extra_html

        text += extra_html(contact.get("details", ""), contact["origin"])
    return text


def contact_text(contact: dict[str, str] | None) -> str:
    if not contact:
        return ""
    name = contact.get("name", "")
    phone = contact.get("phone", "")
    text = plain(name) if _filled(name) else "niet ingevuld"
    text += f", tel. {phone}" if _filled(phone) else ", telefoon niet ingevuld"
    if contact.get("note"):
        text += f" ({plain(contact['note'])})"
    if contact.get("origin"):
        from ..content.aanvulling.show import extra_text

        text += " " + extra_text(contact.get("details", ""), contact["origin"])
    return text


# ---------------------------------------------------------------------------------------------
# The outcome page


def _step_html(advisor: Advisor, number: int, rec: Advice, links: bool) -> str:
    rows = []
    if rec.why:
        rows.append(
            '<p class="label">Waarom</p><ul>' + "".join(f"<li>{inline(w)}</li>" for w in rec.why) + "</ul>"
        )
    fields = []
    if rec.contact:
        fields.append(("Contact", contact_html(rec.contact)))
    see = _see_titles(advisor, rec.see)
    if see:
        if links:
            shown = " · ".join(f'<a href="item:{esc(i)}">{esc(t)}</a>' for i, t in see)
        else:
            shown = esc("; ".join(t for _, t in see))
        fields.append(("Lees meer", shown))
    if rec.sources:
        fields.append(("Bronnen", f'<span class="bronnen">{esc("; ".join(_sources(advisor, rec.sources)))}</span>'))
    table = "".join(f'<tr><td class="k">{esc(k)}</td><td>{v}</td></tr>' for k, v in fields)
    css = "urgent" if rec.id == "call_112" else "stap"
    return (
        f'<table class="{css}" width="100%" cellpadding="10" cellspacing="0" border="1"><tr><td>'
        f'<h2 class="stap"><span class="nummer">{number}.</span> {esc(rec.title)}</h2>'
        f"<p>{inline(rec.text)}</p>{''.join(rows)}"
        f'<table class="velden">{table}</table>'
        "</td></tr></table><p></p>"
    )


CONDITIONAL_HEADING = "Hangt af van uw antwoord op …"


def depends_text(advisor: Advisor, rec: Advice) -> str:
    """The questions a conditional step depends on, as the wizard asks them."""
    return "; ".join(missing_questions(advisor, rec.depends_on))


def _conditional_html(advisor: Advisor, outcome: Outcome, links: bool) -> str:
    """The conditional steps: compact, each with the question(s) that decide it and why."""
    if not outcome.conditional:
        return ""
    out = [
        f"<h2>{esc(CONDITIONAL_HEADING)}</h2>"
        "<p>Deze stappen volgen bij sommige antwoorden op vragen die nog open staan of met 'weet ik niet' "
        "zijn beantwoord; niet bij alle.</p><ul>"
    ]
    for rec in outcome.conditional:
        title = esc(rec.title)
        if links and rec.see:
            title = f'<a href="item:{esc(rec.see[0])}">{title}</a>'
        why = " ".join(inline(w) for w in rec.why)
        contact = f" Contact: {contact_html(rec.contact)}" if rec.contact and rec.id == "call_112" else ""
        out.append(
            f"<li><b>{title}</b> — hangt af van: <i>{esc(depends_text(advisor, rec))}</i>"
            + (f"<br>{why}" if why else "") + f"{contact}</li>"
        )
    out.append("</ul>")
    return "".join(out)


def _conditional_text(advisor: Advisor, outcome: Outcome) -> list[str]:
    if not outcome.conditional:
        return []
    lines = ["", CONDITIONAL_HEADING]
    for rec in outcome.conditional:
        lines.append(f"- {rec.title} (hangt af van: {depends_text(advisor, rec)})")
        for why in rec.why:
            lines.append(f"   waarom: {plain(why)}")
    return lines


def _tail_html(advisor: Advisor, outcome: Outcome, *, unknown: bool = True) -> str:
    """The notes and (`unknown`) the questions still open; the record leaves those out, its table
    of answers already says 'weet ik niet'."""
    out = []
    if outcome.notes:
        out.append("<h2>Let op</h2><ul>" + "".join(f"<li>{inline(n)}</li>" for n in outcome.notes) + "</ul>")
    questions = missing_questions(advisor, outcome.missing) if unknown else []
    if questions:
        out.append(
            "<h2>Nog onbekend</h2><p>Deze vragen zijn (nog) niet beantwoord of met 'weet ik niet'. "
            "Het antwoord kan de uitkomst veranderen:</p><ul>"
            + "".join(f"<li>{esc(q)}</li>" for q in questions)
            + "</ul>"
        )
    return "".join(out)


def outcome_body(advisor: Advisor, outcome: Outcome, *, complete: bool = True) -> str:
    """The outcome page's body: steps in order, notes, what is still unknown, the doubt line."""
    out = ["<h1>Mogelijke vervolgstappen</h1>"]
    out.append(f'<p class="lead">Gemeente: {esc(_place(outcome))}. De app ondersteunt; u beslist.</p>')
    if not complete:
        out.append(
            '<p class="waarschuwing">&nbsp;U heeft nog niet alle vragen beantwoord: de uitkomst kan nog '
            "veranderen.&nbsp;</p>"
        )
    if not outcome.recommendations:
        out.append("<p>Er is geen vervolgstap uit de antwoorden af te leiden.</p>")
    for number, rec in enumerate(outcome.recommendations, start=1):
        out.append(_step_html(advisor, number, rec, links=True))
    out.append(_conditional_html(advisor, outcome, links=True))
    out.append(_tail_html(advisor, outcome))
    out.append(f'<hr><p class="twijfel">{esc(doubt_line(advisor.store))}</p>')
    return "".join(out)


def outcome_html(advisor: Advisor, outcome: Outcome, *, complete: bool = True) -> str:
    return _document("Uitkomst", outcome_body(advisor, outcome, complete=complete))


def outcome_summary_html(outcome: Outcome) -> str:
    """The short live outcome for the side panel: the step titles in order."""
    if not outcome.recommendations and not outcome.conditional:
        return "<p>Nog geen vervolgstap.</p>"
    # Lines with their own number or bullet and a small hanging indent rather than HTML lists: a
    # list's indent left too little of the narrow panel for a long word ("aandachtsfunctionaris"
    # at 150 %), which then made the panel scroll sideways.
    def line(mark: str, text: str) -> str:
        return f"<p style='margin: 0 0 3px 16px; text-indent: -16px;'>{mark}&nbsp;{text}</p>"

    out = "".join(
        line(f"{n}.", f"<b style='color:#a12a1f'>{esc(r.title)}</b>" if r.id == "call_112" else esc(r.title))
        for n, r in enumerate(outcome.recommendations, 1)
    ) or "<p>Nog geen zekere vervolgstap.</p>"
    if outcome.conditional:
        out += "<p><i>Hangt af van uw antwoorden:</i></p>" + "".join(
            line("•", f"<b>{esc(r.title)}</b>" if r.id == "call_112" else esc(r.title)) for r in outcome.conditional
        )
    return out


# ---------------------------------------------------------------------------------------------
# The record for the file


def _afwegingen(advisor: Advisor, answered: Sequence[tuple[Question, Any, str]], outcome: Outcome) -> list[dict[str, Any]]:
    """The afwegingen, with 'niet gevraagd' for those the path skipped (rather than 'onbekend')."""
    asked = {q.afweging for q, _value, _label in answered if q.afweging is not None}
    in_flow = {cq.question.afweging for cq in advisor.flow.questions.values()}
    rows = []
    for row in outcome.afwegingen:
        row = dict(row)
        if row["number"] in in_flow and row["number"] not in asked and row["answer"] == "onbekend":
            row["answer"] = "niet gevraagd"
        rows.append(row)
    return rows


def _content_version(advisor: Advisor) -> str:
    meta = advisor.store.meta
    if meta is None:
        return "onbekend"
    return f"{meta.version} ({meta.date.strftime('%d-%m-%Y')})"


def _when(when: _dt.date | _dt.datetime | None) -> str:
    when = when or _dt.date.today()
    return when.strftime("%d-%m-%Y")


def record_html(
    advisor: Advisor,
    answered: Sequence[tuple[Question, Any, str]],
    outcome: Outcome,
    note: str = "",
    when: _dt.date | None = None,
    *,
    complete: bool = True,
    details: Mapping[str, str] | None = None,
    appendix: bool = False,
) -> str:
    """The record as HTML for print and PDF (no links: on paper they lead nowhere): one to two
    pages for an ordinary case, each step in one row with its contact and numbered sources;
    `appendix`: the full explanations after it."""
    details = _details(details)
    out = [f"<h1>{esc(RECORD_TITLE)}</h1>"]
    out.append(
        '<table class="velden">'
        f'<tr><td class="k">Datum</td><td>{esc(_when(when))}</td></tr>'
        + "".join(
            f'<tr><td class="k">{esc(RECORD_DETAILS[k])}</td><td>{esc(details[k])}</td></tr>'
            for k in _HEAD_DETAILS if k in details
        )
        + f'<tr><td class="k">Regio</td><td>{esc(outcome.region or "onbekend")}</td></tr>'
        f'<tr><td class="k">Gemeente</td><td>{esc(outcome.municipality or "onbekend")}</td></tr>'
        f'<tr><td class="k">Contentversie</td><td>{esc(_content_version(advisor))}</td></tr>'
        "</table>"
    )
    if not complete:
        out.append('<p class="waarschuwing">&nbsp;Niet alle vragen zijn beantwoord.&nbsp;</p>')
    out.append(_details_html(details, ["signalen"]))
    afwegingen = _afwegingen(advisor, answered, outcome)
    # The five afwegingen have their own table below (with their consequence): not twice.
    in_kader = {a["question"] for a in afwegingen}
    others = [(q, label) for q, _value, label in answered if q.text not in in_kader]
    out.append("<h2>Vragen en antwoorden</h2>")
    if others:
        rows = "".join(
            f"<tr><td>{n}.</td><td>{esc(q.text)}</td><td><b>{esc(label)}</b></td></tr>"
            for n, (q, label) in enumerate(others, start=1)
        )
        out.append(
            '<table class="lijst" width="100%"><tr><th width="6%"></th><th width="66%">Vraag</th>'
            f'<th width="28%">Antwoord</th></tr>{rows}</table>'
        )
    elif not answered:
        out.append("<p>Nog geen vragen beantwoord.</p>")
    if afwegingen:
        out.append("<h2>Afwegingskader</h2>")
        rows = "".join(
            f"<tr><td>{esc(a['number'])}</td><td>{esc(a['question'])}</td><td><b>{esc(a['answer'])}</b></td>"
            f"<td>{esc(plain(a.get('consequence') or '')) or '—'}</td></tr>"
            for a in afwegingen
        )
        out.append(
            '<table class="lijst" width="100%"><tr><th width="5%">Nr.</th><th width="45%">Afweging</th>'
            f'<th width="15%">Antwoord</th><th width="35%">Gevolg</th></tr>{rows}</table>'
        )
    out.append("<h2>Mogelijke vervolgstappen</h2>")
    refs: list[str] = []  # the sources, numbered in the order the steps cite them
    if not outcome.recommendations:
        out.append("<p>Er is geen vervolgstap uit de antwoorden af te leiden.</p>")
    else:
        rows = "".join(_step_row_html(advisor, n, rec, refs) for n, rec in enumerate(outcome.recommendations, start=1))
        out.append(
            '<table class="lijst" width="100%"><tr><th width="6%"></th><th width="54%">Stap en waarom</th>'
            f'<th width="40%">Contact</th></tr>{rows}</table>'
        )
    if outcome.conditional:
        out.append(
            f"<h2>{esc(CONDITIONAL_HEADING)}</h2><ul>"
            + "".join(f"<li><b>{esc(r.title)}</b> — {esc(depends_text(advisor, r))}</li>" for r in outcome.conditional)
            + "</ul>"
        )
    out.append(_tail_html(advisor, outcome, unknown=False))
    out.append(_details_html(details, ["overleg", "besluit"]))
    if refs:
        out.append(
            '<p class="bronnen">Bronnen: '
            + " ".join(f"[{n}] {esc(ref)}" for n, ref in enumerate(refs, start=1))
            + (" Toelichting per stap: zie de bijlage." if appendix else "")
            + "</p>"
        )
    if note.strip():
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in note.strip().split("\n") if p.strip())
        out.append(f"<h2>Notitie</h2>{paragraphs}")
    out.append(f'<hr><p class="twijfel">{esc(doubt_line(advisor.store))}</p>')
    out.append(
        '<p class="bronnen">Opgesteld met Routekaart, een offline handboek en beslishulp. '
        "De vervolgstappen zijn mogelijkheden; de professional weegt en beslist.</p>"
    )
    if appendix and (outcome.recommendations or outcome.conditional):
        # The full explanations, 'lees meer' and sources: for whoever wants them, after the record.
        out.append('<h1 style="page-break-before: always">Bijlage: toelichting bij de vervolgstappen</h1>')
        for number, rec in enumerate(outcome.recommendations, start=1):
            out.append(_step_html(advisor, number, rec, links=False))
        out.append(_conditional_html(advisor, outcome, links=False))
    return _document(RECORD_TITLE, "".join(out), _RECORD_STYLE)


def _step_row_html(advisor: Advisor, number: int, rec: Advice, refs: list[str]) -> str:
    """One step of the record in one table row: the title, the first reason, the contact, and
    its sources as numbers into the list at the end (the full text lives in the appendix)."""
    cited = []
    for ref in _sources(advisor, rec.sources):
        if ref not in refs:
            refs.append(ref)
        cited.append(f"[{refs.index(ref) + 1}]")
    why = f"<br>{inline(rec.why[0])}" if rec.why else ""
    more = f" (+{len(rec.why) - 1})" if len(rec.why) > 1 else ""
    return (
        f'<tr><td>{number}.</td><td><b>{esc(rec.title)}</b>{why}{more} '
        f'<span class="bronnen">{" ".join(cited)}</span></td>'
        f"<td>{contact_html(rec.contact, note=False) if rec.contact else '—'}</td></tr>"
    )


def steps_text(advisor: Advisor, outcome: Outcome) -> list[str]:
    """The outcome as plain text: the steps (text, why, contact, sources), the conditional steps,
    the notes and the questions still open. The one wording of `routekaart advise --format text`
    and the record (`record_text`)."""
    lines: list[str] = []
    lines += ["", "Mogelijke vervolgstappen (u beslist):"]
    if not outcome.recommendations:
        lines.append("Er is geen vervolgstap uit de antwoorden af te leiden.")
    for n, rec in enumerate(outcome.recommendations, start=1):
        lines.append(f"{n}. {rec.title}")
        lines.append(f"   {plain(rec.text)}")
        for why in rec.why:
            lines.append(f"   - waarom: {plain(why)}")
        if rec.contact:
            lines.append(f"   - contact: {contact_text(rec.contact)}")
        if rec.sources:
            lines.append("   - bron: " + "; ".join(_sources(advisor, rec.sources)))
    lines += _conditional_text(advisor, outcome)
    if outcome.notes:
        lines += ["", "Let op:"] + [f"- {plain(n)}" for n in outcome.notes]
    questions = missing_questions(advisor, outcome.missing)
    if questions:
        lines += ["", "Nog onbekend (kan de uitkomst veranderen):"] + [f"- {q}" for q in questions]
    return lines


def outcome_text(advisor: Advisor, outcome: Outcome) -> str:
    """The outcome as plain Dutch text (`routekaart advise --format text`): place, `steps_text`
    and the doubt line, worded as in the record."""
    lines = [f"Regio: {outcome.region or 'onbekend'} · Gemeente: {outcome.municipality or 'onbekend'}"]
    lines += steps_text(advisor, outcome)
    lines += ["", doubt_line(advisor.store)]
    return "\n".join(lines)


def record_text(
    advisor: Advisor,
    answered: Sequence[tuple[Question, Any, str]],
    outcome: Outcome,
    note: str = "",
    when: _dt.date | None = None,
    *,
    complete: bool = True,
    details: Mapping[str, str] | None = None,
) -> str:
    """The same record as plain text (clipboard)."""
    details = _details(details)
    lines = [
        RECORD_TITLE,
        "",
        f"Datum: {_when(when)}",
        *(f"{RECORD_DETAILS[k]}: {details[k]}" for k in _HEAD_DETAILS if k in details),
        f"Regio: {outcome.region or 'onbekend'}",
        f"Gemeente: {outcome.municipality or 'onbekend'}",
        f"Contentversie: {_content_version(advisor)}",
    ]
    if not complete:
        lines.append("Let op: niet alle vragen zijn beantwoord.")
    lines += _details_text(details, ["signalen"])
    lines += ["", "Vragen en antwoorden:"]
    if answered:
        for n, (q, _value, label) in enumerate(answered, start=1):
            lines.append(f"{n}. {q.text}")
            lines.append(f"   Antwoord: {label}")
    else:
        lines.append("Nog geen vragen beantwoord.")
    afwegingen = _afwegingen(advisor, answered, outcome)
    if afwegingen:
        lines += ["", "Afwegingskader:"]
        for a in afwegingen:
            lines.append(f"{a['number']}. {a['question']}")
            consequence = plain(a.get("consequence") or "")
            lines.append(f"   Antwoord: {a['answer']}" + (f" — {consequence}" if consequence else ""))
    lines += steps_text(advisor, outcome)
    lines += _details_text(details, ["overleg", "besluit"])
    if note.strip():
        lines += ["", "Notitie:", note.strip()]
    lines += ["", doubt_line(advisor.store)]
    return "\n".join(lines) + "\n"


__all__ = [
    "CONDITIONAL_HEADING",
    "YOU_DECIDE",
    "doubt_line",
    "depends_text",
    "RECORD_DETAILS",
    "contact_html",
    "contact_text",
    "missing_questions",
    "outcome_body",
    "outcome_html",
    "outcome_summary_html",
    "outcome_text",
    "steps_text",
    "plain",
    "record_html",
    "record_text",
]
