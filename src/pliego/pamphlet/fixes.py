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
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pliego.errors import PliegoError
from pliego.pamphlet.audit import Finding, audit
from pliego.pamphlet.edits import SPACINGS as SPACINGS
from pliego.pamphlet.edits import TIGHTENINGS as TIGHTENINGS
from pliego.pamphlet.edits import Fix as Fix
from pliego.pamphlet.edits import apply_fixes as apply_fixes
from pliego.pamphlet.pages import Page, block_texts, read_pages
from pliego.pamphlet.trial import by_trial

MAX_PASSES = 3
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
            revised, cost = by_trial(html, findings, pages, fixes_for(findings, fixes), trial)
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
class TitleSize:
    """The cover title's size (pt; ``None``: the design's own) decided for the cover
    whose inputs digest to ``key`` (:func:`pliego.pamphlet.cover.title_key`).  Cached
    beside the layout fixes, but under its own key: its trial layouts cost a few
    tenths of a second, and a changed paragraph deep in the text leaves it standing."""

    key: str
    size: float | None


@dataclass(frozen=True)
class LayoutCache:
    """``build/<lang>/.<name>.layout.json``: the fixes of each edition for one input
    digest, and the cover title's size for its own key (:class:`TitleSize`)."""

    path: Path
    digest: str

    def _data(self) -> Any:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def read(self) -> tuple[dict[str, tuple[Fix, ...]], TitleSize | None]:
        """The fixes recorded for this digest, and the title size recorded whatever the
        digest (its own key says what it fits), from one reading of the file."""
        data = self._data()
        return _fixes(data, self.digest), _title(data)

    def dump(self, editions: Mapping[str, Sequence[Fix]], title: TitleSize | None = None) -> bytes:
        data: dict[str, Any] = {
            "digest": self.digest,
            "editions": {k: [[f.action, f.block, f.arg] for f in v] for k, v in editions.items()},
        }
        if title is not None:
            data["title"] = {"key": title.key, "size": title.size}
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _fixes(data: Any, digest: str) -> dict[str, tuple[Fix, ...]]:
    """The fixes a layout file holds for ``digest`` (none for another digest)."""
    try:
        if not isinstance(data, dict) or data.get("digest") != digest:
            return {}
        return {
            str(kind): tuple(Fix(str(a), int(b), str(w)) for a, b, w in fixes)
            for kind, fixes in data["editions"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}  # a damaged cache costs passes, never a wrong pamphlet


def _title(data: Any) -> TitleSize | None:
    """The title size a layout file holds, whatever its digest."""
    entry = data.get("title") if isinstance(data, dict) else None
    if not isinstance(entry, dict):
        return None
    key, size = entry.get("key"), entry.get("size")
    if not isinstance(key, str) or isinstance(size, bool):
        return None
    if not (size is None or isinstance(size, int | float)):
        return None  # a damaged entry costs the title's trial layouts, nothing else
    return TitleSize(key, None if size is None else float(size))


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
