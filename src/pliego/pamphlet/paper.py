"""The paper a pamphlet is made for: its page, the sheet its booklet is imposed on.

``[tool.pliego.build] paper`` chooses one of :data:`PAPERS`.  Everything that
depends on the paper reads it from one :class:`Paper` value, so the CSS page
size, the imposition's sheet, the PDF boxes (and with them the crop marks,
which are drawn from the boxes), the file name of the booklet and the paper
names the sidecar and the site show cannot disagree:

- ``"a5"`` (the default): A5 pages, the booklet two-up on A4 landscape, as
  every home printer outside North America is loaded;
- ``"half-letter"``: 5.5 × 8.5 in pages, the booklet two-up on US Letter
  landscape, for the Americas, where A4 paper is hard to buy.

Each page is (nearly) half its sheet: saddle stitching folds the sheet once.
A4 is 1 mm wider than two A5 pages; the imposition puts the pages side by side
from the left edge, as it always has.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4
INCH = 72.0


@dataclass(frozen=True)
class Paper:
    """One paper choice; sizes in PDF points (1/72 in), portrait page, landscape sheet."""

    name: str  #: the setting's value
    page_label: str  #: the page's name in sidecars, manifests and messages ("A5")
    sheet_label: str  #: the booklet sheet's name ("A4")
    page: tuple[float, float]  #: width, height of the trimmed page
    sheet: tuple[float, float]  #: width, height of the booklet's landscape sheet
    css_size: str  #: the page for CSS ``@page { size }``

    def label(self, kind: str) -> str:
        """What an edition kind is printed on: ``A5``, ``A4`` or ``A5+bleed``."""
        return {
            "reading": self.page_label,
            "booklet": self.sheet_label,
            "print": f"{self.page_label}+bleed",
        }[kind]

    @property
    def booklet_suffix(self) -> str:
        """The booklet file's suffix names its sheet, so a print run picks the right paper."""
        return f"-booklet-{self.sheet_label.lower()}"

    def describe(self) -> str:
        """The page size in words, for error messages."""
        w, h = self.page
        if self.name == "a5":
            return f"{self.page_label} portrait ({w / MM:.0f}×{h / MM:.0f} mm)"
        return f"{self.page_label} portrait ({w / INCH:g}×{h / INCH:g} in)"


A5 = Paper("a5", "A5", "A4", (148 * MM, 210 * MM), (297 * MM, 210 * MM), "A5")
HALF_LETTER = Paper(
    "half-letter",
    "half-letter",
    "letter",
    (5.5 * INCH, 8.5 * INCH),
    (11 * INCH, 8.5 * INCH),
    "5.5in 8.5in",
)
#: The choices of ``paper``, by the setting's value; the first is the default.
PAPERS: dict[str, Paper] = {p.name: p for p in (A5, HALF_LETTER)}


def paper_labels(kind: str) -> frozenset[str]:
    """Every paper an edition kind may be printed on (what a sidecar may say)."""
    return frozenset(p.label(kind) for p in PAPERS.values())
