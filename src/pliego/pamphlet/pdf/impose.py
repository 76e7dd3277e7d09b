"""Saddle-stitch imposition: the A5 reading edition, 2-up on A4 landscape.

A home printer user prints the booklet duplex, folds the stack once and
staples it along the fold.  For that the A5 pages must sit on the A4 sheets in
*booklet order*: the outermost sheet carries the back cover and the cover on
its front and pages 2 and n−1 on its back, and so on inwards.

The decision (which page goes where) is the pure :func:`booklet_order`; the
PDF work (:func:`booklet`) only follows it.  pypdf is enough for the PDF part
(``pdfimpose`` is AGPL and needs PyMuPDF, ``pdfjam`` needs TeX).

Choices, and why:

- The page count is padded to a multiple of 4 with blank pages inserted
  *before the back cover*, because the back cover (colophon, QR code) has to
  stay on the outside of the folded booklet.
- Each source page is placed by its TrimBox and clipped to it, so a reading
  edition that carries bleed still imposes cleanly with no bleed spilling
  onto the neighbouring page.
- ``duplex="short"`` (flip on the short edge) needs no rotation; with
  ``duplex="long"`` every back side is turned 180° so the printed booklet
  still reads the right way up.
- The output is deterministic (same input, same bytes): no timestamps, and
  the file identifier is derived from a hash of the input, so an unchanged
  build does not produce a "changed" file.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ByteStringObject,
    NameObject,
    RectangleObject,
    TextStringObject,
)

from pliego.errors import PliegoError
from pliego.pamphlet.pdf.pdfio import read_pdf, write_pdf

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)
A5 = (148 * MM, 210 * MM)
#: How far (in points) a page may be from A5 and still count as A5: WeasyPrint
#: rounds to 1/100 pt, other tools to whole points.
A5_TOLERANCE = 1.5

Side = tuple[int | None, int | None]
Duplex = Literal["short", "long"]


class ImpositionError(PliegoError):
    """The reading edition cannot be imposed as a booklet."""


def padded_sequence(n_pages: int) -> list[int | None]:
    """Reading order of the booklet's pages, padded with blanks (``None``) to a multiple of 4.

    Blanks go before the last page so the back cover stays on the outside.
    A single page is the cover alone, followed by blanks.
    """
    if n_pages < 1:
        raise ImpositionError("A booklet needs at least one page.")
    total = -(-n_pages // 4) * 4
    blanks: list[int | None] = [None] * (total - n_pages)
    if n_pages == 1:
        return [0, *blanks]
    return [*range(n_pages - 1), *blanks, n_pages - 1]


def booklet_order(n_pages: int) -> list[Side]:
    """Sheet sides in print order, each ``(left, right)`` as 0-based source page or ``None``.

    For ``n`` padded pages, sheet ``s`` has front side ``(n−1−2s, 2s)`` and
    back side ``(2s+1, n−2−2s)`` in padded positions; a stack printed in this
    order, folded once, reads 1..n.
    """
    seq = padded_sequence(n_pages)
    n = len(seq)
    sides: list[Side] = []
    for s in range(n // 4):
        sides.append((seq[n - 1 - 2 * s], seq[2 * s]))
        sides.append((seq[2 * s + 1], seq[n - 2 - 2 * s]))
    return sides


def _check_a5(page: PageObject, number: int) -> RectangleObject:
    trim: RectangleObject = page.trimbox
    width, height = float(trim.width), float(trim.height)
    if abs(width - A5[0]) > A5_TOLERANCE or abs(height - A5[1]) > A5_TOLERANCE:
        raise ImpositionError(
            f"Page {number} of the reading edition is {width / MM:.0f}×{height / MM:.0f} mm,"
            " not A5 portrait (148×210 mm).",
            hint="only A5 pages can be imposed 2-up on A4",
        )
    if page.rotation % 360:
        raise ImpositionError(
            f"Page {number} of the reading edition is rotated by {page.rotation}°.",
            hint="the booklet expects upright A5 pages",
        )
    return trim


def _place(
    sheet: PageObject, page: PageObject, trim: RectangleObject, x: float, upside_down: bool
) -> None:
    """Put ``page``'s trimmed area at ``x`` on the A4 ``sheet``, optionally turned 180°."""
    page.cropbox = RectangleObject(trim)  # pypdf clips merged content to the crop box
    move = Transformation().translate(-float(trim.left) + x, -float(trim.bottom))
    if upside_down:
        move = move.rotate(180).translate(A4_LANDSCAPE[0], A4_LANDSCAPE[1])
    sheet.merge_transformed_page(page, move)


def booklet(reading_pdf: bytes, *, duplex: Duplex = "short") -> bytes:
    """Impose an A5 reading edition as a saddle-stitch booklet on A4 landscape.

    Raises :class:`ImpositionError` for input that is not a PDF, has no pages
    or has pages that are not A5 portrait.
    """
    if duplex not in ("short", "long"):
        raise ImpositionError(f"Unknown duplex mode {duplex!r}.", hint="use 'short' or 'long'")
    reader = read_pdf(
        reading_pdf,
        "The reading edition",
        ImpositionError,
        hint="build the A5 reading edition first",
    )
    trims = [_check_a5(page, i + 1) for i, page in enumerate(reader.pages)]
    writer = PdfWriter()
    for index, (left, right) in enumerate(booklet_order(len(reader.pages))):
        sheet = writer.add_blank_page(*A4_LANDSCAPE)
        upside_down = duplex == "long" and index % 2 == 1
        for source, x in ((left, 0.0), (right, A5[0])):
            if source is not None:
                _place(sheet, reader.pages[source], trims[source], x, upside_down)
    for sheet in writer.pages:
        sheet.compress_content_streams()
    _copy_metadata(reader, writer)
    digest = hashlib.sha256(reading_pdf + duplex.encode()).digest()[:16]
    return write_pdf(writer, ByteStringObject(digest), digest)


def _copy_metadata(reader: PdfReader, writer: PdfWriter) -> None:
    """Carry the reading edition's title, author, subject and language over (no dates)."""
    info = reader.metadata
    keep = (
        {}
        if info is None
        else {
            key: str(info[key])
            for key in ("/Title", "/Author", "/Subject", "/Keywords")
            if key in info
        }
    )
    writer.add_metadata({**keep, "/Producer": "pliego (pypdf)", "/Creator": "pliego"})
    lang = reader.root_object.get("/Lang")
    if lang is not None:
        writer.root_object[NameObject("/Lang")] = TextStringObject(str(lang))
