"""Languages: which codes are valid, their plural forms, their names, numbers and dates.

Everything here is a fact about a language that several stages need (the
settings validate codes, ``invoke update`` writes ``Plural-Forms``, the cover
and the site print the language's own name, the colophon, the site and the
feed print dates and numbers), so it lives once, below every stage.

The facts come from Babel's CLDR data, except where a project says otherwise
in ``[tool.pliego.languages.<code>]`` (:mod:`pliego.langsettings`): a language CLDR
lacks (Aymara, ``ay``) is described there by name, plural forms, formatting
locale and month names; and any language may name its **formatting locale**
there (``es`` → ``es_PE``): the one CLDR locale every number and date pliego
writes for its readers uses, while folders, headers and site addresses keep the language code.

Babel's dates, numbers and plural tables are imported by the functions that
write them: reading the settings (every task) needs only ``babel.core``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale

from pliego.errors import ConfigError, SourceError
from pliego.langsettings import LanguageConfig, cldr_knows, iso639_name


def validate_language(
    code: str, *, where: str = "language", configured: tuple[str, ...] = ()
) -> str:
    """Return ``code`` if CLDR knows it or the project describes it (``configured``);
    otherwise a clear error, which tells a real ISO 639 language CLDR lacks
    from a typo."""
    if code in configured or cldr_knows(code):
        return code
    name = iso639_name(code)
    if name is not None:
        raise ConfigError(
            f"CLDR has no locale data for the {where} {code!r} ({name})",
            hint=f"describe it in a [tool.pliego.languages.{code}] table: name, plural-forms "
            "and locale (docs/languages.md)",
        )
    raise ConfigError(
        f"unknown {where} code {code!r}",
        hint="use an ISO 639 code that CLDR knows, e.g. 'es', 'qu', 'es_PE'",
    )


def _validate_at(code: str, where: str, path: Path, configured: tuple[str, ...] = ()) -> None:
    """:func:`validate_language` for a code read from ``pyproject.toml``: the
    message names the file, since the user did not type the code just now."""
    try:
        validate_language(code, where=where, configured=configured)
    except ConfigError as exc:
        raise ConfigError(exc.message, path=path, hint=exc.hint) from None


def _cldr_plural_forms(lang: str) -> str:
    from babel.messages.plurals import get_plural

    try:
        return str(get_plural(Locale.parse(lang.replace("-", "_"))).plural_forms)
    except (ValueError, LookupError):
        return "nplurals=2; plural=(n != 1);"


def plural_forms(lang: str | Language) -> str:
    """The Plural-Forms header for ``lang``: the settings' or Babel's CLDR data."""
    return as_language(lang).plural_forms


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


def _order(words: DateWords) -> list[str]:
    """Day, month and year in the order the translator's full pattern puts them
    (for a date prose states in part, "4 March", which no pattern covers)."""
    pattern = words.day_month_year
    return sorted(("day", "month", "year"), key=lambda k: pattern.find(f"%({k})s"))


def cldr_date(date: PubDate, locale: str) -> str:
    """The date written the CLDR way for ``locale`` (e.g. "febrero de 2023")."""
    from babel.dates import format_skeleton

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


def local_figure(figure: Amount | DateMention, lang: str | Language) -> str:
    """``figure`` written in ``lang``'s formatting locale (CLDR through Babel).

    The one place where a number or a date is written for a reader of a
    language (prefill's drafts use it; the colophon's :func:`cldr_date` is
    the same CLDR skeletons).  A day and month use the skeleton ``MMMMd``
    ("4 de marzo", "4 mars"), with a year ``yMMMMd``; a month and year
    ``yMMMM`` ("marzo de 2023"); a month alone its wide format name
    ("marzo").  A number keeps its decimals and is grouped the target's way
    only if the English grouped it (``10,000`` → ``10.000`` in ``es``,
    ``10,000`` in ``es_PE``, ``10 000`` in ``fr``), so a year stays ``2023``.
    A string is a CLDR locale; a :class:`Language` is written in its formatting
    locale, with the settings' month names where it has them.
    """
    from babel.dates import format_skeleton
    from babel.numbers import format_decimal

    locale = lang.locale if isinstance(lang, Language) else lang.replace("-", "_")
    words = lang.date_words if isinstance(lang, Language) else None
    if isinstance(figure, DateMention) and words is not None:
        values = {"day": figure.day, "month": words.months[figure.month - 1], "year": figure.year}
        return " ".join(str(values[k]) for k in _order(words) if values[k])
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


def language_name(lang: str | Language) -> str:
    """The language's own name as CLDR writes it ("español", "Runasimi"; "español (Perú)"
    for ``es_PE``, so that two variants of one language stay apart on the site and covers),
    or as the settings name a language CLDR lacks."""
    return as_language(lang).name


@dataclass(frozen=True)
class Language:
    """A project language's facts: the settings' where given, CLDR's otherwise."""

    code: str
    config: LanguageConfig = field(default_factory=LanguageConfig)

    @property
    def locale(self) -> str:
        """The formatting locale: every number and date written for these readers."""
        return self.config.locale or self.code.replace("-", "_")

    @property
    def name(self) -> str:
        """The language's own name ("español", "Runasimi", "Aymar aru")."""
        if self.config.name:
            return self.config.name
        loc = Locale.parse(self.code.replace("-", "_"))
        return loc.get_display_name(loc) or self.code

    @property
    def english_name(self) -> str:
        """The name in English, for a new catalogue's header ("Aymara" from ISO 639)."""
        if cldr_knows(self.code):
            return Locale.parse(self.code.replace("-", "_")).get_display_name("en") or self.code
        return iso639_name(self.code) or self.code

    @property
    def plural_forms(self) -> str:
        return self.config.plural_forms or _cldr_plural_forms(self.code)

    @property
    def date_words(self) -> DateWords | None:
        """Month names and patterns from the settings (None: CLDR's or the catalogue's)."""
        if self.config.months is None:
            return None
        patterns = {
            f.name: getattr(self.config, f.name)
            for f in fields(DateWords)
            if f.name != "months" and getattr(self.config, f.name) is not None
        }
        return DateWords(months=self.config.months, **patterns)

    @property
    def rtl(self) -> bool:
        return bool(Locale.parse(self.locale).character_order == "right-to-left")


def as_language(lang: str | Language) -> Language:
    """A :class:`Language` from a code too (CLDR's facts only), for callers without settings."""
    return lang if isinstance(lang, Language) else Language(lang)
