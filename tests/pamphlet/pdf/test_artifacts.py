"""Page furniture is Artifact in the tagged reading edition (PDF/UA, ISO 14289-1 §7.8).

Small documents with what the pamphlet has in its page margins (a running head,
page numbers), a draft watermark hidden from assistive technology, and a link,
typeset the way the build does (:func:`pliego.pamphlet.typeset.typeset`) and read
back with pikepdf, poppler and pdfium.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2
import pytest
import weasyprint.pdf.tags  # type: ignore[import-untyped]
from weasyprint import HTML  # type: ignore[import-untyped]

from pliego.pamphlet.pdf.artifacts import mark_artifacts
from pliego.pamphlet.typeset import PRINT_RGB, READING, detach_hidden, typeset
from tests.tagged import only, orphans, sequences, structure_mcids, text

PAGES = """<!DOCTYPE html><html lang="en"><head><title>Margins</title><style>
@page { size: A5; margin: 20mm;
  @top-center { content: "Running Head Words"; }
  @bottom-center { content: "page " counter(page); } }
h1 { break-before: page; }
.mark { position: fixed; top: 60mm; left: 0; transform: rotate(-35deg); font-size: 40pt; }
</style></head><body>
<div class="mark" aria-hidden="true">WATERMARKED</div>
<p>The first page holds the body text of the article.</p>
<h1>Second page</h1><p>More body text, and <a href="https://example.org/x">a link</a>.</p>
</body></html>"""


def _typeset(tmp_path: Path, html: str = PAGES) -> bytes:
    return typeset(html, tmp_path, READING, identifier="artifacts", fetcher_root=tmp_path).pdf


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _typeset(tmp_path_factory.mktemp("artifacts"))


@pytest.fixture(scope="module")
def weasyprint_only() -> bytes:
    """What WeasyPrint writes by itself: the problem this pass exists for."""
    pdf = HTML(string=PAGES).write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
    assert isinstance(pdf, bytes)
    return pdf


def test_weasyprint_alone_leaves_margin_content_unreached(weasyprint_only: bytes) -> None:
    stray = orphans(weasyprint_only)
    # the running head and the page number on both pages
    assert len([s for s in stray if s.mcid is not None]) >= 4, stray


def test_no_marked_content_is_both_unreached_and_not_an_artifact(tagged: bytes) -> None:
    assert orphans(tagged) == []
    assert not [s for s in sequences(tagged) if s.artifact and s.in_content]


def test_margin_text_and_the_watermark_are_artifacts(tagged: bytes, tmp_path: Path) -> None:
    # poppler splits the rotated watermark into pieces: compare without white space
    furniture = re.sub(r"\s+", "", text(only(tagged, artifacts=True), tmp_path))
    content = re.sub(r"\s+", "", text(only(tagged, artifacts=False), tmp_path))
    for words in ("RunningHeadWords", "page1", "page2", "WATERMARKED"):
        assert words in furniture, furniture
        assert words not in content, content
    assert "bodytextofthearticle" in content
    assert "bodytext" not in furniture
    # Page furniture, one Artifact per margin box or watermark and page.
    paginated = [s for s in sequences(tagged) if s.tag == "/Artifact" and s.kind == "/Pagination"]
    assert [s.page for s in paginated] == [0, 0, 0, 1, 1, 1]


def test_the_text_a_reader_copies_is_unchanged(
    tagged: bytes, weasyprint_only: bytes, tmp_path: Path
) -> None:
    assert text(tagged, tmp_path) == text(weasyprint_only, tmp_path)


def test_pages_look_exactly_the_same(weasyprint_only: bytes) -> None:
    before = pypdfium2.PdfDocument(weasyprint_only)
    after = pypdfium2.PdfDocument(mark_artifacts(weasyprint_only))
    assert len(before) == len(after) == 2
    for a, b in zip(before, after, strict=True):
        pixels = [np.asarray(p.render(scale=2).to_pil()) for p in (a, b)]
        assert np.array_equal(*pixels)


def test_the_article_and_its_link_keep_their_structure(
    tagged: bytes, weasyprint_only: bytes
) -> None:
    with pikepdf.open(io.BytesIO(tagged)) as pdf:
        reached = structure_mcids(pdf)
        annots = [a for p in pdf.pages for a in p.get("/Annots", [])]
        links = [a for a in annots if a.Subtype == "/Link"]
        assert len(links) == 1 and links[0].A.URI == "https://example.org/x"
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        element = parents[int(links[0].StructParent)]
        assert element.S == "/Link"
        assert any(
            k.get("/Type") == "/OBJR" for k in element.K if isinstance(k, pikepdf.Dictionary)
        )
        assert pdf.Root.Lang == "en" and pdf.Root.MarkInfo.Marked
    with pikepdf.open(io.BytesIO(weasyprint_only)) as pdf:
        before = structure_mcids(pdf)
    # Nothing the article's structure reached is lost; only the watermark (one
    # sequence per page) left the tree, to become an Artifact.
    assert reached < before and len(before - reached) == 2


def test_the_file_stays_valid(tagged: bytes, tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(tagged)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.pdf_version == "1.7"
        assert "pdfuaid" in str(pdf.Root.Metadata.read_bytes())
    path = tmp_path / "tagged.pdf"
    path.write_bytes(tagged)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    assert "Tagged:          yes" in info.stdout and "Pages:           2" in info.stdout
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)


def test_same_input_same_bytes(tagged: bytes, tmp_path: Path) -> None:
    assert _typeset(tmp_path) == tagged


def test_an_untagged_pdf_is_left_alone(tmp_path: Path) -> None:
    printed = typeset(PAGES, tmp_path, PRINT_RGB, identifier="x", fetcher_root=tmp_path).pdf
    assert not sequences(printed)
    assert mark_artifacts(printed) == printed


def test_the_patch_is_undone_after_writing() -> None:
    original = weasyprint.pdf.tags._build_box_tree
    with detach_hidden():
        assert weasyprint.pdf.tags._build_box_tree is not original
    assert weasyprint.pdf.tags._build_box_tree is original
