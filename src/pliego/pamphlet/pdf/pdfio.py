"""The pypdf edges that the booklet imposition and the crop marks share.

Both take a PDF the build just typeset and write a new one: reading must turn
every way a file can be broken into one clear error, and writing must be
reproducible (pypdf writes no ``/ID`` unless it encrypts, and a random one
would change the bytes of every build).
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, PdfObject

from pliego.errors import PliegoError

# pypdf logs what it repairs ("EOF marker not found") straight to stderr; pliego
# explains a damaged PDF itself, in one line, so those warnings are not for users.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class DamagedPdf(ValueError):
    """A PDF pypdf cannot read; the message says why, for the caller's one line."""


def count_pages(data: bytes) -> int:
    """The number of pages of a PDF (:class:`DamagedPdf` when it cannot be read)."""
    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, PyPdfError, ValueError, KeyError, OSError) as exc:
        raise DamagedPdf(str(exc) or type(exc).__name__) from None


def read_pdf(data: bytes, what: str, error: type[PliegoError], hint: str) -> PdfReader:
    """A reader over ``data`` with at least one page; ``what`` names the file for
    the user ("The reading edition"), ``error`` is the caller's error class."""
    if not data.startswith(b"%PDF-"):
        raise error(f"{what} is not a PDF file.", hint=hint)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
    except (PdfReadError, PyPdfError, ValueError, KeyError) as exc:
        raise error(f"{what} is a damaged PDF: {exc}") from exc
    if pages == 0:
        raise error(f"{what} has no pages.")
    return reader


def write_pdf(writer: PdfWriter, first_id: PdfObject, revision_id: bytes) -> bytes:
    """The document's bytes with a content-derived ``/ID`` (first half: the document
    across revisions; second: this revision), so the same input gives the same bytes."""
    writer._ID = ArrayObject([first_id, ByteStringObject(revision_id)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def has_pdfx_intent(data: bytes) -> bool:
    """The document catalogue has a ``/GTS_PDFX`` output intent with a profile: what
    makes a PDF labelled PDF/X one that a print shop's preflight accepts."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    intents = reader.root_object.get("/OutputIntents")
    if not isinstance(intents, ArrayObject):
        return False
    for entry in intents:
        intent = entry.get_object()
        if (
            isinstance(intent, DictionaryObject)
            and intent.get("/S") == "/GTS_PDFX"
            and intent.get("/DestOutputProfile") is not None
        ):
            return True
    return False
