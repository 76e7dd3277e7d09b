"""The polib path of :func:`pliego.gettext.po.read_po`: any file the canonical reader declines.

polib is pliego's reference parser for PO files: every file that is not in
msgcat's own layout (CRLF line ends, ``#,fuzzy`` without a space, octal
escapes, a hand-made layout), made plain by the line check first, is parsed
here, and :mod:`pliego.gettext.canonical` is held to give exactly what this
module gives (tests/gettext/test_canonical.py).  polib's entries become
pliego's frozen :class:`~pliego.gettext.catalog.Message` at this boundary.
"""

from __future__ import annotations

import re
from typing import Literal

import polib

from pliego.errors import CatalogError
from pliego.gettext.canonical import location
from pliego.gettext.catalog import Message

_POLIB_LINE = re.compile(r"\(line (\d+)\)")


class _NewlineOnly(str):
    """PO text whose lines end at ``\\n`` only.

    polib splits text given as a string with :meth:`str.splitlines`, which
    also breaks at U+2028, U+0085, form feeds and other characters that may
    stand raw inside a translation; GNU gettext ends a line at ``\\n`` alone.
    """

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.split("\n")


class _EntriesOnly(polib.POFile):
    """A :class:`polib.POFile` that leaves the header entry among the entries.

    polib folds the header into a ``metadata`` dict, which glues a broken
    line to the field above it, merges repeated fields and forgets where the
    header was; pliego parses and checks the header itself.  polib finds the
    header with ``find("")`` and removes what it finds: here it finds nothing.
    """

    def find(
        self,
        st: str,
        by: str = "msgid",
        include_obsolete_entries: bool = False,
        msgctxt: str | Literal[False] = False,
    ) -> polib.POEntry | None:
        if st == "" and by == "msgid":
            return None
        return super().find(st, by, include_obsolete_entries, msgctxt)


def _parse(text: str, path: str) -> _EntriesOnly:
    try:
        return polib.pofile(_NewlineOnly(text), encoding="utf-8", klass=_EntriesOnly)
    except OSError as exc:  # polib's "Syntax error in po file (line N)"
        m = _POLIB_LINE.search(str(exc))
        raise CatalogError(
            "polib cannot parse this line",
            path=path,
            line=int(m.group(1)) if m else None,
            hint="compare the entry with one that works, or run msgfmt --check on the file",
        ) from None


def _message(e: polib.POEntry, lineno: int, comments: list[str]) -> Message:
    """One polib entry as pliego's frozen value (this runs 20,000 times per big file).

    polib joins an entry's comment lines into one string and skips an empty
    ``#.``: an empty ``#.`` line, and empty ``#`` lines above an entry's first
    worded comment, do not survive a read (pliego's extraction writes neither).
    """
    if e.tcomment:
        comments += e.tcomment.split("\n")
    forms = e.msgstr_plural
    return Message(
        msgid=e.msgid,
        msgstr=e.msgstr,
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural if forms else None,
        msgstr_plural=tuple(forms.values()),  # the check let through msgstr[0], [1] … in order
        flags=tuple(filter(None, e.flags)),  # "#, fuzzy," gives polib an empty flag
        auto_comments=tuple(map(str.strip, e.comment.split("\n"))) if e.comment else (),
        translator_comments=tuple(comments),
        locations=tuple([location(name, line) for name, line in e.occurrences]),
        previous_msgctxt=e.previous_msgctxt,
        previous_msgid=e.previous_msgid,
        previous_msgid_plural=e.previous_msgid_plural,
        obsolete=bool(e.obsolete),
        lineno=lineno,
    )


def polib_messages(text: str, path: str) -> list[Message]:
    """Every entry as polib reads it (the header entry included), for any file the
    canonical reader does not take; polib numbers the first entry 0 and keeps the
    ``#`` lines above everything as the file's header, which belong to that entry."""
    pofile = _parse(text, path)
    return [
        _message(
            entry, entry.linenum or 0, [] if i or not pofile.header else pofile.header.split("\n")
        )
        for i, entry in enumerate(pofile)
    ]
