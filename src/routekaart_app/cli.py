"""Headless verbs: `routekaart validate | search | inventory | advise | render | cases | bench`.

Bad arguments get one line and exit 2, never a traceback. A genuine bug prints a traceback only
with `--debug`.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130

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

    def _print_message(self, message: str, file=None) -> None:
        # argparse swallows a failed write (help to a full disk would say nothing and exit 0);
        # here it ends as any failed output does: one line, exit 4.
        if message:
            (file or sys.stderr).write(message)

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

    given = getattr(args, "content", None)
    if given is not None and not given.strip():
        raise UsageError("--content: geen map opgegeven (lege waarde)")
    try:
        folder = override_content_dir(given) or bundled_content_dir()
        exists, is_dir = folder.exists(), folder.is_dir()
    except (OSError, ValueError) as exc:  # e.g. a NUL character or a name too long for the system
        raise UsageError(f"contentmap onbruikbaar: {given}: {exc}") from None
    if not is_dir:
        raise UsageError(f"contentmap {'is geen map' if exists else 'bestaat niet'}: {folder}")
    return load_content(folder)


def cmd_validate(args: argparse.Namespace) -> int:
    store = load_store(args)
    for problem in store.problems:
        print(one_line(str(problem)))  # one problem per line, even for a file name with a newline
    if store.problems:
        print(one_line(f"{len(store.problems)} probleem/problemen in {store.root}"), file=sys.stderr)
        return EXIT_PROBLEMS
    count = len(list(store.all_items()))
    print(one_line(f"ok: {count} items in {store.root}"), file=sys.stderr)
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
            print(one_line(f"{hit.score:7.2f}  {hit.kind:<14} {hit.id:<32} {hit.title}"))
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


class LostOutput(io.TextIOBase):
    """Stands in for a missing standard stream (a windowed exe without redirection, a closed
    descriptor): takes the output and remembers that some was lost, so the exit code can say so."""

    encoding = "utf-8"
    errors = "backslashreplace"

    def __init__(self) -> None:
        super().__init__()
        self.lost = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.lost = self.lost or bool(text)
        return len(text)


def _reopen_std(fd: int):
    """A UTF-8 text stream on descriptor `fd` when it is open (Windows: a windowed exe whose
    output is redirected but was left without sys.stdout); None otherwise."""
    import os

    try:
        os.fstat(fd)
        return open(fd, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    except (OSError, ValueError):
        return None


def _safe_streams() -> None:
    """Output that never crashes on an encoding or a missing console.

    Redirected output (a file, a pipe, the windowed exe's redirection, which Windows would write
    in cp1252) is written as UTF-8; a console keeps its own encoding, and an encoding asked for
    with PYTHONIOENCODING is kept. Either way a character it cannot show is written escaped
    (backslashreplace) instead of ending the program. No stream at all: the descriptor is used
    if it is open (Windows only: elsewhere a closed descriptor number may belong to another file
    later), else the output is dropped and counted as lost (exit 4 for stdout).
    """
    import os

    for fd, name in ((1, "stdout"), (2, "stderr")):
        stream = getattr(sys, name)
        if stream is None:
            stream = (_reopen_std(fd) if os.name == "nt" else None) or LostOutput()
            setattr(sys, name, stream)
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
        except (OSError, ValueError, LookupError):
            pass


#: The longest error line: a value of a megabyte (a municipality name) is cut, not echoed whole.
MAX_MESSAGE = 500


def say(message: str) -> None:
    """One line on stderr, `routekaart: ...`; a stderr that is full or closed is no new error."""
    text = one_line(message)
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    try:
        print(f"routekaart: {text}", file=sys.stderr, flush=True)
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
    """Flush standard output now (a full disk shows here, not at exit); False when it failed or
    when there was no standard output to take what was written."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        # Drop what could not be written, so the interpreter's own flush at exit does not fail again.
        sys.stdout = LostOutput()
        return False
    return not getattr(sys.stdout, "lost", False)


def run(argv: list[str]) -> int:
    """Run the CLI; returns the exit code. `argv` excludes the program name.

    Exit codes: 0 ok, 1 content problems (validate), 2 bad input, 3 internal error, 4 the output
    could not be written (a full disk, no standard output), 130 interrupted.
    """
    _safe_streams()
    debug = "--debug" in argv
    try:
        code = _dispatch(argv)
    except UsageError as exc:
        _flush_stdout()
        say(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _flush_stdout()
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `routekaart search x | head`: the reader had enough
        _flush_stdout()
        return EXIT_OK
    except OSError as exc:
        if debug:
            raise
        if exc.filename is not None:  # a file or folder of the user's that could not be used
            say(f"kan {exc.filename} niet gebruiken: {_os_reason(exc)}")
            return EXIT_USAGE
        _flush_stdout()  # writing the output failed (reading input is a UsageError above)
        say(f"kan de uitvoer niet wegschrijven ({_os_reason(exc)})")
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
    if not _flush_stdout():
        say("kan de uitvoer niet wegschrijven (schijf vol, of geen standaarduitvoer)")
        return EXIT_OUTPUT
    return code


def _dispatch(argv: list[str]) -> int:
    _register_extra_verbs()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test or args.verb is None:
        from .app import run_gui

        return run_gui(content=args.content, smoke_test=args.smoke_test)
    func = getattr(args, "func", None) or COMMANDS[args.verb]
    return func(args)


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
