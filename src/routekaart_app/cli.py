"""Headless verbs: `routekaart validate | search | inventory | advise | render | cases | bench`.

Bad arguments get one line and exit 2, never a traceback. A genuine bug prints a traceback only
with `--debug`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: one line, exit 2."""


#: argparse's English messages, in the app's language.
_DUTCH = (
    (re.compile(r"^unrecognized arguments: (.*)$"), r"onbekend argument: \1 (zie --help)"),
    (re.compile(r"^the following arguments are required: (.*)$"), r"ontbreekt: \1 (zie --help)"),
    (re.compile(r"^argument OPDRACHT: invalid choice: (.*?) \(choose from (.*)\)$"), r"onbekende opdracht \1 (kies uit \2)"),
    (re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"), r"\1: ongeldige keuze \2 (kies uit \3)"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"\1 verwacht een waarde"),
    (re.compile(r"^argument (\S+): invalid (\w+) value: (.*)$"), r"\1: ongeldige waarde \3"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line instead of usage + message
        for pattern, dutch in _DUTCH:
            if pattern.match(message):
                message = pattern.sub(dutch, message)
                break
        raise UsageError(" ".join(message.split()))

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", metavar="MAP", help="andere contentmap (ook: ROUTEKAART_CONTENT)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="routekaart",
        description="Routekaart: offline handboek en beslishulp huiselijk geweld en kindermishandeling. "
        "Zonder opdracht opent het venster.",
    )
    parser.add_argument("--version", action="version", version=f"routekaart {__version__}")
    parser.add_argument("--smoke-test", action="store_true", help="start het venster, meet de opstarttijd en stop")
    parser.add_argument("--debug", action="store_true", help="toon een traceback bij een interne fout")
    _content_arg(parser)
    verbs = parser.add_subparsers(dest="verb", metavar="OPDRACHT", parser_class=_Parser)

    p = verbs.add_parser("validate", help="controleer alle content")
    _content_arg(p)

    p = verbs.add_parser("search", help="zoek in de content")
    p.add_argument("query", metavar="ZOEKTERM")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--limit", type=int, default=20)
    _content_arg(p)

    p = verbs.add_parser("inventory", help="overzicht van wat de content bevat")
    p.add_argument("--format", choices=["text", "json"], default="text")
    _content_arg(p)

    for name, register in _EXTRA_VERBS.items():
        register(verbs.add_parser(name, help=_EXTRA_HELP.get(name, "")))
    return parser


# Verbs defined in other modules register here: name -> function(subparser) that adds arguments
# and sets `func` with set_defaults(func=...).
_EXTRA_VERBS: dict[str, Any] = {}
_EXTRA_HELP: dict[str, str] = {}


def _register_extra_verbs() -> None:
    from . import cli_extra  # noqa: F401  (registers advise, render, cases, bench ...)


def extra_verb(name: str, help_text: str):
    def decorator(register):
        _EXTRA_VERBS[name] = register
        _EXTRA_HELP[name] = help_text
        return register

    return decorator


# ---------------------------------------------------------------------------------------------


def load_store(args: argparse.Namespace):
    """The content the CLI works on: `--content`/ROUTEKAART_CONTENT or the bundled content."""
    from .content import load_content
    from .paths import bundled_content_dir, override_content_dir

    folder = override_content_dir(getattr(args, "content", None)) or bundled_content_dir()
    if not folder.is_dir():
        raise UsageError(f"contentmap bestaat niet: {folder}")
    return load_content(folder)


def cmd_validate(args: argparse.Namespace) -> int:
    store = load_store(args)
    for problem in store.problems:
        print(problem)
    if store.problems:
        print(f"{len(store.problems)} probleem/problemen in {store.root}", file=sys.stderr)
        return EXIT_PROBLEMS
    count = len(list(store.all_items()))
    print(f"ok: {count} items in {store.root}", file=sys.stderr)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from .search import SearchIndex

    if args.limit < 1:
        raise UsageError("--limit moet 1 of meer zijn")
    store = load_store(args)
    hits = SearchIndex.build(store).search(args.query, limit=args.limit)
    if args.format == "json":
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{hit.score:7.2f}  {hit.kind:<14} {hit.id:<32} {hit.title}")
        if not hits:
            print("geen resultaten", file=sys.stderr)
    return EXIT_OK


def cmd_inventory(args: argparse.Namespace) -> int:
    from .content.inventory import inventory

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


COMMANDS = {"validate": cmd_validate, "search": cmd_search, "inventory": cmd_inventory}


def run(argv: list[str]) -> int:
    """Run the CLI; returns the exit code. `argv` excludes the program name."""
    debug = "--debug" in argv
    try:
        _register_extra_verbs()
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.smoke_test or args.verb is None:
            from .app import run_gui

            return run_gui(content=args.content, smoke_test=args.smoke_test)
        func = getattr(args, "func", None) or COMMANDS[args.verb]
        return func(args)
    except UsageError as exc:
        print(f"routekaart: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    except Exception as exc:  # a genuine bug
        if debug:
            raise
        print(
            f"routekaart: interne fout: {type(exc).__name__}: {exc} (start opnieuw met --debug voor details)",
            file=sys.stderr,
        )
        return 3


def main(argv: list[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)


def read_json_file(path: str) -> Any:
    """Read JSON from a file or `-` (stdin); bad input raises UsageError with one line."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"kan {path} niet lezen: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}: {exc.msg})") from None
