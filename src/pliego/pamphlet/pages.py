"""The rendered pages as lines of text: the one walk over WeasyPrint's private boxes.

The layout audit (:mod:`pliego.pamphlet.audit`) needs what a proofreader sees
(which words end each line, which line ends a page, where a paragraph ends),
and WeasyPrint knows it only in its layout tree.  That tree is private API:
``Document.pages[i]._page_box``, ``LineBox``, ``TextBox.text`` and the
computed ``style``.  Everything that touches it lives in this module, so a
WeasyPrint upgrade (the version is pinned in ``pyproject.toml``) breaks one
walk that ``tests/pamphlet/test_audit.py`` exercises, not the rules.

Reading the PDF back instead would lose what the rules need: which element a
line belongs to, and whether a line ends in the typesetter's hyphen (U+2010,
``hyphenate-character``) or in a hyphen the text itself contains.

Blocks are numbered by :func:`block_number`: the order of their start tags among
:data:`BLOCK_TAGS` in the HTML.  The same number is what
:mod:`pliego.pamphlet.fixes` counts in the HTML string to edit that block, so a
finding leads back to the source without any id in the markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

#: Elements that hold lines of their own (a line belongs to the innermost one).
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "td", "th", "dt"}
    | {"dd", "pre", "div", "section", "main"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class Line:
    """One line box as a reader sees it.

    ``text`` has the soft hyphens removed and keeps the typesetter's hyphen when
    the line was broken inside a word (``hyphenated``).
    """

    text: str
    block: int
    tag: str
    hyphenated: bool
    #: the line is the first / the last of its block (over all pages)
    first: bool = False
    last: bool = False
    #: the width its text takes, the width its block gives it, its font size (CSS px)
    width: float = 0.0
    room: float = 0.0
    font_size: float = 0.0
    #: the space added to each word space of the line (CSS px): justification's, plus
    #: the block's ``word-spacing`` (negative when it is tightened)
    stretch: float = 0.0
    #: the block is justified (``text-align: justify``): its lines stretch, not rag
    justified: bool = False
    #: how far the line's text starts right of its block's edge (CSS px): the
    #: first line's ``text-indent``, which a trial layout must repeat
    indent: float = 0.0

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.replace("\u00a0", " ").split())

    @property
    def heading(self) -> bool:
        return self.tag in HEADINGS


@dataclass(frozen=True)
class Page:
    """The lines of one page, top to bottom, margin boxes (running heads) left out."""

    number: int
    name: str
    lines: tuple[Line, ...]

    @property
    def cover(self) -> bool:
        return self.name == "cover"


def block_number(root: Any) -> dict[int, int]:
    """``id(element) -> ordinal`` for every element of :data:`BLOCK_TAGS`, in document order."""
    found: dict[int, int] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element.tag) in BLOCK_TAGS:
            found[id(element)] = len(found)
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text_boxes(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        if hasattr(child, "text") and isinstance(child.text, str):
            yield child
        else:
            yield from _text_boxes(child)


def _line_boxes(box: Any) -> Iterator[tuple[Any, Any]]:
    """Each line box with the block box that holds it."""
    for child in getattr(box, "children", ()):
        if type(child).__name__ == "MarginBox":
            continue
        if type(child).__name__ == "LineBox":
            yield child, box
        else:
            yield from _line_boxes(child)


def _root(page_box: Any) -> Any:
    for child in page_box.children:
        element = getattr(child, "element", None)
        if element is not None:
            return element
    return None


def _word_spacing(box: Any) -> float:
    value = box.style["word_spacing"]
    return float(value) if isinstance(value, (int, float)) else 0.0


def block_texts(document: Any) -> dict[int, str]:
    """Each block's own text (nested blocks left out), soft hyphens removed."""
    if not document.pages:
        return {}
    root = _root(document.pages[0]._page_box)
    if root is None:
        return {}
    numbers = block_number(root)
    texts: dict[int, str] = {}

    def own(element: Any) -> str:
        parts = [element.text or ""]
        for child in element:
            if not (isinstance(child.tag, str) and _local(child.tag) in BLOCK_TAGS):
                parts.append(own(child))
            parts.append(child.tail or "")
        return "".join(parts)

    for element in root.iter():
        if id(element) in numbers:
            texts[numbers[id(element)]] = own(element).replace(SOFT_HYPHEN, "")
    return texts


def read_pages(document: Any) -> tuple[Page, ...]:
    """The pages of a rendered WeasyPrint ``Document`` (what ``HTML.render()`` returns)."""
    numbers: dict[int, int] = {}
    unnumbered = -1
    raw: list[tuple[int, str, list[Line]]] = []
    for index, page in enumerate(document.pages, start=1):
        box = page._page_box
        if not numbers:
            root = _root(box)
            numbers = block_number(root) if root is not None else {}
        lines: list[Line] = []
        for line, holder in _line_boxes(box):
            boxes = list(_text_boxes(line))
            text = "".join(b.text for b in boxes).replace(SOFT_HYPHEN, "").strip()
            if not text:
                continue
            mark = boxes[-1].style["hyphenate_character"]
            hyphenated = bool(mark) and boxes[-1].text.rstrip().endswith(mark)
            element = line.element
            tag = _local(element.tag) if element is not None else ""
            block = numbers.get(id(element), -1) if element is not None else -1
            if block < 0:  # not a numbered block (a pseudo-element's line): a block of its own
                unnumbered -= 1
                block = unnumbered
            size = float(boxes[-1].style["font_size"])
            # what a word space gets beyond the font's own: justification, plus the
            # paragraph's word-spacing (a widened one gapes sooner, a tightened one later)
            stretch = max(
                float(getattr(b, "justification_spacing", 0) or 0) + _word_spacing(b) for b in boxes
            )
            justified = holder.style["text_align_all"] == "justify"
            indent = float(line.children[0].position_x - holder.content_box_x())
            lines.append(
                Line(
                    text,
                    block,
                    tag,
                    hyphenated,
                    width=line.width,
                    room=holder.width,
                    font_size=size,
                    stretch=stretch,
                    justified=justified,
                    indent=indent,
                )
            )
        raw.append((index, str(getattr(box.page_type, "name", "") or ""), lines))
    # first and last of its block over all pages: known once every page is read
    first_seen: dict[int, tuple[int, int]] = {}
    last_seen: dict[int, tuple[int, int]] = {}
    for p, (_, _, lines) in enumerate(raw):
        for i, line in enumerate(lines):
            first_seen.setdefault(line.block, (p, i))
            last_seen[line.block] = (p, i)
    return tuple(
        Page(
            number,
            name,
            tuple(
                replace(
                    line,
                    first=first_seen[line.block] == (p, i),
                    last=last_seen[line.block] == (p, i),
                )
                for i, line in enumerate(lines)
            ),
        )
        for p, (number, name, lines) in enumerate(raw)
    )
