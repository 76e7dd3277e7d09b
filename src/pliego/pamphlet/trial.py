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

Only a paragraph (``p``) set directly in ``<main>`` is tried this way: one in a
quotation, a list or a table has another width.  What is tried
(:func:`variants`) is ordered by what the line boxes predict, and set in rounds
(:data:`ROUNDS`): the rules' own choice for each paragraph first, then a few
more for those still defective (:func:`by_trial`).  A trial costs a render of the
lines it sets (counted in :attr:`pliego.pamphlet.fixes.Settled.trial_lines`;
``bench/audit.py`` times it against a full render).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pliego.pamphlet.audit import MAX_LADDER, RAYA, Finding, audit, joined, letters
from pliego.pamphlet.edits import (
    SPACING_ACTIONS,
    SPACINGS,
    TIGHTENINGS,
    Blocks,
    Fix,
    apply_fixes,
    style,
)
from pliego.pamphlet.hyphenate import suffix_offsets
from pliego.pamphlet.pages import Line, Page, block_texts, read_pages

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


def _step_for(needed: float, lines: Sequence[Line]) -> str | None:
    """The least tightening step (rule 10) that frees ``needed`` CSS px on ``lines``
    (each space and each letter gives up its share), "" when none is needed, None
    when even the tightest would not: the estimate that orders a trial's variants."""
    if needed <= 0:
        return ""
    for step in sorted(TIGHTENINGS):
        words, letters_ = (abs(float(v)) for v in TIGHTENINGS[step])
        gain = sum(
            (line.text.count(" ") * words + letters(line.text) * letters_) * line.font_size
            for line in lines
        )
        if gain >= needed:
            return step
    return None


def _average(line: Line) -> float:
    return line.width / max(len(line.text), 1)


def _tail_need(lines: Sequence[Line], tail: Line) -> float:
    """What the line above a tail must give up to take it (CSS px): the tail's letters,
    less the hyphen it no longer needs and the room its justified spaces already have."""
    above = lines[lines.index(tail) - 1]
    room = above.stretch * above.text.count(" ") if above.justified else 0.0
    return _average(tail) * (len(tail.text) - 1) - room


def _guesses(
    block: int, found: Sequence[Finding], lines: Sequence[Line], gaping: Sequence[str]
) -> list[tuple[Fix, ...]]:
    """The variants the line boxes predict, best first: a gaping line's next word
    divided, with the least tightening that makes room for its first part on that
    line; a tail pulled up by the least tightening that frees its width above it
    (or, when none would, a kept word with its letters spaced)."""
    guesses: list[tuple[Fix, ...]] = []
    steps = sorted(TIGHTENINGS)

    def tight(step: str | None) -> tuple[Fix, ...]:
        return (Fix("tight", block, step),) if step else ()

    for f in found:
        line = next((ln for ln in lines if ln.text == f.text), None)
        if f.kind == "loose" and line is not None and (cuts := suffix_offsets(f.arg)):
            gaps = line.text.count(" ")
            needed = _average(line) * (cuts[0] + 2) - line.stretch * gaps
            step = _step_for(needed, [line])
            divide = (Fix("divide", block, f.arg),)
            guesses += [divide + tight(step if step is not None else steps[-1])]
            guesses += [divide + tight(s) for s in steps if s != step]
            guesses.append((*divide, Fix("space", block, SPACINGS[0])))
        elif f.kind == "tail":
            tail = next((ln for ln in lines if ln.last and not ln.first), None)
            if tail is None:
                continue
            step = _step_for(_tail_need(lines, tail), [ln for ln in lines if ln is not tail])
            if step:
                guesses += [tight(step), *(tight(s) for s in steps if s > step)]
            guesses += [(Fix("keep", block, w), Fix("letters", block)) for w in gaping]
        elif f.kind == "ladder" and not f.arg:  # the audit's estimate errs: try them
            guesses += [(Fix("keep", block, w),) for w in gaping]
            guesses += [(Fix("keep", block, w), Fix("letters", block)) for w in gaping]
            guesses += [(Fix("keep", block, w), *tight(steps[0])) for w in gaping]
    return guesses


def _gaping_keeps(found: Sequence[Finding], lines: Sequence[Line]) -> list[str]:
    """The words a trial may still keep whole when the audit predicted that keeping
    them gapes (a tail's or ladder's finding names no word): every word that ends a
    line of the ladder or the line above the tail."""
    words: list[str] = []
    if any(f.kind in ("tail", "ladder") and not f.arg for f in found):
        run: list[int] = []
        for i, line in enumerate(lines):
            run = [*run, i] if line.hyphenated else []
            if line.hyphenated and i + 1 < len(lines):
                tail = lines[i + 1].last and len(lines[i + 1].words) == 1
                if tail or len(run) > MAX_LADDER:
                    words += [joined(lines[j], lines[j + 1]) for j in run[-MAX_LADDER - 1 :]]
    return [w for w in dict.fromkeys(words) if w]


def variants(
    block: int, found: Sequence[Finding], base: Sequence[Fix], lines: Sequence[Line]
) -> list[tuple[Fix, ...]]:
    """What a trial sets of one paragraph, least change first: each spacing (none,
    tighter, wider, tighter still …: rules 10 and 11) with each of the paragraph's
    own remedies (rules 3 and 9), then alone.  The line boxes prune what cannot
    work: a word whose keeping the audit predicts to gape is only tried with its
    letters spaced (which narrows the gaps; tighter or wider word spaces leave a
    justified line's gaps as they are or make them wider), and a tail is not
    tightened when the lines above cannot give up its width."""
    remedies: list[tuple[Fix, ...]] = [
        (Fix("keep", block, f.arg),) for f in found if f.kind in ("tail", "ladder") and f.arg
    ]
    if any(f.kind == "short" for f in found):
        remedies.append((Fix("bind", block),))
    remedies += [
        (Fix("divide", block, f.arg),)
        for f in found
        if f.kind == "loose" and f.arg and suffix_offsets(f.arg)
    ]
    gaping = [(Fix("keep", block, w),) for w in _gaping_keeps(found, lines)]
    plain = tuple(f for f in base if f.action not in SPACING_ACTIONS)
    if any(RAYA in line.text for line in lines):  # moved breaks may leave a raya astray
        plain = (*plain, Fix("raya", block))
    tights = [(Fix("tight", block, step),) for step in sorted(TIGHTENINGS)]
    tails = [ln for ln in lines if ln.last and not ln.first]
    if any(f.kind == "tail" for f in found) and tails:
        tail = tails[0]
        if _step_for(_tail_need(lines, tail), [ln for ln in lines if ln is not tail]) is None:
            tights = []
    wides = [(Fix("space", block, step),) for step in SPACINGS]
    spacings: list[tuple[Fix, ...]] = [()]
    for pair in itertools.zip_longest(tights, wides):  # tighter, wider, tighter still …
        spacings += [spacing for spacing in pair if spacing is not None]
    spacings.append((Fix("letters", block),))
    out: dict[tuple[Fix, ...], None] = {
        tuple(sorted({*plain, *guess})): None
        for guess in _guesses(block, found, lines, [k.arg for (k,) in gaping])
    }
    # words kept whole by earlier passes may be what this paragraph's new defect comes
    # from: its spacings are tried without them too
    turns = {Fix("keep", block, f.arg) for f in found if f.kind == "page-turn"}
    bare = tuple(f for f in plain if f.action not in ("keep", "divide") or f in turns)
    if bare != plain:
        out.update(dict.fromkeys(tuple(sorted({*bare, *sp})) for sp in spacings[1:4]))
    for spacing in spacings:
        texts = [*remedies, ()] + (gaping if spacing and spacing[0].action == "letters" else [])
        for text in texts:
            if text or spacing:
                out[tuple(sorted({*plain, *text, *spacing}))] = None
    return list(out)


#: How many variants of each paragraph a trial sets, round by round: most paragraphs
#: are settled by one of their first few, and a round costs little beyond its paragraphs.
ROUNDS = (1, 3, 4)
MAX_VARIANTS = sum(ROUNDS)


def by_trial(
    html: str,
    findings: Sequence[Finding],
    pages: Sequence[Page],
    revised: tuple[Fix, ...],
    trial: Callable[[str], Any],
) -> tuple[tuple[Fix, ...], int]:
    """The fixes after this render, given ``revised``, the rules' own choice (each
    paragraph's first try; see "Trials" in :mod:`pliego.pamphlet.fixes`), and the
    lines the trials set (their cost, against the pamphlet's own lines)."""
    blocks = Blocks(html)
    local = {
        f.block
        for f in findings
        if f.kind in (*PARAGRAPH_KINDS, "page-turn") and tryable(blocks, f.block)
    }
    if not local:
        return revised, 0
    lines: dict[int, list[Line]] = {}
    for page in pages:
        for line in page.lines:
            lines.setdefault(line.block, []).append(line)
    todo: dict[int, list[tuple[Fix, ...]]] = {}
    for block in sorted(local):
        found = [
            f for f in findings if f.block == block and f.kind in ("page-turn", *PARAGRAPH_KINDS)
        ]
        first = tuple(f for f in revised if f.block == block)
        others = variants(block, found, first, lines[block])
        todo[block] = [first, *(v for v in others if v != first)][:MAX_VARIANTS]
    chosen: dict[int, tuple[tuple[Fix, ...], int]] = {}
    cost = start = 0
    for size in ROUNDS:
        tries = [(b, v) for b, vs in todo.items() for v in vs[start : start + size]]
        tries = [(b, v) for b, v in tries if chosen.get(b, ((), 1))[1]]  # not settled yet
        if not tries:
            break
        fragments = [
            (_fragment(blocks, block, variant), lines[block][0].indent) for block, variant in tries
        ]
        outcomes, _ = run_trial(html, fragments, trial)
        for (block, variant), outcome in zip(tries, outcomes, strict=True):
            cost += outcome.lines
            if block not in chosen or len(outcome.defects) < chosen[block][1]:
                chosen[block] = (variant, len(outcome.defects))
        start += size
    kept = [f for f in revised if f.block not in chosen]
    return tuple(sorted({*kept, *(f for v, _ in chosen.values() for f in v)})), cost


def _fragment(blocks: Blocks, block: int, variant: Sequence[Fix]) -> str:
    """The block's HTML with ``variant`` applied (numbered 0: the block alone)."""
    return apply_fixes(blocks.fragment(block), [Fix(f.action, 0, f.arg) for f in variant])
