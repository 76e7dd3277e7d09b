"""The translated article as Markdown, for editors who publish on their own websites.

Why splice rather than re-generate: a Markdown writer that rebuilds every
block from the syntax tree loses what the tree does not keep (a setext
heading's hard break, a fence's blank lines, an empty block quote, the exact
spelling of a link reference definition) and each loss changes the HTML.  So
the English source is copied line for line and only the lines of each unit
are replaced, found through the same walk as extraction
(:func:`pliego.markdown.segment.parse_article` ties every inline token to its
units, and markdown-it records each block's source lines):

* a paragraph, heading or footnote paragraph keeps its first line's container
  prefix (``> ``, ``- ``, ``[^1]: ``, ``## ``) and gets the translation; a
  setext heading keeps its underline; a table row is written again from its
  cells; a lone image is written as an inline image from its parsed address,
  so a collapsed reference ``![alt][]`` still finds its definition when the
  alt text is translated;
* a line of a translation that Markdown would read as the start of a block
  (``# ``, ``> ``, ``1. ``, ``===`` …) is escaped, so translator text can
  never add a heading or a list;
* a link reference definition written at the top level whose title was
  translated is written again with that title (its lines otherwise stay).

The result is checked: parsed again, it must have the English's blocks, in
order.  When it does not (a construct the splice cannot reproduce, listed in
``docs/build.md``), :class:`MarkdownRefused` says where, instead of writing
Markdown that would render differently.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

import yaml
from markdown_it.token import Token

from pliego.errors import SourceError
from pliego.markdown.assemble import Translate, translated_front_matter, translated_units
from pliego.markdown.segment import Article, markdown_parser

#: A line that Markdown could read as the start of a block (or a setext underline).
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[=-]+[ \t]*$"
    r"|([-*_])(?:[ \t]*\1){2,}[ \t]*$|`{3,}[^`]*$|~{3,}|\[\^?(?:[^\]\\]|\\.)+\]:|\|)"
)
#: Inline tokens whose presence depends on line breaks and spacing only.
_SPACING = frozenset({"text", "softbreak"})
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
#: Where a top-level reference definition starts, and its label.
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\[\]\\]|\\.)+)\]:")


class MarkdownRefused(SourceError):
    """The article holds a construct whose translation cannot be written as Markdown
    that renders like the English (the build leaves the ``.md`` out, with a note)."""


def escape_line_start(line: str) -> str:
    """``line`` with leading white space dropped and a block-starting character escaped."""
    line = line.lstrip(" \t")
    if not _BLOCK_START.match(line):
        return line
    ordered = _ORDERED.match(line)
    if ordered:  # a digit cannot be escaped; its delimiter can
        return ordered.group(1) + "\\" + line[len(ordered.group(1)) :]
    return "\\" + line


def _title(text: str) -> str:
    """A link title in double quotes: the characters Markdown would read, escaped."""
    text = " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;") + '"'


def _image(token: Token, alt: str, caption: str | None) -> str:
    image = (token.children or [])[0]
    alt = " ".join(alt.split()).replace("[", "\\[").replace("]", "\\]")
    src = str(image.attrs.get("src", ""))
    title = caption if caption is not None else str(image.attrs.get("title") or "")
    return f"![{alt}](<{src}>" + (f" {_title(title)})" if title else ")")


def _prefix(line: str, first: str) -> str:
    """The container syntax before a block's first content line (``> - ``)."""
    stripped, content = line.rstrip(), first.rstrip()
    if content and stripped.endswith(content):
        return line[: len(stripped) - len(content)]
    raise ValueError(line)


def _continuation(prefix: str) -> str:
    """The prefix of the lines after the first: block quote marks kept, the rest blank."""
    return "".join(c if c in " \t>" else " " for c in prefix)


def _write_lines(prefix: str, text: str) -> list[str]:
    lines = [escape_line_start(line) for line in text.split("\n")]
    rest = _continuation(prefix)
    return [(prefix + lines[0]).rstrip(" \t") or prefix, *(rest + line for line in lines[1:])]


class _Splice:
    def __init__(self, article: Article, texts: list[str]) -> None:
        self.article = article
        self.texts = texts
        self.tokens, self.env = article.tokens()
        self.check_env = copy.deepcopy(self.env)  # parsing a note again registers it there
        self.lines = article.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.edits: dict[int, tuple[int, list[str]]] = {}

    def text(self, ids: tuple[int, ...]) -> str:
        return " ".join(self.texts[i].strip() for i in ids if self.texts[i].strip())

    def edit(self, start: int, end: int, new: list[str]) -> None:
        self.edits[start] = (end, new)

    def run(self) -> str:
        rows: dict[int, None] = {}  # the lines of table rows, in order
        for index, ids in self.article.slots.items():
            token = self.tokens[index]
            if token.map is None:  # an inline note's body: written inside its paragraph
                continue
            self.check_english(token, ids)
            opening = self.tokens[index - 1]
            if opening.type in ("th_open", "td_open"):
                rows[token.map[0]] = None
                continue
            if self.article.units[ids[0]].kind == "image_alt":
                caption = self.texts[ids[1]] if len(ids) == 2 else None
                self.block(token, opening, _image(token, self.texts[ids[0]], caption))
            else:
                self.block(token, opening, self.text(ids))
        for line in rows:
            self.row(line)
        self.definitions()
        return self.assemble()

    def check_english(self, token: Token, ids: tuple[int, ...]) -> None:
        """The English unit, parsed alone, must be the inline Markdown it was cut from:
        where rule 7's joining of lines changes it (a line break inside ``<…>``), the
        Markdown written from it would render differently, and so would the pamphlet."""
        unit = self.article.units[ids[0]]
        if unit.kind == "image_alt" or len(ids) > 1:
            return
        parsed = markdown_parser().parseInline(unit.msgid, self.check_env)
        got = [c.type for c in parsed[0].children or [] if c.type not in _SPACING] if parsed else []
        want = [c.type for c in token.children or [] if c.type not in _SPACING]
        if got != want:
            assert token.map is not None
            raise self.refused(token.map[0], "reads differently once its lines are joined")

    def block(self, token: Token, opening: Token, text: str) -> None:
        assert opening.map is not None
        start, end = opening.map
        first = token.content.split("\n")[0]
        try:
            if opening.type == "heading_open" and opening.markup.startswith("#"):
                found = re.search("#" * len(opening.markup) + r"(?=[ \t]|$)", self.lines[start])
                assert found is not None
                prefix = self.lines[start][: found.end()] + " "
                flat = " ".join(text.replace("\\\n", " ").split())
                self.edit(start, end, [(prefix + escape_line_start(flat)).rstrip()])
                return
            prefix = _prefix(self.lines[start], first)
        except (AssertionError, ValueError):
            raise self.refused(start, "its first line could not be found in the source") from None
        if opening.type == "heading_open":  # setext: the underline stays
            end -= 1
        self.edit(start, end, _write_lines(prefix, text))

    def row(self, line: int) -> None:
        """A table row, written again from its cells (empty ones included)."""
        cells: list[str] = []
        open_row = False
        for index, token in enumerate(self.tokens):
            if token.type == "tr_open":
                open_row = token.map is not None and token.map[0] == line
            elif open_row and token.type == "tr_close":
                break
            elif open_row and token.type == "inline":
                ids = self.article.slots.get(index, ())
                cells.append(self.text(ids).replace("\n", " ").replace("|", "\\|"))
        source = self.lines[line]
        prefix = source[: len(source) - len(source.lstrip(" \t>"))]
        self.edit(line, line + 1, [prefix + "| " + " | ".join(cells) + " |"])

    def definitions(self) -> None:
        refs: Mapping[str, Mapping[str, Any]] = self.env.get("references", {})
        for label, slot in self.article.title_slots.items():
            ref = refs[label]
            translated = " ".join(self.texts[slot].split())
            if translated == self.article.units[slot].msgid:
                continue  # unchanged: the source's lines stay as written
            start, end = ref["map"]
            found = _DEFINITION.match("\n".join(self.lines[start:end]))
            assert found is not None  # title_slots holds top-level definitions only
            written = " ".join(found.group(1).split())
            self.edit(start, end, [f"[{written}]: <{ref['href']}> {_title(translated)}"])

    def assemble(self) -> str:
        out: list[str] = []
        line = 0
        front = self.tokens[0] if self.tokens and self.tokens[0].type == "front_matter" else None
        if front is not None and front.map is not None:
            line = front.map[1]
        while line < len(self.lines):
            if line in self.edits:
                end, new = self.edits[line]
                out.extend(new)
                line = max(end, line + 1)
            else:
                out.append(self.lines[line])
                line += 1
        return "\n".join(out).strip("\n")

    def refused(self, line: int, why: str) -> MarkdownRefused:
        return MarkdownRefused(
            f"the translated article cannot be written as Markdown: the block here {why}",
            path=self.article.path,
            line=line + 1,
            hint="write this block in plainer Markdown (docs/build.md lists what is refused)",
        )


def skeleton(tokens: list[Token]) -> list[tuple[str, str, str]]:
    """The block structure of a parse: what must survive translation unchanged."""
    return [
        (t.type, t.tag, t.info if t.type == "fence" else "")
        for t in tokens
        if t.type not in ("inline", "front_matter") and t.block
    ]


def translated_markdown(article: Article, translate: Translate, lang: str | None = None) -> str:
    """The translated article as Markdown, front matter included (see the module docstring)."""
    texts = translated_units(article, translate)
    splice = _Splice(article, texts)
    body = splice.run()
    data = translated_front_matter(article, texts)
    if lang:
        data["lang"] = lang
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    text = f"---\n{head}---\n\n{body}\n"
    written = markdown_parser().parse(text, {})
    expected, got = skeleton(splice.tokens), skeleton(written)
    if expected != got:
        at = next(
            (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
            min(len(expected), len(got)),
        )
        blocks = [t for t in splice.tokens if t.type not in ("inline", "front_matter") and t.block]
        where = next((t.map[0] for t in reversed(blocks[: at + 1]) if t.map), 0)
        raise splice.refused(where, "would change its structure when written again")
    return text
