"""Updating a translation from a new template without losing work.

The behaviour translators know from GNU ``msgmerge --previous``:

1. An entry whose msgid (and msgctxt) is unchanged keeps its translation,
   its flags and its translator comments; its ``#.``/``#:`` and its format
   flags (``#, python-format``) come from the new template.  An exact match
   among obsolete entries is revived.
2. A changed entry is matched to its most similar old entry that has a
   translation; it gets that translation, ``#, fuzzy`` and the old msgid as
   ``#|`` so the reviewer sees exactly what changed.
3. An old entry that matched nothing and holds a translation or a translator
   comment is kept as obsolete (``#~``) at the end, unless purging was asked.
4. Nothing else is dropped: an untranslated old entry with no comment is the
   only thing that disappears, because it holds no work.

Matching (rule 2) is :mod:`pliego.gettext.matching`: rapidfuzz's normalised
Indel similarity between the unmatched new and old msgids, the pairs named by
a word-pair index scored (every pair where the index cannot vouch), assigned
one-to-one, best score first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pliego.gettext.catalog import Catalog, Message, message
from pliego.gettext.matching import best_pairs
from pliego.languages import Language, as_language

#: Minimum similarity (0–100) for a changed entry to inherit a translation.
FUZZY_CUTOFF = 70.0
_FORMAT_FLAG = re.compile(r"(?:no-|possible-)?[a-z0-9+]+(?:-[a-z0-9+]+)*-format")


@dataclass(frozen=True)
class MergeStats:
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    purged: int = 0
    revived: int = 0


def new_catalog(template: Catalog, lang: str | Language, team: str | None = None) -> Catalog:
    """What ``msginit`` makes of a template: a header for ``lang``, no fuzzy flag."""
    language = as_language(lang)
    name = language.english_name
    catalog = replace(
        template,
        header_flags=tuple(f for f in template.header_flags if f != "fuzzy"),
        header_comments=(
            f"{name} translation of “{template.header_value('Project-Id-Version')}”.",
            "Translators: edit the msgstr lines (Poedit, Weblate, Lokalize or a text editor).",
            "An article's Last-Translator is printed as its translation credit (colophon, site)",
            "without e-mail addresses: write the names as they should read in your language.",
        ),
    )
    catalog = catalog.with_header("Language-Team", team or f"{name} <>")
    catalog = catalog.with_header("Language", language.code)
    catalog = catalog.with_header("Last-Translator", "")
    created = catalog.header_value("POT-Creation-Date") or ""
    catalog = catalog.with_header("PO-Revision-Date", created)
    return catalog.with_header("Plural-Forms", language.plural_forms)


def is_format_flag(flag: str) -> bool:
    """``python-format``, ``no-c-format``, ``possible-…-format``: what the string *is*,
    which the template knows (the translator's work is the rest: fuzzy, opt-outs)."""
    return _FORMAT_FLAG.fullmatch(flag) is not None


def _flags(new: Message, old: Message, *, fuzzy: bool) -> tuple[str, ...]:
    """The old entry's own flags, format flags from the template (as GNU msgmerge
    does: a format flag describes the msgid, and the template has the current one)."""
    if not old.flags and (not new.flags or new.flags == ("fuzzy",)):
        return ("fuzzy",) if fuzzy or new.flags else ()  # most entries: no flag to sort out
    kept = tuple(f for f in old.flags if not is_format_flag(f) and f != "fuzzy")
    if old.fuzzy or fuzzy:
        kept = ("fuzzy", *kept)
    return (*kept, *(f for f in new.flags if f not in kept))


_NO_PREVIOUS: tuple[None, None, None] = (None, None, None)


def _with_work(
    new: Message,
    old: Message,
    flags: tuple[str, ...],
    previous: tuple[str | None, str | None, str | None],
) -> Message:
    """The template's entry carrying the old entry's translation and comments.

    Built with :func:`~pliego.gettext.catalog.message` rather than
    :func:`dataclasses.replace` (thirty times the cost) or ``Message(...)`` (nine
    times): it runs for every entry of the catalogue."""
    return message(
        new.msgid,
        old.msgstr,
        new.msgctxt,
        new.msgid_plural,
        old.msgstr_plural,
        flags,
        new.auto_comments,
        old.translator_comments,
        new.locations,
        previous[0],
        previous[1],
        previous[2],
        False,
        new.lineno,
    )


def _carry(new: Message, old: Message) -> Message:
    """Rule 1: the template's entry with the old entry's work."""
    if not old.flags and not new.flags:
        # Most entries: no flag to sort out and no previous msgid (what _flags and the
        # previous-msgid rule give such an entry, spelt out).
        return _with_work(new, old, (), _NO_PREVIOUS)
    previous = (
        (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
        if old.fuzzy
        else (None, None, None)
    )
    return _with_work(new, old, _flags(new, old, fuzzy=False), previous)


def _fuzzy(new: Message, old: Message) -> Message:
    """Rule 2: the old translation, flagged, with the old msgid shown."""
    shown = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
    previous = (old.msgctxt, shown, new.previous_msgid_plural)
    return _with_work(new, old, _flags(new, old, fuzzy=True), previous)


def update_catalog(
    template: Catalog, po: Catalog, *, purge: bool = False, cutoff: float = FUZZY_CUTOFF
) -> tuple[Catalog, MergeStats]:
    """Merge ``template`` into ``po`` (pure); see the module docstring."""
    # Keys spelt out as tuples, the catalogue walked once: this loop runs for every
    # entry, and the ``key``/``active`` properties were a tenth of the merge's own work.
    old_active: dict[tuple[str | None, str], Message] = {}
    old_obsolete: dict[tuple[str | None, str], Message] = {}
    for m in po.messages:
        (old_obsolete if m.obsolete else old_active)[m.msgctxt, m.msgid] = m
    ordered = [m for m in po.messages if not m.obsolete]
    if len(ordered) < len(po.messages):  # obsolete entries go after the active ones
        ordered += [m for m in po.messages if m.obsolete]
    result: list[Message | None] = []
    unmatched_new: list[int] = []
    consumed: set[tuple[str | None, str]] = set()
    kept = revived = 0
    for m in template.messages:
        key = (m.msgctxt, m.msgid)
        old = old_active.get(key)
        if old is None:
            old = old_obsolete.get(key)
        if old is not None:
            if old.obsolete:
                revived += 1
            else:
                kept += 1
            consumed.add(key)
            result.append(_carry(m, old))
        else:
            unmatched_new.append(len(result))
            result.append(None)
    # The old entries no template entry kept (the pool, and all the leftovers can be).
    rest = [m for m in ordered if (m.msgctxt, m.msgid) not in consumed]
    pool = [m for m in rest if m.has_translation]
    pairs = best_pairs(
        [template.messages[i].msgid for i in unmatched_new], [m.msgid for m in pool], cutoff
    )
    for n, o in pairs:
        slot = unmatched_new[n]
        result[slot] = _fuzzy(template.messages[slot], pool[o])
        consumed.add(pool[o].key)
    new_count = 0
    for slot in unmatched_new:
        if result[slot] is None:
            m = template.messages[slot]
            result[slot] = replace(m, obsolete=False) if m.obsolete else m
            new_count += 1
    leftovers = [
        m
        for m in rest
        if (m.msgctxt, m.msgid) not in consumed and (m.has_translation or m.translator_comments)
    ]
    obsolete: list[Message] = []
    purged = 0
    if purge:
        purged = len(leftovers)
    else:
        obsolete = [replace(m, obsolete=True, locations=(), auto_comments=()) for m in leftovers]
    header = po
    for name in ("Project-Id-Version", "POT-Creation-Date"):
        value = template.header_value(name)
        if value is not None:
            header = header.with_header(name, value)
    # Every slot is filled by now (kept, fuzzy or new).
    merged = replace(header, messages=(*filter(None, result), *obsolete))
    return merged, MergeStats(
        kept=kept,
        fuzzy=len(pairs),
        new=new_count,
        obsolete=len(obsolete),
        purged=purged,
        revived=revived,
    )
