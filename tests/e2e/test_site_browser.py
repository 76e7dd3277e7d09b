"""End to end in a real browser: Debian's Chromium (through Playwright) against `invoke serve`.

What a distributor does: open the page, find their language, download each
edition, and check that the file is the one the manifest promises.  The
screenshots are inspected (right size, not blank), the phone layout must
not scroll sideways, and the same folder must work from file:// (a USB stick).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import _env
from tests.site.test_publish import SITE_PO
from tests.sitekit import add_pamphlet, add_site_templates

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NAMES = {"en": "English", "es": "español", "qu": "Runasimi"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def published(project: Path, tmp_path_factory: pytest.TempPathFactory, invoke) -> Path:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("pdfs")
    add_site_templates(project)
    po = project / "locale" / "es" / "LC_MESSAGES" / "site.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(SITE_PO, encoding="utf-8")
    add_pamphlet(
        project, "en", title="Peru: masses deepen resistance", author="KD Tait", cache_dir=cache
    )
    add_pamphlet(
        project,
        "es",
        title="Perú: las masas profundizan la resistencia",
        author="KD Tait",
        cache_dir=cache,
    )
    add_pamphlet(
        project, "qu", title="Perú: runakuna hatarinku", author="KD Tait", cache_dir=cache, pages=3
    )
    done = invoke(project, "publish", "--no-build")
    assert done.returncode == 0, done.stderr
    return project


@contextlib.contextmanager
def serving(project: Path) -> Iterator[str]:
    """`invoke serve` as a user starts it, on a free port; stopped with Ctrl-C (SIGINT)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.communicate()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "invoke serve did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert f"at http://127.0.0.1:{port}/" in out and "stopped" in out


@pytest.fixture
def server(published: Path) -> Iterator[str]:
    with serving(published) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def inspect_screenshot(path: Path, width: int, height: int) -> None:
    image = Image.open(path).convert("RGB")
    assert image.size == (width, height)
    stat = ImageStat.Stat(image)
    assert max(stat.var) > 500, stat.var  # text, covers and rules, not a blank page
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50


def test_distributor_downloads_every_edition(
    server: str, browser: Browser, published: Path, tmp_path: Path
) -> None:
    site = published / "build" / "site"
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    promised = {e["path"]: e["sha256"] for p in manifest["pamphlets"] for e in p["editions"]}
    assert len(promised) == 9

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    answer = page.goto(server)
    assert answer is not None and answer.ok
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == "pliego: Pamphlets to download and print"

    downloaded: dict[str, str] = {}
    for lang, name in NAMES.items():
        section = page.locator(f"section#lang-{lang}")
        assert section.get_attribute("lang") == lang
        assert section.locator("h2").inner_text() == name
        cover = section.locator("img.cover")
        assert cover.evaluate("img => img.complete && img.naturalWidth") == 320
        links = section.locator("a[download]")
        assert links.count() == 3
        for i in range(3):
            link = links.nth(i)
            href = link.get_attribute("href")
            assert href is not None
            with page.expect_download() as info:
                link.click()
            assert info.value.suggested_filename == link.get_attribute("download")
            assert info.value.suggested_filename.endswith(f"-{lang}.pdf")
            target = tmp_path / "downloads" / href
            info.value.save_as(target)
            downloaded[href] = hashlib.sha256(target.read_bytes()).hexdigest()
    assert downloaded == promised

    # Every other link on the page answers.
    for href in page.locator("a[href]:not([download])").evaluate_all(
        "links => links.map(a => a.href)"
    ):
        if "#" not in href:
            assert page.request.get(href).ok, href
    assert all(u.startswith(server) for u in requested), requested

    shot = tmp_path / "desktop.png"
    page.screenshot(path=str(shot))
    inspect_screenshot(shot, 1280, 900)

    # The language switch leads to the Spanish page, which keeps English where untranslated.
    page.get_by_role("link", name="español").first.click()
    page.wait_for_load_state()
    assert page.url == server + "es/index.html"
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#lang-qu a[download]").first.inner_text() == "Edición de lectura (A5)"
    assert (
        page.locator("#lang-qu img.cover").get_attribute("alt")
        == "Portada de Perú: runakuna hatarinku"
    )
    context.close()


def test_phone_layout_and_usb_stick(
    server: str, browser: Browser, published: Path, tmp_path: Path
) -> None:
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page: Page = phone.new_page()
    page.goto(server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    columns = page.locator("article.pamphlet").first.evaluate(
        "el => getComputedStyle(el).gridTemplateColumns"
    )
    assert len(columns.split()) == 1  # covers above the text on a phone
    shot = tmp_path / "phone.png"
    page.screenshot(path=str(shot))
    inspect_screenshot(shot, 780, 1688)
    phone.close()

    # Opened from a USB stick: no server, relative links, covers and styles still load.
    offline = browser.new_context(offline=True)
    page = offline.new_page()
    page.goto((published / "build" / "site" / "index.html").as_uri())
    covers = page.locator("img.cover").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert covers == [320, 320, 320]
    assert page.locator("a.skip").evaluate("a => getComputedStyle(a).position") == "absolute"
    page.keyboard.press("Tab")  # the skip link is the first thing a keyboard reaches
    assert page.evaluate("document.activeElement.className") == "skip"
    offline.close()


def test_a_phone_reader_sees_their_own_pamphlet_first_and_what_is_missing(
    published: Path, browser: Browser, tmp_path_factory: pytest.TempPathFactory, invoke
) -> None:  # type: ignore[no-untyped-def]
    add_pamphlet(
        published,
        "en",
        "strike",
        title="Cleaners and porters walk out",
        date="2024-03",
        cache_dir=tmp_path_factory.mktemp("pdfs"),
    )
    done = invoke(published, "publish", "--no-build")
    assert done.returncode == 0, done.stderr
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page: Page = phone.new_page()
    page.goto((published / "build" / "site" / "es" / "index.html").as_uri())
    first = page.locator("article.pamphlet").first
    assert first.get_attribute("id") == "es-small"
    box = first.bounding_box()
    assert box is not None and box["y"] < 844  # on the first screen, not after the English
    notice = page.locator("section.missing")
    assert notice.locator("cite").inner_text() == "Cleaners and porters walk out"
    notice.get_by_role("link", name="English").click()
    assert page.evaluate("location.hash") == "#en-strike"
    target = page.locator("#en-strike").bounding_box()
    assert target is not None and 0 <= target["y"] < 844  # the link took the reader there
    phone.close()
