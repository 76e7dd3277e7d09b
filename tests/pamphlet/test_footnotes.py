"""Notes at the foot of the page: the HTML WeasyPrint gets, the setting, the check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it.token import Token

from pliego.errors import ConfigError
from pliego.markdown.assemble import render_document
from pliego.markdown.segment import parse_article
from pliego.pamphlet.config import build_config
from pliego.pamphlet.footnotes import notes_at_foot
from pliego.pamphlet.links import print_addresses
from pliego.pamphlet.placement import Misplaced, misplaced_report
from pliego.project import read_settings
from tests.buildkit import make_project, page_texts
from tests.conftest import Runner


def _html(markdown: str, links: str = "inline", translate: dict[str, str] | None = None) -> str:
    article = parse_article('---\ntitle: "T"\n---\n\n' + markdown + "\n", "a.md")

    def for_paper(tokens: list[Token]) -> None:
        print_addresses(tokens, links)
        notes_at_foot(tokens)

    table = translate or {}
    return (
        render_document(article, lambda u: table.get(u.msgid, u.msgid), for_paper)[1].strip() + "\n"
    )


def test_each_note_is_written_where_it_is_referenced() -> None:
    html = _html("## Pay\n\nOne[^a] and two.^[Inline *note*.]\n\n[^a]: Labelled note.")
    assert html == (
        '<h2 data-notes-break="note-1 note-2">Pay</h2>\n'
        '<p data-notes="note-1 note-2">One<span class="footnote" id="note-1"><span>'
        "Labelled note.</span></span> and two."
        '<span class="footnote" id="note-2"><span>Inline <em>note</em>.</span></span></p>\n'
    )
    assert "footnotes" not in html and "↩" not in html and "fnref" not in html


def test_notes_are_numbered_in_the_order_they_are_called() -> None:
    html = _html("Later[^b], first[^a], again[^b].\n\n[^a]: A.\n\n[^b]: B.")
    assert re.findall(r'id="(note-\d)"><span>(\w)', html) == [("note-1", "B"), ("note-2", "A")]
    # a second reference prints the number only: the text is at the foot of an earlier page
    assert html.count("B.</span>") == 1 and 'again<sup class="footnote-again">1</sup>' in html


def test_a_note_of_several_paragraphs_and_a_list_item_calling_a_note() -> None:
    html = _html("- an item[^a]\n- another\n\n[^a]: First.\n\n    Second.")
    assert '<li data-notes="note-1" data-notes-break="note-1">an item' in html
    assert '<span>First.</span><span class="note-p">Second.</span></span>' in html


def test_a_note_no_translated_reference_calls_is_still_printed() -> None:
    """A draft of a translation that dropped ``[^a]``: the note's text stays visible
    after the article (a release stops at invoke check's finding first)."""
    html = _html("Text[^a].\n\n[^a]: The note.", translate={"Text[^a].": "Texto."})
    assert html.startswith('<p>Texto.</p>\n<section class="footnotes unreferenced">')
    assert "<p>The note." in html


def test_link_addresses_as_notes_of_their_own() -> None:
    html = _html(
        "Sign [the petition](https://ex.org/p), [write](mailto:a@ex.org), "
        "see <https://ex.org/a>.[^n]\n\n[^n]: In a [note](https://ex.org/n).",
        links="notes",
    )
    assert (
        '<a href="https://ex.org/p">the petition</a><span class="footnote linknote" '
        'id="link-1"><a class="link-address" href="https://ex.org/p">'
        "https://ex.<wbr>org/<wbr>p</a></span>, "
    ) in html
    assert 'id="link-2"><a class="link-address" href="mailto:a@ex.org">a@ex.<wbr>org</a>' in html
    assert "link-3" not in html  # a link whose text is its address needs no note
    # a link inside a note keeps its address in parentheses: a note cannot have a note
    assert (
        '<a href="https://ex.org/n">note</a> (<a class="link-address" href="https://ex.org/n">'
    ) in html
    assert html.startswith(
        '<p data-notes="link-1 link-2 note-1" data-notes-break="link-1 link-2 note-1">'
    )


@pytest.mark.parametrize(
    ("line", "links"), [("", "inline"), ('links = "notes"\n', "notes"), ('links = "foot"\n', None)]
)
def test_the_links_setting(tmp_path: Path, line: str, links: str | None) -> None:
    root = make_project(tmp_path / "p", text="---\ntitle: x\n---\n\nHi.\n")
    toml = root / "pyproject.toml"
    toml.write_text(
        toml.read_text().replace("[tool.pliego.build]\n", "[tool.pliego.build]\n" + line)
    )
    settings = read_settings(root)
    if links is None:
        with pytest.raises(ConfigError, match="links must be one of 'inline', 'notes', not 'foot'"):
            build_config(settings)
    else:
        assert build_config(settings).links == links


def test_the_report_names_every_misplaced_note_with_its_pages() -> None:
    found = (
        Misplaced("note-3", 4, (5,)),
        Misplaced("note-4", 4, ()),
        Misplaced("link-28", 6, (7,)),
        Misplaced("note-9", 8, (9,), too_long=True),
    )
    error = misplaced_report("print", found, "source/a.md", {3: 40, 4: 41})
    assert str(error) == (
        "source/a.md:40: print edition: 4 note(s) not at the foot of their page: "
        "note 3 is called on page 4 but printed on page 5; note 4 (called on page 4) is "
        "missing; note ab (a link's address) is called on page 6 but printed on page 7; "
        "note 9 (called on page 8) is longer than page 9 holds (a note must fit on its "
        "page below the line that calls it: shorten it or make it part of the text; a "
        "draft (--draft) builds anyway)"
    )


def test_a_note_longer_than_a_page_stops_a_release_and_a_draft_notes_it(
    tmp_path: Path, invoke: Runner
) -> None:
    body = " ".join(["The note goes on about the contract and the pay."] * 80)
    text = (
        '---\ntitle: "Long"\n---\n\nA paragraph.[^big] And more text after the call.\n\n'
        f"[^big]: {body}\n"
    )
    root = make_project(tmp_path / "p", text=text)
    done = invoke(root, "build", "--lang", "en", "--editions", "reading")
    assert done.returncode == 1
    assert re.search(
        r"error: en: source/small.md:7: reading edition: 1 note\(s\) not at the foot of their "
        r"page: note 1 \(called on page 2\) is longer than page \d+ holds",
        done.stderr,
    ), done.stderr
    assert not (root / "build" / "en" / "small.pdf").exists()
    draft = invoke(root, "build", "--lang", "en", "--editions", "reading", "--draft")
    assert draft.returncode == 0, draft.stderr
    assert "note: source/small.md:7: reading edition: 1 note(s) not at the foot" in draft.stdout
    pages = page_texts(root / "build" / "en" / "small-draft.pdf")
    assert any("1. The note goes on" in page for page in pages)  # printed, as WeasyPrint could
