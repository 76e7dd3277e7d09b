"""Markdown parity: the translation carries the same inline Markdown as the English.

Both texts are parsed the way the build parses a translation (markdown-it,
inline only, see :func:`pliego.markdown.assemble.render_document`) and compared as
multisets of *things that must survive translation*: link targets, emphasis,
strong emphasis, code spans (verbatim: code is never translated), footnote
references, images (their source, and that an alt text exists) and hard line
breaks.  Order is free because translators move markup where their grammar
needs it; what the reader would lose or gain is not.  A link or image with a
target the build refuses (``file:``, ``javascript:``) still counts as the
link or image the translator meant (see :mod:`pliego.checks.inline`).

Raw HTML is never rendered (the build prints ``<b>`` as text, the site shows
it as text), so a tag or comment the English does not have is reported with
what to write instead, in the words of where the catalogue is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pliego.checks.inline import (
    env_for,
    html_tags,
    is_plain,
    parse,
    shared_parse,
    shares_parse,
)
from pliego.checks.model import CheckContext
from pliego.gettext.catalog import Message

if TYPE_CHECKING:
    from markdown_it.token import Token

Feature = tuple[str, str]
#: What a translator who typed raw HTML should do instead: the site's words
#: (``site.po``) are plain text on the download page, every other catalogue's are
#: printed in the pamphlet.
HTML_HINT = "raw HTML is printed as text in the pamphlet; use Markdown *emphasis* as in the English"
SITE_HTML_HINT = (
    "raw HTML is shown as text on the download site; write plain text as the English does"
)


def html_hint(domain: str) -> str:
    """The raw-HTML advice for a catalogue of ``domain``."""
    return SITE_HTML_HINT if domain == "site" else HTML_HINT


def inline_features(text: str, env: dict[str, Any] | None = None) -> Counter[Feature]:
    """What of ``text``'s inline Markdown must survive translation (pure)."""
    return token_features(parse(text, env))


def token_features(tokens: list[Token]) -> Counter[Feature]:
    """What of a parsed text must survive translation, from its tokens walked depth first."""
    found: Counter[Feature] = Counter()
    link: str | None = None  # the target of the link being walked, until its text shows
    for token in tokens:
        kind = token.type
        if (
            link is not None
            and kind in ("text", "code_inline", "image")
            and (token.content.strip() or kind == "image")
        ):
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


_DESCRIPTIONS = {
    "link": "link to {}",
    "link text": "text of the link to {}",
    "image alt text": "alt text of the image ({})",
    "code span": "code span `{}`",
    "footnote reference": "footnote reference [^{}]",
    "image": "image ({})",
    "hard line break": "hard line break (backslash at the end of a line)",
}


def _describe(feature: Feature) -> str:
    kind, detail = feature
    return _DESCRIPTIONS.get(kind, kind).format(detail)


def _a(what: str) -> str:
    return ("an " if what[0] in "aeiou" else "a ") + what


#: A part that only exists with its element: when the element itself is lost
#: or added, saying so about the part too would only confuse.
_PART_OF = {"link text": "link", "image alt text": "image"}


def _differences(want: Counter[Feature], got: Counter[Feature]) -> Iterator[str]:
    for feature in sorted(want | got):
        n, m = want[feature], got[feature]
        kind, detail = feature
        whole = (_PART_OF.get(kind, ""), detail)
        if n == m or (kind in _PART_OF and want[whole] != got[whole]):
            continue
        what = _describe(feature)
        if m < n:
            yield (
                f"the translation lacks {_a(what)} (English {n}, translation {m})"
                if n > 1 or m
                else f"the translation lacks the {what}"
            )
        else:
            yield (
                f"the translation has an extra {what} (English {n}, translation {m})"
                if n
                else f"the translation adds {_a(what)} that the English does not have"
            )


def _added_html(source: str, target: str, domain: str) -> Iterator[str]:
    added = Counter(html_tags(target)) - Counter(html_tags(source))
    if added:
        shown = " ".join(tag for tag in html_tags(target) if tag in added)
        yield f"the translation has raw HTML {shown}: {html_hint(domain)}"


def markdown_parity(message: Message, ctx: CheckContext) -> Iterator[str]:
    """Inline Markdown differs: links (their targets and text), emphasis, code spans,
    footnote references, images with alt text and hard line breaks must all be
    kept (moved if the grammar needs it, never dropped, added or altered); raw
    HTML the English lacks (``<b>``, ``</i>``, ``<!-- -->``) is printed as text
    (in the pamphlet, or on the download site for ``site.po``).

    Compared on markdown-it's parse of each text, as the build parses it, so a
    stray ``*`` or a broken ``[link](`` shows up as a lost element.
    """
    for source, target in _pairs(message):
        if is_plain(source) and is_plain(target):
            continue  # plain prose on both sides: no markup to lose, no HTML to add
        if shares_parse(source, target):
            want, got = token_features(shared_parse(source)), token_features(shared_parse(target))
        else:
            env: dict[str, Any] = env_for(source, target)
            want, got = inline_features(source, env), inline_features(target, env)
        yield from _differences(want, got)
        yield from _added_html(source, target, ctx.domain)


def _pairs(message: Message) -> Iterator[tuple[str, str]]:
    if message.msgid_plural is None:
        yield message.msgid, message.msgstr
        return
    for i, form in enumerate(message.msgstr_plural):
        if form:
            yield (message.msgid if i == 0 else message.msgid_plural), form
