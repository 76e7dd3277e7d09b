"""How the checks read one entry's inline Markdown.

Every check judges a text the way markdown-it reads it, so a character that
belongs to markup (the ``!`` of an image, the ``[`` of a link, the spaces a
code span leaves behind) is never mistaken for prose, and the markdown check
alone judges the markup:

* :func:`parse` is the build's parser (:func:`pliego.markdown.segment.markdown_parser`)
  except that it accepts every link target.  markdown-it refuses ``file:``,
  ``javascript:`` and ``data:`` targets and leaves such a link as plain text;
  the check must still see it as the link or image the translator meant to
  add, or it would report a stray ``!`` and ``[`` instead of the added image.
* :func:`plain_text` is what a reader reads: link and emphasis text, without
  link targets, images, code spans and footnote references.
* :func:`html_tags` finds raw HTML, which the build never renders (it would
  print ``<b>`` as text), with markdown-it's own recogniser of inline HTML.

Results are cached per text: several checks look at the same text, and
:func:`plain_text`, :func:`html_tags` and, for most texts, the markdown check
(:func:`shared_parse`) share one parse of it (markdown-it's parse was most of
``invoke check``'s time, four parses per entry).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parser is imported when a text first needs it (see _parser)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")
#: Stands where the plain text had markup that is not prose (a code span, an
#: image): neither a letter, a space nor punctuation any check looks for.
OBJECT = "\ufffc"


def env_for(*texts: str) -> dict[str, Any]:
    """A parser environment in which every ``[^label]`` of the texts is a
    known footnote (the definitions live elsewhere in the article)."""
    labels = {m.group(1) for t in texts for m in _FOOTNOTE_LABEL.finditer(t)}
    return {"footnotes": {"refs": {f":{label}": -1 for label in sorted(labels)}, "list": {}}}


def _any_link(url: str) -> bool:
    return True


@cache
def _parser(*, html: bool = False) -> MarkdownIt:
    """The build's parser accepting any link target; with ``html`` it also
    recognises raw HTML (which the build prints as text) as such.

    A new instance of the build's configuration: the build's own parser is
    cached and shared, and must stay as strict as it is.  Imported here: a
    catalogue of plain prose (:func:`is_plain`) never needs markdown-it, whose
    import is a tenth of ``invoke check``'s start-up."""
    from pliego.markdown.segment import markdown_parser

    md = markdown_parser.__wrapped__()
    md.options["html"] = html
    # An instance attribute: markdown-it calls self.validateLink(url).
    setattr(md, "validateLink", _any_link)  # noqa: B010
    return md


def walk(tokens: Iterable[Token]) -> Iterator[Token]:
    """Every token and, depth first, its children."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def parse(text: str, env: dict[str, Any] | None = None) -> list[Token]:
    """The inline tokens of ``text`` (links with any target count as links)."""
    return list(walk(_parser().parseInline(text, env if env is not None else env_for(text))))


@lru_cache(maxsize=8192)
def _html_parse(text: str) -> tuple[Token, ...]:
    """The inline tokens of ``text`` read with raw HTML recognised; shared by
    :func:`plain_text` and :func:`html_tags`, which only read them."""
    return tuple(_parser(html=True).parseInline(text, env_for(text)))


def shares_parse(*texts: str) -> bool:
    """Whether the markdown check may read ``texts`` from the one parse per text
    the other checks use (:func:`shared_parse`) instead of parsing them again
    with raw HTML off and one environment for the pair.

    The two parses differ only in two places: raw HTML (a ``<``), which the
    shared parse recognises, and inline footnotes (``^[…]``), whose tokens the
    pair's shared environment carries into the second text's parse.  Footnote
    references parse alike: a label only the other text has never occurs in
    this one (tests/checks/test_shared_parse.py compares both on generated texts).
    """
    return not any("<" in t or "^[" in t for t in texts)


def shared_parse(text: str) -> list[Token]:
    """The tokens :func:`parse` gives for ``text`` when :func:`shares_parse`
    holds, from the cached parse :func:`plain_text` reads (a new list each time:
    callers may not mutate the shared tokens)."""
    return list(walk(_html_parse(text)))


#: Where markdown-it's inline rules, with the build's plugins, can start
#: anything but text (line breaks, escapes, code spans, emphasis, links,
#: images, footnotes, autolinks, raw HTML, entities; ``~`` for good measure)
#: and the two characters its normaliser rewrites.  At any other character
#: the parse only extends the pending text.
_MARKUP = re.compile(r"[\n\r\0\\`*_\[\]!^<&~]")


def is_plain(text: str) -> bool:
    """Whether ``text`` has none of the characters markup starts with: then its
    parse is one text token holding all of it (or nothing, for ''), so the
    checks read it as it is without parsing (most prose is such text;
    tests/checks/test_shared_parse.py holds this to the parser)."""
    return _MARKUP.search(text) is None


@lru_cache(maxsize=8192)
def plain_text(text: str) -> str:
    """What the reader reads of ``text`` (pure): the text of links and
    emphasis stays, link targets and footnote references go, and a code span,
    an image or a raw HTML tag becomes :data:`OBJECT` (code is not prose, and
    markup is the markdown check's business)."""
    if is_plain(text):
        return text
    return tokens_text(_html_parse(text))


def tokens_text(tokens: Iterable[Token]) -> str:
    """The reader's text of parsed inline tokens (see :func:`plain_text`)."""
    out: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("image", "code_inline", "html_inline"):
                out.append(OBJECT)
            elif child.type == "text":
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append("\n")
    return "".join(out)


@lru_cache(maxsize=8192)
def html_tags(text: str) -> tuple[str, ...]:
    """The raw HTML tags and comments in ``text``, in order (not in code
    spans; an autolink such as ``<https://x.org>`` is a link, not HTML)."""
    if is_plain(text):
        return ()
    tokens = walk(_html_parse(text))
    return tuple(t.content for t in tokens if t.type == "html_inline")
