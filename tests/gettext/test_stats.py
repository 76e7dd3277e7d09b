"""Our status numbers against translate-toolkit's ``pocount``, the reference
translation teams quote: same units translated / fuzzy / untranslated, same
source words (see the word rule in :mod:`pliego.gettext.stats`)."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.tools.pocount import wordcount

from pliego.gettext.po import load_catalog
from pliego.gettext.stats import catalog_stats, count_words
from tests.conftest import REPO

EDGE_CASES = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "A plural entry, translated"
msgid_plural "Plural entries, translated"
msgstr[0] "Una"
msgstr[1] "Varias"

msgid "A plural entry, half done"
msgid_plural "Plural entries, half done"
msgstr[0] "Una"
msgstr[1] ""

#, fuzzy
msgid "Fuzzy but empty"
msgstr ""

#, fuzzy
msgid "Fuzzy and full"
msgstr "Difusa"

msgctxt "heading"
msgid "Impasse"
msgstr "Impasse"

msgid "Castillo’s ‘Pink Tide’—self-defence, 10,000 <b>bold</b> [link](https://a.org/b-c) e.g."
msgstr ""

#~ msgid "Obsolete entries are not counted"
#~ msgstr "No cuentan"
"""


def _pocount(path: Path) -> dict[str, int]:
    r = subprocess.run(["pocount", "--csv", str(path)], capture_output=True, text=True, check=True)
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    return {k: int(v) for k, v in row.items() if k != "Filename"}


def _catalogues(tmp: Path) -> list[Path]:
    edge = tmp / "edge.po"
    edge.write_text(EDGE_CASES, encoding="utf-8")
    return [
        REPO / "locale" / "es" / "LC_MESSAGES" / "peru-masses-deepen-resistance.po",
        REPO / "locale" / "qu" / "LC_MESSAGES" / "peru-masses-deepen-resistance.po",
        REPO / "locale" / "peru-masses-deepen-resistance.pot",
        REPO / "tests" / "checks" / "data" / "seeded.es.po",
        edge,
    ]


def test_status_agrees_with_pocount(tmp_path: Path) -> None:
    """Equal, except for the one documented difference: a plural entry with an
    empty form is untranslated for us and translated for pocount."""
    for path in _catalogues(tmp_path):
        ref = _pocount(path)
        catalog = load_catalog(path)
        ours = catalog_stats(catalog, "es", path.stem)
        half = [
            m
            for m in catalog.active
            if m.msgid_plural is not None and not m.fuzzy and m.has_translation and not m.translated
        ]
        half_words = sum(count_words(m.msgid) + count_words(m.msgid_plural or "") for m in half)
        assert (
            ours.translated + len(half),
            ours.fuzzy,
            ours.untranslated - len(half),
            ours.total,
        ) == (
            ref["Translated Messages"],
            ref["Fuzzy Messages"],
            ref["Untranslated Messages"],
            ref["Total Message"],
        ), path
        assert (ours.words, ours.translated_words + half_words) == (
            ref["Total Source Words"],
            ref["Translated Source Words"],
        ), path
    assert len(half) == 1  # the edge cases do exercise the difference


def test_the_article_is_counted_like_pocount_not_like_wc() -> None:
    path = REPO / "locale" / "peru-masses-deepen-resistance.pot"
    catalog = load_catalog(path)
    words = sum(count_words(m.msgid) for m in catalog.active)
    assert words == _pocount(path)["Total Source Words"]
    assert words != sum(len(m.msgid.split()) for m in catalog.active)  # hyphens, dashes


LATIN = st.lists(
    st.sampled_from(
        [
            *"abcñáéAZ019 _-—.,;:’‘'·\"()[]*/<>=\n",
            "<br/>",
            "<b>",
            "</b>",
            "ʼ",
            "e.g.",
            "10,000",
            "3.5",
            "https://x.org/a",
            "\u00a0",
            "\u202f",
            "«",
            "»",
            "¿",
            "…",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(LATIN)
def test_word_rule_matches_pocount_on_latin_text(text: str) -> None:
    assert count_words(text) == wordcount(text), text


@pytest.mark.parametrize(
    "text, n",
    [
        ("self-defence", 2),
        ("Castillo’s", 1),
        ("10,000", 1),
        ("p’unchaw t’ika", 2),
        ("a — b", 2),
        ("", 0),
    ],
)
def test_word_rule_examples(text: str, n: int) -> None:
    assert count_words(text) == n
