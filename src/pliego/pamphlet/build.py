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
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import ConfigError, PliegoError
from pliego.files import output_folder, refuse_non_folder, write_if_changed
from pliego.pamphlet.config import EDITIONS, build_config, normalise_editions, output_name
from pliego.pamphlet.paper import PAPERS
from pliego.pamphlet.results import ArticleBuild, ArticleRefusal, BuildResult, Edition
from pliego.pamphlet.sidecar import EditionEntry, Sidecar, sidecar_json
from pliego.pamphlet.stamp import input_digest, recorded_build, stamp_bytes, stamp_path
from pliego.plan import Plan, make_plan
from pliego.project import Settings, source_date


def source_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    date = source_date()
    return int(date.timestamp()) if date is not None else int(time.time())


def _layout_path(folder: Path, slug: str, draft: bool) -> Path:
    """The layout fixes decided for these inputs (:class:`pliego.pamphlet.fixes.LayoutCache`)."""
    return folder / f".{output_name(slug, 'reading', draft)}.layout.json"


def _up_to_date(folder: Path, slug: str, draft: bool, digest: str) -> ArticleBuild | None:
    """The previous build, when the stamp still vouches for it."""
    sidecar = recorded_build(folder, slug, draft, digest)
    if sidecar is None:
        return None
    eds = tuple(Edition(e.kind, folder / e.file, e.pages, e.paper) for e in sidecar.editions)
    return ArticleBuild(slug, sidecar.lang, sidecar.draft, True, eds, sidecar.path)


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
    chosen = normalise_editions(editions)
    config = build_config(settings)
    folder = refuse_non_folder(settings.build_path / lang)
    slug = source.stem
    digest = input_digest(settings, lang, source, draft=draft)
    previous = _up_to_date(folder, slug, draft, digest)
    if not force and previous is not None and set(chosen) <= {e.kind for e in previous.editions}:
        return previous
    from pliego.pamphlet.coverage import verify_coverage
    from pliego.pamphlet.preflight import verify_catalogues, verify_checks, verify_fonts

    verify_fonts(settings)
    checked = verify_catalogues(settings, lang, (slug, "pamphlet"), draft=draft)
    checked += verify_coverage(settings, lang, (slug, "pamphlet"), draft=draft)
    checked += verify_checks(
        settings, lang, (slug, "pamphlet"), draft=draft, policy=config.release_checks
    )
    from pliego.pamphlet.editions import make_editions  # WeasyPrint and friends: only now
    from pliego.pamphlet.fixes import LayoutCache

    layout = LayoutCache(_layout_path(folder, slug, draft), digest)
    fixes = layout.load()
    made = make_editions(
        settings,
        config,
        lang,
        source,
        draft=draft,
        editions=chosen,
        epoch=source_epoch(),
        fixes=fixes,
    )
    # Outputs are about to change: a crash from here on must not leave a stamp that
    # vouches for files it did not describe.
    output_folder(folder)
    stamp_path(folder, slug, draft).unlink(missing_ok=True)
    fresh: dict[str, Edition] = {}
    for kind, (data, pages, paper) in made.files.items():
        path = folder / output_name(slug, kind, draft, config.paper)
        write_if_changed(path, data)
        fresh[kind] = Edition(kind, path, pages, paper)
    if "booklet" in fresh:  # a booklet for the paper used before would be offered by mistake
        for other in PAPERS.values():
            if other != config.paper:
                (folder / output_name(slug, "booklet", draft, other)).unlink(missing_ok=True)
    # Editions not asked for this time stay listed if they were built from these inputs.
    kept = {e.kind: e for e in previous.editions} if previous is not None else {}
    merged = {**kept, **fresh}
    written = [merged[k] for k in EDITIONS if k in merged]
    sidecar = folder / output_name(slug, "sidecar", draft)
    markdown = folder / output_name(slug, "markdown", draft)
    text = made.markdown.text
    if text is not None:
        write_if_changed(markdown, text.encode("utf-8"))
    else:
        markdown.unlink(missing_ok=True)  # an old one would no longer match the PDFs
    p = made.pamphlet
    record = Sidecar(
        path=sidecar,
        slug=slug,
        lang=lang,
        title=p.title,
        author=p.author or "",
        date=p.date.iso if p.date else "",
        translator=p.translator or "",
        draft=draft,
        editions=tuple(EditionEntry(e.kind, e.path.name, e.pages, e.paper) for e in written),
        subtitle=p.subtitle,
        description=p.description,
        markdown=markdown.name if text is not None else "",
        english=made.markdown.english,
    )
    write_if_changed(sidecar, sidecar_json(record))
    decided = {**fixes, **{kind: settled.fixes for kind, settled in made.layout.items()}}
    write_if_changed(layout.path, layout.dump(decided))
    outputs = [*(e.path for e in written), *record.markdown_files, sidecar]
    write_if_changed(stamp_path(folder, slug, draft), stamp_bytes(digest, outputs))
    return ArticleBuild(
        slug,
        lang,
        draft,
        False,
        tuple(fresh[k] for k in EDITIONS if k in fresh),
        sidecar,
        (*checked, *made.notes),
        made.fallbacks,
        markdown if text is not None else None,
    )


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


def _is_refusal(exc: PliegoError) -> bool:
    """A release gate's refusal (imported only once something failed: a no-op build
    must not load the Markdown parser that :mod:`.release` needs)."""
    from pliego.pamphlet.release import Refusal

    return isinstance(exc, Refusal)


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
            if not _is_refusal(exc):
                raise
            refused.append(ArticleRefusal(src.stem, lang, str(project_relative(settings, exc))))
    return BuildResult(lang, tuple(built), tuple(refused), _unplanned(settings, plan, lang))


def project_relative(settings: Settings, exc: PliegoError) -> PliegoError:
    """Name the error's file relative to the project, as every task does (a worker's
    error travels as text, so :func:`pliego.cli.run` cannot do it afterwards)."""
    if exc.path is not None and Path(exc.path).is_absolute():
        path, root = Path(exc.path), settings.root.resolve()
        for candidate in (path, path.resolve()):
            if candidate.is_relative_to(root):
                exc.path = candidate.relative_to(root).as_posix()
                break
    return exc


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
def _settled() -> Iterator[None]:
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
    fork after it.  Unfrozen afterwards, so a caller that goes on (a test run,
    ``invoke publish``) collects as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        import pliego.pamphlet.editions  # noqa: F401  (WeasyPrint and friends)

        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    try:
        yield
    finally:
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
    """
    plan = make_plan(settings) if plan is None else plan
    eds = tuple(editions) if editions else None
    build_config(settings)  # a settings mistake concerns every language: say it once
    normalise_editions(eds)
    done: dict[str, Outcome] = {}
    if not force:  # up-to-date languages need no worker process at all
        for lang in langs:
            previous = _all_up_to_date(settings, plan, lang, draft, eds)
            if previous is not None:
                done[lang] = Outcome(lang, previous, None)
    stale = [lang for lang in langs if lang not in done]
    if stale:  # a broken font concerns every language too: say it once, before the workers
        from pliego.pamphlet.preflight import verify_fonts

        verify_fonts(settings)
    jobs = max(1, min(len(stale), jobs or os.cpu_count() or 1))
    if stale and jobs == 1:  # nothing stale: no WeasyPrint import, the no-op stays fast
        with _settled():
            done.update((lang, _worker(settings, lang, plan, draft, force, eds)) for lang in stale)
    elif stale:
        from concurrent.futures import ProcessPoolExecutor

        with _settled(), ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                lang: pool.submit(_worker, settings, lang, plan, draft, force, eds)
                for lang in stale
            }
            done.update((lang, f.result()) for lang, f in futures.items())
    return [done[lang] for lang in langs]


def _all_up_to_date(
    settings: Settings, plan: Plan, lang: str, draft: bool, editions: tuple[str, ...] | None
) -> BuildResult | None:
    try:
        chosen = set(normalise_editions(editions))
        found = []
        for src in planned_sources(settings, plan, lang):
            digest = input_digest(settings, lang, src, draft=draft)
            previous = _up_to_date(settings.build_path / lang, src.stem, draft, digest)
            if previous is None or not chosen <= {e.kind for e in previous.editions}:
                return None
            found.append(previous)
    except PliegoError:
        return None
    return BuildResult(lang, tuple(found), unplanned=_unplanned(settings, plan, lang))
