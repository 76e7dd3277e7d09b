"""The index past one page per language (issue 16, target 6): which pamphlets each
page lists, where its links lead, and what the pages say, before any file is written."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from pliego.gettext.translations import (
    CatalogTranslations,
    TemplateTranslations,
    load_translations,
)
from pliego.languages import Language, language_name
from pliego.project import read_settings
from pliego.site.model import LanguageGroup, Listing, Page, SiteModel
from pliego.site.paging import (
    chunks,
    homes,
    links,
    menu,
    numbers,
    paginate,
    paginated,
    sheet_path,
)
from pliego.site.render import render_feed, render_index
from pliego.sitesettings import SiteSettings
from tests.sitekit import HOSTILE, MANY, REPO

SITE = REPO / "styles" / "site"
ATOM = "{http://www.w3.org/2005/Atom}"
EN, ES, QU = (
    Page(Language("en"), "index.html"),
    Page(Language("es"), "es/index.html"),
    Page(Language("qu"), "qu/index.html"),
)


def _listing(lang: str, n: int) -> Listing:
    year, month = divmod(n - 1, 12)
    title = HOSTILE if n == 3 else f"Pamphlet {n} ({lang})"
    date = f"{2020 + year}-{month + 1:02d}"
    return Listing(
        f"a{n:02d}", lang, title, "A", "", date, False, (), f"{lang}/a{n:02d}.png", 10, 14
    )


def _model(counts: dict[str, int]) -> SiteModel:
    groups = []
    for lang, count in counts.items():
        newest_first = tuple(_listing(lang, n) for n in range(count, 0, -1))
        groups.append(LanguageGroup(lang, language_name(lang), newest_first))
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return SiteModel(SiteSettings(), tuple(groups), drafts=False, updated=when)


MODEL = _model(MANY)  # 25 English, 12 Spanish, 8 Quechua
PAGES = (EN, ES, QU)


def _slugs(groups: tuple[LanguageGroup, ...]) -> list[str]:
    return [f"{g.lang}-{p.slug}" for g in groups for p in g.pamphlets]


def test_page_paths_and_numbers() -> None:
    assert sheet_path("index.html", 1) == "index.html"
    assert sheet_path("index.html", 2) == "page-2.html"
    assert sheet_path("es/index.html", 12) == "es/page-12.html"
    assert numbers(1, 1) == (1,)
    assert numbers(3, 7) == (1, 2, 3, 4, 5, 6, 7)  # few: every number
    assert numbers(1, 15) == (1, 2, 3, None, 15)
    assert numbers(8, 15) == (1, None, 6, 7, 8, 9, 10, None, 15)
    assert numbers(4, 15) == (1, 2, 3, 4, 5, 6, None, 15)  # no gap hides a single number
    assert numbers(15, 15) == (1, None, 13, 14, 15)


def test_a_site_that_fits_keeps_one_page_per_language_listing_everything() -> None:
    small = _model({"en": 8, "es": 7, "qu": 5})
    assert not paginated(small)
    sheets = paginate(small, PAGES)
    assert [(s.path, s.count, s.prev, s.next) for s in sheets] == [
        ("index.html", 1, "", ""),
        ("es/index.html", 1, "", ""),
        ("qu/index.html", 1, "", ""),
    ]
    assert [g.lang for g in sheets[2].groups] == ["qu", "en", "es"]  # its own first
    assert len(_slugs(sheets[1].groups)) == 20
    home = homes(small, PAGES, sheets)
    assert home["es-a01"] == "es/index.html" and home["en-a08"] == "index.html"
    assert links(sheets[2], home, small)["es-a01"] == "#es-a01"  # listed on every page


def test_past_one_page_each_language_lists_its_own_twenty_to_a_page_newest_first() -> None:
    assert paginated(MODEL)
    sheets = paginate(MODEL, PAGES)
    assert [s.path for s in sheets] == [
        "index.html",
        "page-2.html",
        "es/index.html",
        "qu/index.html",
    ]
    first, second = sheets[:2]
    assert _slugs(first.groups) == [f"en-a{n:02d}" for n in range(25, 5, -1)]
    assert _slugs(second.groups) == [f"en-a{n:02d}" for n in range(5, 0, -1)]
    assert (first.number, first.count, first.prev, first.next) == (1, 2, "", "page-2.html")
    assert (second.number, second.prev, second.next, second.root) == (2, "index.html", "", "")
    assert [g.lang for g in sheets[2].groups] == ["es"] and sheets[2].root == "../"
    assert _slugs(sheets[3].groups) == [f"qu-a{n:02d}" for n in range(8, 0, -1)]


def test_a_language_without_a_page_is_listed_after_the_source_language() -> None:
    sheets = paginate(MODEL, (EN, ES))  # no Quechua page: its pamphlets go to the English index
    assert [s.path for s in sheets] == ["index.html", "page-2.html", "es/index.html"]
    assert [g.lang for g in sheets[1].groups] == ["en", "qu"]
    assert len(_slugs(sheets[1].groups)) == 13
    home = homes(MODEL, (EN, ES), sheets)
    assert home["qu-a08"] == "page-2.html" and home["en-a06"] == "index.html"


def test_links_reach_each_pamphlet_from_any_page() -> None:
    sheets = paginate(MODEL, PAGES)
    home = homes(MODEL, PAGES, sheets)
    assert home["en-a05"] == "page-2.html" and home["en-a06"] == "index.html"
    assert home["es-a12"] == "es/index.html" and home["qu-a01"] == "qu/index.html"
    quechua = links(sheets[3], home, MODEL)
    assert quechua["qu-a02"] == "#qu-a02"
    assert quechua["en-a05"] == "../page-2.html#en-a05"
    assert quechua["es-a09"] == "../es/index.html#es-a09"
    assert links(sheets[1], home, MODEL)["en-a25"] == "index.html#en-a25"
    assert [(g.lang, href) for g, href in menu(sheets[3], MODEL, sheets, PAGES)] == [
        ("qu", "#lang-qu"),
        ("en", "../index.html#lang-en"),
        ("es", "../es/index.html#lang-es"),
    ]
    assert menu(sheets[1], MODEL, sheets, PAGES)[0][1] == "#lang-en"


def test_nothing_to_list_is_one_empty_page() -> None:
    assert chunks((), 20) == ((),)
    empty = SiteModel(
        SiteSettings(), (), drafts=False, updated=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    )
    assert [s.path for s in paginate(empty, PAGES)] == [p.path for p in PAGES]


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids.extend(v for k, v in attrs if k == "id" and v)


def _render(sheet_index: int, lang: str = "en") -> str:
    sheets = paginate(MODEL, PAGES)
    sheet = sheets[sheet_index]
    if lang == "en":
        t = TemplateTranslations(CatalogTranslations(None))
    else:
        t = TemplateTranslations(load_translations(read_settings(REPO), lang, "site"))
    html = render_index(SITE, MODEL, sheet.page, PAGES, t, None, sheet, sheets)
    return html.decode("utf-8")


def test_the_second_page_links_back_and_marks_itself() -> None:
    html = _render(1)
    assert "<title>pliego: Pamphlets to download and print (Page 2 of 2)</title>" in html
    assert '<link rel="prev" href="index.html">' in html and 'rel="next"' not in html
    nav = html[html.index('<nav class="pages"') : html.index("</nav>", html.index('class="pages"'))]
    assert 'aria-label="Pages of the list"' in nav
    assert '<p class="label">Page 2 of 2</p>' in nav
    assert '<a href="index.html" rel="prev">Previous page</a>' in nav
    assert '<a href="page-2.html" aria-current="page">2</a>' in nav
    assert '<a href="index.html" rel="prev">1</a>' in nav
    assert "Next page" not in nav
    assert 'id="en-a05"' in html and 'id="en-a06"' not in html
    assert 'id="lang-es"' not in html and "h-missing" not in html  # others: a link away
    assert 'href="es/index.html#lang-es"' in html
    parsed = _Ids()
    parsed.feed(html)
    assert len(parsed.ids) == len(set(parsed.ids))


def test_the_first_page_links_forward_and_keeps_untrusted_titles_text() -> None:
    html = _render(0)
    assert (
        '<link rel="next" href="page-2.html">' in html
        and 'rel="prev"' not in html.split("<main", 1)[0]
    )
    assert '<a href="page-2.html" rel="next">Next page</a>' in html
    assert "(Page 1 of 2)" in html
    assert "<script>alert" not in _render(1) and "&lt;script&gt;alert(1)" in _render(1)
    assert "<img src=x" not in _render(1)


def test_a_language_page_speaks_its_language_and_links_what_it_lacks() -> None:
    html = _render(3, "qu")
    assert '<html lang="qu">' in html
    assert '<nav class="pages"' not in html  # one page: no pager
    section = html[html.index('id="h-missing"') : html.index("</section>", html.index("h-missing"))]
    assert 'href="../index.html#en-a09"' in section and "#en-a05" not in section
    assert 'href="../es/index.html#es-a09"' in section
    assert 'id="es-a09"' not in html
    assert len(re.findall(r'<article class="pamphlet"', html)) == 8


def test_the_pager_in_spanish() -> None:
    model = _model({"en": 2, "es": 45, "qu": 1})
    sheets = paginate(model, PAGES)
    second = next(s for s in sheets if s.path == "es/page-2.html")
    t = TemplateTranslations(load_translations(read_settings(REPO), "es", "site"))
    html = render_index(SITE, model, ES, PAGES, t, None, second, sheets).decode("utf-8")
    assert 'aria-label="Páginas de la lista"' in html
    assert "(Página 2 de 3)</title>" in html
    assert '<a href="../es/index.html" rel="prev">Página anterior</a>' in html
    assert '<a href="../es/page-3.html" rel="next">Página siguiente</a>' in html
    assert not t.findings  # every pager string translated, placeholders kept


def test_the_feed_stays_complete_and_links_each_entry_to_its_page() -> None:
    sheets = paginate(MODEL, PAGES)
    english = TemplateTranslations(CatalogTranslations(None))
    feed = render_feed(SITE, MODEL, english, "en", PAGES, {}, homes(MODEL, PAGES, sheets))
    entries = ET.fromstring(feed).findall(f"{ATOM}entry")
    assert len(entries) == sum(MANY.values())
    hrefs = {
        link.get("href")
        for e in entries
        for link in e.findall(f"{ATOM}link")
        if link.get("rel") == "alternate"
    }
    base = "https://pliego.example.org/"
    assert f"{base}page-2.html#en-a01" in hrefs and f"{base}index.html#en-a25" in hrefs
    assert f"{base}qu/index.html#qu-a01" in hrefs
