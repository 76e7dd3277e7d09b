"""Reading a tagged PDF as a PDF/UA validator does (ISO 14289-1 §7.1, §7.8), with pikepdf.

Written apart from :mod:`pliego.pamphlet.pdf.artifacts` (a recursive walk, not its
work list), so a mistake there is not repeated here and hidden.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name


@dataclass(frozen=True)
class Sequence:
    """One marked-content sequence on a page, as the content stream has it."""

    page: int
    tag: str
    mcid: int | None
    #: inside (or being) an ``/Artifact`` sequence
    artifact: bool
    #: inside a sequence that has an MCID (real content)
    in_content: bool
    #: the property list's ``/Type`` (an Artifact's kind: ``/Pagination``…)
    kind: str | None = None


def _open(pdf: bytes | Path) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def structure_mcids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """``(page index, MCID)`` of every marked content the structure root reaches."""
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found: set[tuple[int, int]] = set()

    def walk(node: object, page: int | None) -> None:
        if isinstance(node, Array):
            for kid in node:
                walk(kid, page)
        elif isinstance(node, Dictionary):
            if "/Pg" in node:
                page = pages[node.Pg.objgen]
            if node.get("/Type") == Name.MCR:
                found.add((pages[node.Pg.objgen] if "/Pg" in node else page, int(node.MCID)))  # type: ignore[arg-type]
            elif node.get("/Type") != Name.OBJR and "/K" in node:
                walk(node.K, page)
        elif isinstance(node, int):
            assert page is not None, "an MCID kid without a page"
            found.add((page, node))

    walk(pdf.Root.StructTreeRoot.get("/K"), None)
    return found


def sequences(pdf: bytes | Path) -> list[Sequence]:
    """Every marked-content sequence of every page, with what encloses it."""
    out: list[Sequence] = []
    with _open(pdf) as doc:
        for index, page in enumerate(doc.pages):
            stack: list[Sequence] = []
            for operands, operator in pikepdf.parse_content_stream(page, "BDC BMC EMC"):
                if str(operator) == "EMC":
                    stack.pop()
                    continue
                tag = str(operands[0])
                props = operands[1] if str(operator) == "BDC" else None
                mcid = (
                    int(props.MCID) if isinstance(props, Dictionary) and "/MCID" in props else None
                )
                seq = Sequence(
                    index,
                    tag,
                    mcid,
                    tag == "/Artifact" or any(s.artifact for s in stack),
                    any(s.mcid is not None for s in stack),
                    str(props.Type) if isinstance(props, Dictionary) and "/Type" in props else None,
                )
                stack.append(seq)
                out.append(seq)
            assert not stack, f"page {index + 1}: a marked-content sequence is never closed"
    return out


def orphans(pdf: bytes | Path) -> list[Sequence]:
    """Marked content that is neither reached from the structure root nor an Artifact."""
    with _open(pdf) as doc:
        reached = structure_mcids(doc)
    return [
        s
        for s in sequences(pdf)
        # a sequence nested in tagged content belongs to that content
        if not s.artifact and not s.in_content and (s.page, s.mcid) not in reached
    ]


def only(pdf: bytes | Path, artifacts: bool) -> bytes:
    """The PDF with the text shown inside Artifacts removed (``artifacts=False``), or
    with the text shown outside them removed (``artifacts=True``); everything else
    (graphics state, text objects, marked-content operators) stays, so the rest
    lays out exactly as before."""
    with _open(pdf) as doc:
        for page in doc.pages:
            kept: list[object] = []
            inside: list[bool] = []  # per open sequence: is it (in) an Artifact
            for instruction in pikepdf.parse_content_stream(page):
                operator = str(getattr(instruction, "operator", ""))
                if operator in ("BDC", "BMC"):
                    tag = str(instruction.operands[0])  # type: ignore[attr-defined]
                    inside.append(tag == "/Artifact" or any(inside))
                elif operator == "EMC":
                    inside.pop()
                elif operator in ("Tj", "TJ", "'", '"') and any(inside) != artifacts:
                    continue
                kept.append(instruction)
            page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(kept))
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def text(pdf: bytes, tmp: Path) -> str:
    """poppler's text of ``pdf``, for what a reader (or a screen reader) gets."""
    path = tmp / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
