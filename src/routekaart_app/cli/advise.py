"""`routekaart advise --facts FILE.json [--format json|text]`: the engine without a window."""

from __future__ import annotations

import argparse
import json

from .common import EXIT_OK, UsageError, content_arg, load_store, read_json_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--facts", required=True, metavar="BESTAND", help="feiten als JSON-object; '-' = standaardinvoer")
    parser.add_argument("--format", choices=["text", "json"], default="json")
    content_arg(parser)


def make_advisor(args: argparse.Namespace):
    from ..advice import Advisor

    store = load_store(args)
    if not store.extras.get("wizard"):
        problems = [str(p) for p in store.problems if p.path.startswith("wizard")]
        raise UsageError("de content heeft geen geldige beslisboom" + (f": {problems[0]}" if problems else ""))
    return Advisor(store)


def run(args: argparse.Namespace) -> int:
    from ..advice import FactsError

    raw = read_json_file(args.facts)
    advisor = make_advisor(args)
    try:
        facts = advisor.parse(raw)
    except FactsError as exc:
        raise UsageError(f"{args.facts}: {exc}") from None
    # A key given as null was answered "weet ik niet": unknown, but not open any more.
    outcome = advisor.advise(facts, advisor.open_facts(raw))
    from ..advice.report import outcome_text

    if args.format == "json":
        print(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(outcome_text(advisor, outcome))
    return EXIT_OK
