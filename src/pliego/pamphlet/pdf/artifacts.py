"""Page furniture as Artifacts in the tagged reading edition (PDF/UA, ISO 14289-1 §7.8).

PDF/UA asks that every piece of page content be either *real content*,
reached from the structure tree's root, or an *Artifact* that assistive
technology skips.  WeasyPrint 70 tags the running heads and page numbers (its
margin boxes) as marked-content sequences with an MCID, maps them in the
ParentTree, but hangs their structure elements on nothing: ``pdf/tags.py``
builds the margin boxes a detached tree, because listing them as Artifact
elements is allowed only in PDF 2.0.  A screen reader then meets content that
belongs to no element, and a PDF/UA validator reports every body page.  The
draft watermark, hidden from assistive technology in the HTML
(``aria-hidden="true"``), is detached the same way by
:func:`pliego.pamphlet.typeset.detach_hidden`.

This pass runs on the PDF WeasyPrint wrote, through pikepdf (qpdf):

1. Walk the structure tree from ``/StructTreeRoot`` and collect every
   ``(page, MCID)`` an element reaches (integer kids, with the nearest
   ``/Pg``, and ``/MCR`` dictionaries).
2. In each page's content stream, a ``BDC`` whose ``/MCID`` is not reached
   becomes ``/Artifact <</Type /Pagination>> BDC``: page furniture in
   ISO 32000's terms.  Its operators, text and graphics are kept as they
   are, so the page looks the same and its text can still be copied.
3. The ParentTree's entries for those MCIDs become ``null``; the detached
   structure elements are then referenced by nothing and qpdf leaves them
   out of the file.
4. Everything else stays: link annotations and their ``/OBJR`` in the tree,
   the structure of the article, ``/Lang``, metadata, the first half of the
   ``/ID``; the second half is derived from the content
   (``deterministic_id``), so the same input still gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name

#: What an unreached sequence becomes (ISO 32000-1 §14.8.2.2.2: page furniture).
PAGINATION = Dictionary(Type=Name.Pagination)


def reached(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """Every ``(page index, MCID)`` that an element under ``/StructTreeRoot`` reaches."""
    pages: dict[tuple[int, int], int] = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    root = pdf.Root.get("/StructTreeRoot")
    found: set[tuple[int, int]] = set()
    if root is None:
        return found
    seen: set[tuple[int, int]] = set()
    todo: list[tuple[object, int | None]] = [(root.get("/K"), None)]
    while todo:
        node, page = todo.pop()
        if isinstance(node, Array):
            todo.extend((kid, page) for kid in node)
        elif isinstance(node, Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            kind = node.get("/Type")
            if kind == Name.MCR:
                if page is not None:
                    found.add((page, int(node.MCID)))
            elif kind != Name.OBJR and "/K" in node:
                todo.append((node.K, page))
        elif isinstance(node, int) and page is not None:
            found.add((page, node))
    return found


def _number_tree(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """The ``(key, value)`` pairs of a number tree, leaves and kids alike."""
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", Array()):
        yield from _number_tree(kid)


def _mcid(operands: list[pikepdf.Object]) -> int | None:
    if len(operands) == 2 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
        return int(operands[1].MCID)
    return None


def _rewrite_page(pdf: pikepdf.Pdf, page: pikepdf.Page, keep: set[int]) -> set[int]:
    """Rule 2 on one page: unreached sequences become Artifacts; returns their MCIDs."""
    instructions = pikepdf.parse_content_stream(page)
    changed: set[int] = set()
    out: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInstruction):
            operands = list(instruction.operands)
            mcid = _mcid(operands) if str(instruction.operator) == "BDC" else None
            if mcid is not None and mcid not in keep:
                changed.add(mcid)
                instruction = pikepdf.ContentStreamInstruction(
                    [Name.Artifact, PAGINATION], pikepdf.Operator("BDC")
                )
        out.append(instruction)
    if changed:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    return changed


def mark_artifacts(data: bytes) -> bytes:
    """The tagged PDF ``data`` with unreached marked content as Artifacts (rules 1–4).

    An untagged PDF (no ``/StructTreeRoot``) comes back unchanged, byte for byte.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        keep = reached(pdf)
        parents = dict(_number_tree(tree.ParentTree)) if "/ParentTree" in tree else {}
        changed = False
        for index, page in enumerate(pdf.pages):
            mine = {mcid for (p, mcid) in keep if p == index}
            artifacts = _rewrite_page(pdf, page, mine)
            if not artifacts:
                continue
            changed = True
            mapping = parents.get(int(page.obj.get("/StructParents", -1)))
            if isinstance(mapping, Array):
                for mcid in artifacts:
                    if mcid < len(mapping):
                        mapping[mcid] = None
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
