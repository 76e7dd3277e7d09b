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
"""

from __future__ import annotations

import hashlib
import importlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pliego.errors import PliegoError
from pliego.files import replace_folder
from pliego.gettext.po import load_catalog
from pliego.gettext.translations import (
    CatalogTranslations,
    TemplateTranslations,
    load_translations,
)
from pliego.languages import MONTHS_EN, months_borrowed
from pliego.pamphlet.document import date_words
from pliego.pamphlet.pdf.pdfio import DamagedPdf, count_pages
from pliego.pamphlet.sidecar import HINT, Sidecar, SidecarError, find_sidecars
from pliego.paths import TEMPLATE_DOMAINS, po_path
from pliego.plan import Plan, make_plan
from pliego.project import Settings, source_date
from pliego.site.model import FileFacts, SiteModel, build_model, cover_name, site_path
from pliego.site.online import ONLINE_BUDGET, ONLINE_STYLES, online_text, render_online
from pliego.site.render import (
    SUMMARY_TEMPLATE,
    Page,
    render_feed,
    render_index,
    render_manifest,
    render_sums,
)
from pliego.sitesettings import placeholder_note, site_settings

#: Files copied from ``styles/site/`` as they are.
STATIC_FILES = ("site.css", "manifest.schema.json", *ONLINE_STYLES)
TEMPLATES = ("index.html", "feed.xml", "read.html", SUMMARY_TEMPLATE, *STATIC_FILES)
COVER_WIDTH = 320  # pixels: twice the width the page shows, for sharp phone screens
#: pypdfium2 ships no type information; imported by name so mypy --strict stays exact.
pdfium: Any = importlib.import_module("pypdfium2")


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

    Only a refusal (an incomplete reviewed translation) is a note, per article:
    the other articles of the language are built and published.  Any other
    mistake (a broken catalogue, a bad setting) stops the publication, because
    a site silently missing a language is worse than a clear error.  The
    pamphlet strings a build showed in English (a translation that broke a
    placeholder) are notes too: they are in the PDFs this site offers.
    """
    from pliego.pamphlet.build import build_planned  # the build's imports only when it runs

    refused: set[tuple[str, str]] = set()
    notes: list[str] = []
    for lang in langs:
        built = build_planned(settings, lang, plan, draft=draft)
        for r in built.refused:
            refused.add((lang, r.slug))
            notes.append(
                f"{lang}/{r.slug}: {r.headline} (`invoke build --lang {lang} "
                f"--article {r.slug}` says what is missing)"
            )
        notes.extend(dict.fromkeys(n for a in built.articles for n in a.fallbacks))
    return refused, notes


def digest(data: bytes) -> FileFacts:
    """Size and SHA-256: computed once per file, for the manifest and SHA256SUMS alike."""
    return FileFacts(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())


def measure_pdf(path: Path, data: bytes, pages: int) -> FileFacts:
    """Size, SHA-256 and page count of a PDF, checked against what its sidecar says."""
    try:
        counted = count_pages(data)
    except DamagedPdf as exc:
        raise SidecarError(f"not a readable PDF: {exc}", path=path, hint=HINT) from None
    if counted != pages:
        raise SidecarError(
            f"the PDF has {counted} pages but its sidecar says {pages}", path=path, hint=HINT
        )
    return replace(digest(data), pages=counted)


def render_cover(data: bytes) -> tuple[bytes, int, int]:
    """Page 1 as a PNG, ``COVER_WIDTH`` pixels wide (same PDF, same bytes)."""
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        width, _height = page.get_size()
        image = page.render(scale=COVER_WIDTH / width).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue(), image.width, image.height


def collect_pamphlet(
    sidecar: Sidecar, files: dict[str, bytes], facts: dict[str, FileFacts]
) -> None:
    """Read, check and measure a sidecar's PDFs; render its cover from the first edition."""
    folder = sidecar.path.parent
    first: bytes | None = None
    for e in sidecar.editions:
        pdf = folder / e.file
        try:
            data = pdf.read_bytes()
        except FileNotFoundError:
            raise SidecarError(
                f"the sidecar names {e.file}, which does not exist", path=sidecar.path, hint=HINT
            ) from None
        path = site_path(sidecar.lang, e.file)
        facts[path] = measure_pdf(pdf, data, e.pages)
        files[path] = data
        first = data if first is None else first
    assert first is not None  # parse_sidecar requires at least one edition
    png, width, height = render_cover(first)
    cover = site_path(sidecar.lang, cover_name(sidecar))
    files[cover] = png
    facts[cover] = replace(digest(png), width=width, height=height)


def has_site_translation(settings: Settings, lang: str) -> bool:
    """Whether ``lang`` has any reviewed site string: only then does it get its own page."""
    path = po_path(settings, lang, "site")
    return path.exists() and any(m.translated for m in load_catalog(path).active)


def site_pages(settings: Settings) -> tuple[Page, ...]:
    """The index in the source language, then one per language with site translations."""
    pages = [Page(settings.language(settings.source_language), "index.html")]
    for lang in settings.languages:
        if lang != settings.source_language and has_site_translation(settings, lang):
            unread = lang in settings.unreviewed
            pages.append(Page(settings.language(lang), f"{lang}/index.html", unread))
    return tuple(pages)


def online_pages(
    settings: Settings,
    folder: Path,
    model: SiteModel,
    sidecars: list[Sidecar],
    pages: tuple[Page, ...],
    files: dict[str, bytes],
) -> list[str]:
    """Add each pamphlet's read-online page and its images to ``files``; return notes
    (the site's words a page showed in English, a page over :data:`ONLINE_BUDGET`)."""
    by_key = {(s.lang, s.slug, s.draft): s for s in sidecars}
    index = {p.lang: p.path for p in pages}
    styles = sum(len((folder / name).read_bytes()) for name in ONLINE_STYLES)
    notes: list[str] = []
    for listing in model.pamphlets:
        if not listing.online:
            continue
        text = online_text(settings, by_key[(listing.lang, listing.slug, listing.draft)])
        t = TemplateTranslations(load_translations(settings, listing.lang, "site"))
        page = render_online(
            folder,
            model.settings,
            listing,
            text,
            t,
            source_lang=settings.source_language,
            index=index.get(listing.lang, "index.html") + f"#{listing.anchor}",
        )
        files[listing.online] = page
        files.update(text.media)
        notes.extend(t.findings)
        if len(page) + styles > ONLINE_BUDGET:
            notes.append(
                f"{listing.online}: {len(page) + styles:,} bytes of HTML and CSS, over the "
                f"{ONLINE_BUDGET:,} a read-online page should weigh (docs/site.md)"
            )
    return list(dict.fromkeys(notes))


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

    files: dict[str, bytes] = {}
    facts: dict[str, FileFacts] = {}
    for s in sidecars:
        collect_pamphlet(s, files, facts)
    languages = [settings.language(lang) for lang in langs]
    model = build_model(site, sidecars, facts, languages, drafts=drafts, source_date=dated)

    pages = site_pages(settings)
    notes += online_pages(settings, folder, model, sidecars, pages, files)
    speak: dict[str, TemplateTranslations] = {}
    for page in pages:
        t = TemplateTranslations(load_translations(settings, page.lang, "site"))
        words = None  # the settings' own words, else the cover's where CLDR's are borrowed
        if page.language.date_words is None and months_borrowed(page.language.locale):
            cover = load_translations(settings, page.lang, "pamphlet")  # only then: it is read
            if all(cover.lookup(m, "month") for m in MONTHS_EN):
                words = date_words(TemplateTranslations(cover))  # the cover's words (Quechua)
        files[page.path] = render_index(folder, model, page, pages, t, words)
        notes.extend(t.findings)
        speak[page.lang] = t
    files["feed.xml"] = render_feed(
        folder,
        model,
        TemplateTranslations(CatalogTranslations(None)),
        settings.language(settings.source_language),
        pages,
        speak,
    )
    notes.extend(f for t in speak.values() for f in t.findings if f not in notes)
    for name in STATIC_FILES:
        files[name] = (folder / name).read_bytes()
    listed = {path: facts.get(path) or digest(data) for path, data in files.items()}
    files["manifest.json"] = render_manifest(model, listed)
    listed["manifest.json"] = digest(files["manifest.json"])
    files["SHA256SUMS"] = render_sums({path: f.sha256 for path, f in listed.items()})

    root = site_folder(settings)
    change = replace_folder(root, files)
    return PublishResult(
        site=root,
        model=model,
        pages=tuple(p.path for p in pages),
        written=change.written,
        removed=change.removed,
        files=len(files),
        notes=tuple(notes),
    )
