"""Cutting an article into translation units.

One parse of the article (markdown-it-py, CommonMark plus GFM tables,
YAML front matter and footnotes) serves both extraction and re-assembly
(:mod:`pliego.markdown.assemble`): each unit remembers the inline token it came from,
so translated units line up with the document by construction.

Segmentation rules:

1. Front matter: the fields ``title``, ``subtitle``, ``author``,
   ``description`` and ``summary`` are units (kinds named after the field);
   everything else (date, lang, …) is data, not text.
2. Every block with inline content is one unit: heading, paragraph, list
   item paragraph, block-quote paragraph, table cell, labelled note's paragraph.
   The kind names the innermost container (``list_item``, ``blockquote``,
   ``footnote``, ``table_cell``) or the block itself.
3. A paragraph that is only an image is an ``image_alt`` unit whose text is
   the alt text; its title (``![alt](src "title")``), printed as the figure's
   caption, is a second unit of kind ``image_caption`` right after it.  Images
   inside running text stay in the paragraph's msgid (their title is a tooltip,
   not a caption).
4. A link reference definition written at the top level (``[label]: /url "title"``)
   offers its title as a ``link_title`` unit: browsers show it as the link's tooltip
   and screen readers read it.  (A definition inside a block quote or list keeps its
   English title: its lines cannot be written again without their container.)
5. Code blocks, fenced code and raw HTML blocks are never units.
6. Inline Markdown stays in the msgid (emphasis, links with their URLs, code
   spans, footnote references), as po4a and mdpo do, so translators can move
   it where their grammar needs it.  An inline note ``^[…]`` stays whole in the
   msgid of the block that writes it (the comment says which printed note it
   is) and has no unit of its own: the note is translated once, where it is
   read, and the printed note, the Markdown edition and the site all take it
   from there.
7. Whitespace: a line break inside a paragraph (with the indentation around
   it) becomes one space, so re-wrapping the English never changes a msgid.
   A hard line break is kept as a backslash followed by a newline.
8. In ``sentence`` mode (a project setting) the text of rule 2 is further
   split into sentences by :func:`split_sentences`; re-assembly joins the
   translated sentences with one space.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from pliego.errors import SourceError
from pliego.markdown.unittext import normalize_inline as normalize_inline
from pliego.markdown.unittext import split_sentences as split_sentences

FRONT_MATTER_UNITS = ("title", "subtitle", "author", "description", "summary")
_CONTAINERS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list_item",
    "footnote_open": "footnote",
    "th_open": "table_cell",
    "td_open": "table_cell",
}
#: A line that opens a link reference definition outside any container (rule 4).
_TOP_DEFINITION = re.compile(r"^ {0,3}\[")
_IMAGE_ONLY = re.compile(
    r"^!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\](?P<rest>\(.*\)|\[[^\]]*\])$", re.DOTALL
)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown configuration of pliego: raw HTML is never rendered."""
    return (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )


#: What makes an inline token's children matter to extraction: footnote
#: references and inline notes (they number the notes and decide which note
#: definitions are kept) and images (a paragraph that is only an image).
_NEEDS_INLINE = re.compile(r"\[\^|\^\[|!\[")


def _inline_where_needed(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule for the blocks whose inline tokens
    extraction reads (:data:`_NEEDS_INLINE`); any other block keeps its text
    unparsed, its children empty (half of an article's parse time)."""
    for token in state.tokens:
        if token.type == "inline" and _NEEDS_INLINE.search(token.content):
            token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


@lru_cache(maxsize=1)
def _units_parser() -> MarkdownIt:
    """The build's configuration, parsing inline Markdown only where the units
    need it (:func:`parse_article`; re-assembly re-parses in full)."""
    md = markdown_parser.__wrapped__()
    md.core.ruler.at("inline", _inline_where_needed)
    return md


def render_html(markdown: str) -> str:
    return str(markdown_parser().render(markdown))


@dataclass(frozen=True)
class Unit:
    """One translatable piece of an article.

    ``kind`` is what the translator sees in the ``#.`` comment, ``line`` the
    1-based source line for ``#:``, ``part``/``parts`` the sentence position
    in sentence mode (1/1 for a whole block).
    """

    kind: str
    msgid: str
    line: int
    part: int = 1
    parts: int = 1
    field: str | None = None
    #: which note a ``footnote`` unit is ('1 (label "contract", referred to on line 13)'):
    #: a bare "footnote" would not tell the translator which of the notes they are
    #: reading, nor where the sentence it explains is; for any other unit, the inline
    #: notes it writes ("(holds inline note 2)")
    note: str | None = None

    @property
    def comment(self) -> str:
        kind = self.kind.replace("_", " ")
        if self.note:
            kind = f"{kind} {self.note}"
        if self.parts > 1:
            return f"{kind}, sentence {self.part} of {self.parts}"
        return kind


@dataclass(frozen=True)
class Article:
    """A parsed article: its metadata, its units and the token map that
    ties each inline token (by position in ``tokens``) to its unit numbers."""

    path: str
    text: str
    front_matter: Mapping[str, Any]
    units: tuple[Unit, ...]
    slots: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    front_slots: Mapping[str, int] = field(default_factory=dict)
    segmentation: str = "block"
    #: the unit of each translatable link title, by its definition's normalised label
    title_slots: Mapping[str, int] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.removesuffix(".md")

    def tokens(self) -> tuple[list[Token], dict[str, Any]]:
        """A fresh parse (callers may mutate the tokens freely)."""
        env: dict[str, Any] = {}
        return markdown_parser().parse(self.text, env), env


# --------------------------------------------------------------------------- parsing


def _front_matter(tokens: list[Token], path: str) -> tuple[dict[str, Any], int]:
    if not tokens or tokens[0].type != "front_matter":
        raise SourceError(
            "the article has no front matter",
            path=path,
            line=1,
            hint="start the file with a '---' block holding at least 'title:'",
        )
    try:
        data = yaml.safe_load(tokens[0].content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if str(getattr(exc, "context", "") or "").startswith("while scanning"):
            # An unclosed quote is noticed lines later; its opening is where to look.
            mark = getattr(exc, "context_mark", None) or mark
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(
            f"the front matter is not valid YAML: {problem}",
            path=path,
            line=line,
            hint="check quotes and colons; quote values that contain ': '",
        ) from None
    except ValueError as exc:  # YAML's own types: an impossible date such as 2023-02-30
        raise SourceError(
            f"the front matter has an impossible value: {exc}",
            path=path,
            line=2,
            hint='quote dates and other values as text: date: "2023-02"',
        ) from None
    if not isinstance(data, dict):
        raise SourceError("the front matter must be 'key: value' lines", path=path, line=2)
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        raise SourceError(
            "the front matter has no 'title'",
            path=path,
            line=1,
            hint='add a line like title: "The article title"',
        )
    for key in FRONT_MATTER_UNITS:
        if key in data and not isinstance(data[key], str):
            raise SourceError(
                f"front matter field '{key}' must be text",
                path=path,
                line=2,
                hint=f'quote it: {key}: "…"',
            )
    return data, 1


def _front_line(text: str, key: str) -> int:
    for i, line in enumerate(text.split("\n")[1:], start=2):
        if line.startswith(f"{key}:"):
            return i
    return 1


def _block_text(token: Token) -> tuple[str, str | None]:
    """The unit text of an inline token; ``image_alt`` when it is only an image."""
    text = normalize_inline(token.content)
    m = _IMAGE_ONLY.match(text)
    if m and token.children and [c.type for c in token.children] == ["image"]:
        return m.group("alt"), "image_alt"
    return text, None


def image_caption(token: Token) -> str:
    """The title of a paragraph's only image, which prints as its caption."""
    title = token.children[0].attrs.get("title") if token.children else None
    return " ".join(str(title).split()) if title else ""


def _reference_lines(tokens: list[Token], text: str) -> dict[int, int]:
    """The line of each labelled note's first reference (by note id): the line of the
    paragraph that holds ``[^label]``.  (An inline note ``^[…]`` is translated inside
    the paragraph that writes it and needs none.)"""
    source = text.splitlines()
    lines: dict[int, int] = {}
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        for child in token.children or []:
            label = child.meta.get("label") if child.type == "footnote_ref" else None
            if label is None or int(child.meta["id"]) in lines:
                continue
            span = source[token.map[0] : token.map[1]]
            line = next((n for n, ln in enumerate(span) if f"[^{label}]" in ln), 0)
            lines[int(child.meta["id"])] = token.map[0] + 1 + line
    return lines


def note_comment(number: int, label: str, reference_line: int | None) -> str:
    """What a note's ``#.`` comment says after "footnote": its printed number, its
    label and where it is referred to (the ``#:`` line of a labelled note is its
    definition, far from the sentence it explains)."""
    where = f", referred to on line {reference_line}" if reference_line else ""
    return f'{number} (label "{label}"{where})'


def _inline_notes(token: Token) -> list[int]:
    """The printed numbers of the inline notes ``^[…]`` a block writes, in order."""
    return [
        int(child.meta["id"]) + 1
        for child in token.children or []
        if child.type == "footnote_ref" and child.meta.get("label") is None
    ]


def held_comment(numbers: list[int]) -> str | None:
    """What a unit's ``#.`` comment adds when it writes inline notes: the translator
    translates each inside its ``^[…]``, and should know which printed note it is."""
    if not numbers:
        return None
    which = ", ".join(map(str, numbers))
    return f"(holds inline note{'s' if len(numbers) > 1 else ''} {which})"


def parse_article(
    text: str, path: str, segmentation: str = "block", parser: MarkdownIt | None = None
) -> Article:
    """Parse an article; the pure core of extraction and re-assembly.

    ``parser`` is for the test that holds the partial inline parse to a full one."""
    if "\x00" in text:
        raise SourceError(
            "the article contains a NUL byte", path=path, hint="save it as plain UTF-8 text"
        )
    env: dict[str, Any] = {}
    tokens = (parser or _units_parser()).parse(text, env)
    data, _ = _front_matter(tokens, path)
    units: list[Unit] = []
    front_slots: dict[str, int] = {}
    for key in FRONT_MATTER_UNITS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            front_slots[key] = len(units)
            units.append(
                Unit(
                    kind=key, msgid=" ".join(value.split()), line=_front_line(text, key), field=key
                )
            )
    slots: dict[int, tuple[int, ...]] = {}
    stack: list[str] = []
    block_line = 1
    note: str | None = None
    inline_note = False
    references = _reference_lines(tokens, text)
    for index, token in enumerate(tokens):
        if token.type == "footnote_open":
            number = int(token.meta.get("id", 0)) + 1
            label = token.meta.get("label")
            inline_note = label is None
            if label is not None:
                note = note_comment(number, label, references.get(number - 1))
        elif token.type == "footnote_close":
            note, inline_note = None, False
        if token.nesting == 1:
            stack.append(_CONTAINERS.get(token.type, token.type.removesuffix("_open")))
            if token.map:
                block_line = token.map[0] + 1
        elif token.nesting == -1:
            stack.pop()
        if token.type != "inline" or inline_note:
            # an inline note ``^[…]`` is translated where it is written, inside its
            # paragraph's entry: an entry of its own would be a second copy to translate
            # and could disagree with the first (rule 6)
            continue
        msgid, special = _block_text(token)
        if not msgid:
            continue
        containers = [k for k in stack if k in _CONTAINERS.values()]
        if special:
            kind = special
        elif stack and stack[-1] == "heading":
            kind = "heading"
        else:
            kind = containers[-1] if containers else "paragraph"
        line = token.map[0] + 1 if token.map else block_line
        pieces = split_sentences(msgid) if segmentation == "sentence" and not special else [msgid]
        held = _inline_notes(token)
        ids = []
        for n, piece in enumerate(pieces, start=1):
            ids.append(len(units))
            here, held = held[: piece.count("^[")], held[piece.count("^[") :]
            units.append(
                Unit(
                    kind=kind,
                    msgid=piece,
                    line=line,
                    part=n,
                    parts=len(pieces),
                    note=note if kind == "footnote" else held_comment(here),
                )
            )
        caption = image_caption(token) if special else ""
        if caption:
            ids.append(len(units))
            units.append(Unit(kind="image_caption", msgid=caption, line=line))
        slots[index] = tuple(ids)
    title_slots: dict[str, int] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for label, ref in env.get("references", {}).items():
        title = " ".join(str(ref.get("title") or "").split())
        start = ref.get("map", [0])[0]
        if title and _TOP_DEFINITION.match(lines[start]):
            title_slots[label] = len(units)
            units.append(Unit(kind="link_title", msgid=title, line=start + 1))
    return Article(
        path=path,
        text=text,
        front_matter=data,
        units=tuple(units),
        slots=slots,
        front_slots=front_slots,
        segmentation=segmentation,
        title_slots=title_slots,
    )
