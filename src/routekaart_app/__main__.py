"""`routekaart` / `python -m routekaart_app`: the GUI without a verb, the CLI with one."""

import sys


def main() -> int:
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
