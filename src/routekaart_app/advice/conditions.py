"""The condition language of the decision flow, compiled twice: yes/no, and yes/no/open. No Qt here.

A condition is a YAML mapping, nestable:

    {fact: KEY, is: true|false|null}        null = unknown (absent); for `sector`: is: onderwijs
    {fact: KEY, in: [VALUE, ...]}           `sector` only: one of these values
    {fact: KEY, known: true|false}
    {fact: prior_reports, at_least: N} / {fact: prior_reports, at_most: N}   (unknown = false)
    {fact: red_flags, any: true}            at least one flag ticked
    {fact: red_flags, empty: true}          known, and none ticked
    {fact: red_flags, includes: ID} / {fact: red_flags, includes_any: [ID, ...]}
    {all: [...]}  {any: [...]}  {not: {...}}  {ref: NAME}   (NAME from `conditions:`)

`Compiled.test(facts)` answers for the facts as they are (an absent fact is unknown).
`Compiled.tri(facts, open)` answers for every way the *open* facts may still be answered: True
when the condition holds whatever they turn out to be, False when it holds for none, None when
it depends on them (strong three-valued logic: sound, so True and False are always right; None
is resolved by trying the values, see `advice.engine`).

A named condition (`ref`) is one function however often it is referred to; inside `remembered()`
it is also evaluated only once per combination of the facts it reads (the path check uses this).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from .facts import FACTS, KINDS, RED_FLAG_IDS, FactKind, kind_of

Test = Callable[[dict[str, Any]], bool]
Tri = Callable[[dict[str, Any], Collection[str]], "bool | None"]


class ConditionError(ValueError):
    pass


#: Answers of named conditions, while `remembered()` is active: (name, what it reads) -> answer.
_MEMO: ContextVar[dict[tuple, Any] | None] = ContextVar("routekaart_condition_memo", default=None)
_ABSENT = object()


@contextmanager
def remembered() -> Iterator[None]:
    """Inside this block a named condition (`ref`) is evaluated once per combination of the
    facts it reads, however many rules and conditions refer to it and however often the facts
    are tried (the flow's path check tries thousands of fact sets). The answers are forgotten
    when the block ends, so nothing is kept between checks."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


#: A named condition with more leaf tests than this is remembered; a smaller one is cheaper to
#: evaluate again than to look up.
REMEMBER_FROM = 8


def _remembering(name: str, target: Compiled) -> Compiled:
    """`target` (the named condition `name`) answering from the memo inside `remembered()`."""
    if target.size <= REMEMBER_FROM:
        return target
    plain = tuple(sorted(k for k in target.facts if not kind_of(k).is_set))
    lists = tuple(sorted(k for k in target.facts if kind_of(k).is_set))  # a list: as a tuple
    test, tri = target.test, target.tri

    def read(f: dict[str, Any]) -> tuple:
        return (*(f.get(k, _ABSENT) for k in plain), *(tuple(f.get(k, ())) if k in f else _ABSENT for k in lists))

    def memo_test(f: dict[str, Any]) -> bool:
        memo = _MEMO.get()
        if memo is None:
            return test(f)
        key = (name, read(f))
        if key not in memo:
            memo[key] = test(f)
        return memo[key]

    def memo_tri(f: dict[str, Any], o: Collection[str]) -> bool | None:
        memo = _MEMO.get()
        if memo is None:
            return tri(f, o)
        key = (name, read(f), tuple(k in o for k in (*plain, *lists)))
        if key not in memo:
            memo[key] = tri(f, o)
        return memo[key]

    return Compiled(memo_test, memo_tri, target.facts, target.size)


@dataclass
class Compiled:
    test: Test
    tri: Tri
    #: The facts this condition reads (through refs too).
    facts: frozenset[str]
    #: How many leaf tests ({fact: ...}) it evaluates at most (through refs too).
    size: int = 1


@dataclass
class Compiler:
    named: dict[str, dict[str, Any]]
    compiled: dict[str, Compiled] = field(default_factory=dict)
    busy: list[str] = field(default_factory=list)
    used_facts: set[str] = field(default_factory=set)
    #: Red-flag ids and counts the conditions test, so a search over answers can try them.
    flags_named: set[str] = field(default_factory=set)
    counts_named: set[int] = field(default_factory=set)

    def ref(self, name: str) -> Compiled:
        if name in self.compiled:
            return self.compiled[name]
        if name not in self.named:
            raise ConditionError(f"onbekende voorwaarde '{name}' (ref)")
        if name in self.busy:
            raise ConditionError(f"voorwaarden verwijzen in een kring naar elkaar: {' -> '.join(self.busy + [name])}")
        self.busy.append(name)
        try:
            result = _remembering(name, self.compile(self.named[name]))
        finally:
            self.busy.pop()
        self.compiled[name] = result
        return result

    def compile(self, cond: Any) -> Compiled:
        if not isinstance(cond, dict) or not cond:
            raise ConditionError(f"een voorwaarde moet een verzameling zijn, geen {cond!r}")
        keys = set(cond)
        if keys == {"all"} or keys == {"any"}:
            (op,) = keys
            parts = cond[op]
            if not isinstance(parts, list) or not parts:
                raise ConditionError(f"'{op}' verwacht een niet-lege lijst")
            subs = [self.compile(p) for p in parts]
            tests = [s.test for s in subs]
            tris = [s.tri for s in subs]
            used = frozenset().union(*(s.facts for s in subs))
            size = sum(s.size for s in subs)
            if op == "all":
                return Compiled(lambda f: all(t(f) for t in tests), lambda f, o: _all3(tris, f, o), used, size)
            return Compiled(lambda f: any(t(f) for t in tests), lambda f, o: _any3(tris, f, o), used, size)
        if keys == {"not"}:
            inner = self.compile(cond["not"])
            return Compiled(lambda f: not inner.test(f), lambda f, o: _not3(inner.tri(f, o)), inner.facts, inner.size)
        if keys == {"ref"}:
            name = cond["ref"]
            if not isinstance(name, str):
                raise ConditionError("'ref' verwacht de naam van een voorwaarde")
            target = self.ref(name)
            return Compiled(target.test, target.tri, target.facts, target.size)
        if "fact" in keys and len(keys) == 2:
            key = cond["fact"]
            if key not in FACTS:
                raise ConditionError(f"onbekend feit '{key}'")
            self.used_facts.add(key)
            ((op, value),) = [(k, v) for k, v in cond.items() if k != "fact"]
            test = self._fact(key, KINDS[FACTS[key]], op, value)
            return Compiled(test, lambda f, o: None if key in o else test(f), frozenset([key]))
        raise ConditionError(f"onbekende vorm van voorwaarde: {sorted(keys)}")

    def _fact(self, key: str, kind: FactKind, op: str, value: Any) -> Test:
        if op == "is":
            if value is None:
                return lambda f: key not in f
            if kind.is_choice:
                if value not in kind.values:
                    raise ConditionError(f"'is' bij '{key}' verwacht een van: {', '.join(kind.values)} of null")
                return lambda f: f.get(key) == value
            if not kind.yes_no or not isinstance(value, bool):
                raise ConditionError(f"'is' bij '{key}' verwacht true, false of null")
            return lambda f: f.get(key) is value
        if op == "in":
            if not kind.is_choice or not isinstance(value, list) or not value or any(v not in kind.values for v in value):
                choices = ", ".join(kind.values) if kind.is_choice else ""
                raise ConditionError(f"'in' kan alleen bij een keuze, met een lijst uit: {choices}")
            wanted = frozenset(value)
            return lambda f: f.get(key) in wanted
        if op == "known":
            if not isinstance(value, bool):
                raise ConditionError("'known' verwacht true of false")
            return (lambda f: key in f) if value else (lambda f: key not in f)
        if op in ("at_least", "at_most"):
            if not kind.is_count or isinstance(value, bool) or not isinstance(value, int):
                raise ConditionError(f"'{op}' kan alleen bij een aantal, met een geheel getal")
            self.counts_named.update({max(value - 1, 0), value, value + 1})
            if op == "at_least":
                return lambda f: key in f and f[key] >= value
            return lambda f: key in f and f[key] <= value
        if op in ("any", "empty"):
            if not kind.is_set or value is not True:
                raise ConditionError(f"'{op}: true' kan alleen bij red_flags")
            if op == "any":
                return lambda f: bool(f.get(key))
            return lambda f: key in f and not f[key]
        if op in ("includes", "includes_any"):
            if not kind.is_set:
                raise ConditionError(f"'{op}' kan alleen bij red_flags")
            flags = [value] if op == "includes" else value
            if not isinstance(flags, list) or not flags or any(w not in RED_FLAG_IDS for w in flags):
                raise ConditionError(f"'{op}' verwacht rode-vlag-ids ({', '.join(RED_FLAG_IDS)})")
            self.flags_named.update(flags)
            return lambda f: any(w in f.get(key, ()) for w in flags)
        raise ConditionError(f"onbekende toets '{op}' bij feit '{key}'")


def _all3(tris: list[Tri], facts: dict[str, Any], open_: Collection[str]) -> bool | None:
    result: bool | None = True
    for tri in tris:
        value = tri(facts, open_)
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _any3(tris: list[Tri], facts: dict[str, Any], open_: Collection[str]) -> bool | None:
    result: bool | None = False
    for tri in tris:
        value = tri(facts, open_)
        if value is True:
            return True
        if value is None:
            result = None
    return result


def _not3(value: bool | None) -> bool | None:
    return None if value is None else not value


__all__ = ["Compiled", "Compiler", "ConditionError", "Test", "remembered"]
