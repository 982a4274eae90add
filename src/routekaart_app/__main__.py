"""`routekaart` / `python -m routekaart_app`: the GUI without a verb, the CLI with one."""

import sys
from typing import NoReturn


def _gui_request(argv: list[str]) -> tuple[str | None, bool] | None:
    """(content, smoke_test) when the arguments only ask for the window; None for the CLI.

    Opening the window is the common case; it skips building the argument parser.
    """
    content, smoke, rest = None, False, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--smoke-test" and not smoke:
            smoke = True
        elif arg == "--content" and rest and content is None and not rest[0].startswith("-"):
            content = rest.pop(0)
        elif arg.startswith("--content=") and content is None and len(arg) > len("--content="):
            content = arg.split("=", 1)[1]
        else:
            return None
    return content, smoke


def _leave(code: int) -> NoReturn:
    """End the GUI process once the window has closed, without Python's module teardown.

    By now `run_gui` has written the settings and destroyed the window and the QApplication.
    What is left is freeing PySide's hundreds of type objects and the content one by one, about
    20 ms of a closing app that the operating system does at once. Exit handlers (atexit) still
    run and stdout/stderr are flushed first, so nothing that was meant to be written is lost.
    """
    import atexit
    import contextlib
    import os

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:
        run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # no console (windowed bundle), closed pipe
            stream.flush()
    os._exit(code)


def main() -> int:
    request = _gui_request(sys.argv[1:])
    if request is not None:
        try:
            from .app import run_gui

            code = run_gui(content=request[0], smoke_test=request[1])
        except KeyboardInterrupt:
            return 130
        except Exception as exc:  # before the window's own crash dialog is installed
            why = type(exc).__name__
            print(f"routekaart: interne fout bij het starten: {why} (start opnieuw met --debug voor details)", file=sys.stderr)
            return 3
        _leave(code)
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
