"""The presenter view of trainer mode: what only the trainer sees on the laptop while the group
sees the case on the projector. No Qt: the windows show what these functions return.

The audience sees the story so far, the question and, once the trainer moves on to the
comparison, the group's answers next to the model answers (today's trainer window). The trainer
sees the same (the window mirrors it) plus the notes below: the model answer to the question on
screen with its explanation, the discussion questions to prepare, and what comes next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.render import esc, inline
from .training import _fact_value, value_label

#: The stages of a case, in order (as trainer mode runs them).
STAGES = ("story", "wizard", "compare", "outcome", "discussion")
STAGE_TITLES = {
    "story": "Het verhaal",
    "wizard": "De wizard, samen met de groep",
    "compare": "Antwoorden van de groep en het model",
    "outcome": "Uitkomst van de groep en de verwachte stappen",
    "discussion": "Bespreekvragen",
}


@dataclass(frozen=True)
class Moment:
    """Where the presentation is: the stage, the story parts shown, the question on screen."""

    stage: str
    revealed: int = 0
    question: str | None = None


def what_comes_next(case: Any, moment: Moment) -> str:
    """One line: what the next press of Page Down shows."""
    if moment.stage == "chooser":
        return "Het verhaal, deel 1"
    if moment.stage == "story" and moment.revealed < len(case.parts):
        return f"Deel {moment.revealed + 1} van het verhaal"
    if moment.stage == "wizard":
        return "De volgende vraag (of, na de laatste, de vergelijking met het model)"
    index = STAGES.index(moment.stage) if moment.stage in STAGES else -1
    if 0 <= index < len(STAGES) - 1:
        return STAGE_TITLES[STAGES[index + 1]]
    return "Einde van de casus: Ctrl+R voor de volgende groep, of een andere casus"


def model_answer_html(advisor: Any, case: Any, question_id: str | None) -> str:
    """The model answer to the question on screen and why (empty when the case has none)."""
    if question_id is None or question_id not in case.model_answers:
        return ""
    question = advisor.flow.question(question_id)
    model = case.model_answers[question_id]
    label = value_label(advisor, question, _fact_value(advisor, question, model.answer))
    return (f"<p class='kop'>Modelantwoord</p><p><b>{esc(label)}</b></p>"
            f"<p>{inline(model.explanation)}</p>")


def presenter_notes_html(advisor: Any, case: Any, moment: Moment) -> str:
    """What only the trainer sees: the model answer now, the discussion questions, what is next."""
    parts = [f"<p class='kop'>Nu: {esc(STAGE_TITLES.get(moment.stage, 'Kies een casus'))}</p>"]
    if moment.stage == "wizard":
        parts.append(model_answer_html(advisor, case, moment.question))
    if moment.stage == "story":
        parts.append(f"<p>Getoond: deel {moment.revealed} van {len(case.parts)}.</p>")
    parts.append("<p class='kop'>Bespreekvragen (voorbereiden)</p><ol>"
                 + "".join(f"<li>{inline(q)}</li>" for q in case.discussion) + "</ol>")
    parts.append(f"<p class='kop'>Hierna</p><p>{esc(what_comes_next(case, moment))}</p>")
    return "".join(p for p in parts if p)
