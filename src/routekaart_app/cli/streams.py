"""Standard output and error that never crash the CLI: an encoding they cannot show, a missing
console (a windowed exe) or a full disk end as an exit code and one line, never a traceback."""

from __future__ import annotations

import contextlib
import io
import sys

from .common import one_line


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


def safe_streams() -> None:
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
    with contextlib.suppress(OSError, ValueError):
        print(f"routekaart: {text}", file=sys.stderr, flush=True)


def flush_stdout() -> bool:
    """Flush standard output now (a full disk shows here, not at exit); False when it failed or
    when there was no standard output to take what was written."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        # Drop what could not be written, so the interpreter's own flush at exit does not fail again.
        sys.stdout = LostOutput()
        return False
    return not getattr(sys.stdout, "lost", False)
