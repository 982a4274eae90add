"""One wizard session in memory: the answers given, the path they make, the outcome. No Qt here.

The GUI wizard keeps one `Session`. Nothing in it is ever written anywhere by the app; only what
the user exports (print, PDF, clipboard) leaves memory.

Answers live per question id. When an earlier answer changes the way through the questions, the
answers that are no longer on the path stay in `answers` (switching back restores them) but are
left out of the facts: only the answers on the current path count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .engine import UNKNOWN, Advisor, Outcome
from .flow import Question

#: "No answer (yet)": what an answer widget holds before the user answers, and the default for
#: an answer not pending in `Session.after`. Not the same as UNKNOWN ("weet ik niet").
NO_ANSWER = object()


@dataclass
class Walk:
    """Where a session stands: the questions answered on the path, and what comes next."""

    path: list[Question]
    next: Question | None
    #: Only the answers on the path (question id -> value or UNKNOWN).
    answers: dict[str, Any]

    @property
    def done(self) -> bool:
        return self.next is None


@dataclass
class Session:
    advisor: Advisor
    answers: dict[str, Any] = field(default_factory=dict)

    # -- the way through -------------------------------------------------------------------
    def walk(self) -> Walk:
        """Follow the flow one question at a time, taking only answers that are on the way.

        Every step asks `Advisor.walk` for the next question given the answers on the path so
        far, so an answer off the path can never steer the path.
        """
        on_path: dict[str, Any] = {}
        order: list[Question] = []
        limit = len(self.advisor.flow.questions) + 1
        for _ in range(limit):
            _, nxt = self.advisor.walk(on_path)
            if nxt is None or nxt.id not in self.answers:
                return Walk(order, nxt, on_path)
            on_path[nxt.id] = self.answers[nxt.id]
            order.append(nxt)
        return Walk(order, None, on_path)  # pragma: no cover - the flow checks forbid cycles

    def estimate_total(self, walk: Walk | None = None) -> int:
        """About how many questions this session will have: the path so far plus the rest
        when every remaining question were answered 'weet ik niet'."""
        walk = walk or self.walk()
        if walk.next is None:
            return len(walk.path)
        guess = dict(walk.answers)
        count = len(walk.path)
        for _ in range(len(self.advisor.flow.questions) + 1):
            _, nxt = self.advisor.walk(guess)
            if nxt is None:
                break
            guess[nxt.id] = UNKNOWN
            count += 1
        return count

    # -- the question path: one model for the wizard and the trainer ------------------------
    def sequence(self, walk: Walk | None = None) -> list[str]:
        """The question ids in order: those answered on the path, then the next one."""
        walk = walk or self.walk()
        return [q.id for q in walk.path] + ([walk.next.id] if walk.next is not None else [])

    def after(self, question_id: str, pending: Any = NO_ANSWER) -> str | None:
        """The question after `question_id` (None: the outcome comes next). `pending` is an answer
        to `question_id` not taken yet (the widget's): the way it would lead."""
        session = self
        if pending is not NO_ANSWER and self.answers.get(question_id, NO_ANSWER) is not pending:
            session = Session(self.advisor, {**self.answers, question_id: pending})
        walk = session.walk()
        seq = session.sequence(walk)
        if question_id in seq:
            index = seq.index(question_id)
            return seq[index + 1] if index + 1 < len(seq) else None
        return walk.next.id if walk.next is not None else None

    def before(self, question_id: str | None) -> str | None:
        """The question before `question_id` on the path (None: it is the first one). From the
        outcome (`question_id` None): the last question answered."""
        walk = self.walk()
        if question_id is None:
            return walk.path[-1].id if walk.path else None
        seq = self.sequence(walk)
        index = seq.index(question_id) if question_id in seq else len(seq)
        return seq[index - 1] if index > 0 else None

    def position(self, question_id: str | None, walk: Walk | None = None) -> tuple[int, int]:
        """(number of `question_id` on the path, about how many questions in all); for the
        outcome (None) the number of questions answered."""
        walk = walk or self.walk()
        seq = self.sequence(walk)
        if question_id is None:
            number = len(walk.path)
        else:
            number = seq.index(question_id) + 1 if question_id in seq else len(walk.path) + 1
        return number, max(self.estimate_total(walk), number, 1)

    def question_for(self, fact: str) -> Question | None:
        """The question that asks `fact` (the first, if the flow asks it more than once)."""
        return self.advisor.question_for(fact)

    def prefill(self, facts: Mapping[str, Any]) -> list[str]:
        """Answer the questions that ask these facts (by fact name, whatever the question's id);
        returns the facts no question asks (they are left out)."""
        left = []
        for fact, value in facts.items():
            question = self.question_for(fact)
            if question is None:
                left.append(fact)
            else:
                self.answer(question.id, value)
        return left

    # -- answers ---------------------------------------------------------------------------
    def answer(self, question_id: str, value: Any) -> None:
        if question_id not in self.advisor.flow.questions:
            raise KeyError(question_id)
        self.answers[question_id] = value

    def forget(self, question_id: str) -> None:
        self.answers.pop(question_id, None)

    def clear(self) -> None:
        self.answers.clear()

    # -- outcome ---------------------------------------------------------------------------
    def facts(self, walk: Walk | None = None) -> dict[str, Any]:
        walk = walk or self.walk()
        return self.advisor.facts_from_answers(walk.answers)

    def given(self, walk: Walk | None = None) -> dict[str, Any]:
        """The facts answered on the path; "weet ik niet" (and "nog niet bekend") as None."""
        walk = walk or self.walk()
        out: dict[str, Any] = {}
        for qid, value in walk.answers.items():
            if qid in self.advisor.flow.questions:
                out[self.advisor.flow.question(qid).fact] = None if value is UNKNOWN else value
        return out

    def outcome(self, walk: Walk | None = None) -> Outcome:
        """The outcome for the answers on the path; the questions still to come are open."""
        walk = walk or self.walk()
        return self.advisor.advise(self.facts(walk), self.advisor.open_facts(self.given(walk)))

    def answered(self, walk: Walk | None = None) -> list[tuple[Question, Any, str]]:
        """(question, value, label) for every answer on the path, in order."""
        walk = walk or self.walk()
        return [(q, walk.answers[q.id], self.advisor.answer_label(q, walk.answers[q.id])) for q in walk.path]


__all__ = ["NO_ANSWER", "Session", "Walk"]
