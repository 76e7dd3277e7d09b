"""The clean-up rules, each on real Apertium output (``data/apertium_raw.json``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from pliego.prefill.apertium import ApertiumEngine, Lexicon
from pliego.prefill.cleanup import (
    NNBSP,
    apostrophes,
    before_punctuation,
    clean,
    edges,
    french_spacing,
    inside_quotes,
    runs,
    spanish_marks,
    unglue,
)
from pliego.prefill.masking import MaskedEngine, mask

DATA = json.loads((Path(__file__).parent / "data" / "apertium_raw.json").read_text("utf-8"))
CASES = {case["source"]: case for case in DATA["cases"]}


def raw(source: str, field: str = "raw") -> tuple[str, str]:
    """(masked source, Apertium's answer) for one collected sentence."""
    case = CASES[source]
    return case["sent"], case[field]


def test_edges_drop_apertiums_leading_space_and_keep_the_sources() -> None:
    sent, plain = raw('It is a "fair share" , they say.', "plain")
    assert plain.startswith(" ")
    assert edges(sent, plain) == plain.strip()
    assert edges("  " + sent + "\n", plain) == "  " + plain.strip() + "\n"


def test_runs_collapse_where_the_source_has_single_spaces() -> None:
    sent, out = raw("This is *why* we are striking.")
    assert "  " in out
    assert runs(sent, out) == "Esto es {0}por qué{1} estamos atacando."
    sent, out = raw("What do we want?")
    assert runs(sent, out) == "Qué queremos?"
    assert runs("two  spaces kept", out) == out


def test_no_space_before_punctuation_unless_the_source_has_one() -> None:
    sent, out = raw("Who are we? We are the workers!")
    assert before_punctuation(sent, out) == "Quién somos?  Somos los trabajadores!"
    sent, out = raw("They cut pay (again) .", "plain")
    assert before_punctuation(sent, out) == out  # the English spaces its full stop too
    assert before_punctuation("They cut pay (again).", out) == " Cortan paga (otra vez)."


def test_no_space_inside_quotes_and_brackets() -> None:
    sent, out = raw('It is a "fair share" , they say.')
    assert inside_quotes(sent, out) == 'Es una "acción justa" ,  dicen.'
    assert inside_quotes("We want (a fair) deal.", "Queremos ( un trato )") == "Queremos (un trato)"
    assert inside_quotes('"a" b "c', '"a " b " c') == '"a " b " c'  # unpaired: left alone


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("What do we want?", "¿Qué   queremos?"),
        ("Join us!", "¡Nos uno!"),
        ("Who are we? We are the workers!", "¿Quién somos?  ¡Somos los trabajadores !"),
        ("Ask yourself: who profits?", "Te pide: ¿quién beneficios?"),
        ("Why are we striking? Because they cut our pay!", None),
    ],
)
def test_spanish_marks_open_what_the_source_asks_or_exclaims(
    source: str, expected: str | None
) -> None:
    sent, out = raw(source)
    fixed = spanish_marks(sent, out, "es")
    if expected is not None:
        assert fixed == expected
    assert fixed.count("¿") == fixed.count("?") and fixed.count("¡") == fixed.count("!")
    assert spanish_marks(sent, out, "qu") == out  # Quechua has no inverted marks
    assert spanish_marks("We are the workers.", "Somos!", "es") == "Somos!"  # not asked


def test_spanish_marks_inside_quotes_and_combined() -> None:
    assert spanish_marks('He asked: "why?"', 'Preguntó: "por qué?"', "es") == (
        'Preguntó: "¿por qué?"'
    )
    assert spanish_marks('Is it "fair"?', 'Es "justo"?', "es") == '¿Es "justo"?'
    assert spanish_marks("What?!", "Qué?!", "es") == "¡¿Qué?!"
    assert spanish_marks("Really?", "¿De verdad?", "es") == "¿De verdad?"


def test_apostrophes_follow_the_source() -> None:
    sent, out = raw(
        "They demanded the usurper ‘president’ Dina Boluarte—Castillo’s former deputy—resign."
    )
    assert "‘de usurpador'" in out
    assert apostrophes(sent, out) == (
        "Reclamaron el presidente ‘de usurpador’ Dina Boluarte—Castillo’ el diputado "
        "anterior—dimite."
    )
    assert apostrophes("It's 'fine'", "Es 'bien'") == "Es 'bien'"  # the source is straight


def test_french_spacing() -> None:
    # No French engine is installed; the spacing Apertium leaves is the input.
    _, out = raw("Who are we? We are the workers!")
    assert french_spacing(out, "fr") == f"Quién somos{NNBSP}?  Somos los trabajadores{NNBSP}!"
    assert french_spacing("« oui » et «non»: 12:30 ; fin", "fr") == (
        f"«{NNBSP}oui{NNBSP}» et «{NNBSP}non{NNBSP}»{NNBSP}: 12:30{NNBSP}; fin"
    )
    assert french_spacing(out, "es") == out


def test_every_collected_draft_is_clean_after_all_rules() -> None:
    for source, case in CASES.items():
        for field in ("raw", "plain"):
            out = clean(case["sent"], case[field], "es")
            assert "  " not in out, (source, out)
            assert out == out.strip()
            spaced = [p for p in ".,;:!?" if f" {p}" in out and f" {p}" not in source]
            assert not spaced, (source, out)
            assert out.count("¿") == out.count("?") and out.count("¡") == out.count("!")
            assert "’" not in case["sent"] or "'" not in out
            assert clean(case["sent"], out, "es") == out  # idempotent


def test_live_apertium_drafts_are_cleaned() -> None:
    """Apertium as installed still makes the defects, and the rules still remove them."""
    sources = ["Who are we? We are the workers!", "This is *why* we are striking."]
    sent = [mask(s).text for s in sources]
    drafts = ApertiumEngine("eng-spa").translate_batch(sent)
    assert any("  " in d or " !" in d for d in drafts)
    cleaned = [clean(s, d, "es") for s, d in zip(sent, drafts, strict=True)]
    assert cleaned == [
        "¿Quién somos? ¡Somos los trabajadores!",
        "Esto es {0}por qué{1} estamos atacando.",
    ]


# --- rule 8: glued words, on what the real Apertium writes ---------------------

COMPOUNDS = {
    "an eight-week campaign": ("campañadeocho", "una campaña de ocho semanas"),
    "right-wing parties": ("fiestasdeala", "fiestas de ala derecha"),
    "a two-day strike": ("huelgadedos", "una huelga de dos días"),
    "We want an eight-hour day.": ("díadeocho", "Queremos un día de ocho horas."),
    "a long-term plan": ("plandeplazo", "un plan de plazo largo"),
}


@pytest.fixture(scope="module")
def apertium_raw() -> ApertiumEngine:
    return ApertiumEngine("eng-spa")


def test_apertium_glues_the_translation_of_a_hyphenated_compound(
    apertium_raw: ApertiumEngine,
) -> None:
    drafts = apertium_raw.translate_batch(list(COMPOUNDS))
    for (glued, _), draft in zip(COMPOUNDS.values(), drafts, strict=True):
        assert glued in draft  # what rule 8 is for; a new Apertium may stop doing it


def test_glued_words_are_split_with_apertiums_own_dictionary(apertium_raw: ApertiumEngine) -> None:
    lexicon = Lexicon.for_mode(apertium_raw.binary, "eng-spa")
    assert lexicon is not None
    drafts = apertium_raw.translate_batch(list(COMPOUNDS))
    for source, draft, (_, expected) in zip(COMPOUNDS, drafts, COMPOUNDS.values(), strict=True):
        assert unglue(source, draft, lexicon) == expected
    # prefill does it, after the cache, as it cleans every Apertium draft
    cleaned = dict(MaskedEngine(apertium_raw, (), "es").translate_many(list(COMPOUNDS)))
    assert [cleaned[i].text for i in range(len(COMPOUNDS))] == [  # type: ignore[union-attr]
        expected for _, expected in COMPOUNDS.values()
    ]


def test_unglue_touches_only_unknown_words_of_a_compound_source() -> None:
    words = {"campaña", "de", "ocho", "semanas", "una", "dedos", "huelga", "dos", "a", "la", "ala"}
    words |= {"fiestas", "impuestas", "en", "e"}

    def lexicon(asked: Iterable[str]) -> set[str]:
        return {w for w in asked if w in words}

    assert unglue("an eight-week campaign", "una campañadeocho semanas", lexicon) == (
        "una campaña de ocho semanas"
    )
    # "de" costs nothing: "huelga de dos", not "huelga dedos"; "ala", not "a la"
    assert unglue("a two-day strike", "huelgadedos", lexicon) == "huelga de dos"
    assert unglue("right-wing", "fiestasdeala", lexicon) == "fiestas de ala"
    # no hyphenated compound in the source: nothing is split
    assert unglue("an eight week campaign", "campañadeocho", lexicon) == "campañadeocho"
    # a word of the source (a name) or one nothing splits stays as it is
    assert unglue("Campañadeocho's two-day", "Campañadeocho", lexicon) == "Campañadeocho"
    assert unglue("two-day", "xyzzyqux", lexicon) == "xyzzyqux"
    assert unglue("two-day", "huelgadedos", None) == "huelgadedos"
    # an abbreviation glued on ("impuestasenEE.UU.") is not cut into letters
    assert unglue("US-imposed", "impuestasenEE.UU.", lexicon) == "impuestasenEE.UU."
