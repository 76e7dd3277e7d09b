"""``invoke prefill``: drafts for empty entries, saved as they arrive.

The imperative shell around :mod:`pliego.prefill` (what may be touched) and
:mod:`pliego.prefill.cache` (who translates).  Why it saves while it runs: a prefill
through a free online service can take minutes and be interrupted by Ctrl-C,
a crash or SIGKILL.  Every ``save-every`` seconds (and at the end, and on
Ctrl-C) the finished drafts are written: under the catalogue lock the file
is read again, the drafts go into entries that are *still* eligible (so a
translation typed meanwhile wins) and the file is replaced atomically.  A
killed run leaves a valid ``.po`` holding everything saved before the kill,
and the cache makes the next run resend nothing already translated.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pliego.errors import PliegoError
from pliego.files import catalog_lock
from pliego.gettext.catalog import Catalog, Key, Message
from pliego.gettext.glossary import GLOSSARY_NAME, Term, read_glossary
from pliego.gettext.po import load_catalog, read_catalog_file, save_catalog
from pliego.paths import catalog_domains, po_path, relative
from pliego.plan import Plan
from pliego.prefill.cache import CACHE_PATH, Cache, CachedEngine
from pliego.prefill.engine import (
    Engine,
    Failure,
    Translation,
    engine_target,
    offline_note,
    run_chain,
)
from pliego.prefill.masking import MaskedEngine, nothing_to_translate
from pliego.prefill.memory import MemoryEngine, Pair, catalog_pairs, read_tmx
from pliego.prefill.names import article_names, names_path, write_names
from pliego.prefill.rules import COPY, apply_fills, eligible
from pliego.prefill.settings import PrefillOptions, choose_chain, read_options
from pliego.project import Settings

Progress = Callable[[int, int], None]


#: Why prefill leaves an empty entry alone (what :class:`Skipped` says).
PLURAL = "a plural entry (prefill drafts singular entries only)"


@dataclass(frozen=True)
class Skipped:
    """An empty entry prefill left alone on purpose, and why.

    Named one by one because a translator has to fill each by hand: a count
    alone ("6 skipped") sends them searching a 300-entry file for six prices.
    """

    path: str  # relative to the project, as the task prints it
    line: int  # of the entry in the file as the run left it
    msgid: str
    reason: str
    msgctxt: str | None = None


@dataclass(frozen=True)
class PrefillReport:
    """What one language's prefill did, for the summary table."""

    lang: str
    chain: tuple[str, ...]
    filled: Mapping[str, int] = field(default_factory=dict)  # engine -> entries
    failed: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (engine, why) -> n
    skips: tuple[Skipped, ...] = ()
    copied: int = 0  # nothing to translate (numbers, code, links, names): the English, localised
    untouched: int = 0  # already translated (or reviewed): never touched
    files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    requests: int = 0
    cached: int = 0

    @property
    def from_memory(self) -> int:
        return self.filled.get("memory", 0)

    @property
    def total_filled(self) -> int:
        return sum(self.filled.values())

    @property
    def total_failed(self) -> int:
        return sum(self.failed.values())

    @property
    def skipped(self) -> int:
        return len(self.skips)

    def summary(self) -> list[str]:
        """The lines the task prints: totals, then failures by reason, then notes."""
        by_engine = ", ".join(
            f"{n} from memory" if e == "memory" else f"{n} by {e}"
            for e, n in sorted(self.filled.items())
        )
        lines = [
            f"{self.lang} ({','.join(self.chain)}): {self.total_filled} filled"
            + (f" ({by_engine})" if by_engine else "")
            + f", {self.total_failed} failed, "
            f"{self.copied} copied (nothing to translate), {self.skipped} skipped, "
            f"{self.untouched} already translated; "
            f"{_plural(self.requests, 'request')}, {self.cached} cached"
        ]
        lines += [
            f"  failed {n}: {engine}: {why}" for (engine, why), n in sorted(self.failed.items())
        ]
        lines += [f"  note: {note}" for note in self.notes]
        return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _memory(
    settings: Settings, options: PrefillOptions, lang: str, read: Mapping[Path, Catalog]
) -> MemoryEngine:
    """Every catalogue of ``lang`` as memory; ``read`` holds those the caller has
    just parsed and not changed since (parsing is most of a small run's own time)."""
    pairs: list[Pair] = []
    folder = settings.locale_path / lang / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")):
        catalog = read.get(path)
        pairs += catalog_pairs(load_catalog(path) if catalog is None else catalog, path.name)
    if options.tmx is not None:
        pairs += read_tmx(options.tmx, settings.source_language, lang)
    return MemoryEngine(pairs, options.memory_cutoff)


def build_engines(
    settings: Settings,
    options: PrefillOptions,
    lang: str,
    chain: Sequence[str],
    terms: Sequence[str],
    cache: Cache,
    env: Mapping[str, str],
    renderings: Mapping[str, str] | None = None,
    names: Sequence[str] = (),
    read: Mapping[Path, Catalog] | None = None,
) -> list[Engine]:
    """Engines ready to run; a missing binary, key or network raises here.

    ``read``: catalogues already parsed, unchanged on disk, by path (see :func:`_memory`).
    """
    from pliego.prefill.apertium import ApertiumEngine
    from pliego.prefill.online import NetPolicy, build_online

    built: list[Engine] = []
    for name in chain:
        inner: Engine
        if name == "memory":
            built.append(_memory(settings, options, lang, read or {}))
            continue
        if name == "apertium":
            inner = ApertiumEngine(engine_target(name, lang))
        else:
            policy = NetPolicy(
                timeout=options.timeout,
                retries=options.retries,
                backoff=options.backoff,
                workers=options.workers_for(name),
            )
            inner = build_online(name, lang, policy, env)
        cached = CachedEngine(inner, cache, settings.source_language, engine_target(name, lang))
        built.append(
            MaskedEngine(cached, terms, settings.language(lang), renderings, names)
            if inner.masks
            else cached
        )
    return built


def required_renderings(glossary: Sequence[Term], lang: str) -> dict[str, str]:
    """English term -> the wording the glossary requires in ``lang`` (or its base
    language; the first of ``|`` alternatives), for terms that are translated."""
    base = lang.replace("-", "_").split("_")[0]
    out: dict[str, str] = {}
    for term in glossary:
        if term.do_not_translate:
            continue
        wording = term.rendering(lang) or term.rendering(base)
        if wording and wording.split("|")[0].strip():
            out[term.en] = wording.split("|")[0].strip()
    return out


def _requests(engines: Sequence[Engine]) -> tuple[int, int]:
    """(requests or processes sent, answers from the cache) over the chain."""
    layers = [getattr(e, "inner", e) for e in engines]
    cached = [layer for layer in layers if isinstance(layer, CachedEngine)]
    return sum(c.sent for c in cached), sum(c.hits for c in cached)


def prefill_language(
    settings: Settings,
    lang: str,
    *,
    engines: Sequence[str] | None = None,
    refresh: bool = False,
    env: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    plan: Plan | None = None,
) -> PrefillReport:
    """Fill the empty entries of every catalogue of ``lang``; see the module docstring."""
    env = os.environ if env is None else env
    options = read_options(settings)
    chain = choose_chain(settings, options, lang, engines)
    glossary = read_glossary(settings.locale_path / GLOSSARY_NAME)
    terms = [t.en for t in glossary if t.do_not_translate]
    renderings = required_renderings(glossary, lang)
    names: list[str] = []  # masked like terms, but an entry of names alone is still sent
    unwritten: dict[Path, list[str]] = {}  # names lists to write once the run went through
    chosen = [d for d in catalog_domains(settings) if plan is None or plan.wants(lang, d)]
    for domain in chosen:
        article = settings.source_path / f"{domain}.md"
        if article.exists():
            found, new = article_names(article, [t.en for t in glossary])
            names += found
            if new:
                unwritten[article] = found
    written = [relative(settings, names_path(a)) for a in unwritten]
    paths: dict[str, Path] = {}
    work: dict[str, list[tuple[str, Key]]] = {}  # msgid -> where it is needed
    skips: list[Skipped] = []
    copies: dict[str, dict[Key, Translation]] = {}
    language = settings.language(lang)
    untouched = 0
    read: dict[Path, Catalog] = {}
    for domain in chosen:
        path = po_path(settings, lang, domain)
        if not path.exists():
            continue
        paths[domain] = path
        read[path] = load_catalog(path)
        for m in read[path].active:
            if not eligible(m, refresh):
                if m.msgid_plural is not None and not any(m.msgstr_plural):
                    skips.append(_skip(settings, path, m, PLURAL))
                else:
                    untouched += m.msgid != ""
            elif (copy := nothing_to_translate(m.msgid, terms, language)) is not None:
                copies.setdefault(domain, {})[m.key] = Translation(copy, COPY)
            else:
                work.setdefault(m.msgid, []).append((domain, m.key))
    if not paths:
        raise PliegoError(
            f"there is no catalogue for {lang!r} yet",
            path=settings.locale_path / lang / "LC_MESSAGES",
            hint="run `invoke extract` and `invoke update` first",
        )
    copied, rewritten = _save_copies(paths, copies, refresh)
    for path in rewritten:
        del read[path]
    report = PrefillReport(
        lang,
        chain,
        skips=tuple(skips),
        copied=copied,
        untouched=untouched,
        files=tuple(relative(settings, p) for p in paths.values()),
        notes=tuple(
            f"wrote the names list {w}: correct it, then run again with --refresh" for w in written
        ),
    )
    if not work:
        _write_names(unwritten)
        return report
    cache = Cache(settings.root / CACHE_PATH)
    try:
        built = build_engines(
            settings, options, lang, chain, terms, cache, env, renderings, names, read
        )
        result = _run(report, built, work, paths, refresh, options.save_every, progress)
        _write_names(unwritten)
        if cache.note:
            result = replace(result, notes=(cache.note, *result.notes))
        return replace(result, skips=_relocated(settings, result.skips, paths.values()))
    finally:
        cache.close()


def _skip(settings: Settings, path: Path, m: Message, reason: str) -> Skipped:
    return Skipped(relative(settings, path), m.lineno, m.msgid, reason, m.msgctxt)


def _relocated(
    settings: Settings, skips: Sequence[Skipped], paths: Iterable[Path]
) -> tuple[Skipped, ...]:
    """``skips`` with the lines of the files as the run left them: the drafts
    written above a skipped entry (comments, flags, wrapped text) moved it down."""
    if not skips:
        return ()
    lines: dict[tuple[str, Key], int] = {}
    for path in paths:
        for m in load_catalog(path).active:
            lines[(relative(settings, path), m.key)] = m.lineno
    return tuple(replace(s, line=lines.get((s.path, (s.msgctxt, s.msgid)), s.line)) for s in skips)


def _save_copies(
    paths: Mapping[str, Path], copies: Mapping[str, Mapping[Key, Translation]], refresh: bool
) -> tuple[int, list[Path]]:
    """Write the entries with nothing to translate at once: no engine is needed,
    so they are filled even offline or when every engine fails (rule 6).
    Returns how many, and the files written."""
    changed = 0
    written: list[Path] = []
    for domain, fills in copies.items():
        with catalog_lock(paths[domain]):
            current = read_catalog_file(paths[domain])
            updated, n = apply_fills(current.catalog, fills, refresh)
            if n and save_catalog(paths[domain], updated, previous=current):
                written.append(paths[domain])
        changed += n
    return changed, written


def _write_names(lists: Mapping[Path, Sequence[str]]) -> None:
    for article, names in lists.items():
        write_names(article, names)


def _run(
    report: PrefillReport,
    engines: Sequence[Engine],
    work: Mapping[str, list[tuple[str, Key]]],
    paths: Mapping[str, Path],
    refresh: bool,
    save_every: float,
    progress: Progress | None,
) -> PrefillReport:
    texts = list(work)
    pending: dict[str, dict[Key, Translation]] = {d: {} for d in paths}
    filled: Counter[str] = Counter()
    failed: Counter[tuple[str, str]] = Counter()

    def save() -> None:
        for domain, fills in pending.items():
            if fills:
                with catalog_lock(paths[domain]):  # the file as it is now: edits win
                    current = read_catalog_file(paths[domain])
                    updated, _ = apply_fills(current.catalog, fills, refresh)
                    save_catalog(paths[domain], updated, previous=current)
                fills.clear()

    done = 0
    last_save = time.monotonic()
    try:
        for i, outcome in run_chain(engines, texts):
            places = work[texts[i]]
            if isinstance(outcome, Translation):
                for domain, key in places:
                    pending[domain][key] = outcome
                filled[outcome.engine] += len(places)
            else:
                assert isinstance(outcome, Failure)
                failed[(outcome.engine, outcome.reason)] += len(places)
            done += 1
            if progress is not None:
                progress(done, len(texts))
            if time.monotonic() - last_save >= save_every:
                save()
                last_save = time.monotonic()
    finally:
        save()
    sent, hits = _requests(engines)
    note = offline_note(report.lang)
    notes = (*report.notes, *((note,) if note and failed else ()))
    return PrefillReport(
        report.lang,
        report.chain,
        dict(filled),
        dict(failed),
        report.skips,
        report.copied,
        report.untouched,
        report.files,
        notes,
        sent,
        hits,
    )
