"""The stable vocabulary of the headless engine: which facts exist and what values they take.

Every key is optional; an absent key (or ``null``) means *unknown* — never *no*. Bad input
raises `FactsError` with one line that names the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..content.store import ContentStore

#: The eleven red flags of the factsheet intieme terreur (ids are stable; titles live in content).
RED_FLAG_IDS: tuple[str, ...] = (
    "stalking",
    "death_threat",
    "weapons",
    "recent_violence",
    "pregnancy_violence",
    "forced_sex",
    "withholding_care",
    "strangulation",
    "extreme_fear",
    "afraid_to_speak",
    "escalation",
)

BOOL = "bool"
BOOL_OR_NULL = "bool_or_null"  # help_effective: null = not yet known
FLAGS = "flags"
COUNT = "count"
MUNICIPALITY = "municipality"
SECTOR = "sector"

#: The sectors whose own meldcode or afwegingskader may add a rule or a note (ids are stable).
SECTORS: tuple[str, ...] = (
    "onderwijs",
    "kinderopvang",
    "gezondheidszorg",
    "jeugdhulp",
    "maatschappelijke_ondersteuning",
    "justitie",
    "overig",
)

#: fact key -> type
FACTS: dict[str, str] = {
    "sector": SECTOR,
    "municipality": MUNICIPALITY,
    "acute_danger": BOOL,
    "suspicion": BOOL,
    "structural_unsafety": BOOL,
    "can_help": BOOL,
    "help_accepted": BOOL,
    "help_effective": BOOL_OR_NULL,
    "red_flags": FLAGS,
    "separation": BOOL,
    "regular_help_stuck": BOOL,
    "repeated_severe_violence": BOOL,
    "sexual_violence_within_7_days": BOOL,
    "perpetrator_motivated": BOOL,
    "children_involved": BOOL,
    "prior_reports": COUNT,
    # The child or victim has told the professional about violence.
    "disclosure": BOOL,
    # The (suspected) perpetrator lives in the same home (the only way to a huisverbod).
    "perpetrator_in_home": BOOL,
    # Complex, multiple problems in the household (an MDA++ criterion).
    "complex_problems": BOOL,
}
FACT_KEYS: tuple[str, ...] = tuple(FACTS)


class FactsError(ValueError):
    """A facts object that does not fit the vocabulary (one line, names the key)."""


Resolver = Callable[[str], "str | None"]


def _check_bool(key: str, value: Any, _resolve: Resolver | None) -> Any:
    if not isinstance(value, bool):
        raise FactsError(f"'{key}' moet true of false zijn, niet {_show(value)}")
    return value


def _check_count(key: str, value: Any, _resolve: Resolver | None) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FactsError(f"'{key}' moet een geheel getal van 0 of meer zijn, niet {_show(value)}")
    return value


def _check_flags(key: str, value: Any, _resolve: Resolver | None) -> Any:
    if not isinstance(value, list):
        raise FactsError(f"'{key}' moet een lijst van rode-vlag-ids zijn, niet {_show(value)}")
    flags: list[str] = []
    for flag in value:
        if not isinstance(flag, str) or flag not in RED_FLAG_IDS:
            raise FactsError(f"onbekende rode vlag {_show(flag)} in '{key}' (bekend: {', '.join(RED_FLAG_IDS)})")
        if flag not in flags:
            flags.append(flag)
    return sorted(flags, key=RED_FLAG_IDS.index)


def _check_municipality(key: str, value: Any, resolve: Resolver | None) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise FactsError(f"'{key}' moet de naam van een gemeente zijn, niet {_show(value)}")
    if resolve is None:
        return value
    found = resolve(value)
    if found is None:
        raise FactsError(f"onbekende gemeente '{value}' (niet in Haaglanden of Hollands Midden)")
    return found


def _check_choice(choices: tuple[str, ...]) -> Callable[[str, Any, Resolver | None], Any]:
    def check(key: str, value: Any, _resolve: Resolver | None) -> Any:
        if not isinstance(value, str) or value.strip() not in choices:
            raise FactsError(f"'{key}' moet een van deze zijn: {', '.join(choices)}, niet {_show(value)}")
        return value.strip()

    return check


class FactKind(NamedTuple):
    """What a kind of fact is: its answers and how a value is checked. Declared once, in `KINDS`;
    the engine, the flow checks, the condition language, the practice cases and the answer
    widgets ask these properties rather than switching over kind names."""

    name: str
    #: Checks (and normalises) one value: (fact key, value, municipality resolver) -> value,
    #: or FactsError with one line.
    check: Callable[[str, Any, Resolver | None], Any]
    #: The answers of a closed kind, in order (yes/no: True, False; a choice: its ids); () = open.
    values: tuple[Any, ...] = ()
    #: Yes or no (True/False): `is: true`, the afwegingen's ja/nee, a prefill.
    yes_no: bool = False
    #: None is an answer of its own ("nog niet bekend"), not "weet ik niet".
    nullable: bool = False
    #: A set of ids (the red flags): `includes`, `includes_any`, `any`.
    is_set: bool = False
    #: A whole number: `at_least`.
    is_count: bool = False
    #: One of a fixed list of ids (not yes/no): `is` with an id, `in`.
    is_choice: bool = False
    #: A municipality (id, resolved through the store's lookup): decides region and contacts.
    is_place: bool = False
    #: A few answers that stand for the rest where every answer cannot be tried (flow checks).
    samples: tuple[Any, ...] = ()


#: kind name -> its properties: the one table of fact kinds.
KINDS: dict[str, FactKind] = {
    BOOL: FactKind(BOOL, _check_bool, values=(True, False), yes_no=True),
    BOOL_OR_NULL: FactKind(BOOL_OR_NULL, _check_bool, values=(True, False), yes_no=True, nullable=True),
    FLAGS: FactKind(FLAGS, _check_flags, is_set=True, samples=([], ["stalking"], ["strangulation", "escalation"])),
    COUNT: FactKind(COUNT, _check_count, is_count=True, samples=(0, 1, 3)),
    MUNICIPALITY: FactKind(MUNICIPALITY, _check_municipality, is_place=True),
    SECTOR: FactKind(SECTOR, _check_choice(SECTORS), values=SECTORS, is_choice=True),
}


#: Kinds whose value is one of a fixed list of ids: kind -> the ids (from `KINDS`).
CHOICES: dict[str, tuple[str, ...]] = {k.name: k.values for k in KINDS.values() if k.is_choice}


def kind_of(key: str) -> FactKind:
    """The kind of a fact (KeyError for a key not in the vocabulary)."""
    return KINDS[FACTS[key]]


def parse_facts(raw: Any, municipality: Resolver | None = None) -> dict[str, Any]:
    """Check a facts object and return it normalised (absent/None = unknown is left out).

    `municipality` resolves a name, id or alias to the canonical municipality id (None: unknown),
    normally `municipality_resolver(store)`; when given, `municipality` is resolved through it.
    """
    if not isinstance(raw, Mapping):
        raise FactsError(f"feiten moeten een JSON-object zijn, geen {_type_name(raw)}")
    facts: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in FACTS:
            raise FactsError(f"onbekende sleutel '{key}' (bekend: {', '.join(FACT_KEYS)})")
        if value is None:
            continue  # explicitly unknown
        facts[key] = kind_of(key).check(key, value, municipality)
    return facts


def municipality_resolver(store: ContentStore) -> Callable[[str], str | None]:
    """The store's one municipality lookup (`ContentStore.municipality_by_name`) as ids."""

    def resolve(name: str) -> str | None:
        mun = store.municipality_by_name(name)
        return mun.id if mun is not None else None

    return resolve


def _type_name(value: Any) -> str:
    return {list: "lijst", str: "tekst", int: "getal", float: "getal", bool: "true/false"}.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, bool) else str(value).lower()
    return text if len(text) <= 40 else text[:37] + "..."
