"""Helpers for the build tests: throw-away projects, catalogues to fill, PDF oracles."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from pliego.extract import extract_article, extract_template_domain
from pliego.gettext.catalog import Message
from pliego.gettext.po import load_catalog, save_catalog
from pliego.paths import articles, po_path
from pliego.project import read_settings
from pliego.update import update_domain
from tests.conftest import REPO

A5 = (419.53, 595.28)
DATA = Path(__file__).parent / "data"
#: The shared test article: every feature a real leaflet uses (images in union-leaflet/).
LEAFLET = DATA / "union-leaflet.md"


#: The example address of the shipped settings: a release leaves it off the back cover.
PLACEHOLDER_URL = "https://pliego.example.org/"


def make_project(
    root: Path,
    *,
    article: Path | None = None,
    text: str | None = None,
    base_url: str = PLACEHOLDER_URL,
) -> Path:
    """A project with the repo's styles and tasks, one article and fresh catalogues
    (never the translators' work in progress)."""
    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "tasks.py", root / "tasks.py")
    shutil.copytree(REPO / "styles", root / "styles", ignore=shutil.ignore_patterns("site"))
    (root / "pyproject.toml").write_text(
        '[tool.pliego]\n\n[tool.pliego.languages.es]\nlocale = "es_PE"\n\n'
        "[tool.pliego.languages.qu]\n\n[tool.pliego.build]\nrelease-threshold = 100\n\n"
        f'[tool.pliego.site]\nbase-url = "{base_url}"\n',
        encoding="utf-8",
    )
    if article is not None:
        shutil.copy(article, root / "source" / article.name)
        images = article.with_suffix("")  # the article's own folder: source/<slug>/
        if images.is_dir():
            shutil.copytree(images, root / "source" / images.name)
    else:
        assert text is not None
        (root / "source" / "small.md").write_text(text, encoding="utf-8")
    settings = read_settings(root)
    for src in articles(settings):
        extract_article(settings, src)
    extract_template_domain(settings, "pamphlet")
    for lang in settings.languages:
        for domain in (*[p.stem for p in articles(settings)], "pamphlet"):
            update_domain(settings, lang, domain)
    return root


def fill(
    root: Path,
    lang: str,
    domain: str,
    translate: Callable[[Message], Message | None],
    translator: str | None = None,
) -> None:
    """Rewrite a catalogue's entries through ``translate`` (None keeps an entry as is)."""
    path = po_path(read_settings(root), lang, domain)
    catalog = load_catalog(path)
    messages = tuple((translate(m) or m) if not m.obsolete else m for m in catalog.messages)
    catalog = replace(catalog, messages=messages)
    if translator is not None:
        catalog = catalog.with_header("Last-Translator", translator)
    save_catalog(path, catalog)


def pdf_text(
    path: Path, first: int | None = None, last: int | None = None, *, raw: bool = False
) -> str:
    """poppler's text; ``raw`` keeps content-stream order (reads rotated words whole)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else [])]
    if first is not None:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def flat_text(path: Path) -> str:
    """The PDF's text with hyphenation undone and white space collapsed."""
    text = pdf_text(path)
    text = re.sub(r"[\u2010\u00ad-]\n", "", text)
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def page_texts(path: Path, *, halves: bool = False) -> list[str]:
    """poppler's text of each printed A5 page, hyphenation undone and white space
    collapsed; ``halves`` reads each sheet side of a booklet as its two A5 pages.
    Raw order: poppler's default drops an address's own "-" at a line's end (the
    design's hyphenation prints U+2010, undone here)."""
    info = pdfinfo(path)
    width, height = (float(x) for x in info["Page size"].split()[0:3:2])
    crops = [(0.0, width)] if not halves else [(0.0, width / 2), (width / 2, width / 2)]
    texts = []
    for page in range(1, int(info["Pages"]) + 1):
        for x, w in crops:
            args = ["-f", str(page), "-l", str(page), "-x", str(int(x)), "-y", "0"]
            args += ["-W", str(int(w)), "-H", str(int(height) + 1)]
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-raw", *args, str(path), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            text = re.sub(r"[\u2010\u00ad]\n", "", text)
            texts.append(re.sub(r"\s+", " ", text.replace("\u00ad", "")))
    return texts


def boxes(path: Path, page: int = 1) -> dict[str, tuple[float, ...]]:
    out = subprocess.run(
        ["pdfinfo", "-box", "-f", str(page), "-l", str(page), str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, tuple[float, ...]] = {}
    for line in out.splitlines():
        m = re.match(r"^(?:Page\s+\d+\s+)?(\w+Box):\s+(.*)$", line)
        if m:
            found[m.group(1)] = tuple(float(x) for x in m.group(2).split())
    return found


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (ln.partition(":") for ln in out.splitlines())}


def fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def reader(path: Path) -> PdfReader:
    return PdfReader(BytesIO(path.read_bytes()))


def size(box: tuple[float, ...]) -> tuple[float, float]:
    return (round(box[2] - box[0], 2), round(box[3] - box[1], 2))


def spanish_leaflet(root: Path) -> Path:
    """Translate the leaflet completely into Spanish: the article from the test
    translation (``union-leaflet.es.po``, every entry reviewed) and the design's
    words from the project's own Spanish ``pamphlet`` catalogue."""
    settings = read_settings(root)
    shutil.copy(
        REPO / "locale" / "es" / "LC_MESSAGES" / "pamphlet.po", po_path(settings, "es", "pamphlet")
    )
    ours = {
        m.msgid: m.msgstr for m in load_catalog(DATA / "union-leaflet.es.po").messages if m.msgid
    }
    missing = [
        m.msgid
        for m in load_catalog(po_path(settings, "es", LEAFLET.stem)).messages
        if m.msgid and m.msgid not in ours and not m.obsolete
    ]
    assert not missing, f"union-leaflet.es.po lacks {missing}"
    fill(
        root,
        "es",
        LEAFLET.stem,
        lambda m: replace(m, msgstr=ours[m.msgid], flags=()) if m.msgid else None,
        translator="Lucía Huamán <lucia@example.org>",
    )
    return root
