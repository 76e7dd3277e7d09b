"""Crop marks outside the bleed, checked on real WeasyPrint PDFs with poppler and pdfium.

Pages are rendered at 254 dpi, i.e. exactly 10 pixels per millimetre, so the
10 mm slug is exactly 100 pixels and a rendering of the marked page lines up
pixel for pixel with a rendering of the page as typeset.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
)
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from pliego.pamphlet.pdf.cropmarks import (
    MM,
    CropMarksError,
    Geometry,
    add_crop_marks,
    mark_segments,
)
from tests.conftest import REPO
from tests.icc import cmyk_profile

SRC = REPO / "src"

PX = 10  # pixels per millimetre at 254 dpi
SLUG, OFFSET, LENGTH = 10, 3, 6
BLEED = 3 * MM
A5 = (148 * MM, 210 * MM)
PAGES = """<!DOCTYPE html><html lang="en"><head><title>Marks</title><style>
@page { size: A5; bleed: 3mm; marks: none; }
h1 { break-before: page; }</style></head><body>
<p>The first page says hello to the print shop.</p>
<h1>Second page</h1><p>Trim here, not there.</p></body></html>"""


@pytest.fixture(scope="module")
def typeset() -> bytes:
    pdf = HTML(string=PAGES).write_pdf(pdf_tags=True, pdf_identifier=b"pliego-test")
    assert isinstance(pdf, bytes)
    return pdf


@pytest.fixture(scope="module")
def marked(typeset: bytes) -> bytes:
    return add_crop_marks(typeset)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _box(page: object, name: str) -> list[float]:
    return [float(v) for v in page[name]]  # type: ignore[index]


def _render(pdf: bytes, index: int) -> np.ndarray:
    """Page ``index`` as a gray image (0 = black, 255 = white), 10 px per mm."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        image = doc[index].render(scale=PX * 25.4 / 72, grayscale=True).to_numpy()
    finally:
        doc.close()
    return np.asarray(image, dtype=np.int32).reshape(image.shape[0], image.shape[1])


def _pdfinfo_boxes(pdf: bytes, tmp_path: Path) -> list[dict[str, list[float]]]:
    path = tmp_path / "boxes.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdfinfo", "-box", "-f", "1", "-l", "99", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages: dict[int, dict[str, list[float]]] = {}
    for number, name, values in re.findall(r"Page +(\d+) (\w+Box): +([-\d. ]+)", out):
        pages.setdefault(int(number), {})[name] = [float(v) for v in values.split()]
    return [pages[n] for n in sorted(pages)]


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_media_and_crop_box_grow_by_the_slug_trim_and_bleed_stay(
    typeset: bytes, marked: bytes, tmp_path: Path
) -> None:
    before, after = _reader(typeset).pages, _reader(marked).pages
    assert len(after) == len(before) == 2
    slug = SLUG * MM
    for old, new in zip(before, after, strict=True):
        bleed = _box(old, "/BleedBox")
        grown = [bleed[0] - slug, bleed[1] - slug, bleed[2] + slug, bleed[3] + slug]
        assert _box(new, "/MediaBox") == pytest.approx(grown, abs=1e-4)
        assert _box(new, "/CropBox") == pytest.approx(grown, abs=1e-4)
        assert _box(new, "/BleedBox") == pytest.approx(bleed, abs=1e-5)
        assert _box(new, "/TrimBox") == pytest.approx(_box(old, "/TrimBox"), abs=1e-5)
        assert _box(new, "/TrimBox") == pytest.approx([0, 0, *A5], abs=0.01)
    # poppler reads the same boxes
    for info in _pdfinfo_boxes(marked, tmp_path):
        assert info["MediaBox"] == pytest.approx(
            [-13 * MM, -13 * MM, A5[0] + 13 * MM, A5[1] + 13 * MM], abs=0.01
        )
        assert info["CropBox"] == info["MediaBox"]
        assert info["BleedBox"] == pytest.approx(
            [-BLEED, -BLEED, A5[0] + BLEED, A5[1] + BLEED], abs=0.01
        )
        assert info["TrimBox"] == pytest.approx([0, 0, *A5], abs=0.01)


def test_text_and_structure_are_unchanged(typeset: bytes, marked: bytes, tmp_path: Path) -> None:
    before, after = _reader(typeset), _reader(marked)
    assert [p.extract_text() for p in after.pages] == [p.extract_text() for p in before.pages]
    assert "Trim here, not there." in after.pages[1].extract_text()
    assert _pdftotext(marked, tmp_path) == _pdftotext(typeset, tmp_path)
    # the tagged structure, language and metadata survive; the marks are an artifact
    root = after.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en" and after.metadata == before.metadata
    assert after.trailer["/ID"][0] == before.trailer["/ID"][0]
    assert after.pdf_header == before.pdf_header == "%PDF-1.7"
    data = after.pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert data.startswith(b"q\n") and data.rstrip().endswith(b"S\nQ\nEMC")
    assert b"/Artifact BMC\nq\n" in data


def _ink_centre(image: np.ndarray) -> tuple[float, float, float]:
    """Where the ink is (row, column) and how much of it there is, in ink-pixels."""
    ink = (255 - image).astype(float)
    rows, cols = np.indices(image.shape)
    total = float(ink.sum())
    return (
        float((ink * rows).sum()) / total,
        float((ink * cols).sum()) / total,
        total / 255 / 1000,
    )


def _dark(image: np.ndarray) -> np.ndarray:
    return image < 160


def test_marks_lie_in_the_slug_on_the_trim_lines_and_never_in_the_bleed(
    typeset: bytes, marked: bytes
) -> None:
    for index in range(2):
        page, out = _render(typeset, index), _render(marked, index)
        height, width = page.shape
        # (pdfium rounds the sheet's size up to whole pixels)
        assert out.shape[0] - 2 * SLUG * PX - height in (0, 1)
        assert out.shape[1] - 2 * SLUG * PX - width in (0, 1)
        out = out[: height + 2 * SLUG * PX, : width + 2 * SLUG * PX]
        inner = out[SLUG * PX : SLUG * PX + height, SLUG * PX : SLUG * PX + width]
        # Nothing was drawn inside the bleed box and nothing moved: away from the
        # text the pixels are identical, and the text's ink sits where it sat
        # (glyph edges are anti-aliased a little differently on a larger sheet).
        (top, left), (low, high) = np.argwhere(page < 255).min(0), np.argwhere(page < 255).max(0)
        away = np.ones_like(page, dtype=bool)
        away[top - 2 : low + 3, left - 2 : high + 3] = False
        assert np.array_equal(inner[away], page[away])
        assert _ink_centre(inner) == pytest.approx(_ink_centre(page), abs=0.5)
        # ... whose 3 mm band around the trim is still blank paper.
        band = np.ones_like(page, dtype=bool)
        band[3 * PX + 2 : -3 * PX - 2, 3 * PX + 2 : -3 * PX - 2] = False
        assert (page[band] == 255).all()
        # In the slug, ink only where the eight marks go, and all along each of them.
        expected = np.zeros_like(out, dtype=bool)
        trim_x = (13 * PX, out.shape[1] - 13 * PX)  # trim edges, 10 mm slug + 3 mm bleed
        trim_y = (13 * PX, out.shape[0] - 13 * PX)
        near, far = OFFSET * PX, (OFFSET + LENGTH) * PX  # from the bleed edge, outwards
        right, bottom = out.shape[1] - SLUG * PX, out.shape[0] - SLUG * PX
        spans = ((SLUG * PX - far, SLUG * PX - near), (right + near, right + far))
        vspans = ((SLUG * PX - far, SLUG * PX - near), (bottom + near, bottom + far))
        for y in trim_y:
            for x0, x1 in spans:  # horizontal marks continue the top and bottom trim edges
                assert _dark(out[y - 1 : y + 2, x0 + 1 : x1 - 1]).any(axis=0).all()
                expected[y - 1 : y + 2, x0 - 1 : x1 + 1] = True
        for x in trim_x:
            for y0, y1 in vspans:  # vertical marks continue the left and right trim edges
                assert _dark(out[y0 + 1 : y1 - 1, x - 1 : x + 2]).any(axis=1).all()
                expected[y0 - 1 : y1 + 1, x - 1 : x + 2] = True
        slug = np.ones_like(out, dtype=bool)
        slug[SLUG * PX : SLUG * PX + height, SLUG * PX : SLUG * PX + width] = False
        stray = (out < 255) & slug & ~expected
        assert not stray.any(), np.argwhere(stray)[:5]
        assert _dark(out).sum() > 8 * LENGTH * PX  # the marks really are there


def test_same_input_same_bytes(typeset: bytes, marked: bytes, tmp_path: Path) -> None:
    assert add_crop_marks(typeset) == marked
    # another process with another hash seed: no dates, random IDs or set order leak in
    (tmp_path / "in.pdf").write_bytes(typeset)
    code = (
        "import sys; from pliego.pamphlet.pdf.cropmarks import add_crop_marks; "
        "sys.stdout.buffer.write(add_crop_marks(open(sys.argv[1], 'rb').read()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(SRC)}
    other = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "in.pdf")],
        capture_output=True,
        check=True,
        env=env,
    ).stdout
    assert other == marked
    assert add_crop_marks(typeset, slug_mm=12) != marked


def _added_stream(pdf: bytes) -> bytes:
    contents = _reader(pdf).pages[0]["/Contents"]
    return contents[-1].get_object().get_data()  # type: ignore[no-any-return]


def test_gray_marks_by_default_cmyk_black_on_request(typeset: bytes, marked: bytes) -> None:
    gray, cmyk = _added_stream(marked), _added_stream(add_crop_marks(typeset, cmyk=True))
    assert b"\n0 G\n" in gray and b" K\n" not in gray
    assert b"\n0 0 0 1 K\n" in cmyk and b" G\n" not in cmyk
    for ops in (gray, cmyk):
        assert not re.search(rb"\b(rg|RG|sc|SC|scn|SCN|cs|CS)\b", ops)
        assert b"0.25 w" in ops


def _colour_operators(pdf: bytes) -> set[str]:
    found: set[str] = set()
    for page in _reader(pdf).pages:
        data = page.get_contents().get_data()  # type: ignore[union-attr]
        found |= {m.decode() for m in re.findall(rb"\b(rg|RG|k|K|g|G|scn|SCN)\n", data)}
    return found


def test_pdf_x4_in_cmyk_stays_cmyk(tmp_path: Path) -> None:
    """The CMYK print edition as the build makes it (PDF/X-4, device-cmyk) gains
    only CMYK strokes: no RGB, output intent and XMP untouched, marks visible."""
    (tmp_path / "press.icc").write_bytes(cmyk_profile("Test press CMYK"))
    profiles: dict[str, object] = {}
    css = CSS(
        string=f'@color-profile device-cmyk {{ src: url("{tmp_path.as_uri()}/press.icc");'
        " components: cyan, magenta, yellow, black; }"
        " body { color: device-cmyk(0 0 0 1); }",
        color_profiles=profiles,
    )
    document = HTML(string=PAGES).render(
        stylesheets=[css], color_profiles=profiles, pdf_variant="pdf/x-4"
    )
    pdf = document.write_pdf(pdf_variant="pdf/x-4", stylesheets=[css], pdf_identifier=b"x4")
    before = _colour_operators(pdf)
    assert before & {"k", "scn"} and not before & {"rg", "RG"}  # text in CMYK
    out = add_crop_marks(pdf, cmyk=True)
    assert _colour_operators(out) == before | {"K"}
    root = _reader(out).trailer["/Root"]
    (intent,) = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFX"
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in out
    image = _render(out, 0)
    y = image.shape[0] - 13 * PX
    assert _dark(image[y - 1 : y + 2, 2 * PX : 6 * PX]).any()


def _plain_pdf(
    edit: Callable[[PdfWriter, DictionaryObject], None] | None = None, pages: int = 1
) -> bytes:
    """A PDF without bleed or trim boxes, each page showing a black square."""
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(*A5)
        stream = DecodedStreamObject()
        stream.set_data(b"0 g 100 100 50 50 re f")
        page[NameObject("/Contents")] = writer._add_object(stream)
        if edit is not None:
            edit(writer, page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_without_bleed_box_the_media_box_is_the_bleed_and_boxes_are_written_out() -> None:
    out = _reader(add_crop_marks(_plain_pdf())).pages[0]
    assert _box(out, "/BleedBox") == pytest.approx([0, 0, *A5], abs=1e-4)
    assert _box(out, "/TrimBox") == pytest.approx([0, 0, *A5], abs=1e-4)
    assert _box(out, "/MediaBox") == pytest.approx(
        [-10 * MM, -10 * MM, A5[0] + 10 * MM, A5[1] + 10 * MM], abs=1e-3
    )


def test_user_unit_is_respected() -> None:
    """With /UserUnit 2 a unit is 2/72 inch: the slug is 10 mm, i.e. 5 mm in units."""

    def big(_writer: PdfWriter, page: DictionaryObject) -> None:
        page[NameObject("/UserUnit")] = NumberObject(2)

    out = _reader(add_crop_marks(_plain_pdf(big))).pages[0]
    assert _box(out, "/MediaBox") == pytest.approx(
        [-5 * MM, -5 * MM, A5[0] + 5 * MM, A5[1] + 5 * MM], abs=1e-3
    )


def test_a_page_without_contents_gets_marks_alone() -> None:
    writer = PdfWriter()
    writer.add_blank_page(*A5)
    buf = io.BytesIO()
    writer.write(buf)
    out = add_crop_marks(buf.getvalue())
    data = _reader(out).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert data.startswith(b"/Artifact BMC") and data.count(b"q") == data.count(b"Q") == 1
    assert _dark(_render(out, 0)).any()


def test_rotated_pages_get_the_same_marks_turned_with_them() -> None:
    def turn(_writer: PdfWriter, page: DictionaryObject) -> None:
        page[NameObject("/Rotate")] = NumberObject(90)

    upright = _render(add_crop_marks(_plain_pdf()), 0)
    out = add_crop_marks(_plain_pdf(turn))
    assert _reader(out).pages[0].rotation == 90
    turned = _render(out, 0)
    assert turned.shape == upright.shape[::-1]
    assert np.abs(turned - np.rot90(upright, k=-1)).max() <= 8  # turned clockwise


def test_inverted_box_corners_are_normalised() -> None:
    def flip(_writer: PdfWriter, page: DictionaryObject) -> None:
        page[NameObject("/MediaBox")] = RectangleObject([A5[0], A5[1], 0, 0])

    out = _reader(add_crop_marks(_plain_pdf(flip))).pages[0]
    assert _box(out, "/TrimBox") == pytest.approx([0, 0, *A5], abs=1e-4)


def _boxes(**boxes: list[float]) -> Callable[[PdfWriter, DictionaryObject], None]:
    def edit(_writer: PdfWriter, page: DictionaryObject) -> None:
        for name, value in boxes.items():
            page[NameObject(f"/{name}")] = RectangleObject(value)

    return edit


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"", "not a PDF"),
        (lambda: b"<html>not a pdf</html>", "not a PDF"),
        (lambda: b"%PDF-1.7\n1 0 obj garbage", "damaged PDF"),
        (lambda: _plain_pdf(pages=0), "no pages"),
        (lambda: _plain_pdf(_boxes(TrimBox=[-5, 0, 100, 100])), "TrimBox .* not inside"),
        (lambda: _plain_pdf(_boxes(BleedBox=[-5, -5, 500, 700])), "reaches outside the MediaBox"),
        (lambda: _plain_pdf(_boxes(TrimBox=[10, 10, 10, 100])), "empty TrimBox"),
        (lambda: _plain_pdf(_boxes(BleedBox=[10, 10, 400, 500])), "already has a slug"),
        (lambda: add_crop_marks(_plain_pdf()), "already has a slug"),
    ],
)
def test_unusable_input_is_refused_clearly(make: Callable[[], bytes], message: str) -> None:
    with pytest.raises(CropMarksError, match=message) as info:
        add_crop_marks(make())
    assert str(info.value)[0].isupper()


def test_odd_rotation_is_refused() -> None:
    def odd(_writer: PdfWriter, page: DictionaryObject) -> None:
        page[NameObject("/Rotate")] = NumberObject(45)

    with pytest.raises(CropMarksError, match="Page 1 is rotated by 45°"):
        add_crop_marks(_plain_pdf(odd))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"slug_mm": 5}, "do not fit in a 5 mm slug"),
        ({"length_mm": 0}, "length_mm must be larger than 0"),
        ({"offset_mm": -1}, "offset_mm must be a finite number"),
        ({"slug_mm": float("nan")}, "slug_mm must be a finite number"),
    ],
)
def test_marks_must_fit_in_the_slug(options: dict[str, float], message: str) -> None:
    with pytest.raises(CropMarksError, match=message):
        add_crop_marks(_plain_pdf(), **options)


def test_mark_geometry_starts_outside_the_bleed() -> None:
    geometry = Geometry(media=(-3, -3, 103, 203), bleed=(-3, -3, 103, 203), trim=(0, 0, 100, 200))
    segments = mark_segments(geometry, offset=2, length=5)
    assert len(segments) == 8
    for x1, y1, x2, y2 in segments:
        assert x1 == x2 or y1 == y2  # straight lines
        assert abs(x2 - x1) + abs(y2 - y1) == pytest.approx(5)
        assert x1 in (0, 100) or y1 in (0, 200)  # on a trim line
        for x, y in ((x1, y1), (x2, y2)):  # both ends at least `offset` outside the bleed
            assert x <= -5 or x >= 105 or y <= -5 or y >= 205
