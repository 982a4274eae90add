"""`routekaart validate [--content MAP]`: check all content, one problem per line."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, EXIT_PROBLEMS, content_arg, load_store, one_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    content_arg(parser)


def run(args: argparse.Namespace) -> int:
    store = load_store(args)
    for problem in store.problems:
        print(one_line(str(problem)))  # one problem per line, even for a file name with a newline
    if store.problems:
        print(one_line(f"{len(store.problems)} probleem/problemen in {store.root}"), file=sys.stderr)
        return EXIT_PROBLEMS
    count = len(list(store.all_items()))
    print(one_line(f"ok: {count} items in {store.root}"), file=sys.stderr)
    return EXIT_OK
