"""Writing PO/POT files in GNU ``msgcat`` layout (the pure half of :mod:`pliego.gettext.po`).

GNU gettext and Poedit wrap at 79 columns and break lines at the same
opportunities; matching them exactly is what keeps translators' diffs quiet
whichever tool saved the file last.  :func:`write_po` is a pure generator;
:func:`pliego.gettext.po.save_catalog` is the thin writer around it.
"""

from __future__ import annotations

import re
import unicodedata

from pliego.gettext.catalog import Catalog, Location, Message

WIDTH = 79

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
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
# Line-break opportunities (the subset of UAX #14 that GNU gettext's wrapping
# meets in prose): after a space run, after a hyphen between letters, and on
# either side of an em dash (but never between two).
_BREAKS = re.compile(
    r"(?<= )(?! )|(?<=[^\W\d_]-)(?=[^\W\d_])|(?<=\u2014)(?=[^\u2014 ])"
    r"|(?<=[^\u2014])(?=\u2014)"
)


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_TABLE)


def _wrap_portion(portion: str, first_width: int, width: int) -> list[str]:
    """Split one ``\\n``-terminated portion into escaped line bodies.

    Greedy, like GNU: fill each line with whole chunks (text between two
    break opportunities); a chunk wider than a line overflows rather than
    being cut.
    """
    lines: list[str] = []
    current: list[str] = []
    used = 0
    limit = first_width
    for chunk in _BREAKS.split(portion):
        if not chunk:
            continue
        esc = _escape(chunk)
        w = _width(esc)
        if current and used + w > limit:
            lines.append("".join(current))
            current, used, limit = [], 0, width
        current.append(esc)
        used += w
    if current or not lines:
        lines.append("".join(current))
    return lines


def _format_string(keyword: str, value: str, prefix: str = "") -> list[str]:
    """``keyword "value"`` lines, wrapped as GNU msgcat wraps them."""
    portions: list[str] = []
    rest = value
    while rest:
        cut = rest.find("\n")
        if cut == -1 or cut == len(rest) - 1:
            portions.append(rest)
            break
        portions.append(rest[: cut + 1])
        rest = rest[cut + 1 :]
    head = f"{prefix}{keyword} "
    inner = WIDTH - _width(prefix) - 2
    if len(portions) <= 1:
        single = _escape(value)
        if _width(head) + _width(single) + 2 <= WIDTH:
            return [f'{head}"{single}"']
    out = [f'{head}""']
    for portion in portions:
        for body in _wrap_portion(portion, inner, inner):
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


def _format_message(m: Message) -> list[str]:
    lines = [_comment("#", c) for c in m.translator_comments]
    lines += [_comment("#.", c) for c in m.auto_comments]
    lines += _format_locations(m.locations)
    if m.flags:
        lines.append("#, " + ", ".join(m.flags))
    prev = "#~| " if m.obsolete else "#| "
    if m.previous_msgctxt is not None:
        lines += _format_string("msgctxt", m.previous_msgctxt, prev)
    if m.previous_msgid is not None:
        lines += _format_string("msgid", m.previous_msgid, prev)
    if m.previous_msgid_plural is not None:
        lines += _format_string("msgid_plural", m.previous_msgid_plural, prev)
    p = "#~ " if m.obsolete else ""
    if m.msgctxt is not None:
        lines += _format_string("msgctxt", m.msgctxt, p)
    lines += _format_string("msgid", m.msgid, p)
    if m.msgid_plural is not None:
        lines += _format_string("msgid_plural", m.msgid_plural, p)
        for i, form in enumerate(m.msgstr_plural):
            lines += _format_string(f"msgstr[{i}]", form, p)
    else:
        lines += _format_string("msgstr", m.msgstr, p)
    return lines


def header_text(catalog: Catalog) -> str:
    return "".join(f"{k}: {v}\n" for k, v in catalog.header)


def write_po(catalog: Catalog) -> str:
    """The catalogue as GNU gettext would lay it out (pure)."""
    blocks: list[list[str]] = []
    head = [_comment("#", c) for c in catalog.header_comments]
    if catalog.header_flags:
        head.append("#, " + ", ".join(catalog.header_flags))
    head += _format_string("msgid", "")
    head += _format_string("msgstr", header_text(catalog))
    blocks.append(head)
    for m in catalog.messages:
        blocks.append(_format_message(m))
    return "\n".join("\n".join(b) + "\n" for b in blocks)
