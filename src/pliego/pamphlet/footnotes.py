"""Notes at the foot of the page: each note's text moved to where it is referenced.

markdown-it renders notes as an endnote list after the article, which is what a
screen wants.  On paper a reader expects the note at the foot of the page that
refers to it, and WeasyPrint does that with ``float: footnote`` on an element
that stands *where the reference is*: it leaves the number (``::footnote-call``)
in the line and moves the element to the page's footnote area, numbering both
with its ``footnote`` counter.  :func:`notes_at_foot` rewrites the token stream
accordingly, before rendering:

* the first reference to a note becomes ``<span class="footnote" id="note-N">``
  holding the note's text (WeasyPrint numbers it: the N-th note element is
  note N, in the order the references appear);
* a second reference to the same note prints its number only (``<sup>``): the
  text is already at the foot of an earlier page;
* the endnote block disappears, except for a note nothing refers to any more (a
  draft of a translation that lost the reference): it is kept after the article,
  so its text is never silently gone (a release stops at the check gate first).

The note's text is nested in a paragraph, so only phrasing elements may carry
it: each paragraph of a note after the first (which runs on after the number)
becomes a ``<span class="note-p">`` that the stylesheet displays as a block.
The ``↩`` back-links are dropped (on paper they are a stray glyph).  Whether
WeasyPrint then really put each note on its reference's page is checked after
layout (:mod:`pliego.pamphlet.placement`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from markdown_it.token import Token

#: CSS classes the stylesheet and the placement check rely on.
NOTE_CLASS = "footnote"
NOTE_ID = "note-{}"
#: On the block that calls notes: which ones (so a second layout can address it in CSS).
NOTES_ATTR = "data-notes"
#: On the element a page break would go before to bring those notes' block to a new page.
BREAK_ATTR = "data-notes-break"


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


@dataclass(frozen=True)
class _Notes:
    """The notes by markdown-it id: their block tokens, the same as inline tokens,
    and the printed number of each one placed so far (filled in as they are)."""

    blocks: dict[int, list[Token]]
    bodies: dict[int, list[Token]]
    numbers: dict[int, int] = field(default_factory=dict)


def _inline_body(block: list[Token]) -> list[Token]:
    """A note's block tokens as phrasing content (see the module docstring)."""
    out: list[Token] = []
    paragraphs = 0
    for token in block:
        if token.type == "footnote_anchor":
            continue
        if token.type == "inline":
            out.extend(c for c in token.children or [] if c.type != "footnote_anchor")
        elif token.type in ("fence", "code_block"):
            out.append(_html(f'<span class="note-code">{html.escape(token.content)}</span>'))
        elif token.type == "list_item_open":
            out.append(_html('<span class="note-li">'))
        elif token.type == "paragraph_open" and not token.hidden:
            # the first paragraph runs on after the note's number; later ones start a line
            paragraphs += 1
            out.append(_html('<span class="note-p">' if paragraphs > 1 else "<span>"))
        elif (token.type == "paragraph_close" and not token.hidden) or (
            token.type == "list_item_close"
        ):
            out.append(_html("</span>"))
    return out


def _take_block(tokens: list[Token]) -> _Notes:
    """Remove the endnote block from ``tokens`` and keep each note's tokens."""
    blocks: dict[int, list[Token]] = {}
    kept: list[Token] = []
    current: int | None = None
    inside = False
    for token in tokens:
        if token.type == "footnote_block_open":
            inside = True
        elif token.type == "footnote_block_close":
            inside = False
        elif token.type == "footnote_open":
            current = int(token.meta.get("id", 0))
            blocks[current] = []
        elif token.type == "footnote_close":
            current = None
        elif inside and current is not None:
            blocks[current].append(token)
        if not inside and token.type != "footnote_block_close":
            kept.append(token)
    tokens[:] = kept
    return _Notes(blocks, {k: _inline_body(block) for k, block in blocks.items()})


def notes_at_foot(tokens: list[Token]) -> None:
    """Move every note's text to its first reference, as a ``float: footnote``
    element (in place; see the module docstring)."""
    notes = _take_block(tokens)
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        placed: list[str] = []
        out: list[Token] = []
        for child in token.children:
            if child.type != "footnote_ref":
                out.append(child)
                continue
            key = int(child.meta.get("id", 0))
            if key not in notes.bodies:  # a reference to no note: print nothing
                continue
            if key in notes.numbers:
                out.append(_html(f'<sup class="footnote-again">{notes.numbers[key]}</sup>'))
                continue
            number = notes.numbers[key] = len(notes.numbers) + 1
            placed.append(NOTE_ID.format(number))
            out.append(_html(f'<span class="{NOTE_CLASS}" id="{placed[-1]}">'))
            out.extend(notes.bodies[key])
            out.append(_html("</span>"))
        token.children = out
        if placed:
            mark_block(tokens, index, placed)
    orphans = [k for k in notes.blocks if k not in notes.numbers]
    if orphans:
        tokens.append(_html_block('<section class="footnotes unreferenced">'))
        for key in orphans:
            tokens.extend(notes.blocks[key])
        tokens.append(_html_block("</section>"))


def mark_block(tokens: list[Token], index: int, ids: list[str]) -> None:
    """Name the notes an inline token calls on its block (:data:`NOTES_ATTR`) and on
    the element a page break would go before (:data:`BREAK_ATTR`), for the second
    layout of :mod:`pliego.pamphlet.placement` (in place; adds to what is there)."""
    block, lead = _block_of(tokens, index)
    for token, attr in ((block, NOTES_ATTR), (lead, BREAK_ATTR)):
        token.attrSet(attr, " ".join([*str(token.attrGet(attr) or "").split(), *ids]))


def _block_of(tokens: list[Token], index: int) -> tuple[Token, Token]:
    """The opening token of the printed block an inline token is in (a tight list's
    paragraphs are hidden: their list item is the block), and the one a page break
    would go before: the heading just above it, if any (a heading never ends a page)."""
    for at in range(index - 1, -1, -1):
        token = tokens[at]
        if token.nesting == 1 and not token.hidden:
            break
    else:  # markdown-it never puts an inline token outside a block
        raise ValueError("an inline token outside any block")
    if at >= 3 and tokens[at - 1].type == "heading_close":
        return token, tokens[at - 3]
    return token, token


def _html_block(content: str) -> Token:
    token = Token("html_block", "", 0)
    token.content = content + "\n"
    return token
