"""The translated Markdown (`build/<lang>/<slug>.md`): it must render like the source.

The corpus is the CommonMark specification's own examples (652 in 0.31.2),
read at test time from the npm package ``commonmark-spec`` that
``scripts/setup.sh --test`` installs from ``package.json`` (no Python wheel
ships them; never copied into this repository).  Each example, under a front
matter block, is written again with identity translations and must give the
same HTML (white space aside outside ``<pre>``: extraction joins a
paragraph's lines, rule 7), or be one of :data:`REFUSED`, which pliego refuses
with a message instead of writing Markdown that renders differently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pliego.markdown.segment import Unit, parse_article, render_html
from pliego.markdown.translated import MarkdownRefused, escape_line_start, translated_markdown
from tests.buildkit import LEAFLET
from tests.conftest import ARTICLE, REPO

SPEC = REPO / "node_modules" / "commonmark-spec" / "spec.txt"
#: spec example number -> why pliego refuses it (docs/build.md repeats this list).
REFUSED = {
    # `[link](<foo\nbar>)`: a line break inside `<…>` makes the destination invalid, so the
    # source is text; extraction joins the lines (rule 7) and the joined text is a link.
    491: "reads differently once its lines are joined",
}
HEAD = "---\ntitle: T\n---\n\n"


def spec_examples() -> list[tuple[int, str, str]]:
    """(number, section, Markdown) of every example, as the spec's own test runner reads them."""
    assert SPEC.is_file(), f"{SPEC} is missing: run `bash scripts/setup.sh --test` (npm ci)"
    text = SPEC.read_text(encoding="utf-8")
    text = re.sub(r"^<!-- END TESTS -->[\s\S]*", "", text, flags=re.MULTILINE)
    found: list[tuple[int, str, str]] = []
    section = ""
    pattern = r"^`{32} example\n([\s\S]*?)^\.\n[\s\S]*?^`{32}$|^#{1,6} *(.*)$"
    for m in re.finditer(pattern, text, re.MULTILINE):
        if m.group(2) is not None:
            section = m.group(2)
        else:
            found.append((len(found) + 1, section, m.group(1).replace("→", "\t")))
    return found


def same_html(html: str) -> str:
    """White space collapsed outside ``<pre>`` (a joined soft break is a space)."""
    parts = re.split(r"(<pre>[\s\S]*?</pre>)", html)
    return "".join(p if p.startswith("<pre>") else re.sub(r"\s+", " ", p) for p in parts).strip()


def identity(u: Unit) -> str:
    return u.msgid


def test_every_commonmark_example_round_trips_or_is_refused() -> None:
    examples = spec_examples()
    assert len(examples) == 652
    refused: dict[int, str] = {}
    differ: list[int] = []
    for number, _section, markdown in examples:
        source = HEAD + markdown
        try:
            written = translated_markdown(parse_article(source, "t.md"), identity)
        except MarkdownRefused as exc:
            refused[number] = str(exc)
            continue
        if same_html(render_html(written)) != same_html(render_html(source)):
            differ.append(number)
    assert differ == []
    assert sorted(refused) == sorted(REFUSED)
    for number, why in REFUSED.items():
        assert why in refused[number] and refused[number].startswith("t.md:5: ")


def test_translated_text_keeps_every_examples_structure() -> None:
    """With text added around every unit, each example keeps its blocks (or is refused)."""
    refused = []
    for number, _section, markdown in spec_examples():
        article = parse_article(HEAD + markdown, "t.md")
        try:
            translated_markdown(article, lambda u: f"ñ {u.msgid} ñ")
        except MarkdownRefused:
            refused.append(number)
    assert sorted(refused) == sorted(REFUSED)


CASES = {
    "link reference definitions with titles and escapes": (
        "See [the fund][f] and [\\*this\\*][t].\n\n"
        '[f]: <https://ex.org/a b> "The *fund* \\"now\\""\n'
        "[T]: /t?x=1&amp;y=\\* 'it\\'s &amp; more'\n"
    ),
    "collapsed image references": '![A *red* flag][]\n\n[a *red* flag]: flag.png "Our flag"\n',
    "alt text with irregular white space": "![Strikers   holding\n  a banner](p.png)\n",
    "empty block quotes": ">\n\n>\n>\n\ntext\n\n> > \n",
    "fenced code with blank lines": "```python\nx = 1\n\n\ny = 2\n```\n\n~~~\n\n~~~\n",
    "hard breaks in setext headings": (
        "Line one\\\nline two  \nline three\n===\n\nSub\\\nhead\n---\n"
    ),
}


@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_the_issues_cases_round_trip(body: str) -> None:
    source = HEAD + body
    written = translated_markdown(parse_article(source, "t.md"), identity)
    assert same_html(render_html(written)) == same_html(render_html(source))


@pytest.mark.parametrize("path", [ARTICLE, LEAFLET], ids=["shipped", "leaflet"])
def test_real_articles_round_trip_with_their_front_matter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    article = parse_article(text, path.name)
    written = translated_markdown(article, identity, "es")
    head = yaml.safe_load(written.split("---\n")[1])
    assert head == {**article.front_matter, "lang": "es"}
    assert same_html(render_html(written)) == same_html(render_html(text))


def test_link_titles_are_offered_and_translated() -> None:
    source = HEAD + (
        'A [link][f] and [another](/x "Inline title").\n\n'
        '[f]: /fund "Strike fund"\n\n> [q]: /q "Quoted definition"\n'
    )
    article = parse_article(source, "t.md")
    titles = [(u.kind, u.msgid, u.line) for u in article.units if u.kind == "link_title"]
    # a definition inside a block quote is not offered: see segment rule 4
    assert titles == [("link_title", "Strike fund", 7)]
    tr = {"Strike fund": 'Fondo "de" huelga', "T": "T"}
    written = translated_markdown(article, lambda u: tr.get(u.msgid, u.msgid))
    assert '[f]: </fund> "Fondo \\"de\\" huelga"' in written
    assert 'title="Fondo &quot;de&quot; huelga"' in render_html(written)
    from pliego.markdown.assemble import render_document

    assert (
        'title="Fondo &quot;de&quot; huelga"'
        in render_document(article, lambda u: tr.get(u.msgid, u.msgid))[1]
    )


def test_translator_text_cannot_add_blocks() -> None:
    source = HEAD + "Para.\n\n- item\n\n> quoted\n\n| a | b |\n| - | - |\n| c | d |\n\n# Head\n"
    article = parse_article(source, "t.md")
    hostile = ["# h", "- l", "1. o", "> q", "```", "===", "a\\\n---", "a\n# b", "x | y", "***"]
    for text in hostile:
        written = translated_markdown(article, lambda u, t=text: t if u.kind != "title" else "T")
        html = render_html(written)
        assert html.count("<h1>") == 1 and html.count("<li>") == 1, (text, written)
        assert "<hr" not in html and "<pre>" not in html and "<h2>" not in html, (text, written)
        assert html.count("<blockquote>") == 1 and html.count("<td>") == 2, (text, written)


def test_escaping_a_line_start_keeps_its_text() -> None:
    for line in ["# a", "> b", "- c", "+ d", "* e", "1. f", "2) g", "===", "---", "~~~", "[x]: y"]:
        escaped = escape_line_start(line)
        assert escaped != line
        assert render_html(escaped).strip() == f"<p>{line.replace('>', '&gt;')}</p>"
    assert escape_line_start("```foo``") == "```foo``"  # a code span, not a fence
    assert escape_line_start("plain") == "plain"


def test_a_collapsed_image_reference_survives_a_translated_alt_text() -> None:
    """`![alt][]` finds its definition by the alt text: translated, it must still show
    the image (written as an inline image from the parsed address and title)."""
    source = HEAD + '![A red flag][]\n\n[a red flag]: <flag one.png> "Our flag"\n'
    article = parse_article(source, "t.md")
    tr = {"A red flag": "Una bandera [roja]", "Our flag": "Nuestra bandera", "T": "T"}
    html = render_html(translated_markdown(article, lambda u: tr[u.msgid]))
    assert html.strip() == (
        '<p><img src="flag%20one.png" alt="Una bandera [roja]" title="Nuestra bandera" /></p>'
    )
