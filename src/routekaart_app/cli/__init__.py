"""Headless verbs: `routekaart validate | search | inventory | advise | render | cases | bench | aanvulling`.

Bad arguments get one line and exit 2, never a traceback. A genuine bug prints a traceback only
with `--debug`.

Layout: this module parses the arguments and dispatches; each verb lives in its own module
(`validate`, `search`, `inventory`, `advise`, `render`, `cases`, `bench`) with
`add_arguments(parser)` and `run(args) -> int`; what the verbs share is in `common` (and the
stream handling in `streams`). Verb modules never import this package module: it imports them,
lazily, only the verb that runs (`routekaart --help` imports none).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from typing import NoReturn

from .. import __version__
from .common import (  # noqa: F401  (re-exported: the exit codes and UsageError are the CLI's API)
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    UsageError,
    content_arg,
    one_line,
    os_reason,
)
from .streams import flush_stdout, safe_streams, say

#: Every verb: name -> one-line help. The module `routekaart_app.cli.<name>` holds its
#: `add_arguments(parser)` and `run(args)`; it is imported only when the verb is used.
VERBS: dict[str, str] = {
    "validate": "controleer alle content",
    "search": "zoek in de content",
    "inventory": "overzicht van wat de content bevat",
    "advise": "vervolgstappen bij een set feiten (JSON)",
    "bench": "de benchmarks met budgetten (alleen in een ontwikkelcheckout)",
    "cases": "de oefencasussen (feiten en verwachte aanbevelingen)",
    "render": "toon de HTML van een Markdown-bestand of pagina, zoals het leesvenster die maakt",
    "aanvulling": "lokale aanvullingen maken, controleren en ondertekenen (new, validate, sign, verify, inspect, keygen)",
}


def verb_module(name: str):
    """The module of verb `name` (imported on first use)."""
    return importlib.import_module(f"{__name__}.{name}")


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

    def _print_message(self, message: str, file=None) -> None:
        # argparse swallows a failed write (help to a full disk would say nothing and exit 0);
        # here it ends as any failed output does: one line, exit 4.
        if message:
            (file or sys.stderr).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


class _VerbParser(_Parser):
    """A verb's parser: its arguments are added from the verb's module only when this verb is
    the one being parsed, so the other verbs' modules are never imported."""

    def __init__(self, *args, verb: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._verb = verb
        self._ready = False

    def _prepare(self) -> None:
        if not self._ready:
            self._ready = True
            verb_module(self._verb).add_arguments(self)

    def parse_known_args(self, args=None, namespace=None):
        self._prepare()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._prepare()
        return super().format_usage()

    def format_help(self) -> str:
        self._prepare()
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="routekaart",
        description="Routekaart: offline handboek en beslishulp huiselijk geweld en kindermishandeling. "
        "Zonder opdracht opent het venster.",
    )
    parser.add_argument("--version", action="version", version=f"routekaart {__version__}")
    parser.add_argument("--smoke-test", action="store_true", help="start het venster, meet de opstarttijd en stop")
    parser.add_argument("--debug", action="store_true", help="toon een traceback bij een interne fout")
    content_arg(parser, top=True)
    verbs = parser.add_subparsers(dest="verb", metavar="OPDRACHT", parser_class=_VerbParser)
    for name, help_text in VERBS.items():
        verbs.add_parser(name, help=help_text, verb=name)
    return parser


def run(argv: list[str]) -> int:
    """Run the CLI; returns the exit code. `argv` excludes the program name.

    Exit codes: 0 ok, 1 content problems (validate), 2 bad input, 3 internal error, 4 the output
    could not be written (a full disk, no standard output), 130 interrupted.
    """
    safe_streams()
    debug = "--debug" in argv
    try:
        code = _dispatch(argv)
    except UsageError as exc:
        flush_stdout()
        say(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        flush_stdout()
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `routekaart search x | head`: the reader had enough
        flush_stdout()
        return EXIT_OK
    except OSError as exc:
        if debug:
            raise
        if exc.filename is not None:  # a file or folder of the user's that could not be used
            say(f"kan {exc.filename} niet gebruiken: {os_reason(exc)}")
            return EXIT_USAGE
        flush_stdout()  # writing the output failed (reading input is a UsageError above)
        say(f"kan de uitvoer niet wegschrijven ({os_reason(exc)})")
        return EXIT_OUTPUT
    except SystemExit as exc:  # --help / --version
        code = int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    except RecursionError:  # input that got past the checks above nested too deep
        if debug:
            raise
        say("invoer te diep genest")
        return EXIT_USAGE
    except Exception as exc:  # a genuine bug
        if debug:
            raise
        say(f"interne fout: {type(exc).__name__}: {one_line(exc)[:300]} (start opnieuw met --debug voor details)")
        return EXIT_INTERNAL
    if not flush_stdout():
        say("kan de uitvoer niet wegschrijven (schijf vol, of geen standaarduitvoer)")
        return EXIT_OUTPUT
    return code


def _dispatch(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test or args.verb is None:
        from ..app import run_gui

        return run_gui(content=args.content, smoke_test=args.smoke_test)
    return verb_module(args.verb).run(args)


def main(argv: list[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)
