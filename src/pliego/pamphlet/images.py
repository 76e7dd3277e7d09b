"""An article's images: where they are looked up, what is refused, how they print.

An image belongs to its article, not to the design: a relative path in
``![alt](path)`` is resolved from the article's own folder (``source/``), and
the convention, documented in ``docs/build.md``, is one folder per article,
``source/<slug>/``.  The resolved file must stay inside ``source/`` (no
``..`` or symlink way out), be a regular file of reasonable size and be an
image Pillow can open; remote and absolute addresses are refused, because a
pamphlet must not depend on the network or on one machine's disk.

Only the English source decides which files are loaded: its images are checked
here, with the article's line, and :class:`pliego.pamphlet.typeset.StylesFetcher`
then serves exactly those files and nothing else, so a translation that
changes an image's path cannot make WeasyPrint read another file.

A problem stops a release (:class:`ImageError`) and is a note in a draft, whose
page then shows where the image was left out instead of a stray alt text.
"""

from __future__ import annotations

import html
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from pliego.errors import SourceError
from pliego.markdown.segment import Article
from pliego.pamphlet.typeset import MAX_IMAGE_BYTES


class ImageError(SourceError):
    """An image the English article names cannot be printed."""


@dataclass(frozen=True)
class ImageRef:
    """One image in the English article: its address as written and where."""

    src: str
    line: int
    block: bool  # alone in its paragraph: a figure, not an inline image


@dataclass(frozen=True)
class Problem:
    ref: ImageRef
    reason: str


def image_refs(article: Article) -> tuple[ImageRef, ...]:
    """Every image of the article, in order, with the line of its block."""
    tokens, _ = article.tokens()
    found: list[ImageRef] = []
    for token in tokens:
        if token.type != "inline":
            continue
        children = token.children or []
        line = token.map[0] + 1 if token.map else 1
        block = len(children) == 1
        found += [
            ImageRef(str(c.attrs.get("src", "")), line, block)
            for c in children
            if c.type == "image"
        ]
    return tuple(found)


def resolve_image(folder: Path, src: str) -> Path | str:
    """The file ``src`` names from the article's ``folder``, or why it cannot be used."""
    split = urlsplit(src)
    if split.scheme or split.netloc:
        return "remote images are not fetched: save the file under source/ and link to it"
    if not split.path:
        return "the image has no file name"
    if split.path.startswith("/"):
        return "an absolute path: write it relative to the article's folder"
    root = folder.resolve()
    path = (folder / unquote(split.path)).resolve()
    if not path.is_relative_to(root):
        return "outside source/: images must live inside the project's source folder"
    try:
        info = path.stat()
    except OSError:
        return "no such file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_IMAGE_BYTES:
        return f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return "not an image that can be read (PNG, JPEG, GIF or WebP)"
    return path


@dataclass(frozen=True)
class ArticleImages:
    """The checked images: the files that may be loaded, and the problems."""

    files: dict[str, Path]
    problems: tuple[Problem, ...]

    def notes(self, where: str) -> tuple[str, ...]:
        return tuple(
            f"{where}:{p.ref.line}: image {p.ref.src!r} left out: {p.reason}" for p in self.problems
        )

    def refuse(self, where: str) -> None:
        """A release with a broken image is refused, naming the first one (and how many)."""
        if not self.problems:
            return
        first = self.problems[0]
        more = len(self.problems) - 1
        raise ImageError(
            f"image {first.ref.src!r} cannot be printed: {first.reason}"
            + (f" (and {more} more image{'s' if more > 1 else ''})" if more else ""),
            path=where,
            line=first.ref.line,
            hint="put the image in source/<slug>/ and write its path from source/, "
            "e.g. ![what it shows](<slug>/photo.jpg); a draft (--draft) builds without it",
        )


def check_images(article: Article, folder: Path) -> ArticleImages:
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for ref in image_refs(article):
        found = resolve_image(folder, ref.src)
        if isinstance(found, Path):
            files[ref.src] = found
        else:
            problems.append(Problem(ref, found))
    return ArticleImages(files, tuple(problems))


def place_images(
    tokens: list[Token],
    images: ArticleImages,
    foreign: list[str],
    left_out: Callable[[str], str],
    locate: Callable[[Path], str] = Path.as_uri,
) -> None:
    """Point each image at its checked file (``locate`` gives its address: a ``file:``
    URI for the typesetter, a site path for the read-online page); a lone image
    becomes a figure whose caption is its (translated) title; an image left out is
    marked where it was, with the HTML ``left_out(src)`` gives (in the pamphlet's
    language).

    An address the English article does not use (a translation changed it) is
    never loaded: it is marked and appended to ``foreign`` for the caller to report."""
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        lone = len(token.children) == 1 and token.children[0].type == "image"
        for n, child in enumerate(token.children):
            if child.type != "image":
                continue
            src = str(child.attrs.get("src", ""))
            if src not in images.files:
                if src not in {p.ref.src for p in images.problems}:
                    foreign.append(src)
                marker = Token("html_inline", "", 0)
                marker.content = left_out(src)
                token.children[n] = marker
                continue
            child.attrs["src"] = locate(images.files[src])
            if not lone:
                child.attrs["class"] = "inline"
        if lone and token.children[0].type == "image" and index > 0:
            _figure(tokens, index)


def _figure(tokens: list[Token], index: int) -> None:
    opening, closing = tokens[index - 1], tokens[index + 1]
    if opening.type != "paragraph_open" or closing.type != "paragraph_close" or opening.hidden:
        return
    image = (tokens[index].children or [])[0]
    title = str(image.attrs.pop("title", "") or "")
    opening.type, opening.tag, opening.nesting = "html_block", "", 0
    opening.content = '<figure class="image">'
    caption = f"<figcaption>{html.escape(title)}</figcaption>" if title else ""
    closing.type, closing.tag, closing.nesting = "html_block", "", 0
    closing.content = f"{caption}</figure>\n"


#: What a press asks of a photograph at its printed size.
PRINT_PPI = 300


def low_resolution_notes(
    resolutions: tuple[tuple[str, int], ...], images: ArticleImages
) -> list[str]:
    """The print edition's warning for each article image below :data:`PRINT_PPI`."""
    by_uri = {path.as_uri(): src for src, path in images.files.items()}
    notes = []
    for uri, ppi in dict(resolutions).items():
        if uri in by_uri and ppi < PRINT_PPI:
            notes.append(
                f"print edition: image {by_uri[uri]!r} prints at {ppi} ppi, below the "
                f"{PRINT_PPI} a press needs: use a larger file (at least "
                f"{PRINT_PPI / ppi:.1f} times as many pixels across)"
            )
    return notes
