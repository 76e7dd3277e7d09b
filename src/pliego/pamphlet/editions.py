"""Making the editions of one article in one language (the expensive part of a build).

Steps, each a small pure-ish function:

1. read the article and the two catalogues (article and ``pamphlet`` domain);
2. re-assemble the translated body with :func:`pliego.markdown.assemble.render_document`
   (the walk that extracted the units, so they line up by construction);
3. render the templates, recording which pamphlet strings they show;
4. for a release, refuse below the threshold with every gap listed;
5. typeset each edition with a fresh WeasyPrint document, impose the booklet;
6. write the same text as Markdown (:mod:`pliego.pamphlet.markdown_edition`).

Imported by :mod:`pliego.pamphlet.build` only when something must be rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from pliego.errors import CatalogError, PliegoError
from pliego.extract import read_article
from pliego.gettext.catalog import Catalog
from pliego.gettext.po import load_catalog
from pliego.gettext.translations import CatalogTranslations, TemplateTranslations
from pliego.languages import parse_date
from pliego.markdown.assemble import render_document
from pliego.pamphlet.config import BuildConfig
from pliego.pamphlet.cover import decide_title_size, with_title_size
from pliego.pamphlet.document import (
    Pamphlet,
    credit_note,
    left_out,
    person,
    render_pamphlet,
    template_cache,
)
from pliego.pamphlet.fixes import (
    MAX_PASSES,
    Fix,
    LayoutRefused,
    Settled,
    TitleSize,
    follow,
    layout_notes,
)
from pliego.pamphlet.footnotes import notes_at_foot
from pliego.pamphlet.images import check_images, low_resolution_notes, place_images
from pliego.pamphlet.links import drop_back_links, print_addresses
from pliego.pamphlet.made import Made, Prepared, Started
from pliego.pamphlet.markdown_edition import markdown_edition
from pliego.pamphlet.marks import apply_marks, marking_translator
from pliego.pamphlet.placement import note_lines, placement_notes
from pliego.pamphlet.preflight import refuse_font_failures
from pliego.pamphlet.release import (
    MAX_TRANSLATION,
    ReleaseRefused,
    article_readiness,
    article_translator,
    oversized,
    preview,
    strings_readiness,
)
from pliego.pamphlet.stamp import design_digest
from pliego.pamphlet.typeset import PRINT_RGB, READING, Variant, typeset
from pliego.paths import TEMPLATE_DOMAINS, po_path, relative
from pliego.project import Settings
from pliego.sitesettings import (
    address_note,
    printed_address,
    printed_contact,
    review_note,
    site_settings,
)


def _catalog(settings: Settings, lang: str, domain: str) -> Catalog | None:
    if lang == settings.source_language:
        return None
    path = po_path(settings, lang, domain)
    return load_catalog(path) if path.exists() else None


def _hyphenator(lang: str) -> Callable[[str, str], str] | None:
    """Soft hyphens for languages pyphen has no dictionary for (Quechua): pliego's
    own syllable rules; WeasyPrint hyphenates the others itself (``hyphens: auto``)."""
    import pyphen  # type: ignore[import-untyped]

    if pyphen.language_fallback(lang) is not None:
        return None
    from pliego.pamphlet.hyphenate import hyphenate_html

    return hyphenate_html


def prepare(
    settings: Settings, config: BuildConfig, lang: str, source: Path, *, draft: bool, epoch: int
) -> Prepared:
    """Re-assemble, render and (for a release) check one article in one language.

    Raises :class:`ReleaseRefused` before any typesetting when a release is not ready.
    """
    article = read_article(settings, source)
    catalog = _catalog(settings, lang, article.slug)
    strings_catalog = _catalog(settings, lang, "pamphlet")
    for domain, cat in ((article.slug, catalog), ("pamphlet", strings_catalog)):
        if (huge := oversized(cat)) is not None:
            raise CatalogError(
                f"a translation of {len(huge.msgstr):,} characters (more than "
                f"{MAX_TRANSLATION:,}) cannot be a translation of {preview(huge.msgid)}",
                path=relative(settings, po_path(settings, lang, domain)),
                line=huge.lineno,
                hint="check that entry in your editor; a paste may have gone wrong",
            )
    images = check_images(article, source.parent)
    where = relative(settings, source)
    if not draft:
        images.refuse(where)

    templates = settings.root / TEMPLATE_DOMAINS["pamphlet"]
    strings_where = relative(settings, po_path(settings, lang, "pamphlet"))
    recorder = TemplateTranslations(
        CatalogTranslations(strings_catalog, use_fuzzy=draft, where=strings_where)
    )
    foreign: list[str] = []
    marker = left_out(templates, recorder)

    def for_paper(tokens: list[Any]) -> None:
        place_images(tokens, images, foreign, marker)
        print_addresses(tokens, config.links)
        notes_at_foot(tokens)
        drop_back_links(tokens)

    if lang == settings.source_language:
        translator = article_translator(article, None, use_fuzzy=False)
    else:
        translator = marking_translator(article, catalog, draft=draft)
    front, body = render_document(article, translator, for_paper)
    catalog_path = relative(settings, po_path(settings, lang, article.slug))
    if foreign and not draft:
        raise CatalogError(
            f"the translation shows an image the English article does not: {foreign[0]!r}",
            path=catalog_path,
            hint="keep the image's address as the English msgid has it; only the alt text changes",
        )
    notes = images.notes(where) + tuple(
        f"{catalog_path}: image {src!r} left out: the English article does not use it"
        for src in dict.fromkeys(foreign)
    )
    if lang != settings.source_language:
        body = apply_marks(body, settings.source_language)
    hyphenate = _hyphenator(lang)
    if hyphenate is not None:
        body = hyphenate(body, lang)
    site = settings.section("site")
    source_front = article.front_matter
    credited = catalog.header_value("Last-Translator") if catalog else None
    if lang != settings.source_language and (missing := credit_note(credited, catalog_path)):
        notes += (missing,)
    if (unread := review_note(settings, lang, draft)) is not None:
        notes += (unread,)
    pamphlet = Pamphlet(
        lang=lang,
        title=str(front.get("title") or article.slug),
        author=str(front.get("author") or ""),
        subtitle=str(front.get("subtitle") or ""),
        description=str(front.get("description") or ""),
        body_html=body,
        date=parse_date(source_front.get("date"), article.path),
        language=settings.language(lang),
        source_title=str(source_front.get("title") or article.slug),
        source_author=str(source_front.get("author") or ""),
        source_url=str(source_front.get("source") or ""),
        source_lang=settings.source_language,
        translator=person(credited),
        download_url=printed_address(str(site.get("base-url", "")), draft),
        edition="reading",
        draft=draft,
        epoch=epoch,
        cmyk=config.cmyk_profile is not None,
        needs_review=lang in settings.unreviewed,
        contact=printed_contact(site_settings(settings).contact, draft),
    )
    extra: dict[str, Any] = {
        "quoted_source_title": Markup("<q>{}</q>").format(pamphlet.source_title)
    }
    cache = template_cache(settings.build_path)
    html = render_pamphlet(templates, pamphlet, recorder, extra=extra, cache=cache)
    if not draft and lang != settings.source_language:
        found = (
            article_readiness(
                article, catalog, relative(settings, po_path(settings, lang, article.slug))
            ),
            strings_readiness(
                "pamphlet",
                recorder.used,
                strings_catalog,
                strings_where,
            ),
        )
        if any(r.percent < config.release_threshold for r in found):
            raise ReleaseRefused(lang, config.release_threshold, found)
    markdown = markdown_edition(
        article, catalog, lang, source=lang == settings.source_language, draft=draft
    )
    return Prepared(
        pamphlet,
        html,
        templates,
        recorder,
        extra,
        images,
        notes + markdown.notes,
        markdown,
        where,
        note_lines(article),
    )


def make_editions(
    settings: Settings,
    config: BuildConfig,
    lang: str,
    source: Path,
    *,
    draft: bool,
    editions: tuple[str, ...],
    epoch: int,
    fixes: Mapping[str, tuple[Fix, ...]] | None = None,
    title: TitleSize | None = None,
) -> Made:
    """Every edition asked for.  ``fixes`` are the layout fixes cached for these inputs
    per edition: an edition found there is typeset with them and no fixing pass;
    ``title`` the cover title's size cached (if its key matches).  Its two halves
    are jobs of their own in a parallel build (:mod:`.pool`)."""
    started = start_editions(
        settings,
        config,
        lang,
        source,
        draft=draft,
        editions=editions,
        epoch=epoch,
        fixes=fixes,
        title=title,
    )
    return finish_editions(settings, config, lang, source, started, draft=draft, editions=editions)


def booklet_edition(reading: bytes, config: BuildConfig) -> tuple[bytes, int, str]:
    """The booklet imposed from the reading edition's PDF, its pages and paper (pypdf,
    imported here and for the crop marks only: a reading edition needs none)."""
    from pliego.pamphlet.pdf.impose import booklet
    from pliego.pamphlet.pdf.pdfio import count_pages

    made = booklet(
        reading, duplex="long" if config.duplex == "long" else "short", paper=config.paper
    )
    return made, count_pages(made), config.paper.label("booklet")


def start_editions(
    settings: Settings,
    config: BuildConfig,
    lang: str,
    source: Path,
    *,
    draft: bool,
    editions: tuple[str, ...],
    epoch: int,
    fixes: Mapping[str, tuple[Fix, ...]] | None = None,
    title: TitleSize | None = None,
) -> Started:
    """The first half of :func:`make_editions`: prepare the article, size its cover
    title (or take ``title``, its cached size, when still valid), typeset the reading
    edition (when asked for)."""
    cached = dict(fixes or {})
    layout: dict[str, Settled] = {}
    prep = prepare(settings, config, lang, source, draft=draft, epoch=epoch)
    html, templates = prep.html, prep.templates
    slug, styles, paper = source.stem, settings.root / "styles", config.paper
    ident = f"{slug}/{lang}/{'draft' if draft else 'release'}"
    files: dict[str, tuple[bytes, int, str]] = {}
    notes: list[str] = list(prep.notes)
    refused: list[str] = []
    loadable = frozenset(prep.images.files.values())
    fonts: list[str] = []
    sized = decide_title_size(  # the print edition's cover too
        html, templates, styles, design_digest(settings), title
    )
    html = with_title_size(html, sized.size)
    if "reading" in editions:
        made = typeset(
            html,
            templates,
            READING,
            identifier=ident + "/reading",
            fetcher_root=styles,
            images=loadable,
            page_size=paper.css_size,
            fixes=cached.get("reading", ()),
            passes=0 if "reading" in cached else MAX_PASSES,
        )
        if made.layout is not None:
            layout["reading"] = made.layout
        reading = made.pdf
        notes += placement_notes("reading", made.misplaced, prep.where, prep.note_lines, draft)
        refused += made.refused
        fonts += made.font_failures
        files["reading"] = (reading, made.pages, paper.label("reading"))
    return Started(prep, sized, cached, files, tuple(notes), tuple(refused), tuple(fonts), layout)


def finish_editions(
    settings: Settings,
    config: BuildConfig,
    lang: str,
    source: Path,
    started: Started,
    *,
    draft: bool,
    editions: tuple[str, ...],
) -> Made:
    """The second half of :func:`make_editions`: the booklet, the print edition, the
    notes (a parallel build imposes the booklet in a job of its own)."""
    prep, title_size, cached = started.prep, started.title_size, dict(started.cached)
    pamphlet, templates = prep.pamphlet, prep.templates
    slug, styles, paper = source.stem, settings.root / "styles", config.paper
    ident = f"{slug}/{lang}/{'draft' if draft else 'release'}"
    files = dict(started.files)
    notes, refused, fonts = list(started.notes), list(started.refused), list(started.fonts)
    layout = dict(started.layout)
    loadable = frozenset(prep.images.files.values())
    if "booklet" in editions:
        files["booklet"] = booklet_edition(started.reading, config)
    if "print" in editions:
        from pliego.pamphlet.pdf.cropmarks import add_crop_marks
        from pliego.pamphlet.pdf.pdfio import has_pdfx_intent

        print_html = render_pamphlet(
            templates,
            replace(pamphlet, edition="print"),
            prep.translations,
            extra=prep.extra,
            cache=template_cache(settings.build_path),
        )
        variant = Variant(None, False, config.cmyk_profile) if config.cmyk_profile else PRINT_RGB
        start = follow(layout.get("reading"))
        printed = typeset(
            with_title_size(print_html, title_size),
            templates,
            variant,
            identifier=ident + "/print",
            fetcher_root=styles,
            images=loadable,
            page_size=paper.css_size,
            # the same text area as the reading edition: its fixes are the best first
            # guess, and its layout, if it comes out again, needs no pass at all
            fixes=cached.get("print", start[0]),
            passes=0 if "print" in cached else MAX_PASSES,
            reference=start[1],
        )
        notes += placement_notes("print", printed.misplaced, prep.where, prep.note_lines, draft)
        if printed.layout is not None:
            layout["print"] = printed.layout
        refused += printed.refused
        fonts += printed.font_failures
        # Crop marks go outside the bleed, in black ink (WeasyPrint's sit inside it, in RGB).
        print_pdf = add_crop_marks(printed.pdf, cmyk=config.cmyk_profile is not None)
        if config.cmyk_profile is not None and not has_pdfx_intent(print_pdf):
            raise PliegoError(
                "the print edition would be labelled PDF/X-4 without a PDF/X output intent",
                hint="report this: WeasyPrint did not embed the CMYK profile",
            )
        files["print"] = (print_pdf, printed.pages, paper.label("print"))
        notes += low_resolution_notes(printed.resolutions, prep.images)
        if config.cmyk_profile is None:
            notes.append(
                "print edition is RGB (not PDF/X): set [tool.pliego.build] "
                "cmyk-profile to a CMYK ICC file under styles/ for PDF/X-4 in CMYK"
            )
    refuse_font_failures(fonts)
    for url in dict.fromkeys(refused):
        notes.append(f"refused to load {url}")
    if address := address_note(str(settings.section("site").get("base-url", "")), draft):
        notes.append(address)
    remaining = layout_notes(layout)
    if remaining and config.layout == "fail" and not draft:
        where = source if lang == settings.source_language else po_path(settings, lang, slug)
        raise LayoutRefused(relative(settings, where), remaining)
    notes += remaining
    findings = prep.translations.findings
    return Made(files, pamphlet, tuple(notes), findings, prep.markdown, layout, started.title)
