"""Which old entry a changed msgid comes from: rule 2 of :mod:`pliego.gettext.merge`.

Every unmatched new msgid is scored against the unmatched old ones with
rapidfuzz's normalised Indel similarity (``fuzz.ratio``, 0–100, as ``uint8``);
each new msgid keeps its :data:`TOP` best old ones at or above the cutoff (ties
to the earlier old entry), and :func:`assign` pairs them one-to-one, best score
first.  One-to-one matters: a new paragraph must not steal the translation of
an edited one whose true predecessor is a better match.

Scoring every pair (:func:`exhaustive_candidates`) grows with the product of
the two counts: 2,400 changed msgids against 2,000 old ones are 4.8 million
pairs, about a second, and nearly all of them score far below the cutoff.
:func:`candidates` scores few: an edit (a word inflected, a typo fixed, a word
added) leaves most of a paragraph's *word pairs* (adjacent words, lower-cased)
as they were, so an index from word pair to old entries names, for each new
msgid, the :data:`NEAREST` old ones that share the most word pairs with it
(Jaccard), and only those, with every short old msgid, are scored.  Where the
index cannot vouch for the answer the msgid is scored against every old one,
as before: a new msgid of fewer than :data:`MIN_WORDS` words (a heading, a
button), which one edited word leaves without a word pair, and one that shares
no word pair with any old msgid.

What the index can miss is an old text at or above the cutoff that shares
fewer word pairs with the new one than :data:`NEAREST` others do (every other
word rewritten, while unrelated paragraphs share a few common phrases): an edit
that large reads as a new paragraph to a translator too.  Scoring every
paragraph that found no match against every old one would rule that out, at
the price of the whole exhaustive cost again for every really new paragraph
(0.8 of the matching time on the bench's realistic corpus).
tests/gettext/test_matching.py compares both ways on generated catalogues,
short msgids included, and bench/update.py on both of its corpora.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import chain

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

#: How many old entries each new msgid keeps as candidates (the best scores).
TOP = 3
#: How many old entries, sharing the most word pairs, are scored per new msgid.
NEAREST = 8
#: Fewer words than this and a msgid is scored against every old one.
MIN_WORDS = 5
#: Fewer pairs than this are scored on one thread: starting the pool costs more.
_PARALLEL = 100_000
#: Cells of one block of the shared-word-pair count (rows x old entries): bounded memory, and
#: arrays that stay in the processor's cache (2,000,000 cells took twice the time of 250,000
#: at 20,000 realistic entries: the block's arrays went to main memory on every pass).
_BLOCK = 250_000
#: Rows of one score matrix of :func:`exhaustive_candidates`, at most.
_CHUNK = 512
#: Cells a run of :func:`exhaustive_candidates` may score beyond its rows' own windows.
_SLACK = 4_096
_WORD = re.compile(r"\w+")

Candidate = tuple[int, int, int]  # (score, new index, old index)
IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


def best_pairs(new: Sequence[str], old: Sequence[str], cutoff: float) -> list[tuple[int, int]]:
    """One-to-one (new index, old index) pairs, best similarity first."""
    if not new or not old:
        return []
    return assign(candidates(new, old, cutoff))


def assign(found: list[Candidate]) -> list[tuple[int, int]]:
    """Greedy one-to-one: the best score first, ties to the earlier new, then old, entry."""
    used_new: set[int] = set()
    used_old: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, n, o in sorted(found, key=lambda t: (-t[0], t[1], t[2])):
        if n in used_new or o in used_old:
            continue
        used_new.add(n)
        used_old.add(o)
        pairs.append((n, o))
    return pairs


def _workers(pairs: int) -> int:
    """rapidfuzz's threads: every core for a large matrix, one for a small one."""
    return -1 if pairs >= _PARALLEL else 1


def _tops(rows: IntArray, cols: IntArray, scores: IntArray, cutoff: float) -> list[Candidate]:
    """Each new msgid's :data:`TOP` best (score, old index) at or above the cutoff, ties
    to the earlier old entry, from flat arrays of scored pairs (each pair once): one
    sort for every row instead of a Python list and a sort per row."""
    keep = scores >= cutoff
    rows, cols, scores = rows[keep], cols[keep], scores[keep]
    order = np.lexsort((cols, -scores, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    first = _distinct(rows)
    rank = np.arange(len(rows)) - np.repeat(first, np.diff(np.append(first, len(rows))))
    best = rank < TOP
    return list(zip(scores[best].tolist(), rows[best].tolist(), cols[best].tolist(), strict=True))


def _length_windows(lengths: IntArray, cutoff: float) -> tuple[FloatArray, FloatArray]:
    """The old lengths texts of ``lengths`` characters can score ``cutoff`` against.

    Indel similarity is 100 x (1 - distance / (a + b)) and the distance is at least
    ``|a - b|``, so no pair scores above 200 x min(a, b) / (a + b); one point of
    margin keeps rapidfuzz's rounding to ``uint8`` on the safe side."""
    c = cutoff - 1
    if c <= 0:
        return np.zeros(len(lengths)), np.full(len(lengths), np.inf)
    low = np.asarray(c * lengths / (200 - c) - 1, dtype=np.float64)
    return low, np.asarray(lengths * (200 - c) / c + 1, dtype=np.float64)


def _runs(lo: list[int], hi: list[int]) -> Iterator[tuple[int, int]]:
    """Rows sorted by length (``lo .. hi - 1``: the old texts, sorted by length, each
    row's length can reach the cutoff against) cut into runs scored as one matrix: at
    most :data:`_CHUNK` rows, and no more than a quarter more cells than the rows' own
    windows hold (plus :data:`_SLACK`, so that small windows share a call).  The
    adversarial bench's 188 such rows, of 15 to 300 characters, were one matrix of
    three times the pairs their windows hold."""
    first = 0
    while first < len(lo):
        last, own = first + 1, hi[first] - lo[first]
        while last < len(lo) and last - first < _CHUNK:
            grown = own + hi[last] - lo[last]
            if (last + 1 - first) * (hi[last] - lo[first]) > grown + grown // 4 + _SLACK:
                break
            last, own = last + 1, grown
        yield first, last
        first = last


def exhaustive_candidates(
    new: Sequence[str], old: Sequence[str], cutoff: float, rows: Sequence[int] | None = None
) -> list[Candidate]:
    """Every new msgid (or those in ``rows``) scored against every old one that is
    not too long or too short to reach the cutoff (:func:`_length_windows`), in
    parallel C++ and in runs of rows of similar length (:func:`_runs`, bounded memory)."""
    chosen = sorted(range(len(new)) if rows is None else rows, key=lambda r: len(new[r]))
    if not chosen or not old:
        return []
    lengths = np.array([len(t) for t in old], dtype=np.int64)
    by_length = np.argsort(lengths, kind="stable")
    sorted_lengths = lengths[by_length]
    low, high = _length_windows(np.array([len(new[r]) for r in chosen], dtype=np.int64), cutoff)
    lo = np.searchsorted(sorted_lengths, low, side="left").tolist()
    hi = np.searchsorted(sorted_lengths, high, side="right").tolist()
    chosen_rows = np.array(chosen, dtype=np.int64)
    rows_found: list[IntArray] = []
    cols_found: list[IntArray] = []
    scores_found: list[IntArray] = []
    for first, last in _runs(lo, hi):
        a, b = lo[first], hi[last - 1]
        if a >= b:
            continue
        columns = by_length[a:b]
        scores = process.cdist(
            [new[r] for r in chosen[first:last]],
            [old[o] for o in columns.tolist()],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=_workers((last - first) * (b - a)),
        )
        hit_rows, hit_cols = np.nonzero(scores >= cutoff)
        rows_found.append(chosen_rows[first + hit_rows])
        cols_found.append(columns[hit_cols])
        scores_found.append(scores[hit_rows, hit_cols].astype(np.int64))
    if not rows_found:
        return []
    return _tops(
        np.concatenate(rows_found), np.concatenate(cols_found), np.concatenate(scores_found), cutoff
    )


def _spans(starts: IntArray, ends: IntArray) -> IntArray:
    """The positions ``starts[i] .. ends[i] - 1`` for every ``i``, concatenated."""
    lengths = ends - starts
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())


def _distinct(sorted_keys: IntArray) -> IntArray:
    """Where each run of equal keys starts in a sorted array."""
    if not len(sorted_keys):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))


class _Pairs:
    """Each text's distinct word pairs as integer codes (``first * words + second``):
    a dictionary look-up per word, the rest in numpy, sorted by text then code."""

    def __init__(self, texts: Sequence[str], vocabulary: defaultdict[str, int]) -> None:
        tokens = [_WORD.findall(text.lower()) for text in texts]
        self.words = np.array([len(t) for t in tokens], dtype=np.int64)
        self._ids = np.fromiter(
            map(vocabulary.__getitem__, chain.from_iterable(tokens)), dtype=np.int64
        )
        self.vocabulary = vocabulary

    def coded(self) -> _Pairs:
        """Compute the codes once every text sharing the vocabulary has been read
        (a code is only comparable with codes of the same vocabulary size)."""
        width = max(len(self.vocabulary), 1)
        who = np.repeat(np.arange(len(self.words)), self.words)
        same = who[:-1] == who[1:]
        codes = (self._ids[:-1] * width + self._ids[1:])[same]
        keys = np.sort(who[:-1][same] * (width * width) + codes)
        keys = keys[_distinct(keys)]
        self.texts: IntArray = keys // (width * width)
        self.codes: IntArray = keys % (width * width)
        self.sizes: IntArray = np.bincount(self.texts, minlength=len(self.words))
        #: Where each text's codes start (and, one further, end).
        self.bounds: IntArray = np.searchsorted(self.texts, np.arange(len(self.words) + 1))
        return self


class _Index:
    """Old entries by word pair: postings sorted by pair code, as flat arrays."""

    def __init__(self, old: _Pairs) -> None:
        order = np.argsort(old.codes, kind="stable")
        self.owners: IntArray = old.texts[order]
        codes = old.codes[order]
        first = _distinct(codes)
        self.pairs: IntArray = codes[first]
        self.starts: IntArray = np.append(first, len(order))
        self.sizes = old.sizes
        self.short = np.flatnonzero(old.words < MIN_WORDS).tolist()
        self.size = len(old.words)

    def shared(self, rows: IntArray, codes: IntArray, height: int) -> IntArray:
        """How many word pairs each query row (``rows[i]`` holds ``codes[i]``, rows
        numbered from 0 to ``height``) shares with each old entry: height x old."""
        if not len(self.pairs):
            return np.zeros((height, self.size), dtype=np.int64)
        at = np.minimum(np.searchsorted(self.pairs, codes), len(self.pairs) - 1)
        known = self.pairs[at] == codes
        at, rows = at[known], rows[known]
        lengths = self.starts[at + 1] - self.starts[at]
        owners = self.owners[_spans(self.starts[at], self.starts[at + 1])]
        cells = np.repeat(rows, lengths) * self.size + owners
        counts = np.bincount(cells, minlength=height * self.size)
        return counts.reshape(height, self.size)


def _nearest(index: _Index, query: _Pairs, start: int, stop: int) -> tuple[IntArray, IntArray]:
    """For new texts ``start .. stop - 1``: (new index, old index) of the old ones sharing
    the most word pairs with each (by Jaccard, at most :data:`NEAREST`), none that shares
    no pair."""
    first, last = query.bounds[start], query.bounds[stop]
    height = stop - start
    shared = index.shared(query.texts[first:last] - start, query.codes[first:last], height)
    union = query.sizes[start:stop, None] + index.sizes[None, :] - shared
    jaccard = shared / np.maximum(union, 1)
    take = min(NEAREST, index.size)
    nearest = np.argpartition(-jaccard, take - 1, axis=1)[:, :take]
    hit = np.take_along_axis(shared, nearest, axis=1) > 0
    rows = np.repeat(np.arange(start, stop, dtype=np.int64), take).reshape(height, take)
    return rows[hit], nearest[hit].astype(np.int64, copy=False)


def _short_ones(
    index: _Index, old: Sequence[str], rows: IntArray, lengths: IntArray, cutoff: float
) -> tuple[IntArray, IntArray]:
    """(row, old index) of the short old msgids each row is scored against: only those
    whose length can reach the cutoff against the row's (a paragraph never reaches a
    heading)."""
    short = np.array(index.short, dtype=np.int64)
    short_lengths = np.array([len(old[o]) for o in index.short], dtype=np.int64)
    by_length = np.argsort(short_lengths, kind="stable")
    short, short_lengths = short[by_length], short_lengths[by_length].astype(np.float64)
    low, high = _length_windows(lengths, cutoff)
    a = np.searchsorted(short_lengths, low)
    b = np.searchsorted(short_lengths, high + 1e-9)
    return np.repeat(rows, b - a), short[_spans(a, b)]


def candidates(new: Sequence[str], old: Sequence[str], cutoff: float) -> list[Candidate]:
    """What :func:`exhaustive_candidates` finds, scoring only the pairs the word-pair
    index names (see the module docstring for when it falls back, and its limit)."""
    if not new or not old:
        return []
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new word gets the next number
    known, query = _Pairs(old, vocabulary), _Pairs(new, vocabulary)
    index, query = _Index(known.coded()), query.coded()
    step = max(1, _BLOCK // len(old))
    near = [_nearest(index, query, s, min(s + step, len(new))) for s in range(0, len(new), step)]
    rows = np.concatenate([r for r, _ in near])
    cols = np.concatenate([c for _, c in near])
    # Too short to index, or no word pair in common: scored against every old msgid.
    indexed = np.zeros(len(new), dtype=bool)
    indexed[rows] = True
    indexed &= query.words >= MIN_WORDS
    exhaustive = np.flatnonzero(~indexed).tolist()
    keep = indexed[rows]
    rows, cols = rows[keep], cols[keep]
    if index.short:
        ask = np.flatnonzero(indexed)
        lengths = np.array([len(new[n]) for n in ask.tolist()], dtype=np.int64)
        more_rows, more_cols = _short_ones(index, old, ask, lengths, cutoff)
        keys = np.unique(
            np.concatenate((rows, more_rows)) * len(old) + np.concatenate((cols, more_cols))
        )
        rows, cols = keys // len(old), keys % len(old)
    found: list[Candidate] = []
    if len(rows):
        scores = process.cpdist(
            [new[n] for n in rows.tolist()],
            [old[o] for o in cols.tolist()],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=_workers(len(rows)),
        )
        found = _tops(rows, cols, scores.astype(np.int64), cutoff)
    return found + exhaustive_candidates(new, old, cutoff, exhaustive)
