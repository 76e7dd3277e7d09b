"""The download site: publish from sidecars, checksums, manifest, feed, escaping, determinism."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import jsonschema
import pytest

from pliego.errors import CatalogError, ConfigError, PliegoError
from pliego.gettext.po import load_catalog
from pliego.gettext.translations import CatalogTranslations, TemplateTranslations
from pliego.languages import PubDate, language_name, written_date
from pliego.pamphlet.build import Outcome
from pliego.pamphlet.document import date_words
from pliego.pamphlet.results import ArticleRefusal, BuildResult
from pliego.pamphlet.sidecar import SidecarError
from pliego.plan import Plan
from pliego.project import Settings, read_settings
from pliego.site.publish import publish
from pliego.sitesettings import site_settings
from tests.sitekit import HOSTILE, REPO, add_pamphlet, add_site_templates

SCHEMA = json.loads((REPO / "styles" / "site" / "manifest.schema.json").read_text("utf-8"))
ENV = {"SOURCE_DATE_EPOCH": "1675900800"}  # 2023-02-09T00:00:00Z


@pytest.fixture(scope="session")
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture
def site_project(project: Path, pdf_cache: Path) -> Path:
    """A project whose build/ holds an English, a Spanish and a Quechua pamphlet."""
    add_site_templates(project)
    add_pamphlet(
        project, "en", title="Peru: masses deepen resistance", author="KD Tait", cache_dir=pdf_cache
    )
    add_pamphlet(
        project,
        "es",
        title="Perú: las masas profundizan la resistencia",
        author="KD Tait",
        translator="Equipo pliego",
        cache_dir=pdf_cache,
    )
    add_pamphlet(
        project,
        "qu",
        title="Perú: runakuna hatarinku",
        author="KD Tait",
        cache_dir=pdf_cache,
        date="2023-02-09",
    )
    return project


def settings_of(root: Path) -> Settings:
    return read_settings(root)


def site_files(root: Path) -> dict[str, bytes]:
    site = root / "build" / "site"
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


class Markup(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(data: bytes) -> Markup:
    m = Markup()
    m.feed(data.decode("utf-8"))
    return m


def test_site_checksums_manifest_and_links(site_project: Path) -> None:
    r = publish(settings_of(site_project), build=False, env=ENV)
    assert [g.lang for g in r.model.groups] == ["en", "es", "qu"]
    files = site_files(site_project)
    site = site_project / "build" / "site"
    # SHA256SUMS: every file but itself, checked by the real sha256sum.
    check = subprocess.run(
        ["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=site, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    listed = [line.split("  ", 1)[1] for line in files["SHA256SUMS"].decode().splitlines()]
    assert sorted(listed) == sorted(set(files) - {"SHA256SUMS"})
    # manifest.json: valid against the shipped schema and true to the files.
    manifest = json.loads(files["manifest.json"])
    jsonschema.validate(manifest, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert {f["path"] for f in manifest["files"]} == set(files) - {"SHA256SUMS", "manifest.json"}
    import hashlib

    for f in manifest["files"]:
        assert hashlib.sha256(files[f["path"]]).hexdigest() == f["sha256"]
        assert len(files[f["path"]]) == f["bytes"]
        assert f["url"] == "https://pliego.example.org/" + f["path"]
    eds = [(p["lang"], e["kind"], e["pages"]) for p in manifest["pamphlets"] for e in p["editions"]]
    assert eds == [
        (lang, k, 2) for lang in ("en", "es", "qu") for k in ("reading", "booklet", "print")
    ]
    assert manifest["updated"] == "2023-02-09T00:00:00Z"
    # The page: relative links to files that exist; a section per language with its lang.
    page = parse_html(files["index.html"])
    hrefs = [a["href"] for t, a in page.tags if t in ("a", "link") and a.get("href")]
    for href in hrefs:
        assert not href.startswith(("http:", "https:", "//", "/")), href
        if not href.startswith("#"):
            assert (site / href.split("#")[0]).is_file(), href
    for t, a in page.tags:
        assert not (a.get("src") or "").startswith(("http", "//")), (t, a)
    sections = [a for t, a in page.tags if t == "section"]
    assert [(s["id"], s["lang"]) for s in sections] == [
        ("lang-en", "en"),
        ("lang-es", "es"),
        ("lang-qu", "qu"),
    ]
    text = "".join(page.text)
    assert "español" in text and "Runasimi" in text and "English" in text
    assert "Print double-sided on A4" in text
    assert files["index.html"].count(b"<dt>SHA-256</dt>") == 9
    # Saved downloads keep their language: no two editions share a file name.
    saved = {a["href"]: a["download"] for t, a in page.tags if t == "a" and "download" in a}
    assert saved["es/small.pdf"] == "small-es.pdf"
    assert saved["qu/small-booklet-a4.pdf"] == "small-booklet-a4-qu.pdf"
    assert len(saved) == 9 and len(set(saved.values())) == 9
    assert "copy the whole site with its folders" in text
    assert ("a", {"class": "skip", "href": "#main"}) in page.tags
    covers = [a for t, a in page.tags if t == "img"]
    assert len(covers) == 3 and all(a["alt"] and a["alt"].startswith("Cover of") for a in covers)
    assert files["en/small-cover.png"].startswith(b"\x89PNG")


def test_feed_is_atom_with_stable_ids(site_project: Path) -> None:
    publish(settings_of(site_project), build=False, env=ENV)
    feed = feedparser.parse(site_files(site_project)["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.updated == "2023-02-09T00:00:00Z"
    titles = [(e.title, e.title_detail.language) for e in feed.entries]
    assert titles[0] == ("Perú: runakuna hatarinku", "qu")  # newest first
    assert sorted(t[1] for t in titles) == ["en", "es", "qu"]
    links = {e.title: [x.href for x in e.links if x.rel == "enclosure"] for e in feed.entries}
    assert links["Peru: masses deepen resistance"][0] == "https://pliego.example.org/en/small.pdf"
    ids = [e.id for e in feed.entries]
    # Another base URL and another date keep the entry ids.
    (site_project / "pyproject.toml").write_text(
        '[tool.pliego]\nlanguages = ["es", "qu"]\n[tool.pliego.site]\n'
        'base-url = "https://mirror.example.net/pamphlets"\n',
        encoding="utf-8",
    )
    publish(settings_of(site_project), build=False, env={"SOURCE_DATE_EPOCH": "1700000000"})
    again = feedparser.parse(site_files(site_project)["feed.xml"])
    assert [e.id for e in again.entries] == ids
    assert again.feed.updated == "2023-11-14T22:13:20Z"
    assert again.entries[0].links[0].href.startswith("https://mirror.example.net/pamphlets/")


def test_publishing_twice_writes_nothing_and_removes_stale_files(site_project: Path) -> None:
    settings = settings_of(site_project)
    first = publish(settings, build=False, env=ENV)
    assert "index.html" in first.written
    before = site_files(site_project)
    site = site_project / "build" / "site"
    mtimes = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    (site / "old.pdf").write_bytes(b"stale")
    second = publish(settings, build=False, env=ENV)
    assert second.written == ()
    assert second.removed == ("old.pdf",)
    assert site_files(site_project) == before
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == mtimes
    # A pamphlet that is no longer built disappears; the Quechua page (the shipped
    # site.po is translated) stays until it has no site strings either, then the folder goes.
    for p in (site_project / "build" / "qu").iterdir():
        p.unlink()
    third = publish(settings, build=False, env=ENV)
    assert "qu/small.pdf" in third.removed
    assert sorted(p.name for p in (site / "qu").iterdir()) == ["index.html"]
    assert "qu/small.pdf" not in site_files(site_project)["SHA256SUMS"].decode()
    (site_project / "locale" / "qu" / "LC_MESSAGES" / "site.po").unlink()
    fourth = publish(settings, build=False, env=ENV)
    assert fourth.removed == ("qu/index.html",) and not (site / "qu").exists()


def test_drafts_only_when_asked_and_clearly_marked(site_project: Path, pdf_cache: Path) -> None:
    add_pamphlet(site_project, "qu", draft=True, title="Borrador", cache_dir=pdf_cache)
    settings = settings_of(site_project)
    publish(settings, build=False, env=ENV)
    files = site_files(site_project)
    assert not any("draft" in name for name in files)
    assert b"Borrador" not in files["index.html"] and b"Borrador" not in files["feed.xml"]
    publish(settings, drafts=True, build=False, env=ENV)
    files = site_files(site_project)
    assert "qu/small-draft.pdf" in files and "qu/small-draft-cover.png" in files
    page = parse_html(files["index.html"])
    drafts = [a for t, a in page.tags if t == "article" and "draft" in (a.get("class") or "")]
    assert [a["id"] for a in drafts] == ["qu-small-draft"]
    assert ("span", {"class": "badge", "lang": "en"}) in page.tags
    assert ("p", {"class": "draft-note", "role": "note"}) in page.tags
    manifest = json.loads(files["manifest.json"])
    assert manifest["drafts"] is True
    assert [p["draft"] for p in manifest["pamphlets"] if p["lang"] == "qu"] == [False, True]
    titles = [e.title for e in feedparser.parse(files["feed.xml"]).entries]
    assert "[Draft] Borrador" in titles
    jsonschema.validate(manifest, SCHEMA)
    publish(settings, build=False, env=ENV)
    assert not any("draft" in name for name in site_files(site_project))


def test_hostile_titles_and_names_stay_text(project: Path, pdf_cache: Path) -> None:
    add_site_templates(project)
    add_pamphlet(
        project, "es", title=HOSTILE, author=HOSTILE, translator=HOSTILE, cache_dir=pdf_cache
    )
    publish(settings_of(project), build=False, env=ENV)
    files = site_files(project)
    page = parse_html(files["index.html"])
    assert [t for t, _ in page.tags].count("script") == 0
    for tag, attrs in page.tags:
        assert tag != "img" or attrs.get("class") == "cover", attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
    text = "".join(page.text)
    assert HOSTILE in text  # shown to the reader exactly as the translator wrote it
    alts = [a["alt"] for t, a in page.tags if t == "img"]
    assert alts == [f"Cover of {HOSTILE}"]
    feed = ET.fromstring(files["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    title = feed.find("a:entry/a:title", ns)
    assert title is not None and len(title) == 0 and title.text == HOSTILE
    manifest = json.loads(files["manifest.json"])
    assert manifest["pamphlets"][0]["title"] == HOSTILE
    assert feedparser.parse(files["feed.xml"]).entries[0].title == HOSTILE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"file": "../secret.pdf"}, "not a plain PDF file name"),
        ({"file": "javascript:alert(1).pdf"}, "not a plain PDF file name"),
        ({"pages": 7}, "the PDF has 2 pages but its sidecar says 7"),
        ({"file": "missing.pdf"}, "which does not exist"),
        ({"paper": "A4"}, "a reading edition is printed on A5"),
        ({"kind": "poster"}, "unknown edition kind"),
    ],
)
def test_bad_sidecars_are_explained(
    project: Path, pdf_cache: Path, change: dict[str, object], message: str
) -> None:
    add_site_templates(project)
    sidecar = add_pamphlet(project, "es", cache_dir=pdf_cache)
    data = json.loads(sidecar.read_text("utf-8"))
    data["editions"][0].update(change)
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SidecarError, match=message.replace("(", r"\(").replace(")", r"\)")) as exc:
        publish(settings_of(project), build=False, env=ENV)
    assert exc.value.path is not None and exc.value.hint
    assert not (project / "build" / "site").exists()


def test_hostile_slug_is_refused(project: Path, pdf_cache: Path) -> None:
    add_site_templates(project)
    add_pamphlet(project, "es", cache_dir=pdf_cache)
    bad = project / "build" / "es" / 'x"><script>.json'
    data = json.loads((project / "build" / "es" / "small.json").read_text("utf-8"))
    bad.write_text(json.dumps({**data, "slug": 'x"><script>'}), encoding="utf-8")
    with pytest.raises(SidecarError, match="not a plain article name"):
        publish(settings_of(project), build=False, env=ENV)


def test_site_settings_are_validated(project: Path) -> None:
    def with_site(table: str) -> Settings:
        (project / "pyproject.toml").write_text(f"[tool.pliego.site]\n{table}\n", "utf-8")
        return read_settings(project)

    assert (
        site_settings(with_site('base-url = "https://a.example/x"')).base_url
        == "https://a.example/x/"
    )
    for bad in (
        'base-url = "javascript:alert(1)"',
        'base-url = "ftp://a.example/"',
        'base-url = "https://a.example/?q=1"',
        "base-url = 3",
        'colour = "red"',
        'title = ""',
    ):
        with pytest.raises(ConfigError):
            site_settings(with_site(bad))


def test_language_names_in_their_own_language() -> None:
    assert [language_name(c) for c in ("en", "es", "qu")] == ["English", "español", "Runasimi"]


SITE_PO = """msgid ""
msgstr ""
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Reading edition (A5)"
msgstr "Edición de lectura (A5)"

msgid "Cover of %(title)s"
msgstr "Portada de %(title)s"

#, fuzzy
msgid "Pages"
msgstr "Páginas"
"""


def test_site_strings_translated_with_english_fallback(site_project: Path) -> None:
    po = site_project / "locale" / "es" / "LC_MESSAGES" / "site.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(SITE_PO, encoding="utf-8")
    qu = site_project / "locale" / "qu" / "LC_MESSAGES" / "site.po"
    if qu.exists():
        qu.unlink()
    r = publish(settings_of(site_project), build=False, env=ENV)
    assert r.pages == ("index.html", "es/index.html")  # no Quechua site text: no page
    files = site_files(site_project)
    page = parse_html(files["es/index.html"])
    assert page.tags[0] == ("html", {"lang": "es"})
    text = "".join(page.text)
    assert "Edición de lectura (A5)" in text
    assert "Pages" in text and "Páginas" not in text  # fuzzy is not reviewed: English
    assert "Home booklet (A4)" in text  # untranslated: English
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert "../es/small.pdf" in hrefs and "../index.html" in hrefs
    site = site_project / "build" / "site"
    for href in hrefs:
        if not href.startswith("#"):
            assert (site / "es" / href).resolve().is_file(), href
    switch = [a for t, a in page.tags if t == "a" and a.get("aria-current") == "page"]
    assert switch == [
        {"href": "../es/index.html", "hreflang": "es", "lang": "es", "aria-current": "page"}
    ]
    english = parse_html(files["index.html"])
    assert ("a", {"href": "es/index.html", "hreflang": "es", "lang": "es"}) in english.tags


def test_publish_builds_and_keeps_the_last_release_of_refused_languages(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, bool]] = []

    def build_planned(lang: str, draft: bool) -> BuildResult:
        calls.append((lang, draft))
        if lang in ("es", "qu") and not draft:
            reason = (
                f"not building a release of '{lang}': below 100% reviewed\n"
                "  small: 2 of 5 reviewed (40.0%)\n"
                "entries a release needs translated and reviewed:\n"
                f"  locale/{lang}/LC_MESSAGES/small.po:20: untranslated: “A…”"
            )
            return BuildResult(lang, (), (ArticleRefusal("small", lang, reason),))
        return BuildResult(lang, ())

    def build_languages(
        settings: Settings, langs: Sequence[str], *, draft: bool = False, plan: Plan
    ) -> list[Outcome]:
        return [Outcome(lang, build_planned(lang, draft), None) for lang in langs]

    fake = types.ModuleType("pliego.pamphlet.build")
    fake.build_languages = build_languages  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pliego.pamphlet.build", fake)
    shutil.rmtree(site_project / "build" / "es")  # es never had a release
    r = publish(settings_of(site_project), env=ENV)
    assert calls == [("en", False), ("es", False), ("qu", False)]
    assert [g.lang for g in r.model.groups] == ["en", "qu"]  # qu's earlier release stays
    assert tuple(n for n in r.notes if "placeholder" not in n) == (
        "es/small: not building a release of 'es': below 100% reviewed; small: 2 of 5 "
        "reviewed (40.0%) (`invoke build --lang es --article small` says what is missing)",
        "qu/small: not building a release of 'qu': below 100% reviewed; small: 2 of 5 "
        "reviewed (40.0%) (`invoke build --lang qu --article small` says what is missing)",
        "es/small: no release published yet",
        "qu/small: the site keeps the release built earlier",
    )


def test_publish_stops_on_a_broken_catalogue(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build_languages(
        settings: Settings, langs: Sequence[str], *, draft: bool = False, plan: Plan
    ) -> list[Outcome]:
        # As the build's pool reports a failed language: the error as text, file and line kept.
        error = CatalogError("unterminated string", path="locale/es/LC_MESSAGES/small.po", line=21)
        return [
            Outcome(lang, None, str(error))
            if lang == "es"
            else Outcome(lang, BuildResult(lang, ()), None)
            for lang in langs
        ]

    fake = types.ModuleType("pliego.pamphlet.build")
    fake.build_languages = build_languages  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pliego.pamphlet.build", fake)
    with pytest.raises(PliegoError, match=r"small\.po:21: unterminated string"):
        publish(settings_of(site_project), env=ENV)
    assert not (site_project / "build" / "site").exists()


def test_publish_task(site_project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    done = invoke(site_project, "publish", "--no-build")
    assert done.returncode == 0, done.stderr
    assert "es (español): small" in done.stdout and "qu (Runasimi): small" in done.stdout
    again = invoke(site_project, "publish", "--no-build")
    assert "0 written, 0 removed" in again.stdout
    (site_project / "build" / "es" / "small.pdf").write_bytes(b"%PDF-1.7 broken")
    bad = invoke(site_project, "publish", "--no-build")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "small.pdf: not a readable PDF" in bad.stderr
    assert os.path.exists(site_project / "build" / "site" / "es" / "small.pdf")
    good = (site_project / "build" / "qu" / "small.pdf").read_bytes()
    (site_project / "build" / "es" / "small.pdf").write_bytes(good[: len(good) // 2])
    cut = invoke(site_project, "publish", "--no-build")  # pypdf would log "EOF marker not found"
    assert cut.returncode == 1 and len(cut.stderr.strip().splitlines()) == 1, cut.stderr
    assert "small.pdf: not a readable PDF" in cut.stderr


def test_site_template_and_catalogues_are_current() -> None:
    """locale/site.pot matches the templates (run `invoke extract` after editing them), and
    the Spanish site text is complete and reviewed."""
    from pliego.extract import extract_templates
    from pliego.gettext.po import load_catalog
    from pliego.gettext.translations import load_translations

    found = {
        (e.msgctxt, e.msgid) for e in extract_templates(REPO / "styles" / "site", "styles/site")
    }
    pot = load_catalog(REPO / "locale" / "site.pot")
    assert {m.key for m in pot.messages} == found
    es = load_translations(read_settings(REPO), "es", "site")
    missing = [m.msgid for m in pot.messages if es.lookup(m.msgid, m.msgctxt) is None]
    assert missing == []


def test_no_translator_string_is_put_in_a_url() -> None:
    """Escaping makes text safe in an element or an attribute, not in a URL (a translated
    ``javascript:…`` would still run): the site's templates keep gettext out of every
    attribute that holds an address."""
    import re

    for template in ("index.html", "feed.xml"):
        source = (REPO / "styles" / "site" / template).read_text("utf-8")
        urls = re.findall(
            r"\b(?:href|src|srcset|action|formaction|poster|data)=\"([^\"]*)\"", source
        )
        assert urls, template
        for url in urls:
            assert not re.search(r"\b(?:_|gettext|pgettext|ngettext|npgettext)\(|\btrans\b", url), (
                template,
                url,
            )


def test_placeholder_download_address_is_flagged() -> None:
    from pliego.sitesettings import placeholder_note

    assert placeholder_note("https://pliego.example.org/") is not None
    assert placeholder_note("https://example.com/pamphlets/") is not None
    assert placeholder_note("https://pamphlets.example.invalid/") is not None
    assert placeholder_note("https://pliegos.pe/") is None
    assert placeholder_note("https://example.org.pe/") is None
    assert placeholder_note("") is None


def test_quechua_site_words_the_date_as_the_cover_does(site_project: Path) -> None:
    """CLDR's Quechua months are borrowed Spanish words and its pattern is not the
    translator's: the site takes the pamphlet catalogue's date words, as the cover does
    (it printed "Febrero 2023" beside a cover saying "2023 watapa Febrero killan")."""
    pamphlet_po = site_project / "locale" / "qu" / "LC_MESSAGES" / "pamphlet.po"
    shutil.copy(REPO / "locale" / "qu" / "LC_MESSAGES" / "pamphlet.po", pamphlet_po)
    publish(settings_of(site_project), build=False, env=ENV)
    text = " ".join(" ".join(parse_html(site_files(site_project)["qu/index.html"]).text).split())
    words = date_words(TemplateTranslations(CatalogTranslations(load_catalog(pamphlet_po))))
    assert words.months[1] == "Febrero" and "watapa" in words.day_month_year
    assert written_date(PubDate(2023, 2, 9), "qu", words) in text
    assert "Febrero 2023" not in text
    # Without the pamphlet's month names the site falls back to CLDR, never to English.
    pamphlet_po.unlink()
    publish(settings_of(site_project), build=False, env=ENV)
    text = " ".join(" ".join(parse_html(site_files(site_project)["qu/index.html"]).text).split())
    assert written_date(PubDate(2023, 2, 9), "qu") in text and "February" not in text


def test_half_letter_editions_are_offered_as_such(project: Path, pdf_cache: Path) -> None:
    """With ``paper = "half-letter"`` the page names US Letter, never A4, in every language."""
    add_site_templates(project)
    for lang in ("en", "es", "qu"):
        add_pamphlet(project, lang, cache_dir=pdf_cache, paper="half-letter")
    publish(settings_of(project), build=False, env=ENV)
    files = site_files(project)
    manifest = json.loads(files["manifest.json"])
    jsonschema.validate(manifest, SCHEMA)
    papers = {e["paper"] for p in manifest["pamphlets"] for e in p["editions"]}
    assert papers == {"half-letter", "letter", "half-letter+bleed"}
    expected = {
        "index.html": ("Home booklet (US Letter)", "Print double-sided on US Letter"),
        "es/index.html": ("Cuadernillo para imprimir en casa (carta)", "doble cara en papel carta"),
        "qu/index.html": ("Wasipi impriminapaq pʼanqacha (carta)", "Carta papelpi iskaynin"),
    }
    for page, phrases in expected.items():
        text = "".join(parse_html(files[page]).text)
        for phrase in phrases:
            assert phrase in text, (page, phrase)
        assert "A4" not in text and "A5" not in text, page
    assert "qu/small-booklet-letter.pdf" in files


def test_the_unreviewed_languages_page_asks_for_corrections(project: Path, pdf_cache: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.pliego.languages.es]\n\n[tool.pliego.languages.qu]\nreviewed = false\n\n"
        '[tool.pliego.site]\ncontact = "correcciones@pliego.test"\n',
        encoding="utf-8",
    )
    add_site_templates(project)
    for lang in ("en", "es", "qu"):
        add_pamphlet(project, lang, cache_dir=pdf_cache)
    publish(settings_of(project), build=False, env=ENV)
    files = site_files(project)
    qu = files["qu/index.html"].decode("utf-8")
    link = '<a href="mailto:correcciones@pliego.test">correcciones@pliego.test</a>'
    assert (
        "<p>Kay tikrasqataqa manaraqmi runasimi mama simiyuq runa qhawarinchu. "
        f"Allichasqaykikunata kusikuywan chaskisaqku: {link}</p>"
    ) in qu
    assert (
        "<p>Ningún hablante nativo de quechua ha revisado todavía esta traducción. "
        f"Agradecemos sus correcciones: {link}</p>"
    ) in qu
    for page in ("index.html", "es/index.html"):
        assert "review-note" not in files[page].decode("utf-8"), page
    (project / "pyproject.toml").write_text(
        "[tool.pliego.languages.qu]\nreviewed = false\n\n"
        '[tool.pliego.site]\ncontact = "https://pliego.test/contacto"\n',
        encoding="utf-8",
    )
    publish(settings_of(project), build=False, env=ENV)
    qu = site_files(project)["qu/index.html"].decode("utf-8")
    assert '<a href="https://pliego.test/contacto">https://pliego.test/contacto</a>' in qu
