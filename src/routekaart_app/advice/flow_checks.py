"""Loading and checking a flow file (`content/wizard/*.yaml`). No Qt here.

`load_flow_file` validates one file against the schema in `advice.flow`, compiles its conditions
(`advice.conditions`) and checks its structure: unique ids, known facts and recommendations,
every branch target exists, no cycles, every question reachable (`graph_problems`).
`check_flows` runs after all content has loaded: one flow, links to handbook items, registered
sources, and the path check (`path_problems`): every way through the questions ends, and ends in
at least one recommendation. Problems name the file, the line and the rule id.

Both are registered with the content loader from above (`advice.kinds`): the content layer does
not import the advice layer.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..content.loader import ContentStore, Problem, _line_of, validation_problems
from .conditions import Compiler, ConditionError, remembered
from .facts import FACTS, KINDS
from .flow import (
    END,
    FOLDER,
    REQUIRED_RECOMMENDATIONS,
    CompiledNote,
    CompiledPrefill,
    CompiledQuestion,
    CompiledRule,
    Condition,
    Flow,
    FlowFile,
    Recommendation,
)


def load_flow_file(path: Path, rel: str, data: dict, node: Any, problems: list[Problem]) -> Flow | None:
    """Validate and compile one flow file; problems name the file, the line and the rule id."""
    try:
        parsed = FlowFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, rel, node))
        return None
    before = len(problems)

    def problem(loc: tuple, label: str, message: str) -> None:
        problems.append(Problem(rel, _line_of(node, loc, 0), label, message))

    compiler = Compiler(parsed.conditions)
    for name in parsed.conditions:
        try:
            compiler.ref(name)
        except ConditionError as exc:
            problem(("conditions", name), f"conditions.{name}", str(exc))

    questions: dict[str, CompiledQuestion] = {}
    for index, q in enumerate(parsed.questions):
        label = f"questions.{index} ({q.id})"
        if q.id in questions:
            problem(("questions", index, "id"), label, f"vraag-id '{q.id}' komt twee keer voor")
            continue
        if q.fact not in FACTS:
            problem(("questions", index, "fact"), label, f"onbekend feit '{q.fact}'")
        branches: list[tuple[Condition | None, str]] = []
        for b_index, branch in enumerate(q.next):
            test = None
            if branch.when is not None:
                try:
                    test = compiler.compile(branch.when).test
                except ConditionError as exc:
                    problem(("questions", index, "next", b_index), label, str(exc))
            branches.append((test, branch.goto))
        questions[q.id] = CompiledQuestion(q, branches)
    branching = set(compiler.used_facts)

    recommendations: dict[str, Recommendation] = {}
    for index, rec in enumerate(parsed.recommendations):
        if rec.id in recommendations:
            problem(("recommendations", index, "id"), f"recommendations.{index} ({rec.id})", "id komt twee keer voor")
        recommendations[rec.id] = rec
    for missing in [r for r in REQUIRED_RECOMMENDATIONS if r not in recommendations]:
        problem(("recommendations",), "recommendations", f"aanbeveling '{missing}' ontbreekt (vast id)")

    rules: list[CompiledRule] = []
    seen_rules: set[str] = set()
    for index, rule in enumerate(parsed.rules):
        label = f"rules.{index} ({rule.id})"
        if rule.id in seen_rules:
            problem(("rules", index, "id"), label, f"regel-id '{rule.id}' komt twee keer voor")
        seen_rules.add(rule.id)
        if rule.recommend not in recommendations:
            problem(("rules", index, "recommend"), label, f"onbekende aanbeveling '{rule.recommend}'")
            continue
        for fact in rule.conditional:
            if fact not in FACTS:
                problem(("rules", index, "conditional"), label, f"onbekend feit '{fact}'")
        try:
            rules.append(CompiledRule(rule, compiler.compile(rule.when)))
        except ConditionError as exc:
            problem(("rules", index, "when"), label, str(exc))
    for index, rec in enumerate(parsed.recommendations):
        for other in rec.superseded_by:
            if other not in recommendations or other == rec.id:
                problem(
                    ("recommendations", index, "superseded_by"), f"recommendations.{index} ({rec.id})", f"onbekende aanbeveling '{other}'"
                )
    prefills: list[CompiledPrefill] = []
    for index, pre in enumerate(parsed.prefill):
        label = f"prefill.{index} ({pre.id})"
        if pre.question not in questions:
            problem(("prefill", index, "question"), label, f"onbekende vraag '{pre.question}'")
        elif not KINDS[questions[pre.question].question.kind].yes_no:
            problem(("prefill", index, "question"), label, "alleen ja/nee-vragen kunnen vooraf worden ingevuld")
        try:
            prefills.append(CompiledPrefill(pre, compiler.compile(pre.when)))
        except ConditionError as exc:
            problem(("prefill", index, "when"), label, str(exc))
    notes: list[CompiledNote] = []
    for index, note in enumerate(parsed.notes):
        try:
            notes.append(CompiledNote(note, compiler.compile(note.when)))
        except ConditionError as exc:
            problem(("notes", index, "when"), f"notes.{index} ({note.id})", str(exc))
    unused = [r for r in recommendations if not any(c.rule.recommend == r for c in rules)]
    for rec_id in unused:
        problem(("recommendations",), f"recommendations ({rec_id})", "geen enkele regel beveelt deze aanbeveling aan")

    if parsed.start not in questions:
        problem(("start",), "start", f"startvraag '{parsed.start}' bestaat niet")
    for qid, cq in questions.items():
        for _, target in cq.branches:
            if target != END and target not in questions:
                index = list(questions).index(qid)
                problem(("questions", index, "next"), f"questions.{index} ({qid})", f"vervolg '{target}' bestaat niet (vraag-id of 'end')")
    if len(problems) > before:
        return None

    flow = Flow(
        rel, parsed.start, questions, recommendations, rules, branching, prefills, notes,
        tuple(sorted(compiler.flags_named)), tuple(sorted(compiler.counts_named)),
    )
    for loc, label, message in graph_problems(flow):
        problem(loc, label, message)
    return flow if len(problems) == before else None


def graph_problems(flow: Flow) -> list[tuple[tuple, str, str]]:
    """Cycles and unreachable questions (structure only)."""
    found: list[tuple[tuple, str, str]] = []
    order = list(flow.questions)

    def where(qid: str) -> tuple[tuple, str]:
        index = order.index(qid)
        return ("questions", index, "id"), f"questions.{index} ({qid})"

    # Cycles: depth-first search over every edge, whatever its condition.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(qid: str) -> None:
        state[qid] = 1
        stack.append(qid)
        for _, target in flow.questions[qid].branches:
            if target == END:
                continue
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                loc, label = where(qid)
                found.append((loc, label, f"kring in de vragen: {' -> '.join(cycle)}"))
            elif target not in state:
                visit(target)
        stack.pop()
        state[qid] = 2

    for qid in order:
        if qid not in state:
            visit(qid)
    # Reachability from the start.
    reachable, todo = set(), [flow.start]
    while todo:
        qid = todo.pop()
        if qid in reachable or qid == END:
            continue
        reachable.add(qid)
        todo.extend(t for _, t in flow.questions[qid].branches)
    for qid in order:
        if qid not in reachable:
            loc, label = where(qid)
            found.append((loc, label, f"vraag '{qid}' is vanaf de start ('{flow.start}') niet bereikbaar"))
    return found


# ---------------------------------------------------------------------------------------------
# Path check: every way through the questions ends, and ends in at least one recommendation.

MAX_PATHS = 20000


def _domain(kind: str, municipalities: list[str]) -> list[Any]:
    """The answers a path check tries for a fact of this kind: all of a closed kind, a few that
    stand for the rest (`FactKind.samples`), every municipality; None = unknown."""
    info = KINDS[kind]
    if info.is_place:
        return [None, *municipalities]
    return [None, *(info.values or info.samples)]


def path_problems(flow: Flow, evaluate: Callable[[dict[str, Any]], list[str]], municipalities: list[str]) -> list[tuple[str, str]]:
    """Walk every path (branching on the facts that steer the flow) and check how it ends.

    At every end the non-steering facts on the path are tried all unknown, all no, all yes and
    with a few seeded random answers; each must give at least one recommendation. Returns
    (question id, message) pairs; a question is a dead end when no branch fits an answer.
    """
    found: dict[tuple[str, str], None] = {}
    rng = random.Random(20261123)
    paths = 0

    def finish(facts: dict[str, Any], free: list[str], last: str) -> None:
        trials: list[dict[str, Any]] = [{}]
        for pick in (1, 2):
            trials.append({k: _domain(FACTS[k], municipalities)[pick] for k in free if len(_domain(FACTS[k], municipalities)) > pick})
        for _ in range(3):
            trials.append({k: rng.choice(_domain(FACTS[k], municipalities)) for k in free})
        for extra in trials:
            full = {k: v for k, v in {**facts, **extra}.items() if v is not None}
            if not evaluate(full):
                shown = ", ".join(f"{k}={v}" for k, v in sorted(full.items())) or "alles onbekend"
                found[(last, f"pad eindigt zonder aanbeveling ({shown})")] = None
                return

    def walk(qid: str, facts: dict[str, Any], free: list[str], seen: tuple[str, ...]) -> None:
        nonlocal paths
        if paths > MAX_PATHS:
            return
        if qid == END:
            paths += 1
            finish(facts, free, seen[-1] if seen else flow.start)
            return
        if qid in seen or qid not in flow.questions:
            return  # cycles and dangling targets are reported by the structure checks
        cq = flow.questions[qid]
        fact = cq.question.fact
        if fact in flow.branching_facts and fact not in facts:
            values = _domain(FACTS[fact], municipalities)
            if not cq.question.allow_unknown:
                values = [v for v in values if v is not None] or values
            for value in values:
                step = dict(facts)
                if value is not None:
                    step[fact] = value
                _step(cq, step, free, seen + (qid,), value)
        else:
            _step(cq, facts, free + ([fact] if fact not in facts else []), seen + (qid,), None)

    def _step(cq: CompiledQuestion, facts: dict[str, Any], free: list[str], seen: tuple[str, ...], value: Any) -> None:
        target = cq.next_id(facts)
        if target is None:
            shown = "onbekend" if value is None else value
            found[(cq.question.id, f"doodlopend: geen vervolg bij antwoord {shown!r} op '{cq.question.id}'")] = None
            return
        walk(target, facts, free, seen)

    with remembered():  # each named condition once per combination of the facts it reads
        walk(flow.start, {}, [], ())
    return list(found)


def check_flows(store: ContentStore, flows: list[Flow]) -> list[Problem]:
    """After all content loaded: one flow, links to handbook items, paths end in advice."""
    problems: list[Problem] = []
    if not flows:
        if any(p.path.startswith(FOLDER + "/") for p in store.problems):
            return problems  # the flow file itself was broken and is already reported
        return [Problem(FOLDER, None, "", "geen beslisboom gevonden (wizard/*.yaml)")]
    if len(flows) > 1:
        problems.append(Problem(flows[1].path, None, "", f"er mag één beslisboom zijn; ook {flows[0].path}"))
    flow = flows[0]
    ids = store.ids() | store.broken_ids
    known_sources = set(store.meta.sources) if store.meta else None
    groups: list[tuple[str, list[Any]]] = [
        ("questions", [cq.question for cq in flow.questions.values()]),
        ("recommendations", list(flow.recommendations.values())),
        ("rules", [c.rule for c in flow.rules]),
        ("prefill", [c.prefill for c in flow.prefill]),
        ("notes", [c.note for c in flow.notes]),
    ]
    for group, entries in groups:
        for entry in entries:
            for target in getattr(entry, "see", ()):
                if target not in ids:
                    problems.append(Problem(flow.path, None, f"{group} ({entry.id}).see", f"onbekend id '{target}'"))
            for ref in entry.sources:
                if known_sources is not None and ref.split(" ", 1)[0] not in known_sources:
                    message = f"bron '{ref.split(' ', 1)[0]}' staat niet in content.yaml > sources"
                    problems.append(Problem(flow.path, None, f"{group} ({entry.id}).sources", message))
    from .engine import Advisor

    advisor = Advisor(store, flow)
    names = []
    for region in ("Haaglanden", "Hollands Midden"):
        mun = next((m for m in sorted(store.municipalities.values(), key=lambda m: m.id) if m.region == region), None)
        if mun is not None:
            names.append(mun.id)
    for qid, message in path_problems(flow, advisor.recommendation_ids, names):
        problems.append(Problem(flow.path, None, f"questions ({qid})", message))
    return problems

