"""Translator text is untrusted: hostile msgstrs must not reach the file system or the PDF."""

from __future__ import annotations

import base64
import os
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf.generic import DictionaryObject

from pliego.errors import CatalogError
from pliego.gettext.catalog import Message
from pliego.pamphlet.build import build_language
from pliego.pamphlet.typeset import RefusedURL, StylesFetcher
from pliego.project import read_settings
from tests.buildkit import fill, flat_text, make_project, reader

ARTICLE = """---
title: "Safe words"
author: "Ana Pérez"
date: "2023-02"
---

First paragraph.

Second paragraph with *emphasis*.

## A heading

Third paragraph.

Fourth paragraph.

Fifth paragraph.

Sixth paragraph.
"""

SECRET = "pliego-secret-marker-7f3a"
HUGE_IMAGE = "![big](data:image/png;base64," + base64.b64encode(b"\0" * 120_000).decode() + ")"


def _hostile(secret: Path) -> dict[str, str]:
    return {
        "First paragraph.": f"![x](file://{secret}) and ![y](file:///etc/passwd) <img src=x>",
        "Second paragraph with *emphasis*.": f'<link rel="attachment" href="file://{secret}"> '
        f'<a rel="attachment" href="file://{secret}">attached</a>',
        "Third paragraph.": "<style>@import url(http://127.0.0.1:9/x.css);</style> "
        "<script>alert(1)</script>",
        "Fourth paragraph.": "![r](/dev/urandom) ![z](../../../../../dev/zero) "
        "![h](http://127.0.0.1:9/track.png)",
        "Fifth paragraph.": HUGE_IMAGE,
        "Sixth paragraph.": "word " * 2000 + "x" * 20_000,
        "A heading": "<h1>Not a heading</h1>",
        "Safe words": '</title><link rel="attachment" href="/etc/passwd">',
    }


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("hostile")
    secret = base / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    root = make_project(base / "proj", text=ARTICLE)
    table = _hostile(secret)

    def translate(m: Message) -> Message | None:
        text = table.get(m.msgid)
        return replace(m, msgstr=text, flags=()) if text else None

    def pamphlet(m: Message) -> Message:
        if m.msgid.startswith("Text:"):  # a placeholder the English does not have
            return replace(m, msgstr="Texto: %(secret)s %s", flags=())
        return replace(
            m, msgstr=f'<link rel="attachment" href="file://{secret}">"{m.msgid}', flags=()
        )

    fill(root, "es", "small", translate)
    fill(root, "es", "pamphlet", pamphlet)
    result = build_language(read_settings(root), "es", draft=True, editions=["reading"])
    return result.articles[0].editions[0].path, secret


def _walk(obj: object, seen: set[int]) -> list[DictionaryObject]:
    """Every dictionary reachable in the PDF."""
    found: list[DictionaryObject] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        item = item.get_object() if hasattr(item, "get_object") else item
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, dict):
            if isinstance(item, DictionaryObject):
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_no_embedded_file_no_foreign_content(hostile_pdf: tuple[Path, Path]) -> None:
    pdf = hostile_pdf[0]
    data = pdf.read_bytes()
    assert SECRET.encode() not in data
    r = reader(pdf)
    root = r.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert "/AF" not in root
    dicts = _walk(r.trailer, set())
    types = {str(d.get("/Type")) for d in dicts} | {str(d.get("/Subtype")) for d in dicts}
    assert "/EmbeddedFile" not in types and "/FileAttachment" not in types
    assert "/Image" not in types  # no image of any kind made it in
    assert "/JavaScript" not in types and not any("/JS" in d for d in dicts)
    links = [d for d in dicts if d.get("/Subtype") == "/Link"]
    assert all(str(d.get("/A", {}).get("/S")) != "/Launch" for d in links)


def test_raw_html_shows_as_text(hostile_pdf: tuple[Path, Path]) -> None:
    text = flat_text(hostile_pdf[0])
    assert "<script>alert(1)</script>" in text
    assert "<style>@import url(http://127.0.0.1:9/x.css);</style>" in text
    assert "<h1>Not a heading</h1>" in text
    assert '<link rel="attachment"' in text  # the pamphlet domain is escaped too
    assert "A pamphlet in Español" not in text  # no attribute was broken open
    assert "Text: Ana Pérez." in text  # a broken placeholder falls back to the English
    assert "![y] (file:///etc/passwd)" in text  # markdown-it refuses file: links


def test_fetcher_serves_styles_and_data_only(tmp_path: Path) -> None:
    styles = tmp_path / "styles"
    (styles / "fonts").mkdir(parents=True)
    (styles / "fonts" / "a.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", styles / "link.txt")
    os.symlink("/dev/urandom", styles / "random")
    fetcher = StylesFetcher(styles)
    ok = fetcher.fetch((styles / "fonts" / "a.css").as_uri())
    assert ok.url.endswith("/styles/fonts/a.css")
    data = fetcher.fetch("data:text/plain;base64," + base64.b64encode(b"hi").decode())
    assert data is not None
    for url in [
        (tmp_path / "outside.txt").as_uri(),
        (styles / "link.txt").as_uri(),
        (styles / "random").as_uri(),
        "file:///dev/urandom",
        f"file://{styles}/fonts/../../outside.txt",
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/",
        "ftp://example.org/x",
        "file://remote.example/etc/passwd",
        "data:image/png;base64," + "A" * 600_000,
    ]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 11


def test_a_megabyte_translation_is_refused_with_its_place(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", text=ARTICLE)

    def huge(m: Message) -> Message | None:
        return replace(m, msgstr="x" * 1_000_000) if m.msgid == "Third paragraph." else None

    fill(root, "es", "small", huge)
    with pytest.raises(CatalogError) as error:
        build_language(read_settings(root), "es", draft=True, editions=["reading"])
    message = str(error.value)
    assert message.startswith("locale/es/LC_MESSAGES/small.po:")
    assert "a translation of 1,000,000 characters" in message and "“Third paragraph.”" in message
    assert not (root / "build" / "es").exists()


def test_the_collector_is_paused_while_typesetting_then_finalizes_what_was_made() -> None:
    """No automatic pass while WeasyPrint works; at the end one pass over what was made,
    which frees a cycle (a document's) at once; a collector turned off stays off."""
    import gc

    from pliego.pamphlet.typeset import collector_paused

    done: list[str] = []

    class Cycle:
        def __del__(self) -> None:
            done.append("finalized")

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        c = Cycle()
        c.me = c  # type: ignore[attr-defined]
        del c
        assert done == []
    assert gc.isenabled() and done == ["finalized"]
    gc.disable()
    try:
        with collector_paused():
            c = Cycle()
            c.me = c  # type: ignore[attr-defined]
            del c
        assert not gc.isenabled() and done == ["finalized"]
    finally:
        gc.enable()
    gc.collect()
    assert done == ["finalized", "finalized"]


def test_typesetting_leaves_no_font_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint copies the fonts into a temporary folder that its font configuration
    removes when it is finalized: right after the PDF, not at some later collection
    (a pool worker leaves by ``os._exit``, where none comes)."""
    import tempfile

    from pliego.pamphlet.typeset import READING, typeset

    root = make_project(tmp_path / "proj", text=ARTICLE)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    styles = root / "styles"
    html = (
        '<html lang="en"><head><link rel="stylesheet" href="pamphlet.css"></head>'
        "<body><p>Words.</p></body></html>"
    )
    made = typeset(html, styles / "pamphlet", READING, identifier="t", fetcher_root=styles)
    assert made.pages >= 1
    assert list((tmp_path / "tmp").iterdir()) == []
