"""Which pamphlets each index page shows, once the site is too big for one page.

A page that lists every pamphlet in every language grows with the site: at
a hundred articles in three languages it is hundreds of kilobytes and
thousands of screens of scrolling on a phone.  So past :data:`PER_PAGE`
pamphlets in all, each language's index lists only its own pamphlets (the
source language's also those of languages without an index of their own),
newest first, :data:`PER_PAGE` to a page: ``<lang>/index.html``,
``<lang>/page-2.html`` …  The other languages stay one link away, through
the language switch and the "Pamphlets by language" menu, which then point
to the page where each language's list starts.

A site that fits (at most :data:`PER_PAGE` pamphlets) keeps the single page
per language listing everything, byte for byte as before pagination existed.

Pure: the same model and pages give the same sheets, so publishing stays
deterministic.  Nothing here imports Jinja2, so the tests need no templates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pliego.site.model import LanguageGroup, Listing, Page, SiteModel, page_groups

#: Pamphlets on one index page: about twenty screens on a phone, ~60 kB of HTML.
PER_PAGE = 20
#: Page numbers shown on either side of the current one before the list is elided.
WINDOW = 2


@dataclass(frozen=True)
class Sheet:
    """One page of one language's index: which groups (sliced) it shows and where
    its neighbours are.  ``paths`` are every page of the language's list, in order."""

    page: Page
    number: int
    paths: tuple[str, ...]
    groups: tuple[LanguageGroup, ...]

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]

    @property
    def prev(self) -> str:
        """The previous page's site path, or "" on the first."""
        return self.paths[self.number - 2] if self.number > 1 else ""

    @property
    def next(self) -> str:
        """The next page's site path, or "" on the last."""
        return self.paths[self.number] if self.number < self.count else ""

    @property
    def root(self) -> str:
        """The relative way back to the site root (every page of a list sits in the
        folder of its first, :func:`sheet_path`)."""
        return self.page.root

    @property
    def anchors(self) -> frozenset[str]:
        """The anchors of the pamphlets this page lists."""
        return frozenset(p.anchor for g in self.groups for p in g.pamphlets)


def sheet_path(first: str, number: int) -> str:
    """``index.html`` → ``page-2.html``; ``es/index.html`` → ``es/page-3.html``."""
    if number == 1:
        return first
    folder, slash, _name = first.rpartition("/")
    return f"{folder}{slash}page-{number}.html"


def paginated(model: SiteModel, per_page: int = PER_PAGE) -> bool:
    """Whether the site is past one page per language."""
    return len(model.pamphlets) > per_page


def series_of(lang: str, pages: Sequence[Page]) -> str:
    """The first page of the index that lists ``lang``'s pamphlets: its own, or the
    source language's (``pages[0]``) for a language without a page."""
    return next((p.path for p in pages if p.lang == lang), pages[0].path if pages else "index.html")


def chunks(groups: Sequence[LanguageGroup], per_page: int) -> tuple[tuple[LanguageGroup, ...], ...]:
    """The groups' pamphlets, in order, cut ``per_page`` to a page and regrouped by
    language (a language split between two pages has a section on each).  Always at
    least one page, empty when there is nothing to list."""
    flat = [(g, p) for g in groups for p in g.pamphlets]
    cut: list[tuple[LanguageGroup, ...]] = []
    for start in range(0, len(flat), per_page):
        part: dict[str, list[Listing]] = {}
        owner: dict[str, LanguageGroup] = {}
        for group, p in flat[start : start + per_page]:
            part.setdefault(group.lang, []).append(p)
            owner[group.lang] = group
        cut.append(tuple(LanguageGroup(k, owner[k].name, tuple(v)) for k, v in part.items()))
    return tuple(cut) or ((),)


def paginate(
    model: SiteModel, pages: Sequence[Page], per_page: int = PER_PAGE
) -> tuple[Sheet, ...]:
    """Every index page of the site, in the order of ``pages`` then page number."""
    if not paginated(model, per_page):
        return tuple(Sheet(page, 1, (page.path,), page_groups(model, page.lang)) for page in pages)
    sheets: list[Sheet] = []
    for page in pages:
        mine = tuple(g for g in model.groups if series_of(g.lang, pages) == page.path)
        parts = chunks(mine, per_page)
        paths = tuple(sheet_path(page.path, n) for n in range(1, len(parts) + 1))
        sheets.extend(Sheet(page, n, paths, part) for n, part in enumerate(parts, 1))
    return tuple(sheets)


def homes(model: SiteModel, pages: Sequence[Page], sheets: Sequence[Sheet]) -> dict[str, str]:
    """Each pamphlet's anchor → the site path of the page it is listed on in its own
    language's index (the source language's for a language without one): where the
    feed, the read-online page and the other languages' pages send a reader."""
    found: dict[tuple[str, str], str] = {}  # (index, anchor) → the first page listing it
    for s in sheets:
        for anchor in s.anchors:
            found.setdefault((s.page.path, anchor), s.path)
    out = {}
    for p in model.pamphlets:
        series = series_of(p.lang, pages)
        out[p.anchor] = found.get((series, p.anchor), series)
    return out


def links(sheet: Sheet, home: Mapping[str, str], model: SiteModel) -> dict[str, str]:
    """Each pamphlet's anchor → the ``href`` that reaches it from ``sheet``: the
    fragment alone when the sheet lists it, else its home page's relative path."""
    here = sheet.anchors
    return {
        p.anchor: f"#{p.anchor}" if p.anchor in here else f"{sheet.root}{home[p.anchor]}#{p.anchor}"
        for p in model.pamphlets
    }


def menu(
    sheet: Sheet, model: SiteModel, sheets: Sequence[Sheet], pages: Sequence[Page]
) -> tuple[tuple[LanguageGroup, str], ...]:
    """The "Pamphlets by language" menu of ``sheet``: each language, its own first,
    with the ``href`` of where its list starts (on this page, or the first page of
    the index that lists it)."""
    shown = {g.lang for g in sheet.groups}
    out = []
    for group in page_groups(model, sheet.page.lang):
        anchor = f"#lang-{group.lang}"
        if group.lang in shown:
            out.append((group, anchor))
            continue
        series = series_of(group.lang, pages)
        start = next(
            (
                s.path
                for s in sheets
                if s.page.path == series and group.lang in {g.lang for g in s.groups}
            ),
            series,
        )
        out.append((group, f"{sheet.root}{start}{anchor}"))
    return tuple(out)


def numbers(number: int, count: int, window: int = WINDOW) -> tuple[int | None, ...]:
    """The page numbers a page links: all of them when few, else the first, the last
    and ``window`` on each side of ``number``, with ``None`` where numbers are left
    out (shown as an ellipsis), so the menu stays one or two lines on a phone."""
    if count <= 2 * window + 3:
        return tuple(range(1, count + 1))
    low, high = max(2, number - window), min(count - 1, number + window)
    middle = tuple(range(low, high + 1))
    return (
        (1,)
        + ((None,) if low > 2 else ())
        + middle
        + ((None,) if high < count - 1 else ())
        + (count,)
    )
