"""Where a translation came from: the ``# pliego-mt:`` comment, read and brought up to date.

Prefill marks each machine draft with a translator comment
``# pliego-mt: <engine> [<detail>] [<fingerprint>]`` (see
:mod:`pliego.prefill.rules`, which writes it).  The comment lives here, below
the stages, because two of them read it: prefill, to know which drafts it may
redo, and ``invoke update``, which says in the comment when a person has
taken the draft over.  A mark that kept saying ``apertium`` after a reviewer
accepted or rewrote the text would pass reviewed work off as machine output
(and the other way round to whoever counts how much was reviewed).

The person's part, decided on the file as the translator left it:

* ``# pliego-mt: <engine>, reviewed``: the fuzzy mark was cleared on the text
  exactly as the engine wrote it (the draft was accepted);
* ``# pliego-mt: <engine>, edited``: the text is no longer the engine's (the
  fingerprint does not match), fuzzy or not.

A copy (``# pliego-mt: copy [<fingerprint>]``, an entry with nothing to
translate that prefill filled with the English) is never fuzzy; it becomes
``copy, edited`` when a person changes it, and is never called reviewed.

Either way the fingerprint goes, so ``--refresh`` never takes the entry back,
and the engine's name stays, so the history is still there.  An emptied entry
keeps its comment: prefill fills it again and writes a fresh one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Literal

from pliego.gettext.catalog import Catalog, Message

MARK = "pliego-mt:"
#: The "engine" of an entry prefill filled because it has nothing to translate (a
#: price, a number, code): the English, its numbers localised, not fuzzy.
COPY = "copy"
_COMMENT = re.compile(
    r"^pliego-mt: (?P<engine>[\w.-]+)(?: (?P<detail>.*?))? \[(?P<fp>[0-9a-f]{8})\]$"
)

Review = Literal["reviewed", "edited"]


@dataclass(frozen=True)
class Provenance:
    """A machine draft's mark: which engine, what it was given, what it wrote."""

    engine: str
    detail: str
    fingerprint: str


def fingerprint(msgstr: str) -> str:
    """The first 8 hex digits of the SHA-256 of ``msgstr``: enough to see an edit."""
    return hashlib.sha256(msgstr.encode("utf-8")).hexdigest()[:8]


def provenance(m: Message) -> Provenance | None:
    """The draft mark of ``m``; None for an entry no engine wrote, or one a person took over."""
    for comment in m.translator_comments:
        found = _COMMENT.match(comment)
        if found:
            return Provenance(found["engine"], found["detail"] or "", found["fp"])
    return None


def machine_made(m: Message) -> bool:
    """Still fuzzy and still exactly what an engine wrote."""
    p = provenance(m)
    return m.fuzzy and p is not None and p.fingerprint == fingerprint(m.msgstr)


def copied(m: Message) -> bool:
    """Still exactly the copy prefill made of an entry with nothing to translate: a
    price or a number no person has looked at (prefill's rule 7)."""
    p = provenance(m)
    return (
        not m.fuzzy
        and p is not None
        and p.engine == COPY
        and p.fingerprint == fingerprint(m.msgstr)
    )


def review_of(m: Message) -> Review | None:
    """What a person did to ``m``'s machine draft, if anything: None while it is
    still the engine's unreviewed draft (or emptied, or never a draft)."""
    p = provenance(m)
    if p is None or m.obsolete or not m.msgstr:
        return None
    if p.fingerprint != fingerprint(m.msgstr):
        return "edited"
    # A copy is never fuzzy, so a cleared flag says nothing of a person (nor does it
    # of an entry no reviewer has opened): only an edit takes a copy over.
    return None if m.fuzzy or p.engine == COPY else "reviewed"


def mark_review(m: Message) -> Message:
    """``m`` with its draft comment saying what a person did (unchanged if nothing)."""
    how = review_of(m)
    p = provenance(m)
    if how is None or p is None:
        return m
    comments = tuple(
        f"{MARK} {p.engine}, {how}" if _COMMENT.match(c) else c for c in m.translator_comments
    )
    return replace(m, translator_comments=comments)


def mark_reviews(catalog: Catalog) -> tuple[Catalog, int]:
    """Every entry's draft comment brought up to date; returns how many changed (pure).
    Only an entry with translator comments can carry a mark: the others (nearly all
    of a big catalogue, every ``invoke update``) are not looked at twice."""
    out = list(catalog.messages)
    changed = 0
    for i, m in enumerate(out):
        if m.translator_comments:
            marked = mark_review(m)
            if marked is not m:
                out[i] = marked
                changed += 1
    if not changed:
        return catalog, 0
    return replace(catalog, messages=tuple(out)), changed
