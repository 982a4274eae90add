"""Practice cases (oefencasussen) for trainers: the model, the loader and the cross-checks. No Qt.

Each `content/oefencasussen/*.yaml` file is one case: a story told in parts, the facts in the
advice vocabulary (exactly what `routekaart advise` takes), a model answer per wizard question,
the recommendations a trainer expects (in order), discussion questions and sources.

The loader checks the shape of a file and that its facts use the vocabulary; after everything has
loaded, `check_cases` checks the case against the rest of the content: the municipality exists and
lies in the case's region, the facts parse with the advice vocabulary (`Advisor.parse`), the model
answers name existing wizard questions and agree with the facts, the expected recommendations exist
in the flow, the pair (the same situation in the other region) points back. A case that fails a
check is reported (file, line, field) and skipped.

The cases belong to the advice layer (they are checked against the engine and the flow); the
loader and the check are registered with the content loader from above (`advice.kinds`).

Whether the engine's recommendations equal `expected` is deliberately *not* checked here: that is
the job of the tests (`tests/test_cases.py`), so a change in the decision logic shows up as a
failing regression test instead of content that no longer loads.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, PrivateAttr, ValidationError

from ..content.loader import ContentStore, Problem, _line_of, validation_problems
from ..content.models import ItemId, NonEmpty, Region, Sources, Strict
from .facts import FACTS, FactsError, kind_of, municipality_resolver, parse_facts

FOLDER = "oefencasussen"


class ModelAnswer(Strict):
    """The answer a trainer expects to one wizard question, with a short explanation."""

    #: A value in the advice vocabulary for the question's fact; null = unknown / "weet ik niet".
    answer: Any
    explanation: NonEmpty


class Case(Strict):
    id: ItemId
    title: NonEmpty
    region: Region
    #: The municipality (name or id) where the case plays; must lie in `region`.
    municipality: NonEmpty
    #: One sentence for lists.
    summary: str = ""
    #: The story, revealed part by part (each a short paragraph).
    parts: Annotated[list[NonEmpty], Field(min_length=2)]
    #: The facts as `routekaart advise` takes them (keys from the advice vocabulary).
    facts: dict[str, Any]
    #: Wizard question id -> model answer.
    model_answers: Annotated[dict[ItemId, ModelAnswer], Field(min_length=1)]
    #: The recommendation ids a trainer expects, in the order the outcome lists them.
    expected: Annotated[list[ItemId], Field(min_length=1)]
    #: Steps the trainer expects as conditional ("hangt af van …"), in order; empty = none.
    expected_conditional: list[ItemId] = []
    discussion: Annotated[list[NonEmpty], Field(min_length=2, max_length=3)]
    sources: Sources
    reviewed: _dt.date
    #: The id of the same situation in the other region, when the case is one of a pair.
    pair: ItemId | None = None
    #: Handbook items worth reading with the case (ids).
    see: list[ItemId] = []

    _path: str = PrivateAttr(default="")
    _node: Any = PrivateAttr(default=None)

    @property
    def path(self) -> str:
        """The file the case came from (relative to the content folder)."""
        return self._path

    def line(self, *loc: Any) -> int | None:
        """The line in the file of the value at `loc` (e.g. ``line("facts", "suspicion")``)."""
        return _line_of(self._node, loc, 0)

    def as_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["file"] = self._path
        return data


def load_case_file(path: Path, rel: str, data: dict, node: Any, problems: list[Problem]) -> Case | None:
    """Validate one case file; problems name the file, the line and the field."""
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, rel, node))
        return None
    case._path = rel
    case._node = node
    found = _fact_problems(case, parse_facts)
    if found:
        problems.extend(found)
        return None
    return case


def _fact_problems(case: Case, parse) -> list[Problem]:
    """Each fact on its own through the vocabulary, so the problem names the key and its line."""
    found = []
    for key, value in case.facts.items():
        try:
            parse({key: value})
        except FactsError as exc:
            found.append(Problem(case.path, case.line("facts", key), f"facts.{key}", str(exc)))
    return found


def check_cases(store: ContentStore, cases: list[Case]) -> list[Problem]:
    """After all content loaded: every case against the regions, the vocabulary and the flow.

    Cases with problems are removed from `cases` (the list in `store.extras`) and marked skipped.
    """
    from .engine import Advisor

    flows = store.extras.get("wizard") or []
    flow = flows[0] if flows else None
    if flow is not None:
        parse = Advisor(store, flow).parse
    else:  # the flow itself is broken (and reported): check what can be checked without it
        lookup = municipality_resolver(store)

        def parse(raw: Any) -> dict[str, Any]:
            return parse_facts(raw, lookup)

    ids = store.ids() | store.broken_ids
    known_sources = set(store.meta.sources) if store.meta else None
    by_id: dict[str, Case] = {}
    problems: list[Problem] = []
    bad: set[int] = set()
    for case in cases:
        found = _check_case(store, case, parse, flow, ids, known_sources)
        if case.id in by_id:
            found.append(Problem(case.path, case.line("id"), "id", f"id '{case.id}' bestaat al in {by_id[case.id].path}"))
        elif case.id in ids:
            found.append(Problem(case.path, case.line("id"), "id", f"id '{case.id}' is al het id van een handboekitem"))
        else:
            by_id[case.id] = case
        if found:
            problems.extend(found)
            bad.add(id(case))
    for case in cases:
        if case.pair is None or id(case) in bad:
            continue
        other = by_id.get(case.pair)
        message = None
        if other is None or id(other) in bad:
            message = f"casus '{case.pair}' bestaat niet (of is overgeslagen)"
        elif other.pair != case.id:
            message = f"casus '{case.pair}' noemt deze casus niet als pair (pair: {other.pair or 'leeg'})"
        elif other.region == case.region:
            message = f"casus '{case.pair}' speelt in dezelfde regio ({case.region}); een pair toont het verschil tussen de regio's"
        if message:
            problems.append(Problem(case.path, case.line("pair"), "pair", message))
            bad.add(id(case))
    if bad:
        store.skipped.extend(c.path for c in cases if id(c) in bad and c.path not in store.skipped)
        cases[:] = [c for c in cases if id(c) not in bad]
    return problems


def _check_case(store: ContentStore, case: Case, parse, flow, ids: set[str], known_sources: set[str] | None) -> list[Problem]:
    found: list[Problem] = []

    def problem(loc: tuple, label: str, message: str) -> None:
        found.append(Problem(case.path, case.line(*loc), label, message))

    # Municipality and region.
    mun = store.municipality_by_name(case.municipality)
    if mun is None:
        problem(("municipality",), "municipality", f"onbekende gemeente '{case.municipality}' (niet in regios/)")
    elif mun.region != case.region:
        problem(("municipality",), "municipality", f"{mun.name} ligt in {mun.region}, niet in {case.region} (region)")

    # The facts, through the advice vocabulary (with the municipalities of this content).
    fact_problems = _fact_problems(case, parse)
    found.extend(fact_problems)
    facts: dict[str, Any] = {}
    if not fact_problems:
        facts = parse(case.facts)
        if "municipality" not in facts:
            problem(
                ("facts",), "facts.municipality", "ontbreekt: de gemeente van de casus hoort bij de feiten (de regio bepaalt de uitkomst)"
            )
        elif mun is not None and facts["municipality"] != mun.id:
            given_name = case.facts["municipality"]
            problem(("facts", "municipality"), "facts.municipality", f"'{given_name}' is niet de gemeente van de casus ({mun.name})")

    # The model answers: existing questions, answers in the vocabulary, agreeing with the facts.
    if flow is not None:
        answered_facts: set[str] = set()
        for qid, model in case.model_answers.items():
            if qid not in flow.questions:
                known = ", ".join(flow.questions)
                problem(("model_answers", qid), f"model_answers.{qid}", f"onbekende wizardvraag '{qid}' (vragen: {known})")
                continue
            fact = flow.question(qid).fact
            answered_facts.add(fact)
            try:
                answer = parse({fact: model.answer}).get(fact)
            except FactsError as exc:
                problem(("model_answers", qid, "answer"), f"model_answers.{qid}.answer", str(exc))
                continue
            if fact_problems:
                continue
            given = facts.get(fact)
            if answer != given:
                problem(
                    ("model_answers", qid, "answer"),
                    f"model_answers.{qid}.answer",
                    f"antwoord {_show(answer, fact, store)} wijkt af van facts.{fact} ({_show(given, fact, store)})",
                )
        if not fact_problems:
            asked = {cq.question.fact: qid for qid, cq in flow.questions.items()}
            for key in facts:
                if key in asked and key not in answered_facts:
                    message = f"modelantwoord ontbreekt bij vraag '{asked[key]}' (facts.{key} is ingevuld)"
                    problem(("model_answers",), "model_answers", message)
        for field_name in ("expected", "expected_conditional"):
            listed = getattr(case, field_name)
            for index, rec_id in enumerate(listed):
                if rec_id not in flow.recommendations:
                    known = ", ".join(flow.recommendations)
                    problem((field_name, index), f"{field_name}.{index}", f"onbekende aanbeveling '{rec_id}' (aanbevelingen: {known})")
            doubles = sorted(r for r, n in Counter(listed).items() if n > 1)  # linear, whatever the length
            if doubles:
                problem((field_name,), field_name, f"komt meer dan eens voor: {', '.join(doubles)}")
        both = sorted(set(case.expected) & set(case.expected_conditional))
        if both:
            problem(("expected_conditional",), "expected_conditional", f"staat ook in expected: {', '.join(both)}")

    # Sources, links, date: the same rules as all content.
    for index, ref in enumerate(case.sources):
        key = ref.split(" ", 1)[0]
        if known_sources is not None and key not in known_sources:
            problem(("sources", index), "sources", f"bron '{key}' staat niet in content.yaml > sources")
    for index, target in enumerate(case.see):
        if target not in ids:
            problem(("see", index), "see", f"onbekend id '{target}'")
    if case.reviewed > _dt.date.today():
        problem(("reviewed",), "reviewed", f"datum ligt in de toekomst: {case.reviewed}")
    return found


def _show(value: Any, fact: str, store: ContentStore) -> str:
    if value is None:
        return "onbekend"
    if isinstance(value, bool):
        return "true" if value else "false"
    if fact in FACTS and kind_of(fact).is_place:
        mun = store.municipalities.get(value)
        return mun.name if mun else str(value)
    return str(value)
