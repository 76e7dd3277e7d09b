"""Translation statistics that do not flatter.

A fuzzy entry is *not* translated (sphinx-intl's known mistake is to count
it): it has not been reviewed and a release build will not use it.  Words
are counted in the English msgids the way translate-toolkit's ``pocount``
counts them (white-space separated tokens), so the two tools agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .catalog import Catalog, Message


def count_words(text: str) -> int:
    return len(text.split())


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
    fuzzy = [m for m in active if m.fuzzy]
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
