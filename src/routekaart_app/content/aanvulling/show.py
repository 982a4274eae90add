"""How a value from an aanvulling is shown: its extra details and its origin, as HTML or text.

One place for the reader, the intake view, the wizard's contacts and the record, so the origin
("aanvulling van <publisher>, <date>", with "niet ondertekend" when so) reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..sanitize import esc

#: The CSS class of the origin line (the reader's and the record's style sheets may style it).
ORIGIN_CLASS = "herkomst"


def details_line(details: Sequence[tuple[str, str]]) -> str:
    """"E-mail: x; Website: y" (plain text; "" without details)."""
    return "; ".join(f"{label}: {value}" for label, value in details)


def extra_html(details: str | Sequence[tuple[str, str]], origin: str) -> str:
    """The details and the origin under a contact, as safe HTML ("" when neither)."""
    text = details if isinstance(details, str) else details_line(details)
    out = f"<br><small>{esc(text)}</small>" if text else ""
    if origin:
        out += f'<br><small class="{ORIGIN_CLASS}"><i>Bron: {esc(origin)}</i></small>'
    return out


def extra_text(details: str | Sequence[tuple[str, str]], origin: str) -> str:
    """The same as plain text, for the record's text and the CLI ("" when neither)."""
    text = details if isinstance(details, str) else details_line(details)
    if origin:
        text = f"{text} (bron: {origin})" if text else f"(bron: {origin})"
    return text
