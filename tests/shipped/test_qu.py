"""The shipped Quechua catalogue and its glossary column stay publishable.

The Quechua pamphlet is printed from ``locale/qu``; these tests fail when an
edit of the English leaves it stale, when a number, a Markdown mark or a
glossary rendering goes missing, or when the spelling drifts from the
conventions in ``locale/qu/README.md`` (three vowels in Quechua words, ejectives
written with ʼ U+02BC so that ’ only ever closes a quote).
"""

from __future__ import annotations

import re

import pytest
from babel.dates import get_month_names

from pliego.gettext.catalog import Message
from pliego.gettext.glossary import Term, read_glossary
from pliego.gettext.po import load_catalog
from tests.conftest import REPO, msgfmt_check

LOCALE = REPO / "locale"
SLUG = "peru-masses-deepen-resistance"
QU = LOCALE / "qu" / "LC_MESSAGES" / f"{SLUG}.po"
PAMPHLET = LOCALE / "qu" / "LC_MESSAGES" / "pamphlet.po"
EJECTIVE = "\u02bc"
#: The printed credit (docs/translation.md): the maintainers, with machine help.
CREDIT = "pliego ruraqkuna"
MONTHS = (
    "Enero",
    "Febrero",
    "Marzo",
    "Abril",
    "Mayo",
    "Junio",
    "Julio",
    "Agosto",
    "Setiembre",
    "Octubre",
    "Noviembre",
    "Diciembre",
)


def _entries() -> tuple[Message, ...]:
    return load_catalog(QU).active


def _native_words(text: str) -> list[str]:
    """Words that can only be Quechua: with an ejective, or starting with a q
    that is not Spanish ``que``/``qui``.  (Loans keep their Spanish spelling
    and take Quechua suffixes, ``Gobiernoqa``, so a q later in a word proves
    nothing.)"""
    words = re.findall(rf"[^\W\d_][\w{EJECTIVE}]*", text)
    return [w for w in words if EJECTIVE in w or re.match(r"q(?!u[eiéí])", w, re.IGNORECASE)]


@pytest.mark.parametrize("message", _entries()[2:], ids=lambda m: m.msgid[:30])
def test_quechua_spelling(message: Message) -> None:
    text = message.msgstr
    assert "'" not in text, "ejectives take ʼ (U+02BC), not the typewriter apostrophe"
    assert not re.search(r"(?<=[ptkqPTKQh])’(?=[aiu])", text), "ejectives take ʼ, not ’"
    assert text.count("‘") == text.count("’"), "every ’ closes a ‘"
    assert text.count("“") == text.count("”")
    assert [w for w in _native_words(text) if re.search("[eoéó]", w, re.IGNORECASE)] == []
    assert not re.search(r"\b(?:enero|febrero|julio|noviembre|diciembre)\b", text), (
        "month names as CLDR qu writes them: capitalised"
    )


def test_dates_use_cldr_month_names() -> None:
    dates = [
        m.msgstr
        for m in _entries()
        if re.search(
            r"\d+ (?:December|January)|"
            r"(?:January|February) \d",
            m.msgid,
        )
    ]
    assert dates
    for text in dates:
        assert re.search(rf"(?:{'|'.join(MONTHS)}) killapa \d+ p{EJECTIVE}unchawninpi", text)


def _terms() -> tuple[Term, ...]:
    """The glossary, whose ``qu`` column the Quechua text must follow."""
    return read_glossary(LOCALE / "glossary.csv")


def _misses(entries: tuple[Message, ...], terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    """(English term, required Quechua) pairs that an entry fails to follow.

    Quechua adds suffixes, so a rendering matches at the start of a word
    (``Congreso`` covers ``Congresoman``); ``|`` separates alternatives.
    """
    misses = []
    for message in entries:
        for term in terms:
            wanted = term.rendering("qu")
            if not wanted:
                continue
            if not re.search(
                rf"(?<![^\W_]){re.escape(term.en)}(?![^\W_])",
                message.msgid,
                0 if term.do_not_translate else re.IGNORECASE,
            ):
                continue
            options = [w.strip() for w in wanted.split("|")]
            if not any(
                re.search(rf"(?<![^\W_]){re.escape(w)}", message.msgstr, re.IGNORECASE)
                for w in options
            ):
                misses.append((term.en, wanted))
    return misses


def test_glossary_column_loads_and_is_followed() -> None:
    renderings = [t.rendering("qu") or "" for t in _terms() if t.rendering("qu")]
    assert len(renderings) >= 80
    assert not [r for r in renderings if "'" in r or re.search(r"[ptkq]’[aiu]", r)], (
        "renderings write ejectives with ʼ"
    )
    assert _misses(_entries(), _terms()) == []


def test_glossary_check_catches_a_wrong_rendering() -> None:
    wrong = Message(
        msgid="The OAS met the Congress in Peru.", msgstr="OASqa Kongresuwan Piruwpi tantanakurqan."
    )
    assert set(_misses((wrong,), _terms())) == {
        ("OAS", "OEA"),
        ("Congress", "Congreso"),
        ("Peru", "Perú"),
    }


def test_pamphlet_strings_complete_with_cldr_months() -> None:
    """The pamphlet's own strings: reviewed, valid, every placeholder kept,
    and the month names those of the article (CLDR's Quechua names)."""
    catalog = load_catalog(PAMPHLET)
    assert [m.msgid for m in catalog.active if not m.translated] == []
    assert msgfmt_check(PAMPHLET).returncode == 0
    assert catalog.header_value("Last-Translator") == CREDIT
    for message in catalog.active:
        assert sorted(re.findall(r"%\(\w+\)s", message.msgid)) == sorted(
            re.findall(r"%\(\w+\)s", message.msgstr)
        )
        assert "'" not in message.msgstr
    months = [m.msgstr for m in catalog.active if m.msgctxt == "month"]
    assert months == list(MONTHS)
    assert months == [get_month_names("wide", locale="qu")[n] for n in range(1, 13)]


SITE = LOCALE / "qu" / "LC_MESSAGES" / "site.po"


def test_site_strings_complete_and_consistent() -> None:
    """The download site's strings: reviewed, valid, every placeholder kept,
    the same words as the pamphlet's strings (README: "The download site's strings")."""
    catalog = load_catalog(SITE)
    assert {m.key for m in catalog.active} == {
        m.key for m in load_catalog(LOCALE / "site.pot").active
    }
    assert [m.msgid for m in catalog.active if not m.translated] == []
    assert msgfmt_check(SITE).returncode == 0
    assert catalog.header_value("Last-Translator") == CREDIT
    for message in catalog.active:
        assert sorted(re.findall(r"%\(\w+\)s", message.msgid)) == sorted(
            re.findall(r"%\(\w+\)s", message.msgstr)
        )
        assert "'" not in message.msgstr and "’" not in message.msgstr
        assert [
            w for w in _native_words(message.msgstr) if re.search("[eoéó]", w, re.IGNORECASE)
        ] == []
        if "pamphlet" in message.msgid.lower():
            assert f"p{EJECTIVE}anqa" in message.msgstr.lower(), message.msgid
    by_id = {m.msgid: m.msgstr for m in catalog.active}
    assert by_id["Draft"] == "Borrador"


def test_colophon_names_english_in_quechua_words() -> None:
    """CLDR calls English "Ingles Simi"; the colophon line opens with *Inglés simi*."""
    catalog = load_catalog(PAMPHLET)
    assert catalog.by_key()[("language", "English")].msgstr == "Inglés simi"
