"""The security boundary between content and the reader: Markdown -> safe HTML. No Qt here.

Content may come from a replaced content folder, so every text is untrusted. What this module
guarantees for the HTML it returns (`markdown_to_html`, `inline`, `sanitize`):

- Only the tags in `_ALLOWED_TAGS` with the attributes in `_ALLOWED_ATTRIBUTES` survive (nh3,
  an HTML5 parser); scripts, styles, event handlers, forms, frames and comments are removed.
- Links: only `item:`, `section:`, `home:` (internal, `INTERNAL_SCHEMES`) and `http(s):` stay
  links; `tel:` and `mailto:` become plain text with the address (the app never dials or mails);
  every other scheme (javascript:, file:, data:, ...) is dropped, and an `<a>` without an
  allowed target becomes its text.
- Images only from the bundled resources: `res:` plus a relative path without `..`
  (`is_resource_url`); any other image is removed.
- Bounded work: text too large or too deeply nested for Python-Markdown or Qt to handle in
  reasonable time (`too_complex`, the MAX_* limits) is shown as escaped plain text, and tags
  nested deeper than MAX_TAG_DEPTH (tables: MAX_TABLE_DEPTH) are dropped while their text stays.
- `esc` escapes text for HTML (&, <, > and, unless asked otherwise, both quotes).

Page layout (which fields, headings, the region's contacts) is in `render.py`, which uses only
these functions to turn content text into HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

#: URL schemes the reader handles: internal items, sections, the home page.
INTERNAL_SCHEMES = ("item", "section", "home")
#: Schemes that stay links: the internal ones and the web (which the reader opens only after asking).
_LINK_SCHEMES = {"item", "section", "home", "http", "https"}
#: Link schemes that are shown as plain text, with the address (the app never dials or mails).
_TEXT_SCHEMES = {"tel", "mailto"}
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"align"}, "th": {"align"}, "abbr": {"title"}}
# The patterns below are strings, compiled on first use (and then kept) by `re`'s own cache: the
# first window needs none of them, and compiling all of them at import cost every start ~1 ms.
#: `res:` + a relative path inside the bundled resources folder (no `..`, no leading `/`).
_RES_URL = r"^res:[a-z0-9_-][a-z0-9_.-]*(?:/[a-z0-9_-][a-z0-9_.-]*)*$"
_ATTRS = r'(?:[^>"]|"[^"]*")*'  # the attributes of a tag in nh3's output (values always quoted)
_ANCHOR_WITHOUT_HREF = r"(?s)<a(?=[\s>])(?![^>]*\bhref=)" + _ATTRS + r">(.*?)</a>"
_TEXT_ANCHOR = r'(?si)<a\b[^>]*?\bhref="((?:tel|mailto):[^"]*)"' + _ATTRS + r">(.*?)</a>"
_ANCHOR_REL = r" rel=\"noopener noreferrer\""
_TAG = r"<(/?)([a-zA-Z][a-zA-Z0-9]*)" + _ATTRS + ">"

#: Limits that keep hostile content from hanging or crashing the reader. Beyond them, Markdown
#: is shown as plain text (MAX_*), or the deepest tags are dropped while their text stays.
MAX_MARKDOWN_CHARS = 200_000
MAX_LINE_CHARS = 20_000  # Qt lays out one long word in quadratic time
MAX_LINK_BRACKETS = 1_000  # '[' in one text: Python-Markdown's link search is quadratic in them
MAX_ANGLE_BRACKETS = 5_000  # '<' in one text: raw inline HTML is slow to stash
MAX_INDENT = 64  # columns of indentation of a line (deeply nested lists are very slow)
MAX_QUOTE_DEPTH = 16  # '>' at the start of a line
MAX_TAG_DEPTH = 24  # nested HTML elements after sanitizing
MAX_TABLE_DEPTH = 3  # nested tables: Qt's table layout is exponential in their depth
_VOID_TAGS = {"br", "hr", "img"}
_TABLE_PARTS = {"table", "thead", "tbody", "tr", "td", "th"}
_QUOTE_PREFIX = r"^[ \t]*(?:>[ \t]*)+"


def _scheme(url: str) -> str:
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url.strip())
    return match.group(1).lower() if match else ""


def is_resource_url(url: str) -> bool:
    """True for an image address inside the bundled resources (`res:icons/x.png`)."""
    return bool(re.match(_RES_URL, url)) and ".." not in url


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        scheme = _scheme(value)
        return value if scheme in _LINK_SCHEMES or scheme in _TEXT_SCHEMES else None
    if tag == "img" and attr == "src":
        return value if is_resource_url(value) else None
    return value


def _anchor_as_text(match: re.Match) -> str:
    """`[Bel ons](tel:0800-2000)` -> `Bel ons (0800-2000)`: the address as text, never a link."""
    from html import unescape  # only here: the module's entity tables cost start-up time

    href, text = unescape(match.group(1)), match.group(2)
    address = unquote(href.split(":", 1)[1]).split("?", 1)[0].strip()
    shown = unescape(re.sub(r"<[^>]*>", "", text))
    if not address or address in shown:
        return text
    return f"{text} ({esc(address, quote=False)})"


def _limit_nesting(fragment: str) -> str:
    """Drop tags nested deeper than MAX_TAG_DEPTH (tables: MAX_TABLE_DEPTH); their text stays."""
    if fragment.count("<") <= MAX_TAG_DEPTH and fragment.count("<table") <= MAX_TABLE_DEPTH:
        return fragment
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, kept)
    pos = depth = tables = dropped_tables = 0
    for match in re.finditer(_TAG, fragment):
        out.append(fragment[pos : match.start()])
        pos = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _VOID_TAGS:
            out.append(match.group(0))
            continue
        if not closing:
            keep = depth < MAX_TAG_DEPTH
            if name in _TABLE_PARTS:
                keep = keep and dropped_tables == 0 and (name != "table" or tables < MAX_TABLE_DEPTH)
            if name == "table":
                tables, dropped_tables = (tables + 1, dropped_tables) if keep else (tables, dropped_tables + 1)
            stack.append((name, keep))
            if keep:
                depth += 1
                out.append(match.group(0))
            continue
        index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
        if index is None:
            continue  # a stray end tag (nh3 never writes one)
        while len(stack) > index:
            open_name, kept = stack.pop()
            if open_name == "table":
                tables, dropped_tables = (tables - 1, dropped_tables) if kept else (tables, dropped_tables - 1)
            if kept:
                depth -= 1
                out.append(f"</{open_name}>")
            else:
                out.append(" ")
    out.append(fragment[pos:])
    return "".join(out)


def sanitize(fragment: str) -> str:
    """Keep safe markup only; links without an allowed target become plain text."""
    import nh3  # on first use: the home page needs no sanitizer, so the window opens without it

    cleaned = nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_LINK_SCHEMES | _TEXT_SCHEMES | {"res"},
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = re.sub(_ANCHOR_WITHOUT_HREF, r"\1", cleaned)
    cleaned = re.sub(_TEXT_ANCHOR, _anchor_as_text, cleaned)
    cleaned = re.sub(r"<img(?![^>]*\bsrc=)[^>]*>", "", cleaned)  # images whose source was dropped
    return _limit_nesting(re.sub(_ANCHOR_REL, "", cleaned))


def too_complex(text: str) -> str:
    """Why `text` is too large or too deeply nested to format safely ("" when it is fine).

    Python-Markdown needs quadratic or worse time for some nestings; these cheap checks keep a
    hostile page from hanging the reader. Such text is shown as plain text instead.
    """
    if len(text) > MAX_MARKDOWN_CHARS:
        return f"meer dan {MAX_MARKDOWN_CHARS} tekens"
    if text.count("[") > MAX_LINK_BRACKETS:
        return f"meer dan {MAX_LINK_BRACKETS} keer '['"
    if text.count("<") > MAX_ANGLE_BRACKETS:
        return f"meer dan {MAX_ANGLE_BRACKETS} keer '<'"
    for line in text.splitlines():
        if len(line) > MAX_LINE_CHARS:
            return f"een regel van meer dan {MAX_LINE_CHARS} tekens"
        if not line or line[0] not in " \t>":
            continue
        stripped = line.lstrip(" \t")
        if len(line[: len(line) - len(stripped)].expandtabs(4)) > MAX_INDENT:
            return f"inspringing van meer dan {MAX_INDENT} posities"
        quote = re.match(_QUOTE_PREFIX, line)
        if quote and quote.group(0).count(">") > MAX_QUOTE_DEPTH:
            return f"citaten dieper dan {MAX_QUOTE_DEPTH} niveaus"
    return ""


def _plain_html(text: str) -> str:
    """Text as escaped paragraphs; very long words get invisible break points (U+200B)."""
    text = re.sub(r"\S{1000}", lambda m: m.group(0) + "\u200b", text)
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "".join("<p>" + esc(p).replace("\n", "<br>") + "</p>" for p in paragraphs if p.strip())


@lru_cache(maxsize=1)
def _markdown():
    import markdown  # imported on first use: not needed to show the window

    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> str:
    """Render Markdown through the one pipeline the reader uses, then sanitize it."""
    if not text:
        return ""
    if too_complex(text):
        return sanitize(_plain_html(text))
    md = _markdown()
    md.reset()
    try:
        rendered = md.convert(text)
    except RecursionError:
        rendered = _plain_html(text)
    return sanitize(rendered)


def inline(text: str) -> str:
    """Markdown for a short field: without the surrounding paragraph."""
    rendered = markdown_to_html(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def esc(text: Any, quote: bool = True) -> str:
    """`html.escape`, without importing `html` (its entity tables) at start-up."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text
