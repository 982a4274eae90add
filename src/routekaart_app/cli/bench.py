"""`routekaart bench [--format text|json] [--report] [--quick] [--runs N]`: the benchmark suite.

The benchmark lives with the source (`tests/bench/run.py`): this verb runs it from a development
checkout. An installed or frozen app has no benchmark and says so in one line.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from .common import EXIT_USAGE

#: The benchmark script in a checkout: src/routekaart_app/cli/ -> the repository root.
SCRIPT = Path(__file__).resolve().parents[3] / "tests" / "bench" / "run.py"
#: The most A/B pairs `--runs` takes (a huge number would run for ever).
MAX_RUNS = 1000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--report", action="store_true", help="toon de cijfers, faal nooit op een budget")
    parser.add_argument("--quick", action="store_true", help="minder metingen")
    parser.add_argument("--runs", type=int, default=None, help="aantal A/B-paren voor de opstarttijd")


def run(args: argparse.Namespace) -> int:
    if not SCRIPT.is_file():
        print(
            "routekaart bench: de benchmark hoort bij de broncode (tests/bench/run.py) en zit niet in deze installatie",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.runs is not None and not 1 <= args.runs <= MAX_RUNS:
        print(f"routekaart bench: --runs moet {'1 of meer' if args.runs < 1 else f'hoogstens {MAX_RUNS}'} zijn", file=sys.stderr)
        return EXIT_USAGE
    spec = importlib.util.spec_from_file_location("routekaart_bench", SCRIPT)
    assert spec is not None and spec.loader is not None  # an existing .py file has both
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    argv = ["--format", args.format] + ["--report"] * args.report + ["--quick"] * args.quick
    if args.runs is not None:
        argv += ["--runs", str(args.runs)]
    return bench.main(argv)
