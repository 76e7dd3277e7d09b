"""The cover title's size: large, but never five lines with one word alone.

The design sets the title at 25 pt; a long title (Quechua's long words:
"sayapakuyninkuta ukhuyachinku") then took five lines, three of them a single
word.  :func:`cover_title_size` lays out only the page up to the title at a few
smaller sizes and keeps the largest that fits; :func:`with_title_size` writes it
into the HTML, so the reading and the print editions share it.  It reads
WeasyPrint's private boxes (pinned in ``pyproject.toml``), as the layout audit does.

Those trial layouts cost a few tenths of a second on every build, so the size
decided is cached with the layout fixes (:class:`pliego.pamphlet.fixes.TitleSize`)
under :func:`title_key`, a digest of everything it depends on:
:func:`decide_title_size` lays the title out again only when that changed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import weasyprint  # type: ignore[import-untyped]
from weasyprint import HTML

from pliego.pamphlet.fixes import TitleSize
from pliego.pamphlet.typeset import StylesFetcher, collector_paused

#: Cover title sizes tried, largest first (pt); the first is pamphlet.css's own.
TITLE_SIZES = (25.0, 23.0, 21.0, 19.0)
MAX_TITLE_LINES = 4
_TITLE_TAG = '<h1 class="cover-title"'
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)


def title_lines(rendered: Any) -> list[str]:
    """The cover title's lines as WeasyPrint laid them out (first page, ``.cover-title``)."""
    from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

    for box in rendered.pages[0]._page_box.descendants():
        element = getattr(box, "element", None)
        if (
            isinstance(box, boxes.BlockBox)
            and element is not None
            and "cover-title" in (element.get("class") or "").split()
        ):
            # its lines may sit in an anonymous block beside the ::after rule
            return [
                "".join(t.text for t in line.descendants() if isinstance(t, boxes.TextBox))
                for line in box.descendants()
                if isinstance(line, boxes.LineBox) and "::" not in line.element_tag
            ]
    return []


def _title_fits(lines: list[str]) -> bool:
    """At most :data:`MAX_TITLE_LINES` lines, and no single word alone on the last one."""
    return 0 < len(lines) <= MAX_TITLE_LINES and (len(lines) == 1 or len(lines[-1].split()) > 1)


def with_title_size(html: str, size: float | None) -> str:
    """``html`` with its cover title set at ``size`` pt (``None``: the design's size)."""
    if size is None:
        return html
    return html.replace(_TITLE_TAG, f'{_TITLE_TAG} style="font-size: {size:g}pt"', 1)


def cover_title_size(html: str, base: Path, fetcher_root: Path) -> float | None:
    """The largest of :data:`TITLE_SIZES` at which the cover title of ``html`` fits
    (:func:`_title_fits`); ``None`` when the design's own size does (or there is no title).

    Quechua titles are long words ("sayapakuyninkuta ukhuyachinku"): at the design's
    25 pt the shipped one took five lines, three of them a single word.  Only the
    page up to the title is laid out (the same head, stylesheets and cover), so a
    try costs about a tenth of a full render (measured 0.53–0.80 s against 7.06 s
    under heavy load); a title that fits costs one.  When no size fits, the one with
    the fewest lines wins.
    """
    start = html.find(_TITLE_TAG)
    end = html.find("</h1>", start)
    if start < 0 or end < 0:
        return None
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    fonts = FontConfiguration()  # the @font-face files, loaded once for every try
    tried: list[tuple[int, float]] = []
    for size in TITLE_SIZES:
        sized = with_title_size(html, None if size == TITLE_SIZES[0] else size)
        cut = sized[: end + len(sized) - len(html) + len("</h1>")]
        page = HTML(string=cut, base_url=str(base) + "/", url_fetcher=StylesFetcher(fetcher_root))
        lines = title_lines(page.render(font_config=fonts))
        if _title_fits(lines):
            return None if size == TITLE_SIZES[0] else size
        tried.append((len(lines) or MAX_TITLE_LINES + 99, -size))
    size = -min(tried)[1]
    return None if size == TITLE_SIZES[0] else size


def title_key(html: str, design: str) -> str:
    """What :func:`cover_title_size` of ``html`` depends on, as one digest: the page
    up to the end of the title as it cuts it (the head with its stylesheet links, the
    cover, the title's words) but for its ``<meta>`` elements (never laid out; one
    holds the build's time when ``SOURCE_DATE_EPOCH`` is unset); ``design`` (a digest
    of ``styles/``, stylesheets and fonts, and of pliego's code:
    :func:`pliego.pamphlet.stamp.design_digest`); the sizes it tries and the rule it
    applies; and WeasyPrint's version (its line breaks)."""
    start = html.find(_TITLE_TAG)
    end = html.find("</h1>", start)
    cut = html[: end + len("</h1>")] if start >= 0 and end >= 0 else ""
    cut = _META.sub("", cut)  # the creation date changes with every build, no line break
    parts = (cut, design, repr(TITLE_SIZES), str(MAX_TITLE_LINES), weasyprint.__version__)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def decide_title_size(
    html: str, base: Path, fetcher_root: Path, design: str, cached: TitleSize | None
) -> TitleSize:
    """:func:`cover_title_size` of ``html``, taken from ``cached`` when it was decided
    for the same :func:`title_key` (a rebuild then lays no title out at all); the
    trial layouts run as a typeset does (:func:`.collector_paused`)."""
    key = title_key(html, design)
    if cached is not None and cached.key == key:
        return cached
    with collector_paused():
        size = cover_title_size(html, base, fetcher_root)
    return TitleSize(key, size)
