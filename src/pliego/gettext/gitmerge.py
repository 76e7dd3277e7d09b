"""A three-way merge of catalogues, entry by entry, with GNU ``msgcat``: git's merge driver.

git merges ``.po`` files as lines of text.  Two branches that both touched one
catalogue (a translator in Poedit, a Weblate commit, an ``invoke update``
after the English changed) then conflict on lines that are not in conflict at
all (a rewrapped ``msgstr`` moves every line below it), or merge quietly into
a file where a ``msgstr`` sits under another entry's ``msgid``.  Here the unit
of the merge is the entry, identified by its ``msgctxt`` and ``msgid``, and a
``msgstr`` never leaves its entry:

* an entry only one side changed takes that side's version, whole (a removal
  included);
* an entry both sides changed alike is taken once;
* an entry both sides changed differently goes to ``msgcat``, which unifies
  what can be unified (the same text with other references or comments) and
  otherwise writes its own conflict: ``#, fuzzy`` with both translations under
  ``#-#-#-#-#  ours (…)  #-#-#-#-#`` and ``#-#-#-#-#  theirs (…)  #-#-#-#-#``
  lines, so a release never prints it and the translator sees both.

Why the choice per entry is made here and not by the all-``msgcat`` recipe
Weblate ships (``msgcat``/``msggrep``/``msgmerge`` over base, ours and
theirs): tried on pliego's files, its change sets miss every entry that was
empty in the base (``msgcat`` counts an empty ``msgstr`` as no definition, so
no marker shows the change), and ``msgcat --unique`` does not count fuzzy
entries, so its conflicts come out under the names of intermediate files.
The results were right in the cases tried only because the last ``msgmerge``
copies the msgstr of the union template, which is hard to reason about.  The
three-way rule is six lines anyone can check; the PO work (comparing,
unifying, writing a conflict as every gettext tool reads it) stays GNU's.

Around it: the three inputs are read by pliego's reader (a damaged file stops
the merge with its line), the header is ours (its dates always differ),
obsolete entries are the union of both sides', and the result is written by
pliego's writer, in GNU's layout with the line ends our side had.  Run
``invoke update`` after a merge: it sorts references and obsolete entries out
against the template.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from pliego.errors import PliegoError
from pliego.files import line_ends, with_line_ends
from pliego.gettext.catalog import Catalog, Key, Message
from pliego.gettext.po import read_po, write_po

#: What ``msgcat`` writes between the versions of an entry it could not unify.
MARKER = "#-#-#-#-#"
TOOLS = ("msgcat",)
TOOL_TIMEOUT = 120.0


@dataclass(frozen=True)
class MergeResult:
    """The merged file's bytes and the entries (msgids) left in conflict."""

    data: bytes
    conflicts: tuple[str, ...]


def merge_catalogs(
    base: bytes, ours: bytes, theirs: bytes, path: str = "<catalogue>"
) -> MergeResult:
    """Merge ``theirs`` into ``ours`` against their common ``base`` (see the module)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise PliegoError(
            f"the PO merge needs GNU gettext's {', '.join(missing)}",
            path=path,
            hint="install the Debian package gettext (bash scripts/setup.sh does)",
        )
    mine = read_po(ours, f"{path} (ours)")
    other = read_po(theirs, f"{path} (theirs)")
    # A file both branches added has no ancestor: git passes an empty one.
    common = read_po(base, f"{path} (base)") if base.strip() else Catalog(header=mine.header)
    b, o, t = (_by_key(c.active) for c in (common, mine, other))
    order = [*o, *(k for k in t if k not in o)]
    chosen: dict[Key, Message] = {}
    disputed: dict[Key, tuple[Message, Message]] = {}
    for key in order:
        m = three_way(b.get(key), o.get(key), t.get(key))
        if isinstance(m, tuple):
            disputed[key] = m
        elif m is not None:
            chosen[key] = m
    settled = _msgcat(mine, disputed)
    active = [settled.get(k) or chosen[k] for k in order if k in chosen or k in settled]
    keys = {m.key for m in active}
    obsolete = [m for m in mine.obsolete if m.key not in keys]
    seen = keys | {m.key for m in obsolete}
    obsolete += [m for m in other.obsolete if m.key not in seen]
    catalog = replace(mine, messages=(*active, *obsolete))
    conflicts = tuple(m.msgid for m in settled.values() if MARKER in m.msgstr)
    text = write_po(catalog).encode("utf-8")
    return MergeResult(with_line_ends(text, line_ends(ours)), conflicts)


Pick = Message | tuple[Message, Message] | None


def three_way(base: Message | None, ours: Message | None, theirs: Message | None) -> Pick:
    """The entry the merge keeps (None: removed), or both versions when both
    sides changed it differently (pure)."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if ours is None or theirs is None:
        return ours or theirs  # changed on one side, removed on the other: the work is kept
    return (ours, theirs)


def _by_key(messages: tuple[Message, ...]) -> dict[Key, Message]:
    return {m.key: m for m in messages}


def _msgcat(header: Catalog, disputed: dict[Key, tuple[Message, Message]]) -> dict[Key, Message]:
    """``msgcat ours theirs`` over the disputed entries: each unified, or written as
    GNU's conflict.  The file names are what msgcat writes into its markers."""
    if not disputed:
        return {}
    head = Catalog(
        header=header.header,
        header_comments=header.header_comments,
        header_flags=header.header_flags,
    )
    with tempfile.TemporaryDirectory(prefix="pliego-merge-") as tmp:
        folder = Path(tmp)
        for side, index in (("ours", 0), ("theirs", 1)):
            versions = tuple(pair[index] for pair in disputed.values())
            (folder / side).write_text(write_po(replace(head, messages=versions)), encoding="utf-8")
        out = _tool(folder, ("msgcat", "-o", "-", "ours", "theirs"))
    merged = {m.key: m for m in read_po(out, "msgcat's output").active if m.key in disputed}
    if len(merged) != len(disputed):
        raise PliegoError(
            f"msgcat's output lacks {len(disputed) - len(merged)} of the entries both changed",
            hint="merge this catalogue by hand (git checkout --ours/--theirs, then invoke update)",
        )
    return merged


def _tool(folder: Path, args: tuple[str, ...]) -> bytes:
    """One GNU gettext tool in ``folder``, in the C locale (its messages are English)."""
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        done = subprocess.run(
            [args[0], "--force-po", *args[1:]],
            cwd=folder,
            capture_output=True,
            env=env,
            timeout=TOOL_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PliegoError(f"{args[0]} did not run ({exc})") from None
    if done.returncode != 0:
        raise PliegoError(
            f"{args[0]} failed while merging: {done.stderr.decode('utf-8', 'replace').strip()}",
            hint="merge this catalogue by hand (git checkout --ours/--theirs, then invoke update)",
        )
    return done.stdout
