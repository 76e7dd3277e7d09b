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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.units import format_unit
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pliego.gettext.translations import TemplateTranslations
from pliego.languages import DateWords, parse_date, written_date
from pliego.site.model import ID_NAMESPACE, FileFacts, Listing, SiteModel

MANIFEST_FORMAT = "pliego-site-manifest"
MANIFEST_VERSION = 1
#: Content types by file extension (``SHA256SUMS`` has none: plain text).
MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
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


@dataclass(frozen=True)
class Page:
    """One version of the index page: its language, its own name, and its site path."""

    lang: str
    name: str
    path: str

    @property
    def root(self) -> str:
        """The relative way back to the site root from this page."""
        return "../" * self.path.count("/")


def rfc3339(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def environment(
    folder: Path, lang: str, translations: TemplateTranslations, words: DateWords | None = None
) -> Environment:
    """A Jinja2 environment for one page language (autoescape on, gettext installed).
    ``words`` are the pamphlet translator's date words where CLDR's are borrowed
    (Quechua), so the site words a date exactly as the pamphlet's cover does."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True, default=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["ext.i18n.trimmed"] = True  # as `invoke extract` does, so the msgids match
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    locale = lang.replace("-", "_")

    def filesize(n: int) -> str:
        return format_unit(
            n / 1000, "digital-kilobyte", length="short", locale=locale, format="#,##0.#"
        )

    def month(text: str) -> str:  # worded as on the pamphlet's cover (pliego.languages)
        date = parse_date(text, "sidecar")
        return written_date(date, locale, words) if date is not None else ""

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
) -> bytes:
    env = environment(folder, page.lang, translations, words)
    html = env.get_template("index.html").render(
        site=model.settings, model=model, page=page, pages=pages, root=page.root
    )
    return html.encode("utf-8")


def render_feed(
    folder: Path, model: SiteModel, translations: TemplateTranslations, lang: str
) -> bytes:
    """The Atom feed: one entry per pamphlet and language, newest first."""
    env = environment(folder, lang, translations)
    entries = sorted(model.pamphlets, key=lambda p: (-p.published.timestamp(), p.lang, p.slug))
    xml = env.get_template("feed.xml").render(
        site=model.settings,
        model=model,
        entries=entries,
        lang=lang,
        updated=model.updated,
        feed_id=feed_id(model),
        names={g.lang: g.name for g in model.groups},
    )
    return xml.encode("utf-8")


def feed_id(model: SiteModel) -> str:
    """The feed's id: stable for one base URL."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'feed:' + model.settings.base_url)}"


def _pamphlet_entry(p: Listing, model: SiteModel) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "lang": p.lang,
        "title": p.title,
        "author": p.author,
        "translator": p.translator,
        "date": p.date,
        "draft": p.draft,
        "cover": p.cover,
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
