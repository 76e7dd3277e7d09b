"""Trim (crop) marks for the print shop, drawn outside the bleed in a slug area.

WeasyPrint's ``marks: crop`` draws its marks inside the page box, i.e. inside
the 3 mm bleed (its MediaBox equals the BleedBox), in RGB; a PDF/X-4 file in
CMYK may not contain RGB, so that variant had no marks at all.  Print shops
expect the marks *outside* the bleed, where the guillotine never reaches, in
black ink.  :func:`add_crop_marks` does that after typesetting, on the PDF
bytes:

- every page's MediaBox and CropBox grow by the slug around the BleedBox; the
  TrimBox and BleedBox stay exactly where they were (and are written out
  explicitly, because absent ones would default to the grown CropBox).  Page
  content is not moved: only the visible sheet gets bigger.
- Eight hairlines (two per corner) continue the trim edges, beginning
  ``offset_mm`` outside the *bleed* so no mark can show on a trimmed page even
  if the cut drifts into the bleed.
- They are stroked in ``0 0 0 1 K`` (black ink only, like the text of the
  PDF/X-4 CMYK edition) or ``0 G`` (gray black for the RGB edition: a mark
  never needs RGB).
- They are a new content stream appended to ``/Contents``, marked as an
  ``/Artifact`` so a tagged PDF stays valid; the page's own streams are kept
  byte for byte and wrapped in ``q``/``Q``, because WeasyPrint leaves its
  flip-the-y-axis ``cm`` in force at the end of its stream.
- Output is deterministic: no dates, and the changing half of the file
  identifier is a hash of the input and the options.  The document is cloned
  whole (structure tree, XMP, output intent, ``/Info``) and keeps its PDF
  version header.
- A page without a BleedBox takes its CropBox (or MediaBox), as the PDF
  specification defaults it; one whose MediaBox is already larger than its
  BleedBox is refused, so marks are never added twice.

The geometry (:func:`page_geometry`, :func:`mark_segments`) is pure and
separate from the pypdf work.  ``/Rotate`` needs nothing special: the marks
are in the same user space as the boxes, and the viewer turns both together.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    IndirectObject,
    NameObject,
    PdfObject,
    RectangleObject,
    StreamObject,
)

from pliego.errors import PliegoError
from pliego.pamphlet.pdf.pdfio import read_pdf, write_pdf

MM = 72 / 25.4
#: Rounding slack in points when comparing boxes (WeasyPrint writes 6 decimals).
TOLERANCE = 0.01
LINE_WIDTH = 0.25

Box = tuple[float, float, float, float]  # left, bottom, right, top
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


class CropMarksError(PliegoError):
    """The print edition cannot be given crop marks."""


@dataclass(frozen=True)
class Geometry:
    """One page's boxes in its own user space: what to keep and what to grow."""

    media: Box
    bleed: Box
    trim: Box


def _normal(rect: object) -> Box:
    """A rectangle as (left, bottom, right, top), whichever corners the file names."""
    x1, y1, x2, y2 = (float(v) for v in rect)  # type: ignore[attr-defined]
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def page_geometry(boxes: Mapping[str, object], number: int) -> Geometry:
    """Resolve a page's boxes the way the PDF spec defaults them, and refuse odd ones.

    ``boxes`` maps ``/MediaBox`` (required), ``/CropBox``, ``/BleedBox`` and
    ``/TrimBox`` (each optional) to rectangles.  A missing BleedBox is the
    CropBox (or MediaBox); a missing TrimBox is the BleedBox (no bleed).
    """
    if "/MediaBox" not in boxes:
        raise CropMarksError(f"Page {number} has no MediaBox.", hint="the PDF is damaged")
    media = _normal(boxes["/MediaBox"])
    crop = _normal(boxes["/CropBox"]) if "/CropBox" in boxes else media
    bleed = _normal(boxes["/BleedBox"]) if "/BleedBox" in boxes else crop
    trim = _normal(boxes["/TrimBox"]) if "/TrimBox" in boxes else bleed
    if trim[2] - trim[0] <= TOLERANCE or trim[3] - trim[1] <= TOLERANCE:
        raise CropMarksError(
            f"Page {number} has an empty TrimBox {list(trim)}.",
            hint="the finished page size must be larger than zero",
        )
    if not _inside(trim, bleed):
        raise CropMarksError(
            f"Page {number}: the TrimBox {list(trim)} is not inside the BleedBox {list(bleed)}.",
            hint="the page is cut at the TrimBox, which must lie within the bleed",
        )
    if not _inside(bleed, media):
        raise CropMarksError(
            f"Page {number}: the BleedBox {list(bleed)} reaches outside the MediaBox "
            f"{list(media)}.",
            hint="the bleed cannot be larger than the page",
        )
    if not _inside(media, bleed):
        raise CropMarksError(
            f"Page {number} already has a slug area (its MediaBox is larger than its BleedBox).",
            hint="crop marks were probably added already; pass the PDF as typeset",
        )
    return Geometry(media=media, bleed=bleed, trim=trim)


def mark_segments(geometry: Geometry, offset: float, length: float) -> tuple[Segment, ...]:
    """The eight lines, in points: each continues a trim edge, ``offset`` outside the bleed."""
    tl, tb, tr, tt = geometry.trim
    bl, bb, br, bt = geometry.bleed
    near, far = offset, offset + length
    return (
        (bl - far, tb, bl - near, tb),
        (tl, bb - far, tl, bb - near),  # bottom left
        (br + near, tb, br + far, tb),
        (tr, bb - far, tr, bb - near),  # bottom right
        (bl - far, tt, bl - near, tt),
        (tl, bt + near, tl, bt + far),  # top left
        (br + near, tt, br + far, tt),
        (tr, bt + near, tr, bt + far),  # top right
    )


def marks_content(segments: tuple[Segment, ...], *, cmyk: bool) -> bytes:
    """The content stream: closes the page's wrapping ``q``, then strokes the marks
    as an artifact, one operator per line (easy to audit with a line scanner)."""
    colour = "0 0 0 1 K" if cmyk else "0 G"
    lines = ["Q", "/Artifact BMC", "q", f"{LINE_WIDTH} w", "0 J", "[] 0 d", colour]
    lines += [f"{x1:.4f} {y1:.4f} m {x2:.4f} {y2:.4f} l" for x1, y1, x2, y2 in segments]
    lines += ["S", "Q", "EMC"]
    return ("\n".join(lines) + "\n").encode("ascii")


def _check_options(slug_mm: float, offset_mm: float, length_mm: float) -> None:
    values = {"slug_mm": slug_mm, "offset_mm": offset_mm, "length_mm": length_mm}
    for name, value in values.items():
        if not math.isfinite(value) or value < 0:
            raise CropMarksError(f"{name} must be a finite number ≥ 0, not {value!r}.")
    if length_mm <= 0:
        raise CropMarksError("length_mm must be larger than 0.")
    if offset_mm + length_mm > slug_mm:
        raise CropMarksError(
            f"Crop marks {offset_mm} mm away and {length_mm} mm long do not fit in a "
            f"{slug_mm} mm slug.",
            hint="make the slug at least offset + length",
        )


def _boxes(page: PageObject) -> dict[str, object]:
    """The page's boxes, MediaBox and CropBox inherited from the page tree if need be."""
    found: dict[str, object] = {"/MediaBox": page.mediabox}
    for name in ("/CropBox", "/BleedBox", "/TrimBox"):
        if page.get(name) is not None:
            found[name] = page[name]
    if "/CropBox" not in found and page.get_inherited("/CropBox", None) is not None:
        found["/CropBox"] = page.cropbox
    return found


def _contents(page: PageObject) -> list[PdfObject]:
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return []
    resolved = raw.get_object()
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    return [raw]


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    encoded: StreamObject = stream.flate_encode(level=9)
    return writer._add_object(encoded)


def add_crop_marks(
    pdf: bytes,
    *,
    slug_mm: float = 10,
    offset_mm: float = 3,
    length_mm: float = 6,
    cmyk: bool = False,
) -> bytes:
    """Grow every page by a slug around its bleed and draw trim marks there.

    Raises :class:`CropMarksError` for input that is not a PDF, has no pages,
    has boxes that make no sense (trim outside bleed, bleed outside media), or
    already has a slug; and for marks that do not fit in the slug.
    """
    _check_options(slug_mm, offset_mm, length_mm)
    reader = read_pdf(
        pdf,
        "The print edition",
        CropMarksError,
        hint="crop marks can only be added to a typeset PDF",
    )
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # pypdf would write 1.3; PDF/X-4 needs ≥ 1.6
    wrap_open: IndirectObject | None = None
    shared: dict[bytes, IndirectObject] = {}  # identical pages share one marks stream
    for number, page in enumerate(writer.pages, start=1):
        rotation = page.rotation
        if rotation % 90:
            raise CropMarksError(
                f"Page {number} is rotated by {rotation}°.",
                hint="a page can only be turned by a multiple of 90°",
            )
        unit = float(page.get("/UserUnit", 1))
        geometry = page_geometry(_boxes(page), number)
        sheet = grow(geometry.bleed, slug_mm * MM / unit)
        page.mediabox = RectangleObject(sheet)
        page.cropbox = RectangleObject(sheet)
        page.bleedbox = RectangleObject(geometry.bleed)
        page.trimbox = RectangleObject(geometry.trim)
        data = marks_content(
            mark_segments(geometry, offset_mm * MM / unit, length_mm * MM / unit), cmyk=cmyk
        )
        original = _contents(page)
        if not original:  # nothing to wrap: drop the marks stream's leading "Q"
            data = data.split(b"\n", 1)[1]
        if data not in shared:
            shared[data] = _stream(writer, data)
        if original:
            wrap_open = wrap_open or _stream(writer, b"q\n")
            original = [wrap_open, *original]
        streams = ArrayObject([*original, shared[data]])
        page[NameObject("/Contents")] = streams
    options = f"{slug_mm}/{offset_mm}/{length_mm}/{cmyk}".encode()
    digest = hashlib.sha256(pdf + options).digest()[:16]
    old_id = reader.trailer.get("/ID")
    first = old_id[0] if isinstance(old_id, ArrayObject) and old_id else ByteStringObject(digest)
    return write_pdf(writer, first, digest)
