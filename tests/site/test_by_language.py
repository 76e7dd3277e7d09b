"""Each language's page and feed entries in that language (issue 13, item 7): the
page's own pamphlets first, then what is not yet in it, linking where it is."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.translations import CatalogTranslations, TemplateTranslations
from pliego.languages import Language, language_name
from pliego.site.model import LanguageGroup, Listing, SiteModel, missing_in, page_groups
from pliego.site.render import Page, render_feed, render_index
from pliego.sitesettings import SiteSettings
from tests.sitekit import REPO

SITE = REPO / "styles" / "site"
ATOM = "{http://www.w3.org/2005/Atom}"


def _listing(lang: str, slug: str, date: str, *, draft: bool = False) -> Listing:
    return Listing(
        slug, lang, f"{slug} in {lang}", "A", "", date, draft, (), f"{lang}/{slug}.png", 10, 14
    )


def _model(*listings: Listing) -> SiteModel:
    groups = []
    for lang in ("en", "es", "qu"):
        mine = tuple(p for p in listings if p.lang == lang)
        if mine:
            groups.append(LanguageGroup(lang, language_name(lang), mine))
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return SiteModel(SiteSettings(), tuple(groups), drafts=True, updated=when)


MODEL = _model(
    _listing("en", "peru", "2023-02"),
    _listing("en", "strike", "2024-03"),
    _listing("es", "peru", "2023-02"),
    _listing("es", "strike", "2024-03"),
    _listing("qu", "peru", "2023-02"),
    _listing("qu", "strike", "2024-03", draft=True),
)


def test_a_page_starts_with_its_own_language() -> None:
    assert [g.lang for g in page_groups(MODEL, "qu")] == ["qu", "en", "es"]
    assert [g.lang for g in page_groups(MODEL, "en")] == ["en", "es", "qu"]
    assert [g.lang for g in page_groups(MODEL, "fr")] == ["en", "es", "qu"]


def test_missing_counts_releases_only_and_links_every_language_it_is_in() -> None:
    (strike,) = missing_in(MODEL, "qu")  # the Quechua draft is not for handing out
    assert (strike.slug, strike.title, strike.title_lang) == ("strike", "strike in en", "en")
    assert [p.lang for p in strike.elsewhere] == ["en", "es"]
    assert missing_in(MODEL, "es") == ()
    assert [m.slug for m in missing_in(MODEL, "fr")] == ["strike", "peru"]  # newest first


def _quechua() -> TemplateTranslations:
    strings = {
        "Not yet in %(language)s": "Manaraq %(language)spi",
        "A pamphlet in %(language)s, to download and print.": "%(language)spi pʼanqa.",
    }
    messages = tuple(Message(msgid=k, msgstr=v) for k, v in strings.items())
    return TemplateTranslations(CatalogTranslations(Catalog(messages=messages)))


def test_the_page_says_in_its_words_what_is_not_yet_there() -> None:
    pages = (Page(Language("en"), "index.html"), Page(Language("qu"), "qu/index.html"))
    html = render_index(SITE, MODEL, pages[1], pages, _quechua()).decode("utf-8")
    own, notice, english = (html.index(m) for m in ('id="lang-qu"', "h-missing", 'id="lang-en"'))
    assert own < notice < english
    assert '<h2 id="h-missing">Manaraq Runasimipi</h2>' in html
    section = html[notice : html.index("</section>", notice)]
    assert '<cite lang="en">strike in en</cite>' in section
    assert 'href="#en-strike" hreflang="en" lang="en">English</a>' in section
    assert 'href="#es-strike" hreflang="es" lang="es">español</a>' in section
    assert "peru" not in section
    spanish = render_index(
        SITE, MODEL, Page(Language("es"), "es/index.html"), pages, _quechua()
    ).decode("utf-8")
    assert "h-missing" not in spanish


def test_feed_entries_link_and_speak_their_own_language() -> None:
    pages = (Page(Language("en"), "index.html"), Page(Language("qu"), "qu/index.html"))
    english = TemplateTranslations(CatalogTranslations(None))
    feed = render_feed(SITE, MODEL, english, "en", pages, {"qu": _quechua()})
    root = ET.fromstring(feed)
    alternates = [
        link.get("hreflang")
        for link in root.findall(f"{ATOM}link")
        if link.get("rel") == "alternate"
    ]
    assert alternates == [None, "qu"]
    by_id: dict[str | None, tuple[str | None, str | None]] = {}
    for entry in root.findall(f"{ATOM}entry"):
        link = next(x for x in entry.findall(f"{ATOM}link") if x.get("rel") == "alternate")
        summary = entry.find(f"{ATOM}summary")
        assert summary is not None
        lang = summary.get("{http://www.w3.org/XML/1998/namespace}lang")
        by_id[link.get("href")] = (lang, summary.text)
    base = "https://pliego.example.org/"
    assert by_id[f"{base}qu/index.html#qu-peru"] == ("qu", "Runasimipi pʼanqa.")
    # Spanish has no page (and no strings) here: its entries link the index, in English.
    assert by_id[f"{base}index.html#es-peru"] == (
        "en",
        "A pamphlet in español, to download and print.",
    )
