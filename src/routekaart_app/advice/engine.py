"""The decision engine: answers in, next question or outcome out. No Qt here.

The GUI wizard, `routekaart advise`, the practice cases and the benchmarks all use `Advisor`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..content.loader import ContentStore
from ..content.store import NOT_FILLED
from .facts import BOOL, BOOL_OR_NULL, COUNT, FACT_KEYS, FACTS, FLAGS, MUNICIPALITY, RED_FLAG_IDS, parse_facts
from .flow import END, Flow, Question

#: Marker for an answer "weet ik niet" in the GUI's answer map (the engine sees it as absent).
UNKNOWN = object()

#: Values tried for an unknown fact to see whether it could change the outcome.
_PROBES: dict[str, list[Any]] = {
    BOOL: [True, False],
    BOOL_OR_NULL: [True, False],
    FLAGS: [[], ["stalking"], ["strangulation"]],
    COUNT: [0, 1, 3],
}


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Outcome:
    region: str | None
    municipality: str | None
    recommendations: list[Advice]
    missing: list[str]
    notes: list[str] = field(default_factory=list)
    #: The afwegingskader as answered: number, question, answer, consequence.
    afwegingen: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.recommendations]

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "municipality": self.municipality,
            "recommendations": [r.as_dict() for r in self.recommendations],
            "missing": list(self.missing),
            "notes": list(self.notes),
            "afwegingen": list(self.afwegingen),
        }


class Advisor:
    """Runs a content store's decision flow."""

    def __init__(self, store: ContentStore, flow: Flow | None = None):
        self.store = store
        flows = store.extras.get("wizard") or []
        self.flow: Flow | None = flow or (flows[0] if flows else None)
        if self.flow is None:
            raise ValueError("deze content heeft geen (geldige) beslisboom")
        self._lookup: dict[str, str] = {}
        for mun in store.municipalities.values():
            self._lookup[mun.name.casefold()] = mun.id
            self._lookup[mun.id] = mun.id
            for alias in mun.aliases:
                self._lookup.setdefault(alias.casefold(), mun.id)
        self._contacts = {c.id: c for c in store.meta.contacts} if store.meta else {}

    # -- input --------------------------------------------------------------------------------
    def parse(self, raw: Any) -> dict[str, Any]:
        """Check a facts object (raises FactsError with one line)."""
        return parse_facts(raw, self._lookup)

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
        qid = self.flow.start
        while qid != END and qid is not None and len(path) <= len(self.flow.questions):
            question = self.flow.question(qid)
            if qid not in answers:
                return path, question
            path.append(question)
            qid = self.flow.questions[qid].next_id(facts)
        return path, None

    # -- outcome ------------------------------------------------------------------------------
    def _fire(self, facts: dict[str, Any]) -> dict[str, list[tuple[str, list[str], list[str]]]]:
        fired: dict[str, list[tuple[str, list[str], list[str]]]] = {}
        for compiled in self.flow.rules:
            if not compiled.test(facts):
                continue
            rule = compiled.rule
            reasons = fired.setdefault(rule.recommend, [])
            if rule.for_each == "red_flags":
                for flag in facts.get("red_flags", []):
                    reasons.append((self._flag_text(rule.why, flag), list(rule.sources), [*rule.see, flag]))
            else:
                reasons.append((rule.why.format_map(_Safe(facts)), list(rule.sources), list(rule.see)))
        return fired

    def _flag_text(self, template: str, flag: str) -> str:
        page = self.store.pages.get(flag)
        title = page.title if page else flag
        summary = (page.summary or "") if page else ""
        return template.format_map(_Safe({"flag": title, "flag_summary": summary})).strip()

    def _region(self, facts: dict[str, Any]) -> str | None:
        mun = self.store.municipalities.get(facts.get("municipality", ""))
        return mun.region if mun else None

    def recommendation_ids(self, facts: dict[str, Any]) -> list[str]:
        """The ids the outcome would hold, in order (fast: no texts, no missing facts)."""
        region = self._region(facts)
        recs = self.flow.recommendations
        fired = {c.rule.recommend for c in self.flow.rules if c.test(facts)}
        ids = [r for r in fired if not (recs[r].regions and region is not None and region not in recs[r].regions)]
        return sorted(ids, key=lambda r: (recs[r].order, r))

    def advise(self, facts: dict[str, Any]) -> Outcome:
        """Recommendations for (already parsed) facts, in order of urgency."""
        region = self._region(facts)
        mun = self.store.municipalities.get(facts.get("municipality", ""))
        notes: list[str] = []
        advice: list[Advice] = []
        for rec_id, reasons in self._fire(facts).items():
            rec = self.flow.recommendations[rec_id]
            why = list(dict.fromkeys(r[0] for r in reasons))
            if rec.regions and region is not None and region not in rec.regions:
                note = rec.region_notes.get(region) or (
                    f"De bronnen beschrijven '{rec.title}' niet voor regio {region}."
                )
                notes.append(f"{rec.title}: {note}")
                continue
            if rec.regions and region is None:
                why.append(
                    f"Beschreven voor regio {' en '.join(rec.regions)}; kies uw gemeente om te zien of het bij u zo geregeld is."
                )
            sources = list(dict.fromkeys([*rec.sources, *(s for r in reasons for s in r[1])]))
            see = list(dict.fromkeys([*rec.see, *(s for r in reasons for s in r[2])]))
            advice.append(
                Advice(rec.id, rec.title, rec.text, why, sources, see, self._contact(rec, mun), rec.order)
            )
        advice.sort(key=lambda a: (a.order, a.id))
        return Outcome(
            region=region,
            municipality=mun.name if mun else None,
            recommendations=advice,
            missing=self.missing(facts),
            notes=notes,
            afwegingen=self._afwegingen(facts),
        )

    def missing(self, facts: dict[str, Any]) -> list[str]:
        """Unknown facts whose answer could change the outcome."""
        found = []
        baseline = self.recommendation_ids(facts)
        for key in FACT_KEYS:
            if key in facts:
                continue
            if FACTS[key] == MUNICIPALITY:
                found.append(key)  # the contacts, and what exists in the region, depend on it
                continue
            if any(self.recommendation_ids({**facts, key: value}) != baseline for value in _PROBES[FACTS[key]]):
                found.append(key)
        return found

    def _contact(self, rec: Any, mun: Any) -> dict[str, str] | None:
        if rec.contact is None:
            return {"name": rec.contact_note, "phone": NOT_FILLED, "note": ""} if rec.contact_note else None
        if rec.contact in ("alarmnummer", "csg", "politie"):
            c = self._contacts.get(rec.contact)
            out = {"name": c.name, "phone": c.phone, "note": c.when} if c else _not_filled("")
        elif mun is None:
            if rec.contact == "veilig_thuis" and "veilig_thuis_landelijk" in self._contacts:
                c = self._contacts["veilig_thuis_landelijk"]
                out = {"name": c.name, "phone": c.phone, "note": "Landelijk nummer; u komt uit bij Veilig Thuis in de regio van waaruit u belt."}
            else:
                out = _not_filled("Kies uw gemeente om het contact te zien.")
        else:
            region = self.store.regions.get(mun.region)
            service = {
                "veilig_thuis": mun.veilig_thuis or (region.veilig_thuis if region else None),
                "zorg_en_veiligheidshuis": mun.zorg_en_veiligheidshuis or (region.zorg_en_veiligheidshuis if region else None),
                "local_team": mun.local_team,
            }[rec.contact]
            out = {"name": service.name, "phone": service.phone, "note": service.note} if service else _not_filled("")
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
            if value is not True and cq.implied_yes is not None and cq.implied_yes(facts):
                answer, consequence = "ja (volgt uit acuut gevaar of een rode vlag)", getattr(page, "if_yes", "")
            elif value is True:
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
        kind = question.kind
        if kind in (BOOL, BOOL_OR_NULL):
            if value is None:
                return question.labels.get("null", "Nog niet bekend")
            return question.labels.get("true" if value else "false", "Ja" if value else "Nee")
        if kind == FLAGS:
            if not value:
                return "Geen van deze"
            return "; ".join(self.store.pages[f].title if f in self.store.pages else f for f in value)
        if kind == MUNICIPALITY:
            mun = self.store.municipalities.get(value)
            return mun.name if mun else str(value)
        return str(value)


def _not_filled(note: str) -> dict[str, str]:
    return {"name": NOT_FILLED, "phone": NOT_FILLED, "note": note}


class _Safe(dict):
    """format_map that leaves unknown placeholders as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


__all__ = ["Advice", "Advisor", "Outcome", "UNKNOWN", "RED_FLAG_IDS"]
