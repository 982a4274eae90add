"""Trainer mode without Qt: the group's answers against a practice case's model answers, the
HTML of the presentation stages, and the handout (print/PDF) of a case.

The presentation window (`ui.trainer`) only shows what this module builds, so all of it can be
tested without a screen. The HTML of the presentation uses CSS classes only (the window sets the
large, high-contrast style); the handout is a complete document for paper (dark on white).

Values: a model answer in a case is in the advice vocabulary (null = unknown); a group answer is
what the wizard widgets give (a value, `UNKNOWN` = "weet ik niet", None = "nog niet bekend").
Both are compared as facts: "weet ik niet", "nog niet bekend" and null all mean *unknown*.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content.render import STYLE, esc, inline
from .engine import UNKNOWN, Advisor, Outcome
from .facts import KINDS, RED_FLAG_IDS, FactsError
from .flow import Question

#: Status of one comparison row. The badge text says it in words (never colour alone).
SAME = "gelijk"
DIFFERENT = "verschil"
MISSING = "niet beantwoord"
EXTRA = "niet in het model"

#: Steps: expected but not in the group's outcome, or in it but not expected.
STEP_MISSING = "mist bij de groep"
STEP_EXTRA = "niet verwacht"

BADGE_TEXT = {
    SAME: "✓ gelijk",
    DIFFERENT: "≠ verschil",
    MISSING: "– niet beantwoord",
    EXTRA: "+ niet in het model",
    STEP_MISSING: "– mist bij de groep",
    STEP_EXTRA: "+ niet verwacht",
}
_BADGE_CSS = {SAME: "gelijk", DIFFERENT: "verschil", MISSING: "ontbreekt", EXTRA: "extra",
              STEP_MISSING: "ontbreekt", STEP_EXTRA: "extra"}

_NOT_ASKED = object()


@dataclass
class Row:
    """One question in the comparison: the group's answer next to the model answer."""

    question: Question
    status: str
    group_label: str
    model_label: str
    explanation: str = ""
    #: For the red flags: what the group missed and what it added (titles).
    missed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return self.status != SAME


@dataclass
class StepRow:
    """One recommendation: in the group's outcome, in the case's expected steps, or both."""

    id: str
    title: str
    in_group: bool
    in_model: bool

    @property
    def status(self) -> str:
        if self.in_group and self.in_model:
            return SAME
        return STEP_MISSING if self.in_model else STEP_EXTRA


# ---------------------------------------------------------------------------------------------
# Values


def _fact_value(advisor: Advisor, question: Question, value: Any) -> Any:
    """An answer as a fact value: None for unknown (weet ik niet, nog niet bekend, null)."""
    if value is UNKNOWN or value is None:
        return None
    try:
        return advisor.parse({question.fact: value}).get(question.fact)
    except FactsError:
        return value


def model_values(advisor: Advisor, case: Any) -> dict[str, Any]:
    """Question id -> the model answer as a fact value (None = unknown), for the flow's questions."""
    out = {}
    for qid, model in case.model_answers.items():
        if qid in advisor.flow.questions:
            out[qid] = _fact_value(advisor, advisor.flow.question(qid), model.answer)
    return out


def model_answers_for_wizard(advisor: Advisor, case: Any) -> dict[str, Any]:
    """The model answers as the wizard keeps answers (unknown -> UNKNOWN or None)."""
    out = {}
    for qid, value in model_values(advisor, case).items():
        question = advisor.flow.question(qid)
        if value is None:
            out[qid] = None if KINDS[question.kind].nullable else UNKNOWN
        else:
            out[qid] = value
    return out


def model_path_ids(advisor: Advisor, case: Any) -> list[str]:
    """The questions the model answers lead through, in order (as the wizard would ask them)."""
    from .session import Session

    return [q.id for q in Session(advisor, model_answers_for_wizard(advisor, case)).walk().path]


def value_label(advisor: Advisor, question: Question, value: Any) -> str:
    """A fact value in plain Dutch; None = unknown ("Weet ik niet" or "Nog niet bekend")."""
    if value is None:
        if KINDS[question.kind].nullable:
            return advisor.answer_label(question, None)
        return advisor.answer_label(question, UNKNOWN)
    return advisor.answer_label(question, value)


def _flag_title(advisor: Advisor, flag: str) -> str:
    page = advisor.store.pages.get(flag)
    return page.title if page is not None else flag


def compare(advisor: Advisor, case: Any, answers: Mapping[str, Any]) -> list[Row]:
    """Every question the group answered or the model answers, in the order of the flow.

    `answers` are the group's answers on its path (`Walk.answers`): question id -> value.
    """
    model = model_values(advisor, case)
    model_path = set(model_path_ids(advisor, case))
    rows: list[Row] = []
    for qid, compiled in advisor.flow.questions.items():
        question = compiled.question
        in_group = qid in answers
        in_model = qid in model
        if not in_group and qid not in model_path:
            continue  # neither the group nor the model comes here
        group: Any = _fact_value(advisor, question, answers[qid]) if in_group else _NOT_ASKED
        group_label = advisor.answer_label(question, answers[qid]) if in_group else "niet beantwoord"
        if in_model:
            model_label = value_label(advisor, question, model[qid])
            explanation = case.model_answers[qid].explanation
        else:
            model_label = "komt in het model niet aan bod"
            explanation = "Door een ander antwoord eerder in de wizard stelt het model deze vraag niet."
        if not in_group:
            status = MISSING
        elif not in_model:
            status = EXTRA
        else:
            status = SAME if _same(group, model[qid]) else DIFFERENT
        row = Row(question, status, group_label, model_label, explanation)
        if KINDS[question.kind].is_set and in_group and in_model and status == DIFFERENT:
            mine = set(group or [])
            theirs = set(model[qid] or [])
            row.missed = [_flag_title(advisor, f) for f in RED_FLAG_IDS if f in theirs - mine]
            row.added = [_flag_title(advisor, f) for f in RED_FLAG_IDS if f in mine - theirs]
        rows.append(row)
    return rows


def _same(group: Any, model: Any) -> bool:
    if isinstance(group, list) and isinstance(model, list):
        return sorted(group) == sorted(model)
    if isinstance(group, bool) or isinstance(model, bool):
        return group is model
    return group == model


def compare_steps(advisor: Advisor, case: Any, outcome: Outcome) -> list[StepRow]:
    """The case's expected steps (in order), then the group's extra steps (in their order)."""
    recs = advisor.flow.recommendations
    group_ids = outcome.ids
    rows = [
        StepRow(rec_id, recs[rec_id].title if rec_id in recs else rec_id, rec_id in group_ids, True)
        for rec_id in case.expected
    ]
    for rec in outcome.recommendations:
        if rec.id not in case.expected:
            rows.append(StepRow(rec.id, rec.title, True, False))
    return rows


# ---------------------------------------------------------------------------------------------
# Presentation (body HTML with classes; the window supplies the style)


def place(advisor_or_store: Any, case: Any) -> str:
    """'Zoetermeer (regio Haaglanden)' for a case."""
    store = getattr(advisor_or_store, "store", advisor_or_store)
    mun = store.municipality_by_name(case.municipality)
    name = mun.name if mun is not None else case.municipality
    return f"{name} (regio {case.region})"


def badge(status: str) -> str:
    css = _BADGE_CSS[status]
    return f'<span class="badge {css}">&nbsp;{esc(BADGE_TEXT[status])}&nbsp;</span>'


def story_html(advisor_or_store: Any, case: Any, revealed: int) -> str:
    """The story so far: parts 1..revealed, the newest marked as new."""
    revealed = max(1, min(revealed, len(case.parts)))
    out = [f'<p class="plaats">Speelt in {esc(place(advisor_or_store, case))}</p>']
    for number, part in enumerate(case.parts[:revealed], start=1):
        css = "deel nieuw" if number == revealed else "deel"
        out.append(
            f'<table class="{css}" width="100%" cellpadding="14" cellspacing="0"><tr>'
            f'<td class="nr" width="60">{number}</td><td>{inline(part)}</td></tr></table>'
        )
    if revealed < len(case.parts):
        out.append(f'<p class="hint">Verder: deel {revealed + 1} van {len(case.parts)}</p>')
    else:
        out.append('<p class="hint">Dit was het hele verhaal. Verder: de wizard, samen met de groep.</p>')
    return "".join(out)


def comparison_html(rows: Sequence[Row]) -> str:
    """The group's answers next to the model answers; differences marked with a badge in words."""
    if not rows:
        return "<p>De groep heeft nog geen vragen beantwoord.</p>"
    differing = [str(n) for n, r in enumerate(rows, start=1) if r.differs]
    if differing:
        which = ", ".join(differing[:-1]) + " en " + differing[-1] if len(differing) > 1 else differing[0]
        lead = f"{len(differing)} van de {len(rows)} vragen verschillen van het model (vraag {which})."
    else:
        lead = f"Alle {len(rows)} antwoorden zijn gelijk aan het model."
    out = [f'<p class="lead">{esc(lead)}</p>']
    out.append(
        '<table class="vergelijk" width="100%" cellpadding="10" cellspacing="0" border="1">'
        '<tr><th width="34%">Vraag</th><th width="22%">Antwoord van de groep</th>'
        '<th width="44%">Modelantwoord en uitleg</th></tr>'
    )
    for number, row in enumerate(rows, start=1):
        css = ' class="anders"' if row.differs else ""
        extra = ""
        group_label, model_label = esc(row.group_label), esc(row.model_label)
        if KINDS[row.question.kind].is_set:  # one flag per line
            group_label, model_label = (t.replace("; ", "<br>") for t in (group_label, model_label))
        if row.missed:
            extra += f'<p class="detail">Gemist: {esc("; ".join(row.missed))}</p>'
        if row.added:
            extra += f'<p class="detail">Extra aangevinkt: {esc("; ".join(row.added))}</p>'
        out.append(
            f"<tr{css}><td>{number}. {esc(row.question.text)}</td>"
            f'<td><span class="antwoord">{group_label}</span><br>{badge(row.status)}</td>'
            f'<td><span class="antwoord">{model_label}</span>{extra}<p class="uitleg">{inline(row.explanation)}</p></td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def outcome_compare_html(advisor: Advisor, case: Any, outcome: Outcome) -> str:
    """The engine's outcome for the group's answers against the case's expected steps."""
    rows = compare_steps(advisor, case, outcome)
    differences = sum(1 for r in rows if r.status != SAME)
    if differences:
        lead = f"{differences} stap(pen) verschillen van wat de trainer verwacht."
    else:
        lead = "De uitkomst van de groep is gelijk aan de verwachte stappen."
    out = [f'<p class="lead">{esc(lead)}</p>']
    out.append(
        '<table class="vergelijk" width="100%" cellpadding="10" cellspacing="0" border="1">'
        '<tr><th width="46%">Vervolgstap</th><th width="18%">Uitkomst van de groep</th>'
        '<th width="18%">Verwacht (model)</th><th width="18%"></th></tr>'
    )
    no = '<span class="antwoord">nee</span>'
    for row in rows:
        css = ' class="anders"' if row.status != SAME else ""
        out.append(
            f"<tr{css}><td>{esc(row.title)}</td>"
            f"<td>{'ja' if row.in_group else no}</td>"
            f"<td>{'ja' if row.in_model else no}</td>"
            f"<td>{badge(row.status)}</td></tr>"
        )
    out.append("</table>")
    order_group = [r.id for r in outcome.recommendations if r.id in case.expected]
    order_model = [r for r in case.expected if r in outcome.ids]
    if order_group != order_model:
        out.append('<p class="detail">De volgorde van de stappen verschilt ook.</p>')
    out.append('<p class="hint">De app ondersteunt; de professional beslist.</p>')
    return "".join(out)


def discussion_html(case: Any) -> str:
    items = "".join(f"<li>{inline(q)}</li>" for q in case.discussion)
    return f'<ol class="bespreek">{items}</ol>'


# ---------------------------------------------------------------------------------------------
# The handout (print / PDF)

_HANDOUT_STYLE = """
.vak { color: #1f2a33; }
.lijn { color: #7a7f85; }
ol.vragen li { margin-bottom: 10px; }
ol.deel li { margin-bottom: 8px; }
.model { background-color: #eef5fa; }
.klein { color: #55646f; font-size: small; }
"""


def _options(advisor: Advisor, question: Question) -> str:
    """The answer options with empty boxes, for paper."""
    box = "☐"
    labels = question.labels
    kind = KINDS[question.kind]
    options: list[str] = []
    if kind.yes_no:
        options = [labels.get("true", "Ja"), labels.get("false", "Nee")]
        if kind.nullable:
            options.append(labels.get("null", "Nog niet bekend"))
    elif kind.is_choice:
        options = [advisor.answer_label(question, value) for value in kind.values]
        if question.allow_unknown:
            options.append(labels.get("unknown", "Weet ik niet"))
        return '<p class="vak">' + "<br>".join(f"{box} {esc(o)}" for o in options) + "</p>"
    elif kind.is_set:
        flags = [_flag_title(advisor, f) for f in RED_FLAG_IDS]
        cells = "".join(f"{box} {esc(t)}<br>" for t in flags)
        tail = f"{box} Geen van deze"
        if question.allow_unknown:
            tail += f"&nbsp;&nbsp;&nbsp; {box} {esc(labels.get('unknown', 'Weet ik niet'))}"
        return f'<p class="vak">{cells}{tail}</p>'
    elif kind.is_count or kind.is_place:
        if kind.is_count:
            text = 'Aantal keer: <span class="lijn">__________</span>'
        else:
            text = 'Gemeente: <span class="lijn">______________________________</span>'
        if question.allow_unknown:
            text += f"&nbsp;&nbsp;&nbsp; {box} {esc(labels.get('unknown', 'Weet ik niet'))}"
        return f'<p class="vak">{text}</p>'
    if question.allow_unknown:
        options.append(labels.get("unknown", "Weet ik niet"))
    return '<p class="vak">' + "&nbsp;&nbsp;&nbsp; ".join(f"{box} {esc(o)}" for o in options) + "</p>"


def _content_version(advisor: Advisor) -> str:
    meta = advisor.store.meta
    if meta is None:
        return "onbekend"
    return f"{meta.version} ({meta.date.strftime('%d-%m-%Y')})"


def handout_html(advisor: Advisor, case: Any, *, with_answers: bool, when: _dt.date | None = None) -> str:
    """A complete HTML document for paper: the story, the questions, the discussion questions,
    and, `with_answers`, the model answers with their explanation and the expected steps."""
    kind = "met modelantwoorden (voor de trainer)" if with_answers else "voor deelnemers"
    out = [f"<h1>Oefencasus: {esc(case.title)}</h1>"]
    out.append(f'<p class="lead">Hand-out {esc(kind)} · speelt in {esc(place(advisor, case))}</p>')
    out.append("<h2>Het verhaal</h2>")
    out.append('<ol class="deel">' + "".join(f"<li>{inline(part)}</li>" for part in case.parts) + "</ol>")

    questions = [cq.question for cq in advisor.flow.questions.values()]
    # Numbered as the screen numbers them: the questions the case leads through, in that order
    # (the same 1..n on the screen, the trainer's and the participants' hand-out).
    model = model_values(advisor, case)
    path = [advisor.flow.question(qid) for qid in model_path_ids(advisor, case)]
    path = [q for q in path if q.id in model]
    others = [q for q in questions if q.id not in {p.id for p in path}]
    if with_answers:
        out.append("<h2>De vragen van de wizard, met het modelantwoord</h2>")
        out.append('<ol class="vragen">')
        number = 0
        for question in path:
            number += 1
            answer = value_label(advisor, question, model[question.id])
            out.append(
                f"<li><b>{esc(question.text)}</b><br>"
                f'<span class="model">&nbsp;Modelantwoord: <b>{esc(answer)}</b>&nbsp;</span><br>'
                f"{inline(case.model_answers[question.id].explanation)}</li>"
            )
        out.append("</ol>")
        skipped = len(questions) - number
        if skipped:
            out.append(
                f'<p class="klein">De overige {skipped} vragen van de wizard komen in deze casus niet aan bod '
                "(een eerder antwoord leidt er niet naartoe).</p>"
            )
        recs = advisor.flow.recommendations
        out.append("<h2>Verwachte vervolgstappen</h2><ol>")
        for rec_id in case.expected:
            rec = recs.get(rec_id)
            if rec is None:
                out.append(f"<li>{esc(rec_id)}</li>")
            else:
                out.append(f"<li><b>{esc(rec.title)}</b><br>{inline(rec.text)}</li>")
        out.append("</ol>")
    else:
        out.append("<h2>Vragen voor de groep</h2>")
        out.append(
            "<p>Beantwoord de vragen van de wizard voor deze casus. Sommige vragen komen alleen aan bod "
            "als een eerder antwoord ertoe leidt: sla over wat niet van toepassing is.</p>"
        )
        out.append('<ol class="vragen">')
        for question in path:
            out.append(f"<li><b>{esc(question.text)}</b>{_options(advisor, question)}</li>")
        out.append("</ol>")
        if others:
            out.append(
                "<p>Komt de groep door een ander antwoord bij een van deze vragen, beantwoord die dan ook:</p>"
            )
            out.append("<ul>" + "".join(
                f"<li><b>{esc(q.text)}</b>{_options(advisor, q)}</li>" for q in others
            ) + "</ul>")
        out.append("<h2>Welke vervolgstappen zou u zetten, en in welke volgorde?</h2>")
        out.append('<p class="lijn">' + "<br><br>".join("_" * 70 for _ in range(4)) + "</p>")

    out.append("<h2>Bespreekvragen</h2><ol>")
    out.extend(f"<li>{inline(q)}</li>" for q in case.discussion)
    out.append("</ol>")

    if with_answers:
        items = [advisor.store.item(i) for i in getattr(case, "see", []) or []]
        titles = [item.title for item in items if item is not None]
        if titles:
            out.append(f"<h2>Lees verder in het handboek</h2><p>{esc('; '.join(titles))}</p>")
        sources = [advisor.store.source_label(s) for s in getattr(case, "sources", []) or []]
        if sources:
            out.append(f'<p class="bronnen"><b>Bronnen:</b> {esc("; ".join(sources))}</p>')

    when = when or _dt.date.today()
    out.append(
        f'<hr><p class="klein">Fictieve oefencasus uit Routekaart (contentversie {esc(_content_version(advisor))}), '
        f"afgedrukt op {when.strftime('%d-%m-%Y')}. De app ondersteunt; de professional beslist. "
        f"{esc(advisor.store.doubt_line)}</p>"
    )
    title = f"Hand-out {case.title}" + (" (met modelantwoorden)" if with_answers else "")
    return (
        f"<html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{STYLE}{_HANDOUT_STYLE}</style></head><body>{''.join(out)}</body></html>"
    )


def handout_file_name(case: Any, *, with_answers: bool) -> str:
    return f"hand-out-{case.id}{'-met-antwoorden' if with_answers else ''}.pdf"


__all__ = [
    "BADGE_TEXT",
    "DIFFERENT",
    "EXTRA",
    "MISSING",
    "Row",
    "SAME",
    "STEP_EXTRA",
    "STEP_MISSING",
    "StepRow",
    "compare",
    "compare_steps",
    "comparison_html",
    "discussion_html",
    "handout_file_name",
    "handout_html",
    "model_answers_for_wizard",
    "model_path_ids",
    "model_values",
    "outcome_compare_html",
    "place",
    "story_html",
    "value_label",
]
