"""Did every note land at the foot of its reference's page?  Checked after layout.

WeasyPrint 70's ``float: footnote`` is not reliable in long documents: in 12
generated A5 documents with 835 notes it moved 103 notes' text to a later page
and lost 3 entirely (the number printed, the text nowhere), always after a
moved note.  A pamphlet cannot ship like that, so after layout the rendered
``Document`` is read back: on each page, which note numbers are called in the
text (``::footnote-call`` boxes) and which notes' text is in the footnote area.
Every misplaced note is reported with the pages involved.

The design already asks WeasyPrint to keep a note with the line that calls it
(``footnote-policy: line``), which removes most misplacements.  The rest come
from WeasyPrint's other way out of a full page: when orphans and widows forbid
breaking before the line that overflows, it moves notes already placed to the
next page instead.  :func:`lay_out` therefore renders again, at most
``len(REMEDIES)`` more times, each time with a user stylesheet for the blocks
that call a misplaced note: first they may leave a single line at a page's foot
or head (orphans and widows 1), then, as the last resort, they start a new page
(with the heading above them).  What is still misplaced after that is reported
to the caller: a release stops, naming the pages, a draft notes it.

This reads WeasyPrint's private page boxes (``page._page_box``), pinned to the
WeasyPrint version the project installs; the e2e tests compare its verdict
with the text poppler finds on each page of the final PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pliego.errors import SourceError
from pliego.markdown.segment import Article
from pliego.pamphlet.footnotes import BREAK_ATTR, NOTE_CLASS, NOTES_ATTR

_CALL = "::footnote-call"


@dataclass(frozen=True)
class Misplaced:
    """A note whose text is not on the page that calls it (pages count from 1)."""

    note: str  # the note element's id, e.g. "note-7"
    call_page: int
    text_pages: tuple[int, ...]  # empty: the text is nowhere (lost)
    too_long: bool = False  # the footnote area holding it runs over its page

    @property
    def lost(self) -> bool:
        return not self.text_pages

    def describe(self) -> str:
        kind, number = self.note.rsplit("-", 1)
        if kind != "note":  # an address note: printed with a letter (CSS lower-alpha)
            number = f"{_alpha(int(number))} (a link's address)"
        if self.too_long:
            pages = ", ".join(map(str, self.text_pages))
            return (
                f"note {number} (called on page {self.call_page}) is longer than page {pages} holds"
            )
        if self.lost:
            return f"note {number} (called on page {self.call_page}) is missing"
        pages = ", ".join(map(str, self.text_pages))
        return f"note {number} is called on page {self.call_page} but printed on page {pages}"


def _alpha(number: int) -> str:
    """CSS ``lower-alpha``: 1 is a, 26 is z, 27 is aa."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _is_note(element: Any) -> bool:
    return element is not None and NOTE_CLASS in (element.get("class") or "").split()


def _footnote_area(page_box: Any) -> Any:
    for child in getattr(page_box, "children", ()):
        if type(child).__name__ == "FootnoteAreaBox":
            return child
    return None


@dataclass(frozen=True)
class NotePages:
    """Where each note is called and where its text is (by note id, pages from 1),
    and the pages whose footnote area runs over the top of the text area (a note
    longer than the page: WeasyPrint sets it anyway, over the running head)."""

    calls: dict[str, int]
    texts: dict[str, set[int]]
    overfull: frozenset[int]


def note_pages(pages: Iterable[Any]) -> NotePages:
    """Read a rendered Document's pages (see the module docstring)."""
    calls: dict[str, int] = {}
    texts: dict[str, set[int]] = {}
    overfull = set()
    for number, page in enumerate(pages, start=1):
        box = page._page_box
        for child in box.descendants():
            tag = getattr(child, "element_tag", "") or ""
            if tag.endswith(_CALL) and _is_note(child.element):
                calls.setdefault(str(child.element.get("id")), number)
        area = _footnote_area(box)
        if area is None:
            continue
        if area.children and area.position_y < box.content_box_y() - 0.5:
            overfull.add(number)
        for child in area.descendants():
            tag = getattr(child, "element_tag", "") or ""
            if _is_note(child.element) and "::" not in tag:
                texts.setdefault(str(child.element.get("id")), set()).add(number)
    return NotePages(calls, texts, frozenset(overfull))


def misplaced_notes(pages: Iterable[Any]) -> tuple[Misplaced, ...]:
    """Every note whose text is missing, not on the page of its call or on a page
    it overfills, in order."""
    found = note_pages(pages)
    out = []
    for note, page in found.calls.items():
        where = tuple(sorted(found.texts.get(note, set())))
        too_long = any(p in found.overfull for p in where)
        if page not in where or too_long:
            out.append(Misplaced(note, page, where, too_long))
    return tuple(out)


#: A CSS rule per pass, for each note still misplaced (``{id}``: the note's element id).
REMEDIES = (
    f'[{NOTES_ATTR}~="{{id}}"] {{{{ orphans: 1 !important; widows: 1 !important }}}}',
    f'[{BREAK_ATTR}~="{{id}}"] {{{{ break-before: page !important }}}}',
)


def lay_out(render: Callable[[str], Any]) -> tuple[Any, tuple[Misplaced, ...]]:
    """Render (``render(extra_css)`` gives a WeasyPrint ``Document``) until every
    note is on its reference's page or the remedies are used up: the last
    document and what is still misplaced in it.  A remedy once given to a note's
    block stays for the later passes, so a pass never undoes an earlier fix."""
    rules: list[str] = []
    document = render("")
    found = misplaced_notes(document.pages)
    for remedy in REMEDIES:
        if not found:
            break
        rules += [remedy.format(id=m.note) for m in found]
        document = render("\n".join(dict.fromkeys(rules)))
        found = misplaced_notes(document.pages)
    return document, found


class NotesMisplaced(SourceError):
    """A release whose notes WeasyPrint could not put at the foot of their pages."""


def misplaced_report(
    edition: str, misplaced: tuple[Misplaced, ...], where: str, lines: dict[int, int]
) -> NotesMisplaced:
    """The error a release stops with (and, as text, the note a draft prints): every
    misplaced note with its pages; the line is the first such note's in the article."""
    notes = [m.note for m in misplaced if m.note.startswith("note-")]
    first = int(notes[0].removeprefix("note-")) if notes else 0
    return NotesMisplaced(
        f"{edition} edition: {len(misplaced)} note(s) not at the foot of their page: "
        + "; ".join(m.describe() for m in misplaced),
        path=where,
        line=lines.get(first),
        hint="a note must fit on its page below the line that calls it: shorten it "
        "or make it part of the text; a draft (--draft) builds anyway",
    )


def placement_notes(
    edition: str, misplaced: tuple[Misplaced, ...], where: str, lines: dict[int, int], draft: bool
) -> list[str]:
    """A release stops at notes WeasyPrint misplaced; a draft says which."""
    if not misplaced:
        return []
    problem = misplaced_report(edition, misplaced, where, lines)
    if not draft:
        raise problem
    return [str(problem)]


def note_lines(article: Article) -> dict[int, int]:
    """Where each note is written in the article, by number (its first unit's line)."""
    lines: dict[int, int] = {}
    for unit in article.units:
        if unit.kind == "footnote" and unit.note:
            lines.setdefault(int(unit.note.split(" ", 1)[0]), unit.line)
    return lines
