"""Reading PO/POT files the way GNU gettext does, and the file I/O for both directions.

Why not polib or Babel's writer: both wrap at other widths (78 and 76
columns) than GNU gettext and Poedit (79), so every save would churn the
diff, and neither reports *where* a broken file is broken.  Here
:func:`write_po` is a pure generator of GNU ``msgcat`` layout (a file we write
passes through ``msgcat`` unchanged) and :func:`read_po` raises
:class:`~pliego.errors.CatalogError` with the file, the line and a fix.
Reading then writing a file we wrote is byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pliego.errors import CatalogError
from pliego.files import atomic_write_bytes
from pliego.gettext.catalog import Catalog, Location, Message
from pliego.gettext.writer import WIDTH, header_text, write_po

__all__ = ["WIDTH", "header_text", "load_catalog", "read_po", "save_catalog", "write_po"]

TIMESTAMP_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")

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
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")


# --------------------------------------------------------------------------- reading


@dataclass
class _Entry:
    lineno: int = 0
    obsolete: bool = False
    tcomments: list[str] = field(default_factory=list)
    acomments: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    started: bool = False  # a keyword line has been seen


_UNQUOTE = re.compile(r'\\([0-7]{1,3}|.)|\\$|"', re.DOTALL)


def _unquote(raw: str, path: str, lineno: int) -> str:
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


def _parse_location(text: str) -> Iterator[Location]:
    for ref in text.split():
        name, sep, num = ref.rpartition(":")
        if sep and num.isdigit():
            yield (name, int(num))
        else:
            yield (ref, None)


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")


_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*?charset=([A-Za-z0-9_.:-]+)', re.MULTILINE)


def _charset(data: bytes) -> str:
    """The charset the header declares (only the header's Content-Type line
    counts: a comment that mentions a charset must not decide)."""
    m = _CHARSET.search(data[:8192])
    charset = m.group(1).decode("ascii") if m else "utf-8"
    if charset.upper() in ("CHARSET", "ASCII", "US-ASCII"):
        charset = "utf-8"
    return charset


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    charset = _charset(data)
    try:
        return data.decode(charset)
    except LookupError:
        raise CatalogError(
            f"unknown charset {charset!r} in the Content-Type header",
            path=path,
            line=1,
            hint="use charset=UTF-8",
        ) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(
            f"the file is not valid {charset} (byte {data[exc.start]:#04x})",
            path=path,
            line=line,
            hint="save the file as UTF-8 in your editor",
        ) from None


def _entries(text: str, path: str) -> Iterator[_Entry]:
    entry = _Entry()
    last: tuple[str, bool] | None = None  # (field name, previous?) for continuations
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            continue
        obsolete = False
        prev = False
        body = stripped
        if body.startswith("#~"):
            obsolete = True
            body = body[2:].lstrip()
            if body.startswith("|"):
                prev = True
                body = body[1:].lstrip()
        elif body.startswith("#|"):
            prev = True
            body = body[2:].lstrip()
        elif body.startswith("#"):
            if entry.started:
                yield entry
                entry = _Entry()
                last = None
            kind = body[1:2]
            rest = body[2:].strip() if kind in ".:," else body[1:]
            if kind == ".":
                entry.acomments.append(rest)
            elif kind == ":":
                entry.locations.extend(_parse_location(rest))
            elif kind == ",":
                entry.flags.extend(f.strip() for f in rest.split(",") if f.strip())
            else:
                entry.tcomments.append(rest.removeprefix(" "))
            if not entry.lineno:
                entry.lineno = lineno
            continue
        if not body:
            continue
        if body.startswith('"'):
            if last is None:
                raise CatalogError(
                    "a string continues nothing",
                    path=path,
                    line=lineno,
                    hint="start the entry with msgid",
                )
            name = ("prev " if last[1] else "") + last[0]
            entry.fields[name].append(_unquote(body, path, lineno))
            continue
        m = _KEYWORD.match(body)
        if not m:
            word = body.split()[0]
            raise CatalogError(
                f"unknown keyword {word!r}",
                path=path,
                line=lineno,
                hint="entries use msgctxt, msgid, msgid_plural and msgstr",
            )
        keyword = m.group(1)
        if not prev:
            starts_new = keyword in ("msgctxt", "msgid") and any(
                k.startswith("msgstr") for k in entry.order
            )
            if starts_new or (keyword == "msgctxt" and "msgid" in entry.order):
                yield entry
                entry = _Entry()
            if keyword in entry.fields:
                raise CatalogError(
                    f"{keyword} appears twice in one entry",
                    path=path,
                    line=lineno,
                    hint="each entry has one msgid and one msgstr",
                )
            entry.order.append(keyword)
            entry.obsolete = entry.obsolete or obsolete
        elif entry.started and any(k.startswith("msgstr") for k in entry.order):
            yield entry
            entry = _Entry()
        name = ("prev " if prev else "") + keyword
        entry.fields[name] = [_unquote(m.group(3), path, lineno)]
        entry.started = True
        if not entry.lineno:
            entry.lineno = lineno
        last = (keyword, prev)
    if entry.started or entry.tcomments or entry.acomments:
        yield entry


def _message(e: _Entry, path: str) -> Message:
    f = {k: "".join(v) for k, v in e.fields.items()}
    if "msgid" not in f:
        raise CatalogError(
            "an entry has no msgid",
            path=path,
            line=e.lineno,
            hint='every entry needs msgid "…" followed by msgstr "…"',
        )
    plural_forms = sorted((int(k[7:-1]), v) for k, v in f.items() if k.startswith("msgstr["))
    if "msgid_plural" in f:
        if not plural_forms:
            raise CatalogError(
                "a plural entry has no msgstr[0]",
                path=path,
                line=e.lineno,
                hint="plural entries use msgstr[0], msgstr[1] …",
            )
        if [i for i, _ in plural_forms] != list(range(len(plural_forms))):
            raise CatalogError(
                "plural forms must be numbered msgstr[0], msgstr[1] … in order",
                path=path,
                line=e.lineno,
            )
    elif "msgstr" not in f:
        raise CatalogError(
            "an entry has a msgid but no msgstr",
            path=path,
            line=e.lineno,
            hint='add msgstr "" after the msgid',
        )
    return Message(
        msgid=f["msgid"],
        msgstr=f.get("msgstr", ""),
        msgctxt=f.get("msgctxt"),
        msgid_plural=f.get("msgid_plural"),
        msgstr_plural=tuple(v for _, v in plural_forms),
        flags=tuple(e.flags),
        auto_comments=tuple(e.acomments),
        translator_comments=tuple(e.tcomments),
        locations=tuple(e.locations),
        previous_msgctxt=f.get("prev msgctxt"),
        previous_msgid=f.get("prev msgid"),
        previous_msgid_plural=f.get("prev msgid_plural"),
        obsolete=e.obsolete,
        lineno=e.lineno,
    )


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
    text = _decode(data, path)
    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    header_line = 1
    messages: list[Message] = []
    seen: dict[tuple[str | None, str], int] = {}
    for i, entry in enumerate(_entries(text, path)):
        msg = _message(entry, path)
        if i == 0 and msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
            header = parse_header(msg.msgstr, path, entry.lineno)
            header_comments = msg.translator_comments
            header_flags = msg.flags
            header_line = entry.lineno
            continue
        if msg.msgid == "" and not msg.obsolete:
            raise CatalogError(
                "an entry with an empty msgid is only allowed as the header",
                path=path,
                line=entry.lineno,
                hint="give the entry its English text",
            )
        if not msg.obsolete:
            if msg.key in seen:
                raise CatalogError(
                    f"duplicate msgid (first at line {seen[msg.key]})",
                    path=path,
                    line=entry.lineno,
                    hint="merge the two entries, or tell them apart with msgctxt",
                )
            seen[msg.key] = entry.lineno
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


def load_catalog(path: Path) -> Catalog:
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
    return read_po(data, str(path))


def _without_timestamps(catalog: Catalog) -> Catalog:
    return replace(
        catalog, header=tuple((k, "" if k in TIMESTAMP_FIELDS else v) for k, v in catalog.header)
    )


def save_catalog(path: Path, catalog: Catalog) -> bool:
    """Write atomically; skip the write when only a timestamp would change.

    Returns whether the file was written.
    """
    try:
        old = read_po(path.read_bytes(), str(path))
    except (OSError, CatalogError):  # absent or unreadable: the write will tell
        old = None
    if old is not None and _without_timestamps(old) == _without_timestamps(catalog):
        return False
    atomic_write_bytes(path, write_po(catalog).encode("utf-8"))
    return True
