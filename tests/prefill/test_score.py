"""The draft score (:mod:`pliego.prefill.score`): chrF++ and the edit share, on known texts."""

from __future__ import annotations

import pytest
from sacrebleu.metrics.chrf import CHRF

from pliego.gettext.catalog import Catalog, Message
from pliego.prefill.score import (
    chrf_pp,
    edit_distance,
    lost_names,
    reviewed_entries,
    score,
)

REFS = ["Paramos el 15 de marzo.", "Somos el personal de limpieza del hospital."]
GOOD = ["Paramos el 15 de marzo.", "Somos el personal de limpieza del Hospital."]
POOR = ["Nosotros golpeamos en 15 Marcha.", "Somos las personas limpiadoras de hospital."]


def test_a_perfect_draft_scores_100_and_needs_no_typing() -> None:
    s = score("engine", ["a", "b"], REFS, REFS)
    assert s.chrf == pytest.approx(100.0) and s.edits == 0 and s.share == 0.0
    assert s.entries == 2 and s.reviewed_chars == sum(map(len, REFS)) and s.failed == 0


def test_a_better_draft_scores_higher_and_needs_less_typing() -> None:
    good, poor = score("good", ["", ""], GOOD, REFS), score("poor", ["", ""], POOR, REFS)
    assert good.chrf > poor.chrf and good.share < poor.share
    assert good.edits == 1  # h -> H
    # the same number as sacrebleu's own chrF++ (word order 2), corpus level
    assert poor.chrf == pytest.approx(CHRF(word_order=2).corpus_score(POOR, [REFS]).score)


def test_a_failed_entry_is_an_empty_draft_everything_typed() -> None:
    s = score("half", ["", ""], [REFS[0], None], REFS)
    assert s.failed == 1 and s.edits == len(REFS[1]) and 0 < s.share < 1
    assert score("none", ["", ""], [None, None], REFS).share == pytest.approx(1.0)


def test_edit_distance_counts_characters() -> None:
    assert edit_distance(["kitten"], ["sitting"]) == 3
    with pytest.raises(ValueError):
        edit_distance(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        chrf_pp(["a"], [])


def test_lost_names_counts_occurrences_a_draft_dropped() -> None:
    sources = ["Riverside Logistics and Riverside Logistics again.", "Maria Lopez spoke."]
    drafts = ["Logística de Ribera y Riverside Logistics otra vez.", "Maria Lopez habló."]
    assert lost_names(sources, drafts, ["Riverside Logistics", "Maria Lopez"]) == 1
    assert lost_names(sources, sources, ["Riverside Logistics", "Maria Lopez"]) == 0


def test_only_reviewed_entries_with_words_are_scored() -> None:
    catalog = Catalog(
        messages=(
            Message(msgid="", msgstr="Language: es\n"),
            Message(msgid="Reviewed text", msgstr="Texto revisado"),
            Message(msgid="Fuzzy text", msgstr="Texto", flags=("fuzzy",)),
            Message(msgid="Empty text", msgstr=""),
            Message(msgid="CGTP", msgstr="CGTP"),  # a kept name only: prefill sends nothing
            Message(msgid="Old text", msgstr="Viejo", obsolete=True),
        )
    )
    assert [m.msgid for m in reviewed_entries(catalog, ["CGTP"])] == ["Reviewed text"]
