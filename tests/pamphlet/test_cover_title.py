"""The cover title fits: at most four lines and never one word alone on the last
(:func:`pliego.pamphlet.cover.cover_title_size`), read from WeasyPrint's layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]

from pliego.pamphlet.config import build_config
from pliego.pamphlet.cover import (
    MAX_TITLE_LINES,
    TITLE_SIZES,
    cover_title_size,
    title_lines,
    with_title_size,
)
from pliego.pamphlet.editions import prepare
from pliego.pamphlet.typeset import StylesFetcher
from pliego.project import read_settings
from tests.conftest import REPO

SETTINGS = read_settings(REPO)
ARTICLE = REPO / "source" / "peru-masses-deepen-resistance.md"
STYLES = REPO / "styles"


def _lines(html: str, templates: Path) -> list[str]:
    page = HTML(string=html, base_url=str(templates) + "/", url_fetcher=StylesFetcher(STYLES))
    return title_lines(page.render())


@pytest.fixture(scope="module", params=["en", "es", "qu"])
def shipped(request: pytest.FixtureRequest) -> tuple[str, str, Path]:
    prep = prepare(SETTINGS, build_config(SETTINGS), request.param, ARTICLE, draft=False, epoch=0)
    return request.param, prep.html, prep.templates


def test_every_shipped_cover_title_fits(shipped: tuple[str, str, Path]) -> None:
    lang, html, templates = shipped
    size = cover_title_size(html, templates, STYLES)
    lines = _lines(with_title_size(html, size), templates)  # the whole pamphlet, laid out
    assert 0 < len(lines) <= MAX_TITLE_LINES, (lang, size, lines)
    assert len(lines) == 1 or len(lines[-1].split()) >= 2, (lang, size, lines)
    if lang == "en":
        assert size is None  # a title that fits keeps the design's size


def test_the_quechua_title_did_not_fit_at_the_designs_size() -> None:
    prep = prepare(SETTINGS, build_config(SETTINGS), "qu", ARTICLE, draft=False, epoch=0)
    lines = _lines(prep.html, prep.templates)
    assert len(lines) == 5 and [len(line.split()) for line in lines][2:] == [1, 1, 1], lines
    size = cover_title_size(prep.html, prep.templates, STYLES)
    assert size is not None and size < TITLE_SIZES[0]
    assert f'<h1 class="cover-title" style="font-size: {size:g}pt">' in with_title_size(
        prep.html, size
    )


def _page(title: str) -> str:
    return (
        '<!DOCTYPE html><html lang="qu"><head><link rel="stylesheet" href="pamphlet.css">'
        f'</head><body><section class="cover"><h1 class="cover-title">{title}</h1>'
        "<p>Whatever follows the title is not laid out.</p></section></body></html>"
    )


def test_a_short_title_keeps_the_designs_size() -> None:
    templates = REPO / "styles" / "pamphlet"
    assert cover_title_size(_page("Runasimi"), templates, STYLES) is None
    assert with_title_size(_page("x"), None) == _page("x")


def test_when_no_size_fits_the_fewest_lines_win() -> None:
    """Five words each wider than half the column: five lines at every size, so no
    size fits, every size ties on the fewest lines, and the design's size is kept."""
    templates = REPO / "styles" / "pamphlet"
    title = " ".join(["huñunakuchkarqankupuni"] * 5)
    counts = [len(_lines(with_title_size(_page(title), s), templates)) for s in TITLE_SIZES]
    assert counts == [5] * len(TITLE_SIZES)
    assert cover_title_size(_page(title), templates, STYLES) is None


def test_no_title_no_change() -> None:
    html = "<html><body><p>No cover here.</p></body></html>"
    assert cover_title_size(html, REPO / "styles" / "pamphlet", STYLES) is None
