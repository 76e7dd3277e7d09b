"""Markdown parity: the translation carries the same inline Markdown as the English.

Both texts are parsed the way the build parses a translation (markdown-it,
inline only, see :func:`pliego.assemble.render_document`) and compared as
multisets of *things that must survive translation*: link targets, emphasis,
strong emphasis, code spans (verbatim: code is never translated), footnote
references, images (their source, and that an alt text exists) and hard line
breaks.  Order is free because translators move markup where their grammar
needs it; what the reader would lose or gain is not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from markdown_it.token import Token

from ..catalog import Message
from ..segment import markdown_parser
from .model import CheckContext

_FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")

Feature = tuple[str, str]


def _env(*texts: str) -> dict[str, Any]:
    """A parser environment in which every ``[^label]`` of either text is a
    known footnote (the definitions live elsewhere in the article)."""
    labels = {m.group(1) for t in texts for m in _FOOTNOTE_LABEL.finditer(t)}
    return {"footnotes": {"refs": {f":{label}": -1 for label in sorted(labels)}, "list": {}}}


def _walk(tokens: Iterable[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def inline_features(text: str, env: dict[str, Any] | None = None) -> Counter[Feature]:
    """What of ``text``'s inline Markdown must survive translation (pure)."""
    parsed = markdown_parser().parseInline(text, env if env is not None else _env(text))
    found: Counter[Feature] = Counter()
    link: str | None = None  # the target of the link being walked, until its text shows
    for token in _walk(parsed):
        kind = token.type
        if link is not None and kind in ("text", "code_inline", "image") and (
                token.content.strip() or kind == "image"):
            found["link text", link] += 1
            link = None
        if kind == "link_close":
            link = None
        if kind == "link_open":
            link = str(token.attrGet("href") or "")
            found["link", link] += 1
        elif kind == "em_open":
            found["emphasis", ""] += 1
        elif kind == "strong_open":
            found["strong emphasis", ""] += 1
        elif kind == "code_inline":
            found["code span", token.content] += 1
        elif kind == "footnote_ref":
            found["footnote reference", str((token.meta or {}).get("label", ""))] += 1
        elif kind == "image":
            found["image", str(token.attrGet("src") or "")] += 1
            if token.content.strip():
                found["image alt text", str(token.attrGet("src") or "")] += 1
        elif kind == "hardbreak":
            found["hard line break", ""] += 1
    return found


def _describe(feature: Feature) -> str:
    kind, detail = feature
    if kind == "link":
        return f"link to {detail}"
    if kind == "link text":
        return f"text of the link to {detail}"
    if kind == "code span":
        return f"code span `{detail}`"
    if kind == "footnote reference":
        return f"footnote reference [^{detail}]"
    if kind in ("image", "image alt text"):
        return f"{kind} ({detail})"
    if kind == "hard line break":
        return "hard line break (backslash at the end of a line)"
    return kind


def markdown_parity(message: Message, ctx: CheckContext) -> Iterator[str]:
    """Inline Markdown differs: links (their targets and text), emphasis, code spans,
    footnote references, images with alt text and hard line breaks must all be
    kept (moved if the grammar needs it, never dropped, added or altered).

    Compared on markdown-it's parse of each text, as the build parses it, so a
    stray ``*`` or a broken ``[link](`` shows up as a lost element.
    """
    for source, target in _pairs(message):
        env_text = (source, target)
        want = inline_features(source, _env(*env_text))
        got = inline_features(target, _env(*env_text))
        if want == got:
            continue
        for feature in sorted(want | got):
            n, m = want[feature], got[feature]
            if n == m:
                continue
            what = _describe(feature)
            if m < n:
                yield (f"the translation lacks a {what} (English {n}, translation {m})"
                       if n > 1 or m else f"the translation lacks the {what}")
            else:
                yield (f"the translation has an extra {what} (English {n}, translation {m})"
                       if n else f"the translation adds a {what} that the English does not have")


def _pairs(message: Message) -> Iterator[tuple[str, str]]:
    if message.msgid_plural is None:
        yield message.msgid, message.msgstr
        return
    for i, form in enumerate(message.msgstr_plural):
        if form:
            yield (message.msgid if i == 0 else message.msgid_plural), form
