"""The read-online pages: every pamphlet as one phone-first HTML page on the site.

Distributors share links on phones, often on slow connections, where a PDF
is the wrong thing to open first.  So each listed pamphlet also gets
``<lang>/<slug>.html``: the same text, notes, images and captions as its
PDFs, in its language, with a link to each PDF edition and a print
stylesheet, and nothing loaded from elsewhere.

Why it is rendered here, at publish time, from the build's translated
Markdown (``build/<lang>/<slug>.md``, named by the sidecar) and not from
HTML the build wrote: the site shows nothing it did not escape itself.  The
Markdown is parsed again with pliego's one parser, raw HTML off, so whatever
a translator (or a hand edit in ``build/``) put there can only be the
inline Markdown the source could produce; templates autoescape the rest.
The units the sidecar lists as still in English get ``lang="en"`` through
the pamphlet's own marks (:mod:`pliego.pamphlet.marks`), and so do the
site's own words where ``site.po`` has no translation yet.

Images: only files the English article names, checked as the build checks
them (inside ``source/``, readable, not too large), are copied, under names
made from their bytes (``media/<sha256>.<ext>``, shared by every language):
no translation and no file name of the project reaches an address.  An image
the English does not use is left out, marked where it was.

Pages are small: :data:`ONLINE_BUDGET` bytes of HTML and CSS, images aside
(``docs/site.md``); ``publish`` notes a page over it.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token
from markupsafe import Markup, escape

from pliego.errors import PliegoError
from pliego.extract import read_article
from pliego.gettext.translations import TemplateTranslations
from pliego.markdown.assemble import render_document
from pliego.markdown.segment import Article, Unit, parse_article
from pliego.pamphlet.images import ArticleImages, check_images, place_images
from pliego.pamphlet.marks import END, FUZZY, MARKABLE, MISSING, apply_marks
from pliego.pamphlet.sidecar import HINT, Sidecar, SidecarError
from pliego.paths import relative
from pliego.project import Settings
from pliego.site.model import Listing
from pliego.site.render import environment
from pliego.sitesettings import SiteSettings

#: Bytes of HTML and CSS a read-online page may weigh, images aside (about two
#: seconds on a slow 3G connection; the shipped article's page is well under it).
ONLINE_BUDGET = 60_000
_IMAGE_EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}
_NO_MARKS = str.maketrans({FUZZY: None, MISSING: None, END: None})


@dataclass(frozen=True)
class OnlineText:
    """A pamphlet's article as the page shows it: safe body HTML and the images it needs."""

    body: str
    media: Mapping[str, bytes]


def _english_images(settings: Settings, slug: str) -> ArticleImages:
    """The images the English article names, checked as the build checks them."""
    source = settings.source_path / f"{slug}.md"
    try:
        english = read_article(settings, source)
    except PliegoError:  # the article was removed since the build: no images to vouch for
        return ArticleImages({}, ())
    return check_images(english, source.parent)


def _media(path: Path, store: dict[str, bytes]) -> str:
    """The site path of an image (named after its bytes), stored for publishing."""
    from PIL import Image

    data = path.read_bytes()
    with Image.open(path) as im:
        ext = _IMAGE_EXTENSIONS.get(str(im.format), ".img")
    name = f"media/{hashlib.sha256(data).hexdigest()[:32]}{ext}"
    store[name] = data
    return name


def _translator(article: Article, english: frozenset[int]) -> Callable[[Unit], str]:
    """Each unit as written, the ones in English bracketed by the pamphlet's marks."""
    number = {id(u): i for i, u in enumerate(article.units)}

    def translate(unit: Unit) -> str:
        text = unit.msgid.translate(_NO_MARKS)
        if number[id(unit)] in english and unit.kind in MARKABLE:
            return MISSING + text + END
        return text

    return translate


def online_text(settings: Settings, sidecar: Sidecar) -> OnlineText:
    """Read the sidecar's Markdown and render it for the page (see the module docstring)."""
    path = sidecar.path.parent / sidecar.markdown
    shown = relative(settings, path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SidecarError(
            f"the translated Markdown cannot be read: {type(exc).__name__}", path=shown, hint=HINT
        ) from None
    article = parse_article(text, shown)
    images = _english_images(settings, sidecar.slug)
    media: dict[str, bytes] = {}
    placed: dict[Path, str] = {}

    def locate(file: Path) -> str:
        if file not in placed:
            placed[file] = _media(file, media)
        return "../" + placed[file]

    def for_screen(tokens: list[Token]) -> None:
        place_images(tokens, images, [], _left_out, locate)

    _, body = render_document(article, _translator(article, frozenset(sidecar.english)), for_screen)
    return OnlineText(apply_marks(body, settings.source_language), media)


def _left_out(src: str) -> str:
    """Where an image is missing (only a hand-edited build/ can get here: a release
    checked every image): the address, escaped, marked as English."""
    return f'<span class="image-left-out" lang="en">[image left out: {html.escape(src)}]</span>'


def render_online(
    folder: Path,
    site: SiteSettings,
    listing: Listing,
    text: OnlineText,
    translations: TemplateTranslations,
    *,
    source_lang: str,
    index: str,
) -> bytes:
    """The page's bytes; ``index`` is the site path of the page listing it."""
    env = environment(folder, listing.lang, translations)

    def english(value: Markup) -> Markup:
        """The site's words shown in English on a page in another language get ``lang``."""
        shown = {str(escape(key[1])) for key in translations.used}
        if listing.lang != source_lang and str(value) in shown:
            return Markup('<span lang="{}">{}</span>').format(source_lang, value)
        return value

    env.filters["en"] = english
    html = env.get_template("read.html").render(
        site=site, p=listing, body=Markup(text.body), root="../", index=index
    )
    return html.encode("utf-8")
