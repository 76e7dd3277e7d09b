"""What a machine draft is worth: drafts scored against the reviewed translation.

A draft is worth the typing it saves a translator, so two numbers, each over
the entries a person has already reviewed (translated and not fuzzy):

``chrF++``
    sacrebleu's ``CHRF(word_order=2)`` at corpus level, 0–100, higher is
    better: character n-grams (robust to Spanish and Quechua morphology)
    plus word unigrams and bigrams.  The standard metric for MT quality
    that needs no tokeniser for the target language.
``edit share``
    the character edit distance (rapidfuzz's Levenshtein) from each draft
    to its reviewed text, summed, as a share of the reviewed length, lower
    is better: what the translator must type, roughly.  An entry the engine
    failed on counts as an empty draft (all of it must be typed), so an
    engine cannot score well by answering only the easy entries.

Also counted: the names (do-not-translate terms and the article's names list)
a draft lost, i.e. that occur fewer times in it than in the English.

``invoke prefill --score`` prints these per engine for each catalogue that has
reviewed entries, and ``bench/drafts.py`` prints them for raw and cleaned
Apertium drafts; both call :func:`score`, which is pure.  :func:`score_language` is
the shell of ``--score``: it runs each engine of the chain over a language's
reviewed entries, as prefill would (masking, clean-up, cache), and writes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.glossary import GLOSSARY_NAME, read_glossary
from pliego.gettext.po import load_catalog
from pliego.paths import catalog_domains, po_path, relative
from pliego.prefill.cache import CACHE_PATH, Cache
from pliego.prefill.engine import Translation, run_chain
from pliego.prefill.masking import mask
from pliego.prefill.names import article_names
from pliego.prefill.run import build_engines, required_renderings
from pliego.prefill.settings import choose_chain, read_options
from pliego.project import Settings


@dataclass(frozen=True)
class DraftScore:
    """One engine's drafts of one set of reviewed entries, scored."""

    engine: str
    entries: int
    #: characters of the reviewed translations (the edit share's denominator)
    reviewed_chars: int
    chrf: float
    edits: int
    #: entries the engine gave no draft for (scored as empty drafts)
    failed: int = 0
    lost_names: int = 0

    @property
    def share(self) -> float:
        """Edits as a share of the reviewed length (0 when nothing was reviewed)."""
        return self.edits / self.reviewed_chars if self.reviewed_chars else 0.0

    def line(self) -> str:
        """The line ``invoke prefill --score`` and the bench print."""
        failed = f", {self.failed} failed" if self.failed else ""
        return (
            f"{self.engine}: chrF++ {self.chrf:.2f}, edits {self.share:.3f} of the reviewed"
            f" ({self.edits} of {self.reviewed_chars} chars), {self.entries} entries{failed}"
            f", {self.lost_names} names lost"
        )


def reviewed_entries(catalog: Catalog, terms: Sequence[str] = ()) -> list[Message]:
    """The entries a score compares against: translated by a person (not fuzzy), singular,
    and with words to translate once ``terms`` are masked (what prefill would send)."""
    return [
        m
        for m in catalog.active
        if m.msgid
        and m.msgstr
        and not m.fuzzy
        and m.msgid_plural is None
        and mask(m.msgid, terms).has_words()
    ]


def chrf_pp(drafts: Sequence[str], references: Sequence[str]) -> float:
    """Corpus chrF++ of ``drafts`` against ``references`` (same order, same length)."""
    if len(drafts) != len(references):
        raise ValueError("one draft per reference")
    if not drafts:
        return 0.0
    from sacrebleu.metrics.chrf import CHRF  # 0.35 s to import: only when scoring

    return float(CHRF(word_order=2).corpus_score(list(drafts), [list(references)]).score)


def edit_distance(drafts: Sequence[str], references: Sequence[str]) -> int:
    """Characters to insert, delete or replace to turn every draft into its reference."""
    return sum(Levenshtein.distance(d, r) for d, r in zip(drafts, references, strict=True))


def lost_names(sources: Sequence[str], drafts: Sequence[str], names: Sequence[str]) -> int:
    """Occurrences of ``names`` in the sources that their drafts do not have."""
    patterns = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in names if n]
    lost = 0
    for source, draft in zip(sources, drafts, strict=True):
        for pattern in patterns:
            lost += max(0, len(pattern.findall(source)) - len(pattern.findall(draft)))
    return lost


def score(
    engine: str,
    sources: Sequence[str],
    drafts: Sequence[str | None],
    references: Sequence[str],
    names: Sequence[str] = (),
) -> DraftScore:
    """Score ``drafts`` (``None``: the engine failed) of ``sources`` against ``references``."""
    typed = [d or "" for d in drafts]
    return DraftScore(
        engine=engine,
        entries=len(references),
        reviewed_chars=sum(map(len, references)),
        chrf=chrf_pp(typed, references),
        edits=edit_distance(typed, references),
        failed=sum(d is None for d in drafts),
        lost_names=lost_names(sources, typed, names),
    )


@dataclass(frozen=True)
class CatalogScore:
    """``invoke prefill --score`` for one catalogue: each engine's drafts of its reviewed
    entries against them (:mod:`.score`)."""

    lang: str
    file: str
    scores: tuple[DraftScore, ...]


def score_language(
    settings: Settings,
    lang: str,
    *,
    engines: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[list[CatalogScore], list[str]]:
    """Every engine of the chain drafts the reviewed entries of each catalogue of ``lang``
    as prefill would (masking, clean-up, cache), and nothing is written; returns the
    scores and notes.  The memory is not scored: it would find the reviewed entries
    themselves."""
    env = os.environ if env is None else env
    options = read_options(settings)
    chain = choose_chain(settings, options, lang, engines)
    notes = ["memory is not scored: it answers with the reviewed entries themselves"]
    notes = notes if "memory" in chain else []
    glossary = read_glossary(settings.locale_path / GLOSSARY_NAME)
    terms = [t.en for t in glossary if t.do_not_translate]
    renderings = required_renderings(glossary, lang)
    results: list[CatalogScore] = []
    cache = Cache(settings.root / CACHE_PATH)
    try:
        for domain in catalog_domains(settings):
            path = po_path(settings, lang, domain)
            entries = reviewed_entries(load_catalog(path), terms) if path.exists() else []
            if not entries:
                continue
            article = settings.source_path / f"{domain}.md"
            ruled = [t.en for t in glossary]
            names = article_names(article, ruled)[0] if article.exists() else []
            sources = [m.msgid for m in entries]
            scores = []
            for name in (e for e in chain if e != "memory"):
                built = build_engines(
                    settings, options, lang, [name], terms, cache, env, renderings, names
                )
                drafts: dict[int, str | None] = {
                    i: o.text if isinstance(o, Translation) else None
                    for i, o in run_chain(built, sources)
                }
                found = [drafts.get(i) for i in range(len(sources))]
                refs = [m.msgstr for m in entries]
                scores.append(score(name, sources, found, refs, [*terms, *names]))
            results.append(CatalogScore(lang, relative(settings, path), tuple(scores)))
    finally:
        cache.close()
    if not results:
        notes.append(f"no catalogue of {lang!r} has reviewed entries to score against")
    return results, notes
