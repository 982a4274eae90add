"""One wizard session in memory: the answers given, the path they make, the outcome. No Qt here.

The GUI wizard keeps one `Session`. Nothing in it is ever written anywhere by the app; only what
the user exports (print, PDF, clipboard) leaves memory.

Answers live per question id. When an earlier answer changes the way through the questions, the
answers that are no longer on the path stay in `answers` (switching back restores them) but are
left out of the facts: only the answers on the current path count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .engine import UNKNOWN, Advisor, Outcome
from .flow import Question


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


__all__ = ["Session", "Walk"]
