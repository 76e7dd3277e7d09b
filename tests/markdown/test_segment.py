"""Golden files: ``case.md`` beside ``case.expect.pot`` (as mdpo's tests do).

Regenerate after an intended change with ``PLIEGO_REGEN=1 pytest tests/markdown/test_segment.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pliego.extract import build_template
from pliego.gettext.po import write_po
from pliego.markdown.segment import parse_article
from tests.conftest import msgfmt_check

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))


def _template(name: str) -> str:
    text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    mode = "sentence" if name.startswith("sentences") else "block"
    article = parse_article(text, f"{name}.md", mode)
    return write_po(build_template(article, f"{name}.md", "2023-02-09 00:00+0000"))


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    expect = GOLDEN / f"{name}.expect.pot"
    got = _template(name)
    if os.environ.get("PLIEGO_REGEN") == "1":
        expect.write_text(got, encoding="utf-8")
    assert got == expect.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_golden_templates_pass_msgfmt(name: str) -> None:
    result = msgfmt_check(GOLDEN / f"{name}.expect.pot")
    assert result.returncode == 0, result.stderr


def test_every_unit_kind_is_covered() -> None:
    kinds = set()
    for name in CASES:
        text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
        kinds |= {u.kind for u in parse_article(text, name).units}
    assert {
        "title",
        "subtitle",
        "author",
        "heading",
        "paragraph",
        "list_item",
        "blockquote",
        "table_cell",
        "image_alt",
        "image_caption",
        "footnote",
    } <= kinds
