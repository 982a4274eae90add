"""The stable vocabulary of the headless engine: which facts exist and what values they take.

Every key is optional; an absent key (or ``null``) means *unknown* — never *no*. Bad input
raises `FactsError` with one line that names the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

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
#: Kinds whose value is one of a fixed list.
CHOICES: dict[str, tuple[str, ...]] = {SECTOR: SECTORS}

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


def parse_facts(raw: Any, municipality: Callable[[str], str | None] | None = None) -> dict[str, Any]:
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
        kind = FACTS[key]
        if value is None:
            continue  # explicitly unknown
        if kind in (BOOL, BOOL_OR_NULL):
            if not isinstance(value, bool):
                raise FactsError(f"'{key}' moet true of false zijn, niet {_show(value)}")
            facts[key] = value
        elif kind == COUNT:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise FactsError(f"'{key}' moet een geheel getal van 0 of meer zijn, niet {_show(value)}")
            facts[key] = value
        elif kind == FLAGS:
            if not isinstance(value, list):
                raise FactsError(f"'{key}' moet een lijst van rode-vlag-ids zijn, niet {_show(value)}")
            flags: list[str] = []
            for flag in value:
                if not isinstance(flag, str) or flag not in RED_FLAG_IDS:
                    raise FactsError(
                        f"onbekende rode vlag {_show(flag)} in '{key}' (bekend: {', '.join(RED_FLAG_IDS)})"
                    )
                if flag not in flags:
                    flags.append(flag)
            facts[key] = sorted(flags, key=RED_FLAG_IDS.index)
        elif kind in CHOICES:
            if not isinstance(value, str) or value.strip() not in CHOICES[kind]:
                raise FactsError(f"'{key}' moet een van deze zijn: {', '.join(CHOICES[kind])}, niet {_show(value)}")
            facts[key] = value.strip()
        elif kind == MUNICIPALITY:
            if not isinstance(value, str) or not value.strip():
                raise FactsError(f"'{key}' moet de naam van een gemeente zijn, niet {_show(value)}")
            if municipality is not None:
                found = municipality(value)
                if found is None:
                    raise FactsError(f"onbekende gemeente '{value}' (niet in Haaglanden of Hollands Midden)")
                value = found
            facts[key] = value
    return facts


def municipality_resolver(store: Any) -> Callable[[str], str | None]:
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
