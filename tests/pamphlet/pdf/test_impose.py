"""Booklet imposition, checked on real PDFs with poppler and a rendering.

Each test PDF page prints its own number ("p7"); after imposition poppler's
``pdftotext -bbox`` tells which number sits on which half of which A4 side,
and a simulated fold of the printed stack must read p1..pn.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    RectangleObject,
)

from pliego.pamphlet.paper import A5 as A5_PAPER
from pliego.pamphlet.paper import HALF_LETTER, MM
from pliego.pamphlet.pdf.impose import Duplex, ImpositionError, _impose, booklet, booklet_order

A5 = A5_PAPER.page
A4_LANDSCAPE = A5_PAPER.sheet

COUNTS = [1, 2, 3, 4, 5, 8, 13, 16]


def numbered_pdf(n: int, *, bleed: float = 0.0, size: tuple[float, float] = A5) -> bytes:
    """``n`` pages, each showing "p<number>"; with ``bleed``, the bleed strip is inked black."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for i in range(n):
        page = writer.add_blank_page(size[0] + 2 * bleed, size[1] + 2 * bleed)
        page.trimbox = RectangleObject([bleed, bleed, bleed + size[0], bleed + size[1]])
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
            }
        )
        ops = f"BT /F1 24 Tf {bleed + 60:.2f} {bleed + 300:.2f} Td (p{i + 1}) Tj ET"
        if bleed:
            right = bleed + size[0]
            ops += f" 0 g {right:.2f} 0 {bleed:.2f} {size[1] + 2 * bleed:.2f} re f"
            ops += f" 0 0 {bleed:.2f} {size[1] + 2 * bleed:.2f} re f"
        stream = DecodedStreamObject()
        stream.set_data(ops.encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sides_text(pdf: bytes, tmp_path: Path) -> list[tuple[int | None, int | None]]:
    """For each A4 side: the page number printed on its left and right half (None = blank)."""
    path = tmp_path / "booklet.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    result: list[tuple[int | None, int | None]] = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        halves: list[int | None] = [None, None]
        for x_min, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>p(\d+)</word>', page):
            half = 0 if float(x_min) < A4_LANDSCAPE[0] / 2 else 1
            assert halves[half] is None, "two pages on one half"
            halves[half] = int(word)
        result.append((halves[0], halves[1]))
    return result


def fold(sides: list[tuple[int | None, int | None]]) -> list[int | None]:
    """Reading sequence of the printed stack folded once (sheet 0 outermost)."""
    fronts, backs = sides[0::2], sides[1::2]
    first_half: list[int | None] = []
    for front, back in zip(fronts, backs, strict=True):
        first_half += [front[1], back[0]]
    second_half: list[int | None] = []
    for front, back in reversed(list(zip(fronts, backs, strict=True))):
        second_half += [back[1], front[0]]
    return first_half + second_half


@pytest.mark.parametrize("n", COUNTS)
def test_booklet_order_is_padded_and_folds_to_reading_order(n: int) -> None:
    sides = booklet_order(n)
    padded = -(-n // 4) * 4
    assert len(sides) == padded // 2
    sequence = fold(sides)
    pages = [p for p in sequence if p is not None]
    assert pages == list(range(n))
    if n > 1:
        assert sequence[-1] == n - 1, "the back cover stays last"
    assert sequence[0] == 0
    blanks = [i for i, p in enumerate(sequence) if p is None]
    assert blanks == list(range(n - 1 if n > 1 else 1, padded - (1 if n > 1 else 0)))


def test_booklet_order_known_values() -> None:
    assert booklet_order(4) == [(3, 0), (1, 2)]
    assert booklet_order(5) == [(4, 0), (1, None), (None, 2), (3, None)]
    assert booklet_order(1) == [(None, 0), (None, None)]
    with pytest.raises(ImpositionError):
        booklet_order(0)


@pytest.mark.parametrize("n", COUNTS)
def test_imposed_pdf_pages_sit_where_the_order_says(n: int, tmp_path: Path) -> None:
    pdf = booklet(numbered_pdf(n))
    sides = sides_text(pdf, tmp_path)
    expected = [tuple(None if p is None else p + 1 for p in side) for side in booklet_order(n)]
    assert sides == expected
    folded = [p for p in fold(sides) if p is not None]
    assert folded == list(range(1, n + 1))


def test_a4_landscape_and_metadata(tmp_path: Path) -> None:
    source = PdfWriter(io.BytesIO(numbered_pdf(6)))
    source.add_metadata({"/Title": "Kawsay", "/Author": "Ana", "/CreationDate": "D:2026"})
    source.root_object[NameObject("/Lang")] = NameObject("/qu")
    buf = io.BytesIO()
    source.write(buf)
    reader = PdfReader(io.BytesIO(booklet(buf.getvalue())))
    assert len(reader.pages) == 4
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(297 * MM, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(210 * MM, abs=0.01)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Kawsay" and meta.author == "Ana"
    assert "/CreationDate" not in meta and "/ModDate" not in meta
    assert "/Lang" in reader.root_object
    path = tmp_path / "b.pdf"
    path.write_bytes(booklet(buf.getvalue()))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "842 x 595" in info or "841.89 x 595.276" in info


def test_long_edge_turns_every_back_side(tmp_path: Path) -> None:
    short = booklet(numbered_pdf(8), duplex="short")
    long = booklet(numbered_pdf(8), duplex="long")
    assert short != long
    writer = PdfWriter(io.BytesIO(long))
    for index, page in enumerate(writer.pages):
        if index % 2:
            page.rotate(180)  # what the printer's long-edge flip undoes
    buf = io.BytesIO()
    writer.write(buf)
    assert sides_text(buf.getvalue(), tmp_path) == sides_text(short, tmp_path)
    # and without the compensation the back sides are indeed upside down
    raw = sides_text(long, tmp_path)
    assert raw[0] == (8, 1)
    assert raw[1] != (2, 7)


def test_deterministic_output() -> None:
    source = numbered_pdf(7)
    first = booklet(source)
    assert booklet(source) == first
    assert b"/CreationDate" not in first and b"/ModDate" not in first
    assert (
        PdfReader(io.BytesIO(first)).trailer["/ID"][0]
        == PdfReader(io.BytesIO(booklet(source))).trailer["/ID"][0]
    )
    assert booklet(source, duplex="long") != first


def test_content_is_compressed() -> None:
    reader = PdfReader(io.BytesIO(booklet(numbered_pdf(4))))
    for page in reader.pages:
        stream = page["/Contents"].get_object()
        assert stream.get("/Filter") == "/FlateDecode"


def test_bleed_is_clipped_by_the_trim_box() -> None:
    bleed = 3 * MM
    pdf = booklet(numbered_pdf(4, bleed=bleed))
    reader = PdfReader(io.BytesIO(pdf))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(297 * MM, abs=0.01)
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=1).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    middle = width // 2
    # The inked bleed strips lie just outside each trim box: after clipping,
    # nothing dark may reach the sheet's edges or straddle the fold.
    for x in (1, middle - 3, middle + 3, width - 2):
        column = [image.getpixel((x, y)) for y in range(0, height, 7)]
        assert min(column) > 200, f"bleed ink at x={x}"  # type: ignore[operator]
    # while the unclipped source really does carry the ink
    src = pypdfium2.PdfDocument(numbered_pdf(1, bleed=bleed))
    try:
        ink = src[0].render(scale=1).to_pil().convert("L").getpixel((2, 100))
    finally:
        src.close()
    assert ink == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, not a pdf", "not a PDF"),
        (b"%PDF-1.7\n garbage", "damaged"),
    ],
)
def test_rejects_non_pdf(data: bytes, message: str) -> None:
    with pytest.raises(ImpositionError, match=message):
        booklet(data)


def test_rejects_zero_pages_and_non_a5() -> None:
    empty = io.BytesIO()
    PdfWriter().write(empty)
    with pytest.raises(ImpositionError, match="no pages"):
        booklet(empty.getvalue())
    with pytest.raises(ImpositionError, match=r"210×297 mm, not A5"):
        booklet(numbered_pdf(2, size=(210 * MM, 297 * MM)))
    with pytest.raises(ImpositionError, match="duplex"):
        booklet(numbered_pdf(2), duplex="sideways")  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [4, 5, 13])
def test_half_letter_pages_go_two_up_on_us_letter_in_booklet_order(n: int, tmp_path: Path) -> None:
    pdf = booklet(numbered_pdf(n, size=HALF_LETTER.page), paper=HALF_LETTER)
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(11 * 72, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(8.5 * 72, abs=0.01)
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    sides = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        halves: list[int | None] = [None, None]
        for x_min, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>p(\d+)</word>', page):
            halves[0 if float(x_min) < 5.5 * 72 else 1] = int(word)
        sides.append((halves[0], halves[1]))
    expected = [tuple(None if p is None else p + 1 for p in side) for side in booklet_order(n)]
    assert sides == expected
    # each right-hand page starts exactly half a sheet in: p<n> is drawn 60 pt into its page
    right = re.findall(r'<word xMin="([\d.]+)"[^>]*>p1</word>', html)
    assert float(right[0]) == pytest.approx(5.5 * 72 + 60, abs=1)


def test_long_edge_half_letter_turns_around_the_letter_sheet(tmp_path: Path) -> None:
    long = booklet(numbered_pdf(4, size=HALF_LETTER.page), duplex="long", paper=HALF_LETTER)
    writer = PdfWriter(io.BytesIO(long))
    writer.pages[1].rotate(180)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "turned.pdf"
    path.write_bytes(buf.getvalue())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    back = text.split("\f")[1]
    assert back.index("p2") < back.index("p3"), "the turned back side reads p2 | p3"


def test_each_paper_refuses_the_other_papers_pages() -> None:
    with pytest.raises(ImpositionError, match=r"not half-letter portrait \(5.5×8.5 in\)"):
        booklet(numbered_pdf(2), paper=HALF_LETTER)
    with pytest.raises(ImpositionError, match=r"140×216 mm, not A5 portrait"):
        booklet(numbered_pdf(2, size=HALF_LETTER.page))


# The content streams are written without pypdf's parser (pdf/content.py,
# pdf/place.py): the booklet must be the very bytes pypdf's own merge gives.


def pypdf_only(pdf: bytes, **kwargs: Any) -> bytes:
    return _impose(
        pdf, kwargs.get("duplex", "short"), kwargs.get("paper", A5_PAPER), stand_ins=False
    )


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("duplex", ["short", "long"])
def test_same_bytes_as_pypdfs_own_merge(n: int, duplex: Duplex) -> None:
    source = numbered_pdf(n)
    assert booklet(source, duplex=duplex) == pypdf_only(source, duplex=duplex)


def test_same_bytes_with_bleed_half_letter_and_clashing_resources() -> None:
    bled = numbered_pdf(6, bleed=3 * MM)
    assert booklet(bled) == pypdf_only(bled)
    letter = numbered_pdf(5, size=HALF_LETTER.page)
    for duplex in ("short", "long"):
        assert booklet(letter, duplex=duplex, paper=HALF_LETTER) == pypdf_only(
            letter, duplex=duplex, paper=HALF_LETTER
        )
    clashing = two_fonts_named_alike()
    made = booklet(clashing)
    assert made == pypdf_only(clashing)
    sheet = PdfReader(io.BytesIO(made)).pages[0].get_contents()
    assert sheet is not None
    # pypdf renamed the second page's font (so renaming is covered), not the name in the array
    assert b"/F1-0 24 Tf" in sheet.get_data() and b"[ /F1 ]" in sheet.get_data()


def two_fonts_named_alike() -> bytes:
    """Two pages whose fonts are both called /F1 but are different fonts."""
    writer = PdfWriter()
    for i, base in enumerate(("/Helvetica", "/Courier")):
        font = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject(base),
                }
            )
        )
        page = writer.add_blank_page(*A5)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 24 Tf 60 300 Td (p{i + 1}) Tj ET [ /F1 ] 0 d".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_page_it_cannot_write_is_left_to_pypdf_beside_those_it_can() -> None:
    writer = PdfWriter(io.BytesIO(numbered_pdf(4)))
    image = DecodedStreamObject()  # an inline image: content.canonical declines it
    image.set_data(b"q 10 0 0 10 50 50 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q")
    writer.pages[1][NameObject("/Contents")] = writer._add_object(image)
    out = io.BytesIO()
    writer.write(out)
    source = out.getvalue()
    assert booklet(source) == pypdf_only(source)
    assert b"BI" in PdfReader(io.BytesIO(booklet(source))).pages[1].get_contents().get_data()  # type: ignore[union-attr]


def test_an_unexpected_merge_falls_back_to_pypdf_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import pliego.pamphlet.pdf.place as place

    def lost(sheet: object, marker: bytes) -> list[object]:
        raise place.Mismatch("as if pypdf had dropped the stand-in")

    monkeypatch.setattr(place, "_read_back", lost)
    source = numbered_pdf(5)
    assert booklet(source) == pypdf_only(source)
    assert [p for p in fold(sides_text_of(booklet(source))) if p] == [1, 2, 3, 4, 5]


def sides_text_of(pdf: bytes) -> list[tuple[int | None, int | None]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return sides_text(pdf, Path(tmp))
