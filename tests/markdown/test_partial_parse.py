"""Extraction parses inline Markdown only where its units read it.

:func:`pliego.markdown.segment.parse_article` leaves a block's inline text
unparsed unless it holds a footnote reference, an inline note or an image;
the article it returns must be the one a full parse gives (units, their
notes and numbers, the token slots re-assembly uses), on every article of
the repository and on generated ones full of notes, images and references.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pliego.markdown.segment import markdown_parser, parse_article
from pliego.markdown.unittext import _normalize_spans, normalize_inline

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [
    ROOT / "source" / "peru-masses-deepen-resistance.md",
    *sorted((ROOT / "tests" / "golden").glob("*.md")),
    ROOT / "tests" / "data" / "union-leaflet.md",
]
INLINE = (
    "word",
    "Lima",
    "*em*",
    "**strong**",
    "[link](https://e.org)",
    "[ref][r]",
    "[^1]",
    "[^n]",
    "[^missing]",
    "^[an *inline* note]",
    "![alt](a.png)",
    '![alt](b.png "A caption")',
    "`[^1]`",
    "<b>",
    "\\[^1]",
    "[",
    "^",
    "!",
    "&amp;",
    "  \n",
    "\n",
)
BLOCKS = (
    "# Heading {}",
    "{}",
    "> {}",
    "- {}\n- {}",
    "1. {}",
    "| a | b |\n| - | - |\n| {} | x |",
    "[^1]: {}",
    "[^n]: {}\n\n    {}",
    "[^unused]: {}",
    '[r]: https://r.org "{}"',
    '![only](c.png "{}")',
    "```\n{}\n```",
    "    {}",
    "<div>{}</div>",
)


def _article(rnd: random.Random) -> str:
    blocks = []
    for _ in range(rnd.randint(3, 25)):
        block = rnd.choice(BLOCKS)
        words = [" ".join(rnd.choices(INLINE, k=rnd.randint(1, 8))) for _ in range(2)]
        blocks.append(block.format(*words))
    return '---\ntitle: "Generated"\nauthor: "Bench"\n---\n\n' + "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("segmentation", ["block", "sentence"])
def test_partial_parse_gives_the_article_of_a_full_parse(segmentation: str) -> None:
    rnd = random.Random(16)
    texts = [path.read_text("utf-8") for path in ARTICLES]
    texts += [_article(rnd) for _ in range(150)]
    notes = 0
    for text in texts:
        full = parse_article(text, "a.md", segmentation, parser=markdown_parser())
        assert parse_article(text, "a.md", segmentation) == full
        notes += sum(unit.kind == "footnote" for unit in full.units)
    assert notes > 100  # the generated articles do number notes


def test_one_line_prose_is_normalised_as_it_is() -> None:
    rnd = random.Random(16)
    pieces = ("word", " ", "  ", "\t", "\n", "  \n", "\\\n", "`a  b`", "``c\nd``", "*e*", "’")
    for _ in range(5000):
        text = "".join(rnd.choices(pieces, k=rnd.randint(0, 12)))
        assert normalize_inline(text) == _normalize_spans(text.strip()), repr(text)
