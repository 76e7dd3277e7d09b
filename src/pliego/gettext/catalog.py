"""Value classes for gettext catalogues.

A :class:`Message` is one entry of a ``.po``/``.pot`` file and a
:class:`Catalog` is the header plus the entries in file order.  Both are
frozen: every transformation (update, prefill, check) is a pure function that
returns a new catalogue, so the I/O layer alone decides what reaches disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

Location = tuple[str, int | None]


@dataclass(frozen=True)
class Message:
    """One catalogue entry.

    ``msgstr`` holds the singular translation; plural entries (which pliego
    never extracts but translators' files may contain) keep every form in
    ``msgstr_plural``.  ``lineno`` is where the entry started in the file it
    was read from; it is not part of equality so that re-read catalogues
    compare equal.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    auto_comments: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    lineno: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity within a catalogue, as gettext defines it."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Reviewed and complete: a fuzzy entry is *not* translated."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return self.msgstr != ""

    @property
    def has_translation(self) -> bool:
        """Any translator (or machine) text present, reviewed or not."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural)
        return self.msgstr != ""

    def with_flag(self, flag: str, present: bool = True) -> Message:
        flags = tuple(f for f in self.flags if f != flag)
        if present:
            flags = (flag, *flags) if flag == "fuzzy" else (*flags, flag)
        return replace(self, flags=flags)


@dataclass(frozen=True)
class Catalog:
    """A header plus entries.

    ``header`` is the ordered list of ``Name: value`` fields of the empty
    msgid; ``header_comments`` are the translator comment lines above it
    (``# SOME DESCRIPTIVE TITLE`` …) and ``header_flags`` its flags (a template
    header is ``fuzzy``).
    """

    header: tuple[tuple[str, str], ...] = ()
    messages: tuple[Message, ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()

    def header_value(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.header:
            if key.lower() == lname:
                return value
        return None

    def with_header(self, name: str, value: str) -> Catalog:
        """Set a header field, keeping its position (or appending it)."""
        lname = name.lower()
        fields = list(self.header)
        for i, (key, _) in enumerate(fields):
            if key.lower() == lname:
                fields[i] = (key, value)
                break
        else:
            fields.append((name, value))
        return replace(self, header=tuple(fields))

    @property
    def active(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if not m.obsolete)

    @property
    def obsolete(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.obsolete)

    def by_key(self) -> dict[tuple[str | None, str], Message]:
        return {m.key: m for m in self.active}


Key = tuple[str | None, str]

_new = object.__new__


def message(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    msgid_plural: str | None,
    msgstr_plural: tuple[str, ...],
    flags: tuple[str, ...],
    auto_comments: tuple[str, ...],
    translator_comments: tuple[str, ...],
    locations: tuple[Location, ...],
    previous_msgctxt: str | None,
    previous_msgid: str | None,
    previous_msgid_plural: str | None,
    obsolete: bool,
    lineno: int,
) -> Message:
    """A :class:`Message` with every field given, built without the frozen
    dataclass's ``__init__`` (fourteen ``object.__setattr__`` calls, nine tenths of
    the cost): the reader and the merge make one per entry, 20,000 to 60,000 per
    ``invoke update`` of a big catalogue.  Every field is given and typed here,
    so the value is the one ``Message(...)`` makes (tests/gettext/test_canonical.py
    compares them)."""
    m = _new(Message)
    m.__dict__.update(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=msgctxt,
        msgid_plural=msgid_plural,
        msgstr_plural=msgstr_plural,
        flags=flags,
        auto_comments=auto_comments,
        translator_comments=translator_comments,
        locations=locations,
        previous_msgctxt=previous_msgctxt,
        previous_msgid=previous_msgid,
        previous_msgid_plural=previous_msgid_plural,
        obsolete=obsolete,
        lineno=lineno,
    )
    return m
