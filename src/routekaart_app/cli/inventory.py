"""`routekaart inventory [--format text|json]`: what the content holds, and what it lacks."""

from __future__ import annotations

import argparse
import json

from .common import EXIT_OK, content_arg, load_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")
    content_arg(parser)


def run(args: argparse.Namespace) -> int:
    from ..content.inventory import inventory

    store = load_store(args)
    data = inventory(store)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    print(f"{data['title']} — versie {data['version']} ({data['date']})")
    for key in ("terms", "meldcode_steps", "afwegingsvragen", "red_flags", "interventions", "pages", "municipalities"):
        print(f"  {key:<16} {len(data[key])}")
    for region in data["regions"]:
        names = [m["name"] for m in data["municipalities"] if m["region"] == region["name"]]
        print(f"  {region['name']}: {len(names)} gemeenten: {', '.join(names)}")
    print(f"  zonder bron: {', '.join(data['missing_sources']) or 'geen'}")
    print(f"  niet ingevuld: {len(data['not_filled_in'])} velden")
    print(f"  verouderd (> 12 maanden): {', '.join(data['stale']) or 'geen'}")
    print(f"  bronnen: {len(data['sources'])} (de pagina Bronnen in het Help-menu)")
    for source in data["sources"]:
        print(f"    {source['key']:<28} {source['kind']:<10} {len(source['items']):>3} pagina's  {source['title']}")
    if data["problems"]:
        print(f"  problemen: {len(data['problems'])} (zie 'routekaart validate')")
    return EXIT_OK
