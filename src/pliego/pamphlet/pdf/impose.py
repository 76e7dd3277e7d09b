"""Saddle-stitch imposition: the reading edition, 2-up on its paper's landscape sheet.

A home printer user prints the booklet duplex, folds the stack once and
staples it along the fold.  For that the pages (A5, or half-letter) must sit on
the sheets (A4, or US Letter: :mod:`pliego.pamphlet.paper`) in
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
- Every page still goes through pypdf's ``merge_transformed_page``, but with
  a stand-in for its content stream, which is written without pypdf's
  byte-at-a-time parser (:mod:`pliego.pamphlet.pdf.place`): the same bytes,
  about a tenth of the time (``bench/impose.py``).  The imposition sits on the
  critical path of every build, after the reading edition's render.
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
from pliego.pamphlet.paper import A5, MM, Paper
from pliego.pamphlet.pdf.pdfio import read_pdf, write_pdf
from pliego.pamphlet.pdf.place import Mismatch, Placed, fill, place

#: How far (in points) a page may be from its paper's size and still count:
#: WeasyPrint rounds to 1/100 pt, other tools to whole points.
PAGE_TOLERANCE = 1.5

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


def _check_page(page: PageObject, number: int, paper: Paper) -> RectangleObject:
    trim: RectangleObject = page.trimbox
    width, height = float(trim.width), float(trim.height)
    if abs(width - paper.page[0]) > PAGE_TOLERANCE or abs(height - paper.page[1]) > PAGE_TOLERANCE:
        raise ImpositionError(
            f"Page {number} of the reading edition is {width / MM:.0f}×{height / MM:.0f} mm,"
            f" not {paper.describe()}.",
            hint=f"only {paper.page_label} pages can be imposed 2-up on {paper.sheet_label}",
        )
    if page.rotation % 360:
        raise ImpositionError(
            f"Page {number} of the reading edition is rotated by {page.rotation}°.",
            hint=f"the booklet expects upright {paper.page_label} pages",
        )
    return trim


def _move(
    trim: RectangleObject, x: float, upside_down: bool, size: tuple[float, float]
) -> Transformation:
    """The matrix that puts the trimmed area at ``x`` on a sheet of ``size``,
    optionally turned 180°."""
    move = Transformation().translate(-float(trim.left) + x, -float(trim.bottom))
    if upside_down:
        move = move.rotate(180).translate(size[0], size[1])
    return move


def booklet(reading_pdf: bytes, *, duplex: Duplex = "short", paper: Paper = A5) -> bytes:
    """Impose a reading edition as a saddle-stitch booklet on its paper's sheet
    (A5 on A4 landscape by default, half-letter on US Letter landscape).

    Raises :class:`ImpositionError` for input that is not a PDF, has no pages
    or has pages that are not the paper's page, portrait.
    """
    if duplex not in ("short", "long"):
        raise ImpositionError(f"Unknown duplex mode {duplex!r}.", hint="use 'short' or 'long'")
    try:
        return _impose(reading_pdf, duplex, paper, stand_ins=True)
    except Mismatch:  # pypdf did not merge as place() expects: let it do all the work
        return _impose(reading_pdf, duplex, paper, stand_ins=False)


def _impose(reading_pdf: bytes, duplex: Duplex, paper: Paper, *, stand_ins: bool) -> bytes:
    """The booklet, each page merged by pypdf's ``merge_transformed_page``; with
    ``stand_ins``, the pages' content streams are written without pypdf's parser
    (:mod:`pliego.pamphlet.pdf.place`), to the same bytes."""
    reader = read_pdf(
        reading_pdf,
        "The reading edition",
        ImpositionError,
        hint="build the A5 reading edition first",
    )
    trims = [_check_page(page, i + 1, paper) for i, page in enumerate(reader.pages)]
    writer = PdfWriter()
    placed: list[list[Placed]] = []
    for index, (left, right) in enumerate(booklet_order(len(reader.pages))):
        sheet = writer.add_blank_page(*paper.sheet)
        upside_down = duplex == "long" and index % 2 == 1
        on_sheet: list[Placed] = []
        for source, x in ((left, 0.0), (right, paper.page[0])):
            if source is None:
                continue
            page, trim = reader.pages[source], trims[source]
            page.cropbox = RectangleObject(trim)  # pypdf clips merged content to the crop box
            move = _move(trim, x, upside_down, paper.sheet)
            if not stand_ins:
                sheet.merge_transformed_page(page, move)
            elif (done := place(sheet, page, move, 2 * index + len(on_sheet))) is not None:
                on_sheet.append(done)
        placed.append(on_sheet)
    for sheet, on_sheet in zip(writer.pages, placed, strict=True):
        fill(sheet, on_sheet)
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
