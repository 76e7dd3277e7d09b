"""Quechua hyphenation of names, hyphenated words and Spanish loans (rules 10-12 of
:mod:`pliego.pamphlet.hyphenate`), on the shipped article's own words."""

from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest

from pliego.gettext.po import load_catalog
from pliego.pamphlet.hyphenate import (
    SOFT_HYPHEN,
    hyphen_offsets,
    hyphenate_html,
    hyphenate_text,
    hyphenate_word,
    quechua_spelled,
    syllables,
    text_offsets,
)
from tests.conftest import REPO

LIST = Path(__file__).parent / "data" / "quechua-names-loans.txt"
ENTRIES = [
    tuple(line.split(": ", 1))
    for line in LIST.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
NAMES = [value for kind, value in ENTRIES if kind == "name"]
LOANS = [value for kind, value in ENTRIES if kind == "loan"]
SHIPPED = REPO / "locale" / "qu" / "LC_MESSAGES" / "peru-masses-deepen-resistance.po"
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def _shown(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "=")


def test_the_list_has_the_issues_examples() -> None:
    assert {"Hitlerpa", "Marea Rosa", "Rusia-Ucrania"} <= set(NAMES)
    assert "de-mo-crá-ti-co" in LOANS and len(NAMES) >= 15 and len(LOANS) >= 15


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "sentence",
    [
        "Kunanqa {} nisqa rimanku.",  # inside a sentence
        "{} nisqa rimanku.",  # at the start of the block
        "Manam. {} nisqa rimanku.",  # after a full stop
        "Paykunaqa “{}” ninku.",  # inside quotes
    ],
)
def test_names_are_never_hyphenated(name: str, sentence: str) -> None:
    text = hyphenate_text(sentence.format(name))
    assert name in text, _shown(text)  # the name whole, whatever its neighbours get


def test_a_capitalised_quechua_word_is_a_name_inside_a_sentence_only() -> None:
    assert _shown(hyphenate_text("Tawantinsuyupi kawsanku.")).startswith("Ta=wan=tin=su=yupi")
    assert "Tawantinsuyupi" in hyphenate_text("Paykunaqa Tawantinsuyupi kawsanku.")
    assert _shown(hyphenate_text("Kaypi. ¿Runasimiqa?")).endswith("¿Ru=na=si=miqa?")
    # a word given alone is a word, not a name
    assert hyphenate_word("Tawantinsuyu", "-") == "Ta-wan-tin-suyu"
    assert hyphenate_word("Hitlerpa", "-") == "Hitlerpa"  # not Quechua letters: a name


def test_sentences_are_followed_across_inline_markup_and_blocks() -> None:
    html = (
        "<p>Kaypi <em>Castillota</em> qarqunku. <strong>Runasimiqa</strong> allinmi.</p>"
        "<p><b>Kamachikuykunata</b> rimanku.</p>"
    )
    shown = _shown(hyphenate_html(html, "qu"))
    assert "<em>Castillota</em>" in shown  # after "Kaypi ": a name
    assert "<strong>Ru=na=si=miqa</strong>" in shown  # after a full stop
    assert "<p><b>Ka=ma=chi=kuy=ku=nata</b>" in shown  # a new paragraph
    assert hyphenate_html(html, "qu").replace(SOFT_HYPHEN, "") == html


def test_a_hyphenated_word_gets_no_second_hyphen() -> None:
    for text in ("Rusia-Ucrania", "runa-simi", "llaqta‐runakuna", "kamachikuy‑kunata"):
        assert hyphenate_text(f"Kaypi {text} nin.") == f"Kaypi {text} nin."


@pytest.mark.parametrize("loan", LOANS)
def test_loans_get_their_spanish_syllables(loan: str) -> None:
    word = loan.replace("-", "")
    assert not quechua_spelled(word)
    assert "-".join(syllables(word)) == loan


def test_every_loan_of_the_article_breaks_only_where_spanish_does() -> None:
    """pyphen's Spanish dictionary (the one WeasyPrint uses for ``lang="es"``) as a
    second opinion on every loan of the shipped article: each of our hyphens is one
    of its break points.  Its patterns miss one syllable boundary of "gabinete"
    (ga-bi-ne-te, RAE), so that word is the known exception; a new one fails here."""
    spanish = pyphen.Pyphen(lang="es", left=1, right=1)
    loans = {
        w.group()
        for m in load_catalog(SHIPPED).active
        for w in _WORD.finditer(m.msgstr)
        if w.group()[0].islower() and not quechua_spelled(w.group())
    }
    assert len(loans) >= 200
    differ = {w for w in loans if not set(hyphen_offsets(w)) <= set(spanish.positions(w))}
    assert differ == {"gabineteta"}
    assert "-".join(syllables("gabinete")) == "ga-bi-ne-te"


def test_no_name_of_the_shipped_article_is_hyphenated() -> None:
    """Every capitalised word that does not open a sentence stays whole; one that
    opens a sentence and is spelled in Quechua is hyphenated as any word."""
    names = opening = 0
    for m in load_catalog(SHIPPED).active:
        offsets = text_offsets(m.msgstr)
        for w in _WORD.finditer(m.msgstr):
            if not w.group()[0].isupper():
                continue
            cut = any(w.start() < o < w.end() for o in offsets)
            before = m.msgstr[: w.start()].rstrip(" “‘«(¿¡\"'")
            starts = not before or before[-1] in ".!?…"
            if starts and quechua_spelled(w.group()) and len(w.group()) > 6:
                opening += 1
                assert cut, w.group()
            elif not starts or not quechua_spelled(w.group()):
                names += 1
                assert not cut, w.group()
    assert names >= 100 and opening >= 15, (names, opening)
