"""Numbers and dates: what the English states, the translation states too.

A number is compared by its digits, so locale formatting is free: ``10,000``
may become ``10 000`` (any space, including the narrow no-break space that
French and Spanish typesetting prefer) or ``10.000``, and ``3.5`` may become
``3,5``.  Grouping is only recognised in groups of three after one to three
digits, so ``2021 35`` stays two numbers.  Numbers inside code spans and link
targets are not prose and are ignored.

Month names are compared through CLDR (Babel): an English month name in the
source must appear as the target language's month name (any case, with or
without accents) or as its number.  Words are never numbers: ``February``
against ``febrero`` is a month, not a missing number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from pliego.checks.model import CheckContext
from pliego.gettext.catalog import Message

_SPACES = "\u0020\u00a0\u202f\u2009"
#: A number not glued to a word or to another number.  It starts with its first
#: digit and looks behind it afterwards (``(?<![\w.,])`` written after the
#: digit), so the regex engine jumps from digit to digit instead of trying
#: every position of the text.
_NUMBER = re.compile(
    r"\d(?<![\w.,]\d)(?:\d{0,2}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[" + _SPACES + r"]\d{3})+)"
    r"|\d*)(?:[.,]\d+)?(?!\d)"
)
_NOT_PROSE = re.compile(r"`+[^`]*`+|\]\([^)]*\)|<[a-z]+://[^>]*>|\[\^[^\]]*\]")
#: What every match of :data:`_NOT_PROSE` contains: a text without any of them
#: is all prose, and four substring tests are much cheaper than the regex.
_NOT_PROSE_MARKS = ("`", "](", "<", "[^")
_NOT_DIGIT = re.compile(r"\D")
_WORD = re.compile(r"[^\W\d_]+")


def _prose(text: str) -> str:
    if not any(mark in text for mark in _NOT_PROSE_MARKS):
        return text
    return _NOT_PROSE.sub(" ", text)


def numbers(text: str) -> Counter[str]:
    """The numbers of ``text`` as digit strings (separators dropped)."""
    return Counter(_NOT_DIGIT.sub("", m.group(0)) for m in _NUMBER.finditer(_prose(text)))


#: Small numbers that style guides spell out ("los Cuatro Suyos", "tres
#: regiones"): a digit on one side may be a word on the other.  Quechua words
#: take suffixes (``tawantin``, ``kimsantin``), so they match as word starts.
NUMBER_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {
        0: ("zero",),
        1: ("one",),
        2: ("two",),
        3: ("three",),
        4: ("four",),
        5: ("five",),
        6: ("six",),
        7: ("seven",),
        8: ("eight",),
        9: ("nine",),
        10: ("ten",),
        11: ("eleven",),
        12: ("twelve",),
    },
    "es": {
        0: ("cero",),
        1: ("un", "uno", "una"),
        2: ("dos",),
        3: ("tres",),
        4: ("cuatro",),
        5: ("cinco",),
        6: ("seis",),
        7: ("siete",),
        8: ("ocho",),
        9: ("nueve",),
        10: ("diez",),
        11: ("once",),
        12: ("doce",),
    },
    "qu": {
        1: ("huk",),
        2: ("iskay",),
        3: ("kimsa",),
        4: ("tawa",),
        5: ("pichqa", "pisqa"),
        6: ("suqta", "soqta"),
        7: ("qanchis", "qanchik"),
        8: ("pusaq",),
        9: ("isqun", "isqon"),
        10: ("chunka", "chunca"),
    },
}
_PREFIX_LANGS = frozenset({"qu"})


def _spelled(text: str, lang: str, value: str) -> bool:
    """Whether ``text`` spells out the small number ``value`` in ``lang``."""
    base = lang.replace("-", "_").split("_")[0]
    if not value.isdigit() or int(value) not in NUMBER_WORDS.get(base, {}):
        return False
    names = NUMBER_WORDS[base][int(value)]
    words = _WORD.findall(_fold(text))
    if base in _PREFIX_LANGS:
        return any(w.startswith(n) for w in words for n in names)
    return any(w in names for w in words)


def numbers_kept(message: Message, ctx: CheckContext) -> Iterator[str]:
    """A number of the English is missing from the translation, or the
    translation has a number the English does not have (dates, counts, years;
    10,000 may be written 10 000 or 10.000, and numbers up to twelve may be
    spelled out on either side: 4 Suyos, Cuatro Suyos)."""
    want = numbers(message.msgid)
    for form in _forms(message):
        got = numbers(form)
        for digits in sorted(want - got):
            if not _spelled(form, ctx.lang, digits):
                yield (f"the number {_show(message.msgid, digits)} is missing from the translation")
        for digits in sorted(got - want):
            if not _spelled(message.msgid, ctx.source_language, digits):
                yield (
                    f"the translation has the number {_show(form, digits)}, which the English lacks"
                )


def _show(text: str, digits: str) -> str:
    for m in _NUMBER.finditer(_prose(text)):
        if _NOT_DIGIT.sub("", m.group(0)) == digits:
            return m.group(0)
    return digits


_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Lower case without accents: "Febrero" and "FEBRERO" match "febrero"."""
    if text.isascii():
        return text.casefold()
    return _MARKS.sub("", unicodedata.normalize("NFD", text.casefold()))


@lru_cache(maxsize=32)
def month_names(lang: str) -> dict[int, tuple[str, ...]]:
    """Wide and abbreviated month names (format and stand-alone) per month, folded."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return {}  # a language CLDR lacks (Aymara): no names to look for
    names: dict[int, set[str]] = {i: set() for i in range(1, 13)}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in locale.months[context][width].items():
                folded = _fold(str(name)).rstrip(".")
                if len(folded) >= 3:
                    names[int(month)].add(folded)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in names.items()}


@lru_cache(maxsize=32)
def _wide_names(lang: str) -> dict[str, int]:
    """Each month's longest name (folded) and its number."""
    return {name: i for i, names in month_names(lang).items() if names for name in names[:1]}


def _months_in(text: str, lang: str) -> Counter[int]:
    """Capitalised full month names: English "may" and "march" are verbs, and
    a sentence-initial "March"/"May" counts only when a number is next to it."""
    wide = _wide_names(lang)
    prose = _prose(text)
    found: Counter[int] = Counter()
    folded = _fold(prose)
    if not any(name in folded for name in wide):  # the common case, cheaply
        return found
    for m in _WORD.finditer(prose):
        word = m.group(0)
        if not word[0].isupper():  # most words, and cheaper to see than to fold
            continue
        month = wide.get(_fold(word))
        if month is None:
            continue
        before = prose[: m.start()].rstrip(' \t"“‘«(*_')
        initial = not before or before[-1] in ".!?:;"
        near_number = bool(re.match(r"\s+\d", prose[m.end() :])) or bool(
            re.search(r"\d\s+$", prose[: m.start()])
        )
        if not initial or near_number:
            found[month] += 1
    return found


def months_kept(message: Message, ctx: CheckContext) -> Iterator[str]:
    """An English month name (a date) has no counterpart in the translation:
    the target language's month name from CLDR (any case, accents optional)
    or the month's number."""
    english = _months_in(message.msgid, ctx.source_language)
    if not english:
        return
    names = month_names(ctx.lang)
    if not names:
        return
    for form in _forms(message):
        folded = _fold(_prose(form))
        words = set(_WORD.findall(folded))
        nums = set(numbers(form))
        for month in sorted(english):
            wide = names[month][0]  # a suffix may follow the full name (Quechua -pi, -manta)
            if any(n in words for n in names[month]) or any(w.startswith(wide) for w in words):
                continue
            if str(month) in nums or f"{month:02d}" in nums:
                continue
            english_name = month_names(ctx.source_language)[month][0].capitalize()
            local = names[month][0]
            yield (
                f"the month {english_name} has no counterpart in the translation "
                f"(expected {local!r} or {month})"
            )


def _forms(message: Message) -> tuple[str, ...]:
    if message.msgid_plural is None:
        return (message.msgstr,)
    return tuple(f for f in message.msgstr_plural if f)
