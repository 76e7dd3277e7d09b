"""Small typographic edits to one block of the pamphlet's HTML, addressed by number.

:mod:`pliego.pamphlet.fixes` decides *what* to change from the audit's
findings; this module knows *how*: it finds block number ``n`` by counting
start tags of :data:`pliego.pamphlet.pages.BLOCK_TAGS` (the numbering the
audit reads from WeasyPrint's tree) and edits the text of that block only,
never its markup.  Text is unescaped for matching and escaped again on the way
out, so an ``&amp;`` is one character here as it is on the page.

The edits are the compositor's usual ones:

* :func:`keep_word`: the word may not be hyphenated (its soft hyphens go, and
  it is wrapped in ``<span style="hyphens: manual">`` for languages that
  WeasyPrint hyphenates from a dictionary);
* :func:`bind_end`: the block's last two words are joined by a no-break space
  (and kept from hyphenation);
* :func:`join_rayas`: each raya is joined to its word by a word joiner (U+2060),
  after an opening one, before a closing one;
* :func:`divide_word`: a name (or capitalised loan) with Quechua suffixes gets soft
  hyphens where they begin (:func:`pliego.pamphlet.hyphenate.suffix_offsets`);
* :func:`style`: a declaration on the block itself: ``break-before: page`` (a
  heading kept with its section), ``font-size`` (a title fitted to its column),
  ``word-spacing`` and ``letter-spacing`` (a paragraph widened or tightened).

:meth:`Blocks.fragment` gives one block's HTML as it stands, which is what a trial
layout (:mod:`pliego.pamphlet.trial`) sets on its own.

A decision is a :class:`Fix` value (an action, a block, an argument), and
:func:`apply_fixes` makes the edits a set of them stands for, in a fixed order,
so equal sets give equal HTML; the spacing steps (:data:`SPACINGS`,
:data:`TIGHTENINGS`, :data:`LETTERSPACED`) are the limits the rules of
:mod:`pliego.pamphlet.fixes` (10 and 11) document.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pliego.pamphlet.audit import RAYA, WORD_JOINER, raya_roles
from pliego.pamphlet.hyphenate import suffix_offsets
from pliego.pamphlet.pages import BLOCK_TAGS, SOFT_HYPHEN

NBSP = "\u00a0"
KEEP_OPEN = '<span style="hyphens: manual">'
KEEP_CLOSE = "</span>"
_TAG = re.compile(r"(<[^>]*>)")
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b")
_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
_LETTERS = re.compile(r"[^\W\d_](?:[\u00ad'ʼ]*[^\W\d_])*")
_RAW_TEXT = frozenset({"script", "style", "title", "textarea"})


@dataclass
class _Chars:
    """One block's text, character by character, with where each character lives."""

    where: list[tuple[int, int]] = field(default_factory=list)  # (part, index in part)
    text: list[str] = field(default_factory=list)


class Blocks:
    """The HTML split into tags and text, with each text part's innermost block.

    A text part that is edited becomes a list of characters (unescaped), plus
    markup to write before or after some of them; the rest is written back as it was.
    """

    def __init__(self, source: str) -> None:
        self.parts = _TAG.split(source)
        self.chars_of: dict[int, list[str]] = {}
        self.markup: dict[tuple[int, int], tuple[str, str]] = {}
        self.owner: list[int] = [-1] * len(self.parts)
        self.start_tag: dict[int, int] = {}
        self.end_tag: dict[int, int] = {}
        #: each block's tag name and the block it is in (-1: none)
        self.tag: dict[int, str] = {}
        self.parent: dict[int, int] = {}
        stack: list[tuple[str, int]] = []
        count = 0
        raw = False
        for i, part in enumerate(self.parts):
            if i % 2 == 0:
                self.owner[i] = stack[-1][1] if stack and not raw else -1
                continue
            if (m := _START.match(part)) is not None:
                name = m.group(1).lower()
                raw = name in _RAW_TEXT
                if name in BLOCK_TAGS:
                    self.start_tag[count] = i
                    self.tag[count] = name
                    self.parent[count] = stack[-1][1] if stack else -1
                    if not part.endswith("/>"):
                        stack.append((name, count))
                    count += 1
            elif (m := _END.match(part)) is not None:
                name = m.group(1).lower()
                raw = False
                if stack and stack[-1][0] == name:
                    self.end_tag[stack.pop()[1]] = i

    def chars(self, block: int) -> _Chars:
        found = _Chars()
        for i, part in enumerate(self.parts):
            if i % 2 == 1 or self.owner[i] != block:
                continue
            chars = self.chars_of.setdefault(i, list(html.unescape(part)))
            for j, char in enumerate(chars):
                if not char:  # a soft hyphen taken out
                    continue
                found.where.append((i, j))
                found.text.append(char)
        return found

    def set(self, at: tuple[int, int], char: str) -> None:
        self.chars_of[at[0]][at[1]] = char

    def wrap(self, at: tuple[int, int], before: str = "", after: str = "") -> None:
        old = self.markup.get(at, ("", ""))
        self.markup[at] = (old[0] + before, after + old[1])

    def html(self, start: int = 0, end: int | None = None) -> str:
        out = []
        for i, part in enumerate(self.parts[start:end], start=start):
            if i not in self.chars_of:
                out.append(part)
                continue
            for j, char in enumerate(self.chars_of[i]):
                before, after = self.markup.get((i, j), ("", ""))
                out.append(before + html.escape(char, quote=False) + after)
        return "".join(out)

    def fragment(self, block: int) -> str:
        """The block's HTML, its start tag to its end tag, with the edits made so far."""
        return self.html(self.start_tag[block], self.end_tag.get(block, self.start_tag[block]) + 1)


def _bare(word: str) -> str:
    return word.replace(SOFT_HYPHEN, "")


def keep_word(blocks: Blocks, block: int, word: str) -> bool:
    """No hyphen in ``word`` (its letters, without punctuation) anywhere in the block."""
    core = _LETTERS.search(_bare(word))
    if core is None:
        return False
    chars = blocks.chars(block)
    text = "".join(chars.text)
    done = False
    for m in _LETTERS.finditer(text):
        if _bare(m.group()) != core.group() or m.end() - m.start() < 2:
            continue
        span = chars.where[m.start() : m.end()]
        for k, at in enumerate(span):
            if chars.text[m.start() + k] == SOFT_HYPHEN:
                blocks.set(at, "")
        if span[0][0] == span[-1][0]:  # one text part: the span may wrap it
            blocks.wrap(span[0], before=KEEP_OPEN)
            blocks.wrap(span[-1], after=KEEP_CLOSE)
        done = True
    return done


def divide_word(blocks: Blocks, block: int, word: str) -> bool:
    """Soft hyphens where ``word``'s Quechua suffixes begin, in every occurrence of it
    in the block (a name stays whole: only its suffixes come apart)."""
    core = _LETTERS.search(_bare(word))
    offsets = suffix_offsets(core.group()) if core is not None else []
    if core is None or not offsets:
        return False
    chars = blocks.chars(block)
    text = "".join(chars.text)
    done = False
    for m in _LETTERS.finditer(text):
        if m.group() != core.group():
            continue
        for offset in offsets:
            blocks.wrap(chars.where[m.start() + offset - 1], after=SOFT_HYPHEN)
        done = True
    return done


def bind_end(blocks: Blocks, block: int, *, keep: bool = True) -> bool:
    """Join the block's last two words with a no-break space and (``keep``) forbid
    hyphenating the last.  Text hyphenated in advance (Quechua's soft hyphens) only
    loses the last word's soft hyphens, and the word before may still break, which
    keeps the line above full.  Text that WeasyPrint hyphenates from a dictionary
    needs a span, and it wraps both words: a span around the last word alone makes
    WeasyPrint break the line at its first opportunity instead."""
    chars = blocks.chars(block)
    text = "".join(chars.text)
    words = list(_LETTERS.finditer(text))
    if len(words) < 2:
        return False
    first, last = words[-2], words[-1]
    gap = text.rfind(" ", first.end(), last.start())
    if gap < 0:
        return False
    blocks.set(chars.where[gap], NBSP)
    if keep and SOFT_HYPHEN in text:
        for k in range(last.start(), last.end()):
            if chars.text[k] == SOFT_HYPHEN:
                blocks.set(chars.where[k], "")
    elif keep:
        start, end = chars.where[first.start()], chars.where[last.end() - 1]
        if start[0] == end[0]:
            blocks.wrap(start, before=KEEP_OPEN)
            blocks.wrap(end, after=KEEP_CLOSE)
    return True


def join_rayas(blocks: Blocks, block: int) -> bool:
    """A word joiner on the word's side of every raya that opens or closes an inciso."""
    chars = blocks.chars(block)
    text = "".join(chars.text)
    roles = raya_roles(text.replace(WORD_JOINER, ""))
    positions = [i for i, c in enumerate(text) if c == RAYA]
    done = False
    for pos, role in zip(positions, roles, strict=False):
        at = chars.where[pos]
        if role == "open" and text[pos + 1 : pos + 2] != WORD_JOINER:
            blocks.wrap(at, after=WORD_JOINER)
            done = True
        elif role == "close" and text[pos - 1 : pos] != WORD_JOINER:
            blocks.wrap(at, before=WORD_JOINER)
            done = True
    return done


def style(blocks: Blocks, block: int, declaration: str) -> bool:
    """Add a CSS declaration to the block's start tag (``break-before: page`` keeps a
    heading with its section; a ``font-size`` fits a title)."""
    i = blocks.start_tag.get(block)
    if i is None:
        return False
    tag = blocks.parts[i]
    m = re.search(r'\bstyle="([^"]*)"', tag)
    if m is not None:
        rules = m.group(1).rstrip("; ")
        blocks.parts[i] = f'{tag[: m.start()]}style="{rules}; {declaration}"{tag[m.end() :]}'
    else:
        blocks.parts[i] = tag[:-1].rstrip("/ ") + f' style="{declaration}">'
    return True


#: Word spacing (em) tried in turn on a paragraph where keeping a word whole would gape.
SPACINGS = ("0.05", "0.10")
#: Tightening steps (rule 10): word spacing and letter spacing, in ems; and the one
#: step of letter spacing that widens a paragraph without widening its word spaces.
TIGHTENINGS = {"1": ("-0.04", "0"), "2": ("-0.05", "-0.01")}
LETTERSPACED = ("0", "0.02")
#: The fixes that set a paragraph's spacing: a trial gives a paragraph one of them.
SPACING_ACTIONS = frozenset({"space", "space-cap", "tight", "letters"})


@dataclass(frozen=True, order=True)
class Fix:
    """One decision: an action on a block (numbered as :mod:`pliego.pamphlet.pages` does)."""

    action: str
    block: int
    #: the word to keep whole (``keep``), the font size in CSS px (``shrink``)
    arg: str = ""


def apply_fixes(html: str, fixes: Sequence[Fix]) -> str:
    """The HTML with every fix applied (in a fixed order, so equal sets give equal HTML)."""
    if not fixes:
        return html
    blocks = Blocks(html)
    for fix in sorted(set(fixes)):
        if fix.action == "keep":
            keep_word(blocks, fix.block, fix.arg)
        elif fix.action == "bind":
            bind_end(blocks, fix.block)
        elif fix.action == "bind-heading":
            bind_end(blocks, fix.block, keep=False)
        elif fix.action == "raya":
            join_rayas(blocks, fix.block)
        elif fix.action == "push":
            style(blocks, fix.block, "break-before: page")
        elif fix.action == "space":
            style(blocks, fix.block, f"word-spacing: {float(fix.arg):.2f}em")
        elif fix.action == "tight":
            words, letters_ = TIGHTENINGS[fix.arg]
            style(blocks, fix.block, f"word-spacing: {words}em; letter-spacing: {letters_}em")
        elif fix.action == "letters":
            words, letters_ = LETTERSPACED
            style(blocks, fix.block, f"word-spacing: {words}em; letter-spacing: {letters_}em")
        elif fix.action == "divide":
            divide_word(blocks, fix.block, fix.arg)
        elif fix.action == "shrink":  # a later pass measured at the smaller size: the least wins
            size = min(float(f.arg) for f in fixes if f.action == "shrink" and f.block == fix.block)
            if float(fix.arg) == size:
                style(blocks, fix.block, f"font-size: {size:.2f}px")
    return blocks.html()
