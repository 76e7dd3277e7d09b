"""An article's images: looked up beside the article, confined to ``source/``, refused
in a release and noted in a draft with the article's line and the reason."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from pliego.errors import CatalogError
from pliego.markdown.segment import parse_article
from pliego.pamphlet.build import build_article
from pliego.pamphlet.images import ImageError, check_images, resolve_image
from pliego.pamphlet.release import ChecksRefused
from pliego.pamphlet.typeset import RefusedURL, StylesFetcher
from pliego.paths import articles
from pliego.project import read_settings
from tests.buildkit import fill, make_project

ARTICLE = """---
title: "Pictures"
date: "2024-03"
---

A first paragraph.

![A photograph](pictures/photo.png "The caption")

![Gone](pictures/gone.png)

Words with an icon ![icon](../outside.png) inside.
"""


def _png(path: Path, size: tuple[int, int] = (40, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 30, 40)).save(path)
    return path


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        ("https://example.org/a.png", "remote images are not fetched"),
        ("//example.org/a.png", "remote images are not fetched"),
        ("/etc/passwd", "an absolute path"),
        ("../outside.png", "outside source/"),
        ("pictures/link.png", "outside source/"),  # a symlink out of source/
        ("pictures/none.png", "no such file"),
        ("pictures", "not a regular file"),
        ("pictures/text.png", "not an image that can be read"),
        ("", "the image has no file name"),
    ],
)
def test_an_unusable_image_says_why(tmp_path: Path, src: str, reason: str) -> None:
    source = tmp_path / "source"
    _png(tmp_path / "outside.png")
    (source / "pictures").mkdir(parents=True)
    (source / "pictures" / "text.png").write_text("not a picture", encoding="utf-8")
    os.symlink(tmp_path / "outside.png", source / "pictures" / "link.png")
    found = resolve_image(source, src)
    assert isinstance(found, str) and found.startswith(reason), found


def test_a_good_image_resolves_from_the_article_folder(tmp_path: Path) -> None:
    photo = _png(tmp_path / "source" / "pictures" / "my photo.png")
    assert resolve_image(tmp_path / "source", "pictures/my%20photo.png") == photo.resolve()


def test_problems_name_the_article_line(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _png(source / "pictures" / "photo.png")
    article = parse_article(ARTICLE, "source/pictures.md")
    images = check_images(article, source)
    assert set(images.files) == {"pictures/photo.png"}
    assert images.notes("source/pictures.md") == (
        "source/pictures.md:10: image 'pictures/gone.png' left out: no such file",
        "source/pictures.md:12: image '../outside.png' left out: outside source/: "
        "images must live inside the project's source folder",
    )
    with pytest.raises(ImageError) as caught:
        images.refuse("source/pictures.md")
    assert (caught.value.path, caught.value.line) == ("source/pictures.md", 10)
    assert "no such file" in caught.value.message and "(and 1 more image)" in caught.value.message


@pytest.fixture
def pictures(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj", text=ARTICLE)
    _png(root / "source" / "pictures" / "photo.png")
    return root


def test_a_release_with_a_missing_image_is_refused(pictures: Path) -> None:
    settings = read_settings(pictures)
    (source,) = articles(settings)
    with pytest.raises(ImageError) as caught:
        build_article(settings, "en", source)
    assert str(caught.value).startswith("source/small.md:10: image 'pictures/gone.png'")
    assert not (pictures / "build" / "en" / "small.pdf").exists()


def test_a_draft_builds_without_it_and_says_where(pictures: Path) -> None:
    settings = read_settings(pictures)
    (source,) = articles(settings)
    built = build_article(settings, "en", source, draft=True, editions=["reading"])
    assert "source/small.md:10: image 'pictures/gone.png' left out: no such file" in built.notes
    assert any(n.startswith("source/small.md:12: image '../outside.png'") for n in built.notes)
    pdf = built.editions[0].path
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "[image left out: pictures/gone.png]" in text
    assert "Gone" not in text  # not the alt text as a stray paragraph
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert [tuple(line.split()[3:5]) for line in listing] == [("40", "30")]  # the one found


def test_a_translation_cannot_swap_in_another_file(tmp_path: Path) -> None:
    """Only the English source decides which files load: a translator's path is refused."""
    text = ARTICLE.split("![Gone]")[0] + "Words with an icon ![icon](pictures/photo.png) inside.\n"
    pictures = make_project(tmp_path / "proj", text=text)
    _png(pictures / "source" / "pictures" / "photo.png")
    _png(pictures / "source" / "pictures" / "private.png", (17, 13))
    settings = read_settings(pictures)
    fill(
        pictures,
        "es",
        "small",
        lambda m: (
            replace(m, msgstr="Palabras ![i](pictures/private.png).")
            if m.msgid.startswith("Words with")
            else None
        ),
    )
    (source,) = articles(settings)
    built = build_article(settings, "es", source, draft=True, editions=["reading"])
    assert (
        "locale/es/LC_MESSAGES/small.po: image 'pictures/private.png' left out: "
        "the English article does not use it"
    ) in built.notes
    listing = subprocess.run(
        ["pdfimages", "-list", str(built.editions[0].path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    assert {tuple(line.split()[3:5]) for line in listing} == {("40", "30")}
    with pytest.raises(ChecksRefused, match=r"small\.po:\d+: \[markdown\] "):
        build_article(settings, "es", source, force=True)  # invoke check rejects it first
    # and where an editor turned that gate off, the typesetter itself still stops it
    pyproject = pictures / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert "release-threshold = 100" in text
    pyproject.write_text(
        text.replace("release-threshold = 100", 'release-threshold = 100\nrelease-checks = "off"'),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as caught:
        build_article(read_settings(pictures), "es", source, force=True)
    assert caught.value.path == "locale/es/LC_MESSAGES/small.po"


def test_the_fetcher_serves_exactly_the_checked_images(tmp_path: Path) -> None:
    photo = _png(tmp_path / "source" / "a.png")
    other = _png(tmp_path / "source" / "b.png")
    fetcher = StylesFetcher(tmp_path / "styles", frozenset({photo}))
    assert fetcher.fetch(photo.as_uri()).headers["Content-Type"] == "image/png"
    with pytest.raises(RefusedURL):
        fetcher.fetch(other.as_uri())


def test_a_draft_marks_an_untranslated_caption_like_any_block_text(tmp_path: Path) -> None:
    """Reviewers find every passage still in English, the caption under a figure too."""
    from pliego.pamphlet.build import source_epoch
    from pliego.pamphlet.config import build_config
    from pliego.pamphlet.editions import prepare

    text = ARTICLE.split("![Gone]")[0]
    root = make_project(tmp_path / "proj", text=text)
    _png(root / "source" / "pictures" / "photo.png")
    settings = read_settings(root)
    (source,) = articles(settings)
    html = prepare(
        settings, build_config(settings), "es", source, draft=True, epoch=source_epoch()
    ).html
    assert '<figcaption><span class="pl-missing" lang="en">The caption</span></figcaption>' in html
    assert not any(c in html for c in "\ue000\ue001\ue002")


@pytest.mark.parametrize(
    ("lang", "marker"),
    [
        ("es", "[imagen omitida: pictures/gone.png]"),
        ("qu", "[rikchʼay mana kanchu: pictures/gone.png]"),
    ],
)
def test_the_left_out_marker_is_in_the_pamphlets_language(
    pictures: Path, lang: str, marker: str
) -> None:
    """The marker's words come from the project's pamphlet catalogue, like the cover's."""
    import shutil

    from tests.conftest import REPO

    settings = read_settings(pictures)
    shutil.copy(
        REPO / "locale" / lang / "LC_MESSAGES" / "pamphlet.po",
        pictures / "locale" / lang / "LC_MESSAGES" / "pamphlet.po",
    )
    (source,) = articles(settings)
    built = build_article(settings, lang, source, draft=True, editions=["reading"])
    text = subprocess.run(
        ["pdftotext", str(built.editions[0].path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert marker in " ".join(text.split())
    assert "image left out" not in text


def test_an_untranslated_marker_falls_back_to_english_in_a_draft(pictures: Path) -> None:
    settings = read_settings(pictures)
    (source,) = articles(settings)
    built = build_article(settings, "es", source, draft=True, editions=["reading"])
    text = subprocess.run(
        ["pdftotext", str(built.editions[0].path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "[image left out: pictures/gone.png]" in " ".join(text.split())
