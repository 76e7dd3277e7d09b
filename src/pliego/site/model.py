"""What the download site shows, decided without touching a file.

The publisher measures the PDFs (size, pages, SHA-256) and renders covers at
the edge; everything here is a pure function of those facts and the
sidecars, so the same inputs always give the same site — the property that
lets mirrors and ``sha256sum -c`` trust it.  Site paths are POSIX paths
relative to ``build/site/`` (the page links relatively, so the folder works
from a USB stick); absolute URLs exist only for the feed and the manifest,
joined onto the configured base URL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pliego.languages import Language, as_language, language_name
from pliego.pamphlet.sidecar import Sidecar
from pliego.sitesettings import SiteSettings

#: A namespace of our own for the feed's ``urn:uuid`` ids: stable across base-URL moves.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pliego/site")

# The fixed names of the site's own files, here where every module of the site can
# read them: ``publish`` checks the templates and the stamp lists them before it
# knows whether anything must be rendered, without importing Jinja2 or markdown-it.
#: The feed's summary of a pamphlet without a description, rendered per language.
SUMMARY_TEMPLATE = "feed-summary.xml"
#: The stylesheets of the read-online pages (copied from ``styles/site/``).
ONLINE_STYLES = ("read.css", "read-print.css")
#: Files copied from ``styles/site/`` as they are.
STATIC_FILES = ("site.css", "manifest.schema.json", *ONLINE_STYLES)
#: Every file ``styles/site/`` must hold.
TEMPLATES = ("index.html", "feed.xml", "read.html", SUMMARY_TEMPLATE, *STATIC_FILES)


@dataclass(frozen=True)
class FileFacts:
    """What the publisher measured about one file it will place in the site."""

    bytes: int
    sha256: str
    pages: int = 0
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Download:
    """One PDF as the site offers it: where, how big, its checksum and download name."""

    kind: str
    paper: str
    path: str
    pages: int
    bytes: int
    sha256: str
    download: str = ""  # the file name a browser saves it under (see download_name)


@dataclass(frozen=True)
class Listing:
    """One pamphlet in one language as the site lists it, with its downloads and cover
    (the site's view; the document itself is :class:`pliego.pamphlet.document.Pamphlet`)."""

    slug: str
    lang: str
    title: str
    author: str
    translator: str
    date: str
    draft: bool
    editions: tuple[Download, ...]
    cover: str
    cover_width: int
    cover_height: int
    subtitle: str = ""
    description: str = ""
    #: the site path of the read-online page (``<lang>/<slug>.html``), if it has one
    online: str = ""

    @property
    def anchor(self) -> str:
        return f"{self.lang}-{self.slug}" + ("-draft" if self.draft else "")

    @property
    def entry_id(self) -> str:
        """The feed id: the same pamphlet and language keep it for ever."""
        key = f"{self.slug}/{self.lang}" + ("/draft" if self.draft else "")
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, key)}"

    @property
    def published(self) -> dt.datetime:
        return date_of(self.date)


@dataclass(frozen=True)
class LanguageGroup:
    lang: str
    name: str
    pamphlets: tuple[Listing, ...]


@dataclass(frozen=True)
class SiteModel:
    settings: SiteSettings
    groups: tuple[LanguageGroup, ...]
    drafts: bool
    updated: dt.datetime

    @property
    def pamphlets(self) -> tuple[Listing, ...]:
        return tuple(p for g in self.groups for p in g.pamphlets)


@dataclass(frozen=True)
class Page:
    """One version of the index page: its language, its site path, and whether the
    page must say that no native speaker has reviewed that language yet."""

    language: Language
    path: str
    needs_review: bool = False

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def name(self) -> str:
        """The language's own name, as the page's language menu shows it."""
        return self.language.name

    @property
    def root(self) -> str:
        """The relative way back to the site root from this page."""
        return "../" * self.path.count("/")


def date_of(text: str) -> dt.datetime:
    """``2023``, ``2023-02`` or ``2023-02-09`` as midnight UTC of its first day; an undated
    pamphlet counts as 1970 (it sorts last and SOURCE_DATE_EPOCH dates the feed)."""
    if not text:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    parts = [int(x) for x in text.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC)


def site_path(lang: str, name: str) -> str:
    return f"{lang}/{name}"


def download_name(lang: str, name: str) -> str:
    """The name a browser saves an edition under: ``<slug>-es.pdf``.

    On the site every language's reading edition is ``<slug>.pdf`` in its own
    folder; a bare ``download`` attribute would save them all as ``<slug>.pdf``,
    and a distributor fetching two languages would get an overwrite or a
    ``(1)`` that says nothing about the language.
    """
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-{lang}.{ext}" if dot else f"{name}-{lang}"


def cover_name(sidecar: Sidecar) -> str:
    return f"{sidecar.stem}-cover.png"


def pamphlet_of(sidecar: Sidecar, facts: Mapping[str, FileFacts]) -> Listing:
    """Join a sidecar with the measured facts of its files (keyed by site path)."""
    editions = []
    for e in sidecar.editions:
        path = site_path(sidecar.lang, e.file)
        f = facts[path]
        editions.append(
            Download(
                kind=e.kind,
                paper=e.paper,
                path=path,
                pages=e.pages,
                bytes=f.bytes,
                sha256=f.sha256,
                download=download_name(sidecar.lang, e.file),
            )
        )
    cover = site_path(sidecar.lang, cover_name(sidecar))
    c = facts[cover]
    return Listing(
        slug=sidecar.slug,
        lang=sidecar.lang,
        title=sidecar.title,
        author=sidecar.author,
        translator=sidecar.translator,
        date=sidecar.date,
        draft=sidecar.draft,
        editions=tuple(editions),
        cover=cover,
        cover_width=c.width,
        cover_height=c.height,
        subtitle=sidecar.subtitle,
        description=sidecar.description,
        online=site_path(sidecar.lang, f"{sidecar.stem}.html") if sidecar.markdown else "",
    )


def build_model(
    site: SiteSettings,
    sidecars: Iterable[Sidecar],
    facts: Mapping[str, FileFacts],
    langs: Iterable[str | Language],
    *,
    drafts: bool,
    source_date: dt.datetime | None,
    names: Mapping[str, str] | None = None,
) -> SiteModel:
    """The site's content: languages in project order, pamphlets by date (newest first),
    releases before drafts.  ``source_date`` (SOURCE_DATE_EPOCH) dates the feed when
    it is later than every pamphlet; the clock never does.  ``names`` are language
    names known already (a no-op publish has them from its stamp: asking CLDR loads
    each language's locale data, a third of a no-op's own work)."""
    by_lang: dict[str, list[Listing]] = {}
    for s in sidecars:
        by_lang.setdefault(s.lang, []).append(pamphlet_of(s, facts))
    groups = []
    for language in dict.fromkeys(as_language(lang) for lang in langs):
        items = by_lang.get(language.code)
        if items:
            items.sort(key=lambda p: (-p.published.timestamp(), p.slug, p.draft))
            name = (names or {}).get(language.code) or language_name(language)
            groups.append(LanguageGroup(language.code, name, tuple(items)))
    dates = [p.published for g in groups for p in g.pamphlets]
    if source_date is not None:
        dates.append(source_date)
    updated = max(dates, default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    return SiteModel(settings=site, groups=tuple(groups), drafts=drafts, updated=updated)


@dataclass(frozen=True)
class Missing:
    """A pamphlet released in other languages but not (yet) in a page's own: its
    title as first released (the source language first) and where to read it."""

    slug: str
    title: str
    title_lang: str
    elsewhere: tuple[Listing, ...]


def page_groups(model: SiteModel, lang: str) -> tuple[LanguageGroup, ...]:
    """The groups as a page in ``lang`` shows them: its own language first, then the
    others in project order (a phone reader should not scroll past English)."""
    own = tuple(g for g in model.groups if g.lang == lang)
    return own + tuple(g for g in model.groups if g.lang != lang)


def missing_in(model: SiteModel, lang: str) -> tuple[Missing, ...]:
    """The pamphlets with a release in some language but none in ``lang``, newest
    first, each with its releases elsewhere in project order.  Drafts do not make
    a pamphlet available: they are not for handing out."""
    releases: dict[str, list[Listing]] = {}
    for p in model.pamphlets:
        if not p.draft:
            releases.setdefault(p.slug, []).append(p)
    found = []
    for slug, listings in releases.items():
        if any(p.lang == lang for p in listings):
            continue
        first = listings[0]  # groups come in project order: the source language first
        found.append(Missing(slug, first.title, first.lang, tuple(listings)))
    newest = {slug: max(p.published for p in ps) for slug, ps in releases.items()}
    found.sort(key=lambda m: (-newest[m.slug].timestamp(), m.slug))
    return tuple(found)
