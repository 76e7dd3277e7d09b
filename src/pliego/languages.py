"""Languages: which codes are valid, their plural forms, their names and their dates.

Everything here is a fact about a language that several stages need (the
settings validate codes, ``invoke update`` writes ``Plural-Forms``, the cover
and the site print the language's own name, the colophon prints a date), so it
lives once, below every stage.  All of it is pure over Babel's CLDR data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.messages.plurals import get_plural
from babel.numbers import format_decimal

from pliego.errors import ConfigError, SourceError


def validate_language(code: str, *, where: str = "language") -> str:
    """Return ``code`` if Babel/CLDR knows it; otherwise a clear error."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ConfigError(
            f"unknown {where} code {code!r}",
            hint="use an ISO 639 code that CLDR knows, e.g. 'es', 'qu', 'es_PE'",
        ) from None
    return code


def _validate_at(code: str, where: str, path: Path) -> None:
    """:func:`validate_language` for a code read from ``pyproject.toml``: the
    message names the file, since the user did not type the code just now."""
    try:
        validate_language(code, where=where)
    except ConfigError as exc:
        raise ConfigError(exc.message, path=path, hint=exc.hint) from None


def plural_forms(lang: str) -> str:
    """The Plural-Forms header for ``lang`` from Babel's CLDR data."""
    try:
        return str(get_plural(Locale.parse(lang.replace("-", "_"))).plural_forms)
    except (ValueError, LookupError):
        return "nplurals=2; plural=(n != 1);"


MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class PubDate:
    """The article's date as the front matter gives it (year, month, day optional)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def parse_date(value: Any, path: str) -> PubDate | None:
    """``date:`` in the front matter: ``2023``, ``2023-02`` or ``2023-02-09``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return PubDate(value.year, value.month, value.day)
    m = _DATE.match(str(value).strip())
    if not m:
        raise SourceError(f"the date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path=path)
    year, month, day = (int(x) if x else None for x in m.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise SourceError(f"the date {value!r} does not exist", path=path) from None
    return PubDate(year, month, day)


#: CLDR's Spanish month names (with Peru's "setiembre"), written out so that the
#: check below need not load the Spanish locale data (~50 ms) for every language.
_SPANISH_MONTHS = frozenset(
    (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    )
)


@lru_cache(maxsize=16)
def months_borrowed(lang: str) -> bool:
    """True when CLDR's month names for ``lang`` are just the Spanish ones (Quechua)."""
    if lang.split("_")[0] == "es":
        return False
    own = Locale.parse(lang).months["format"]["wide"].values()
    return sum(1 for name in own if name.lower() in _SPANISH_MONTHS) >= 10


@dataclass(frozen=True)
class DateWords:
    """A language's own date words where CLDR's are borrowed (Quechua's months are
    Spanish words): the twelve month names and two patterns, from the pamphlet
    catalogue (``msgctxt "month"`` and ``"date"``), so the translator decides."""

    months: tuple[str, ...]
    month_year: str = "%(month)s %(year)s"
    day_month_year: str = "%(day)s %(month)s %(year)s"


def written_date(date: PubDate, locale: str, words: DateWords | None = None) -> str:
    """The article's date as a reader of ``locale`` writes it, at the precision the
    front matter gives (year, month and year, or day, month and year).

    The one place dates are worded: the cover, the colophon, the site and the feed
    all call it.  Without ``words`` it is CLDR's ("15 de marzo de 2024",
    "March 15, 2024", "febrero de 2023"); with them, the translator's patterns
    (a pattern missing a placeholder falls back to day, month, year in that order).
    """
    if words is None or date.month is None:
        return cldr_date(date, locale)
    values = {"day": date.day, "month": words.months[date.month - 1], "year": date.year}
    pattern = words.day_month_year if date.day else words.month_year
    try:
        return pattern % values
    except (KeyError, ValueError, TypeError):
        return " ".join(str(values[k]) for k in ("day", "month", "year") if values[k])


def cldr_date(date: PubDate, locale: str) -> str:
    """The date written the CLDR way for ``locale`` (e.g. "febrero de 2023")."""
    day = dt.date(date.year, date.month or 1, date.day or 1)
    skeleton = "yMMMMd" if date.day else "yMMMM" if date.month else "y"
    return str(format_skeleton(skeleton, day, locale=locale))


@dataclass(frozen=True)
class Amount:
    """A number as English prose writes it: its value, whether it was written
    with thousands separators (``10,000``, not a year such as ``2023``) and how
    many digits followed the decimal point (``3.50`` keeps two)."""

    value: Decimal
    grouped: bool = False
    decimals: int = 0


@dataclass(frozen=True)
class DateMention:
    """A date as prose states it, any part missing ("4 March", "March 2023", "March")."""

    month: int
    day: int | None = None
    year: int | None = None


def local_figure(figure: Amount | DateMention, lang: str) -> str:
    """``figure`` written in ``lang``'s formatting locale (CLDR through Babel).

    The one place where a number or a date is written for a reader of a
    language (prefill's drafts use it; the colophon's :func:`cldr_date` is
    the same CLDR skeletons).  A day and month use the skeleton ``MMMMd``
    ("4 de marzo", "4 mars"), with a year ``yMMMMd``; a month and year
    ``yMMMM`` ("marzo de 2023"); a month alone its wide format name
    ("marzo").  A number keeps its decimals and is grouped the target's way
    only if the English grouped it (``10,000`` → ``10.000`` in ``es``,
    ``10,000`` in ``es_PE``, ``10 000`` in ``fr``), so a year stays ``2023``.
    """
    locale = lang.replace("-", "_")
    if isinstance(figure, DateMention):
        if figure.day is None and figure.year is None:
            return str(Locale.parse(locale).months["format"]["wide"][figure.month])
        # 2000 is a leap year, so "29 February" without a year is a valid date.
        day = dt.date(figure.year or 2000, figure.month, figure.day or 1)
        skeleton = ("y" if figure.year else "") + "MMMM" + ("d" if figure.day else "")
        return str(format_skeleton(skeleton, day, locale=locale))
    pattern = ("#,##0" if figure.grouped else "0") + (
        "." + "0" * figure.decimals if figure.decimals else ""
    )
    return str(format_decimal(figure.value, format=pattern, locale=locale))


def language_name(lang: str) -> str:
    """The language's own name as CLDR writes it ("español", "Runasimi"; "español (Perú)"
    for ``es_PE``, so that two variants of one language stay apart on the site and covers)."""
    loc = Locale.parse(lang.replace("-", "_"))
    return loc.get_display_name(loc) or lang
