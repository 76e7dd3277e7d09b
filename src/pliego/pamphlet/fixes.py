"""The fixing passes: re-lay the pamphlet out until the audit is clean, a bounded number of times.

The typesetter renders the HTML; :func:`pliego.pamphlet.audit.audit` reads
the pages; each finding that has a remedy becomes a :class:`Fix`, the fixes
are applied to the HTML (:mod:`pliego.pamphlet.edits`) and the pamphlet is
rendered again.  The rules, finding by finding:

1. a word hyphenated at a page turn (``page-turn``) may not be hyphenated:
   the whole word goes to one page or the other;
2. in a ladder of hyphenated lines (``ladder``) the word ending one of them
   may not be hyphenated: of the lines that would leave no ladder, the one
   whose line would gape least once the word's first part has left it;
3. a paragraph that ends in a hyphenated word's tail (``tail``) keeps that
   word whole; one whose last line has fewer than five letters (``short``)
   has its last two words bound by a no-break space
   (:func:`pliego.pamphlet.edits.bind_end`);
4. a title or heading ending in a line of one word (``lone-word``) has its
   last two words bound by a no-break space;
5. when those two words would not fit one line, or a heading is wider than its
   column (``overflow``), the heading's font shrinks to fit, by at most a quarter
   (:data:`pliego.pamphlet.audit.MIN_SHRINK`); beyond that nothing is bound;
6. a raya on the wrong side of a line break (``raya``): every raya of that
   paragraph is joined to its word by a word joiner (U+2060);
7. a heading with too few lines of its section under it (``heading-low``)
   starts the next page, and takes its section's first lines with it;
8. a widow or an orphan has no remedy here (the CSS already asks for two
   lines, and WeasyPrint only gives fewer when it cannot do otherwise), nor
   has a line of running text wider than its column: they are reported;
9. a gaping line (``loose``) whose next word is a name or capitalised loan with
   Quechua suffixes lets that word divide where its suffixes begin
   (``divide``: *Congreso-paqpas*, :func:`pliego.pamphlet.hyphenate.suffix_offsets`),
   so its first part fills the line;
10. a paragraph may be **tightened** (``tight``, :data:`TIGHTENINGS`): word
    spaces narrower by at most 0.05 em (a fifth of the font's 0.25 em space, less
    than the third TeX lets a space shrink) and letters closer by at most 0.01 em
    (a hundredth of the type size, about 2% of an average letter), which moves its
    breaks the other way from widening: a short tail comes up onto the line above,
    a ladder's breaks move, the word after a gaping line, or part of it, fits;
    tightening is only tried on a tail when the paragraph's lines could give up
    the tail's width at the tightest step (measured from its line boxes: letters
    and spaces per line);
11. a paragraph may be **widened** (``space``, :data:`SPACINGS`: word spaces up
    to 0.10 em wider), which pushes words down: a tail gets more letters, a
    ladder's breaks move.

Rule 1-3 keep a word whole only when the line it leaves would not gape
(:func:`pliego.pamphlet.audit.stretch_after_keep`); otherwise, and when a kept
word made a line gape after all (``loose``: the keep is withdrawn), the
paragraph's word spaces widen a little (:data:`SPACINGS`), which moves its
breaks without one gaping line; a step that makes one gape is taken back and
never tried again.

**Trials.**  A paragraph with findings of its own (tail, short, ladder, gaping
line: :data:`pliego.pamphlet.trial.PARAGRAPH_KINDS`) set directly in the column
is not fixed by trial and error over full renders: its variants (rules 3, 9,
10 and 11, alone and combined, least change first) are set together with every
other such paragraph's in one small trial document
(:mod:`pliego.pamphlet.trial`), and each gets the first variant that leaves it
clean (or, failing that, the one with fewest findings).  All of a pass's
paragraphs are decided by one trial, so a pass costs one full render plus a
trial of a few pages (:attr:`Settled.trial_pages`).

Each pass applies every fix found so far to the original HTML, so the result
depends only on the set of fixes.  At most :data:`MAX_PASSES` re-renders are
made; what remains is reported (a release lists it, ``layout = "fail"``
refuses it).  The fixes are cached by the build's input digest
(:class:`LayoutCache`): a rebuild of unchanged input applies them before the
first render and needs no pass at all.  An edition set in the same text area
as another (the print edition, from the reading edition's settled fixes:
:func:`follow`) makes no pass when its first layout is line for line the
other's (:attr:`Settled.signature`): its audit is then what the other's passes
left, and its passes could only repeat them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pliego.errors import PliegoError
from pliego.pamphlet.audit import MAX_LADDER, RAYA, Finding, audit, joined, letters
from pliego.pamphlet.edits import Blocks, bind_end, divide_word, join_rayas, keep_word, style
from pliego.pamphlet.hyphenate import suffix_offsets
from pliego.pamphlet.pages import Line, Page, block_texts, read_pages
from pliego.pamphlet.trial import PARAGRAPH_KINDS, run_trial, tryable

MAX_PASSES = 3
#: Word spacing (em) tried in turn on a paragraph where keeping a word whole would gape.
SPACINGS = ("0.05", "0.10")
#: Tightening steps (rule 10): word spacing and letter spacing, in ems; and the one
#: step of letter spacing that widens a paragraph without widening its word spaces.
TIGHTENINGS = {"1": ("-0.04", "0"), "2": ("-0.05", "-0.01")}
LETTERSPACED = ("0", "0.02")
#: The fixes that set a paragraph's spacing: a trial gives a paragraph one of them.
_SPACING = frozenset({"space", "space-cap", "tight", "letters"})
#: What each kind of finding calls for (rule 8: widows and orphans have no remedy).
REMEDY: dict[str, str | None] = {
    "page-turn": "keep",
    "ladder": "keep",
    "tail": "keep",
    "short": "bind",
    "lone-word": "bind-heading",
    "raya": "raya",
    "heading-low": "push",
    "overflow": "",  # a heading shrinks to fit (rule 5), other text is reported
    "loose": None,
}


@dataclass(frozen=True, order=True)
class Fix:
    """One decision: an action on a block (numbered as :mod:`pliego.pamphlet.pages` does)."""

    action: str
    block: int
    #: the word to keep whole (``keep``), the font size in CSS px (``shrink``)
    arg: str = ""


@dataclass(frozen=True)
class Settled:
    """The outcome of the passes for one edition."""

    fixes: tuple[Fix, ...]
    remaining: tuple[Finding, ...]
    #: renders made, the first included (1 when no pass was needed)
    renders: int
    #: lines the trial documents set (:mod:`pliego.pamphlet.trial`), and the last
    #: layout's lines: a trial's cost, as a share of a render
    trial_lines: int = 0
    lines: int = 0
    #: a digest of the last layout, line by line (what :func:`follow` compares)
    signature: str = ""


def fixes_for(findings: Sequence[Finding], fixes: Sequence[Fix] = ()) -> tuple[Fix, ...]:
    """The fixes after this render: ``fixes`` so far, revised by the findings."""
    found: dict[Fix, None] = dict.fromkeys(fixes)
    for f in findings:
        if f.kind == "loose":  # a fix emptied this line: withdraw it
            if Fix("keep", f.block, f.arg) in found:  # a word kept whole: space out instead
                del found[Fix("keep", f.block, f.arg)]
                _space_out(found, f.block)
            else:  # wider spaces gave a line too few letters: one step back, and no further
                _space_back(found, f.block)
            continue
        action = REMEDY.get(f.kind)
        if action is None or f.arg == "-":
            continue
        if f.kind in ("lone-word", "overflow") and f.arg:
            found[Fix("shrink", f.block, f.arg)] = None
        if action == "keep" and not f.arg:
            _space_out(found, f.block)
        elif action:
            found[Fix(action, f.block, f.arg if action == "keep" else "")] = None
    return tuple(sorted(found))


def _space_out(found: dict[Fix, None], block: int) -> None:
    """Move the block's line breaks by widening its word spaces a step of
    :data:`SPACINGS` at a time (every line gives up a few letters), never up to a
    step that made a line gape (a ``space-cap`` fix records it)."""
    now = [f for f in found if f.action == "space" and f.block == block]
    tried = max((SPACINGS.index(f.arg) for f in now if f.arg in SPACINGS), default=-1)
    cap = min(
        (SPACINGS.index(f.arg) for f in found if f.action == "space-cap" and f.block == block),
        default=len(SPACINGS),
    )
    step = min(tried + 1, cap - 1, len(SPACINGS) - 1)
    for f in [*now, *(f for f in found if f.action in ("tight", "letters") and f.block == block)]:
        del found[f]  # one spacing per paragraph
    if step >= 0:
        found[Fix("space", block, SPACINGS[step])] = None


def _space_back(found: dict[Fix, None], block: int) -> None:
    now = [f for f in found if f.action == "space" and f.block == block and f.arg in SPACINGS]
    for f in now:
        del found[f]
        found[Fix("space-cap", block, f.arg)] = None
        if (step := SPACINGS.index(f.arg)) > 0:
            found[Fix("space", block, SPACINGS[step - 1])] = None


def apply_fixes(html: str, fixes: Sequence[Fix]) -> str:
    """The HTML with every fix applied (in a fixed order, so equal sets give equal HTML)."""
    if not fixes:
        return html
    blocks = Blocks(html)
    for fix in sorted(set(fixes)):
        if fix.action == "keep":
            keep_word(blocks, fix.block, fix.arg)
        elif fix.action == "bind":
            bind_end(blocks, fix.block)
        elif fix.action == "bind-heading":
            bind_end(blocks, fix.block, keep=False)
        elif fix.action == "raya":
            join_rayas(blocks, fix.block)
        elif fix.action == "push":
            style(blocks, fix.block, "break-before: page")
        elif fix.action == "space":
            style(blocks, fix.block, f"word-spacing: {float(fix.arg):.2f}em")
        elif fix.action == "tight":
            words, letters_ = TIGHTENINGS[fix.arg]
            style(blocks, fix.block, f"word-spacing: {words}em; letter-spacing: {letters_}em")
        elif fix.action == "letters":
            words, letters_ = LETTERSPACED
            style(blocks, fix.block, f"word-spacing: {words}em; letter-spacing: {letters_}em")
        elif fix.action == "divide":
            divide_word(blocks, fix.block, fix.arg)
        elif fix.action == "shrink":  # a later pass measured at the smaller size: the least wins
            size = min(float(f.arg) for f in fixes if f.action == "shrink" and f.block == fix.block)
            if float(fix.arg) == size:
                style(blocks, fix.block, f"font-size: {size:.2f}px")
    return blocks.html()


def audit_document(document: Any) -> tuple[Finding, ...]:
    """The audit of a rendered WeasyPrint ``Document``."""
    return audit(read_pages(document), block_texts(document))


def signature(pages: Sequence[Page]) -> str:
    """A digest of a layout, line by line: equal digests, equal audits."""
    lines = [(p.number, p.name, [(ln.block, ln.text, ln.stretch) for ln in p.lines]) for p in pages]
    return hashlib.sha256(json.dumps(lines, ensure_ascii=False).encode()).hexdigest()


def follow(settled: Settled | None) -> tuple[tuple[Fix, ...], str]:
    """Where an edition set in the same text area as ``settled``'s starts: its fixes, and
    the layout that, if it comes out again, needs no pass (see the module docstring)."""
    if settled is None:
        return (), ""
    return settled.fixes, settled.signature


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
    plain = tuple(f for f in base if f.action not in _SPACING)
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


def _by_trial(
    html: str,
    findings: Sequence[Finding],
    pages: Sequence[Page],
    fixes: tuple[Fix, ...],
    trial: Callable[[str], Any],
) -> tuple[tuple[Fix, ...], int]:
    """The fixes after this render (see "Trials" in the module docstring), and the
    lines the trials set (their cost, against the pamphlet's own lines)."""
    blocks = Blocks(html)
    revised = fixes_for(findings, fixes)  # the rules' own choice: each paragraph's first try
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


def settle(
    html: str,
    render: Callable[[str], Any],
    start: Sequence[Fix] = (),
    *,
    passes: int = MAX_PASSES,
    trial: Callable[[str], Any] | None = None,
    reference: str = "",
) -> tuple[Any, Settled]:
    """Render, audit, fix, render again, at most ``passes`` times: the last document
    and what it took.  ``start`` are fixes known to be needed (from the cache, or
    another edition's: :func:`follow`); ``reference`` that edition's layout, which
    needs no pass if it comes out again.  ``trial`` renders a trial document (see
    :mod:`pliego.pamphlet.trial`; without it every try is a full render)."""
    fixes = tuple(sorted(set(start)))
    document = render(apply_fixes(html, fixes))
    pages = read_pages(document)
    findings = audit(pages, block_texts(document))
    renders, trial_lines = 1, 0
    if reference and signature(pages) == reference:
        passes = 0  # the other edition's passes left exactly this: they would only repeat
    while findings and renders <= passes:
        if trial is None:
            revised = fixes_for(findings, fixes)
        else:
            revised, cost = _by_trial(html, findings, pages, fixes, trial)
            trial_lines += cost
        if revised == fixes:
            break
        fixes = revised
        document = render(apply_fixes(html, fixes))
        pages = read_pages(document)
        findings = audit(pages, block_texts(document))
        renders += 1
    total = sum(len(page.lines) for page in pages)
    settled = Settled(fixes, findings, renders, trial_lines, total, signature(pages))
    return document, settled


@dataclass(frozen=True)
class LayoutCache:
    """``build/<lang>/.<name>.layout.json``: the fixes of each edition for one input digest."""

    path: Path
    digest: str

    def load(self) -> dict[str, tuple[Fix, ...]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("digest") != self.digest:
                return {}
            return {
                str(kind): tuple(Fix(str(a), int(b), str(w)) for a, b, w in fixes)
                for kind, fixes in data["editions"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # a damaged cache costs passes, never a wrong pamphlet

    def dump(self, editions: Mapping[str, Sequence[Fix]]) -> bytes:
        data = {
            "digest": self.digest,
            "editions": {k: [[f.action, f.block, f.arg] for f in v] for k, v in editions.items()},
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


class LayoutRefused(PliegoError):
    """A release whose pages keep layout defects while ``layout = "fail"`` is set."""

    def __init__(self, where: str, remaining: list[str]) -> None:
        super().__init__(
            "the layout audit found defects the fixing passes could not remove: "
            + "; ".join(remaining),
            path=where,
            hint="reword the passage (or its translation), "
            'or set [tool.pliego.build] layout = "warn"',
        )


def layout_notes(layout: Mapping[str, Settled]) -> list[str]:
    """One note per defect left, with its page; the booklet is imposed from the
    reading edition's pages, so its defects are the reading edition's."""
    notes: list[str] = []
    for kind, settled in layout.items():
        name = "reading edition (and booklet)" if kind == "reading" else f"{kind} edition"
        notes += [f"{name}: layout: {finding}" for finding in settled.remaining]
    return notes
