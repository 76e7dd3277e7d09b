"""Turn the site model into the bytes of the pages, feed, manifest and checksums.

Pure over the model and the templates in ``styles/site/``: the same model
gives the same bytes, which is what makes publishing deterministic.  Jinja2
autoescapes every ``.html`` and ``.xml`` template, so titles and names from
catalogues (untrusted text) can never become markup.  The site's own strings
go through gettext (``_()``) and fall back to English where a language has
no translation yet; they reach the templates only through
:class:`~pliego.gettext.translations.TemplateTranslations` (the pamphlet's
wrapper too), because Jinja2's newstyle gettext marks whatever a translation
object returns as safe HTML: the wrapper escapes it first and keeps a
translation whose placeholders do not match the English out.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from babel.units import format_unit
from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from pliego.gettext.translations import CatalogTranslations, TemplateTranslations
from pliego.languages import DateWords, Language, as_language, parse_date, written_date
from pliego.site.model import (
    ID_NAMESPACE,
    SUMMARY_TEMPLATE,
    FileFacts,
    Listing,
    SiteModel,
    missing_in,
    page_groups,
)
from pliego.site.model import (
    Page as Page,  # re-exported: where the index pages were first defined
)
from pliego.site.paging import Sheet, homes, links, menu, numbers, paginate

MANIFEST_FORMAT = "pliego-site-manifest"
MANIFEST_VERSION = 1
#: Content types by file extension (``SHA256SUMS`` has none: plain text).
MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/atom+xml",
    "": "text/plain; charset=utf-8",
}


def media_type(path: str) -> str:
    """The Content-Type of a site path (``feed.xml`` is the one XML file: Atom)."""
    name = path.rsplit("/", 1)[-1]
    ext = "" if "." not in name else "." + name.rsplit(".", 1)[-1]
    return MEDIA_TYPES.get(ext.lower(), "application/octet-stream")


def rfc3339(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Compiled(BytecodeCache):
    """Templates compiled once per process, shared by every page's environment.

    Each page gets an environment of its own (its language's filters, its
    translations), and Jinja2 caches compiled templates per environment: a
    site of many pamphlets compiled ``read.html`` once per read-online page.
    Jinja2's bytecode cache is keyed by the template's name and source, and
    every environment made here has the same options, so the code is the same.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def environment(
    folder: Path,
    lang: str | Language,
    translations: TemplateTranslations,
    words: DateWords | None = None,
) -> Environment:
    """A Jinja2 environment for one page language (autoescape on, gettext installed);
    sizes and dates are written in the language's formatting locale (``es_PE``:
    "49.6 kB", "setiembre de 2023"), as the pamphlet writes them.  ``words`` are the
    pamphlet translator's date words where CLDR's are borrowed (Quechua) and the
    settings give none, so the site words a date exactly as the pamphlet's cover does."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True, default=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_COMPILED,
    )
    env.policies["ext.i18n.trimmed"] = True  # as `invoke extract` does, so the msgids match
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    language = as_language(lang)
    locale = language.locale

    def filesize(n: int) -> str:
        return format_unit(
            n / 1000, "digital-kilobyte", length="short", locale=locale, format="#,##0.#"
        )

    def month(text: str) -> str:  # worded as on the pamphlet's cover (pliego.languages)
        date = parse_date(text, "sidecar")
        return written_date(date, locale, words or language.date_words) if date else ""

    env.filters["filesize"] = filesize
    env.filters["month"] = month
    env.filters["rfc3339"] = rfc3339
    return env


def render_index(
    folder: Path,
    model: SiteModel,
    page: Page,
    pages: Sequence[Page],
    translations: TemplateTranslations,
    words: DateWords | None = None,
    sheet: Sheet | None = None,
    sheets: Sequence[Sheet] = (),
    home: Mapping[str, str] | None = None,
) -> bytes:
    """One page of a language's index (``sheet``; the page's only one by default):
    its own pamphlets first, then those not yet in it (linking where they are
    listed), then, while the site fits one page per language, the other languages'.
    See :mod:`pliego.site.paging` for what a page lists once it does not."""
    if sheet is None:  # a page outside ``pages`` (as in tests) lists everything
        mine = tuple(s for s in paginate(model, pages) if s.page == page)
        sheets = mine or (Sheet(page, 1, (page.path,), page_groups(model, page.lang)),)
        sheet = sheets[0]
    if not sheets:
        sheets = (sheet,)
    if home is None:
        home = homes(model, pages, sheets)
    env = environment(folder, page.language, translations, words)
    html = env.get_template("index.html").render(
        site=model.settings,
        model=model,
        page=page,
        pages=pages,
        sheet=sheet,
        root=sheet.root,
        groups=sheet.groups,
        menu=menu(sheet, model, sheets, pages),
        link=links(sheet, home, model),
        numbers=numbers(sheet.number, sheet.count),
        missing=missing_in(model, page.lang) if sheet.number == 1 else (),
        names={g.lang: g.name for g in model.groups},
    )
    return html.encode("utf-8")


def render_feed(
    folder: Path,
    model: SiteModel,
    translations: TemplateTranslations,
    lang: str | Language,
    pages: Sequence[Page] = (),
    speak: Mapping[str, TemplateTranslations] | None = None,
    home: Mapping[str, str] | None = None,
) -> bytes:
    """The Atom feed: one entry per pamphlet and language, newest first.

    Each entry links to the page in its own language (where it is listed first)
    and, without a description of its own, is summarised in its language with
    that language's site strings (``speak``; English where a string is not
    translated, and ``xml:lang`` says which it is).  ``home`` is each pamphlet's index
    page (:func:`pliego.site.paging.homes`); by default its language's first.
    """
    env = environment(folder, lang, translations)
    entries = sorted(model.pamphlets, key=lambda p: (-p.published.timestamp(), p.lang, p.slug))
    names = {g.lang: g.name for g in model.groups}
    page_of = {p.lang: p.path for p in pages}
    said: dict[str, tuple[str, Markup]] = {}  # one summary per language, not per entry

    def summary(code: str) -> tuple[str, Markup]:
        if code not in said:
            source = as_language(lang).code
            said[code] = _summary(folder, code, names[code], source, (speak or {}).get(code))
        return said[code]

    summaries = {p.anchor: summary(p.lang) for p in entries if not p.description}
    xml = env.get_template("feed.xml").render(
        site=model.settings,
        model=model,
        entries=entries,
        lang=as_language(lang).code,
        updated=model.updated,
        feed_id=feed_id(model),
        names=names,
        pages=pages,
        home={
            p.anchor: (home or {}).get(p.anchor) or page_of.get(p.lang, "index.html")
            for p in entries
        },
        summaries=summaries,
    )
    return xml.encode("utf-8")


def _summary(
    folder: Path, lang: str, name: str, source: str, speak: TemplateTranslations | None
) -> tuple[str, Markup]:
    """``(xml:lang, text)`` of an entry's summary: rendered (and so escaped) once
    in the entry's language and once in the source's, to tell which it came out in."""

    def render(code: str, t: TemplateTranslations) -> Markup:
        template = environment(folder, code, t).get_template(SUMMARY_TEMPLATE)
        return Markup(template.render(name=name).strip())

    english = render(source, TemplateTranslations(CatalogTranslations(None)))
    if speak is None:
        return source, english
    text = render(lang, speak)
    return (source if text == english else lang), text


def feed_id(model: SiteModel) -> str:
    """The feed's id: stable for one base URL."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'feed:' + model.settings.base_url)}"


def _pamphlet_entry(p: Listing, model: SiteModel) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "lang": p.lang,
        "title": p.title,
        "subtitle": p.subtitle,
        "author": p.author,
        "translator": p.translator,
        "description": p.description,
        "date": p.date,
        "draft": p.draft,
        "cover": p.cover,
        **({"online": {"path": p.online, "url": model.settings.url(p.online)}} if p.online else {}),
        "editions": [
            {
                "kind": e.kind,
                "paper": e.paper,
                "pages": e.pages,
                "path": e.path,
                "url": model.settings.url(e.path),
                "bytes": e.bytes,
                "sha256": e.sha256,
                "media_type": "application/pdf",
            }
            for e in p.editions
        ],
    }


def render_manifest(model: SiteModel, files: Mapping[str, FileFacts]) -> bytes:
    """``manifest.json``: every pamphlet and every other file of the site (but itself and
    ``SHA256SUMS``, which lists the manifest in turn), for mirrors that check what they copy."""
    data = {
        "$schema": "manifest.schema.json",
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "title": model.settings.title,
        "base_url": model.settings.base_url,
        "updated": rfc3339(model.updated),
        "drafts": model.drafts,
        "pamphlets": [_pamphlet_entry(p, model) for p in model.pamphlets],
        "files": [
            {
                "path": path,
                "url": model.settings.url(path),
                "bytes": f.bytes,
                "sha256": f.sha256,
                "media_type": media_type(path),
            }
            for path, f in sorted(files.items())
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_sums(digests: Mapping[str, str]) -> bytes:
    """``SHA256SUMS`` in the layout ``sha256sum -c`` reads (sorted by path)."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(digests.items())).encode(
        "utf-8"
    )
