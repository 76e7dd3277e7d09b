"""``invoke build``: the pamphlets of one language, rebuilt only when an input changed.

Per article and language the build writes into ``build/<lang>/``:

* ``<slug>.pdf``: the A5 (or half-letter) reading edition (tagged PDF/UA-1);
* ``<slug>-booklet-a4.pdf`` (``-booklet-letter``): the reading edition imposed for
  saddle stitching;
* ``<slug>-print.pdf``: the print shop's edition with bleed and crop marks;
* ``<slug>.md``: the same text as translated Markdown, front matter included
  (:mod:`pliego.pamphlet.markdown_edition`; the site's read-online page too);
* ``<slug>.json``: the sidecar the download site reads;

a draft inserts ``-draft`` before the suffixes.  When :mod:`pliego.pamphlet.stamp`
vouches that the inputs are those of the files there, nothing is imported beyond
these two modules and the build is a no-op.  The heavy lifting lives in
:mod:`pliego.pamphlet.editions` and is imported lazily.

Each article of a language stands alone: one refused (its translation is not
reviewed yet) does not stop the others, and one not in its language plan
(``languages:`` in its front matter, :mod:`pliego.plan`) is skipped, not refused,
so ``invoke build --lang all`` succeeds when everything planned is built.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import ConfigError, PliegoError
from pliego.pamphlet.article import (
    begin_article,
    finish_begun,
    is_refusal,
    project_relative,
    source_epoch,
    start_begun,
    up_to_date,
    write_article,
)
from pliego.pamphlet.config import build_config, normalise_editions
from pliego.pamphlet.results import ArticleBuild, ArticleRefusal, BuildResult
from pliego.pamphlet.schedule import article_jobs, most_at_once
from pliego.pamphlet.stamp import Design, design_of, input_digest
from pliego.plan import Plan, make_plan
from pliego.project import Settings

__all__ = [
    "Outcome",
    "build_article",
    "build_language",
    "build_languages",
    "build_planned",
    "planned_sources",
    "project_relative",
    "source_epoch",
]


# --------------------------------------------------------------------------- building


def build_article(
    settings: Settings,
    lang: str,
    source: Path,
    *,
    draft: bool = False,
    force: bool = False,
    editions: Sequence[str] | None = None,
) -> ArticleBuild:
    """Build (or confirm up to date) every edition of one article in one language."""
    begun = begin_article(settings, lang, source, draft=draft, force=force, editions=editions)
    if isinstance(begun, ArticleBuild):
        return begun
    made = finish_begun(settings, begun, start_begun(settings, begun))
    return write_article(begun, made)


def build_language(
    settings: Settings,
    lang: str,
    *,
    draft: bool = False,
    force: bool = False,
    editions: Sequence[str] | None = None,
) -> BuildResult:
    """Every article planned in ``lang`` (the public API for scripts).

    Raises :class:`pliego.pamphlet.release.ReleaseRefused` (a ``PliegoError``) at the
    first article whose reviewed translation is incomplete; :func:`build_planned`
    builds the others anyway and reports each refusal instead.
    """
    plan = make_plan(settings)
    built = tuple(
        build_article(settings, lang, src, draft=draft, force=force, editions=editions)
        for src in planned_sources(settings, plan, lang)
    )
    return BuildResult(lang, built, unplanned=_unplanned(settings, plan, lang))


def planned_sources(settings: Settings, plan: Plan, lang: str) -> tuple[Path, ...]:
    """The chosen articles planned in ``lang``: all of them in the source language."""
    if lang != settings.source_language and lang not in settings.languages:
        raise ConfigError(
            f"{lang!r} is not one of the project's languages",
            hint="add it to 'languages' in [tool.pliego]",
        )
    if lang == settings.source_language:
        return plan.chosen
    return tuple(p for p in plan.chosen if plan.is_planned(p.stem, lang))


def _unplanned(settings: Settings, plan: Plan, lang: str) -> tuple[str, ...]:
    return () if lang == settings.source_language else plan.unplanned(lang)


def build_planned(
    settings: Settings,
    lang: str,
    plan: Plan,
    *,
    draft: bool = False,
    force: bool = False,
    editions: Sequence[str] | None = None,
) -> BuildResult:
    """The chosen articles planned in ``lang``, each on its own: a refused release of
    one is recorded and the next is built.  Any other mistake (a broken catalogue)
    still stops the language, as it concerns what every article would print."""
    built: list[ArticleBuild] = []
    refused: list[ArticleRefusal] = []
    for src in planned_sources(settings, plan, lang):
        try:
            built.append(
                build_article(settings, lang, src, draft=draft, force=force, editions=editions)
            )
        except PliegoError as exc:
            if not is_refusal(exc):
                raise
            refused.append(ArticleRefusal(src.stem, lang, str(project_relative(settings, exc))))
    return BuildResult(lang, tuple(built), tuple(refused), _unplanned(settings, plan, lang))


@dataclass(frozen=True)
class Outcome:
    """A language's result from a worker process (errors travel as text)."""

    lang: str
    result: BuildResult | None
    error: str | None


def _worker(
    settings: Settings,
    lang: str,
    plan: Plan,
    draft: bool,
    force: bool,
    editions: tuple[str, ...] | None,
) -> Outcome:
    try:
        result = build_planned(settings, lang, plan, draft=draft, force=force, editions=editions)
        return Outcome(lang, result, None)
    except PliegoError as exc:
        return Outcome(lang, None, str(project_relative(settings, exc)))


@contextmanager
def _settled(editions: Sequence[str] = ()) -> Iterator[None]:
    """The typesetting stack imported, and everything alive exempt from garbage
    collection, while the stale languages are built.

    A build holds a few hundred thousand objects from its imports (WeasyPrint,
    fontTools, cssselect2, Pyphen) that live as long as the process; the
    collector scanned them again and again while they were imported and while
    WeasyPrint laid out pages, which made the reading edition measurably slower
    than a bare WeasyPrint run (issue 16: 0.2–0.6 s of collections against
    0.14 s bare).  So the collector is off while the stack is imported (the
    imports make no garbage worth a pass: no full collection before freezing
    either), and what they made is frozen: never scanned again, and its pages
    not written by the collector, so they stay shared with the workers that
    fork after it.  Unfrozen afterwards, so a caller that goes on (a test run)
    collects as before, unless something was frozen already: the command line
    freezes what a task starts with until the process ends
    (:mod:`pliego.cli.boundary`), and the stack, which lives as long, joins it.
    pypdf joins them when a booklet or a print edition is to be made (a reading
    edition needs none).
    """
    outer = gc.get_freeze_count() > 0
    enabled = gc.isenabled()
    gc.disable()
    try:
        import pliego.pamphlet.editions

        if {"booklet", "print"} & set(editions):
            import pliego.pamphlet.pdf.cropmarks
            import pliego.pamphlet.pdf.impose  # noqa: F401
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()


def build_languages(
    settings: Settings,
    langs: Sequence[str],
    *,
    draft: bool = False,
    force: bool = False,
    editions: Sequence[str] | None = None,
    jobs: int | None = None,
    plan: Plan | None = None,
) -> list[Outcome]:
    """Several languages, in parallel processes (WeasyPrint layout is single-threaded).

    One failing language (say, a broken catalogue) does not stop the others;
    ``plan`` (default: every article, as planned) says which articles to build.
    With more than one worker to keep busy, every article's editions are jobs of
    their own (:mod:`pliego.pamphlet.pool`); with one (``jobs=1``, or a single
    reading edition to make) the build runs here, one language after another.
    """
    plan = make_plan(settings) if plan is None else plan
    eds = tuple(editions) if editions else None
    build_config(settings)  # a settings mistake concerns every language: say it once
    normalise_editions(eds)
    done: dict[str, Outcome] = {}
    standing: dict[str, dict[str, ArticleBuild]] = {}
    if not force:  # up-to-date languages need no worker process at all
        design = design_of(settings)  # the trees every stamp depends on, listed once
        for lang in langs:
            standing[lang] = _standing(settings, plan, lang, draft, eds, design)
            previous = _all_up_to_date(settings, plan, lang, standing[lang])
            if previous is not None:
                done[lang] = Outcome(lang, previous, None)
    stale = [lang for lang in langs if lang not in done]
    if stale:  # a broken font concerns every language too: say it once, before the workers
        from pliego.pamphlet.preflight import verify_fonts

        verify_fonts(settings)
    chosen = normalise_editions(eds)
    work = _stale_work(settings, plan, stale, draft, done)
    # Only the articles the stamps do not vouch for become jobs: one .po changed among a
    # hundred articles is one article's jobs, not a hundred round trips through the pool.
    todo = {
        lang: tuple(s for s in srcs if s.stem not in standing.get(lang, {}))
        for lang, srcs in work.items()
    }
    graph = [
        j for lang, srcs in todo.items() for s in srcs for j in article_jobs(lang, s.stem, chosen)
    ]
    workers = max(1, min(most_at_once(graph), jobs or os.cpu_count() or 1))
    if stale and workers == 1:  # nothing stale: no WeasyPrint import, the no-op stays fast
        with _settled(chosen):
            done.update((lang, _worker(settings, lang, plan, draft, force, eds)) for lang in stale)
    elif stale:
        from pliego.pamphlet.pool import build_in_pool

        with _settled(chosen):
            ran = build_in_pool(
                settings, todo, draft=draft, force=force, editions=eds, workers=workers
            )
        for lang, run in ran.items():
            kept = standing.get(lang, {})
            fresh = {b.slug: b for b in run.built}
            built = tuple(
                kept.get(s.stem) or fresh[s.stem]
                for s in work[lang]
                if s.stem in kept or s.stem in fresh
            )
            result = BuildResult(lang, built, run.refused, _unplanned(settings, plan, lang))
            done[lang] = Outcome(lang, None if run.error else result, run.error)
    return [done[lang] for lang in langs]


def _stale_work(
    settings: Settings, plan: Plan, stale: Sequence[str], draft: bool, done: dict[str, Outcome]
) -> dict[str, tuple[Path, ...]]:
    """The articles of each stale language; a language whose plan is a mistake (not a
    project language) fails here, as its worker would have."""
    work: dict[str, tuple[Path, ...]] = {}
    for lang in stale:
        try:
            work[lang] = planned_sources(settings, plan, lang)
        except PliegoError as exc:
            done[lang] = Outcome(lang, None, str(project_relative(settings, exc)))
    return work


def _standing(
    settings: Settings,
    plan: Plan,
    lang: str,
    draft: bool,
    editions: tuple[str, ...] | None,
    design: Design,
) -> dict[str, ArticleBuild]:
    """The articles of ``lang`` whose previous build the stamps still vouch for, by slug
    (an article whose inputs cannot be read is left to its build, which says why);
    ``design``: the code's and styles' digests, made once for every language."""
    chosen = set(normalise_editions(editions))
    found: dict[str, ArticleBuild] = {}
    try:
        sources = planned_sources(settings, plan, lang)
    except PliegoError:
        return found
    for src in sources:
        try:
            digest = input_digest(settings, lang, src, draft=draft, design=design)
            previous = up_to_date(settings.build_path / lang, src.stem, draft, digest)
        except PliegoError:
            continue
        if previous is not None and chosen <= {e.kind for e in previous.editions}:
            found[src.stem] = previous
    return found


def _all_up_to_date(
    settings: Settings, plan: Plan, lang: str, standing: dict[str, ArticleBuild]
) -> BuildResult | None:
    """The language's result when every planned article still stands, else None."""
    try:
        sources = planned_sources(settings, plan, lang)
    except PliegoError:
        return None
    if any(src.stem not in standing for src in sources):
        return None
    found = tuple(standing[src.stem] for src in sources)
    return BuildResult(lang, found, unplanned=_unplanned(settings, plan, lang))
