"""Reading PO/POT files with polib behind pliego's own diagnostics; the file I/O both ways.

polib parses; pliego keeps what makes a broken catalogue fixable by a
translator.  :func:`read_po` decodes the bytes itself (a wrong charset is
named with its line instead of a bare ``UnicodeDecodeError``), lets
:func:`pliego.gettext.lexical.check_lines` reject what polib would accept
silently, parses (a file in msgcat's own layout with
:mod:`pliego.gettext.canonical`, one regular expression per entry; any other
with polib, :mod:`pliego.gettext.polibread`), both giving pliego's frozen
:class:`~pliego.gettext.catalog.Message`, and then checks the model:
duplicate keys, the header's fields, plural-form counts against ``nplurals``.
Every problem is a :class:`~pliego.errors.CatalogError` with the file, the
line and a fix.

Writing stays pliego's: polib wraps at other places than GNU ``msgcat``
(polib issue #96), so :func:`write_po` lays files out as GNU does and a
file we wrote reads and writes back byte-identical, with the line ends
(CRLF or LF) the file had.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path

from pliego.errors import CatalogError
from pliego.files import LF, atomic_write_bytes, line_ends, with_line_ends
from pliego.gettext.canonical import read_canonical
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.lexical import checked_lines
from pliego.gettext.polibread import polib_messages
from pliego.gettext.writer import WIDTH, header_text, write_po

__all__ = [
    "WIDTH",
    "CatalogFile",
    "header_text",
    "load_catalog",
    "read_catalog_file",
    "read_po",
    "save_catalog",
    "write_po",
]

TIMESTAMP_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")

_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")
_BLANK = re.compile(r"\s*")


# --------------------------------------------------------------------------- reading


_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*?charset=([A-Za-z0-9_.:-]+)', re.MULTILINE)


_HEADER_START = re.compile(rb'^msgid ""', re.MULTILINE)
_BOM = b"\xef\xbb\xbf"


def _header_bytes(data: bytes) -> bytes:
    """The header entry's bytes: from the first ``msgid ""`` to the first blank line,
    however many comment lines come before it (msgfmt reads it there too)."""
    start = _HEADER_START.search(data)
    if start is None:
        return b""
    end = re.search(rb"\n[ \t]*\r?\n", data[start.start() :])
    return data[start.start() : start.start() + end.start()] if end else data[start.start() :]


def _charset(data: bytes) -> str:
    """The charset the header declares (only the header's Content-Type line
    counts: a comment or a translation that mentions a charset must not decide)."""
    m = _CHARSET.search(_header_bytes(data))
    charset = m.group(1).decode("ascii") if m else "utf-8"
    if charset.upper() in ("CHARSET", "ASCII", "US-ASCII"):
        charset = "utf-8"
    return charset


def _decode(data: bytes, path: str) -> str:
    if data.startswith(_BOM):
        data = data[3:]
    charset = _charset(data)
    try:
        codecs.lookup(charset)
    except LookupError:
        raise CatalogError(
            f"unknown charset {charset!r} in the Content-Type header",
            path=path,
            line=1,
            hint="use charset=UTF-8",
        ) from None
    if codecs.lookup(charset).name != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass  # really in the declared charset
        else:
            # Valid UTF-8 with non-ASCII text is almost never Latin-1 or the like:
            # reading it as declared would turn every "ñ" into "Ã±" without a word.
            raise CatalogError(
                f"the header declares charset={charset} but the text is UTF-8",
                path=path,
                line=1 + data[: data.find(b"charset=")].count(b"\n"),
                hint="change the Content-Type header to charset=UTF-8",
            )
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(
            f"the file is not valid {charset} (byte {data[exc.start]:#04x})",
            path=path,
            line=line,
            hint="save the file as UTF-8 in your editor",
        ) from None


def _first_line(text: str) -> int:
    m = _BLANK.match(text)
    return text.count("\n", 0, m.end() if m else 0) + 1


def parse_header(text: str, path: str, line: int) -> tuple[tuple[str, str], ...]:
    fields: list[tuple[str, str]] = []
    for row in text.split("\n"):
        if not row.strip():
            continue
        name, sep, value = row.partition(":")
        if not sep or not name.strip() or " " in name.strip():
            raise CatalogError(
                f"broken header line {row!r}",
                path=path,
                line=line,
                hint='header lines look like "Name: value\\n"',
            )
        fields.append((name.strip(), value.strip()))
    return tuple(fields)


def _check_header(catalog: Catalog, path: str, line: int) -> None:
    pf = catalog.header_value("Plural-Forms")
    if pf is not None and not _PLURAL_FORMS.match(pf):
        raise CatalogError(
            f"the Plural-Forms header {pf!r} is malformed",
            path=path,
            line=line,
            hint='it reads like "nplurals=2; plural=(n != 1);"',
        )
    if pf is not None:
        m = _PLURAL_FORMS.match(pf)
        n = int(m.group(1)) if m else 0
        for msg in catalog.active:
            if msg.msgid_plural is not None and len(msg.msgstr_plural) != n:
                raise CatalogError(
                    f"this plural entry has {len(msg.msgstr_plural)} forms but the header "
                    f"says nplurals={n}",
                    path=path,
                    line=msg.lineno,
                    hint="give it exactly as many msgstr[N] lines as nplurals",
                )


def read_po(data: bytes, path: str = "<catalogue>") -> Catalog:
    """Parse PO/POT bytes; any defect raises :class:`CatalogError` with a line."""
    text, canonical = checked_lines(_decode(data, path), path)
    entries = read_canonical(text) if canonical else None
    if entries is None:
        entries = polib_messages(text, path)
    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    header_line = 1
    messages: list[Message] = []
    seen: dict[tuple[str | None, str], int] = {}
    for i, msg in enumerate(entries):
        if i == 0:
            lineno = _first_line(text)
            msg = replace(msg, lineno=lineno)
            if msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
                header = parse_header(msg.msgstr, path, lineno)
                header_comments = msg.translator_comments
                header_flags = msg.flags
                header_line = lineno
                continue
        if msg.msgid == "" and not msg.obsolete:
            raise CatalogError(
                "an entry with an empty msgid is only allowed as the header",
                path=path,
                line=msg.lineno,
                hint="give the entry its English text",
            )
        if not msg.obsolete:
            if msg.key in seen:
                raise CatalogError(
                    f"duplicate msgid (first at line {seen[msg.key]})",
                    path=path,
                    line=msg.lineno,
                    hint="merge the two entries, or tell them apart with msgctxt",
                )
            seen[msg.key] = msg.lineno
        messages.append(msg)
    catalog = Catalog(
        header=header,
        messages=tuple(messages),
        header_comments=header_comments,
        header_flags=header_flags,
    )
    _check_header(catalog, path, header_line)
    content_type = catalog.header_value("Content-Type")
    if content_type and _charset(data).lower().replace("-", "") != "utf8":
        # The text is decoded now and every write is UTF-8: say so, or a
        # rewrite would carry UTF-8 bytes under a Latin-1 label.
        catalog = catalog.with_header(
            "Content-Type", re.sub(r"charset=[A-Za-z0-9_.:-]+", "charset=UTF-8", content_type)
        )
    return catalog


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class CatalogFile:
    """A catalogue as read from disk: its bytes and what they parse to.

    A caller that will write the file back (``invoke update``, under the
    catalogue lock) hands it to :func:`save_catalog`, which then needs neither
    to read nor to parse the file again to see whether anything changed; on a
    20,000-entry catalogue that second parse was a fifth of the update.
    """

    data: bytes
    catalog: Catalog


def load_catalog(path: Path) -> Catalog:
    return read_catalog_file(path).catalog


def read_catalog_file(path: Path) -> CatalogFile:
    """:func:`load_catalog` that keeps the bytes it parsed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(
            "the catalogue does not exist",
            path=path,
            hint="run `invoke extract` and `invoke update` first",
        ) from None
    except OSError as exc:
        raise CatalogError(f"cannot read the catalogue ({exc.strerror})", path=path) from None
    return CatalogFile(data, read_po(data, str(path)))


def _without_timestamps(catalog: Catalog) -> Catalog:
    return replace(
        catalog, header=tuple((k, "" if k in TIMESTAMP_FIELDS else v) for k, v in catalog.header)
    )


def save_catalog(
    path: Path,
    catalog: Catalog,
    *,
    new_line_ends: bytes = LF,
    previous: CatalogFile | None = None,
) -> bool:
    """Write atomically; skip the write when only a timestamp would change.

    An existing file keeps its line ends (CRLF stays CRLF, byte for byte where
    the entries did not change); ``new_line_ends`` is for a file written for the
    first time (``invoke update`` passes its template's).  ``previous`` is the
    file as the caller read it (under the catalogue lock it still holds), which
    spares reading and parsing it again.  Returns whether the file was written.
    """
    old: Catalog | None
    if previous is not None:
        data, old = previous.data, previous.catalog
    else:
        try:
            data = path.read_bytes()
        except OSError:  # absent or unreadable: the write will tell
            data = None
        try:
            old = None if data is None else read_po(data, str(path))
        except CatalogError:
            old = None
    if old is not None and _without_timestamps(old) == _without_timestamps(catalog):
        return False
    ends = new_line_ends if data is None else line_ends(data)
    atomic_write_bytes(path, with_line_ends(write_po(catalog).encode("utf-8"), ends))
    return True


def has_bom(path: Path) -> bool:
    """The file starts with a UTF-8 byte-order mark (False for anything unreadable:
    the task's own reading then explains it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(3) == _BOM
    except OSError:
        return False


def remove_bom(path: Path) -> bool:
    """Drop a UTF-8 byte-order mark from the start of a catalogue (Notepad adds one;
    GNU msgfmt then reports only "syntax error").  True when the file was repaired."""
    if not has_bom(path):
        return False
    atomic_write_bytes(path, path.read_bytes()[3:])
    return True
