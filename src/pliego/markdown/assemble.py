"""Putting a translated article back together.

Both outputs walk the same token stream that :func:`pliego.markdown.segment.parse_article`
cut into units, so unit *n* lands exactly where the English unit *n* was:

* :func:`reassemble` writes translated Markdown (for people and for
  round-trip tests);
* :func:`render_document` writes HTML for typesetting.  Each translation is
  parsed as *inline* Markdown only and dropped into the English document's
  block structure, so a translator's text can never add headings, lists or
  raw HTML (raw HTML is disabled everywhere), only the inline Markdown the
  source could produce.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from pliego.markdown.segment import Article, Unit, markdown_parser

Translate = Callable[[Unit], str]
#: The title at the end of an inline image's destination: ``"…"``, ``'…'`` or ``(…)``.
_TITLE = re.compile(
    r"""\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^)\\]|\\.)*\))\s*\)$""", re.DOTALL
)


def translated_units(article: Article, translate: Translate) -> list[str]:
    return [translate(u) for u in article.units]


def _join(texts: list[str]) -> str:
    return " ".join(t.strip() for t in texts if t.strip())


def translated_front_matter(article: Article, texts: list[str]) -> dict[str, Any]:
    data = dict(article.front_matter)
    for key, slot in article.front_slots.items():
        data[key] = texts[slot]
    return data


class _MarkdownWriter:
    def __init__(self, article: Article, texts: list[str], tokens: list[Token]) -> None:
        self.texts = texts
        self.units = article.units
        self.by_token = {id(tokens[i]): ids for i, ids in article.slots.items()}

    def inline(self, node: SyntaxTreeNode) -> str:
        token = node.token
        assert token is not None
        ids = self.by_token.get(id(token))
        if not ids:
            return token.content
        unit_src = token.content.strip()
        if self.units[ids[0]].kind == "image_alt":
            alt = self.units[ids[0]].msgid
            rest = unit_src[len(alt) + 2 :]
            if len(ids) == 2:  # the caption is the image's title: re-quote the translation
                quoted = '"' + self.texts[ids[1]].replace("\\", "\\\\").replace('"', '\\"') + '"'
                rest = _TITLE.sub(lambda _: f" {quoted})", rest)
            return "![" + self.texts[ids[0]].strip().replace("]", "\\]") + rest
        return _join([self.texts[i] for i in ids])

    def blocks(self, nodes: list[SyntaxTreeNode], tight: bool = False) -> list[str]:
        out: list[str] = []
        for n in nodes:
            lines = self.block(n, tight)
            if out and not tight:
                out.append("")
            out.extend(lines)
        return out

    def block(self, node: SyntaxTreeNode, tight: bool = False) -> list[str]:
        t = node.type
        if t == "paragraph":
            return self.inline(node.children[0]).split("\n") if node.children else []
        if t == "heading":
            level = int(node.tag[1])
            text = self.inline(node.children[0]) if node.children else ""
            return [("#" * level + " " + text.replace("\\\n", " ")).rstrip()]
        if t in ("bullet_list", "ordered_list"):
            return self.listing(node)
        if t == "blockquote":
            return [("> " + line).rstrip() for line in self.blocks(node.children)]
        if t == "fence":
            info = node.info
            return [node.markup + info, *node.content.rstrip("\n").split("\n"), node.markup]
        if t == "code_block":
            return ["    " + line if line else "" for line in node.content.rstrip("\n").split("\n")]
        if t == "hr":
            return ["***"]
        if t == "html_block":
            return node.content.rstrip("\n").split("\n")
        if t == "table":
            return self.table(node)
        if t == "footnote_block":
            return self.footnotes(node)
        return []

    def listing(self, node: SyntaxTreeNode) -> list[str]:
        tight = any(
            c.type == "paragraph" and c.hidden for item in node.children for c in item.children
        )
        out: list[str] = []
        ordered = node.type == "ordered_list"
        number = int(node.attrs.get("start", 1)) if ordered else 0
        for i, item in enumerate(node.children):
            marker = f"{number + i}{node.markup}" if ordered else node.markup
            body = self.blocks(item.children, tight) or [""]
            pad = " " * (len(marker) + 1)
            if out and not tight:
                out.append("")
            out.append((marker + " " + body[0]).rstrip())
            out.extend(pad + line if line else "" for line in body[1:])
        return out

    def table(self, node: SyntaxTreeNode) -> list[str]:
        rows: list[list[str]] = []
        aligns: list[str] = []
        for section in node.children:
            for tr in section.children:
                cells = []
                for cell in tr.children:
                    text = self.inline(cell.children[0]) if cell.children else ""
                    cells.append(text.replace("|", "\\|").replace("\\\\|", "\\|"))
                    if section.type == "thead":
                        style = str(cell.attrs.get("style", ""))
                        aligns.append(
                            {
                                "text-align:left": ":--",
                                "text-align:right": "--:",
                                "text-align:center": ":-:",
                            }.get(style, "---")
                        )
                rows.append(cells)
        lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(aligns) + " |"]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return lines

    def footnotes(self, node: SyntaxTreeNode) -> list[str]:
        out: list[str] = []
        for fn in node.children:
            label = fn.meta.get("label", str(fn.meta.get("id", 0) + 1))
            body = self.blocks([c for c in fn.children if c.type != "footnote_anchor"]) or [""]
            if out:
                out.append("")
            out.append(f"[^{label}]: {body[0]}".rstrip())
            out.extend("    " + line if line else "" for line in body[1:])
        return out


def reassemble(article: Article, translate: Translate, lang: str | None = None) -> str:
    """Translated Markdown, front matter included."""
    texts = translated_units(article, translate)
    tokens, env = article.tokens()
    writer = _MarkdownWriter(article, texts, tokens)
    tree = SyntaxTreeNode(tokens)
    body = writer.blocks([n for n in tree.children if n.type != "front_matter"])
    refs: Mapping[str, Mapping[str, str]] = env.get("references", {})
    if refs:
        body.append("")
        for label, ref in refs.items():
            title = f' "{ref["title"]}"' if ref.get("title") else ""
            body.append(f"[{label}]: <{ref['href']}>{title}")
    data = translated_front_matter(article, texts)
    if lang:
        data["lang"] = lang
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n" + "\n".join(body).rstrip("\n") + "\n"


def _renumber_inline_notes(
    tokens: list[Token], notes: dict[int, dict[str, Any]], parsed: set[int]
) -> None:
    """Re-parsing a translation that holds an inline note ``^[…]`` registers the note
    again under a new number, so its reference would point past the notes printed
    (the English parse already made them).  Give the k-th new inline note the number
    of the k-th inline note of the English, and forget the duplicates.  (A translation
    with a different number of inline notes keeps the new numbers: nothing to match.)"""
    added = sorted(set(notes) - parsed)
    english = sorted(i for i in parsed if "label" not in notes[i])
    if not added or len(added) != len(english):
        return
    renumber = dict(zip(added, english, strict=True))
    for token in tokens:
        for child in token.children or []:
            if child.type == "footnote_ref" and child.meta.get("id") in renumber:
                child.meta["id"] = renumber[child.meta["id"]]
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
