"""A published site of 45 pamphlets (issue 16, target 6): the index pages on disk, every
link between them leading to a page and an anchor that exist, and pages that go away
when the list shrinks.  The PDFs are a few shared samples (tests/sitekit.add_many)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from pliego.site.publish import publish
from tests.site.test_publish import ENV, parse_html, pdf_cache, settings_of, site_files
from tests.sitekit import add_many, add_site_templates

INDEXES = ["index.html", "page-2.html", "es/index.html", "qu/index.html"]


def _indexes(files: dict[str, bytes]) -> list[str]:
    return sorted(p for p in files if re.fullmatch(r"(\w+/)?(index|page-\d+)\.html", p))


def test_many_pamphlets_are_paged_and_every_link_leads_somewhere(
    project: Path, pdf_cache: Path
) -> None:
    add_site_templates(project)
    add_many(project, pdf_cache)
    settings = settings_of(project)
    first = publish(settings, build=False, env=ENV)
    files = site_files(project)
    assert _indexes(files) == sorted(INDEXES)
    sums = files["SHA256SUMS"].decode()
    assert all(f"  {p}\n" in sums for p in INDEXES)
    assert '"path": "page-2.html"' in files["manifest.json"].decode()
    ids = {p: {a.get("id") for _t, a in parse_html(files[p]).tags} for p in INDEXES}
    for page in INDEXES:
        markup = parse_html(files[page])
        listed = [a for t, a in markup.tags if t == "article"]
        assert 1 <= len(listed) <= 20, (page, len(listed))
        assert len(files[page]) < 200_000
        for tag, attrs in markup.tags:
            href = attrs.get("href") if tag in ("a", "link") else None
            if not href or href.startswith(("mailto:", "http")):
                continue
            target, fragment = urldefrag(urljoin(page, href))
            target = target or page
            assert target in files, (page, href)
            if fragment:
                assert fragment in ids.get(target, set()), (page, href)
    english = files["page-2.html"].decode()
    assert '<a href="index.html" rel="prev">Previous page</a>' in english
    assert "&lt;script&gt;alert(1)" in english and "<script>alert" not in english
    spanish = files["es/index.html"].decode()
    assert 'href="../page-2.html#lang-en"' not in spanish  # English starts on its first page
    assert 'href="../index.html#lang-en"' in spanish
    assert '<nav class="pages"' not in spanish  # twelve Spanish pamphlets: one page
    again = publish(settings, build=False, env=ENV)
    assert again.written == () and again.removed == ()
    assert "page-2.html" in first.written

    for n in range(21, 26):  # English back to twenty: one page again, page-2.html goes
        for f in (project / "build" / "en").glob(f"a{n}*"):
            f.unlink()
    third = publish(settings, build=False, env=ENV)
    assert "page-2.html" in third.removed
    files = site_files(project)
    assert _indexes(files) == sorted(set(INDEXES) - {"page-2.html"})
    assert '<nav class="pages"' not in files["index.html"].decode()


__all__ = ["pdf_cache"]  # the session fixture, imported for the test above
