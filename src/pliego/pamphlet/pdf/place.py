"""Put a page on a sheet exactly as pypdf's ``merge_transformed_page`` does, fast.

pypdf's merge does two things: the structural work (merging the resource
dictionaries and renaming clashing names, copying annotations, adding and
nulling objects in the writer, wrapping the page's operations in ``q``, the
matrix, the clip and ``Q``), which is cheap and which this module leaves to
pypdf untouched, and the parsing and writing of the page's content stream,
which was three quarters of the booklet's time.

So the page goes through pypdf's merge with a *stand-in* for its content: one
operation whose operands are the names of the page's resources and whose
operator is a marker unique to this placement.  pypdf renames those operands
as it would have renamed them in the real content, which tells which names it
renamed and to what.  Before the sheet's streams are compressed, :func:`fill`
replaces the stand-in's line with the real operations in pypdf's own
serialisation (:func:`pliego.pamphlet.pdf.content.canonical`), renamed the
same way: the bytes pypdf would have written, reached without its parser.

Where ``canonical`` declines, or the stand-in would not survive pypdf's
reading unchanged, the page is merged by pypdf with its real content, as
before.  Anything unexpected afterwards raises :class:`Mismatch`, and the
caller imposes the whole document the slow way instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PageObject, Transformation
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfObject,
    StreamObject,
)

from pliego.pamphlet.pdf.content import canonical, serialise

_CONTENTS = NameObject("/Contents")


class Mismatch(RuntimeError):
    """The sheet does not look as the stand-in promised: impose without stand-ins."""


@dataclass(frozen=True)
class Placed:
    """One page put on a sheet through a stand-in: the stand-in's line as pypdf
    wrote it into the sheet's content, and the page's operations to go there."""

    line: bytes
    content: bytes


def _resource_names(page: PageObject) -> list[NameObject]:
    """Every name in the page's own resource dictionaries (a superset of those
    pypdf may rename: it looks at seven of the kinds, without inheritance)."""
    resources = page.get("/Resources")
    if resources is None:
        return []
    resources = resources.get_object()
    if not isinstance(resources, DictionaryObject):
        return []
    names: dict[str, NameObject] = {}
    for kind in resources.values():
        entries = kind.get_object()
        if isinstance(entries, DictionaryObject):
            for key in entries:
                names.setdefault(str(key), NameObject(key))
    return list(names.values())


def _page_content(page: PageObject) -> bytes | None:
    """The decoded bytes pypdf's merge would parse, or ``None`` where it would not
    parse any (no contents, null, or not a stream nor an array of them)."""
    if _CONTENTS not in page:
        return None
    resolved = page[_CONTENTS].get_object()
    if not isinstance(resolved, (ArrayObject, StreamObject)):
        return None
    return ContentStream(resolved, None).get_data()


def _stand_in(names: list[NameObject], marker: bytes) -> DecodedStreamObject | None:
    stream = DecodedStreamObject()
    stream.set_data(b"".join(serialise(name) + b" " for name in names) + marker)
    operations = ContentStream(stream, None).operations
    if operations != [(names, marker)]:  # a name pypdf would not read back as itself
        return None
    return stream


def place(sheet: PageObject, page: PageObject, move: Transformation, number: int) -> Placed | None:
    """``sheet.merge_transformed_page(page, move)``, through a stand-in where the
    page's content can be written without pypdf (then :func:`fill` must follow
    before the sheet is compressed); ``number`` makes the stand-in unique."""
    try:
        data = _page_content(page)
        content = None if data is None else canonical(data)
    except Exception:  # pypdf's merge meets the same trouble and reports it
        content = None
    if content is None:
        sheet.merge_transformed_page(page, move)
        return None
    marker = b"pliegoStandIn%d" % number
    names = _resource_names(page)
    stand_in = _stand_in(names, marker)
    if stand_in is None:
        sheet.merge_transformed_page(page, move)
        return None
    real = page.raw_get(_CONTENTS)  # the reference itself, not the stream it points to
    page[_CONTENTS] = stand_in
    try:
        sheet.merge_transformed_page(page, move)
    finally:
        page[_CONTENTS] = real
    renamed = _read_back(sheet, marker)
    if len(renamed) != len(names):
        raise Mismatch(f"the stand-in of page {number} lost operands")
    rename = {
        str(old): serialise(new) for old, new in zip(names, renamed, strict=True) if new != old
    }
    line = b"".join(serialise(name) + b" " for name in renamed) + marker + b"\n"
    return Placed(line, content.render(rename))


def _read_back(sheet: PageObject, marker: bytes) -> list[PdfObject]:
    """The stand-in's operands after pypdf's merge: pypdf appends the merged page
    as the last stream of the sheet's contents."""
    contents = sheet[_CONTENTS].get_object()
    if not isinstance(contents, ArrayObject) or not contents:
        raise Mismatch("the sheet's contents are not an array")
    last = contents[-1].get_object()
    if not isinstance(last, ContentStream):
        raise Mismatch("the merged page is not a content stream")
    for operands, operator in last.operations:
        if operator == marker:
            return list(operands)
    raise Mismatch("the stand-in is missing from the merged page")


def fill(sheet: PageObject, placed: Sequence[Placed]) -> None:
    """Replace each stand-in's line in the sheet's content streams by the page's
    operations; each line must occur exactly once (it was written once)."""
    if not placed:
        return
    content = {item.line: item.content for item in placed}
    lines = re.compile(b"|".join(re.escape(line) for line in content))
    contents = sheet[_CONTENTS].get_object()
    if not isinstance(contents, ArrayObject):
        raise Mismatch("the sheet's contents are not an array")
    seen: list[bytes] = []
    for reference in contents:
        stream = reference.get_object()
        if not isinstance(stream, ContentStream):
            raise Mismatch("a sheet's stream is not a content stream")
        data = stream.get_data()
        found = lines.findall(data)
        if found:
            seen += found
            stream.set_data(lines.sub(lambda match: content[match.group()], data))
    if sorted(seen) != sorted(content):
        raise Mismatch("a stand-in is missing from the sheet, or there twice")
