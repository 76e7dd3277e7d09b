"""Putting a translated article back together.

Both outputs walk the same token stream that :func:`pliego.markdown.segment.parse_article`
cut into units, so unit *n* lands exactly where the English unit *n* was:

* :func:`pliego.markdown.translated.translated_markdown` writes translated
  Markdown (the build's ``<slug>.md``), with the helpers here;
* :func:`render_document` writes HTML for typesetting and the site.  Each translation is
  parsed as *inline* Markdown only and dropped into the English document's
  block structure, so a translator's text can never add headings, lists or
  raw HTML (raw HTML is disabled everywhere), only the inline Markdown the
  source could produce.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it.token import Token

from pliego.markdown.segment import Article, Unit, markdown_parser

Translate = Callable[[Unit], str]


def translated_units(article: Article, translate: Translate) -> list[str]:
    return [translate(u) for u in article.units]


def _join(texts: list[str]) -> str:
    return " ".join(t.strip() for t in texts if t.strip())


def translated_front_matter(article: Article, texts: list[str]) -> dict[str, Any]:
    data = dict(article.front_matter)
    for key, slot in article.front_slots.items():
        data[key] = texts[slot]
    return data


def _renumber_inline_notes(
    tokens: list[Token], notes: dict[int, dict[str, Any]], parsed: set[int]
) -> None:
    """Re-parsing a translation that holds an inline note ``^[…]`` registers the note
    again under a new number, so its reference would point past the notes printed
    (the English parse already made them).  Give the k-th new inline note the number
    of the k-th inline note of the English, print its translated text in the English
    note's place (an inline note has no catalogue entry of its own: it is translated
    inside its paragraph), and forget the duplicates.  (A translation with a different
    number of inline notes keeps the new numbers: nothing to match; ``invoke check``
    reports the missing or extra note.)"""
    added = sorted(set(notes) - parsed)
    english = sorted(i for i in parsed if "label" not in notes[i])
    if not added or len(added) != len(english):
        return
    renumber = dict(zip(added, english, strict=True))
    for token in tokens:
        for child in token.children or []:
            if child.type == "footnote_ref" and child.meta.get("id") in renumber:
                child.meta["id"] = renumber[child.meta["id"]]
    bodies = {renumber[i]: notes[i] for i in added}
    for index, token in enumerate(tokens):
        if token.type == "footnote_open" and token.meta.get("id") in bodies:
            body = next(t for t in tokens[index:] if t.type == "inline")
            body.children = bodies[token.meta["id"]].get("tokens", [])
            body.content = bodies[token.meta["id"]].get("content", "")
    for i in added:
        del notes[i]


def render_document(
    article: Article,
    translate: Translate,
    transform: Callable[[list[Token]], None] | None = None,
) -> tuple[dict[str, Any], str]:
    """Translated front matter and body HTML; translations are inline-only.

    ``transform`` may rewrite the translated token stream before it is rendered
    (the pamphlet places images and prints link addresses there)."""
    texts = translated_units(article, translate)
    tokens, env = article.tokens()
    md = markdown_parser()
    notes: dict[int, dict[str, Any]] = env.get("footnotes", {}).get("list", {})
    for note in notes.values():
        note["count"] = 0  # re-counted as the translated references are parsed
    parsed_notes = set(notes)
    for label, slot in article.title_slots.items():  # before any link is parsed again
        env["references"][label]["title"] = " ".join(texts[slot].split())
    for index, ids in article.slots.items():
        token = tokens[index]
        text = _join([texts[i] for i in ids])
        children = token.children or []
        if article.units[ids[0]].kind == "image_alt" and children:
            image = children[0]
            text = texts[ids[0]].strip()
            alt = md.parseInline(text, env)[0].children or []
            image.children = alt
            image.content = text
            if len(ids) == 2:
                image.attrs["title"] = texts[ids[1]].strip()
            continue
        parsed = md.parseInline(text, env)
        token.children = parsed[0].children if parsed else []
        token.content = text
    _renumber_inline_notes(tokens, notes, parsed_notes)
    if transform is not None:
        transform(tokens)
    html = md.renderer.render(tokens, md.options, env)
    return translated_front_matter(article, texts), html
