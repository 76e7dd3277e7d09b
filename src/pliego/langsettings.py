"""``[tool.pliego.languages.<code>]``: its keys, their readers, and the code checks.

Why a module of its own, below :mod:`pliego.languages`: the table is read
while the settings are validated, before any language fact is resolved, and
every key is one row of :data:`LANGUAGE_KEYS` (a reader that says what the
value must be), so that a stage adding a per-language setting adds a row,
not a parser.  The code checks sit here too because the table needs them:
CLDR's locale data (Babel) for what pliego can write without help, and ISO
639 (pycountry, i.e. Debian's iso-codes tables) for what is a language at all,
so that a typo is never taken for a language CLDR happens to lack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from pliego.errors import ConfigError


def _base(code: str) -> str:
    return code.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=64)
def cldr_knows(code: str) -> bool:
    """Whether Babel has CLDR locale data for ``code`` (``es``, ``es_PE``; not ``ay``)."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def iso639_name(code: str) -> str | None:
    """The English name ISO 639 gives the language of ``code`` ("Aymara"), or None.

    Two letters are ISO 639-1, three ISO 639-3 (which includes every 639-2 code);
    a region after ``_`` or ``-`` is not part of the language.  pycountry is
    imported here: only a code CLDR lacks is looked up, and every task reads
    the settings."""
    import pycountry

    base = _base(code)
    if not base.isascii() or not base.isalpha():
        return None
    if len(base) == 2:
        found = pycountry.languages.get(alpha_2=base)
    elif len(base) == 3:
        found = pycountry.languages.get(alpha_3=base)
    else:
        return None
    return str(found.name) if found is not None else None


_PLURAL = re.compile(r"^\s*nplurals\s*=\s*([1-9])\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string in quotes")
    return value.strip()


def _plural_forms(value: Any) -> str:
    m = _PLURAL.match(value) if isinstance(value, str) else None
    if m is None:
        raise ValueError('must read like "nplurals=2; plural=(n != 1);"')
    return f"nplurals={m.group(1)}; plural={m.group(2)};"


def _locale(value: Any) -> str:
    if not isinstance(value, str) or not cldr_knows(value):
        raise ValueError(f"must be a locale CLDR knows, e.g. 'es_PE' or 'es_BO', not {value!r}")
    return value.replace("-", "_")


def _months(value: Any) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or len(value) != 12
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise ValueError("must list the twelve month names, January's first")
    return tuple(v.strip() for v in value)


def _pattern(*names: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if not isinstance(value, str) or any(f"%({n})s" not in value for n in names):
            wanted = " ".join(f"%({n})s" for n in names)
            raise ValueError(f"must contain {wanted}, e.g. {wanted!r}")
        return value

    return read


#: ``[tool.pliego.languages.<code>]``: each key, the field it fills and its reader
#: (which raises ``ValueError`` with what the value must be).  One row per key,
#: so that a new setting is one line here and one field below.
def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {value!r}")
    return value


LANGUAGE_KEYS: Mapping[str, tuple[str, Callable[[Any], Any]]] = {
    "name": ("name", _text),
    "plural-forms": ("plural_forms", _plural_forms),
    "locale": ("locale", _locale),
    "months": ("months", _months),
    "month-year": ("month_year", _pattern("month", "year")),
    "day-month-year": ("day_month_year", _pattern("day", "month", "year")),
    "reviewed": ("reviewed", _flag),
}


@dataclass(frozen=True)
class LanguageConfig:
    """What ``[tool.pliego.languages.<code>]`` says; ``None`` leaves a fact to CLDR."""

    name: str | None = None
    plural_forms: str | None = None
    locale: str | None = None
    months: tuple[str, ...] | None = None
    month_year: str | None = None
    day_month_year: str | None = None
    #: False while no native speaker has read the translation (the colophon says so).
    reviewed: bool = True


def language_config(
    code: str,
    table: Mapping[str, Any],
    path: Path,
    line_of: Callable[[str], int | None] = lambda key: None,
) -> LanguageConfig:
    """Read one language's table (its keys already checked by the caller against
    :data:`LANGUAGE_KEYS`); a language CLDR lacks must give what CLDR would."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        attr, read = LANGUAGE_KEYS[key]
        try:
            values[attr] = read(value)
        except ValueError as exc:
            raise ConfigError(
                f"[tool.pliego.languages.{code}] {key} {exc}", path=path, line=line_of(key)
            ) from None
    config = LanguageConfig(**values)
    if not cldr_knows(code):
        name = iso639_name(code)
        if name is None:
            raise ConfigError(
                f"[tool.pliego.languages.{code}]: {code!r} is not an ISO 639 language code",
                path=path,
                hint="use the two-letter ISO 639-1 code, or the three-letter ISO 639-3 one",
            )
        missing = [
            key
            for key in ("name", "plural-forms", "locale")
            if values.get(LANGUAGE_KEYS[key][0]) is None
        ]
        if missing:
            raise ConfigError(
                f"[tool.pliego.languages.{code}] needs {', '.join(missing)}: CLDR has no "
                f"locale data for {name}",
                path=path,
                hint="locale is the CLDR locale its readers' numbers follow, e.g. 'es_BO' "
                "(docs/languages.md)",
            )
    return config
