"""Writing PO/POT files in GNU ``msgcat`` layout (the pure half of :mod:`pliego.gettext.po`).

GNU gettext and Poedit wrap at 79 columns and break lines at the same
opportunities; matching them exactly is what keeps translators' diffs quiet
whichever tool saved the file last.  :func:`write_po` is a pure generator;
:func:`pliego.gettext.po.save_catalog` is the thin writer around it.

Strings are wrapped as ``wrap()`` in gettext-tools' ``write-po.c`` wraps
them: each ``\\n``-terminated portion is escaped first, then libunistring
(:mod:`.linebreak`) finds the breaks in the *escaped* text, never inside an
escape sequence nor before a closing ``\\n``; a string that needs more than
one line, or has several portions, starts with an empty ``msgid ""`` line.
Not reproduced: GNU also refuses to break inside printf directives of
messages flagged ``c-format``, ``python-format`` and so on, which pliego
never writes.
"""

from __future__ import annotations

from pliego.gettext.catalog import Catalog, Location, Message
from pliego.gettext.linebreak import UC_BREAK_PROHIBITED, split_lines, width_linebreaks

WIDTH = 79
# GNU's page width for a message flagged ``no-wrap`` (INT_MAX).
_NO_WRAP_WIDTH = 2**31 - 1

# The backslash first: later replacements add backslashes that must stay single.
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}


def _escape(text: str) -> str:
    # str.replace per character beats str.translate with a table eightfold here.
    for char, escaped in _ESCAPES.items():
        if char in text:
            text = text.replace(char, escaped)
    return text


def _portions(value: str) -> list[str]:
    """``value`` cut after each ``\\n``, as GNU wraps it: at least one portion."""
    portions = []
    start = 0
    while cut := value.find("\n", start) + 1:
        portions.append(value[start:cut])
        start = cut
    if start < len(value) or not portions:
        portions.append(value[start:])
    return portions


def _overrides(data: bytes, ends_with_newline: bool) -> bytes:
    """GNU's vetoes: no break inside an escape sequence, nor before a closing ``\\n``.

    In escaped UTF-8 a backslash byte always opens a two-byte escape (no
    multi-byte character contains 0x5C), so the byte after it is vetoed.
    """
    if not ends_with_newline and b"\\" not in data:
        return bytes(len(data))  # most texts: no veto at all
    vetoes = bytearray(len(data))
    at = data.find(b"\\")
    while at != -1:
        vetoes[at + 1] = UC_BREAK_PROHIBITED
        at = data.find(b"\\", at + 2)
    if ends_with_newline:
        vetoes[-2] = UC_BREAK_PROHIBITED
    return bytes(vetoes)


def _lines(escaped: str, ends_with_newline: bool, width: int, start: int) -> list[str]:
    """The escaped portion cut into lines of ``width`` columns, the first from ``start``.

    Fast path, no call into C: a portion that fits whatever the width of its
    characters cannot need a break.  No character is wider than its UTF-8
    encoding is long (two columns at most, and only from U+1100, which takes
    three bytes), and an ASCII string is as long as it is encoded.
    """
    if escaped.isascii():
        if start + len(escaped) <= width:
            return [escaped]
        data = escaped.encode("ascii")
        breaks = width_linebreaks(data, width, start, _overrides(data, ends_with_newline))
        return split_lines(escaped, breaks)  # byte offsets are character offsets
    data = escaped.encode("utf-8")
    if start + len(data) <= width:
        return [escaped]
    breaks = width_linebreaks(data, width, start, _overrides(data, ends_with_newline))
    return split_lines(data, breaks)


def _fits(escaped: str, width: int, start: int) -> bool:
    """The escaped text fits from ``start`` whatever its characters' widths
    (see :func:`_lines`): no break is possible, without asking libunistring."""
    size = len(escaped) if escaped.isascii() else len(escaped.encode("utf-8"))
    return start + size <= width


def _format_string(keyword: str, value: str, prefix: str = "", wrap: bool = True) -> list[str]:
    """``keyword "value"`` lines, wrapped as GNU msgcat wraps them.

    Columns as in ``write-po.c``: continuation lines start after the prefix
    and the opening quote, and the closing quote takes one column of the page.
    """
    width = (WIDTH if wrap else _NO_WRAP_WIDTH) - 1 - (len(prefix) + 1)
    portions = _portions(value)
    head = f"{prefix}{keyword} "
    out = [f'{head}""']
    if len(portions) == 1:
        # GNU tries the first line after the keyword, and only moves the text
        # below an empty one when it would break (or there is no room at all).
        first = _escape(value)
        start = len(keyword) + 1
        if not first or (start <= width and _fits(first, width, start)):
            return [f'{head}"{first}"']
        newline = value.endswith("\n")
        below = _lines(first, newline, width, 0)
        # A text that breaks from column 0 breaks after the keyword too (libunistring
        # breaks before the first piece that ends past the width, and every piece
        # ends further right when the line starts further right); only a text that
        # fits below in one line needs asking whether it fits after the keyword.
        if len(below) == 1 and start <= width and len(_lines(first, newline, width, start)) == 1:
            return [f'{head}"{first}"']
        return out + [f'{prefix}"{body}"' for body in below]
    for portion in portions:
        newline = portion.endswith("\n")
        for body in _lines(_escape(portion), newline, width, 0):
            out.append(f'{prefix}"{body}"')
    return out


def _format_locations(locations: tuple[Location, ...]) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for path, line in locations:
        ref = path if line is None else f"{path}:{line}"
        if current != "#:" and len(current) + 1 + len(ref) > WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def _comment(mark: str, text: str) -> str:
    return f"{mark} {text}" if text else mark


def _wraps(flags: tuple[str, ...]) -> bool:
    """False for a message flagged ``no-wrap``: GNU then breaks only after ``\\n``."""
    return "no-wrap" not in flags


def _format_message(m: Message) -> list[str]:
    lines = [_comment("#", c) for c in m.translator_comments]
    lines += [_comment("#.", c) for c in m.auto_comments]
    lines += _format_locations(m.locations)
    if m.flags:
        lines.append("#, " + ", ".join(m.flags))
    wrap = _wraps(m.flags)
    prev = "#~| " if m.obsolete else "#| "
    if m.previous_msgctxt is not None:
        lines += _format_string("msgctxt", m.previous_msgctxt, prev, wrap)
    if m.previous_msgid is not None:
        lines += _format_string("msgid", m.previous_msgid, prev, wrap)
    if m.previous_msgid_plural is not None:
        lines += _format_string("msgid_plural", m.previous_msgid_plural, prev, wrap)
    p = "#~ " if m.obsolete else ""
    if m.msgctxt is not None:
        lines += _format_string("msgctxt", m.msgctxt, p, wrap)
    lines += _format_string("msgid", m.msgid, p, wrap)
    if m.msgid_plural is not None:
        lines += _format_string("msgid_plural", m.msgid_plural, p, wrap)
        for i, form in enumerate(m.msgstr_plural):
            lines += _format_string(f"msgstr[{i}]", form, p, wrap)
    else:
        lines += _format_string("msgstr", m.msgstr, p, wrap)
    return lines


def header_text(catalog: Catalog) -> str:
    return "".join(f"{k}: {v}\n" for k, v in catalog.header)


def write_po(catalog: Catalog) -> str:
    """The catalogue as GNU gettext would lay it out (pure)."""
    blocks: list[list[str]] = []
    head = [_comment("#", c) for c in catalog.header_comments]
    if catalog.header_flags:
        head.append("#, " + ", ".join(catalog.header_flags))
    wrap = _wraps(catalog.header_flags)
    head += _format_string("msgid", "", wrap=wrap)
    head += _format_string("msgstr", header_text(catalog), wrap=wrap)
    blocks.append(head)
    for m in catalog.messages:
        blocks.append(_format_message(m))
    return "\n".join("\n".join(b) + "\n" for b in blocks)
