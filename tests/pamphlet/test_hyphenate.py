"""Quechua syllabification: a checked word list, properties, and a real WeasyPrint layout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.pamphlet.hyphenate import APOSTROPHES as MARKS
from pliego.pamphlet.hyphenate import (
    LEFT,
    RIGHT,
    SOFT_HYPHEN,
    hyphenate_html,
    hyphenate_text,
    hyphenate_word,
    syllables,
)

WORDS = Path(__file__).parent / "data" / "quechua-words.txt"
EXPECTED = [
    line.strip()
    for line in WORDS.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
#: Letter groups that are one consonant: no hyphen may fall inside them.
UNITS = ["chh", "ch'", "ch", "ll", "sh", "k'", "kh", "p'", "ph", "q'", "qh", "t'", "th"]
APOSTROPHES = ["'", "’", "ʼ"]


def test_word_list_is_big_enough() -> None:
    assert len(EXPECTED) >= 60
    assert len(set(EXPECTED)) == len(EXPECTED)


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
def test_word_list_syllables(apostrophe: str) -> None:
    wrong = []
    for expected in EXPECTED:
        expected = expected.replace("'", apostrophe)
        got = "-".join(syllables(expected.replace("-", "")))
        if got != expected:
            wrong.append(f"{expected} -> {got}")
    assert wrong == []


@pytest.mark.parametrize(
    ("word", "hyphenated"),
    [
        ("runasimi", "ru-na-simi"),  # "mi" alone is too short on the next line
        ("p'unchaw", "p'un-chaw"),
        ("allin", "allin"),  # a-llin: one letter on the left is too few
        ("atuq", "atuq"),
        ("Tawantinsuyu", "Ta-wan-tin-suyu"),  # a capital first letter is a normal word
        ("Runasimiqa", "Ru-na-si-miqa"),
        ("ONPE", "ONPE"),
        ("WeasyPrint", "WeasyPrint"),
        ("pacha2026", "pacha2026"),
        ("ñuqanchik", "ñu-qan-chik"),
    ],
)
def test_hyphenate_word(word: str, hyphenated: str) -> None:
    assert hyphenate_word(word, "-") == hyphenated
    assert hyphenate_word(word) == hyphenated.replace("-", SOFT_HYPHEN)


def test_left_right_minimums() -> None:
    assert (LEFT, RIGHT) == (2, 3)
    assert hyphenate_word("munanakuy", "-", left=3, right=3) == "muna-na-kuy"
    assert hyphenate_word("wasi", "-", left=3) == "wasi"
    assert hyphenate_word("runasimi", "-", right=2) == "ru-na-si-mi"  # still available


def test_a_two_letter_suffix_never_starts_a_line() -> None:
    """The pamphlet once broke huñunakuchkarqan-ku., leaving "ku." alone on a line."""
    assert hyphenate_word("huñunakuchkarqanku", "-") == "hu-ñu-na-kuch-kar-qanku"
    assert hyphenate_text("protestaqkunapas huñunakuchkarqanku.", "-") == (
        "pro-tes-taq-ku-na-pas hu-ñu-na-kuch-kar-qanku."
    )
    # the ejective mark is not a letter, whichever way it is typed
    for mark in MARKS:
        assert hyphenate_word(f"misk{mark}i", "-") == f"misk{mark}i"  # k'i: two letters
        assert hyphenate_word(f"misk{mark}ikuna", "-") == f"mis-k{mark}i-kuna"


def test_text_leaves_urls_markdown_and_numbers_alone() -> None:
    text = "runasimi https://kawsay.pe/runasimi `yachachiq` **kamachikuy** 2026-pi wasikuna"
    assert hyphenate_text(text, "-") == (
        "ru-na-simi https://kawsay.pe/runasimi `yachachiq` **kamachikuy** 2026-pi wa-si-kuna"
    )


def test_html_only_text_nodes_change() -> None:
    html = (
        '<!DOCTYPE html><html lang="qu"><head><title>runasimi</title>'
        "<style>.runasimi{}</style></head><body>"
        '<p class="runasimi" title="runasimi">Runasimiqa p&rsquo;unchawkunapi'
        ' <code>kamachikuy</code> <a href="https://runasimi.pe/wasikuna">wasikuna</a>'
        ' <span lang="es">gobierno</span> <!-- yachachiq --> kamachikuy</P >'
        "<script>var runasimi = 1;</script></body></html>"
    )
    out = hyphenate_html(html, "qu")
    assert out.replace(SOFT_HYPHEN, "") == html
    shown = out.replace(SOFT_HYPHEN, "=")
    assert "Ru=na=si=miqa p&rsquo;un=chaw=ku=napi" in shown
    assert ">wa=si=kuna</a>" in shown
    assert "--> ka=ma=chi=kuy" in shown
    for untouched in (
        'class="runasimi" title="runasimi"',
        "<title>runasimi</title>",
        "<code>kamachikuy</code>",
        "https://runasimi.pe/wasikuna",
        ">gobierno<",
        "<!-- yachachiq -->",
        "var runasimi",
    ):
        assert untouched in shown


@pytest.mark.parametrize("lang", ["es", "en", "es-PE", ""])
def test_other_languages_unchanged(lang: str) -> None:
    html = "<p>runasimi kamachikuy</p>"
    assert hyphenate_html(html, lang) is html


def test_quechua_variants_are_hyphenated() -> None:
    assert SOFT_HYPHEN in hyphenate_html("<p>runasimi</p>", "qu-PE")
    assert SOFT_HYPHEN in hyphenate_html("<p>runasimi</p>", "QUZ")


# --- properties --------------------------------------------------------------

ONSETS = [
    "",
    "ch",
    "chh",
    "ch'",
    "h",
    "k",
    "kh",
    "k'",
    "l",
    "ll",
    "m",
    "n",
    "ñ",
    "p",
    "ph",
    "p'",
    "q",
    "qh",
    "q'",
    "r",
    "s",
    "sh",
    "t",
    "th",
    "t'",
    "w",
    "y",
]
CODAS = ["", "", "k", "q", "n", "m", "s", "y", "w", "r", "l", "p", "t", "ch", "sh", "ll"]
syllable = st.tuples(st.sampled_from(ONSETS), st.sampled_from("aiueo"), st.sampled_from(CODAS)).map(
    "".join
)
words = st.builds(
    lambda parts, mark: "".join(parts).replace("'", mark),
    st.lists(syllable, min_size=1, max_size=7),
    st.sampled_from(APOSTROPHES),
)


def _unit_spans(word: str) -> set[int]:
    """Offsets strictly inside a multi-letter consonant unit."""
    inside: set[int] = set()
    lowered = re.sub("[’ʼ]", "'", word.lower())
    for unit in sorted(UNITS, key=len, reverse=True):
        for m in re.finditer(re.escape(unit), lowered):
            inside.update(range(m.start() + 1, m.end()))
    return inside


@settings(max_examples=300, deadline=None)
@given(words, st.integers(1, 4), st.integers(1, 4))
def test_hyphens_are_removable_respect_minimums_and_units(word: str, left: int, right: int) -> None:
    hyphenated = hyphenate_word(word, left=left, right=right)
    assert hyphenated.replace(SOFT_HYPHEN, "") == word
    pieces = hyphenated.split(SOFT_HYPHEN)
    if len(pieces) > 1:  # the ejective mark (even ʼ, a Unicode letter) is not counted
        assert sum(c.isalpha() and c not in MARKS for c in pieces[0]) >= left
        assert sum(c.isalpha() and c not in MARKS for c in pieces[-1]) >= right
    assert "".join(syllables(word)) == word
    # a digraph, trigraph, aspirate or ejective is never cut
    cuts = {len("".join(pieces[:i])) for i in range(1, len(pieces))}
    assert not cuts & _unit_spans(word), hyphenated
    for part in syllables(word):
        assert sum(c in "aiueo" for c in part) >= 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            words,
            st.sampled_from(
                [
                    " ",
                    "\n",
                    "&amp;",
                    "&rsquo;",
                    "&#x2019;",
                    "<b>",
                    "</b>",
                    "<br>",
                    "<!-- x -->",
                    ", ",
                    "<code>",
                    "</code>",
                    "https://wasi.pe/",
                    "&",
                    "<",
                    "»",
                    "2026",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_html_round_trip(parts: list[str]) -> None:
    html = "<p>" + "".join(parts) + "</p>"
    assert hyphenate_html(html, "qu").replace(SOFT_HYPHEN, "") == html


# --- WeasyPrint actually breaks at the soft hyphens ---------------------------

TEXT = (
    "Runasimiqa Tawantinsuyupi kamachikuykunata yachachiqkunapaq munanakuypaq "
    "p'unchawkunapi llaqtakunapi rimasqa karqan, kunanpas wasikunapi yachaywasikunapi "
    "rimanchikraqmi. Ch'askakunata qhawarispa qhapaqkunaq kawsayninta willakurqanku."
)


def _render(html: str, tmp_path: Path, name: str) -> list[str]:
    from weasyprint import HTML

    path = tmp_path / f"{name}.pdf"
    HTML(string=html).write_pdf(path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_weasyprint_hyphenates_quechua(tmp_path: Path) -> None:
    page = (
        '<html lang="qu"><head><style>@page {{ size: A5; margin: 1cm }}'
        " p {{ width: 32mm; text-align: justify; font-size: 10pt; hyphens: manual }}"
        "</style></head><body><p>{}</p></body></html>"
    )
    plain = _render(page.format(TEXT), tmp_path, "plain")
    hyphenated = _render(hyphenate_html(page.format(TEXT), "qu"), tmp_path, "hyphenated")
    ends = [line for line in hyphenated if line[-1] in "-‐\u00ad"]
    assert len(ends) >= 3, hyphenated
    assert not [line for line in plain if line[-1] in "-‐"]
    assert len(hyphenated) <= len(plain)
    # lines holding a single word cannot be justified: they are the gaps readers see
    lonely = [sum(" " not in line for line in lines) for lines in (plain, hyphenated)]
    assert lonely[1] * 2 < lonely[0], lonely
    # the words come back whole once the line-end hyphens are joined
    joined = re.sub(r"[-‐\u00ad]\n", "", "\n".join(hyphenated)).replace("\n", " ")
    assert "kamachikuykunata" in joined and "p'unchawkunapi" in joined
