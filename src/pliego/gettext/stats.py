"""Translation statistics that do not flatter.

A fuzzy entry is *not* translated (sphinx-intl's known mistake is to count
it): it has not been reviewed and a release build will not use it.  Words
are counted in the English msgids the way translate-toolkit's ``pocount``
counts them, so the two tools agree (tests/gettext/test_stats.py checks it):
Unicode word boundaries (UAX #29: ``self-defence`` is two words,
``Castillo’s``, ``10,000`` and ``3.5`` one each) after pocount's own clean-up
(XML tags dropped, a full stop between two non-digits read as a space).
Splitting at white space instead would count 2,361 words in the article
against pocount's 2,388: hyphens, dashes and link targets make the
difference.

One deliberate difference: a plural entry with some forms still empty is
*untranslated* here, while pocount and ``msgfmt --statistics`` count it as
translated.  A pamphlet must not print a half-translated plural.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from pliego.gettext.catalog import Catalog, Message

# pocount's clean-up, verbatim (translate/tools/pocount.py).
_BR_TAG = re.compile(r"<br\s*?/?>")
_XML_TAG = re.compile(r"""<([\w.:]+)(\s([\w.:]+=((".*?")|('.*?')))?)*/?>|</([\w.]+)>""")
_NUMBER = re.compile(r"\D\.\D")
# UAX #29 word segments for alphabetic scripts: letters, digits and "_" run
# together (so does the narrow no-break space U+202F: "10 000" is one word);
# ":", "·", ".", "’", "‘" and "'" join two letters; ",", ";", ".", "’", "‘"
# and "'" join two digits.  Segments without a letter or digit (a lone "_")
# are not words.
_CORE = r"[\w\u0300-\u036f\u202f\u203f\u2040\u2054\ufe33\ufe34\ufe4d-\ufe4f\uff3f]+"
_WORD = re.compile(
    _CORE + r"(?:(?:(?<=[^\W\d_])[:·.’‘'](?=[^\W\d_])|(?<=\d)[,;.’‘'](?=\d))" + _CORE + ")*"
)


def count_words(text: str) -> int:
    """Words as pocount counts them (see the module docstring)."""
    text = _NUMBER.sub(" ", _XML_TAG.sub("", _BR_TAG.sub("\n", text)))
    return sum(1 for m in _WORD.finditer(text) if any(c.isalnum() for c in m.group(0)))


@dataclass(frozen=True)
class Stats:
    lang: str
    domain: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    words: int
    translated_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Translated (reviewed) units as a percentage of all units."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["total"] = self.total
        data["percent"] = round(self.percent, 2)
        return data


def _source_words(m: Message) -> int:
    return count_words(m.msgid) + (count_words(m.msgid_plural) if m.msgid_plural else 0)


def catalog_stats(catalog: Catalog, lang: str, domain: str) -> Stats:
    active = catalog.active
    translated = [m for m in active if m.translated]
    # A fuzzy flag on an empty translation marks nothing to review: untranslated,
    # as pocount and GNU msgfmt --statistics count it.
    fuzzy = [m for m in active if m.fuzzy and m.has_translation]
    return Stats(
        lang=lang,
        domain=domain,
        translated=len(translated),
        fuzzy=len(fuzzy),
        untranslated=len(active) - len(translated) - len(fuzzy),
        obsolete=len(catalog.obsolete),
        words=sum(_source_words(m) for m in active),
        translated_words=sum(_source_words(m) for m in translated),
    )


def below(stats: list[Stats], threshold: float) -> list[Stats]:
    return [s for s in stats if s.percent < threshold]
