"""GNU ``msgfmt --check``: one adapter around the subprocess, one reading of its output.

Both the quality gate (``invoke check``) and a release build ask msgfmt
whether a catalogue is sound.  One adapter keeps the timeout, the C locale
(English messages we can parse) and the "not installed" advice the same for
both; one pure parser decides what is an error, what a warning and which line
of the catalogue it concerns.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import PliegoError

MSGFMT_TIMEOUT = 60.0

_PROGRAM = re.compile(r"^\S*msgfmt: ")
_WHERE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?:\d+:)? (?P<rest>.*)$")
_TOTAL = re.compile(r"^found \d+ fatal errors?$")


@dataclass(frozen=True)
class MsgfmtMessage:
    """One complaint of msgfmt about a catalogue."""

    line: int | None  # in the catalogue, when msgfmt names one
    warning: bool
    text: str  # without the program name, file:line and "warning: "
    raw: str  # as msgfmt printed it


def parse_msgfmt(output: str, path: str | None = None) -> tuple[MsgfmtMessage, ...]:
    """msgfmt's messages, without the closing "found N fatal errors" total.

    ``path`` is the file name as it appears in the output: messages about the
    whole file ("x.po: warning: …") carry it without a line number.
    """
    found = []
    for raw in output.splitlines():
        stripped = raw.strip()
        line = _PROGRAM.sub("", stripped)
        if not line or _TOTAL.match(line):
            continue
        m = _WHERE.match(line)
        rest = m.group("rest") if m else line.removeprefix(f"{path}: ") if path else line
        warning = rest.startswith("warning: ")
        found.append(
            MsgfmtMessage(
                line=int(m.group("line")) if m else None,
                warning=warning,
                text=rest.removeprefix("warning: "),
                raw=stripped,
            )
        )
    return tuple(found)


def run_msgfmt(path: Path, *, purpose: str | None = None) -> tuple[int, str]:
    """Exit status and messages of ``msgfmt --check`` on ``path``, in English."""
    exe = shutil.which("msgfmt")
    if exe is None:
        raise PliegoError(
            "GNU msgfmt is not installed" + (f": {purpose}" if purpose else ""),
            hint="install gettext: sudo apt-get install gettext",
        )
    try:
        done = subprocess.run(
            [exe, "--check", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=MSGFMT_TIMEOUT,
            check=False,
            env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        )
    except subprocess.TimeoutExpired:
        raise PliegoError(f"msgfmt took longer than {MSGFMT_TIMEOUT:g} s", path=path) from None
    return done.returncode, done.stderr
