"""`routekaart` / `python -m routekaart_app`: the GUI without a verb, the CLI with one."""

import sys


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


def main() -> int:
    request = _gui_request(sys.argv[1:])
    if request is not None:
        try:
            from .app import run_gui

            return run_gui(content=request[0], smoke_test=request[1])
        except KeyboardInterrupt:
            return 130
        except Exception as exc:  # before the window's own crash dialog is installed
            print(f"routekaart: interne fout bij het starten: {type(exc).__name__} (start opnieuw met --debug voor details)", file=sys.stderr)
            return 3
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
