"""What every verb module shares: exit codes, the one-line usage error, `--content` and the
content it names, and reading the user's input files with a size limit.

Verb modules import from here (never from the package `cli` itself, which imports them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130

#: The most a facts file (or standard input) may hold; more is refused, never read to the end.
MAX_INPUT_BYTES = 1024 * 1024


class UsageError(Exception):
    """Bad input from the user: one line, exit 2."""


def content_arg(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # On a verb the default is "not given" (SUPPRESS), so `routekaart --content MAP validate` keeps
    # the MAP given before the verb instead of silently falling back to the bundled content.
    what = "andere contentmap (ook: ROUTEKAART_CONTENT)"
    if top:
        parser.add_argument("--content", metavar="MAP", help=what)
    else:
        parser.add_argument("--content", metavar="MAP", help=what, default=argparse.SUPPRESS)


def load_store(args: argparse.Namespace):
    """The content the CLI works on: `--content`/ROUTEKAART_CONTENT or the bundled content."""
    from ..content import load_content
    from ..paths import bundled_content_dir, override_content_dir

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


def one_line(text: object) -> str:
    """A message as one line: newlines and other control characters shown escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


def os_reason(exc: OSError) -> str:
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
        raise UsageError(f"kan {path} niet lezen: {os_reason(exc)}") from None
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
