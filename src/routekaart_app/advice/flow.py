"""The wizard's decision flow as content: the schema of a flow file and the compiled flow. No Qt.

`content/wizard/*.yaml` declares the questions (with their branching), named conditions, the
recommendations and the rules that recommend them. The pydantic models here are that file's
schema; `Flow` and the `Compiled*` classes are the flow the engine runs, its conditions compiled
into plain functions.

Elsewhere: the condition language in `advice.conditions`; loading a flow file, its structure
checks (ids, cycles, reachability) and the path check (every way through ends in advice) in
`advice.flow_checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from ..content.models import ID_PATTERN, ItemId, NonEmpty, Region, Sources, Strict
from .conditions import Compiled
from .facts import FACTS

FOLDER = "wizard"
END = "end"
#: Recommendation ids other code and the practice cases rely on; the flow must define them.
REQUIRED_RECOMMENDATIONS = (
    "call_112", "consult_colleague", "advice_veilig_thuis", "report_veilig_thuis", "close_and_record",
    "organise_help", "follow_up_agreements", "local_team", "mda_plus_plus", "icm", "stalking_approach",
    "perpetrator_help", "csg",
)
CONTACTS = ("alarmnummer", "veilig_thuis", "zorg_en_veiligheidshuis", "local_team", "csg", "politie")

Condition = Callable[[dict[str, Any]], bool]


class Branch(Strict):
    when: dict[str, Any] | None = Field(default=None, alias="if")
    goto: Annotated[str, Field(pattern=ID_PATTERN)]


class Question(Strict):
    id: ItemId
    fact: NonEmpty
    text: NonEmpty
    help: str = ""
    #: Number of the afwegingskader question this question asks (1-5), for the record.
    afweging: Annotated[int, Field(ge=1, le=5)] | None = None
    allow_unknown: bool = True
    #: Labels for the answers: true, false, unknown, null (help_effective: not yet known), and
    #: for a choice (sector) one per value.
    labels: dict[str, NonEmpty] = {}
    sources: Sources
    #: Words the cited sections use for this question's subject (for the citation check).
    cites: list[NonEmpty] = []
    see: list[ItemId] = []
    next: Annotated[list[Branch], Field(min_length=1)]

    @property
    def kind(self) -> str:
        return FACTS.get(self.fact, "")


class Recommendation(Strict):
    id: ItemId
    title: NonEmpty
    text: NonEmpty
    #: Position in the outcome (lower = more urgent).
    order: int
    #: Whom the step names (a role of the store's "who to call"); `aandachtsfunctionaris` is the
    #: user's own organisation's, known only from a local addition once chosen in the settings.
    contact: Literal[
        "alarmnummer", "veilig_thuis", "zorg_en_veiligheidshuis", "local_team", "csg", "politie", "aandachtsfunctionaris"
    ] | None = None
    contact_note: str = ""
    #: Regions where the step exists as described; empty = both regions / national.
    regions: list[Region] = []
    #: Per region without it: how that region organises it, or that the sources do not say.
    region_notes: dict[Region, NonEmpty] = {}
    #: Per region where the step exists: how that region arranges it (added to `text`).
    region_text: dict[Region, NonEmpty] = {}
    #: Steps that make this one unnecessary when they are certain (a report makes "vraag advies" moot).
    superseded_by: list[ItemId] = []
    sources: Sources
    cites: list[NonEmpty] = []
    see: list[ItemId] = []


class Rule(Strict):
    id: ItemId
    when: dict[str, Any]
    recommend: ItemId
    why: NonEmpty
    for_each: Literal["red_flags"] | None = None
    #: Facts this rule's step always depends on: it is shown as conditional on their answer
    #: (e.g. "bij direct gevaar: bel 112" while acute danger is unknown).
    conditional: list[NonEmpty] = []
    sources: Sources
    cites: list[NonEmpty] = []
    see: list[ItemId] = []


class Prefill(Strict):
    """An answer a published meldcode supports, offered (never forced) when a question comes up."""

    id: ItemId
    question: ItemId
    value: bool
    when: dict[str, Any]
    why: NonEmpty
    sources: Sources


class Note(Strict):
    """A plain remark for the outcome and the record (e.g. two answers that pull apart)."""

    id: ItemId
    when: dict[str, Any]
    text: NonEmpty
    sources: Sources


class FlowFile(Strict):
    start: ItemId
    conditions: dict[str, dict[str, Any]] = {}
    questions: Annotated[list[Question], Field(min_length=1)]
    recommendations: Annotated[list[Recommendation], Field(min_length=1)]
    rules: Annotated[list[Rule], Field(min_length=1)]
    prefill: list[Prefill] = []
    notes: list[Note] = []

    @field_validator("conditions")
    @classmethod
    def _names(cls, value: dict[str, Any]) -> dict[str, Any]:
        import re

        bad = [k for k in value if not re.match(ID_PATTERN, k)]
        if bad:
            raise ValueError(f"ongeldige naam van een voorwaarde: {', '.join(bad)}")
        return value


# ---------------------------------------------------------------------------------------------
# The compiled flow


@dataclass
class CompiledRule:
    rule: Rule
    cond: Compiled

    @property
    def test(self) -> Condition:
        return self.cond.test


@dataclass
class CompiledPrefill:
    prefill: Prefill
    cond: Compiled


@dataclass
class CompiledNote:
    note: Note
    cond: Compiled


@dataclass
class CompiledQuestion:
    question: Question
    branches: list[tuple[Condition | None, str]]

    def next_id(self, facts: dict[str, Any]) -> str | None:
        for test, target in self.branches:
            if test is None or test(facts):
                return target
        return None


@dataclass
class Flow:
    """A validated, compiled decision flow."""

    path: str
    start: str
    questions: dict[str, CompiledQuestion]
    recommendations: dict[str, Recommendation]
    rules: list[CompiledRule]
    #: Facts that decide which question comes next.
    branching_facts: set[str]
    prefill: list[CompiledPrefill] = field(default_factory=list)
    notes: list[CompiledNote] = field(default_factory=list)
    #: Values worth trying for an open fact (from what the conditions test).
    flags_named: tuple[str, ...] = ()
    counts_named: tuple[int, ...] = ()

    def question(self, qid: str) -> Question:
        return self.questions[qid].question
