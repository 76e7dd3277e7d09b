"""The word-pair index finds what scoring every pair finds (pliego.gettext.matching)."""

from __future__ import annotations

import random

import pytest

from pliego.gettext import matching
from pliego.gettext.matching import (
    MIN_WORDS,
    assign,
    best_pairs,
    candidates,
    exhaustive_candidates,
)

CUTOFF = 70.0
#: The words of the generated catalogues: 400 made-up words of 2 to 11 letters.
_LETTERS = random.Random(0)
VOCABULARY = tuple(
    "".join(_LETTERS.choice("aeioubcdfghlmnprstv") for _ in range(_LETTERS.randint(2, 11)))
    for _ in range(400)
)
_SENTENCE = (
    "the people of the south marched to the capital and the police met them with tear gas "
    "while the government said the protests were paid for by foreign money which nobody "
    "believed since the marchers were farmers teachers students miners and mothers"
)
#: A vocabulary small enough that unrelated texts reach the cutoff.
FEW_WORDS = tuple(_SENTENCE.split())


def _text(rnd: random.Random, lo: int, hi: int, words: tuple[str, ...] = VOCABULARY) -> str:
    return " ".join(rnd.choice(words) for _ in range(rnd.randint(lo, hi))).capitalize() + "."


def _edit(rnd: random.Random, text: str) -> str:
    """An editor's edit: a word changed, added or dropped, or two letters swapped."""
    words = text.split()
    i = rnd.randrange(len(words))
    op = rnd.choice(("change", "add", "drop", "typo"))
    if op == "change":
        words[i] = rnd.choice(VOCABULARY)
    elif op == "add":
        words.insert(i, rnd.choice(VOCABULARY))
    elif op == "drop" and len(words) > 1:
        words.pop(i)
    elif len(words[i]) > 2:
        w = words[i]
        words[i] = w[0] + w[2] + w[1] + w[3:]
    return " ".join(words)


def _catalogues(
    seed: int, n: int, words: tuple[str, ...] = VOCABULARY
) -> tuple[list[str], list[str]]:
    """(new msgids, old msgids): a third short (headings, buttons), the rest paragraphs;
    most old ones edited, the others dropped, and new texts."""
    rnd = random.Random(seed)
    old = list(
        dict.fromkeys(
            _text(rnd, 1, MIN_WORDS - 1, words) if rnd.random() < 0.33 else _text(rnd, 6, 40, words)
            for _ in range(n)
        )
    )
    new = [_edit(rnd, t) for t in old if rnd.random() < 0.8]
    new += [_text(rnd, 1, 30, words) for _ in range(n // 5)]
    rnd.shuffle(new)
    taken = set(old)
    return list(dict.fromkeys(t for t in new if t not in taken)), old


@pytest.mark.parametrize("seed", range(8))
def test_the_index_finds_the_exhaustive_candidates(seed: int) -> None:
    new, old = _catalogues(seed, 200)
    exhaustive = exhaustive_candidates(new, old, CUTOFF)
    assert len(exhaustive) > len(new) // 2  # the corpus has matches to find
    assert sorted(candidates(new, old, CUTOFF)) == sorted(exhaustive)
    assert best_pairs(new, old, CUTOFF) == assign(exhaustive)


def _best(found: list[tuple[int, int, int]]) -> dict[int, int]:
    """Each new msgid's best old one."""
    best: dict[int, tuple[int, int]] = {}
    for score, n, o in found:
        best[n] = min((-score, o), best.get(n, (0, -1)))
    return {n: o for n, (_, o) in best.items()}


@pytest.mark.parametrize("seed", range(8))
def test_what_the_index_may_leave_out(seed: int) -> None:
    """The documented limit, on texts of 38 words where unrelated paragraphs reach
    the cutoff: a new text may lose its match to an old text it shares few word
    pairs with.  The index never invents a candidate, and a msgid it leaves out is
    left without any (never given a worse one)."""
    new, old = _catalogues(seed, 150, FEW_WORDS)
    exhaustive = exhaustive_candidates(new, old, CUTOFF)
    indexed = candidates(new, old, CUTOFF)
    assert set(indexed) <= set(exhaustive)
    best, found = _best(exhaustive), _best(indexed)
    left_out = {n for n in best if found.get(n) != best[n]}
    assert len(left_out) <= len(best) // 20
    assert all(n not in found for n in left_out)  # left without a candidate, not a wrong one


def test_the_index_spares_scoring_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long edited paragraphs are matched through the index; only what it cannot
    vouch for (short msgids, no word pair in common) is scored against everything."""
    rnd = random.Random(3)
    old = [_text(rnd, 12, 30) for _ in range(40)]
    new = [_edit(rnd, t) for t in old]
    new += ["Open the door", "Qwerty zxcvb asdfg hjkl poiuy mnbvc"]
    scored: list[int] = []
    real = matching.exhaustive_candidates

    def spy(n: list[str], o: list[str], cutoff: float, rows: list[int] | None = None) -> object:
        scored.extend(rows or [])
        return real(n, o, cutoff, rows)

    monkeypatch.setattr(matching, "exhaustive_candidates", spy)
    pairs = best_pairs(new, old, CUTOFF)
    assert scored == [40, 41]
    assert sorted(pairs) == [(i, i) for i in range(40)]


def test_a_short_msgid_whose_only_word_pair_changed_still_finds_its_predecessor() -> None:
    old = ["Read online", "Download the pamphlet", "The people of the south marched today."]
    new = ["Read onlin", "Download the pamphlets"]
    assert sorted(best_pairs(new, old, CUTOFF)) == [(0, 0), (1, 1)]


def test_a_paragraph_sharing_no_word_pair_is_scored_against_every_old_one() -> None:
    """Every other word misspelt: no word pair survives, the similarity does."""
    old = ["The marchers were farmers teachers students miners and mothers from Puno."]
    new = ["Teh marchers wree farmers teahcers students minres and mohters from Pnuo."]
    assert best_pairs(new, old, CUTOFF) == [(0, 0)]


def test_nothing_to_match() -> None:
    assert best_pairs([], ["a b c d e f"], CUTOFF) == []
    assert best_pairs(["a b c d e f"], [], CUTOFF) == []
    assert best_pairs(["Something else entirely, said nobody."], ["Okay"], CUTOFF) == []


def _every_pair(new: list[str], old: list[str], cutoff: float) -> list[matching.Candidate]:
    """The reference: rapidfuzz over the whole matrix, no length window."""
    import numpy as np
    from rapidfuzz import fuzz, process

    scores = process.cdist(new, old, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
    rows, cols = np.nonzero(scores >= cutoff)
    return matching._tops(rows, cols, scores[rows, cols].astype(np.int64), cutoff)


def test_each_row_keeps_its_best_three_ties_to_the_earlier_old_entry() -> None:
    """_tops on pairs in no particular order: best score first, then the lower old index."""
    import numpy as np

    rows = np.array([1, 0, 1, 1, 1, 0, 1, 2], dtype=np.int64)
    cols = np.array([5, 9, 2, 7, 3, 1, 4, 0], dtype=np.int64)
    scores = np.array([80, 75, 90, 80, 80, 69, 99, 70], dtype=np.int64)
    assert sorted(matching._tops(rows, cols, scores, CUTOFF)) == sorted(
        [(75, 0, 9), (99, 1, 4), (90, 1, 2), (80, 1, 3), (70, 2, 0)]
    )


@pytest.mark.parametrize("cutoff", [0.0, 1.0, 40.0, 70.0, 90.0, 100.0])
def test_the_length_window_drops_no_pair_that_could_score(cutoff: float) -> None:
    """Texts of every length from 1 to 60 letters, many of them one edit apart and
    many at the window's edges: the windowed scoring finds what the whole matrix does."""
    rnd = random.Random(int(cutoff))
    old = list(
        dict.fromkeys(
            "".join(rnd.choice("ab ") for _ in range(rnd.randint(1, 60))) for _ in range(600)
        )
    )
    new = list(
        dict.fromkeys(t[: rnd.randint(1, len(t))] + rnd.choice(("", "a", "ba")) for t in old[:300])
    )
    found = exhaustive_candidates(new, old, cutoff)
    assert len(found) > 10  # the corpus has pairs to find, even at 100
    assert sorted(found) == sorted(_every_pair(new, old, cutoff))
