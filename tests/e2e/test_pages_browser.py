"""The paged index in a real browser (issue 16, target 6): Debian's Chromium (Playwright)
against `invoke serve`, on a site of 45 pamphlets in three languages (English on two
pages), at phone and desktop sizes in light and dark colours: no axe-core violation,
every link reachable with the keyboard, the pager's previous and next links working,
screenshots inspected."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.e2e.test_online_browser import DESKTOP, PHONE, check_accessible
from tests.e2e.test_site_browser import browser, inspect_screenshot, serving
from tests.sitekit import add_many, add_site_templates

__all__ = ["browser"]  # the fixture, imported for the tests below
INDEXES = ["index.html", "page-2.html", "es/index.html", "qu/index.html"]


@pytest.fixture
def many_site(project: Path, tmp_path_factory: pytest.TempPathFactory, invoke) -> Path:  # type: ignore[no-untyped-def]
    add_site_templates(project)
    add_many(project, tmp_path_factory.mktemp("pdfs"))
    done = invoke(project, "publish", "--no-build")
    assert done.returncode == 0, done.stderr
    return project


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_index_page_passes_axe_and_fits(
    many_site: Path, browser: Browser, tmp_path: Path, size: str
) -> None:
    options = PHONE if size == "phone" else DESKTOP
    width = options["viewport"]["width"]  # type: ignore[index]
    scale = 2 if size == "phone" else 1
    with serving(many_site) as server:
        for scheme in ("light", "dark"):
            context = browser.new_context(**options, color_scheme=scheme)  # type: ignore[arg-type]
            page = context.new_page()
            for path in INDEXES:
                answer = page.goto(server + path)
                assert answer is not None and answer.ok, path
                assert page.evaluate("document.documentElement.scrollWidth") <= width, path
                check_accessible(page)
                shot = tmp_path / f"{size}-{scheme}-{path.replace('/', '-')}.png"
                page.screenshot(path=str(shot))
                inspect_screenshot(shot, width * scale, options["viewport"]["height"] * scale)  # type: ignore[index]
                pager = page.locator("nav.pages")
                if path not in ("index.html", "page-2.html"):
                    assert pager.count() == 0  # a list of one page has no pager
                    continue
                pager.scroll_into_view_if_needed()
                page.screenshot(path=str(shot.with_suffix(".pager.png")))
                assert pager.get_attribute("aria-label") == "Pages of the list"
                current = page.locator("nav.pages [aria-current=page]").inner_text()
                assert current == ("1" if path == "index.html" else "2")
            context.close()


def test_the_pager_and_every_link_by_keyboard(many_site: Path, browser: Browser) -> None:
    with serving(many_site) as server:
        context = browser.new_context(**PHONE)  # type: ignore[arg-type]
        page = context.new_page()
        for path in INDEXES:
            page.goto(server + path)
            links = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
            reached: list[str] = []
            for _ in range(len(links) + 5):
                page.keyboard.press("Tab")
                here = page.evaluate("document.activeElement.href || ''")
                if here:
                    reached.append(here)
            assert sorted(reached[: len(links)]) == sorted(links), path
        page.goto(server + "index.html")
        page.get_by_role("link", name="Next page").click()
        page.wait_for_url(server + "page-2.html")
        assert page.title().endswith("(Page 2 of 2)")
        page.get_by_role("link", name="Previous page").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(server + "index.html")
        page.goto(server + "qu/index.html")
        assert page.locator("nav.pages").count() == 0
        missing = page.locator("#h-missing + p + ul a").first
        target = missing.get_attribute("href")
        assert target is not None and target.startswith("../index.html#en-")
        missing.click()
        page.wait_for_url(server + target[3:])
        assert page.locator(target[target.index("#") :]).count() == 1
        context.close()
