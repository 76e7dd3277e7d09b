"""The print shop's edition: RGB with bleed and marks by default, PDF/X-4 CMYK with a profile."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pliego.pamphlet.build import build_language
from pliego.project import read_settings
from tests.buildkit import A5, boxes, make_project, reader, size
from tests.conftest import SMALL_ARTICLE, Runner
from tests.icc import cmyk_profile

BLEED = 3 * 72 / 25.4
REAL_URL = "https://folletos.pliego.test/"


def _colour_ops(pdf: Path) -> set[str]:
    """Colour operators that paint something visible (WeasyPrint also emits
    ``0 0 0 rg`` under a zero-alpha graphics state; those paint nothing)."""
    r = reader(pdf)
    found: set[str] = set()

    def scan(data: bytes) -> None:
        state = b""
        for line in data.split(b"\n"):
            if line.endswith(b" gs"):
                state = line
            m = re.search(rb" (rg|RG|k|K|scn|SCN)$", line)
            if m and not state.startswith((b"/a0.0", b"/A0.0")):
                found.add(m.group(1).decode())

    def walk(obj: object) -> None:
        obj = obj.get_object()  # type: ignore[attr-defined]
        scan(obj.get_data())  # type: ignore[attr-defined]
        for xo in obj.get("/Resources", {}).get("/XObject", {}).values():  # type: ignore[attr-defined]
            walk(xo)

    for page in r.pages:
        scan(page.get_contents().get_data())
        for xo in page["/Resources"].get("/XObject", {}).values():
            walk(xo)
    return found


def test_without_profile_rgb_with_crop_marks_and_a_clear_note(
    tmp_path: Path, invoke: Runner
) -> None:
    # a real address, so the back cover's QR code (stroked in the design's RGB) is printed
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE, base_url=REAL_URL)
    r = invoke(root, "build", "--lang", "en", "--editions", "print")
    assert r.returncode == 0, r.stderr
    assert "print edition is RGB (not PDF/X): set [tool.pliego.build] cmyk-profile" in r.stdout
    pdf = root / "build" / "en" / "small-print.pdf"
    b = boxes(pdf)
    assert size(b["TrimBox"]) == A5
    assert size(b["BleedBox"]) == pytest.approx((A5[0] + 2 * BLEED, A5[1] + 2 * BLEED), abs=0.02)
    assert "/OutputIntents" not in reader(pdf).trailer["/Root"]
    assert {"rg", "RG"} <= _colour_ops(pdf)  # the design's RGB colours


def test_cmyk_profile_gives_pdf_x4_in_cmyk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1675900800")
    # a real address, so the QR code is printed and must be in CMYK too
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE, base_url=REAL_URL)
    (root / "styles" / "icc").mkdir()
    (root / "styles" / "icc" / "press.icc").write_bytes(cmyk_profile("Test press CMYK"))
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "release-threshold = 100",
            'release-threshold = 100\ncmyk-profile = "styles/icc/press.icc"',
        ),
        encoding="utf-8",
    )
    result = build_language(read_settings(root), "en", editions=["print"])
    # No "print edition is RGB" note.
    assert not [n for n in result.articles[0].notes if "RGB" in n]
    pdf = root / "build" / "en" / "small-print.pdf"
    data = pdf.read_bytes()
    catalog = reader(pdf).trailer["/Root"]
    (intent,) = catalog["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "Test press CMYK"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 4
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in data
    assert _colour_ops(pdf) <= {"k", "K", "scn", "SCN"}  # no visible RGB at all
    assert _colour_ops(pdf) & {"k", "scn"}  # and the text is painted in CMYK
    b = boxes(pdf)
    assert size(b["TrimBox"]) == A5
    bleed_w, bleed_h = size(b["BleedBox"])
    slug = 20 * 72 / 25.4  # 10 mm of slug on each side holds the crop marks
    assert size(b["MediaBox"]) == pytest.approx((bleed_w + slug, bleed_h + slug), abs=0.02)
    # Reproducible despite WeasyPrint's random XMP DocumentID.
    build_language(read_settings(root), "en", editions=["print"], force=True)
    assert pdf.read_bytes() == data


def test_profile_outside_styles_is_refused(tmp_path: Path, invoke: Runner) -> None:
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    (root / "press.icc").write_bytes(cmyk_profile())
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "release-threshold = 100", 'cmyk-profile = "press.icc"'
        ),
        encoding="utf-8",
    )
    r = invoke(root, "build", "--lang", "en")
    assert r.returncode == 1 and "the CMYK profile must live under styles/" in r.stderr


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: b"not a colour profile at all\n" * 10, "is not an ICC colour profile"),
        (lambda p: p[:200], "is truncated"),
        (lambda p: p[:16] + b"RGB " + p[20:], "describes RGB colour, not CMYK"),
        (lambda p: p[:12] + b"mntr" + p[16:], "is a 'mntr' profile, not an output"),
    ],
    ids=["text", "truncated", "rgb", "monitor"],
)
def test_a_profile_that_is_not_a_cmyk_output_profile_is_refused(
    tmp_path: Path, invoke: Runner, damage: Callable[[bytes], bytes], message: str
) -> None:
    """No PDF labelled PDF/X-4 without a real CMYK output intent behind it."""
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    (root / "styles" / "icc").mkdir(parents=True)
    (root / "styles" / "icc" / "press.icc").write_bytes(damage(cmyk_profile()))
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "release-threshold = 100", 'cmyk-profile = "styles/icc/press.icc"'
        ),
        encoding="utf-8",
    )
    r = invoke(root, "build", "--lang", "en")
    assert r.returncode == 1, r.stdout
    assert message in r.stderr and "Traceback" not in r.stderr
    assert not list(root.glob("build/**/*.pdf"))


def test_a_pdfx_label_needs_an_output_intent() -> None:
    from pypdf import PdfWriter

    from pliego.pamphlet.pdf.pdfio import has_pdfx_intent

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    out = io.BytesIO()
    writer.write(out)
    assert not has_pdfx_intent(out.getvalue())
