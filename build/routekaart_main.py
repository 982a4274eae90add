"""Entry point of the frozen app (PyInstaller): the same `main` as the `routekaart` command."""

import os
import sys


def _windows_console() -> None:
    """The Windows exe is windowed (no console of its own).

    Started from a console with a verb or option (`Routekaart.exe validate`, `--smoke-test`), its
    output goes to that console; output that is redirected (pipe, file) already works. Without any
    console, output goes nowhere instead of failing on a missing sys.stdout/sys.stderr.
    """
    if sys.platform != "win32" or (sys.stdout is not None and sys.stderr is not None):
        return
    if len(sys.argv) > 1:
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
                sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        except Exception:
            pass
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


if __name__ == "__main__":
    _windows_console()
    from routekaart_app.__main__ import main

    sys.exit(main())
