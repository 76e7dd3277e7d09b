"""Raw HTML in the English source is found with its line (`invoke extract` reports it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pliego.markdown.rawhtml import RawHtml, find_raw_html
from tests.buildkit import make_project
from tests.conftest import _env

ARTICLE = """---
title: "Raw"
---

A plain paragraph with a [link](https://example.org/) and 3 < 4.

<!-- a note the editor left -->

Text with <span class="red">a span</span> inside,
and on the next line a <br> too.

<div>
A block.
</div>

`<code>` in a code span is fine, and so is this:

    <pre>indented code</pre>
"""


def test_every_tag_is_found_on_its_line() -> None:
    assert find_raw_html(ARTICLE) == (
        RawHtml(7, "<!-- a note the editor left -->"),
        RawHtml(9, '<span class="red">'),
        RawHtml(9, "</span>"),
        RawHtml(10, "<br>"),
        RawHtml(12, "<div> A block. </div>"),
    )


def test_markdown_alone_has_none() -> None:
    assert find_raw_html('---\ntitle: "T"\n---\n\nA *b* [c](d) <https://e.org> 1 < 2.\n') == ()


def test_invoke_extract_reports_them(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proj", text=ARTICLE)
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "extract"],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    notes = [ln.strip() for ln in done.stdout.splitlines() if ln.strip().startswith("note:")]
    assert len(notes) == 5
    assert notes[0].startswith(
        "note: source/small.md:7: raw HTML '<!-- a note the editor left -->' is printed as text"
    )
    assert notes[3].startswith("note: source/small.md:10: raw HTML '<br>'")
