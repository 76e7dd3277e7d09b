"""The build's text edition: the translated article as Markdown, beside the PDFs.

Editors who also publish on their own websites want the translation as a
file a static-site generator takes, not a PDF: ``build/<lang>/<slug>.md``
holds exactly the text the PDFs print (reviewed text in a release, the
English where a lowered ``release-threshold`` let a gap through), with the
article's front matter translated and ``lang`` set.  It is also what the
download site's read-online page is rendered from, so the sidecar records
which units are that English fallback (the page marks them ``lang="en"``;
Markdown itself has no way to say so).

An article whose translation cannot be written as Markdown that renders like
the English (:class:`pliego.markdown.translated.MarkdownRefused`) gets no
``.md`` and no read-online page; the build says why in a note, and the PDFs
are made as usual.
"""

from __future__ import annotations

from dataclasses import dataclass

from pliego.gettext.catalog import Catalog
from pliego.markdown.segment import Article
from pliego.markdown.translated import MarkdownRefused, translated_markdown
from pliego.pamphlet.marks import MARKABLE, MISSING, marking_translator
from pliego.pamphlet.release import article_translator


@dataclass(frozen=True)
class MarkdownEdition:
    """The Markdown text (``None`` when refused), the units left in English, and notes."""

    text: str | None
    english: tuple[int, ...]
    notes: tuple[str, ...] = ()


def markdown_edition(
    article: Article, catalog: Catalog | None, lang: str, *, source: bool, draft: bool
) -> MarkdownEdition:
    """The article in ``lang`` as the PDFs print it (``source``: the English itself)."""
    translate = article_translator(article, None if source else catalog, use_fuzzy=draft)
    english: tuple[int, ...] = ()
    if not source:
        marked = marking_translator(article, catalog, draft=draft)
        english = tuple(
            i
            for i, unit in enumerate(article.units)
            if unit.kind in MARKABLE and marked(unit).startswith(MISSING)
        )
    try:
        text = translated_markdown(article, translate, lang)
    except MarkdownRefused as exc:
        return MarkdownEdition(None, (), (f"{exc}: no {article.slug}.md and no read-online page",))
    return MarkdownEdition(text, english)
