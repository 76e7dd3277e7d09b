"""Fixture builders for the site tests: small real PDFs and build sidecars in a tmp project.

The PDFs are made once per test session with WeasyPrint (real PDFs that pypdf
and pypdfium2 read as they would the build's), then copied into each project
as the build would lay them out: ``build/<lang>/<slug>[-draft]{,-booklet-a4,-print}.pdf``
beside ``build/<lang>/<slug>[-draft].json``.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PAGE_CSS = {
    "reading": "@page { size: A5; margin: 15mm }",
    "booklet": "@page { size: A4 landscape; margin: 10mm }",
    "print": "@page { size: 154mm 216mm; margin: 18mm }",
    "reading/half-letter": "@page { size: 5.5in 8.5in; margin: 15mm }",
    "booklet/half-letter": "@page { size: letter landscape; margin: 10mm }",
    "print/half-letter": "@page { size: 145.7mm 221.9mm; margin: 18mm }",
}
PAPER = {"reading": "A5", "booklet": "A4", "print": "A5+bleed"}
HALF_LETTER = {"reading": "half-letter", "booklet": "letter", "print": "half-letter+bleed"}
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)> javascript:alert(3) & “quoted”'


@cache
def sample_pdf(folder: Path, kind: str, label: str, pages: int) -> bytes:
    """A real PDF of ``pages`` pages on the paper of ``kind`` (``booklet/half-letter``:
    on the other paper), its cover reading ``label``."""
    from weasyprint import HTML

    body = "".join(
        f'<section style="page-break-after: always"><h1 style="font-size: 40pt; '
        f'color: #8a1c1c">{label}</h1><p>Page {n + 1}</p></section>'
        for n in range(pages)
    )
    html = f"<html><head><style>{PAGE_CSS[kind]}</style></head><body>{body}</body></html>"
    data: bytes = HTML(string=html).write_pdf()
    (folder / f"{kind.replace('/', '-')}-{label}-{pages}.pdf").write_bytes(data)
    return data


def file_name(slug: str, kind: str, draft: bool, paper: str = "a5") -> str:
    stem = f"{slug}-draft" if draft else slug
    return {
        "reading": f"{stem}.pdf",
        "booklet": f"{stem}-booklet-{'a4' if paper == 'a5' else 'letter'}.pdf",
        "print": f"{stem}-print.pdf",
    }[kind]


def add_pamphlet(
    root: Path,
    lang: str,
    slug: str = "small",
    *,
    title: str | None = None,
    author: str = "Ana Pérez",
    translator: str = "",
    date: str = "2023-02",
    draft: bool = False,
    pages: int = 2,
    cache_dir: Path,
    markdown: str | None = None,
    english: tuple[int, ...] = (),
    paper: str = "a5",
) -> Path:
    """Write a pamphlet's three PDFs and its sidecar as the build would (with ``markdown``,
    its translated Markdown too, for the read-online page); return the sidecar."""
    folder = root / "build" / lang
    folder.mkdir(parents=True, exist_ok=True)
    editions = []
    for kind in ("reading", "booklet", "print"):
        n = pages if kind != "booklet" else max(1, (pages + 3) // 4 * 2)
        css = kind if paper == "a5" else f"{kind}/{paper}"
        data = sample_pdf(cache_dir, css, f"{lang}{'-draft' if draft else ''}", n)
        name = file_name(slug, kind, draft, paper)
        (folder / name).write_bytes(data)
        label = (PAPER if paper == "a5" else HALF_LETTER)[kind]
        editions.append({"kind": kind, "file": name, "pages": n, "paper": label})
    sidecar = folder / (f"{slug}-draft.json" if draft else f"{slug}.json")
    md_name = sidecar.with_suffix(".md").name
    if markdown is not None:
        (folder / md_name).write_text(markdown, encoding="utf-8")
    sidecar.write_text(
        json.dumps(
            {
                "slug": slug,
                "lang": lang,
                "title": title or f"A small article ({lang})",
                "author": author,
                "date": date,
                "translator": translator,
                "draft": draft,
                "editions": editions,
                "markdown": md_name if markdown is not None else None,
                "english": list(english),
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    return sidecar


def add_site_templates(root: Path) -> None:
    shutil.copytree(REPO / "styles" / "site", root / "styles" / "site", dirs_exist_ok=True)
    for lang in ("es", "qu"):
        po = REPO / "locale" / lang / "LC_MESSAGES" / "site.po"
        if po.exists():
            target = root / "locale" / lang / "LC_MESSAGES" / "site.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(po, target)


#: The pamphlets per language of :func:`add_many`: English runs to two index pages
#: (20 to a page), Spanish and Quechua to one, Quechua lacking most of them.
MANY = {"en": 25, "es": 12, "qu": 8}


def add_many(root: Path, cache_dir: Path, counts: dict[str, int] | None = None) -> None:
    """Many pamphlets cheaply (45 by default): the same few sample PDFs under many slugs,
    ``a01`` oldest (2020-01) to ``a25`` newest, one with a hostile title."""
    for lang, count in (counts or MANY).items():
        for n in range(1, count + 1):
            year, month = divmod(n - 1, 12)
            title = HOSTILE if n == 3 else f"Pamphlet {n} ({lang})"
            add_pamphlet(
                root,
                lang,
                slug=f"a{n:02d}",
                title=title,
                date=f"{2020 + year}-{month + 1:02d}",
                cache_dir=cache_dir,
            )
