"""Dates, month names and numbers in English prose, for masking before MT.

Why they are masked: engines translate month names as words ("4 March" →
"4 Marcha" in Apertium: *march* is also a verb and a noun) and copy numbers
with English separators ("10,000" stays "10,000" in a Spanish draft).  A date
or number found here becomes one placeholder and is written back by
:func:`pliego.languages.local_figure` in the target's formatting locale
("4 de marzo", "10.000"; "10,000" for ``es_PE``), the one function that
writes numbers and dates for a reader.

What counts (whole words, earliest match wins):

1. a day and a month, with an optional year: ``4 March``, ``4th of March``,
   ``4 March 2023``, ``March 4``, ``March 4, 2023``; but not a day-first date
   right after "on": Apertium translates "on 7 December" whole ("el 7 de
   diciembre", March included), whereas "on {0}" becomes "encima {0}";
2. a month and a year: ``March 2023``;
3. a month alone after a word that introduces a time (``in March``, ``since
   May``, ``early June``): "the March on Lima" and "May we" stay words;
4. a number with ``,`` thousands groups or a decimal part (``10,000``,
   ``3.5``), not part of a word (``G20``).  A plain integer (``50``, a year)
   is left to the engine: every engine tried keeps digits as they are, its
   local form is the same digits, and masking it would only hide context (and
   merge texts that differ by a number into one request).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from pliego.languages import MONTHS_EN, Amount, DateMention

_MONTH = "|".join(MONTHS_EN)
_ORD = r"(?:st|nd|rd|th)?"
#: Words after which a month name alone is a time, not a verb or a noun.
TIME_WORDS = frozenset(
    [
        "in",
        "of",
        "since",
        "until",
        "till",
        "from",
        "by",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "this",
        "throughout",
    ]
)

PATTERN = (
    rf"(?<![\w.,])(?P<d1>\d{{1,2}}){_ORD} (?:of )?(?P<m1>{_MONTH})"
    rf"(?:,? (?P<y1>\d{{4}}))?(?![\w]|[.,]\d)"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}){_ORD}(?:, (?P<y2>\d{{4}}))?(?![\w]|[.,]\d)"
    rf"|(?P<m3>{_MONTH}),? (?P<y3>\d{{4}})(?![\w])"
    rf"|(?<![\w-])(?P<m4>{_MONTH})(?![\w-])"
    r"|(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w]|[.,]\d)"
)
_ALONE = re.compile(r"(\w+)[ \t]+$")


def _word_before(text: str, start: int) -> str:
    before = _ALONE.search(text, 0, start)
    return before.group(1).lower() if before else ""


def _month(name: str) -> int:
    return MONTHS_EN.index(name) + 1


def figure(m: re.Match[str], text: str) -> Amount | DateMention | None:
    """The date or number a match of :data:`PATTERN` (inside ``text``) states;
    ``None`` for a month name that is a word here (rule 3)."""
    groups = m.groupdict()
    for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if groups[mo] and d == "d1" and _word_before(text, m.start()) == "on":
            return None  # "on 7 December" is a phrase engines translate whole (rule 1)
        if groups[mo]:
            year = int(groups[y]) if groups[y] else None
            try:  # 2000 is a leap year: any real day of the month passes
                dt.date(year or 2000, _month(groups[mo]), int(groups[d]))
            except ValueError:
                return None  # "31 February" is not a date to rewrite
            return DateMention(_month(groups[mo]), int(groups[d]), year)
    if groups["m3"]:
        return DateMention(_month(groups["m3"]), year=int(groups["y3"]))
    if groups["m4"]:
        if _word_before(text, m.start()) in TIME_WORDS:
            return DateMention(_month(groups["m4"]))
        return None
    digits = groups["num"]
    decimals = len(digits.partition(".")[2])
    return Amount(Decimal(digits.replace(",", "")), "," in digits, decimals)
