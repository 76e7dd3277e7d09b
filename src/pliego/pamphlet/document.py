"""From a translated article to the pamphlet's HTML (Jinja2 over ``styles/pamphlet``).

The templates hold the design's fixed words, marked for gettext so they are
translated in the ``pamphlet`` domain like the article; the article body
arrives as HTML already rendered by markdown-it with raw HTML disabled, and
everything else a translator wrote (title, byline, catalogue header) is
autoescaped.  :func:`render_pamphlet` is pure apart from reading templates (and
keeping them compiled, when given a cache folder).

Dates: :func:`pliego.languages.written_date` words them, from CLDR (``es``
through the ``es_PE`` data the settings name, so Peruvian "setiembre").  CLDR's
Quechua month names are Spanish words ("Febrero"), so for a language whose CLDR
months merely repeat Spanish ones the month names and the "month year" and "day
month year" patterns come from the pamphlet domain (``msgctxt "month"`` and
``"date"``, declared in ``months.html``): the Quechua translator decides.

Language names: the cover shows the language's own CLDR name ("Runasimi").
The colophon's "Translated from the English original" names the *source*
language inside a sentence, where CLDR's list-style name does not fit (its
Quechua name for English is "Ingles Simi"), so that name also comes from the
pamphlet domain (``msgctxt "language"``, ``styles/pamphlet/languages.html``);
CLDR's name, passed as ``source_language_name``, is the fallback only for a
source language that template does not list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale

from pliego.gettext.translations import TemplateTranslations
from pliego.languages import (
    MONTHS_EN,
    DateWords,
    Language,
    PubDate,
    language_name,
    months_borrowed,
    written_date,
)

_ADDRESS = re.compile(r"\s*<[^>]*>\s*")
#: What tools write into ``Last-Translator`` before a person does, lower-cased:
#: xgettext and msginit (``FULL NAME``, ``Automatically generated``), pliego's own
#: new catalogues (empty), and the English team labels this project's catalogues
#: once carried (issue 15).  None of them is a credit in any language.
PLACEHOLDER_CREDITS = (
    "",
    "full name",
    "automatically generated",
    "pliego project team",
    "pliego site helper",
)


def person(header_value: str | None) -> str | None:
    """The printed translation credit from ``Last-Translator``: the names without
    e-mail addresses, or None when it names nobody (empty, or a placeholder).

    The header is the one place every PO editor (Poedit, Weblate, Lokalize) fills
    in with the translator's name, so the colophon's "Translation: …" and the
    site's "Translated by …" print it as written, in the pamphlet's language;
    the comment of a new catalogue says so (:func:`pliego.gettext.merge.new_catalog`).
    """
    if not header_value:
        return None
    names = [_ADDRESS.sub(" ", part).strip() for part in header_value.split(",")]
    names = [n for n in names if n.casefold() not in PLACEHOLDER_CREDITS]
    return ", ".join(names) or None


def credit_note(header_value: str | None, where: str) -> str | None:
    """The build's one line when ``Last-Translator`` gives no credit to print."""
    if person(header_value) is not None:
        return None
    shown = repr(header_value) if header_value else "empty"
    return (
        f"{where}: no translation credit printed: Last-Translator is {shown}; "
        "write there the translators' names as the colophon should print them"
    )


def qr_data_uri(url: str, *, cmyk: bool = False) -> str:
    """The download address as an SVG QR code in a ``data:`` URI (no file, no fetch).

    For the CMYK print edition the modules are drawn in pure black ink
    (``device-cmyk(0 0 0 1)``, which WeasyPrint's SVG renderer understands)."""
    from urllib.parse import quote

    import segno

    svg = str(
        segno.make(url, error="m", micro=False).svg_inline(border=0, dark="#000", omitsize=True)
    )
    ink = "device-cmyk(0 0 0 1)" if cmyk else "#000"
    svg = svg.replace('stroke="#000"', f'stroke="{ink}" fill="none"')
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


@dataclass(frozen=True)
class Pamphlet:
    """Everything the templates show, already translated (plain text is autoescaped)."""

    lang: str
    title: str
    author: str
    subtitle: str
    description: str  # front matter ``description``, translated: the PDF's Subject
    body_html: str
    date: PubDate | None
    #: The language's facts: its formatting locale writes the dates (``es_PE``: "setiembre").
    language: Language
    source_title: str
    source_author: str
    source_url: str  # where the original was published (front matter ``source:``), if known
    source_lang: str
    translator: str | None
    download_url: str
    edition: str  # "reading" | "print"
    draft: bool
    epoch: int
    cmyk: bool = False
    #: no native speaker has read the translation yet (``reviewed = false``): the
    #: colophon says so, and where corrections go (``contact``, may be empty)
    needs_review: bool = False
    contact: str = ""


def date_words(translations: Any) -> DateWords:
    """The pamphlet translator's month names and date patterns (see ``months.html``)."""
    return DateWords(
        months=tuple(translations.pgettext("month", m) for m in MONTHS_EN),
        month_year=translations.pgettext("date", "%(month)s %(year)s"),
        day_month_year=translations.pgettext("date", "%(day)s %(month)s %(year)s"),
    )


def takes_cover_words(language: Language) -> bool:
    """Whether a date in ``language`` is worded by the pamphlet's translator: the settings
    give no words and CLDR's month names are borrowed from another language (Quechua's
    are Spanish).  The one rule for the cover and the site alike (``site.assemble``)."""
    return language.date_words is None and months_borrowed(language.locale)


def cover_date_words(language: Language, translations: Any) -> DateWords | None:
    """The words a date in ``language`` is written in: the settings' own, else the
    translator's where :func:`takes_cover_words`, else None (CLDR's)."""
    if language.date_words is not None:
        return language.date_words
    return date_words(translations) if takes_cover_words(language) else None


#: The environment's options (part of the compiled templates' cache key, see below).
_OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def template_cache(build: Path) -> Path:
    """Where the pamphlet's compiled templates are kept (under ``build/``, never in
    ``styles/``, whose every byte is an input of the build's stamp)."""
    return build / ".templates"


def template_environment(folder: Path, cache: Path | None = None) -> Any:
    """The Jinja2 environment of the pamphlet's printed templates (the editions and the
    review proof): autoescape on, undefined names an error, gettext available.

    With ``cache`` (:func:`template_cache`), compiled templates are kept there
    (Jinja2's bytecode cache, written atomically): compiling ``pamphlet.html`` and
    its imports from source took about a tenth of a second of every build.  Jinja2
    compiles again whenever a template's source changed; its key holds neither its
    own version nor the options, so the file name does (a changed option must not
    run code compiled under the old one)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        bytecode_cache=None if cache is None else _bytecode_cache(cache, folder.name),
        **_OPTIONS,
    )


def _bytecode_cache(cache: Path, folder: str) -> Any:
    """Jinja2's file cache, its entries named by the template folder's and the
    template's names (not by their absolute paths, as Jinja2 names them: the same
    project built elsewhere has the same file names)."""
    import hashlib

    import jinja2

    class Cache(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return hashlib.sha256(f"{folder}/{name}".encode()).hexdigest()[:32]

    cache.mkdir(parents=True, exist_ok=True)
    tag = hashlib.sha256(f"{jinja2.__version__}{sorted(_OPTIONS.items())}".encode())
    return Cache(str(cache), f"%s.{tag.hexdigest()[:16]}.jinja")


def left_out(templates: Path, translations: TemplateTranslations) -> Callable[[str], str]:
    """The proof's "[image left out: …]" marker in the pamphlet's language.

    The article body is Markdown rendered in Python, before any template runs;
    the marker's words still belong to the pamphlet domain like every other
    fixed word (so a Spanish proof does not say it in English), hence a macro of
    ``marks.html`` rendered with the same translations.  It is asked for only
    when an image really is left out, so a release (which refuses instead) never
    counts the string among those it needs translated.
    """
    from markupsafe import Markup

    env = template_environment(templates)
    env.install_gettext_translations(translations, newstyle=True)

    def marker(src: str) -> str:
        words = env.get_template("marks.html").module.image_left_out(src)
        return str(Markup('<span class="image-left-out">{}</span>').format(words))

    return marker


def render_pamphlet(
    templates: Path,
    pamphlet: Pamphlet,
    translations: TemplateTranslations,
    *,
    extra: Mapping[str, Any] | None = None,
    cache: Path | None = None,
) -> str:
    """The HTML of one edition.  ``translations`` serves the pamphlet domain, escaped
    and with the English's placeholders (:class:`~pliego.gettext.translations.TemplateTranslations`:
    the site's wrapper too); ``cache`` keeps the compiled templates
    (:func:`template_environment`)."""
    from markupsafe import Markup

    env = template_environment(templates, cache)
    env.install_gettext_translations(translations, newstyle=True)
    p = pamphlet
    dated = p.date is not None and p.date.month is not None
    words = cover_date_words(p.language, translations) if dated else p.language.date_words
    created = dt.datetime.fromtimestamp(p.epoch, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    in_text = language_name(p.language)
    context: dict[str, Any] = {
        "p": p,
        "lang": p.lang,
        "direction": "rtl" if p.language.rtl else "ltr",
        # On the cover the name stands alone ("Español"); in running text it is
        # written as CLDR has it ("español").
        "language_name": in_text[:1].upper() + in_text[1:],
        "language_in_text": in_text,
        # Fallback only: languages.html translates the source language's name.
        "source_language_name": (
            Locale.parse(p.source_lang).get_language_name(p.language.locale) or ""
        ),
        "body": Markup(p.body_html),
        "date_text": (written_date(p.date, p.language.locale, words) if p.date is not None else ""),
        "created": created,
        "qr": (
            qr_data_uri(p.download_url, cmyk=p.cmyk and p.edition == "print")
            if p.download_url
            else ""
        ),
        **(extra or {}),
    }
    return str(env.get_template("pamphlet.html").render(context))
