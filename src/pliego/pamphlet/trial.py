"""Trial layouts: several variants of a few paragraphs, set in one small document.

Trying a remedy by laying the whole pamphlet out again costs a full render per
try, and a tried remedy that fails costs one more.  A paragraph's line breaks,
though, depend only on its text, its style and the width of its column, never on
the page it falls on: WeasyPrint breaks a paragraph into lines first and the
lines into pages after, and a page break never moves a line break.  So the
variants of every paragraph a pass would change are set one after another in a
single *trial document* made of the pamphlet's own ``<head>`` (the same
stylesheets, fonts and language), its ``<body>`` and ``<main>`` tags (the same
column and the same ``.article`` rules) and nothing else, each variant with the
indent its first line had in the pamphlet (``text-indent`` depends on the
paragraph's neighbours, which the trial does not have).  The trial is rendered
once and audited (:func:`pliego.pamphlet.audit.audit`); of each variant, only the
findings that belong to the paragraph itself count (:data:`PARAGRAPH_KINDS`):
a page turn, a low heading or a widow depend on where the page breaks fall,
which only the full render knows.

Only a justified paragraph (``p``) set directly in ``<main>`` is tried this way:
one in a quotation, a list or a table has another width.  The trial costs a
render of a few pages (its pages are counted, and ``bench/audit.py`` times it
against a full render); :mod:`pliego.pamphlet.fixes` decides what to try.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pliego.pamphlet.audit import audit
from pliego.pamphlet.edits import Blocks, style
from pliego.pamphlet.pages import block_texts, read_pages

#: The findings a paragraph has whatever page it is on.
PARAGRAPH_KINDS = frozenset({"tail", "short", "ladder", "loose", "overflow", "raya"})
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_MAIN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    """One variant as the trial set it: its lines and what the audit found in them."""

    lines: int
    defects: tuple[str, ...]


def tryable(blocks: Blocks, block: int) -> bool:
    """A paragraph set directly in the column (``<main>``): a trial gives it its width."""
    parent = blocks.parent.get(block, -1)
    return blocks.tag.get(block) == "p" and blocks.tag.get(parent) == "main"


def trial_html(html: str, fragments: Sequence[tuple[str, float]]) -> tuple[str, list[int]]:
    """The trial document for ``fragments`` (each a block's HTML and its first line's
    indent in CSS px), and the block number each fragment's paragraph gets in it."""
    body = _BODY.search(html)
    main = _MAIN.search(html, body.end()) if body is not None else None
    if body is None or main is None:
        raise ValueError("the pamphlet has no <body> and <main> to set a trial in")
    parts = [html[: body.end()], main.group()]
    numbers: list[int] = []
    count = 1  # block 0 is <main>
    for fragment, indent in fragments:
        blocks = Blocks(fragment)
        style(blocks, 0, f"text-indent: {indent:.3f}px")
        parts.append(blocks.html())
        numbers.append(count)
        count += len(blocks.start_tag)
    parts.append("</main></body></html>")
    return "".join(parts), numbers


def run_trial(
    html: str, fragments: Sequence[tuple[str, float]], render: Callable[[str], Any]
) -> tuple[list[Outcome], int]:
    """Set every fragment in one trial document: each one's outcome, and the pages
    the trial took (what it cost, as a share of the pamphlet's own)."""
    if not fragments:
        return [], 0
    text, numbers = trial_html(html, fragments)
    document = render(text)
    pages = read_pages(document)
    findings = audit(pages, block_texts(document))
    lines: dict[int, int] = {}
    for page in pages:
        for line in page.lines:
            lines[line.block] = lines.get(line.block, 0) + 1
    outcomes = [
        Outcome(
            lines.get(n, 0),
            tuple(f.kind for f in findings if f.block == n and f.kind in PARAGRAPH_KINDS),
        )
        for n in numbers
    ]
    return outcomes, len(pages)
