"""`invoke build` writes the translated Markdown beside the PDFs, with the PDFs' text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from pliego.extract import read_article
from pliego.gettext.po import load_catalog
from pliego.markdown.assemble import render_document
from pliego.markdown.segment import render_html
from pliego.pamphlet.build import build_language
from pliego.pamphlet.release import article_translator
from pliego.paths import po_path
from pliego.project import read_settings
from tests.buildkit import LEAFLET, flat_text, make_project, spanish_leaflet
from tests.conftest import REPO, SMALL_ARTICLE

LOCALE_ES = REPO / "locale" / "es" / "LC_MESSAGES"


def same_html(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def test_the_markdown_holds_the_text_the_pdfs_print(tmp_path: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    root = spanish_leaflet(make_project(tmp_path / "p", article=LEAFLET))
    done = invoke(root, "build", "--lang", "es")
    assert done.returncode == 0, done.stderr
    assert "build/es/union-leaflet.md: translated Markdown" in done.stdout
    settings = read_settings(root)
    md = (root / "build" / "es" / "union-leaflet.md").read_text(encoding="utf-8")
    front = yaml.safe_load(md.split("---\n")[1])
    assert front["lang"] == "es" and front["date"] == "2024-03-15"
    assert (
        front["title"] == "Huelga del personal de limpieza y los camilleros del Hospital Riverside"
    )
    article = read_article(settings, root / "source" / LEAFLET.name)
    catalog = load_catalog(po_path(settings, "es", LEAFLET.stem))
    printed = render_document(article, article_translator(article, catalog, use_fuzzy=False))[1]
    assert same_html(render_html(md)) == same_html(printed)
    assert "Sección del Hospital Riverside" in flat_text(
        root / "build" / "es" / "union-leaflet.pdf"
    )
    sidecar = json.loads((root / "build" / "es" / "union-leaflet.json").read_text())
    assert sidecar["markdown"] == "union-leaflet.md" and sidecar["english"] == []

    # the stamp covers the Markdown: unchanged, nothing is rebuilt; removed, it comes back
    again = invoke(root, "build", "--lang", "es")
    assert "es/union-leaflet: up to date" in again.stdout
    (root / "build" / "es" / "union-leaflet.md").unlink()
    invoke(root, "build", "--lang", "es")
    assert (root / "build" / "es" / "union-leaflet.md").read_text(encoding="utf-8") == md


def test_an_english_fallback_is_listed_and_a_refused_article_gets_no_markdown(
    tmp_path: Path, invoke
) -> None:  # type: ignore[no-untyped-def]
    text = SMALL_ARTICLE + "\nSee [the list](<one\ntwo>).\n"
    root = make_project(tmp_path / "p", text=text)
    done = invoke(root, "build", "--lang", "en", "--editions", "reading")
    assert done.returncode == 0, done.stderr
    assert "no small.md and no read-online page" in done.stdout
    assert "source/small.md:14: the translated article cannot be written" in done.stdout
    assert not (root / "build" / "en" / "small.md").exists()
    assert json.loads((root / "build" / "en" / "small.json").read_text())["markdown"] is None
    assert (root / "build" / "en" / "small.pdf").is_file()

    ok = make_project(tmp_path / "q", text=SMALL_ARTICLE)
    pyproject = ok / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("release-threshold = 100", "release-threshold = 1")
    )
    settings = read_settings(ok)
    shutil.copy(LOCALE_ES / "pamphlet.po", po_path(settings, "es", "pamphlet"))
    po = po_path(settings, "es", "small")
    po.write_text(
        po.read_text().replace(
            'msgid "A heading"\nmsgstr ""', 'msgid "A heading"\nmsgstr "Un título"'
        )
    )
    build_language(settings, "es", editions=["reading"])
    sidecar = json.loads((ok / "build" / "es" / "small.json").read_text())
    article = read_article(settings, ok / "source" / "small.md")
    english = [article.units[i].msgid for i in sidecar["english"]]
    assert english == [
        "The first paragraph, with *emphasis* and a [link](https://example.org/).",
        "The second paragraph has 10,000 words in it.",
    ]
    md = (ok / "build" / "es" / "small.md").read_text(encoding="utf-8")
    assert "## Un título" in md and "The second paragraph has 10,000 words in it." in md
