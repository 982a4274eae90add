"""`routekaart cases [--format text|json] [--content MAP]`: the practice cases (oefencasussen)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .common import EXIT_OK, content_arg, load_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")
    content_arg(parser)


def case_rows(store) -> list[dict[str, Any]]:
    """Every loaded case as a dict; `engine` = what the decision engine gives for its facts."""
    from ..advice import Advisor

    cases = store.extras.get("oefencasussen") or []
    advisor = Advisor(store) if store.extras.get("wizard") else None
    rows = []
    for case in cases:
        row = {
            "id": case.id,
            "title": case.title,
            "region": case.region,
            "municipality": case.municipality,
            "facts": case.facts,
            "expected": list(case.expected),
            "expected_conditional": list(case.expected_conditional),
        }
        outcome = advisor.advise(advisor.parse(case.facts), advisor.open_facts(case.facts)) if advisor else None
        row["engine"] = outcome.ids if outcome else None
        row["engine_conditional"] = outcome.conditional_ids if outcome else None
        row["matches"] = (
            outcome.ids == row["expected"] and outcome.conditional_ids == row["expected_conditional"]
            if outcome is not None else None
        )
        row.update({k: v for k, v in case.as_dict().items() if k not in row})
        rows.append(row)
    return rows


def run(args: argparse.Namespace) -> int:
    store = load_store(args)
    rows = case_rows(store)
    problems = [p for p in store.problems if p.path.startswith("oefencasussen/") or p.path == "oefencasussen"]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(cases_text(rows))
    if problems:
        print(
            f"let op: {len(problems)} probleem/problemen in oefencasussen/; die casussen zijn overgeslagen "
            "(zie 'routekaart validate')",
            file=sys.stderr,
        )
    return EXIT_OK


def cases_text(rows: list[dict[str, Any]]) -> str:
    """A readable table: id, region, municipality, title; under each the expected steps."""
    if not rows:
        return "geen oefencasussen gevonden"
    headers = ("id", "regio", "gemeente", "titel")
    table = [(r["id"], r["region"], r["municipality"], r["title"]) for r in rows]
    widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(headers[:3])]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers[:3], widths, strict=True)) + "  " + headers[3]]
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 5)
    for row, cells in zip(rows, table, strict=True):
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells[:3], widths, strict=True)) + "  " + cells[3])
        lines.append("    verwacht: " + ", ".join(row["expected"]))
        if row["matches"] is False:
            lines.append("    LET OP, de beslisboom geeft: " + (", ".join(row["engine"]) or "niets"))
    lines.append("")
    lines.append(f"{len(rows)} oefencasussen")
    return "\n".join(lines)
