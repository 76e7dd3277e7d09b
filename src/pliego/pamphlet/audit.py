"""The layout audit: what a small press's proofreader would mark on each page.

WeasyPrint breaks lines and pages greedily and knows nothing of a compositor's
rules.  This module reads the laid-out pages (:mod:`pliego.pamphlet.pages`,
no PDF parsing) and reports, per page, every place that breaks one of them:

1. ``page-turn``: a word hyphenated at the end of a page (any page: the
   reading edition is read page by page, and the booklet is imposed from it);
2. ``tail``: a paragraph whose last line holds only the end of a word
   hyphenated on the line above, or (``short``) fewer than
   :data:`MIN_LAST_LETTERS` letters;
3. ``ladder``: more than :data:`MAX_LADDER` consecutive hyphenated lines;
4. ``heading-low``: a heading (not on the cover) followed on its page by
   fewer than :data:`MIN_AFTER_HEADING` lines of its section, while the
   section goes on overleaf (on a page of the same name: the colophon's
   named page is not the section going on);
5. ``orphan`` / ``widow``: a paragraph split by a page break that leaves
   fewer than :data:`MIN_SPLIT` of its lines before / after the break (the
   CSS asks for 2: ``orphans: 2; widows: 2``, and WeasyPrint may still give up);
6. ``raya``: a raya (—) that opens an inciso ending a line, or one that
   closes it beginning a line;
7. ``lone-word``: a title or heading of several lines whose last line is a
   single word;
8. ``overflow``: a line wider than its block (text cut at the page edge), which
   no fix may cause: binding two words of a title can;
9. ``loose``: a justified line whose word spaces are stretched by more than
   :data:`LOOSE` of an em, which no fix may cause either: keeping a long word
   whole empties the line above it.  (The shipped editions' greedy layout
   stretches none by more than 0.63 em.)

Findings are values, so :mod:`pliego.pamphlet.fixes` can decide what to change
and a release can list what remains with page numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from pliego.pamphlet.pages import Line, Page

RAYA = "—"
WORD_JOINER = "\u2060"
MIN_LAST_LETTERS = 5
MAX_LADDER = 2
MIN_AFTER_HEADING = 3
MIN_SPLIT = 2
#: Every kind of finding, in the order of the rules above.
KINDS = (
    "page-turn",
    "tail",
    "short",
    "ladder",
    "heading-low",
    "orphan",
    "widow",
    "raya",
    "lone-word",
    "overflow",
    "loose",
)
_DESCRIPTION = {
    "page-turn": "a word hyphenated across the page turn",
    "tail": "a paragraph ends in the tail of a hyphenated word",
    "short": f"a paragraph's last line has fewer than {MIN_LAST_LETTERS} letters",
    "ladder": f"more than {MAX_LADDER} hyphenated lines in a row",
    "heading-low": f"a heading with fewer than {MIN_AFTER_HEADING} lines under it on its page",
    "orphan": "a paragraph leaves a single line at the foot of the page",
    "widow": "a paragraph's last line alone at the top of the page",
    "raya": "a raya on the wrong side of a line break",
    "lone-word": "a title or heading ends in a line of one word",
    "overflow": "a line wider than its column",
    "loose": "a justified line with gaping word spaces",
}
#: Extra space per word space, in ems, beyond which a justified line gapes.
LOOSE = 0.75
#: A title may shrink to this fraction of its size to keep its last two words together (a
#: long Quechua title needs 0.78 of 25 pt), and no further.
MIN_SHRINK = 0.75
_LETTER = re.compile(r"[^\W\d_]")
_WORD_END = re.compile(r"[^\W\d_](?:['ʼ]*[^\W\d_])*$")
_WORD_START = re.compile(r"[^\W\d_](?:['ʼ]*[^\W\d_])*")
_SPACE_BEFORE = re.compile(r"[\s(\[«“‘¿¡]")


@dataclass(frozen=True)
class Finding:
    """One defect: its kind, the page it is on, the block it is in, and the words."""

    kind: str
    page: int
    block: int
    #: the words concerned, as printed (a hyphenated word with its hyphen)
    text: str
    #: what a fix needs beyond the block: the word to keep whole for ``page-turn``,
    #: ``tail``, ``ladder`` ("" when keeping it would gape), the font size (CSS px) a
    #: heading must shrink to for ``lone-word``/``overflow`` ("-": no fix would do),
    #: the first word of the next line for ``loose``
    arg: str = ""

    def __str__(self) -> str:
        return f"page {self.page}: {_DESCRIPTION[self.kind]}: {self.text!r}"


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def audit(pages: Sequence[Page], texts: Mapping[int, str] | None = None) -> tuple[Finding, ...]:
    """Every finding of every rule, by page then kind.

    ``texts`` are the blocks' own texts (:func:`pliego.pamphlet.pages.block_texts`):
    only they tell whether a raya had a space beside it where the line broke.
    """
    found = [
        *_page_turns(pages),
        *_paragraph_ends(pages),
        *_ladders(pages),
        *_low_headings(pages),
        *_splits(pages),
        *_rayas(pages, texts or {}),
        *_lone_words(pages),
        *_overflows(pages),
        *_loose(pages),
    ]
    return tuple(sorted(found, key=lambda f: (f.page, KINDS.index(f.kind), f.block)))


def joined(head: Line, tail: Line | None) -> str:
    """The word a hyphenated line ends in: the letters of the word split at the end
    of ``head``, without the hyphen (``ñakʼarichiqkunapa—payku‐`` / ``napa,`` gives
    ``paykunapa``)."""
    start = _WORD_END.search(head.words[-1][:-1])
    end = _WORD_START.match(tail.words[0]) if tail is not None and tail.words else None
    return (start.group() if start else "") + (end.group() if end else "")


def _next_line(pages: Sequence[Page], p: int, i: int) -> Line | None:
    """The line after line ``i`` of page ``p``, overleaf if need be."""
    if i + 1 < len(pages[p].lines):
        return pages[p].lines[i + 1]
    return next((page.lines[0] for page in pages[p + 1 :] if page.lines), None)


def _page_turns(pages: Sequence[Page]) -> Iterator[Finding]:
    for p, page in enumerate(pages):
        if page.lines and page.lines[-1].hyphenated:
            last = page.lines[-1]
            after = _next_line(pages, p, len(page.lines) - 1)
            word = joined(last, after if after is not None and after.block == last.block else None)
            if stretch_after_keep(last) > LOOSE:
                word = ""  # keeping it whole would gape: the paragraph is spaced out instead
            yield Finding("page-turn", page.number, last.block, last.words[-1], word)


def _paragraph_ends(pages: Sequence[Page]) -> Iterator[Finding]:
    previous: Line | None = None
    for page in pages:
        for line in page.lines:
            if line.last and not line.first and not line.heading:
                if previous is not None and previous.hyphenated and len(line.words) == 1:
                    text = f"{previous.words[-1]} / {line.text}"
                    keep = stretch_after_keep(previous) <= LOOSE
                    word = joined(previous, line) if keep else ""
                    yield Finding("tail", page.number, line.block, text, word)
                elif letters(line.text) < MIN_LAST_LETTERS:
                    yield Finding("short", page.number, line.block, line.text)
            previous = line


def _ladders(pages: Sequence[Page]) -> Iterator[Finding]:
    for page in pages:
        run: list[int] = []
        for i, line in enumerate((*page.lines, None)):
            if line is not None and line.hyphenated:
                run.append(i)
                continue
            if len(run) > MAX_LADDER:
                # unhyphenating the k-th line leaves runs of k-1 and n-k: of the lines
                # that leave none too long, the one whose line above would gape least
                n = len(run)
                ks = range(max(1, n - MAX_LADDER), min(MAX_LADDER + 1, n) + 1)
                candidates = [run[k - 1] for k in ks] or [run[MAX_LADDER]]
                best = min(candidates, key=lambda j: stretch_after_keep(page.lines[j]))
                after = page.lines[best + 1]
                chosen = page.lines[best]
                word = joined(chosen, after if after.block == chosen.block else None)
                if stretch_after_keep(chosen) > LOOSE:
                    word = ""
                text = " / ".join(page.lines[j].words[-1] for j in run)
                yield Finding("ladder", page.number, chosen.block, text, word)
            run = []


def stretch_after_keep(line: Line) -> float:
    """The stretch, in ems, of a justified hyphenated line once its last word is kept
    whole (its first part moves to the next line), estimated from its average letter."""
    if not line.justified or not line.font_size or not line.text:
        return 0.0  # a ragged line only gets shorter
    gaps = line.text.count(" ") + line.text.count("\u00a0")
    if gaps < 2:
        return float("inf")
    natural = line.width - line.stretch * gaps
    removed = natural / len(line.text) * (len(line.words[-1]) + 1)
    return (line.room - natural + removed) / (gaps - 1) / line.font_size


def _low_headings(pages: Sequence[Page]) -> Iterator[Finding]:
    for p, page in enumerate(pages):
        if page.cover:
            continue
        for i, line in enumerate(page.lines):
            if not (line.heading and line.last):
                continue
            under = page.lines[i + 1 :]
            if any(other.heading for other in under):
                continue  # the section ends on this page
            overleaf = next((pg for pg in pages[p + 1 :] if pg.lines), None)
            # a page of another name (the colophon) is another part, not the section
            if overleaf is None or overleaf.name != page.name or overleaf.lines[0].heading:
                continue
            if len(under) < MIN_AFTER_HEADING:
                yield Finding("heading-low", page.number, line.block, line.text)


def _splits(pages: Sequence[Page]) -> Iterator[Finding]:
    for p, page in enumerate(pages[:-1]):
        if not page.lines:
            continue
        last = page.lines[-1]
        if last.last or last.heading:
            continue
        before = 0
        for line in reversed(page.lines):
            if line.block != last.block:
                break
            before += 1
        later = [pg for pg in pages[p + 1 :] if pg.lines]
        if not later:
            continue
        after = 0
        for line in later[0].lines:
            if line.block != last.block:
                break
            after += 1
        if before < MIN_SPLIT and last.first:
            yield Finding("orphan", page.number, last.block, last.text)
        if 0 < after < MIN_SPLIT and later[0].lines[after - 1].last:
            yield Finding("widow", later[0].number, last.block, later[0].lines[0].text)


def raya_roles(text: str) -> list[str]:
    """``"open"`` or ``"close"`` for each raya of a block's text, in order.

    A raya after a space (or an opening bracket or quote) opens an inciso, one
    before a space or punctuation closes it; between two letters (``a—b``, the
    English way) the rayas of a block alternate, the first opening.
    """
    roles: list[str] = []
    for m in re.finditer(RAYA, text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if _SPACE_BEFORE.match(before) and not after.isspace():
            roles.append("open")
        elif not before.isspace() and not after.isalnum():
            roles.append("close")
        elif before.isspace() and after.isspace():
            roles.append("dash")  # a dash between spaces: no word to keep it with
        else:
            roles.append("close" if roles and roles[-1] == "open" else "open")
    return roles


def _rayas(pages: Sequence[Page], texts: Mapping[int, str]) -> Iterator[Finding]:
    blocks: dict[int, list[tuple[int, Line]]] = {}
    for page in pages:
        for line in page.lines:
            blocks.setdefault(line.block, []).append((page.number, line))
    for block, lines in blocks.items():
        if not any(RAYA in line.text for _, line in lines):
            continue
        text = texts.get(block) or " ".join(line.text for _, line in lines)
        roles = iter(raya_roles(text.replace(WORD_JOINER, "")))
        for number, line in lines:
            count = line.text.count(RAYA)
            mine = [next(roles, "dash") for _ in range(count)]
            if not mine:
                continue
            if line.text.startswith(RAYA) and mine[0] == "close" and not line.first:
                yield Finding("raya", number, block, line.words[0])
            if line.text.endswith(RAYA) and mine[-1] == "open" and not line.last:
                yield Finding("raya", number, block, line.words[-1])


def _lone_words(pages: Sequence[Page]) -> Iterator[Finding]:
    previous: Line | None = None
    for page in pages:
        for line in page.lines:
            lone = len(line.words) == 1 and previous is not None
            if line.heading and line.last and not line.first and lone and previous is not None:
                yield Finding("lone-word", page.number, line.block, line.text, _fit(previous, line))
            previous = line


def _fit(previous: Line, line: Line) -> str:
    """The font size at which the line above's last word and the lone word fit one line
    (estimated from the line above's average letter width), "" when they fit as they
    are, "-" when it would take shrinking the title below :data:`MIN_SHRINK`."""
    if not previous.text or not previous.width or not line.room:
        return ""
    pair = f"{previous.words[-1]} {line.text}"
    needed = previous.width * len(pair) / len(previous.text)
    if needed <= line.room:
        return ""
    scale = line.room / needed * 0.97
    return f"{line.font_size * scale:.2f}" if scale >= MIN_SHRINK else "-"


def _overflows(pages: Sequence[Page]) -> Iterator[Finding]:
    for page in pages:
        for line in page.lines:
            if line.room and line.width > line.room + 0.5:
                scale = line.room / line.width * 0.97
                fits = line.heading and scale >= MIN_SHRINK
                arg = f"{line.font_size * scale:.2f}" if fits else "-"
                yield Finding("overflow", page.number, line.block, line.text, arg)


def _loose(pages: Sequence[Page]) -> Iterator[Finding]:
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            if line.font_size and line.stretch > LOOSE * line.font_size:
                after = _next_line(pages, p, i)
                pushed = _WORD_START.match(after.words[0]) if after and after.words else None
                word = pushed.group() if pushed and after and after.block == line.block else ""
                yield Finding("loose", page.number, line.block, line.text, word)
