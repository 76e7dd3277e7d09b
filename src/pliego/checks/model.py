"""The vocabulary of ``invoke check``: findings, severities, the context a
check sees, and the per-entry opt-out.

A check is a pure function ``(Message, CheckContext) -> Iterable[str]``: it
only says *what* is wrong, in words a translator understands.  The runner
(:mod:`pliego.checks.registry`) adds the file, the line, the check id and the
severity, so no check can forget them and every check is trivially testable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pliego.errors import PliegoError
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.glossary import Term


class Severity(StrEnum):
    """How bad a finding is; only errors fail a run unless warnings are made to."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "note": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem in one entry (or in the file as a whole, then ``msgid`` is None)."""

    check: str
    severity: Severity
    path: str
    line: int | None
    message: str
    msgid: str | None = None
    lang: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity.value,
            "file": self.path,
            "line": self.line,
            "message": self.message,
            "msgid": self.msgid,
            "lang": self.lang,
        }


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may know besides the entry: the target language,
    the catalogue's domain (an article's slug, ``pamphlet`` or ``site``: where
    the text is shown), the glossary, the limits from ``[tool.pliego.check]``
    and, for the file-level ``msgfmt`` check, what GNU ``msgfmt -c`` said
    about the file."""

    lang: str
    path: str = "<catalogue>"
    domain: str = ""
    source_language: str = "en"
    glossary: tuple[Term, ...] = ()
    length_ratio: tuple[float, float] = (0.4, 2.5)
    length_min_chars: int = 40
    msgfmt_output: str | None = None
    read_error: PliegoError | None = None
    catalog: Catalog = field(default_factory=Catalog)


EntryCheck = Callable[[Message, CheckContext], Iterable[str]]
FileCheck = Callable[[CheckContext], Iterable[tuple[int | None, Severity | None, str]]]


@dataclass(frozen=True)
class Check:
    """A registered check: its id (used in findings, ``--list`` and the
    opt-out flag), default severity and the function whose docstring is its
    description."""

    id: str
    severity: Severity
    run: EntryCheck | None = None
    run_file: FileCheck | None = None
    on_untranslated: bool = False  # entry checks normally skip empty translations

    @property
    def description(self) -> str:
        func: Any = self.run or self.run_file
        doc = (func.__doc__ or "").strip()
        first = doc.split("\n\n")[0]
        return " ".join(first.split()).replace("``", "`")


#: ``#, pliego-no-numbers`` (flag) or ``# pliego-no-numbers`` (translator
#: comment).  GNU msgmerge drops unknown flags but keeps translator comments,
#: so the comment is the form that survives every tool.
OPT_OUT = re.compile(r"\bpliego-no-([a-z][a-z0-9-]*)\b")


def opted_out(message: Message) -> frozenset[str]:
    """The check ids an entry opts out of (``all`` silences every check)."""
    found: set[str] = set()
    for text in (*message.flags, *message.translator_comments):
        found.update(m.group(1) for m in OPT_OUT.finditer(text))
    return frozenset(found)
