"""`routekaart search ZOEKTERM [--format text|json] [--limit N]`: search the content."""

from __future__ import annotations

import argparse
import json
import sys

from .common import EXIT_OK, UsageError, content_arg, load_store, one_line

#: The most results `search --limit` gives.
MAX_LIMIT = 10_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="ZOEKTERM")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--limit", type=int, default=20)
    content_arg(parser)


def run(args: argparse.Namespace) -> int:
    from ..search.prebuilt import open_index

    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit moet tussen 1 en {MAX_LIMIT} liggen")
    store = load_store(args)
    hits = open_index(store).search(args.query, limit=args.limit)  # the prebuilt index when current
    if args.format == "json":
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(one_line(f"{hit.score:7.2f}  {hit.kind:<14} {hit.id:<32} {hit.title}"))
        if not hits:
            print("geen resultaten", file=sys.stderr)
    return EXIT_OK
