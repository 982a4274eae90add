"""The decision engine (no Qt): facts vocabulary, the flow from content, answers -> advice.

`advice.facts` is importable on its own without pydantic; the engine loads on first use.
"""

from __future__ import annotations

from typing import Any

from .facts import FACT_KEYS, RED_FLAG_IDS, FactsError, parse_facts

__all__ = ["Advice", "Advisor", "Outcome", "UNKNOWN", "FACT_KEYS", "RED_FLAG_IDS", "FactsError", "parse_facts"]


def __getattr__(name: str) -> Any:
    if name in ("Advice", "Advisor", "Outcome", "UNKNOWN"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(name)
