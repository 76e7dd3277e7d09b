"""The layout audit inside a build: what remains is listed with page numbers,
``layout = "fail"`` refuses it, and the fixes are cached by input digest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pliego.pamphlet.cover as cover_module
import pliego.pamphlet.editions as editions_module
from pliego.errors import ConfigError
from pliego.pamphlet.build import build_language
from pliego.pamphlet.config import build_config
from pliego.pamphlet.fixes import Fix, LayoutCache, LayoutRefused
from pliego.project import read_settings
from tests.buildkit import make_project
from tests.conftest import ARTICLE, SMALL_ARTICLE


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped English article: its first render has defects of several kinds."""
    return make_project(tmp_path_factory.mktemp("layout") / "proj", article=ARTICLE)


def _set(root: Path, line: str) -> None:
    """``line`` as the build table's ``layout`` setting (replacing any earlier one)."""
    pyproject = root / "pyproject.toml"
    kept = [
        ln
        for ln in pyproject.read_text(encoding="utf-8").splitlines()
        if not ln.startswith("layout =")
    ]
    text = "\n".join(kept) + "\n"
    pyproject.write_text(text.replace("[tool.pliego.build]\n", f"[tool.pliego.build]\n{line}\n"))


def test_remaining_defects_are_listed_with_pages_or_refused(
    real: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editions_module, "MAX_PASSES", 0)  # no pass: the first render's defects
    result = build_language(read_settings(real), "en", force=True, editions=["reading"])
    layout = [n for n in result.articles[0].notes if ": layout: " in n]
    assert layout and all(
        n.startswith("reading edition (and booklet): layout: page ") for n in layout
    )
    assert any("a word hyphenated across the page turn" in n for n in layout)
    _set(real, 'layout = "fail"')
    with pytest.raises(LayoutRefused) as refused:
        build_language(read_settings(real), "en", force=True, editions=["reading"])
    assert refused.value.path == "source/peru-masses-deepen-resistance.md"
    assert "page 2: a word hyphenated across the page turn" in refused.value.message
    assert 'layout = "warn"' in (refused.value.hint or "")
    draft = build_language(read_settings(real), "en", draft=True, force=True, editions=["reading"])
    assert [n for n in draft.articles[0].notes if ": layout: " in n]  # a proof lists, never fails
    _set(real, 'layout = "warn"')


def test_the_passes_leave_nothing_and_their_fixes_are_cached(real: Path) -> None:
    result = build_language(read_settings(real), "en", force=True, editions=["reading"])
    assert not [n for n in result.articles[0].notes if ": layout: " in n]
    cache = real / "build" / "en" / ".peru-masses-deepen-resistance.pdf.layout.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert {a for a, _, _ in data["editions"]["reading"]} >= {"keep", "bind"}
    stale = LayoutCache(cache, "another digest")
    assert stale.read()[0] == {}
    fresh = LayoutCache(cache, data["digest"])
    assert Fix(*data["editions"]["reading"][0]) in fresh.read()[0]["reading"]
    cache.write_text("{not json", encoding="utf-8")
    assert fresh.read()[0] == {}  # a damaged cache costs passes, never the build


def test_the_setting_is_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    assert build_config(read_settings(root)).layout == "warn"
    _set(root, 'layout = "maybe"')
    with pytest.raises(ConfigError, match="layout must be one of 'warn', 'fail'"):
        build_config(read_settings(root))


def test_a_rebuild_takes_the_cover_titles_size_from_the_cache(
    real: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1675900800")  # the same bytes twice
    build_language(read_settings(real), "en", force=True, editions=["reading"])
    pdf = real / "build" / "en" / "peru-masses-deepen-resistance.pdf"
    cache = real / "build" / "en" / ".peru-masses-deepen-resistance.pdf.layout.json"
    first, recorded = pdf.read_bytes(), json.loads(cache.read_text(encoding="utf-8"))["title"]
    assert recorded["size"] is None  # the English title fits at the design's size

    def no_layout(*args: object) -> float | None:
        raise AssertionError("the cover title was laid out again")

    monkeypatch.setattr(cover_module, "cover_title_size", no_layout)
    build_language(read_settings(real), "en", force=True, editions=["reading"])
    assert pdf.read_bytes() == first
    assert json.loads(cache.read_text(encoding="utf-8"))["title"] == recorded
