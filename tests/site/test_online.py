"""The read-online pages: built from real builds, listed everywhere, escaped, small.

The leaflet (every feature a real article uses: notes, images, captions, a
table, a titled link reference) and the shipped article are built for real
(WeasyPrint and all), then published; the page is checked against the
translation it shows and against the PDFs it links.  Hand-made sidecars then
feed the page hostile Markdown and images the English never named.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest

from pliego.gettext.po import load_catalog
from pliego.markdown.segment import parse_article
from pliego.pamphlet.build import build_language
from pliego.paths import po_path
from pliego.project import read_settings
from pliego.site.model import ONLINE_STYLES
from pliego.site.online import ONLINE_BUDGET
from pliego.site.publish import publish
from tests.buildkit import LEAFLET, make_project, spanish_leaflet
from tests.conftest import ARTICLE, REPO, SMALL_ARTICLE
from tests.site.test_publish import parse_html, site_files
from tests.sitekit import HOSTILE, add_pamphlet, add_site_templates


@pytest.fixture(scope="module")
def leaflet_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The leaflet built in Spanish and English, the Spanish text's 'What' cell left
    untranslated in a lowered-threshold release (an English fallback), then published."""
    root = spanish_leaflet(make_project(tmp_path_factory.mktemp("leaflet") / "p", article=LEAFLET))
    add_site_templates(root)
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("release-threshold = 100", "release-threshold = 90")
    )
    po = po_path(read_settings(root), "es", LEAFLET.stem)
    po.write_text(po.read_text().replace('msgstr "Concepto"', 'msgstr ""'))
    settings = read_settings(root)
    for lang in ("es", "en"):
        build_language(settings, lang)
    publish(settings, build=False)
    return root


def test_every_release_has_a_page_listed_by_index_manifest_and_feed(leaflet_site: Path) -> None:
    files = site_files(leaflet_site)
    assert "es/union-leaflet.html" in files and "en/union-leaflet.html" in files
    for index in ("index.html", "es/index.html"):
        links = [a.get("href") for t, a in parse_html(files[index]).tags if t == "a"]
        root = "../" if "/" in index else ""
        assert f"{root}es/union-leaflet.html" in links and f"{root}en/union-leaflet.html" in links
    manifest = json.loads(files["manifest.json"])
    schema = json.loads(files["manifest.schema.json"])
    jsonschema.validate(manifest, schema)
    online = {p["lang"]: p["online"] for p in manifest["pamphlets"]}
    assert online["es"] == {
        "path": "es/union-leaflet.html",
        "url": "https://pliego.example.org/es/union-leaflet.html",
    }
    listed = {f["path"]: f for f in manifest["files"]}
    assert listed["es/union-leaflet.html"]["media_type"] == "text/html; charset=utf-8"
    media = [path for path in listed if path.startswith("media/")]
    assert len(media) == 2 and all(listed[m]["media_type"] == "image/png" for m in media)
    feed = feedparser.parse(files["feed.xml"])

    def hrefs(e: Any, rel: str) -> list[str]:
        return [lk["href"] for lk in e["links"] if lk.get("hreflang") and lk.get("rel") == rel]

    pages = {e["category"]: hrefs(e, "alternate") for e in feed.entries}
    assert pages["es"] == ["https://pliego.example.org/es/union-leaflet.html"]
    # One alternate per type and language (RFC 4287 §4.1.1); the listing is related.
    listing = {e["category"]: hrefs(e, "related") for e in feed.entries}
    assert listing["es"] == ["https://pliego.example.org/es/index.html#es-union-leaflet"]
    sums = files["SHA256SUMS"].decode()
    assert "  es/union-leaflet.html\n" in sums and all(f"  {m}\n" in sums for m in media)


def test_the_page_shows_the_pdfs_text_notes_images_and_captions(leaflet_site: Path) -> None:
    files = site_files(leaflet_site)
    page = files["es/union-leaflet.html"].decode()
    markup = parse_html(files["es/union-leaflet.html"])
    text = re.sub(r"\s+", " ", html.unescape("".join(markup.text)))
    catalog = load_catalog(po_path(read_settings(leaflet_site), "es", LEAFLET.stem))
    # every translated unit is on the page, as plain text (its inline Markdown rendered)
    article = parse_article(LEAFLET.read_text(encoding="utf-8"), "l.md")
    description = [m.msgstr for m in catalog.active if "description" in m.auto_comments]
    assert ("meta", {"name": "description", "content": description[0]}) in markup.tags
    for m in catalog.active:
        if m.msgstr and m.msgctxt is None and m.msgstr not in description:
            plain = re.sub(r"\*+|\[\^\w+\]|\^\[|\]\([^)]*\)|\]\[\w+\]|[\[\]]", "", m.msgstr)
            assert plain.split("(")[0].strip()[:40] in text or m.msgid in {
                u.msgid for u in article.units if u.kind in ("image_alt", "link_title")
            }, m.msgstr
    assert markup.tags[0] == ("html", {"lang": "es"})
    # the untranslated cell is the English, marked as such
    assert '<th style="text-align:left"><span class="pl-missing" lang="en">What</span></th>' in page
    # notes: both footnotes, the labelled one and the inline one, with working anchors
    assert page.count('class="footnote-item"') == 2 and 'href="#fn2"' in page
    # images: copied into the site under their hash, with the alt text and caption
    figure = re.search(r'<figure class="image"><img src="\.\./(media/\w+\.png)" alt="([^"]+)', page)
    assert figure is not None and figure.group(2).startswith("Huelguistas con una pancarta")
    source = LEAFLET.parent / "union-leaflet" / "picket-line.png"
    assert files[figure.group(1)] == source.read_bytes()
    assert "<figcaption>El piquete en la puerta principal" in page
    # the translated link title
    assert 'title="Fondo de resistencia de la huelga"' in page
    # a link to each PDF edition, which the manifest lists with its checksum
    pdfs = [a["href"] for t, a in markup.tags if t == "a" and a.get("type") == "application/pdf"]
    assert pdfs == [
        "../es/union-leaflet.pdf",
        "../es/union-leaflet-booklet-a4.pdf",
        "../es/union-leaflet-print.pdf",
    ]
    assert all(f"es/{Path(p).name}" in files for p in pdfs)
    # the site's own words in Spanish (site.po), a print stylesheet, and nothing from elsewhere
    assert ">Descargar e imprimir<" in page and ">Leer en línea<" not in page
    assert ("link", {"rel": "stylesheet", "href": "../read-print.css", "media": "print"}) in (
        markup.tags
    )
    loaded = [a.get("src") or a.get("href") for t, a in markup.tags if t in ("img", "link")]
    assert loaded and all(not re.match(r"[a-z]+:|//", str(u)) for u in loaded), loaded
    assert "<script" not in page and "@import" not in files["read.css"].decode()


def test_the_english_page_has_english_words_only(leaflet_site: Path) -> None:
    page = site_files(leaflet_site)["en/union-leaflet.html"].decode()
    assert '<html lang="en">' in page and 'lang="en"><span' not in page
    assert "pl-missing" not in page and "Cleaners and porters walk out" in page


def test_pages_keep_to_the_byte_budget(leaflet_site: Path, tmp_path: Path) -> None:
    """The shipped article (about 1,600 words) and the leaflet, in every language with a
    release: each page and its two stylesheets within ONLINE_BUDGET (images aside)."""
    root = make_project(tmp_path / "shipped", article=ARTICLE)
    add_site_templates(root)
    settings = read_settings(root)
    for lang in ("es", "qu"):
        for domain in (ARTICLE.stem, "pamphlet"):
            shutil.copy(
                REPO / "locale" / lang / "LC_MESSAGES" / f"{domain}.po",
                po_path(settings, lang, domain),
            )
    site_po = po_path(settings, "qu", "site")  # one of the site's words not yet in Quechua
    site_po.write_text(site_po.read_text().replace('msgstr "Uraykachiy imprimiypas"', 'msgstr ""'))
    for lang in ("en", "es", "qu"):
        build_language(settings, lang, editions=["reading"])
    result = publish(settings, build=False)
    assert not [n for n in result.notes if "budget" in n or "bytes of HTML" in n]
    styles = sum(len((REPO / "styles" / "site" / n).read_bytes()) for n in ONLINE_STYLES)
    sizes = {}
    for site in (root, leaflet_site):
        for page in sorted((site / "build" / "site").glob("*/*.html")):
            if page.name != "index.html":
                sizes[f"{site.name}/{page.parent.name}"] = len(page.read_bytes()) + styles
    assert len(sizes) == 5, sizes
    assert max(sizes.values()) <= ONLINE_BUDGET, sizes
    qu = (root / "build" / "site" / "qu" / f"{ARTICLE.stem}.html").read_text()
    # a site word with no Quechua translation is shown in English, and marked so
    assert '<h2 id="downloads"><span lang="en">Download and print</span></h2>' in qu


def test_a_page_over_the_budget_is_noted(project: Path, tmp_path: Path) -> None:
    add_site_templates(project)
    long = SMALL_ARTICLE + "\n".join(f"Paragraph {n} " + "word " * 60 for n in range(250))
    add_pamphlet(project, "en", markdown=long, cache_dir=tmp_path)
    notes = publish(read_settings(project), build=False).notes
    assert any(n.startswith("en/small.html: ") and f"{ONLINE_BUDGET:,}" in n for n in notes)


def test_hostile_markdown_stays_text_and_images_stay_confined(
    project: Path, tmp_path: Path
) -> None:
    """A hand-edited build/<lang>/<slug>.md: raw HTML, script links, an image the English
    never named and one outside source/: none becomes markup or reaches the site."""
    add_site_templates(project)
    (project / "source" / "small").mkdir()
    shutil.copy(LEAFLET.parent / "union-leaflet" / "flag.png", project / "source" / "small")
    shutil.copy(LEAFLET.parent / "union-leaflet" / "flag.png", project / "source" / "other.png")
    (project / "secret.png").write_bytes((project / "source" / "other.png").read_bytes())
    english = SMALL_ARTICLE + "\n![A flag](small/flag.png)\n"
    (project / "source" / "small.md").write_text(english, encoding="utf-8")
    hostile = english.replace('title: "A small article"', f"title: {json.dumps(HOSTILE)}")
    hostile += (
        f"\n{HOSTILE}\n\n<script>alert(4)</script>\n\n[x](javascript:alert(5))\n\n"
        "![other](other.png) ![secret](../secret.png)\n"
    )
    add_pamphlet(project, "es", title=HOSTILE, markdown=hostile, cache_dir=tmp_path)
    publish(read_settings(project), build=False)
    files = site_files(project)
    page = files["es/small.html"].decode()
    tags = parse_html(files["es/small.html"]).tags
    assert not [t for t, _ in tags if t == "script"]
    assert not [a for _, a in tags for k in a if k.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;script&gt;alert(4)" in page
    assert not [a for _, a in tags if str(a.get("href", "")).startswith("javascript:")]
    images = [a["src"] for t, a in tags if t == "img"]
    assert len(images) == 1 and images[0].startswith("../media/")
    assert [p for p in files if p.startswith("media/")] == [images[0].removeprefix("../")]
    assert "[image left out: other.png]" in page and "[image left out: ../secret.png]" in page
