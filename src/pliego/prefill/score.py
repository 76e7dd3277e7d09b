"""What a machine draft is worth: drafts scored against the reviewed translation (pure).

A draft is worth the typing it saves a translator, so two numbers, each over
the entries a person has already reviewed (translated and not fuzzy):

``chrF++``
    sacrebleu's ``CHRF(word_order=2)`` at corpus level, 0–100, higher is
    better: character n-grams (robust to Spanish and Quechua morphology)
    plus word unigrams and bigrams.  The standard metric for MT quality
    that needs no tokeniser for the target language.
``edit share``
    the character edit distance (rapidfuzz's Levenshtein) from each draft
    to its reviewed text, summed, as a share of the reviewed length, lower
    is better: what the translator must type, roughly.  An entry the engine
    failed on counts as an empty draft (all of it must be typed), so an
    engine cannot score well by answering only the easy entries.

Also counted: the names (do-not-translate terms and the article's names list)
a draft lost, i.e. that occur fewer times in it than in the English.

``invoke prefill --score`` prints these per engine for each catalogue that has
reviewed entries, and ``bench/drafts.py`` prints them for raw and cleaned
Apertium drafts; both call :func:`score`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from pliego.gettext.catalog import Catalog, Message
from pliego.prefill.masking import mask


@dataclass(frozen=True)
class DraftScore:
    """One engine's drafts of one set of reviewed entries, scored."""

    engine: str
    entries: int
    #: characters of the reviewed translations (the edit share's denominator)
    reviewed_chars: int
    chrf: float
    edits: int
    #: entries the engine gave no draft for (scored as empty drafts)
    failed: int = 0
    lost_names: int = 0

    @property
    def share(self) -> float:
        """Edits as a share of the reviewed length (0 when nothing was reviewed)."""
        return self.edits / self.reviewed_chars if self.reviewed_chars else 0.0

    def line(self) -> str:
        """The line ``invoke prefill --score`` and the bench print."""
        failed = f", {self.failed} failed" if self.failed else ""
        return (
            f"{self.engine}: chrF++ {self.chrf:.2f}, edits {self.share:.3f} of the reviewed"
            f" ({self.edits} of {self.reviewed_chars} chars), {self.entries} entries{failed}"
            f", {self.lost_names} names lost"
        )


def reviewed_entries(catalog: Catalog, terms: Sequence[str] = ()) -> list[Message]:
    """The entries a score compares against: translated by a person (not fuzzy), singular,
    and with words to translate once ``terms`` are masked (what prefill would send)."""
    return [
        m
        for m in catalog.active
        if m.msgid
        and m.msgstr
        and not m.fuzzy
        and m.msgid_plural is None
        and mask(m.msgid, terms).has_words()
    ]


def chrf_pp(drafts: Sequence[str], references: Sequence[str]) -> float:
    """Corpus chrF++ of ``drafts`` against ``references`` (same order, same length)."""
    if len(drafts) != len(references):
        raise ValueError("one draft per reference")
    if not drafts:
        return 0.0
    from sacrebleu.metrics.chrf import CHRF  # 0.35 s to import: only when scoring

    return float(CHRF(word_order=2).corpus_score(list(drafts), [list(references)]).score)


def edit_distance(drafts: Sequence[str], references: Sequence[str]) -> int:
    """Characters to insert, delete or replace to turn every draft into its reference."""
    return sum(Levenshtein.distance(d, r) for d, r in zip(drafts, references, strict=True))


def lost_names(sources: Sequence[str], drafts: Sequence[str], names: Sequence[str]) -> int:
    """Occurrences of ``names`` in the sources that their drafts do not have."""
    patterns = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in names if n]
    lost = 0
    for source, draft in zip(sources, drafts, strict=True):
        for pattern in patterns:
            lost += max(0, len(pattern.findall(source)) - len(pattern.findall(draft)))
    return lost


def score(
    engine: str,
    sources: Sequence[str],
    drafts: Sequence[str | None],
    references: Sequence[str],
    names: Sequence[str] = (),
) -> DraftScore:
    """Score ``drafts`` (``None``: the engine failed) of ``sources`` against ``references``."""
    typed = [d or "" for d in drafts]
    return DraftScore(
        engine=engine,
        entries=len(references),
        reviewed_chars=sum(map(len, references)),
        chrf=chrf_pp(typed, references),
        edits=edit_distance(typed, references),
        failed=sum(d is None for d in drafts),
        lost_names=lost_names(sources, typed, names),
    )
