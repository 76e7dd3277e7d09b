"""``invoke publish``: the imperative shell around the site model and renderer.

It asks the build for fresh release PDFs (a language the build refuses is
left out, with a note), reads the sidecars, measures every PDF (size, pages
checked against the sidecar, SHA-256), renders covers, and then puts the
whole new ``build/site/`` in place at once with
:func:`~pliego.files.replace_folder`: staged beside the old site and swapped
in, so an interrupted publish leaves the old site or the new one, never PDFs
that disagree with ``SHA256SUMS``.  Unchanged files keep their bytes and
mtimes, files that no longer belong go, and publishing twice without changes
touches nothing.

A publish with nothing changed is answered from the stamp the last one left
(:mod:`.stamp`) before anything heavy is imported: the builds say they are up
to date through their own stamps, and the stamp vouches for the site's other
inputs and for ``build/site/`` itself.  Only when something changed does
:mod:`.assemble` (pypdf, pdfium, Jinja2, markdown-it) render the site.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pliego.errors import PliegoError
from pliego.files import replace_folder
from pliego.pamphlet.sidecar import Sidecar, find_sidecars
from pliego.paths import TEMPLATE_DOMAINS
from pliego.plan import Plan, make_plan
from pliego.project import Settings, source_date
from pliego.site import stamp
from pliego.site.model import STATIC_FILES, TEMPLATES, SiteModel, build_model
from pliego.sitesettings import placeholder_note, site_settings

if TYPE_CHECKING:
    from pliego.pamphlet.build import Outcome

__all__ = ["STATIC_FILES", "TEMPLATES", "PublishResult", "publish", "site_folder"]


@dataclass(frozen=True)
class PublishResult:
    """What ``publish`` did, for the task to report."""

    site: Path
    model: SiteModel
    pages: tuple[str, ...]
    written: tuple[str, ...]
    removed: tuple[str, ...]
    files: int
    notes: tuple[str, ...]


def site_folder(settings: Settings) -> Path:
    return settings.build_path / "site"


def templates_folder(settings: Settings) -> Path:
    folder = settings.root / TEMPLATE_DOMAINS["site"]
    missing = [n for n in TEMPLATES if not (folder / n).is_file()]
    if missing:
        raise PliegoError(
            f"the site templates are missing: {', '.join(missing)}",
            path=folder,
            hint="restore styles/site/ from the pliego repository",
        )
    return folder


def run_builds(
    settings: Settings, langs: tuple[str, ...], *, draft: bool, plan: Plan
) -> tuple[set[tuple[str, str]], list[str]]:
    """Build each language's planned articles; return the (language, article)
    pairs whose release was refused, and notes.

    The languages are built by the build's own pool
    (:func:`pliego.pamphlet.build.build_languages`), in parallel where several
    are stale; one up to date costs no worker and no WeasyPrint import.
    Only a refusal (an incomplete reviewed translation) is a note, per article:
    the other articles of the language are built and published.  Any other
    mistake (a broken catalogue, a bad setting) stops the publication, because
    a site silently missing a language is worse than a clear error.  The
    pamphlet strings a build showed in English (a translation that broke a
    placeholder) are notes too: they are in the PDFs this site offers.
    """
    from pliego.pamphlet.build import build_languages  # the build's imports only when it runs

    outcomes: list[Outcome] = build_languages(settings, langs, draft=draft, plan=plan)
    for outcome in outcomes:  # the first failed language stops the publication, as before
        if outcome.error is not None:
            raise PliegoError(outcome.error)
    refused: set[tuple[str, str]] = set()
    notes: list[str] = []
    for outcome in outcomes:
        built = outcome.result
        assert built is not None  # an Outcome holds a result or an error
        for r in built.refused:
            refused.add((outcome.lang, r.slug))
            notes.append(
                f"{outcome.lang}/{r.slug}: {r.headline} (`invoke build --lang {outcome.lang} "
                f"--article {r.slug}` says what is missing)"
            )
        notes.extend(dict.fromkeys(n for a in built.articles for n in a.fallbacks))
    return refused, notes


def publish(
    settings: Settings,
    *,
    drafts: bool = False,
    build: bool = True,
    env: Mapping[str, str] | None = None,
    article: str = "",
) -> PublishResult:
    """Write ``build/site/``; see the module docstring.  ``article`` narrows the
    builds that run first; the site lists every pamphlet there is."""
    plan = make_plan(settings, article)  # a mistyped --article is said before anything else
    site = site_settings(settings)
    folder = templates_folder(settings)
    dated = source_date(env)
    langs = tuple(dict.fromkeys((settings.source_language, *settings.languages)))
    notes: list[str] = []
    refused: set[tuple[str, str]] = set()
    draft_refused: set[tuple[str, str]] = set()
    if build:
        refused, n = run_builds(settings, langs, draft=False, plan=plan)
        notes += n
        if drafts:
            draft_refused, n = run_builds(settings, langs, draft=True, plan=plan)
            notes += n
    read_ns = time.time_ns()  # the site's inputs are read from here on
    sidecars = [
        s
        for s in find_sidecars(settings, langs, drafts=drafts)
        if not (s.draft and (s.lang, s.slug) in draft_refused)
    ]
    placeholder = placeholder_note(site.base_url)
    if placeholder:
        notes.append(placeholder)
    # A refused release keeps the article's previous release on the site (a typo fixed
    # in the English must not withdraw every translation); say which way it went.  Per
    # article: a refused one never wrote a sidecar this time, so one there is older.
    kept = {(s.lang, s.slug) for s in sidecars if not s.draft}
    for lang, slug in sorted(refused):
        notes.append(
            f"{lang}/{slug}: the site keeps the release built earlier"
            if (lang, slug) in kept
            else f"{lang}/{slug}: no release published yet"
        )

    languages = [settings.language(lang) for lang in langs]
    root = site_folder(settings)
    epoch = (env if env is not None else os.environ).get("SOURCE_DATE_EPOCH")
    params = stamp.params_of(drafts=drafts, source_date=epoch, shown=_shown(sidecars))
    previous = stamp.load_stamp(settings)
    if previous is not None and stamp.unchanged(settings, previous, langs, params):
        model = build_model(
            site,
            sidecars,
            previous.facts,
            languages,
            drafts=drafts,
            source_date=dated,
            names=previous.names,
        )
        return PublishResult(
            root, model, previous.pages, (), (), previous.files, (*notes, *previous.notes)
        )

    from pliego.site.assemble import assemble  # pypdf, pdfium, Jinja2: only when it renders

    made = assemble(
        settings,
        folder,
        site,
        sidecars,
        languages=languages,
        drafts=drafts,
        dated=dated,
        previous=previous,
        earlier=notes,
    )
    change = replace_folder(root, made.files)
    pages = tuple(p.path for p in made.pages)
    stamp.record(
        settings,
        langs,
        params,
        read_ns=read_ns,
        facts=made.facts,
        derived=made.derived,
        notes=made.notes,
        pages=pages,
        files=len(made.files),
        names={g.lang: g.name for g in made.model.groups},
        previous=previous,
        written=made.digests,
    )
    return PublishResult(
        site=root,
        model=made.model,
        pages=pages,
        written=change.written,
        removed=change.removed,
        files=len(made.files),
        notes=(*notes, *made.notes),
    )


def _shown(sidecars: list[Sidecar]) -> list[str]:
    """Which sidecars the site is made from (a draft left out after its refusal is not)."""
    return sorted(s.path.as_posix() for s in sidecars)
