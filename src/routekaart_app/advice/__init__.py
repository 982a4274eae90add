"""The decision engine (no Qt): facts vocabulary, the flow from content, answers -> advice."""

from .engine import UNKNOWN, Advice, Advisor, Outcome
from .facts import FACT_KEYS, RED_FLAG_IDS, FactsError, parse_facts

__all__ = ["Advice", "Advisor", "Outcome", "UNKNOWN", "FACT_KEYS", "RED_FLAG_IDS", "FactsError", "parse_facts"]
