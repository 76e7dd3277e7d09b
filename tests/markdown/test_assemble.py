"""Re-assembly: identity translations reproduce the source's rendered HTML."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.markdown.assemble import render_document
from pliego.markdown.segment import Unit, parse_article, render_html
from pliego.markdown.translated import translated_markdown as reassemble
from tests.conftest import ARTICLE


def identity(u: Unit) -> str:
    return u.msgid


word = st.sampled_from(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "Lima",
        "1993",
        "strike",
        "*bold*",
        "`code`",
        "[link](https://example.org/x)",
        "**strong**",
        "‘quoted’",
        "self-defence",
    ]
)
inline = st.lists(word, min_size=1, max_size=12).map(" ".join)
para = st.lists(inline, min_size=1, max_size=3).map("\n".join)


@st.composite
def blocks(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(
            ["p", "h", "ul", "ol", "quote", "code", "table", "img"]
            if depth < 2
            else ["p", "h", "code"]
        )
    )
    if kind == "p":
        return draw(para)
    if kind == "h":
        return "#" * draw(st.integers(1, 4)) + " " + draw(inline)
    if kind in ("ul", "ol"):
        items = draw(st.lists(inline, min_size=1, max_size=4))
        marker = "-" if kind == "ul" else "1."
        pad = " " * (len(marker) + 1)
        out = [f"{marker} {it}" for it in items]
        if draw(st.booleans()):
            nested = draw(blocks(depth + 1))
            out.append("\n".join(pad + line if line else "" for line in nested.split("\n")))
        return "\n".join(out)
    if kind == "quote":
        inner = draw(blocks(depth + 1))
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    if kind == "code":
        return "```\n" + draw(inline) + "\n```"
    if kind == "table":
        cells = draw(st.lists(inline, min_size=2, max_size=2))
        return f"| {cells[0]} | {cells[1]} |\n| --- | --: |\n| x | {draw(inline)} |"
    return f"![{draw(inline)}](pic.png)"


def _norm(html: str) -> str:
    """A soft line break renders as a newline, a joined one as a space: same text."""
    return re.sub(r"\s+", " ", html).strip()


@settings(max_examples=80, deadline=None)
@given(st.lists(blocks(), min_size=1, max_size=6), st.booleans())
def test_identity_reassembly_reproduces_html(body: list[str], footnote: bool) -> None:
    text = "---\ntitle: T\n---\n\n" + "\n\n".join(body) + "\n"
    if footnote:
        text += "\nA note ref.[^n]\n\n[^n]: The note *text*.\n"
    article = parse_article(text, "t.md")
    expected = _norm(render_html(text))
    assert _norm(render_html(reassemble(article, identity))) == expected
    assert _norm(render_document(article, identity)[1]) == expected


def test_the_article_reassembles_identically() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    article = parse_article(text, "a.md")
    assert _norm(render_html(reassemble(article, identity))) == _norm(render_html(text))


def test_translations_land_in_their_slots_and_cannot_add_blocks() -> None:
    text = "---\ntitle: T\n---\n\n# Head\n\nBody *text*.\n"
    article = parse_article(text, "t.md")
    tr = {"T": "Título", "Head": "Cabeza", "Body *text*.": "# Not a heading <script>x</script>"}
    front, html = render_document(article, lambda u: tr[u.msgid])
    assert front["title"] == "Título"
    assert "<h1>Cabeza</h1>" in html
    assert "<p># Not a heading &lt;script&gt;x&lt;/script&gt;</p>" in html


def test_a_translated_inline_note_keeps_its_number() -> None:
    """Re-parsing a translation with ``^[…]`` must not register the note a second time
    (its reference used to read [3] with two notes printed, and point at no note)."""
    text = (
        '---\ntitle: "T"\n---\n\nOne[^a] and two.^[Inline note.] And three.^[Another.]\n\n'
        "[^a]: Labelled note.\n"
    )
    article = parse_article(text, "a.md")
    html = render_document(article, lambda u: u.msgid.replace("note", "nota"))[1]
    refs = re.findall(r'<a href="#fn(\d+)" id="fnref\1(?::\d+)?">\[(\d+)\]</a>', html)
    assert refs == [("1", "1"), ("2", "2"), ("3", "3")]
    items = re.findall(r'<li id="fn(\d+)" class="footnote-item"><p>([^<]*)', html)
    assert items == [("1", "Labelled nota. "), ("2", "Inline nota. "), ("3", "Another. ")]


def test_notes_name_themselves_in_the_translator_comment() -> None:
    text = '---\ntitle: "T"\n---\n\nOne[^a] and two.^[Inline note.]\n\n[^a]: Labelled note.\n'
    text = text.replace("two.^", "two,\nacross a line break.^")
    units = parse_article(text, "a.md").units
    notes = [(u.comment, u.line) for u in units if u.kind == "footnote"]
    assert notes == [('footnote 1 (label "a", referred to on line 5)', 8)]
    # the inline note has no entry of its own: the paragraph that writes it says which it is
    (paragraph,) = [u for u in units if u.kind == "paragraph"]
    assert paragraph.comment == "paragraph (holds inline note 2)"
    assert paragraph.msgid.endswith("^[Inline note.]")


def test_an_inline_note_prints_as_its_paragraph_translates_it() -> None:
    """One translation of an inline note, where it is read: the printed note, the
    Markdown edition and the site all show the text inside the paragraph's ``^[…]``
    (a second entry for the note used to print in the PDF while the Markdown edition
    printed the paragraph's, and translators had to translate it twice)."""
    text = (
        '---\ntitle: "T"\n---\n\nOne.^[First *note*.] Two[^b].\n\n'
        "Three.^[Last.]\n\n[^b]: Labelled.\n"
    )
    article = parse_article(text, "a.md", "sentence")
    assert [u.msgid for u in article.units if u.kind == "footnote"] == ["Labelled."]
    assert [u.comment for u in article.units if "^[" in u.msgid] == [
        "paragraph (holds inline note 1), sentence 1 of 2",
        "paragraph (holds inline note 3)",
    ]
    spanish = {"First *note*.": "Primera *nota*.", "Last.": "Última.", "Labelled.": "Con etiqueta."}

    def translate(unit: Unit) -> str:
        for en, es in spanish.items():
            unit = replace(unit, msgid=unit.msgid.replace(en, es))
        return unit.msgid

    html = render_document(article, translate)[1]
    items = re.findall(r'<li id="fn(\d+)" class="footnote-item"><p>(.*?) <a', html)
    assert items == [("1", "Primera <em>nota</em>."), ("2", "Con etiqueta."), ("3", "Última.")]
    assert "First" not in html and "Last" not in html
    markdown = reassemble(article, translate)
    assert "^[Primera *nota*.]" in markdown and "^[Última.]" in markdown


def test_a_labelled_note_names_the_line_of_its_reference() -> None:
    """The ``#:`` line of a labelled note is its definition at the end of the article;
    the comment points the translator at the sentence it explains, even when that is
    on a later line of its paragraph."""
    text = '---\ntitle: "T"\n---\n\nOne line,\nthe second[^pay] line.\n\n[^pay]: A note.\n'
    (note,) = [u for u in parse_article(text, "a.md").units if u.kind == "footnote"]
    assert (note.comment, note.line) == ('footnote 1 (label "pay", referred to on line 6)', 8)
    sentences = parse_article(text.replace("A note.", "One. Two."), "a.md", "sentence")
    assert [u.comment for u in sentences.units if u.kind == "footnote"] == [
        'footnote 1 (label "pay", referred to on line 6), sentence 1 of 2',
        'footnote 1 (label "pay", referred to on line 6), sentence 2 of 2',
    ]
