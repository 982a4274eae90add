"""`routekaart render --markdown FILE | --item ID`: the reader's HTML, without a window.

`--markdown` renders one standalone Markdown file (front matter, if any, is left out; its `title`
becomes the page title) through exactly the pipeline the reader uses: `markdown_to_html` (Markdown,
then the sanitizer) inside the reader's page `document`. `--item` prints the reader's page of a
content item. Handy to check what hostile or odd content turns into.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, UsageError, content_arg, load_store, read_input_text

#: The same limit the loader uses for one content file.
MAX_BYTES = 2 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--markdown", metavar="BESTAND", help="een los Markdown-bestand; '-' = standaardinvoer")
    what.add_argument("--item", metavar="ID", help="de pagina van een item uit de content")
    parser.add_argument("--fragment", action="store_true", help="alleen de HTML van de tekst, zonder pagina eromheen")
    parser.add_argument("--gemeente", metavar="NAAM", help="met --item: toon de pagina voor deze gemeente (regio)")
    content_arg(parser)


def read_markdown(name: str) -> str:
    """The text of FILE (or stdin for `-`); any problem is a UsageError of one line."""
    text = read_input_text(name, MAX_BYTES)
    if "\x00" in text:
        raise UsageError(f"{name} bevat een NUL-teken (geen tekstbestand?)")
    return text


def _title_and_body(text: str, fallback: str) -> tuple[str, str]:
    from ..content.loader import split_front_matter

    front, body, _ = split_front_matter(text)
    title = fallback
    if front is not None:
        for line in front.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() == "title" and value.strip():
                title = value.strip().strip("'\"")
                break
    return title, body


def _write(text: str) -> None:
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):  # e.g. a Windows console: characters as references
        text = text.encode(encoding, "xmlcharrefreplace").decode(encoding, "replace")
    sys.stdout.write(text + "\n")


def run(args: argparse.Namespace) -> int:
    from ..content.render import PageRenderer, document, markdown_to_html

    if args.markdown is not None:
        if args.gemeente:
            raise UsageError("--gemeente hoort bij --item")
        text = read_markdown(args.markdown)
        stem = "standaardinvoer" if args.markdown == "-" else Path(args.markdown).stem
        title, body = _title_and_body(text, stem)
        fragment = markdown_to_html(body.strip())
        _write(fragment if args.fragment else document(title, fragment))
        return EXIT_OK

    store = load_store(args)
    if store.item(args.item) is None:
        raise UsageError(f"onbekend id: {args.item}")
    region = None
    if args.gemeente:
        mun = store.municipality_by_name(args.gemeente)
        if mun is None:
            raise UsageError(f"onbekende gemeente: {args.gemeente}")
        region = mun.region
    page = PageRenderer(store).render(args.item, region)
    if args.fragment:
        page = page[page.index("<body>") + len("<body>") : page.rindex("</body>")]
    _write(page)
    return EXIT_OK
