"""Wizard: p95 of `Advisor(store).advise(facts)` after one answer changed, over random answer sets."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from bench_common import percentile

RED_FLAGS = [
    "stalking", "death_threat", "weapons", "recent_violence", "pregnancy_violence", "forced_sex",
    "withholding_care", "strangulation", "extreme_fear", "afraid_to_speak", "escalation",
]
BOOL_FACTS = [
    "acute_danger", "suspicion", "structural_unsafety", "can_help", "help_accepted", "separation",
    "regular_help_stuck", "repeated_severe_violence", "sexual_violence_within_7_days",
    "perpetrator_motivated", "children_involved",
]


def random_facts(rng: random.Random, municipalities: list[str]) -> dict[str, Any]:
    """A random, partly answered set of wizard answers (keys are optional)."""
    facts: dict[str, Any] = {}
    if municipalities and rng.random() < 0.8:
        facts["municipality"] = rng.choice(municipalities)
    for key in BOOL_FACTS:
        if rng.random() < 0.75:
            facts[key] = rng.random() < 0.5
    if rng.random() < 0.75:
        facts["help_effective"] = rng.choice([True, False, None])
    if rng.random() < 0.7:
        facts["red_flags"] = rng.sample(RED_FLAGS, rng.randint(0, 4))
    if rng.random() < 0.6:
        facts["prior_reports"] = rng.randint(0, 6)
    return facts


def change_one_answer(facts: dict[str, Any], rng: random.Random, municipalities: list[str]) -> dict[str, Any]:
    """The same answers with exactly one answer changed (as when the user clicks another option)."""
    changed = dict(facts)
    key = rng.choice(BOOL_FACTS + ["help_effective", "red_flags", "prior_reports", "municipality"])
    if key in BOOL_FACTS:
        changed[key] = not changed.get(key, False)
    elif key == "help_effective":
        changed[key] = rng.choice([v for v in (True, False, None) if v != changed.get(key, "unset")])
    elif key == "red_flags":
        flags = set(changed.get(key, []))
        flags ^= {rng.choice(RED_FLAGS)}
        changed[key] = sorted(flags)
    elif key == "prior_reports":
        changed[key] = changed.get(key, 0) + 1
    elif municipalities:
        changed[key] = rng.choice(municipalities)
    return changed


def measure_wizard(store: Any, quick: bool, log: Callable[[str], None]) -> dict[str, Any] | None:
    """p95 of one recompute; None when the engine does not exist (yet)."""
    try:
        from routekaart_app.advice import Advisor  # type: ignore[attr-defined]
    except ImportError as exc:
        log(f"wizard: n.v.t. ({exc})")
        return None
    rng = random.Random(7)
    names = sorted(m.name for m in store.municipalities.values())
    t0 = time.perf_counter()
    try:
        advisor = Advisor(store)
    except Exception as exc:
        raise RuntimeError(f"Advisor(store) faalt op de meegeleverde content: {type(exc).__name__}: {exc}") from exc
    build_ms = (time.perf_counter() - t0) * 1000
    # Facts as the brief gives them (municipality by name, help_effective may be None) go through
    # the engine's own check first when it has one, so a recompute is parse + advise.
    parse = getattr(advisor, "parse", None)

    def recompute(raw: dict[str, Any]) -> Any:
        return advisor.advise(parse(raw) if parse else raw)

    trials = 60 if quick else 400
    samples = []
    clock = time.perf_counter_ns
    for _ in range(trials):
        before = random_facts(rng, names)
        recompute(before)  # the outcome on screen before the change
        after = change_one_answer(before, rng, names)
        t = clock()
        recompute(after)
        samples.append((clock() - t) / 1e6)
    log(f"wizard: {trials} recomputes done")
    return {
        "p95_ms": round(percentile(samples, 95), 4),
        "p50_ms": round(percentile(samples, 50), 4),
        "max_ms": round(max(samples), 3),
        "advisor_build_ms": round(build_ms, 2),
        "trials": trials,
    }


