"""The line-level check that runs before polib: what polib would misread, rejected or made plain.

polib parses leniently: an unterminated ``msgstr "b`` becomes empty, a ``\\q``
escape stays in the text, a ``msgid`` without ``msgstr`` is accepted (or
silently overwritten by the next one), lines like ``#,fuzzy`` or ``#~|`` are
misread or dropped, and it reports errors without a hint.  :func:`check_lines`
validates every line and the order of keywords within an entry (GNU's order:
comments, ``#|`` previous fields, ``msgctxt``, ``msgid``, then ``msgstr`` or
``msgid_plural`` with ``msgstr[0]``, ``msgstr[1]`` …) and raises
:class:`~pliego.errors.CatalogError` with the line and a fix.  It builds no
entries: it returns the text for polib to parse, line for line the same so
that polib's line numbers stay the file's.

A file in the layout that pliego, ``msgcat`` and Poedit write is recognised
by one regular expression (:data:`_CANONICAL`, a pass in C) and handed on as
it is (but for ``#~|``, which polib skips and reads as ``#|``: the ``msgid``
line below marks the entry obsolete anyway).  Anything else (CRLF line ends,
``#,fuzzy`` without a space, octal or ``\\a`` escapes, stray spaces, damage)
goes line by line through :class:`_LineByLine`, which either finds the error or
rewrites the line in the plain form polib reads as GNU gettext would.
"""

from __future__ import annotations

import re
from typing import NoReturn

from pliego.errors import CatalogError

_UNESCAPES = {
    "\\": "\\",
    '"': '"',
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
# The escapes polib decodes; every other character can stand in a string as itself.
_POLIB_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\t": "\\t",
        "\r": "\\r",
        "\v": "\\v",
        "\b": "\\b",
        "\f": "\\f",
    }
)
_UNQUOTE = re.compile(r'\\([0-7]{1,3}|.)|\\$|"', re.DOTALL)
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[([0-9]+)\])?)\s+(.*)$")
MAX_FORMS = 10  # polib reads one digit of msgstr[N]; no language has more than six forms


def _canonical_file() -> re.Pattern[str]:
    string = r'"[^"\\\n]*(?:\\[\\"ntrvbf][^"\\\n]*)*"\n'
    comment = r"#[.:,]?(?: [^\n]*)?\n"

    def entry(p: str, prev: str) -> str:
        cont = f"(?:{p}{string})*"
        forms = ""
        for k in reversed(range(MAX_FORMS)):
            forms = f"{p}msgstr\\[{k}\\] {string}{cont}" + (f"(?:{forms})?" if forms else "")
        return (
            f"(?:{prev}(?:msgctxt|msgid|msgid_plural) {string}(?:{prev}{string})*)*"
            f"(?:{p}msgctxt {string}{cont})?{p}msgid {string}{cont}"
            f"(?:{p}msgstr {string}{cont}|{p}msgid_plural {string}{cont}{forms})"
        )

    active, obsolete = entry("", r"#\| "), entry("#~ ", r"#~\| ")
    return re.compile(f"\\n*(?:(?:{comment})*(?:{active}|{obsolete})\\n*)*")


_CANONICAL = _canonical_file()


def check_lines(text: str, path: str) -> str:
    """Validate PO text; return it as polib should read it (same lines, plain forms).

    The result ends with a newline, so polib can never take it for a file name.
    """
    return checked_lines(text, path)[0]


def checked_lines(text: str, path: str) -> tuple[str, bool]:
    """:func:`check_lines`, and whether the file is in the canonical layout (which
    :mod:`pliego.gettext.canonical` then reads without polib)."""
    if not text.endswith("\n"):
        text += "\n"
    if _CANONICAL.fullmatch(text):
        if "#~| " in text:  # polib skips obsolete previous fields; as "#| " it keeps them
            text = ("\n" + text).replace("\n#~| ", "\n#| ")[1:]
        return text, True
    return _LineByLine(path).check(text), False


def unquote(raw: str, path: str, lineno: int) -> str:
    """The value of one ``"…"`` token, as GNU gettext reads it."""
    raw = raw.strip()
    if len(raw) < 2 or not raw.startswith('"') or not raw.endswith('"'):
        raise CatalogError(
            "a string must be enclosed in double quotes",
            path=path,
            line=lineno,
            hint='write it as "text"; a " inside the text is written \\"',
        )
    body = raw[1:-1]
    if "\\" not in body and '"' not in body:
        return body

    def one(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == '"':
            raise CatalogError(
                'an unescaped " inside a string',
                path=path,
                line=lineno,
                hint='write a quote inside the text as \\"',
            )
        if token == "\\":
            raise CatalogError(
                "the string ends with a lone backslash",
                path=path,
                line=lineno,
                hint="write a backslash as \\\\",
            )
        e = m.group(1)
        if e in _UNESCAPES:
            return _UNESCAPES[e]
        if e[0] in "01234567":
            return chr(int(e, 8))
        raise CatalogError(
            f"unknown escape sequence \\{e}",
            path=path,
            line=lineno,
            hint="write a backslash as \\\\",
        )

    return _UNQUOTE.sub(one, body)


def _quote(value: str) -> str:
    return '"' + value.translate(_POLIB_ESCAPES) + '"'


def _comment(body: str) -> str:
    """A comment line as polib expects it: the mark, one space, the text."""
    kind = body[1:2]
    if kind in (".", ":", ","):
        rest = body[2:].strip()
        return f"#{kind} {rest}" if rest else f"#{kind}"
    rest = body[1:].removeprefix(" ")
    return f"# {rest}" if rest else "#"


class _LineByLine:
    """The slow path: one line at a time, the entry's progress in a few fields.

    ``stage`` is how far the current entry has come: ``""`` (none open yet),
    ``"comments"``, ``"prev"``, ``"msgctxt"``, ``"msgid"``, ``"msgid_plural"``,
    ``"msgstr"`` or ``"forms"`` (``forms`` plural forms seen).  An entry is
    closed when the next one begins, as GNU does; the messages and the lines
    errors point to are those of pliego's former hand-written reader.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.out: list[str] = []
        self.stage = ""
        self.start = 0  # first line of the current entry
        self.texts = False  # its comments include # or #. lines
        self.forms = 0
        self.obsolete = False
        self.msgid_at = -1  # index in out of the entry's msgid line

    def fail(self, message: str, line: int, hint: str | None = None) -> NoReturn:
        raise CatalogError(message, path=self.path, line=line, hint=hint)

    def check(self, text: str) -> str:
        for lineno, raw in enumerate(text.split("\n"), start=1):
            self.line(raw.strip(), lineno)
        self.close()
        return "\n".join(self.out)

    def line(self, body: str, lineno: int) -> None:
        obsolete = prev = False
        if body.startswith("#~"):
            obsolete, body = True, body[2:].lstrip()
            if body.startswith("|"):
                prev, body = True, body[1:].lstrip()
        elif body.startswith("#|"):
            prev, body = True, body[2:].lstrip()
        elif body.startswith("#"):
            self.comment(body, lineno)
            return
        if not body:
            self.out.append("")
            return
        if body.startswith('"'):
            if self.stage in ("", "comments"):
                self.fail("a string continues nothing", lineno, "start the entry with msgid")
            self.out.append(_quote(unquote(body, self.path, lineno)))
            return
        m = _KEYWORD.match(body)
        if m is None:
            self.fail(
                f"unknown keyword {body.split()[0]!r}",
                lineno,
                "entries use msgctxt, msgid, msgid_plural and msgstr",
            )
        keyword, index = m.group(1), m.group(2)
        if prev:
            self.previous(lineno)
            self.out.append(f"#| {keyword} {_quote(unquote(m.group(3), self.path, lineno))}")
            return
        if index is None:
            self.keyword(keyword, lineno)
        else:
            self.form(int(index), lineno)
            keyword = f"msgstr[{int(index)}]"
        value = _quote(unquote(m.group(3), self.path, lineno))
        self.obsolete = self.obsolete or obsolete
        if keyword == "msgid":
            self.msgid_at = len(self.out)
        self.out.append(f"{'#~ ' if obsolete else ''}{keyword} {value}")

    def open(self, stage: str, lineno: int) -> None:
        """Move to ``stage``; a complete entry before it is closed first."""
        if self.stage in ("msgstr", "forms"):
            self.close()
        if self.stage == "":
            self.start, self.texts, self.forms, self.obsolete = lineno, False, 0, False
        self.stage = stage

    def comment(self, body: str, lineno: int) -> None:
        if self.stage in ("prev", "msgctxt", "msgid", "msgid_plural"):
            self.close()  # raises: the entry is incomplete
        self.open("comments", lineno)
        self.texts = self.texts or body[1:2] not in (":", ",")
        self.out.append(_comment(body))

    def previous(self, lineno: int) -> None:
        if self.stage in ("msgctxt", "msgid", "msgid_plural"):
            self.fail(
                "a previous field (#|) after msgctxt or msgid",
                lineno,
                "put the #| lines above the entry's msgctxt and msgid",
            )
        self.open("prev", lineno)

    def keyword(self, keyword: str, lineno: int) -> None:
        stage = self.stage
        if keyword in ("msgctxt", "msgid"):
            if stage == keyword or (keyword == "msgid" and stage == "msgid_plural"):
                self.twice(keyword, lineno)
            if stage in ("msgid", "msgid_plural"):
                self.close()  # a msgctxt after the msgid: raises, the entry has no msgstr
            self.open(keyword, lineno)
        elif stage in ("", "comments", "prev", "msgctxt"):
            self.fail(
                "an entry has no msgid",
                self.start if stage else lineno,
                'every entry needs msgid "…" followed by msgstr "…"',
            )
        elif keyword == "msgid_plural":
            if stage == keyword:
                self.twice(keyword, lineno)
            if stage != "msgid":
                self.fail("msgid_plural must follow the entry's msgid", lineno)
            self.stage = keyword
        else:  # msgstr
            if stage == "msgid_plural":
                self.close()  # raises: the plural entry has no msgstr[0]
            if stage == "forms":
                self.fail("a plural entry has msgstr[N] lines, not msgstr", lineno)
            if stage == keyword:
                self.twice(keyword, lineno)
            self.stage = keyword

    def form(self, k: int, lineno: int) -> None:
        if self.stage in ("", "comments", "prev", "msgctxt"):
            self.keyword("msgstr", lineno)  # raises: no msgid
        if self.stage in ("msgid", "msgstr"):
            self.fail(
                "an entry has msgstr[N] but no msgid_plural",
                self.start,
                'a singular entry has one msgstr "…"',
            )
        if k >= MAX_FORMS:
            self.fail(f"msgstr[{k}]: at most {MAX_FORMS} plural forms are supported", lineno)
        if k < self.forms:
            self.twice(f"msgstr[{k}]", lineno)
        if k != self.forms:
            self.fail("plural forms must be numbered msgstr[0], msgstr[1] … in order", self.start)
        self.forms, self.stage = k + 1, "forms"

    def twice(self, keyword: str, lineno: int) -> NoReturn:
        self.fail(
            f"{keyword} appears twice in one entry",
            lineno,
            "each entry has one msgid and one msgstr",
        )

    def close(self) -> None:
        """End the current entry, which must be complete (trailing comments may stand alone)."""
        stage, start = self.stage, self.start
        if (stage == "comments" and self.texts) or stage in ("prev", "msgctxt"):
            self.fail(
                "an entry has no msgid",
                start,
                'every entry needs msgid "…" followed by msgstr "…"',
            )
        if stage == "msgid":
            self.fail("an entry has a msgid but no msgstr", start, 'add msgstr "" after the msgid')
        if stage == "msgid_plural":
            self.fail(
                "a plural entry has no msgstr[0]",
                start,
                "plural entries use msgstr[0], msgstr[1] …",
            )
        if stage in ("msgstr", "forms") and self.obsolete:
            line = self.out[self.msgid_at]
            if not line.startswith("#~"):
                self.out[self.msgid_at] = "#~ " + line  # polib takes obsoleteness from the msgid
        self.stage = ""
