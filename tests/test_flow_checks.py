"""The path check's work: a wide named condition is evaluated once per combination of the facts
it reads (inside `conditions.remembered`), not once per rule that refers to it and per fact set.

Counted, not timed: a facts mapping that counts how often the condition's leaf tests read it.
"""

from __future__ import annotations

from routekaart_app.advice.conditions import REMEMBER_FROM, Compiler, remembered

WIDTH = 40  # leaf tests in the named condition, well above REMEMBER_FROM
RULES = 12  # conditions referring to it


class CountingFacts(dict):
    reads = 0

    def get(self, key, default=None):
        CountingFacts.reads += 1
        return super().get(key, default)

    def __contains__(self, key):
        CountingFacts.reads += 1
        return super().__contains__(key)


def _compiled():
    # Never true until the last leaf: every evaluation reads all WIDTH leaves.
    wide = {"any": [{"fact": "prior_reports", "at_least": 1000 + i} for i in range(WIDTH - 1)] + [{"fact": "suspicion", "is": True}]}
    compiler = Compiler({"breed": wide})
    rules = [compiler.compile({"all": [{"ref": "breed"}, {"fact": "acute_danger", "is": False}]}) for _ in range(RULES)]
    return compiler, rules


def _reads(rules, fact_sets) -> int:
    CountingFacts.reads = 0
    for facts in fact_sets:
        for rule in rules:
            rule.test(facts)
    return CountingFacts.reads


def test_wide_named_condition_is_remembered():
    assert WIDTH > REMEMBER_FROM
    compiler, rules = _compiled()
    assert compiler.ref("breed").size == WIDTH
    # Same values for what `breed` reads (suspicion, prior_reports), different elsewhere.
    fact_sets = [CountingFacts(suspicion=True, prior_reports=1, acute_danger=v) for v in (True, False, True, False)]
    plain = _reads(rules, fact_sets)
    with remembered():
        once = _reads(rules, fact_sets)
    assert plain >= len(fact_sets) * RULES * WIDTH  # without the memo: every rule, every fact set
    # With it: `breed` once (its leaves plus the reads of the key), then only the cheap part.
    assert once < WIDTH + len(fact_sets) * RULES * 4, (plain, once)
    # Outside the block nothing is remembered.
    assert _reads(rules, fact_sets) == plain


def test_remembered_answers_are_the_same_answers():
    compiler, rules = _compiled()
    cases = [
        {"suspicion": True, "acute_danger": False},
        {"suspicion": False, "acute_danger": False},
        {"prior_reports": 1500, "acute_danger": False},
        {"prior_reports": 3, "acute_danger": True},
        {},
    ]
    expected = [[r.test(f) for r in rules] for f in cases]
    tri_expected = [[r.tri(f, {"suspicion"}) for r in rules] for f in cases]
    assert any(row[0] for row in expected) and not all(row[0] for row in expected)
    with remembered():
        for _ in range(2):
            assert [[r.test(f) for r in rules] for f in cases] == expected
            assert [[r.tri(f, {"suspicion"}) for r in rules] for f in cases] == tri_expected


def test_small_named_conditions_are_not_wrapped():
    compiler = Compiler({"klein": {"fact": "suspicion", "is": True}})
    small = compiler.ref("klein")
    assert small.size == 1 <= REMEMBER_FROM
