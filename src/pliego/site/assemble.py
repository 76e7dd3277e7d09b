"""Everything a publish renders when something changed: every file of the new site, in memory.

Split from :mod:`.publish` so that a no-op publish, answered from the stamp
(:mod:`.stamp`), never imports what this module needs: pypdf and pdfium to
measure PDFs and render covers, Jinja2 for the pages, markdown-it and the
image checks (WeasyPrint's stack behind them) for the read-online pages.

Measuring and rendering are what cost with many pamphlets, so the previous
stamp serves as a cache keyed by bytes: a PDF whose SHA-256 was measured
before keeps its page count, a cover whose first edition has the same
SHA-256 keeps its PNG, and a read-online page whose inputs (sidecar,
translated Markdown, English source and images, site catalogue, templates,
settings, pliego's code, the listing) digest the same keeps its HTML and
images; what is kept is read back from the site and checked against the
digest the stamp recorded for it.
"""

from __future__ import annotations

import hashlib
import importlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pliego.gettext.po import load_catalog
from pliego.gettext.translations import (
    CatalogTranslations,
    TemplateTranslations,
    load_translations,
)
from pliego.languages import MONTHS_EN, Language
from pliego.pamphlet.document import cover_date_words, takes_cover_words
from pliego.pamphlet.pdf.pdfio import DamagedPdf, count_pages
from pliego.pamphlet.sidecar import HINT, Sidecar, SidecarError
from pliego.paths import po_path
from pliego.project import Settings
from pliego.site.model import (
    ONLINE_STYLES,
    STATIC_FILES,
    FileFacts,
    Listing,
    Page,
    SiteModel,
    build_model,
    cover_name,
    site_path,
)
from pliego.site.online import ONLINE_BUDGET, online_text, render_online
from pliego.site.paging import homes, paginate
from pliego.site.render import render_feed, render_index, render_manifest, render_sums
from pliego.site.stamp import Derived, SiteStamp, code_digest
from pliego.sitesettings import SiteSettings

COVER_WIDTH = 320  # pixels: twice the width the page shows, for sharp phone screens
#: pypdfium2 ships no type information; imported by name so mypy --strict stays exact.
pdfium: Any = importlib.import_module("pypdfium2")


@dataclass(frozen=True)
class Assembled:
    """The new site's files and what was measured and said while making them."""

    files: Mapping[str, bytes]
    facts: Mapping[str, FileFacts]
    model: SiteModel
    pages: tuple[Page, ...]
    notes: tuple[str, ...]
    #: what each cover and read-online page was made from (the caches' keys)
    derived: Mapping[str, Derived] = field(default_factory=dict)
    #: the SHA-256 of every file in ``files`` (the stamp records them without reading
    #: the site back)
    digests: Mapping[str, str] = field(default_factory=dict)


def digest(data: bytes) -> FileFacts:
    """Size and SHA-256: computed once per file, for the manifest and SHA256SUMS alike."""
    return FileFacts(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())


def measure_pdf(
    path: Path, data: bytes, facts: FileFacts, pages: int, known: int | None = None
) -> FileFacts:
    """The PDF's ``facts`` (size, SHA-256) with its page count, checked against what
    its sidecar says (``known``: the count measured before for these very bytes)."""
    try:
        counted = known if known is not None else count_pages(data)
    except DamagedPdf as exc:
        raise SidecarError(f"not a readable PDF: {exc}", path=path, hint=HINT) from None
    if counted != pages:
        raise SidecarError(
            f"the PDF has {counted} pages but its sidecar says {pages}", path=path, hint=HINT
        )
    return replace(facts, pages=counted)


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


class _Measure:
    """The PDFs' facts, covers and read-online pages, from the previous stamp where
    what they are made from is the same (see the module docstring)."""

    def __init__(self, site: Path, previous: SiteStamp | None) -> None:
        self.site = site
        self.previous = previous
        self.derived: dict[str, Derived] = {}

    def pdf(self, path: Path, data: bytes, pages: int) -> FileFacts:
        facts = digest(data)  # hashed once: the page count's key and the PDF's checksum
        known = self.previous.pages_of(facts.sha256) if self.previous else None
        return measure_pdf(path, data, facts, pages, known)

    def kept(self, path: str, key: str) -> tuple[dict[str, bytes], Derived] | None:
        """The files made last time from inputs digesting to ``key``, read back from the
        site and checked against the digests the stamp recorded, or None."""
        was = self.previous.derived.get(path) if self.previous else None
        if self.previous is None or was is None or was.key != key:
            return None
        files: dict[str, bytes] = {}
        for name in (path, *was.media):
            recorded = self.previous.outputs.get(name)
            try:
                files[name] = (self.site / name).read_bytes()
            except OSError:
                return None
            if recorded is None or hashlib.sha256(files[name]).hexdigest() != recorded.sha256:
                return None
        return files, was

    def cover(self, path: str, first: FileFacts, data: bytes) -> tuple[bytes, FileFacts]:
        self.derived[path] = Derived(first.sha256)
        kept = self.kept(path, first.sha256)
        was = self.previous.facts.get(path) if self.previous else None
        if kept is not None and was is not None:
            return kept[0][path], was
        png, width, height = render_cover(data)
        return png, replace(digest(png), width=width, height=height)


def collect_pamphlet(
    sidecar: Sidecar, files: dict[str, bytes], facts: dict[str, FileFacts], measure: _Measure
) -> None:
    """Read, check and measure a sidecar's PDFs; render its cover from the first edition."""
    folder = sidecar.path.parent
    first: tuple[bytes, FileFacts] | None = None
    for e in sidecar.editions:
        pdf = folder / e.file
        try:
            data = pdf.read_bytes()
        except FileNotFoundError:
            raise SidecarError(
                f"the sidecar names {e.file}, which does not exist", path=sidecar.path, hint=HINT
            ) from None
        path = site_path(sidecar.lang, e.file)
        facts[path] = measure.pdf(pdf, data, e.pages)
        files[path] = data
        first = (data, facts[path]) if first is None else first
    assert first is not None  # parse_sidecar requires at least one edition
    cover = site_path(sidecar.lang, cover_name(sidecar))
    files[cover], facts[cover] = measure.cover(cover, first[1], first[0])


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
    sidecars: Sequence[Sidecar],
    pages: tuple[Page, ...],
    files: dict[str, bytes],
    measure: _Measure,
    home: Mapping[str, str] | None = None,
) -> list[str]:
    """Add each pamphlet's read-online page and its images to ``files``; return notes
    (the site's words a page showed in English, a page over :data:`ONLINE_BUDGET`).
    ``home``: the index page that lists each pamphlet, which its page links back to."""
    by_key = {(s.lang, s.slug, s.draft): s for s in sidecars}
    index = {p.lang: p.path for p in pages}
    styles = sum(len((folder / name).read_bytes()) for name in ONLINE_STYLES)
    notes: list[str] = []
    catalogues: dict[str, CatalogTranslations] = {}  # read once per language, not per page
    shared = _shared_digest(settings, folder)
    seen: dict[Path, str] = {}  # a language's site catalogue, an English source: hashed once
    for listing in model.pamphlets:
        if not listing.online:
            continue
        sidecar = by_key[(listing.lang, listing.slug, listing.draft)]
        back = (home or {}).get(listing.anchor) or index.get(listing.lang, "index.html")
        at = f"{back}#{listing.anchor}"
        key = _online_key(settings, sidecar, listing, at, shared, seen)
        kept = measure.kept(listing.online, key)
        if kept is not None:
            files.update(kept[0])
            measure.derived[listing.online] = kept[1]
            notes.extend(kept[1].notes)
            continue
        text = online_text(settings, sidecar)
        if listing.lang not in catalogues:
            catalogues[listing.lang] = load_translations(settings, listing.lang, "site")
        t = TemplateTranslations(catalogues[listing.lang])
        page = render_online(
            folder,
            model.settings,
            listing,
            text,
            t,
            source_lang=settings.source_language,
            index=at,
        )
        files[listing.online] = page
        files.update(text.media)
        said = list(t.findings)
        if len(page) + styles > ONLINE_BUDGET:
            said.append(
                f"{listing.online}: {len(page) + styles:,} bytes of HTML and CSS, over the "
                f"{ONLINE_BUDGET:,} a read-online page should weigh (docs/site.md)"
            )
        measure.derived[listing.online] = Derived(key, tuple(sorted(text.media)), tuple(said))
        notes.extend(said)
    return list(dict.fromkeys(notes))


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


def _shared_digest(settings: Settings, folder: Path) -> str:
    """What every read-online page is made from: the settings, the site templates, the
    English sources' images (any file in ``source/`` but the articles), pliego's code."""
    h = hashlib.sha256()
    sources = sorted(p for p in settings.source_path.rglob("*") if p.is_file())
    inputs = [settings.root / "pyproject.toml", *sorted(folder.rglob("*"))]
    for path in [*inputs, *(p for p in sources if p.suffix != ".md")]:
        if path.is_file():
            h.update(f"{path.as_posix()}\0{_file_digest(path)}\0".encode())
    h.update(code_digest().encode())
    return h.hexdigest()


def _online_key(
    settings: Settings,
    sidecar: Sidecar,
    listing: Listing,
    index: str,
    shared: str,
    seen: dict[Path, str],
) -> str:
    """The digest of everything one read-online page is made from (with ``shared``);
    ``seen``: the files' digests this publish made already (every page of a language
    reads its site catalogue, every language's page the English source)."""

    def once(path: Path) -> str:
        if path not in seen:
            seen[path] = _file_digest(path)
        return seen[path]

    parts = [
        shared,
        repr(listing),  # title, editions with their digests, cover, paths
        index,
        settings.source_language,
        _file_digest(sidecar.path),
        _file_digest(sidecar.path.parent / sidecar.markdown),
        once(settings.source_path / f"{sidecar.slug}.md"),
        once(po_path(settings, listing.lang, "site")),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _cover_words(settings: Settings, language: Language) -> Any:
    """The pamphlet cover's date words for a page, where the pamphlet's are used at all:
    read from the pamphlet catalogue only then, and only when it words every month."""
    if not takes_cover_words(language):
        return None
    cover = load_translations(settings, language.code, "pamphlet")
    if not all(cover.lookup(m, "month") for m in MONTHS_EN):
        return None
    return cover_date_words(language, TemplateTranslations(cover))


def assemble(
    settings: Settings,
    folder: Path,
    site: SiteSettings,
    sidecars: Sequence[Sidecar],
    *,
    languages: Sequence[Language],
    drafts: bool,
    dated: Any,
    previous: SiteStamp | None,
    earlier: Sequence[str] = (),
) -> Assembled:
    """Every file of the site: the pamphlets measured, the pages, feed, manifest and sums
    (``earlier``: the notes the publish gave before, which the feed's do not repeat)."""
    files: dict[str, bytes] = {}
    facts: dict[str, FileFacts] = {}
    measure = _Measure(settings.build_path / "site", previous)
    for s in sidecars:
        collect_pamphlet(s, files, facts, measure)
    model = build_model(site, sidecars, facts, languages, drafts=drafts, source_date=dated)

    pages = site_pages(settings)
    sheets = paginate(model, pages)
    home = homes(model, pages, sheets)
    notes = online_pages(settings, folder, model, sidecars, pages, files, measure, home)
    speak: dict[str, TemplateTranslations] = {}
    for page in pages:
        t = TemplateTranslations(load_translations(settings, page.lang, "site"))
        words = _cover_words(settings, page.language)
        for sheet in (s for s in sheets if s.page == page):
            files[sheet.path] = render_index(
                folder, model, page, pages, t, words, sheet, sheets, home
            )
        notes.extend(t.findings)
        speak[page.lang] = t
    files["feed.xml"] = render_feed(
        folder,
        model,
        TemplateTranslations(CatalogTranslations(None)),
        settings.language(settings.source_language),
        pages,
        speak,
        home,
    )
    notes.extend(
        f for t in speak.values() for f in t.findings if f not in notes and f not in earlier
    )
    for name in STATIC_FILES:
        files[name] = (folder / name).read_bytes()
    listed = {path: facts.get(path) or digest(data) for path, data in files.items()}
    files["manifest.json"] = render_manifest(model, listed)
    listed["manifest.json"] = digest(files["manifest.json"])
    sums = {path: f.sha256 for path, f in listed.items()}
    files["SHA256SUMS"] = render_sums(sums)
    sums["SHA256SUMS"] = digest(files["SHA256SUMS"]).sha256
    return Assembled(files, facts, model, pages, tuple(notes), measure.derived, sums)
