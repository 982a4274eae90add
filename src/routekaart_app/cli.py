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

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_OUTPUT = 0, 1, 2, 3, 4

#: The most a facts file (or standard input) may hold; more is refused, never read to the end.
MAX_INPUT_BYTES = 1024 * 1024
#: The most results `search --limit` gives.
MAX_LIMIT = 10_000


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


def _content_arg(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # On a verb the default is "not given" (SUPPRESS), so `routekaart --content MAP validate` keeps
    # the MAP given before the verb instead of silently falling back to the bundled content.
    parser.add_argument(
        "--content", metavar="MAP", help="andere contentmap (ook: ROUTEKAART_CONTENT)",
        **({} if top else {"default": argparse.SUPPRESS}),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="routekaart",
        description="Routekaart: offline handboek en beslishulp huiselijk geweld en kindermishandeling. "
        "Zonder opdracht opent het venster.",
    )
    parser.add_argument("--version", action="version", version=f"routekaart {__version__}")
    parser.add_argument("--smoke-test", action="store_true", help="start het venster, meet de opstarttijd en stop")
    parser.add_argument("--debug", action="store_true", help="toon een traceback bij een interne fout")
    _content_arg(parser, top=True)
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

    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit moet tussen 1 en {MAX_LIMIT} liggen")
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


def one_line(text: str) -> str:
    """A message as one line: newlines and other control characters shown escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


def _safe_streams() -> None:
    """Output that never crashes on an encoding or a missing console.

    Redirected output (a file, a pipe, the windowed exe's redirection) is written as UTF-8; a
    console keeps its own encoding. Either way a character it cannot show is written escaped
    (backslashreplace) instead of ending the program. No console at all (a windowed exe): output
    goes nowhere rather than failing.
    """
    import os

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            tty = stream.isatty()
        except (OSError, ValueError):
            tty = False
        try:
            if tty or os.environ.get("PYTHONIOENCODING"):
                reconfigure(errors="backslashreplace")
            else:
                reconfigure(encoding="utf-8", errors="backslashreplace")
        except (OSError, ValueError):
            pass


def _os_reason(exc: OSError) -> str:
    """Why a read or write failed, in Dutch where the reason is a common one."""
    import errno

    dutch = {
        errno.ENOSPC: "schijf vol",
        errno.EACCES: "geen toegang",
        errno.EPERM: "geen toegang",
        errno.ENOENT: "bestaat niet",
        errno.EISDIR: "is een map",
        errno.EROFS: "alleen-lezen",
    }
    return dutch.get(exc.errno or 0) or one_line(exc.strerror or type(exc).__name__)


def _flush_stdout() -> bool:
    """Flush standard output now (a full disk shows here, not at exit); False when it failed."""
    import os

    try:
        sys.stdout.flush()
        return True
    except OSError:
        # Drop what could not be written, so the interpreter's own flush at exit does not fail again.
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return False


def run(argv: list[str]) -> int:
    """Run the CLI; returns the exit code. `argv` excludes the program name.

    Exit codes: 0 ok, 1 content problems (validate), 2 bad input, 3 internal error, 4 the output
    could not be written (e.g. a full disk), 130 interrupted.
    """
    _safe_streams()
    debug = "--debug" in argv
    try:
        _register_extra_verbs()
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.smoke_test or args.verb is None:
            from .app import run_gui

            return run_gui(content=args.content, smoke_test=args.smoke_test)
        func = getattr(args, "func", None) or COMMANDS[args.verb]
        code = func(args)
        if not _flush_stdout():
            print("routekaart: kan de uitvoer niet wegschrijven (schijf vol of niet beschrijfbaar)", file=sys.stderr)
            return EXIT_OUTPUT
        return code
    except UsageError as exc:
        print(f"routekaart: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # writing the output failed (reading input is a UsageError above)
        if debug:
            raise
        _flush_stdout()
        print(f"routekaart: kan de uitvoer niet wegschrijven ({_os_reason(exc)})", file=sys.stderr)
        return EXIT_OUTPUT
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    except Exception as exc:  # a genuine bug
        if debug:
            raise
        print(
            f"routekaart: interne fout: {type(exc).__name__}: {one_line(exc)[:300]} (start opnieuw met --debug voor details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)


def read_input_text(path: str, limit: int = MAX_INPUT_BYTES) -> str:
    """The UTF-8 text of a file or `-` (stdin), read with a size limit; problems are one line.

    At most `limit` bytes are read, so /dev/zero or an endless pipe ends at once.
    """
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
            if stream is None:
                raise UsageError("geen standaardinvoer om te lezen (geef een bestand)")
            data = stream.read(limit + 1)
        else:
            target = Path(path).expanduser()
            if target.is_dir():
                raise UsageError(f"{path} is een map, geen bestand")
            with open(target, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"kan {path} niet lezen: {_os_reason(exc)}") from None
    except (RuntimeError, ValueError) as exc:
        raise UsageError(f"kan {path} niet lezen: {exc}") from None
    if len(data) > limit:
        raise UsageError(f"{path}: te groot (meer dan {limit // 1024} kB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: geen geldige UTF-8-tekst (byte {exc.start})") from None


def read_json_file(path: str) -> Any:
    """Read JSON from a file or `-` (stdin); bad input raises UsageError with one line.

    JSON that is nested too deep or holds an absurdly long number is refused like any other bad
    input.
    """
    text = read_input_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise UsageError(f"{path}: JSON te diep genest") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        what = "een getal met te veel cijfers" if "digits" in str(exc) else "een ongeldige waarde"
        raise UsageError(f"{path}: {what} in de JSON") from None
