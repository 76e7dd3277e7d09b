"""Translation memory: the project's own reviewed translations, reused.

Why: a reviewed translation of the same (or nearly the same) English is a
far better draft than any machine output, and it costs nothing.  The memory
holds every reviewed entry (translated, not fuzzy, not obsolete) of every
catalogue of the target language (``locale/<lang>/LC_MESSAGES/*.po``: all
articles, the pamphlet and the site), plus, optionally, a TMX file exported
from another tool (``tmx = "…"`` in ``[tool.pliego.prefill]``).

An exact match reports ``100%``; otherwise the most similar English text
(rapidfuzz's ``ratio``, 0–100) at or above the cutoff lends its translation
and the similarity goes into the provenance comment, so the reviewer knows
how far to trust it.  Everything the memory writes is fuzzy like the rest.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from pliego.errors import PliegoError
from pliego.gettext.catalog import Catalog
from pliego.prefill.engine import Failure, Outcome, Translation

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Pair:
    """One remembered translation and where it came from (a file name)."""

    source: str
    target: str
    origin: str


def catalog_pairs(catalog: Catalog, origin: str) -> list[Pair]:
    """Reviewed singular entries of a catalogue (pure)."""
    return [
        Pair(m.msgid, m.msgstr, origin)
        for m in catalog.active
        if m.translated and m.msgid_plural is None
    ]


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def _segment_text(tuv: ET.Element) -> str | None:
    seg = tuv.find("seg")
    return None if seg is None else "".join(seg.itertext()).strip()


def read_tmx(path: Path, source_lang: str, target_lang: str) -> list[Pair]:
    """Translation units of a TMX file for one language pair (matched by primary subtag)."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise PliegoError(
            "the translation-memory file does not exist",
            path=path,
            hint="fix 'tmx' in [tool.pliego.prefill]",
        ) from None
    except OSError as exc:  # a folder, no permission …
        raise PliegoError(
            f"cannot read the translation-memory file ({exc.strerror or exc})",
            path=path,
            hint="fix 'tmx' in [tool.pliego.prefill]: it must name a .tmx file",
        ) from None
    except ET.ParseError as exc:
        raise PliegoError(
            f"the translation-memory file is not valid TMX: {exc}", path=path, line=exc.position[0]
        ) from None
    pairs: list[Pair] = []
    for tu in root.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            text = _segment_text(tuv)
            if text:
                texts.setdefault(_primary(lang), text)
        src, dst = texts.get(_primary(source_lang)), texts.get(_primary(target_lang))
        if src and dst:
            pairs.append(Pair(src, dst, path.name))
    return pairs


class MemoryEngine:
    """Exact, then fuzzy, lookups in a list of :class:`Pair`."""

    name = "memory"
    masks = False

    def __init__(self, pairs: Sequence[Pair], cutoff: float = 80.0) -> None:
        self.cutoff = cutoff
        self._exact: dict[str, Pair] = {}
        for pair in pairs:
            self._exact.setdefault(pair.source, pair)
        self._sources = list(self._exact)

    def __len__(self) -> int:
        return len(self._exact)

    def lookup(self, text: str) -> Outcome:
        pair = self._exact.get(text)
        if pair is not None:
            return Translation(pair.target, self.name, f"100% ({pair.origin})")
        if self._sources:
            best = process.extractOne(
                text, self._sources, scorer=fuzz.ratio, score_cutoff=self.cutoff
            )
            if best is not None:
                pair = self._exact[best[0]]
                return Translation(pair.target, self.name, f"{best[1]:.0f}% ({pair.origin})")
        return Failure(f"no match of {self.cutoff:g}% or more", self.name)

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        for i, text in enumerate(texts):
            yield i, self.lookup(text)
