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
    if args.format == "json":
        print(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(outcome_text(advisor, outcome))
    return EXIT_OK


def outcome_text(advisor, outcome) -> str:
    """The outcome as plain Dutch text (CLI, copy to clipboard)."""
    store = advisor.store
    lines = [
        f"Regio: {outcome.region or 'onbekend'} · Gemeente: {outcome.municipality or 'onbekend'}",
        "",
        "Mogelijke vervolgstappen (u beslist):",
    ]
    for n, rec in enumerate(outcome.recommendations, start=1):
        lines.append(f"{n}. {rec.title}")
        for why in rec.why:
            lines.append(f"   - waarom: {why}")
        if rec.contact:
            c = rec.contact
            lines.append(f"   - contact: {c['name']}, tel. {c['phone']}" + (f" ({c['note']})" if c.get("note") else ""))
        lines.append("   - bron: " + "; ".join(store.source_label(s) for s in rec.sources))
    if outcome.conditional:
        from ..advice.report import CONDITIONAL_HEADING, depends_text

        lines += ["", CONDITIONAL_HEADING]
        for rec in outcome.conditional:
            lines.append(f"- {rec.title} (hangt af van: {depends_text(advisor, rec)})")
            for why in rec.why:
                lines.append(f"   - waarom: {why}")
    if outcome.notes:
        lines += ["", "Let op:"] + [f"- {n}" for n in outcome.notes]
    if outcome.missing:
        lines += ["", "Nog onbekend (kan de uitkomst veranderen): " + ", ".join(outcome.missing)]
    lines += ["", "Bij twijfel: vraag advies bij Veilig Thuis (0800-2000)."]
    return "\n".join(lines)
