"""A unit's text: rule 7 (white space) and rule 8 (sentences) of
:mod:`pliego.markdown.segment`, which applies them to every block.

Both work on the block's Markdown source as written, not on the parse:
normalising keeps the msgid stable when the English is re-wrapped, and the
sentence cut is shared with prefill, which sends an engine one sentence at a
time.  Kept apart so that the segmenting module stays about the parse.
"""

from __future__ import annotations

import re

_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_HARD_BREAK = re.compile(r"(?:  +|\\)\n[ \t]*")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_SPACES = re.compile(r"[ \t]{2,}")

# fmt: off
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "sra", "srta", "jr", "gen", "col", "lt",
    "sgt", "capt", "gov", "sen", "rep", "rev", "fr", "no", "nos", "vol", "vols", "p", "pp",
    "ed", "eds", "etc", "vs", "cf", "al", "fig", "figs", "approx", "dept", "univ", "inc",
    "ltd", "co", "corp", "ave", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "a.m", "p.m",
])
# fmt: on
_SENTENCE_END = re.compile(r"[.?!…]+[’”»\")\]]*(?=\s+[\"“‘«¿¡(\[*_]*[A-ZÁÉÍÓÚÑ0-9])")


def split_sentences(text: str) -> list[str]:
    """Split a block's text into sentences.

    Rules (the numbered list the README refers to):

    1. A sentence ends at ``.``, ``?``, ``!`` or ``…`` (with any closing quotes
       or brackets) followed by white space and an upper-case letter, a digit,
       an opening quote, ``¿``, ``¡`` or an opening bracket.
    2. Not after a known abbreviation (``Mr.``, ``Dr.``, ``e.g.``, months …).
    3. Not after a single upper-case initial (``K. D. Tait``).
    4. Not inside a code span, link text or link destination.
    5. A hard line break never splits; the white space between sentences is
       dropped and restored as one space on re-assembly.
    """
    protected = _protected_spans(text)
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if any(a <= m.start() < b for a, b in protected):
            continue
        before = text[start : m.start() + 1]
        word = re.search(r"([\w.]+)\.$", before)
        if m.group(0).startswith(".") and word:
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        out.append(text[start:end].strip())
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out or [text]


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"(`+).*?\1", text, re.DOTALL)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\[[^\]]*\]\([^)]*\)", text)]
    return spans


def _normalize_text(text: str) -> str:
    """Rule 7 outside code spans: hard breaks marked, soft breaks and runs of spaces one space."""
    text = _HARD_BREAK.sub("\\\\\n", text)
    return "\\\n".join(_SPACES.sub(" ", _SOFT_BREAK.sub(" ", p)) for p in text.split("\\\n"))


def normalize_inline(text: str) -> str:
    """Rule 7: soft breaks become spaces, hard breaks become ``\\`` + newline.

    Inside a code span a line break is just a space and the spaces around it
    are code (CommonMark), so there only the newline is replaced.  A text
    without a line break, a code span, a tab or two spaces in a row has
    nothing to replace (most paragraphs written on one line)."""
    text = text.strip()
    if not any(mark in text for mark in ("\n", "`", "\t", "  ")):
        return text
    return _normalize_spans(text)


def _normalize_spans(text: str) -> str:
    """Rule 7 on a stripped text, code span by code span."""
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_normalize_text(text[pos : m.start()]))
        out.append(m.group(0).replace("\n", " "))
        pos = m.end()
    out.append(_normalize_text(text[pos:]))
    return "".join(out)
