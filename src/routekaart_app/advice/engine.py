"""The decision engine: answers in, next question or outcome out. No Qt here.

The GUI wizard, `routekaart advise`, the practice cases and the benchmarks all use `Advisor`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, cast

from ..content.loader import ContentStore
from ..content.models import Region
from ..content.store import NOT_FILLED, OWN_ROLE
from .conditions import Compiled
from .facts import FACT_KEYS, KINDS, RED_FLAG_IDS, kind_of, municipality_resolver, parse_facts
from .flow import END, CompiledRule, Flow, Question, Recommendation

if TYPE_CHECKING:
    from ..content.items import MunicipalityItem

#: Marker for an answer "weet ik niet" in the GUI's answer map (the engine sees it as absent).
UNKNOWN = object()


@dataclass
class Advice:
    """One recommended next step."""

    id: str
    title: str
    text: str
    why: list[str]
    sources: list[str]
    see: list[str]
    contact: dict[str, str] | None
    order: int

    #: Only for a conditional step: the facts (questions) whose answer decides it.
    depends_on: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        del out["depends_on"]
        return out

    def conditional_dict(self) -> dict[str, Any]:
        """A conditional step as `advise` prints it: id, title, depends_on, why (one text), and the rest."""
        return {
            "id": self.id,
            "title": self.title,
            "depends_on": list(self.depends_on),
            "why": " ".join(self.why),
            "text": self.text,
            "contact": self.contact,
            "sources": list(self.sources),
            "see": list(self.see),
            "order": self.order,
        }


@dataclass
class Outcome:
    region: str | None
    municipality: str | None
    #: Certain: these follow whatever the open questions turn out to be (ordered by urgency).
    recommendations: list[Advice]
    missing: list[str]
    notes: list[str] = field(default_factory=list)
    #: The afwegingskader as answered: number, question, answer, consequence.
    afwegingen: list[dict[str, Any]] = field(default_factory=list)
    #: Steps that follow for some answers to the open questions, not for all (see depends_on).
    conditional: list[Advice] = field(default_factory=list)
    #: Answers a published meldcode supports for questions not answered yet (never applied).
    suggestions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.recommendations]

    @property
    def conditional_ids(self) -> list[str]:
        return [r.id for r in self.conditional]

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "municipality": self.municipality,
            "recommendations": [r.as_dict() for r in self.recommendations],
            "conditional": [r.conditional_dict() for r in self.conditional],
            "missing": list(self.missing),
            "notes": list(self.notes),
            "afwegingen": list(self.afwegingen),
            "suggestions": list(self.suggestions),
        }


class Advisor:
    """Runs a content store's decision flow."""

    def __init__(self, store: ContentStore, flow: Flow | None = None):
        self.store = store
        flows = store.extras.get("wizard") or []
        chosen = flow or (flows[0] if flows else None)
        if chosen is None:
            raise ValueError("deze content heeft geen (geldige) beslisboom")
        #: Never None: an advisor without a flow is not made.
        self.flow: Flow = chosen
        self._municipality = municipality_resolver(store)
        self._rules_by_rec: dict[str, list[CompiledRule]] = {}
        for compiled in self.flow.rules:
            self._rules_by_rec.setdefault(compiled.rule.recommend, []).append(compiled)
        #: Facts in the order the flow asks them (then the rest): the order of "depends on".
        asked = [cq.question.fact for cq in self.flow.questions.values()]
        self._fact_order: list[str] = list(dict.fromkeys([*asked, *FACT_KEYS]))
        #: fact -> the question that asks it (the first, if the flow asks it more than once).
        self._question_of: dict[str, Question] = {}
        for cq in self.flow.questions.values():
            self._question_of.setdefault(cq.question.fact, cq.question)

    def question_for(self, fact: str) -> Question | None:
        """The question that asks `fact` (None: the flow does not ask it): the one mapping from
        facts to questions (pre-fill by fact name, the outcome's open questions)."""
        return self._question_of.get(fact)

    # -- input --------------------------------------------------------------------------------
    def parse(self, raw: Any) -> dict[str, Any]:
        """Check a facts object (raises FactsError with one line)."""
        return parse_facts(raw, self._municipality)

    def facts_from_answers(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The GUI's answers (question id -> value or UNKNOWN) as facts."""
        facts = {}
        for qid, value in answers.items():
            if qid in self.flow.questions and value is not UNKNOWN and value is not None:
                facts[self.flow.question(qid).fact] = value
        return facts

    # -- the way through the questions ----------------------------------------------------------
    def walk(self, answers: dict[str, Any]) -> tuple[list[Question], Question | None]:
        """Questions answered along the current path, and the next one to ask (None = done)."""
        facts = self.facts_from_answers(answers)
        path: list[Question] = []
        qid: str | None = self.flow.start
        while qid != END and qid is not None and len(path) <= len(self.flow.questions):
            question = self.flow.question(qid)
            if qid not in answers:
                return path, question
            path.append(question)
            qid = self.flow.questions[qid].next_id(facts)
        return path, None

    # -- outcome ------------------------------------------------------------------------------
    def _reasons(self, rules: list[CompiledRule], facts: dict[str, Any]) -> list[tuple[str, list[str], list[str]]]:
        reasons: list[tuple[str, list[str], list[str]]] = []
        for compiled in rules:
            rule = compiled.rule
            if rule.for_each == "red_flags" and facts.get("red_flags"):
                for flag in facts["red_flags"]:
                    reasons.append((self._flag_text(rule.why, flag), list(rule.sources), [*rule.see, flag]))
            elif rule.for_each == "red_flags":
                text = rule.why.format_map(_Safe({"flag": "een rode vlag", "flag_summary": ""})).strip()
                reasons.append((text, list(rule.sources), list(rule.see)))
            else:
                values = {k: v for k, v in facts.items()}
                reasons.append((rule.why.format_map(_Safe(values)).strip(), list(rule.sources), list(rule.see)))
        return reasons

    @staticmethod
    def _reason_rules(rules: list[CompiledRule], facts: dict[str, Any]) -> list[CompiledRule]:
        """The rule behind each reason `_reasons` gives (a per-flag rule gives one per flag)."""
        out: list[CompiledRule] = []
        for compiled in rules:
            count = len(facts.get("red_flags") or []) if compiled.rule.for_each == "red_flags" else 0
            out.extend([compiled] * max(count, 1))
        return out

    def _flag_text(self, template: str, flag: str) -> str:
        page = self.store.pages.get(flag)
        title = page.title if page else flag
        summary = (page.summary or "") if page else ""
        return template.format_map(_Safe({"flag": title, "flag_summary": summary})).strip()

    def _region(self, facts: dict[str, Any]) -> str | None:
        mun = self.store.municipalities.get(facts.get("municipality", ""))
        return mun.region if mun else None

    def recommendation_ids(self, facts: dict[str, Any]) -> list[str]:
        """The ids that hold for the facts as they are (unknown stays unknown), in order.

        Fast (no texts, no open questions): the flow checks and `missing` use it.
        """
        fired: set[str] = set()
        for c in self.flow.rules:  # a step that already follows needs none of its other rules tested
            if not c.rule.conditional and c.rule.recommend not in fired and c.test(facts):
                fired.add(c.rule.recommend)
        return self._ordered(fired, self._region(facts))

    def _ordered(self, fired: set[str], region: str | None) -> list[str]:
        """The fired steps that hold in the region and are not superseded, in order."""
        recs = self.flow.recommendations
        ids = [r for r in fired if not (recs[r].regions and region is not None and region not in recs[r].regions)]
        ids = [r for r in ids if not any(s in fired for s in recs[r].superseded_by)]
        return sorted(ids, key=lambda r: (recs[r].order, r))

    # Deciding under open questions --------------------------------------------------------
    def open_facts(self, given: Any) -> frozenset[str]:
        """The facts that may still be answered: those of the questions the wizard could still ask.

        `given` holds the answered facts (a key with value None = answered "weet ik niet"). From the
        start, an answered question leads where its answer leads; an unanswered one may lead
        anywhere, and its fact is open. A question no way reaches is never asked: its fact is not
        open (it stays unknown).
        """
        answered = {k for k in given} if given is not None else set()
        facts = {k: v for k, v in dict(given).items() if v is not None} if given else {}
        found: set[str] = set()
        seen: set[str] = set()
        todo = [self.flow.start]
        while todo:
            qid = todo.pop()
            if qid == END or qid in seen or qid not in self.flow.questions:
                continue
            seen.add(qid)
            cq = self.flow.questions[qid]
            if cq.question.fact in answered:
                target = cq.next_id(facts)
                todo.extend([target] if target else [])
            else:
                found.add(cq.question.fact)
                todo.extend(target for _, target in cq.branches)
        return frozenset(found)

    def _domain(self, key: str) -> list[Any]:
        """The answers worth trying for an open fact; None = it stays unknown."""
        kind = kind_of(key)
        if kind.values:
            return [None, *kind.values]
        if kind.is_set:
            named = list(self.flow.flags_named)
            other = next((f for f in RED_FLAG_IDS if f not in named), None)
            singles = [[f] for f in named] + ([[other]] if other else [])
            return [None, [], *singles, list(RED_FLAG_IDS)]
        if kind.is_count:
            return [None, *sorted({0, *self.flow.counts_named})]
        return [None]  # open (the municipality): only where the region matters, see `missing`

    def _status(self, conds: list[Compiled], facts: dict[str, Any], open_: frozenset[str]) -> tuple[bool, bool]:
        """(holds for every answer to the open facts, holds for at least one) for any of `conds`."""
        live = []
        for cond in conds:
            value = cond.tri(facts, open_)
            if value is True:
                return True, True
            if value is None:
                live.append(cond)
        if not live:
            return False, False
        key = next(k for k in self._fact_order if k in open_ and any(k in c.facts for c in live))
        rest = open_ - {key}
        always, sometimes = True, False
        for value in self._domain(key):
            a, s = self._status(live, facts if value is None else {**facts, key: value}, rest)
            always, sometimes = always and a, sometimes or s
            if sometimes and not always:
                break
        return always, sometimes

    def _deciding(self, conds: list[Compiled], facts: dict[str, Any], open_: frozenset[str]) -> list[str]:
        """The open facts whose answer changes whether any of `conds` holds."""
        used = frozenset().union(*(c.facts for c in conds)) if conds else frozenset()
        found = []
        for key in self._fact_order:
            if key not in open_ or key not in used:
                continue
            rest = open_ - {key}
            seen = {self._status(conds, facts if v is None else {**facts, key: v}, rest) for v in self._domain(key)}
            if len(seen) > 1:
                found.append(key)
        return found

    def advise(self, facts: dict[str, Any], open_facts: frozenset[str] | set[str] | None = None) -> Outcome:
        """Recommendations for (already parsed) facts: certain ones in order of urgency, and
        conditional ones with the questions that decide them.

        `open_facts` are the facts that may still be answered (default: those of the questions the
        wizard could still ask, see `open_facts`; a fact answered 'weet ik niet' is not open). A step is *certain*
        when it follows for every possible answer to the open facts, *conditional* when it
        follows for some.
        """
        open_ = frozenset(self.open_facts(facts) if open_facts is None else open_facts) - set(facts)
        region = self._region(facts)
        mun = self.store.municipalities.get(facts.get("municipality", ""))
        notes: list[str] = []
        certain: list[Advice] = []
        conditional: list[Advice] = []
        for rec_id, rules in self._rules_by_rec.items():
            rec = self.flow.recommendations[rec_id]
            plain_rules = [c for c in rules if not c.rule.conditional]
            always, sometimes = self._status([c.cond for c in plain_rules], facts, open_)
            depends: list[str] = []
            extra_rules: list[CompiledRule] = []
            for c in rules:
                if c.rule.conditional and c.cond.tri(facts, open_) is not False:
                    extra_rules.append(c)
                    depends += c.rule.conditional
            if not sometimes and not extra_rules:
                continue
            if rec.regions and region is not None and region not in rec.regions:
                note = rec.region_notes.get(cast(Region, region)) or f"De bronnen beschrijven '{rec.title}' niet voor regio {region}."
                notes.append(f"{rec.title}: {note}")
                continue
            region_open = bool(rec.regions) and region is None and "municipality" in open_
            if always and not region_open:
                why_rules = [c for c in plain_rules if c.test(facts)]
                target = certain
            else:
                why_rules = [c for c in plain_rules if c.cond.tri(facts, open_) is not False] + extra_rules
                if sometimes and not always:
                    # The questions that decide it: for each rule that may still hold, the open
                    # facts whose answer changes whether that rule holds.
                    for c in plain_rules:
                        if c.cond.tri(facts, open_) is None:
                            # No single answer decides it (several together do): all it still reads.
                            deciding = self._deciding([c.cond], facts, open_) or sorted(c.cond.facts & open_)
                            depends = deciding + depends
                if region_open:
                    depends.append("municipality")
                target = conditional
            reasons = self._reasons(why_rules, facts)
            if target is conditional:
                # A plain rule's reason says what holds; for a step that only may follow, say "if".
                reasons = [
                    (r[0] if c.rule.conditional else f"Als dat zo is: {r[0][:1].lower()}{r[0][1:]}", r[1], r[2])
                    for c, r in zip(self._reason_rules(why_rules, facts), reasons, strict=True)
                ]
            why = list(dict.fromkeys(r[0] for r in reasons))
            if rec.regions and region is None and not region_open:
                why.append(
                    f"Beschreven voor regio {' en '.join(rec.regions)}; kies uw gemeente om te zien of het bij u zo geregeld is."
                )
            sources = list(dict.fromkeys([*rec.sources, *(s for r in reasons for s in r[1])]))
            see = list(dict.fromkeys([*rec.see, *(s for r in reasons for s in r[2])]))
            advice = Advice(rec.id, rec.title, self._text(rec, region), why, sources, see, self._contact(rec, mun), rec.order)
            if target is conditional:
                advice.depends_on = sorted(set(depends), key=self._fact_rank)
            target.append(advice)
        certain_ids = {a.id for a in certain}
        drop = {r.id for r in self.flow.recommendations.values() if any(s in certain_ids for s in r.superseded_by)}
        certain = sorted((a for a in certain if a.id not in drop), key=lambda a: (a.order, a.id))
        conditional = sorted((a for a in conditional if a.id not in drop), key=lambda a: (a.order, a.id))
        for compiled in self.flow.notes:
            if compiled.cond.test(facts):
                notes.append(compiled.note.text.format_map(_Safe(self._note_values(facts))).strip())
        missing = self.missing(facts)
        for extra in (k for a in conditional for k in a.depends_on):
            if extra not in missing:
                missing.append(extra)
        missing.sort(key=self._fact_rank)
        return Outcome(
            region=region,
            municipality=mun.name if mun else None,
            recommendations=certain,
            missing=missing,
            notes=list(dict.fromkeys(notes)),
            afwegingen=self._afwegingen(facts),
            conditional=conditional,
            suggestions=self.suggestions(facts),
        )

    @staticmethod
    def _text(rec: Any, region: str | None) -> str:
        """The step's text, with how the user's region arranges it (both regions when unknown)."""
        if not rec.region_text:
            return rec.text
        if region is not None:
            extra = rec.region_text.get(region)
            return f"{rec.text} {extra}" if extra else rec.text
        return " ".join([rec.text, *(f"{name}: {text}" for name, text in rec.region_text.items())])

    def _note_values(self, facts: dict[str, Any]) -> dict[str, Any]:
        flags = facts.get("red_flags") or []
        titles = [self.store.pages[f].title if f in self.store.pages else f for f in flags]
        return {**facts, "flags": ", ".join(titles)}

    def _fact_rank(self, key: str) -> int:
        return self._fact_order.index(key) if key in self._fact_order else len(self._fact_order)

    def missing(self, facts: dict[str, Any]) -> list[str]:
        """Unknown facts whose answer could change the outcome."""
        found = []
        plain = [c for c in self.flow.rules if not c.rule.conditional]
        holds = [c.test(facts) for c in plain]
        region = self._region(facts)
        baseline = self._ordered({c.rule.recommend for c, h in zip(plain, holds, strict=True) if h}, region)
        for key in self._fact_order:
            if key in facts:
                continue
            if kind_of(key).is_place:
                found.append(key)  # the contacts, and what exists in the region, depend on it
                continue
            # Only the rules that read `key` can change; the others keep what they gave above.
            reading = [n for n, c in enumerate(plain) if key in c.cond.facts]
            kept = {plain[n].rule.recommend for n, h in enumerate(holds) if h and key not in plain[n].cond.facts}
            for value in self._domain(key)[1:]:
                probe = {**facts, key: value}
                fired = kept | {plain[n].rule.recommend for n in reading if plain[n].test(probe)}
                if self._ordered(fired, region) != baseline:
                    found.append(key)
                    break
        return found

    # Answers a published meldcode supports ------------------------------------------------
    def prefill_for(self, question_id: str, facts: dict[str, Any]) -> dict[str, Any] | None:
        """The answer to offer for an unanswered question, with why and sources (or None).

        Only what a published meldcode supports is offered, and only as a starting point: the
        professional's own answer always counts.
        """
        found = [c.prefill for c in self.flow.prefill if c.prefill.question == question_id and c.cond.test(facts)]
        if not found:
            return None
        question = self.flow.question(question_id)
        return {
            "question": question_id,
            "fact": question.fact,
            "value": found[0].value,
            "why": [p.why for p in found if p.value == found[0].value],
            "sources": list(dict.fromkeys(s for p in found if p.value == found[0].value for s in p.sources)),
        }

    def suggestions(self, facts: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for qid, cq in self.flow.questions.items():
            if cq.question.fact in facts:
                continue
            offer = self.prefill_for(qid, facts)
            if offer:
                out.append(offer)
        return out

    def _contact(self, rec: Recommendation, mun: MunicipalityItem | None) -> dict[str, str] | None:
        """The step's contact: the store's "who to call" for the role the step names. The user's
        own aandachtsfunctionaris (`OWN_ROLE`) is named only when a chosen organisation's local
        addition names them; otherwise the step names no one, as the sources do."""
        callee = self.store.callee(rec.contact, mun.id if mun is not None else None) if rec.contact else None
        if callee is None and rec.contact in (None, OWN_ROLE):
            return {"name": rec.contact_note, "phone": NOT_FILLED, "note": ""} if rec.contact_note else None
        if callee is None:
            out = _not_filled("")
        elif callee.needs_place:
            out = _not_filled("Kies uw gemeente om het contact te zien.")
        else:
            out = {"name": callee.name, "phone": callee.phone, "note": callee.note}
            if callee.origin:  # filled in by a local addition: its details and where it comes from
                from ..content.aanvulling.show import details_line

                out["details"] = details_line(callee.details)
                out["origin"] = callee.origin
        if rec.contact_note:
            out["note"] = (out.get("note", "") + " " + rec.contact_note).strip()
        return out

    def _afwegingen(self, facts: dict[str, Any]) -> list[dict[str, Any]]:
        rows = []
        for cq in self.flow.questions.values():
            q = cq.question
            if q.afweging is None:
                continue
            value = facts.get(q.fact)
            page = self.store.pages.get(f"afweging_{q.afweging}")
            if value is True:
                answer, consequence = "ja", getattr(page, "if_yes", "")
            elif value is False:
                answer, consequence = "nee", getattr(page, "if_no", "")
            else:
                answer, consequence = "onbekend", ""
            rows.append({"number": q.afweging, "question": q.text, "answer": answer, "consequence": consequence})
        return rows

    def answer_label(self, question: Question, value: Any) -> str:
        """How an answer reads in plain Dutch (side list, record)."""
        if value is UNKNOWN:
            return question.labels.get("unknown", "Weet ik niet")
        kind = KINDS[question.kind]
        if kind.yes_no:
            if value is None:
                return question.labels.get("null", "Nog niet bekend")
            return question.labels.get("true" if value else "false", "Ja" if value else "Nee")
        if kind.is_set:
            if not value:
                return "Geen van deze"
            return "; ".join(self.store.pages[f].title if f in self.store.pages else f for f in value)
        if kind.is_place:
            mun = self.store.municipalities.get(value)
            return mun.name if mun else str(value)
        if kind.is_choice:
            return question.labels.get(value, str(value).replace("_", " ").capitalize())
        return str(value)


def _not_filled(note: str) -> dict[str, str]:
    return {"name": NOT_FILLED, "phone": NOT_FILLED, "note": note}


class _Safe(dict):
    """format_map that leaves unknown placeholders as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


__all__ = ["Advice", "Advisor", "Outcome", "UNKNOWN", "RED_FLAG_IDS"]
