"""The parallel build: :mod:`pliego.pamphlet.schedule`'s jobs run in a process pool.

WeasyPrint lays out on one core, so a build of several languages (or one with
a booklet and a print edition) runs its jobs in worker processes, started when
:func:`pliego.pamphlet.schedule.next_jobs` says so.  A worker runs one step of
one article (the very functions a serial build calls:
:func:`pliego.pamphlet.article.begin_article`,
:func:`pliego.pamphlet.article.start_begun`, ``booklet_edition``,
``finish_begun``) and sends back what it made; this process keeps the
dependency bookkeeping and writes each article once all its steps are done
(:func:`pliego.pamphlet.article.write_article`), so the files are the serial
build's, byte for byte.

As in the serial build, a refused release concerns one article, and any other
mistake stops its language (the first such article, in the plan's order, is the
one reported); errors travel as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pliego.errors import PliegoError
from pliego.pamphlet.article import (
    Begun,
    begin_article,
    finish_begun,
    is_refusal,
    project_relative,
    start_begun,
    write_article,
)
from pliego.pamphlet.config import EDITIONS, normalise_editions
from pliego.pamphlet.results import ArticleBuild, ArticleRefusal
from pliego.pamphlet.schedule import Job, Key, article_jobs, next_jobs
from pliego.paths import po_path
from pliego.project import Settings

if TYPE_CHECKING:
    from pliego.pamphlet.made import Made, Started


@dataclass(frozen=True)
class Failed:
    """A step's user-facing error, as text, and whether it was a release refusal."""

    error: str
    refusal: bool


@dataclass(frozen=True)
class LanguageRun:
    """One language's articles built and refused, or the error that stopped it."""

    built: tuple[ArticleBuild, ...]
    refused: tuple[ArticleRefusal, ...]
    error: str | None


def _failed(settings: Settings, exc: PliegoError) -> Failed:
    return Failed(str(project_relative(settings, exc)), is_refusal(exc))


def _start(
    settings: Settings, lang: str, source: Path, draft: bool, force: bool, editions: tuple[str, ...]
) -> ArticleBuild | tuple[Begun, Started] | Failed:
    """The gates and the reading edition (or the previous build, still standing)."""
    try:
        begun = begin_article(settings, lang, source, draft=draft, force=force, editions=editions)
        if isinstance(begun, ArticleBuild):
            return begun
        started = start_begun(settings, begun)
        return begun, started
    except PliegoError as exc:
        return _failed(settings, exc)


def _booklet(settings: Settings, begun: Begun, reading: bytes) -> tuple[bytes, int, str] | Failed:
    from pliego.pamphlet.editions import booklet_edition

    try:
        return booklet_edition(reading, begun.config)
    except PliegoError as exc:
        return _failed(settings, exc)


def _finish(settings: Settings, begun: Begun, started: Started) -> Made | Failed:
    """The print edition (its layout starting from the reading edition's) and the notes."""
    editions = tuple(e for e in begun.editions if e != "booklet")  # imposed by its own job
    try:
        return finish_begun(settings, begun, started, editions)
    except PliegoError as exc:
        return _failed(settings, exc)


def text_weights(
    settings: Settings, sources: Mapping[tuple[str, str], Path]
) -> dict[tuple[str, str], float]:
    """How long each article is in each language, relative to the longest: the size
    of its catalogue (its source's, twice, for the source language: a catalogue holds
    every text twice, msgid and msgstr).  A rough measure, read off the file system
    only to rank the reading editions for :func:`~.schedule.next_jobs`."""
    sizes: dict[tuple[str, str], int] = {}
    for (lang, slug), source in sources.items():
        catalogue = po_path(settings, lang, slug)
        if lang != settings.source_language and catalogue.is_file():
            sizes[lang, slug] = catalogue.stat().st_size
        else:
            sizes[lang, slug] = 2 * source.stat().st_size
    longest = max(sizes.values(), default=1) or 1
    return {key: max(size / longest, 0.1) for key, size in sizes.items()}


def build_in_pool(
    settings: Settings,
    articles: Mapping[str, tuple[Path, ...]],
    *,
    draft: bool,
    force: bool,
    editions: tuple[str, ...] | None,
    workers: int,
) -> dict[str, LanguageRun]:
    """Every article of every language in ``articles``, its steps spread over
    ``workers`` processes (forked: they inherit the imports already made)."""
    chosen = normalise_editions(editions)
    sources = {(lang, src.stem): src for lang, srcs in articles.items() for src in srcs}
    weights = text_weights(settings, sources)
    jobs = [j for key in sources for j in article_jobs(*key, chosen, weights[key])]
    results: dict[Key, Any] = {}
    done: set[Key] = set()
    failed: dict[str, list[tuple[int, str]]] = {lang: [] for lang in articles}
    order = {key: i for i, key in enumerate(sources)}
    steps = {key: [j.key for j in jobs if j.key[:2] == key] for key in sources}

    def submit(pool: ProcessPoolExecutor, job: Job) -> Future[Any]:
        lang, slug, step = job.key
        if step == "start":
            return pool.submit(_start, settings, lang, sources[lang, slug], draft, force, chosen)
        begun, started = results[lang, slug, "start"]
        if step == "booklet":
            return pool.submit(_booklet, settings, begun, started.reading)
        return pool.submit(_finish, settings, begun, started)

    def settle(key: Key, result: Any) -> None:
        """Record one step's result; a failed or unnecessary article ends here."""
        lang, slug, _ = key
        results[key] = result
        done.add(key)
        if isinstance(result, ArticleBuild | Failed):  # nothing more to make for it
            done.update(steps[lang, slug])
        if isinstance(result, Failed) and not result.refusal:
            failed[lang].append((order[lang, slug], result.error))
            done.update(k for k in steps_of(lang))  # the language stops, as in a serial build

    def steps_of(lang: str) -> list[Key]:
        return [k for (code, _), keys in steps.items() if code == lang for k in keys]

    with ProcessPoolExecutor(max_workers=workers) as pool:
        running: dict[Future[Any], Key] = {}
        while len(done) < len(jobs) or running:
            free = workers - len(running)
            for job in next_jobs(jobs, done, set(running.values()), free):
                running[submit(pool, job)] = job.key
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                key = running.pop(future)
                if key[0] not in failed or not failed[key[0]]:
                    settle(key, future.result())
    return {
        lang: _language(settings, lang, articles[lang], results, failed[lang]) for lang in articles
    }


def _language(
    settings: Settings,
    lang: str,
    srcs: tuple[Path, ...],
    results: Mapping[Key, Any],
    failed: list[tuple[int, str]],
) -> LanguageRun:
    """One language's outcome, its articles written in the plan's order."""
    if failed:
        return LanguageRun((), (), min(failed)[1])
    built: list[ArticleBuild] = []
    refused: list[ArticleRefusal] = []
    try:
        for src in srcs:
            slug = src.stem
            first = results[lang, slug, "start"]
            refusal = next(
                (r for s in EDITION_STEPS if isinstance(r := results.get((lang, slug, s)), Failed)),
                None,
            )
            if refusal is not None:
                refused.append(ArticleRefusal(slug, lang, refusal.error))
            elif isinstance(first, ArticleBuild):
                built.append(first)
            else:
                built.append(write_article(first[0], _made(results, lang, slug)))
    except PliegoError as exc:
        return LanguageRun((), (), str(project_relative(settings, exc)))
    return LanguageRun(tuple(built), tuple(refused), None)


EDITION_STEPS = ("start", "booklet", "finish")


def _made(results: Mapping[Key, Any], lang: str, slug: str) -> Made:
    """The finished editions with the booklet its own job imposed, in the serial order."""
    made: Made = results[lang, slug, "finish"]
    booklet = results.get((lang, slug, "booklet"))
    files = {**made.files, **({"booklet": booklet} if booklet is not None else {})}
    return replace(made, files={k: files[k] for k in EDITIONS if k in files})
