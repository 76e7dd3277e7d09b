"""The read-online page in a real browser: Debian's Chromium (Playwright) and axe-core.

What a reader on a phone gets from a shared link: the page in its language,
nothing fetched from elsewhere, images that load, text that fits the screen
without sideways scrolling, and no accessibility violation that axe-core
(the npm package ``scripts/setup.sh --test`` installs from package.json)
finds under WCAG 2.0, 2.1 and 2.2 A and AA, in light and dark colours, at
phone and desktop sizes.  The screenshots are inspected: not blank, and the
ink keeps a margin inside the viewport on both sides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page

from pliego.gettext.po import load_catalog
from pliego.markdown.segment import parse_article
from pliego.markdown.translated import translated_markdown
from tests.buildkit import DATA, LEAFLET
from tests.conftest import REPO
from tests.e2e.test_site_browser import browser, inspect_screenshot, serving
from tests.sitekit import add_pamphlet, add_site_templates

__all__ = ["browser"]  # the fixture, imported for the tests below
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def online_site(project: Path, tmp_path_factory: pytest.TempPathFactory, invoke) -> Path:  # type: ignore[no-untyped-def]
    """The leaflet published in Spanish and English from its translated Markdown."""
    cache = tmp_path_factory.mktemp("pdfs")
    add_site_templates(project)
    (project / "source" / "small.md").unlink()
    (project / "source" / LEAFLET.name).write_bytes(LEAFLET.read_bytes())
    images = project / "source" / LEAFLET.stem
    images.mkdir()
    for png in (LEAFLET.parent / LEAFLET.stem).glob("*.png"):
        (images / png.name).write_bytes(png.read_bytes())
    article = parse_article(LEAFLET.read_text(encoding="utf-8"), LEAFLET.name)
    spanish = {m.msgid: m.msgstr for m in load_catalog(DATA / "union-leaflet.es.po").active}
    for lang, translate in (("es", lambda u: spanish[u.msgid]), ("en", lambda u: u.msgid)):
        text = translated_markdown(article, translate, lang)
        title = parse_article(text, "t.md").front_matter["title"]
        add_pamphlet(project, lang, slug=LEAFLET.stem, title=title, markdown=text, cache_dir=cache)
    done = invoke(project, "publish", "--no-build")
    assert done.returncode == 0, done.stderr
    return project


def axe(page: Page) -> dict[str, Any]:
    assert AXE.is_file(), f"{AXE} is missing: run `bash scripts/setup.sh --test` (npm ci)"
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return result


def check_accessible(page: Page) -> None:
    result = axe(page)
    found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert found == [], found
    ran = {r["id"] for key in ("passes", "incomplete", "inapplicable") for r in result[key]}
    assert {"color-contrast", "html-has-lang", "image-alt", "target-size"} <= ran


def margins(path: Path) -> tuple[int, int]:
    """Pixels between the viewport's edges and the leftmost and rightmost ink."""
    image = Image.open(path).convert("RGB")
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1, 0)))
    box = ImageChops.difference(image, background).getbbox()
    assert box is not None, "blank screenshot"
    return box[0], image.width - box[2]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_page_reads_well_and_passes_axe(
    online_site: Path, browser: Browser, tmp_path: Path, size: str
) -> None:
    options = PHONE if size == "phone" else DESKTOP
    width = options["viewport"]["width"]  # type: ignore[index]
    with serving(online_site) as server:
        for scheme in ("light", "dark"):
            context = browser.new_context(**options, color_scheme=scheme)  # type: ignore[arg-type]
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda r, seen=requested: seen.append(r.url))
            answer = page.goto(server + "es/union-leaflet.html")
            assert answer is not None and answer.ok
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("lang") == "es"
            assert page.locator("h1").inner_text().startswith("Huelga del personal")
            assert all(u.startswith(server) for u in requested), requested
            sizes = page.locator("main img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
            assert len(sizes) == 2 and all(sizes), sizes
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            widest = page.evaluate(
                "Math.max(...[...document.querySelectorAll('main p, main li, main img, th, td')]"
                ".map(e => e.getBoundingClientRect().right))"
            )
            assert widest <= width
            check_accessible(page)
            shot = tmp_path / f"{size}-{scheme}.png"
            page.screenshot(path=str(shot))
            scale = 2 if size == "phone" else 1
            inspect_screenshot(shot, width * scale, options["viewport"]["height"] * scale)  # type: ignore[index]
            left, right = margins(shot)
            assert left >= 8 * scale and right >= 8 * scale, (left, right)
            if size == "phone":  # one column of text: the margins are the page's padding
                assert left <= 24 * scale
            context.close()


def test_print_stylesheet_and_usb_stick(online_site: Path, browser: Browser) -> None:
    """Opened from a folder offline (a USB stick), the page and its images still load;
    printed, it is the text alone, black on white."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto((online_site / "build" / "site" / "es" / "union-leaflet.html").as_uri())
    sizes = page.locator("main img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert len(sizes) == 2 and all(sizes)
    page.emulate_media(media="print")
    hidden = page.locator(".downloads, header.site, footer").evaluate_all(
        "els => els.map(e => getComputedStyle(e).display)"
    )
    assert hidden == ["none", "none", "none"]
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    after = page.locator("main a[href^='https']").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert "riverside-hfwu.example.org" in after
    context.close()
