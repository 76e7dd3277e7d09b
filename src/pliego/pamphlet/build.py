"""``invoke build``: the pamphlets of one language, rebuilt only when an input changed.

Per article and language the build writes into ``build/<lang>/``:

* ``<slug>.pdf``: the A5 reading edition (tagged PDF/UA-1);
* ``<slug>-booklet-a4.pdf``: the reading edition imposed for saddle stitching;
* ``<slug>-print.pdf``: the print shop's edition with bleed and crop marks;
* ``<slug>.json``: the sidecar the download site reads;

a draft inserts ``-draft`` before the suffixes.  A digest of every input
(article, its images, catalogues, ``styles/``, settings, pliego's own code,
``SOURCE_DATE_EPOCH``) is kept beside them; when it matches and the files are
there, nothing is imported beyond this module and the build is a no-op.
The heavy lifting lives in :mod:`pliego.pamphlet.editions` and is imported lazily.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pliego.errors import ConfigError, PliegoError
from pliego.files import output_folder, refuse_non_folder, write_if_changed
from pliego.pamphlet.config import EDITIONS, build_config, normalise_editions, output_name
from pliego.pamphlet.sidecar import EditionEntry, Sidecar, SidecarError, read_sidecar, sidecar_json
from pliego.paths import articles, po_path
from pliego.project import Settings, source_date


@dataclass(frozen=True)
class Edition:
    kind: str
    path: Path
    pages: int
    paper: str


@dataclass(frozen=True)
class ArticleBuild:
    """One article in one language: what was written (or that nothing had to be).

    ``fallbacks`` are the pamphlet strings shown in English because their
    translation broke a placeholder: kept apart from the other notes so that
    ``invoke publish``, which builds first, can pass them on.
    """

    slug: str
    lang: str
    draft: bool
    skipped: bool
    editions: tuple[Edition, ...]
    sidecar: Path
    notes: tuple[str, ...] = ()
    fallbacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildResult:
    lang: str
    articles: tuple[ArticleBuild, ...]

    @property
    def written(self) -> tuple[Path, ...]:
        return tuple(
            p
            for a in self.articles
            if not a.skipped
            for p in (*(e.path for e in a.editions), a.sidecar)
        )

    @property
    def skipped(self) -> bool:
        return all(a.skipped for a in self.articles)


# --------------------------------------------------------------------------- inputs


def source_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    date = source_date()
    return int(date.timestamp()) if date is not None else int(time.time())


def _hash_tree(h: Any, folder: Path, pattern: str = "*", skip: tuple[str, ...] = ()) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob(pattern)):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(skip):
            h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")


def _contents(path: Path) -> bytes:
    """A file's bytes for the digest; a marker for anything that is not a readable
    file (the build proper then explains it in one line, with the file's name)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        return f"(unreadable: {type(exc).__name__})".encode()


#: Link destinations in Markdown (inline ``](…)`` and reference definitions): the
#: candidates for the article's images, found without parsing (no markdown-it on a no-op).
_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ ]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)


def _article_files(source: Path) -> list[Path]:
    """The files under the article's folder that its text may show as images: every
    destination that names an existing file there.  Over-counting a linked file costs
    a digest of its bytes; missing a used image would leave a stale pamphlet."""
    folder = source.parent.resolve()
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: dict[Path, None] = {}
    for m in _DESTINATION.finditer(text):
        target = unquote((m.group(1) or m.group(2)).split("#", 1)[0])
        if not target or urlsplit(target).scheme or target.startswith("/"):
            continue
        path = (folder / target).resolve()
        if path.is_relative_to(folder) and path.is_file():
            found[path] = None
    return sorted(found)


def input_digest(settings: Settings, lang: str, source: Path, *, draft: bool) -> str:
    """A digest of everything a pamphlet depends on (cheap: no parsing)."""
    h = hashlib.sha256()
    # (no version number: the source of the whole package is hashed below)
    h.update(f"pliego\0{lang}\0{draft}\0".encode())
    h.update(str(source_date()).encode() + b"\0")
    # the whole pliego package, not only this stage: a change anywhere may change the PDF
    # (its source only: bytecode caches in every subpackage change when Python recompiles)
    _hash_tree(h, Path(__file__).resolve().parents[1], "*.py")
    relevant = {k: settings.raw.get(k) for k in ("source-language", "segmentation", "build")}
    relevant["base-url"] = settings.section("site").get("base-url")  # the QR code; not the rest
    h.update(json.dumps(relevant, sort_keys=True, default=str).encode() + b"\0")
    h.update(_contents(source) + b"\0")
    for image in _article_files(source):  # only this article's images: others rebuild nothing
        h.update(image.relative_to(source.parent.resolve()).as_posix().encode() + b"\0")
        h.update(_contents(image) + b"\0")
    for domain in (source.stem, "pamphlet"):
        h.update(_contents(po_path(settings, lang, domain)) + b"\0")
    _hash_tree(h, settings.root / "styles", skip=("site/",))
    return h.hexdigest()


def _stamp_path(folder: Path, slug: str, draft: bool) -> Path:
    return folder / f".{output_name(slug, 'reading', draft)}.inputs"


def _stamp(digest: str, outputs: Sequence[Path]) -> bytes:
    """The stamp: the inputs' digest, then each output's SHA-256, so a truncated or
    edited PDF is rebuilt instead of being reported up to date."""
    lines = [digest] + [f"{_sha256(p)}  {p.name}" for p in outputs]
    return ("\n".join(lines) + "\n").encode("ascii", "backslashreplace")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _up_to_date(folder: Path, slug: str, draft: bool, digest: str) -> ArticleBuild | None:
    """The previous build, when its inputs were these and its files are all there
    with the bytes it wrote."""
    stamp = _stamp_path(folder, slug, draft)
    path = folder / output_name(slug, "sidecar", draft)
    try:
        recorded = stamp.read_text(encoding="ascii").splitlines()
        if not recorded or recorded[0] != digest:
            return None
        sidecar = read_sidecar(path)
        if sidecar is None:
            return None
        eds = tuple(Edition(e.kind, folder / e.file, e.pages, e.paper) for e in sidecar.editions)
        outputs = [*(e.path for e in eds), path]
        if _stamp(digest, outputs).decode("ascii").splitlines() != recorded:
            return None
    except (OSError, UnicodeDecodeError, SidecarError):
        return None
    return ArticleBuild(slug, sidecar.lang, sidecar.draft, True, eds, path)


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
    from pliego.pamphlet.preflight import verify_catalogues, verify_checks, verify_fonts

    verify_fonts(settings)
    checked = verify_catalogues(settings, lang, (slug, "pamphlet"), draft=draft)
    checked += verify_checks(
        settings, lang, (slug, "pamphlet"), draft=draft, policy=config.release_checks
    )
    from pliego.pamphlet.editions import make_editions  # WeasyPrint and friends: only now

    made = make_editions(
        settings, config, lang, source, draft=draft, editions=chosen, epoch=source_epoch()
    )
    # Outputs are about to change: a crash from here on must not leave a stamp that
    # vouches for files it did not describe.
    output_folder(folder)
    _stamp_path(folder, slug, draft).unlink(missing_ok=True)
    fresh: dict[str, Edition] = {}
    for kind, (data, pages, paper) in made.files.items():
        path = folder / output_name(slug, kind, draft)
        write_if_changed(path, data)
        fresh[kind] = Edition(kind, path, pages, paper)
    # Editions not asked for this time stay listed if they were built from these inputs.
    kept = {e.kind: e for e in previous.editions} if previous is not None else {}
    merged = {**kept, **fresh}
    written = [merged[k] for k in EDITIONS if k in merged]
    sidecar = folder / output_name(slug, "sidecar", draft)
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
    )
    write_if_changed(sidecar, sidecar_json(record))
    outputs = [*(e.path for e in written), sidecar]
    write_if_changed(_stamp_path(folder, slug, draft), _stamp(digest, outputs))
    return ArticleBuild(
        slug,
        lang,
        draft,
        False,
        tuple(fresh[k] for k in EDITIONS if k in fresh),
        sidecar,
        (*checked, *made.notes),
        made.fallbacks,
    )


def build_language(
    settings: Settings,
    lang: str,
    *,
    draft: bool = False,
    force: bool = False,
    editions: Sequence[str] | None = None,
) -> BuildResult:
    """Every article of the project in ``lang`` (the public API the site uses).

    Raises :class:`pliego.pamphlet.release.ReleaseRefused` (a ``PliegoError``) when a
    release is asked for a language whose reviewed translation is incomplete.
    """
    if lang != settings.source_language and lang not in settings.languages:
        raise ConfigError(
            f"{lang!r} is not one of the project's languages",
            hint="add it to 'languages' in [tool.pliego]",
        )
    built = tuple(
        build_article(settings, lang, src, draft=draft, force=force, editions=editions)
        for src in articles(settings)
    )
    return BuildResult(lang, built)


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
    settings: Settings, lang: str, draft: bool, force: bool, editions: tuple[str, ...] | None
) -> Outcome:
    try:
        return Outcome(
            lang, build_language(settings, lang, draft=draft, force=force, editions=editions), None
        )
    except PliegoError as exc:
        return Outcome(lang, None, str(project_relative(settings, exc)))


@contextmanager
def _settled() -> Iterator[None]:
    """The typesetting stack imported, and everything alive exempt from garbage
    collection, while the stale languages are built.

    A build holds a few hundred thousand objects from its imports (WeasyPrint,
    fontTools, cssselect2, Pyphen) that live as long as the process; the
    collector scanned them again and again while WeasyPrint laid out pages,
    which made the reading edition measurably slower than a bare WeasyPrint
    run (issue 16).  Imported before the worker pool forks, the stack is loaded
    once and inherited by every worker, and frozen its pages are not written
    by the collector, so they stay shared.  Unfrozen afterwards, so a caller
    that goes on (a test run, ``invoke publish``) collects as before.
    """
    import pliego.pamphlet.editions  # noqa: F401  (WeasyPrint and friends)

    gc.collect()
    gc.freeze()
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
) -> list[Outcome]:
    """Several languages, in parallel processes (WeasyPrint layout is single-threaded).

    One failing language (say, a refused release) does not stop the others.
    """
    eds = tuple(editions) if editions else None
    build_config(settings)  # a settings mistake concerns every language: say it once
    normalise_editions(eds)
    done: dict[str, Outcome] = {}
    if not force:  # up-to-date languages need no worker process at all
        for lang in langs:
            previous = _all_up_to_date(settings, lang, draft, eds)
            if previous is not None:
                done[lang] = Outcome(lang, previous, None)
    stale = [lang for lang in langs if lang not in done]
    if stale:  # a broken font concerns every language too: say it once, before the workers
        from pliego.pamphlet.preflight import verify_fonts

        verify_fonts(settings)
    jobs = max(1, min(len(stale), jobs or os.cpu_count() or 1))
    if stale and jobs == 1:  # nothing stale: no WeasyPrint import, the no-op stays fast
        with _settled():
            done.update((lang, _worker(settings, lang, draft, force, eds)) for lang in stale)
    elif stale:
        from concurrent.futures import ProcessPoolExecutor

        with _settled(), ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                lang: pool.submit(_worker, settings, lang, draft, force, eds) for lang in stale
            }
            done.update((lang, f.result()) for lang, f in futures.items())
    return [done[lang] for lang in langs]


def _all_up_to_date(
    settings: Settings, lang: str, draft: bool, editions: tuple[str, ...] | None
) -> BuildResult | None:
    try:
        chosen = set(normalise_editions(editions))
        found = []
        for src in articles(settings):
            digest = input_digest(settings, lang, src, draft=draft)
            previous = _up_to_date(settings.build_path / lang, src.stem, draft, digest)
            if previous is None or not chosen <= {e.kind for e in previous.editions}:
                return None
            found.append(previous)
    except PliegoError:
        return None
    return BuildResult(lang, tuple(found))
