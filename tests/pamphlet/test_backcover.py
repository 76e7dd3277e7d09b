"""The back cover's download address: never a placeholder address or QR code in a release."""

from __future__ import annotations

from pathlib import Path

import pytest

from pliego.pamphlet.build import build_article
from pliego.pamphlet.config import build_config
from pliego.pamphlet.editions import prepare
from pliego.paths import articles
from pliego.project import read_settings
from tests.buildkit import PLACEHOLDER_URL, flat_text, make_project, pdfinfo
from tests.conftest import SMALL_ARTICLE

REAL_URL = "https://folletos.pliego.test/"
DOWNLOAD = "Download this pamphlet, in this and other languages"


def _build(root: Path, *, draft: bool) -> tuple[str, tuple[str, ...], str]:
    """The back cover's text, the build's notes and the reading edition's HTML."""
    settings = read_settings(root)
    (source,) = articles(settings)
    built = build_article(settings, "en", source, draft=draft, editions=["reading", "print"])
    reading = next(e.path for e in built.editions if e.kind == "reading")
    pages = int(pdfinfo(reading)["Pages"])
    back = flat_text(reading).split("A small article")[-1]
    html = prepare(settings, build_config(settings), "en", source, draft=draft, epoch=0).html
    assert pages >= 2
    return back, built.notes, html


def test_a_release_leaves_a_placeholder_address_and_its_qr_code_out(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE, base_url=PLACEHOLDER_URL)
    back, notes, html = _build(root, draft=False)
    assert "pliego.example" not in back and DOWNLOAD not in back
    assert 'class="qr"' not in html and "pliego.example" not in html
    said = [n for n in notes if "placeholder" in n]
    assert said == [
        "back cover: no download address or QR code printed: base-url "
        f"{PLACEHOLDER_URL} in [tool.pliego.site] is a placeholder; set it to where the "
        "site will be published"
    ]
    printed = flat_text(root / "build" / "en" / "small-print.pdf")
    assert "pliego.example" not in printed and DOWNLOAD not in printed


def test_a_draft_shows_it_with_the_placeholder_note(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE, base_url=PLACEHOLDER_URL)
    back, notes, html = _build(root, draft=True)
    assert PLACEHOLDER_URL in back and DOWNLOAD in back
    assert 'class="qr"' in html
    assert [n for n in notes if "placeholder" in n] == [
        f"the download address {PLACEHOLDER_URL} is a placeholder: the QR code and the feed "
        "point nowhere; set base-url in [tool.pliego.site] to where the site will be published"
    ]


@pytest.mark.parametrize("draft", [False, True])
def test_a_real_address_is_printed_with_its_qr_code_and_no_note(
    tmp_path: Path, draft: bool
) -> None:
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE, base_url=REAL_URL)
    back, notes, html = _build(root, draft=draft)
    assert REAL_URL in back and DOWNLOAD in back
    assert 'class="qr"' in html
    assert not [n for n in notes if "placeholder" in n or "back cover" in n]
