"""Reading a catalogue in msgcat's own layout without polib's line-by-line state machine.

polib is pliego's reference parser, and for a big catalogue the slowest part
of ``invoke update``: it runs a state-machine transition, a regular expression
and a string concatenation per *line*, about three quarters of the time
:func:`pliego.gettext.po.read_po` takes on a 20,000-entry file.  Nearly every
file pliego reads, though, is in the layout pliego, ``msgcat`` and Poedit write,
which :func:`pliego.gettext.lexical.checked_lines` has already recognised with
one regular expression.  For such a file :func:`read_canonical` matches one
regular expression per *entry* and builds the same :class:`Message` values the
polib path builds, with polib's readings of every detail kept (which ``#``
lines become the file's header comments, empty comment lines dropped above the
first worded one, flags split at commas, ``file:line`` references, the line an
entry starts on).  Anything it does not expect makes it answer ``None`` and the
caller parses with polib instead: being fast never changes what a file means.
tests/gettext/test_canonical.py reads the shipped catalogues, the benches'
corpora and odd files both ways and compares every field.
"""

from __future__ import annotations

import re

from pliego.gettext.catalog import Location, Message, message

_S = r'"[^\n]*\n(?:(?P=o)"[^\n]*\n)*'  # a string and its continuation lines
_ENTRY = re.compile(
    r"(?P<comments>(?:#[^|~\n][^\n]*\n|#\n)*)"
    r"(?P<previous>(?:#\| [^\n]*\n)*)"
    r"(?P<o>(?:#~ )?)"
    rf"(?:msgctxt (?P<msgctxt>{_S})(?P=o))?"
    rf"msgid (?P<msgid>{_S})(?P=o)"
    rf"(?:msgstr (?P<msgstr>{_S})"
    rf"|msgid_plural (?P<plural>{_S})(?P=o)"
    rf"(?P<forms>msgstr\[[0-9]\] {_S}(?:(?P=o)msgstr\[[0-9]\] {_S})*))"
    r"\n*"
)
_FORM = re.compile(r'(?:#~ )?msgstr\[([0-9])\] ("[^\n]*\n(?:(?:#~ )?"[^\n]*\n)*)')
# polib's unescape(): these escapes and no others (a canonical file has no others).
_UNESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f"}
_UNESCAPES['"'] = '"'


class _Unexpected(Exception):
    """A line polib would read otherwise than this module knows: let polib read the file."""


def _unescape_one(m: re.Match[str]) -> str:
    return _UNESCAPES[m.group(1)]


def _value(block: str, joint: str) -> str:
    """A string's value from its lines (``"a"\\n"b"\\n``), as polib reads them.

    In a canonical file ``"`` newline ``"`` occurs only where one line's string
    closes and the next one's opens: a quote inside a string is escaped and a
    string holds no raw newline."""
    body = block[1:-2]
    if joint and joint in body:
        body = body.replace(joint, "")
    return _UNESCAPE.sub(_unescape_one, body) if "\\" in body else body


def location(name: str, line: str) -> Location:
    """polib's ``(file, "12")`` or ``(file, "")`` as pliego's ``(file, 12)`` or ``(file, None)``."""
    if line.isdigit() and line.isascii():
        return (name, int(line))
    return (f"{name}:{line}" if line else name, None)  # "a.md:²" is a name, as GNU reads it


def _append(text: str, more: str) -> str:
    """polib's way of adding a comment line: joined by newlines, but nothing before
    the first line that is not empty (so leading empty ``#`` lines vanish)."""
    return f"{text}\n{more}" if text else more


class _Comments:
    """An entry's comment lines read as polib reads them (``line.strip()``, then by mark)."""

    __slots__ = (
        "comment",
        "first",
        "flags",
        "header",
        "locations",
        "skipped",
        "started",
        "tcomment",
    )

    def __init__(self, first: bool) -> None:
        self.first = first  # polib is still at the file's start: "#" lines are its header
        self.started = False  # polib has acted on a line of this entry
        self.skipped = 0  # lines polib passed over before that (a bare "#.", "#:" or "#,")
        self.header = ""
        self.tcomment = ""
        self.comment = ""
        self.flags: list[str] = []
        self.locations: list[Location] = []

    def read(self, block: str) -> None:
        for raw in block.split("\n")[:-1]:
            line = raw.strip()
            tokens = line.split(None, 2)
            mark = tokens[0]
            if mark in ("#:", "#,", "#.") and len(tokens) <= 1:
                self.skipped += not self.started
                continue
            self.started = True
            if mark == "#" or mark.startswith("##"):
                token = line + " " if line == "#" else line
                if self.first:
                    self.header = _append(self.header, token[2:])
                else:
                    text = token.lstrip("#")
                    self.tcomment = _append(self.tcomment, text[1:] if text[:1] == " " else text)
                continue
            self.first = False
            if mark == "#:":
                for occurrence in line[3:].split():
                    name, colon, number = occurrence.rpartition(":")
                    if not colon or not number.isdigit():
                        name, number = occurrence, ""
                    self.locations.append(location(name, number))
            elif mark == "#,":
                self.flags += [c.strip() for c in line[3:].split(",")]
            elif mark == "#.":
                self.comment = _append(self.comment, line[3:])
            else:
                raise _Unexpected(line)


def _previous(block: str) -> tuple[str | None, str | None, str | None]:
    """The ``#|`` lines: (msgctxt, msgid, msgid_plural); a repeated keyword replaces
    the value before it and a bare string continues the last keyword, as in polib."""
    fields: dict[str, str] = {}
    last = ""
    for raw in block.split("\n")[:-1]:
        line = raw.strip()
        tokens = line.split(None, 2)
        rest = line[2:].lstrip()
        if len(tokens) < 2:
            raise _Unexpected(line)
        if tokens[1].startswith('"'):
            if not last:
                raise _Unexpected(line)
            fields[last] += _value(rest + "\n", "")
            continue
        if len(tokens) == 2 or tokens[1] not in ("msgctxt", "msgid", "msgid_plural"):
            raise _Unexpected(line)
        last = tokens[1]
        fields[last] = _value(rest[len(last) :].lstrip() + "\n", "")
    return fields.get("msgctxt"), fields.get("msgid"), fields.get("msgid_plural")


def _forms(block: str, joint: str) -> tuple[str, ...]:
    forms: dict[int, str] = {}
    for m in _FORM.finditer(block):
        forms[int(m.group(1))] = _value(m.group(2), joint)
    return tuple(forms.values())


def read_canonical(text: str) -> list[Message] | None:
    """Every entry of ``text`` (canonical, as the lexical check found it, with ``#~|``
    already read as ``#|``), the header entry included and the comments polib keeps
    as the file's header given to the first entry; ``None`` for anything unexpected."""
    messages: list[Message] = []
    pos = len(text) - len(text.lstrip("\n"))
    line = 1 + pos
    match = _ENTRY.match
    try:
        while pos < len(text):
            m = match(text, pos)
            if m is None:
                return None
            comments = _Comments(first=not messages)
            if m.group("comments"):
                comments.read(m.group("comments"))
            previous = _previous(m.group("previous")) if m.group("previous") else (None,) * 3
            obsolete = m.group("o")
            joint = f'"\n{obsolete}"'
            ctxt = m.group("msgctxt")
            forms = m.group("forms")
            translator = comments.header.split("\n") if comments.header else []
            if comments.tcomment:
                translator += comments.tcomment.split("\n")
            messages.append(
                message(
                    _value(m.group("msgid"), joint),
                    "" if forms else _value(m.group("msgstr"), joint),
                    None if ctxt is None else _value(ctxt, joint),
                    _value(m.group("plural"), joint) if forms else None,
                    _forms(forms, joint) if forms else (),
                    tuple(filter(None, comments.flags)),
                    tuple(map(str.strip, comments.comment.split("\n"))) if comments.comment else (),
                    tuple(translator),
                    tuple(comments.locations),
                    previous[0],
                    previous[1],
                    previous[2],
                    bool(obsolete),
                    line + comments.skipped,
                )
            )
            line += text.count("\n", pos, m.end())
            pos = m.end()
    except _Unexpected:
        return None
    return messages
