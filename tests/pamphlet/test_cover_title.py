"""The cover title fits: at most four lines and never one word alone on the last
(:func:`pliego.pamphlet.cover.cover_title_size`), read from WeasyPrint's layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]

import pliego.pamphlet.cover as cover_module
from pliego.pamphlet.config import build_config
from pliego.pamphlet.cover import (
    MAX_TITLE_LINES,
    TITLE_SIZES,
    cover_title_size,
    decide_title_size,
    title_key,
    title_lines,
    with_title_size,
)
from pliego.pamphlet.editions import prepare
from pliego.pamphlet.fixes import LayoutCache, TitleSize
from pliego.pamphlet.stamp import design_digest
from pliego.pamphlet.typeset import StylesFetcher
from pliego.project import read_settings
from tests.buildkit import make_project
from tests.conftest import REPO, SMALL_ARTICLE

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


def test_a_cached_size_is_the_computed_one_and_is_used_while_its_key_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prep = prepare(SETTINGS, build_config(SETTINGS), "qu", ARTICLE, draft=False, epoch=0)
    design = design_digest(SETTINGS)
    decided = decide_title_size(prep.html, prep.templates, STYLES, design, None)
    assert decided.size == cover_title_size(prep.html, prep.templates, STYLES)
    assert decided.key == title_key(prep.html, design)
    # another key (a stale entry, even with a size no one would choose): laid out again
    stale = decide_title_size(
        prep.html, prep.templates, STYLES, design, TitleSize("another cover", 99.0)
    )
    assert stale == decided

    def no_layout(*args: object) -> float | None:
        raise AssertionError("the cached size should have been used")

    monkeypatch.setattr(cover_module, "cover_title_size", no_layout)
    assert decide_title_size(prep.html, prep.templates, STYLES, design, decided) is decided


def test_the_key_changes_with_the_title_and_the_design_not_with_the_text_after_it() -> None:
    page = _page("Runasimi")
    key = title_key(page, "design")
    assert title_key(page, "design") == key
    assert title_key(_page("Runasimi simi"), "design") != key
    assert title_key(page, "other styles") != key
    assert title_key(page.replace("pamphlet.css", "print.css"), "design") != key  # the head
    dated = page.replace("<head>", '<head><meta name="dcterms.created" content="2026-12-02">')
    assert title_key(dated, "design") == key  # metadata, never laid out
    later = page.replace("Whatever follows", "Something else follows")
    assert title_key(later, "design") == key  # only the page up to the title is laid out


def test_a_changed_stylesheet_changes_the_design_digest(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    before = design_digest(read_settings(root))
    css = root / "styles" / "pamphlet" / "pamphlet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a change */\n", encoding="utf-8")
    assert design_digest(read_settings(root)) != before


def test_the_title_size_is_cached_under_its_own_key(tmp_path: Path) -> None:
    cache = LayoutCache(tmp_path / "layout.json", "digest")
    assert cache.read()[1] is None  # no file
    cache.path.write_bytes(cache.dump({}, TitleSize("key", 21.0)))
    assert cache.read()[1] == TitleSize("key", 21.0)
    # the input digest changed (a paragraph edited): the title's entry still stands
    assert LayoutCache(cache.path, "another digest").read()[1] == TitleSize("key", 21.0)
    cache.path.write_bytes(cache.dump({}, TitleSize("key", None)))
    assert cache.read()[1] == TitleSize("key", None)
    cache.path.write_bytes(cache.dump({}))
    assert cache.read()[1] is None
    for damaged in ('{"title": {"key": 3, "size": 21}}', '{"title": {"key": "k", "size": "x"}}'):
        cache.path.write_text(damaged, encoding="utf-8")
        assert cache.read()[1] is None
    cache.path.write_text("{not json", encoding="utf-8")
    assert cache.read()[1] is None
