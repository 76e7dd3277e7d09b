"""A page's content stream in the bytes pypdf would write for it, without pypdf's parser.

When pypdf merges a page onto a sheet (``merge_transformed_page``) it parses
the page's content stream into operations, writes them out, parses them again
(and a third time when resource names clash), and writes them once more when
the sheet's streams are compressed.  Its parser reads one byte at a time, so
for a ten-page reading edition that was most of the booklet's time.  What it
writes, though, depends on nothing but the operations: every operand is
written on its own, followed by a space, every operator followed by a newline.

:func:`canonical` produces those same bytes from the raw stream with one
regular-expression pass, and asks pypdf itself how each *distinct* operand
token (a number, a name, a string, a small dictionary) is read and written
again, remembering the answer: the text of a reading edition repeats the same
glyph strings over and over.  It declines (returns ``None``) for anything it
does not reproduce exactly—inline images, comments, nested arrays or
dictionaries, tokens near pypdf's length limits, or a token whose written
form pypdf would not read back to itself—and the caller then lets pypdf do the
work as before.  So the result is byte for byte what pypdf writes, or nothing.

Only names that stand as operands themselves are renamed by pypdf when two
pages' resources clash (never names inside arrays or dictionaries), so the
result keeps their places (:class:`Content`) and :meth:`Content.render`
applies a renaming afterwards.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pypdf.generic import NameObject, PdfObject, read_object

# Runs are possessive (``++``): they stop only at a character the pattern after
# them needs, so nothing would be given back anyway, and the scan is faster.
_STRING = rb"\((?:[^()\\]++|\\[\s\S])*+\)"  # no nested parentheses: those decline
_HEX = rb"<[^<>]*+>"
_NUMBER = rb"[+\-.0-9][+,\-.0-9]*"  # pypdf reads a number while it sees [+,-.0-9]
_NAME = rb"/[^\s()<>\[\]{}/%]*"  # pypdf's name delimiters
_OPERAND = rb"|".join((_STRING, _HEX, rb"[^<>()\[\]{}%]++"))

#: One token of a content stream at the top level, with the whitespace before
#: it: pypdf's (``\x00 \t \n \f \r`` and space, not ``\v``).  ``end`` is the
#: whitespace after the last token; ``bad`` is anything this module does not
#: reproduce, and makes :func:`canonical` decline.
_TOP = re.compile(
    rb"[\x00\t\n\x0c\r ]*(?:"
    rb"(?P<op>[A-Za-z'\"][^\s()<>\[\]{}/%]*)"
    rb"|(?P<name>" + _NAME + rb")"
    rb"|(?P<atom>" + _NUMBER + rb"|" + _STRING + rb"|<<(?:" + _OPERAND + rb")*>>|" + _HEX + rb")"
    rb"|(?P<array>\[(?:" + _OPERAND + rb")*\])"
    rb"|(?P<end>\Z)"
    rb"|(?P<bad>[\s\S]))"
)

#: An element inside an array; between elements pypdf skips ``isspace()``
#: whitespace and ``\x00``.  ``_ARRAY_BODY`` holds when nothing else is there:
#: its atomic groups take each element as ``findall`` does, never shorter.
_ELEMENT = re.compile(_NUMBER + rb"|" + _STRING + rb"|" + _HEX + rb"|" + _NAME)
_ARRAY_SPACE = rb"[\x00\t\n\x0b\x0c\r ]*+"
_ARRAY_BODY = re.compile(
    rb"(?:" + _ARRAY_SPACE + rb"(?>" + _ELEMENT.pattern + rb"))*+" + _ARRAY_SPACE
)

#: Tokens shorter than pypdf's read limits by a wide margin (it reads in chunks
#: of 16 bytes and counts what it read, so a token close to a limit can fail in
#: a stream and not on its own).
_LIMITS = {b"/": 1024, b"(": 1 << 20, b"<": 1 << 20}
_NUMBER_LIMIT = 32
_OPERATOR_LIMIT = 16
#: pypdf caps a stream's tokens (2,000,000) and an array's elements (100,000).
_MAX_TOKENS = 500_000
_MAX_ELEMENTS = 50_000


class Declined(Exception):
    """The stream holds something :func:`canonical` does not reproduce exactly."""


@dataclass(frozen=True)
class Content:
    """A content stream as pypdf writes it, cut where a resource name could be renamed.

    ``chunks`` joined are the stream's bytes; ``names`` gives, for each chunk that
    is a name operand (written with its trailing space), the name it stands for.
    """

    chunks: tuple[bytes, ...]
    names: tuple[tuple[int, str], ...]

    def render(self, rename: Mapping[str, bytes]) -> bytes:
        """The bytes, with each name operand in ``rename`` written as its new name
        (``rename`` maps a name to the bytes pypdf writes for its replacement)."""
        if not rename:
            return b"".join(self.chunks)
        chunks = list(self.chunks)
        for index, name in self.names:
            new = rename.get(name)
            if new is not None:
                chunks[index] = new + b" "
        return b"".join(chunks)


def serialise(obj: PdfObject) -> bytes:
    """The bytes pypdf writes for ``obj``."""
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _read(token: bytes) -> PdfObject:
    stream = io.BytesIO(token)
    obj = read_object(stream, None)
    if stream.tell() != len(token):
        raise Declined(token[:40])
    return obj


@lru_cache(maxsize=1 << 16)
def _written(token: bytes) -> tuple[bytes, str | None]:
    """How pypdf writes the operand ``token`` (and, for a name, the name it reads),
    checked to be a fixed point: pypdf reads the stream it wrote again before it
    writes it for good, so a token is only reproduced if reading back what was
    written gives the same bytes once more."""
    limit = _LIMITS.get(token[:1], _NUMBER_LIMIT)
    if len(token) > limit:
        raise Declined(token[:40])
    try:
        once = serialise(_read(token))
        again = _read(once)
    except Declined:
        raise
    except Exception as exc:  # pypdf's own verdict on a malformed token
        raise Declined(token[:40]) from exc
    if serialise(again) != once:
        raise Declined(token[:40])
    return once, str(again) if isinstance(again, NameObject) else None


def _array(token: bytes) -> bytes:
    """An array of numbers, names and strings as pypdf writes it: ``[ e1 e2 ]``.

    Its elements are found with one ``findall``: where what lies between them is
    whitespace only, they are the very tokens pypdf reads one after another.
    """
    body = token[1:-1]
    if _ARRAY_BODY.fullmatch(body) is None:
        raise Declined(token[:40])
    elements = _ELEMENT.findall(body)
    if len(elements) > _MAX_ELEMENTS:
        raise Declined(token[:40])
    if not elements:
        return b"[ ]"
    known = _ELEMENTS.get
    return b"[ " + b" ".join([known(e) or _element(e) for e in elements]) + b" ]"


#: Array elements as pypdf writes them (a bounded cache: one booklet's glyph
#: strings and numbers are a few thousand).
_ELEMENTS: dict[bytes, bytes] = {}


def _element(token: bytes) -> bytes:
    written = _written(token)[0]
    if len(_ELEMENTS) >= 1 << 16:
        _ELEMENTS.clear()
    _ELEMENTS[token] = written
    return written


def canonical(data: bytes) -> Content | None:
    """``data`` (a decoded content stream) as pypdf writes its operations, or
    ``None`` where that cannot be reproduced without pypdf's parser."""
    try:
        return _canonical(data)
    except Declined:
        return None


def _canonical(data: bytes) -> Content:
    chunks: list[bytes] = []
    names: list[tuple[int, str]] = []
    operands: list[tuple[bytes, str | None]] = []
    tokens = 0
    for match in _TOP.finditer(data):
        kind = match.lastgroup
        if kind == "end":
            break
        tokens += 1
        token = match.group(kind or 0)  # every alternative is a named group
        if kind == "op":
            if len(token) > _OPERATOR_LIMIT or token == b"BI" or token.startswith(b"stream"):
                raise Declined(token)  # an inline image, or what a dictionary would swallow
            for written, name in operands:
                if name is not None:
                    names.append((len(chunks), name))
                chunks.append(written + b" ")
            chunks.append(token + b"\n")
            operands = []
        elif kind == "name":
            operands.append(_written(token))
        elif kind == "atom":
            operands.append((_written(token)[0], None))
        elif kind == "array":
            operands.append((_array(token), None))
        else:
            raise Declined(token)
    if tokens > _MAX_TOKENS:
        raise Declined(b"tokens")
    # pypdf drops operands left without an operator at the end of a stream.
    return Content(tuple(chunks), tuple(names))
