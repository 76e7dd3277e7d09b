"""Links on paper: the address of every external link is printed beside it.

A pamphlet is read on paper even in its reading edition (it is printed at
home), so a link whose address is only in the PDF's annotation is a dead end
for most readers.  Each ``http``, ``https`` and ``mailto`` link is therefore
followed by its address in parentheses, itself a clickable link:

    Sign the petition on our branch website (https://…/petition).

Inline parentheses are the default (``[tool.pliego.build] links = "inline"``):
a leaflet's call to action is read once, where it stands, and a reader copying
an address should not have to hunt for it.  ``links = "notes"`` prints each
address as a note at the foot of the page instead, in a series of its own
(a, b, c… beside the notes' 1, 2, 3…: WeasyPrint has one footnote counter, so
an address note gives back the step it takes, ``counter-increment: linknote
footnote -1``), for texts with many links where parentheses would break up the
reading.  A link inside a note keeps its address in parentheses (a note cannot
have a note).  Address notes are checked after layout like the other notes
(:mod:`pliego.pamphlet.placement`).

``mailto:`` links show the bare address; a link whose text already is its
address (``<https://…>``, ``[a@b.org](mailto:a@b.org)``) is not repeated.
Addresses may break after ``/``, ``.`` and ``-`` (a ``<wbr>``), never with an
added hyphen (the stylesheet turns hyphenation off inside them).
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from pliego.pamphlet.footnotes import NOTE_CLASS, mark_block

_SCHEMES = ("http", "https", "mailto")
LINK_ID = "link-{}"
_BREAK_AFTER = re.compile(r"(?<=[/.\-])(?=.)")


def shown_address(href: str) -> str | None:
    """The address a reader needs to type, or None for an internal link."""
    split = urlsplit(href)
    scheme = split.scheme.lower()
    if scheme not in _SCHEMES:
        return None
    if scheme == "mailto":
        return unquote(href[len("mailto:") :].split("?", 1)[0]) or None
    return href


def breakable(address: str) -> str:
    """The address as escaped HTML with a line-break opportunity after ``/ . -``
    (none inside the ``//`` of the scheme, where a break would read as the end)."""
    head, sep, tail = address.partition("://")
    if not sep:
        head, tail = "", address
    else:
        head += sep
    parts = _BREAK_AFTER.split(tail)
    return html.escape(head) + "<wbr>".join(html.escape(p) for p in parts)


def _text(children: list[Token]) -> str:
    return "".join(c.content for c in children if c.type in ("text", "code_inline")).strip()


def print_addresses(tokens: list[Token], style: str = "inline") -> None:
    """After each external link, its address in parentheses, or with ``style``
    "notes" as a note at the foot of the page (in place; see the module docstring)."""
    in_note = False
    numbered = 0
    for index, token in enumerate(tokens):
        if token.type in ("footnote_block_open", "footnote_block_close"):
            in_note = token.type == "footnote_block_open"
        if token.type != "inline" or not token.children:
            continue
        as_notes = style == "notes" and not in_note
        placed: list[str] = []
        out: list[Token] = []
        opened: list[tuple[int, str]] = []
        for child in token.children:
            if child.type == "link_open":
                opened.append((len(out), str(child.attrs.get("href", ""))))
            out.append(child)
            if child.type != "link_close" or not opened:
                continue
            start, href = opened.pop()
            address = shown_address(href)
            if address is None:
                continue
            label = _text(out[start + 1 : -1])
            if label in (address, href):
                # The text is the address: only make it breakable.
                out[start + 1 : -1] = [
                    _html(f'<span class="link-address">{breakable(address)}</span>')
                ]
                continue
            shown = f'<a class="link-address" href="{html.escape(href)}">{breakable(address)}</a>'
            if not as_notes:
                out.append(_html(f" ({shown})"))
                continue
            numbered += 1
            placed.append(LINK_ID.format(numbered))
            out.append(
                _html(f'<span class="{NOTE_CLASS} linknote" id="{placed[-1]}">{shown}</span>')
            )
        token.children = out
        if placed:
            mark_block(tokens, index, placed)


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def drop_back_links(tokens: list[Token]) -> None:
    """Remove the notes' "↩" back-links: on paper they are a stray glyph, and in the
    PDF the note's number already leads back to the text (in place)."""
    tokens[:] = [t for t in tokens if t.type != "footnote_anchor"]
    for token in tokens:
        if token.children:
            token.children = [c for c in token.children if c.type != "footnote_anchor"]
