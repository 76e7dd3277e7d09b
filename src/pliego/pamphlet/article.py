"""One article in one language, in the two halves around its editions.

:func:`begin_article` decides whether anything must be made (the stamp may
still vouch for the files there) and runs the release gates; the editions are
then made (:mod:`pliego.pamphlet.editions`, in one process or spread over a
pool's workers by :mod:`pliego.pamphlet.pool`); :func:`write_article` writes
them, the translated Markdown, the sidecar, the layout cache and the stamp.
Apart from :mod:`pliego.pamphlet.build` so that the serial build and the pool
run the very same steps, and a job's result is the same in either.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pliego.errors import PliegoError
from pliego.files import output_folder, refuse_non_folder, write_if_changed
from pliego.pamphlet.config import (
    EDITIONS,
    BuildConfig,
    build_config,
    normalise_editions,
    output_name,
)
from pliego.pamphlet.paper import PAPERS
from pliego.pamphlet.results import ArticleBuild, Edition
from pliego.pamphlet.sidecar import EditionEntry, Sidecar, sidecar_json
from pliego.pamphlet.stamp import input_digest, recorded_build, stamp_bytes, stamp_path
from pliego.project import Settings, source_date

if TYPE_CHECKING:  # the editions' machinery is imported only when something is built
    from pliego.pamphlet.fixes import Fix, TitleSize
    from pliego.pamphlet.made import Made, Started


def source_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    date = source_date()
    return int(date.timestamp()) if date is not None else int(time.time())


def layout_path(folder: Path, slug: str, draft: bool) -> Path:
    """The layout fixes decided for these inputs (:class:`pliego.pamphlet.fixes.LayoutCache`)."""
    return folder / f".{output_name(slug, 'reading', draft)}.layout.json"


def up_to_date(folder: Path, slug: str, draft: bool, digest: str) -> ArticleBuild | None:
    """The previous build, when the stamp still vouches for it."""
    sidecar = recorded_build(folder, slug, draft, digest)
    if sidecar is None:
        return None
    eds = tuple(Edition(e.kind, folder / e.file, e.pages, e.paper) for e in sidecar.editions)
    return ArticleBuild(slug, sidecar.lang, sidecar.draft, True, eds, sidecar.path)


@dataclass(frozen=True)
class Begun:
    """An article that must be (re)built: what its editions start from and what
    its writing needs.  Travels to and from worker processes."""

    lang: str
    source: Path
    folder: Path
    draft: bool
    editions: tuple[str, ...]
    config: BuildConfig
    digest: str
    previous: ArticleBuild | None
    #: what the release gates found (printed before the editions' own notes)
    checked: tuple[str, ...]
    #: the layout fixes cached for these inputs, per edition
    fixes: Mapping[str, tuple[Fix, ...]]
    epoch: int
    #: the cover title's size recorded beside them (valid while its key matches)
    title: TitleSize | None = None


def begin_article(
    settings: Settings,
    lang: str,
    source: Path,
    *,
    draft: bool = False,
    force: bool = False,
    editions: Sequence[str] | None = None,
) -> ArticleBuild | Begun:
    """The previous build when it still stands, else the gates passed and the cached
    layout fixes loaded: what :func:`start_begun` and :func:`finish_begun` need."""
    chosen = normalise_editions(editions)
    config = build_config(settings)
    folder = refuse_non_folder(settings.build_path / lang)
    slug = source.stem
    digest = input_digest(settings, lang, source, draft=draft)
    previous = up_to_date(folder, slug, draft, digest)
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
    from pliego.pamphlet.fixes import LayoutCache

    fixes, title = LayoutCache(layout_path(folder, slug, draft), digest).read()
    return Begun(
        lang,
        source,
        folder,
        draft,
        chosen,
        config,
        digest,
        previous,
        tuple(checked),
        fixes,
        source_epoch(),
        title,
    )


def start_begun(settings: Settings, begun: Begun) -> Started:
    """The first half of an article's editions (its reading edition), as
    :func:`pliego.pamphlet.editions.start_editions` makes it from what was begun."""
    from pliego.pamphlet.editions import start_editions  # WeasyPrint and friends: only now

    return start_editions(
        settings,
        begun.config,
        begun.lang,
        begun.source,
        draft=begun.draft,
        editions=begun.editions,
        epoch=begun.epoch,
        fixes=begun.fixes,
        title=begun.title,
    )


def finish_begun(
    settings: Settings, begun: Begun, started: Started, editions: tuple[str, ...] | None = None
) -> Made:
    """The second half (print edition, booklet, notes); ``editions`` when fewer than
    were begun (the pool imposes the booklet in a job of its own)."""
    from pliego.pamphlet.editions import finish_editions

    return finish_editions(
        settings,
        begun.config,
        begun.lang,
        begun.source,
        started,
        draft=begun.draft,
        editions=begun.editions if editions is None else editions,
    )


def write_article(begun: Begun, made: Made) -> ArticleBuild:
    """Write what :func:`begin_article`'s editions made, the stamp last."""
    from pliego.pamphlet.fixes import LayoutCache

    config, folder, draft, lang = begun.config, begun.folder, begun.draft, begun.lang
    slug, previous = begun.source.stem, begun.previous
    layout = LayoutCache(layout_path(folder, slug, draft), begun.digest)
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
    decided = {**begun.fixes, **{kind: settled.fixes for kind, settled in made.layout.items()}}
    write_if_changed(layout.path, layout.dump(decided, made.title or begun.title))
    outputs = [*(e.path for e in written), *record.markdown_files, sidecar]
    write_if_changed(stamp_path(folder, slug, draft), stamp_bytes(begun.digest, outputs))
    return ArticleBuild(
        slug,
        lang,
        draft,
        False,
        tuple(fresh[k] for k in EDITIONS if k in fresh),
        sidecar,
        (*begun.checked, *made.notes),
        made.fallbacks,
        markdown if text is not None else None,
    )


def is_refusal(exc: PliegoError) -> bool:
    """A release gate's refusal (imported only once something failed: a no-op build
    must not load the Markdown parser that :mod:`.release` needs)."""
    from pliego.pamphlet.release import Refusal

    return isinstance(exc, Refusal)


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
