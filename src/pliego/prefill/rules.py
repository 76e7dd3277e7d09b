"""What prefill may touch, and how a machine draft is marked (pure functions).

The rules, so that a draft never passes for reviewed work and never
overwrites a human:

1. Only an active, singular entry with an empty ``msgstr`` is filled.
2. Every filled entry is ``#, fuzzy``: Poedit shows it as "needs work",
   Weblate as "needs editing", ``msgfmt`` leaves it out of the ``.mo`` and
   ``invoke status`` does not count it.  Clearing the flag is the review.
3. Provenance is a translator comment ``# pliego-mt: <engine> [<detail>]
   [<fingerprint>]``.  Why a comment and not a flag: GNU ``msgmerge`` drops
   flags it does not know, but keeps translator comments verbatim (tested),
   as does ``invoke update``; Poedit shows them in its "Comment" pane and
   Weblate, which reads PO through translate-toolkit, as the string's
   comment.  ``<detail>`` is the similarity of a translation-memory match,
   or the glossary renderings a machine draft was given (``glossary: Congreso``).
4. The fingerprint is the first 8 hex digits of the SHA-256 of the
   ``msgstr`` as written.  ``--refresh`` redoes an entry only while it is
   still fuzzy *and* its comment's fingerprint still matches its
   ``msgstr``: the moment a reviewer edits the text, or clears the flag, it
   is theirs and prefill never touches it again.
5. Nothing else changes: other comments, flags, locations and the order
   of entries stay as they were; the ``#|`` previous msgid is dropped from a
   refreshed entry because the new draft translates the current msgid.
6. Once a person has taken a draft over, ``invoke update`` says so in the
   comment: ``# pliego-mt: <engine>, reviewed`` (accepted as written) or
   ``, edited`` (see :mod:`pliego.gettext.provenance`, where the comment is read).
7. An entry with nothing to translate (a price, a number, a URL, code, a
   do-not-translate name: :func:`pliego.prefill.masking.nothing_to_translate`)
   is filled with the English, its numbers written the target's way, and is
   *not* fuzzy: there is nothing for a reviewer to review, so it counts as
   translated and never holds a release back.  Its provenance comment names
   the engine ``copy`` (``# pliego-mt: copy [<fingerprint>]``), so a
   translator can still see and adapt it, and ``--refresh`` rewrites it (after
   a change of formatting locale) only while its text is still the copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from pliego.gettext.catalog import Catalog, Key, Message
from pliego.gettext.provenance import (
    COPY,
    MARK,
    Provenance,
    copied,
    fingerprint,
    machine_made,
    provenance,
)
from pliego.prefill.engine import Translation

__all__ = [
    "COPY",
    "MARK",
    "Provenance",
    "apply_fills",
    "copied",
    "eligible",
    "fill",
    "fingerprint",
    "machine_made",
    "provenance",
    "provenance_comment",
]


def provenance_comment(t: Translation) -> str:
    detail = f" {t.detail}" if t.detail else ""
    return f"{MARK} {t.engine}{detail} [{fingerprint(t.text)}]"


def eligible(m: Message, refresh: bool = False) -> bool:
    """Whether prefill may write this entry (rules 1, 4 and 7)."""
    if m.obsolete or m.msgid_plural is not None or m.msgid == "":
        return False
    if m.msgstr == "":
        return True
    return refresh and (machine_made(m) or copied(m))


def fill(m: Message, t: Translation) -> Message:
    """The entry with a machine draft: fuzzy, with its provenance (rules 2, 3, 5);
    a copy of an entry with nothing to translate is not fuzzy (rule 7)."""
    comments = tuple(c for c in m.translator_comments if not c.startswith(MARK))
    return replace(
        m.with_flag("fuzzy", t.engine != COPY),
        msgstr=t.text,
        translator_comments=(*comments, provenance_comment(t)),
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )


def apply_fills(
    catalog: Catalog, fills: Mapping[Key, Translation], refresh: bool = False
) -> tuple[Catalog, int]:
    """Write ``fills`` into the entries that are *still* eligible.

    Called on the file as it is on disk at save time, so a translation typed
    in while prefill was running wins over the draft.  Returns the catalogue
    and how many entries changed.
    """
    changed = 0
    out: list[Message] = []
    for m in catalog.messages:
        t = None if m.obsolete else fills.get(m.key)
        if t is not None and eligible(m, refresh):
            new = fill(m, t)
            changed += new != m
            out.append(new)
        else:
            out.append(m)
    return replace(catalog, messages=tuple(out)), changed
