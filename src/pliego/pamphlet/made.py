"""The values the steps of a build hand on: the prepared HTML, the reading edition
made (what the other editions start from), the editions made.

Apart from :mod:`pliego.pamphlet.editions` (which makes them) because a parallel
build sends them between worker processes (:mod:`pliego.pamphlet.pool`): they
hold text, bytes, paths and the layout's outcome, nothing tied to a process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pliego.gettext.translations import TemplateTranslations
from pliego.pamphlet.document import Pamphlet
from pliego.pamphlet.fixes import Fix, Settled, TitleSize
from pliego.pamphlet.images import ArticleImages
from pliego.pamphlet.markdown_edition import MarkdownEdition


@dataclass(frozen=True)
class Made:
    """PDF bytes per edition kind (with page count and paper), the pamphlet, notes, and
    the pamphlet strings shown in English because their translation broke a placeholder."""

    files: dict[str, tuple[bytes, int, str]]
    pamphlet: Pamphlet
    notes: tuple[str, ...]
    fallbacks: tuple[str, ...] = ()
    markdown: MarkdownEdition = field(default_factory=lambda: MarkdownEdition(None, ()))
    #: the layout passes' outcome per typeset edition (reading, print)
    layout: Mapping[str, Settled] = field(default_factory=dict)
    #: the cover title's size and what it was decided for (cached with the layout)
    title: TitleSize | None = None


@dataclass(frozen=True)
class Prepared:
    """The rendered reading-edition HTML and what went into it."""

    pamphlet: Pamphlet
    html: str
    templates: Path
    translations: TemplateTranslations
    extra: dict[str, Any]
    images: ArticleImages
    notes: tuple[str, ...]  # what a draft printed without (a release refuses instead)
    markdown: MarkdownEdition
    where: str = ""  # the article, relative to the project (for messages)
    #: the English article's line of each note, by printed number (for messages)
    note_lines: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Started:
    """The reading edition made, and what the other editions start from: the
    prepared HTML, the cover title's size and the reading edition's layout (the
    print edition's first guess).  Travels between worker processes."""

    prep: Prepared
    #: the cover title's size with its cache key
    title: TitleSize
    cached: Mapping[str, tuple[Fix, ...]]
    files: Mapping[str, tuple[bytes, int, str]]
    notes: tuple[str, ...]
    refused: tuple[str, ...]
    fonts: tuple[str, ...]
    layout: Mapping[str, Settled]

    @property
    def title_size(self) -> float | None:
        """The cover title's size (pt; ``None``: the design's own)."""
        return self.title.size

    @property
    def reading(self) -> bytes:
        """The reading edition's PDF (empty when it was not asked for)."""
        return self.files["reading"][0] if "reading" in self.files else b""
