"""Raw HTML in the English source: found, with its line, so `invoke extract` can say so.

pliego renders Markdown with raw HTML disabled everywhere (a translation must
never inject markup), so a ``<span>`` or ``<!-- comment -->`` an editor writes
in the English article is printed as literal text and lands in a msgid that no
translator can handle safely.  This module finds it by parsing once more with
HTML enabled (the only parse that does) and reports each block or inline tag
with the source line it starts on; nothing is rendered from that parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass(frozen=True)
class RawHtml:
    line: int
    html: str  # the tag or block as written, shortened for a message


@lru_cache(maxsize=1)
def _html_parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def find_raw_html(text: str) -> tuple[RawHtml, ...]:
    """Every raw HTML block and inline tag of an article, in order.

    Every HTML block and inline tag CommonMark knows opens with ``<``, so a text
    without one has none, and is not parsed a second time (this parse was two
    thirds of ``invoke extract``'s Markdown time, on articles that hold no HTML).
    """
    if "<" not in text:
        return ()
    lines = text.split("\n")
    found: list[RawHtml] = []
    for token in _html_parser().parse(text):
        if token.type == "html_block" and token.map:
            found.append(RawHtml(token.map[0] + 1, _short(token.content)))
        elif token.type == "inline" and token.map:
            first, last = token.map
            start = first
            for child in token.children or []:
                if child.type != "html_inline":
                    continue
                # the first line of the block at or after the previous tag that holds this one
                for n in range(start, max(last, start + 1)):
                    if child.content.split("\n")[0] in lines[n]:
                        start = n
                        break
                found.append(RawHtml(start + 1, _short(child.content)))
    return tuple(found)
