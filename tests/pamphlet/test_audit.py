"""The layout audit on small synthetic documents: each defect class is found, and the
fixing passes remove the ones they claim to (rule 7 of pliego.pamphlet.fixes: not widows).

The documents are set in a monospaced font on a tiny page (29 characters a line,
four lines a page) with manual soft hyphens, so every line break is known in
advance and each test can build exactly the defect it is about.
"""

from __future__ import annotations

from typing import Any

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]

from pliego.pamphlet.audit import Finding, raya_roles
from pliego.pamphlet.edits import NBSP, Blocks, bind_end, join_rayas, keep_word, style
from pliego.pamphlet.fixes import MAX_PASSES, Fix, apply_fixes, audit_document, fixes_for, settle
from pliego.pamphlet.pages import read_pages

STYLE = """
@page { size: 200pt 100pt; margin: 10pt }
@page cover { size: 200pt 100pt }
.cover { page: cover; break-after: page }
body { margin: 0; font: 10pt/20pt "DejaVu Sans Mono"; hyphens: manual; %s }
p, h1, h2 { margin: 0; font-size: 10pt; line-height: 20pt }
h2 { break-after: avoid }
"""
S = "\u00ad"
#: Four lines of exactly 29 characters, the width of a line.
L1 = "aaaa bbbb cccc dddd eeee ffff"
L2 = "gggg hhhh iiii jjjj kkkk llll"
L3 = "mmmm nnnn oooo pppp qqqq rrrr"
L4 = "ssss tttt uuuu vvvv wwww xxxx"
FILL = f"{L1} {L2} {L3} {L4}"


def doc(body: str, css: str = "orphans: 1; widows: 1") -> str:
    return f'<html lang="en"><head><style>{STYLE % css}</style></head><body>{body}</body></html>'


def render(html: str) -> Any:
    return HTML(string=html).render()


def kinds(html: str) -> list[str]:
    return [f.kind for f in audit_document(render(html))]


def texts(document: Any) -> list[list[str]]:
    return [[line.text for line in page.lines] for page in read_pages(document)]


# --------------------------------------------------------------------------- the walk

PAGE_TURN = doc(
    "<p>aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp "
    f"qqqq rrrr ssss tttt uuuu vvvv won{S}der{S}ful{S}ly xxxx yyyy zzzz ab{S}cd{S}ef</p>"
)


def test_the_walk_reads_lines_pages_and_the_typesetters_hyphen() -> None:
    pages = read_pages(render(PAGE_TURN))
    assert [p.number for p in pages] == [1, 2]
    first, second = pages
    assert [line.text for line in first.lines] == [
        "aaaa bbbb cccc dddd eeee ffff",
        "gggg hhhh iiii jjjj kkkk llll",
        "mmmm nnnn oooo pppp qqqq rrrr",
        "ssss tttt uuuu vvvv wonder‐",
    ]
    assert [line.hyphenated for line in first.lines] == [False, False, False, True]
    assert first.lines[0].first and not first.lines[0].last
    assert second.lines[-1].last and {line.block for p in pages for line in p.lines} == {0}


def test_a_line_outside_the_numbered_blocks_is_a_block_of_its_own() -> None:
    html = doc("<p>one</p><hr><hr><p>two</p>").replace("</style>", "hr::after{content:'*'}</style>")
    lines = [line for page in read_pages(render(html)) for line in page.lines]
    assert [(line.text, line.first and line.last) for line in lines] == [
        ("one", True),
        ("*", True),
        ("*", True),
        ("two", True),
    ]
    assert lines[1].block < 0 and lines[2].block < 0 and lines[1].block != lines[2].block
    assert kinds(html) == []


def test_a_hyphen_of_the_text_is_not_the_typesetters() -> None:
    pages = read_pages(render(doc("<p>aaaa bbbb cccc dddd eeee ff-ffff gggg</p>")))
    assert pages[0].lines[0].text.endswith("-") and not pages[0].lines[0].hyphenated


def test_blocks_are_numbered_in_document_order_and_covers_are_named() -> None:
    html = doc('<section class="cover"><h1>Title</h1></section><p>one</p><h2>two</h2><p>3</p>')
    pages = read_pages(render(html))
    assert pages[0].cover and not pages[1].cover
    assert [(line.tag, line.block) for p in pages for line in p.lines] == [
        ("h1", 1),
        ("p", 2),
        ("h2", 3),
        ("p", 4),
    ]


# --------------------------------------------------------------------------- each class


def test_a_word_hyphenated_at_the_page_turn_is_found_and_kept_whole() -> None:
    (found,) = [f for f in audit_document(render(PAGE_TURN)) if f.kind == "page-turn"]
    assert (found.page, found.text, found.arg) == (1, "wonder‐", "wonderfully")
    document, settled = settle(PAGE_TURN, render)
    assert settled.fixes == (Fix("keep", 0, "wonderfully"),)
    assert settled.renders == 2 and not [f for f in settled.remaining if f.kind == "page-turn"]
    pages = texts(document)
    assert pages[0][-1] == "ssss tttt uuuu vvvv" and pages[1][0].startswith("wonderfully")


TAIL = doc(f"<p>{L1} {L2} aa bbbb cccc dd eeee fff won{S}der{S}ful.</p>", "")


def test_a_paragraph_ending_in_the_tail_of_a_hyphenated_word_keeps_the_word_whole() -> None:
    assert texts(render(TAIL))[0][-2:] == ["aa bbbb cccc dd eeee fff won‐", "derful."]
    assert [(f.kind, f.arg) for f in audit_document(render(TAIL))] == [("tail", "wonderful")]
    document, settled = settle(TAIL, render)
    assert settled.fixes == (Fix("keep", 0, "wonderful"),) and not settled.remaining
    assert texts(document)[0][-2:] == ["aa bbbb cccc dd eeee fff", "wonderful."]


SHORT = doc(f"<p>{L1} {L2} {L3} ab.</p>", "")


def test_a_last_line_of_fewer_than_five_letters_is_bound_to_the_word_before() -> None:
    assert texts(render(SHORT))[0][-1] == "ab."
    assert kinds(SHORT) == ["short"]
    document, settled = settle(SHORT, render)
    assert settled.fixes == (Fix("bind", 0),) and not settled.remaining
    assert texts(document)[0][-2:] == ["mmmm nnnn oooo pppp qqqq", f"rrrr{NBSP}ab."]


LADDER = doc(
    f"<p>aaaa bbbb cccc dddd eeee ab{S}cdefgh bbbb cccc dddd ij{S}klmnop "
    f"bbbb cccc dddd qr{S}stuvwx ends here</p>",
    "",
)


def test_three_hyphenated_lines_in_a_row_are_a_ladder_and_one_is_unhyphenated() -> None:
    (found,) = audit_document(render(LADDER))
    # ragged lines do not gape: the first line of the run is as good as any
    assert (found.kind, found.text, found.arg) == ("ladder", "ab‐ / ij‐ / qr‐", "abcdefgh")
    document, settled = settle(LADDER, render)
    assert settled.fixes == (Fix("keep", 0, "abcdefgh"),) and not settled.remaining
    assert [line.endswith("‐") for line in texts(document)[0]] == [False, True, True, False]
    assert texts(document)[0][:2] == ["aaaa bbbb cccc dddd eeee", "abcdefgh bbbb cccc dddd ij‐"]


LOW = doc(f"<p>{L1}</p><h2>The heading</h2><p>{FILL} {L1}</p>", "")


def test_a_heading_low_on_a_page_starts_the_next_one() -> None:
    assert texts(render(LOW))[0][1:3] == ["The heading", L1]
    assert kinds(LOW) == ["heading-low"]
    document, settled = settle(LOW, render)
    assert settled.fixes == (Fix("push", 1),) and not settled.remaining
    assert texts(document)[0] == [L1] and texts(document)[1] == ["The heading", L1, L2, L3]


def test_a_heading_whose_section_ends_on_its_page_or_a_cover_is_no_defect() -> None:
    assert kinds(doc(f"<p>{L1} {L2}</p><h2>The heading</h2><p>short</p><h2>Next</h2>")) == []
    cover = doc(f'<section class="cover"><p>{L1}</p><h2>Heading</h2><p>{FILL}</p></section>')
    assert texts(render(cover))[0][1] == "Heading" and "heading-low" not in kinds(cover)
    # the colophon (a page of another name) after the last section does not continue it
    colophon = f'<p>{L1} {L2}</p><h2>Heading</h2><p>short</p><p class="cover">{L1}</p>'
    assert kinds(doc(colophon)) == []
    assert kinds(doc(colophon.replace(' class="cover"', ""))) == ["heading-low"]


ORPHAN = doc(f"<p>{L1} {L2} {L3}</p><p>{L1} {L2} {L3}</p>")
WIDOW = doc(f"<p>{L1} {L2}</p><p>{L1} {L2} {L3}</p>")


@pytest.mark.parametrize(("html", "kind", "page"), [(ORPHAN, "orphan", 1), (WIDOW, "widow", 2)])
def test_widows_and_orphans_are_found_and_left_for_a_person(
    html: str, kind: str, page: int
) -> None:
    assert [(f.kind, f.page, f.block) for f in audit_document(render(html))] == [(kind, page, 1)]
    _, settled = settle(html, render)
    assert settled.fixes == () and settled.renders == 1
    assert [f.kind for f in settled.remaining] == [kind]
    # the pamphlet's CSS (orphans: 2; widows: 2) moves the lines instead
    assert kinds(html.replace("orphans: 1; widows: 1", "")) == []


OPENING = doc("<p>aaaa bbbb cccc dddd eeee ff —inciso— gggg hhhh</p>", "")
CLOSING = doc("<p>aaaa bbbb cccc —iii jjjj xxxx— and more</p>", "")


@pytest.mark.parametrize(
    ("html", "before", "after"),
    [
        (
            OPENING,
            ["aaaa bbbb cccc dddd eeee ff —", "inciso— gggg hhhh"],
            ["aaaa bbbb cccc dddd eeee ff", "—\u2060inciso\u2060— gggg hhhh"],
        ),
        (
            CLOSING,
            ["aaaa bbbb cccc —iii jjjj xxxx", "— and more"],
            ["aaaa bbbb cccc —\u2060iii jjjj", "xxxx\u2060— and more"],
        ),
    ],
)
def test_a_raya_on_the_wrong_side_of_a_line_break_is_joined_to_its_word(
    html: str, before: list[str], after: list[str]
) -> None:
    assert texts(render(html))[0] == before
    assert kinds(html) == ["raya"]
    document, settled = settle(html, render)
    assert settled.fixes == (Fix("raya", 0),) and not settled.remaining
    assert texts(document)[0] == after


def test_raya_roles_follow_the_spaces_and_alternate_between_letters() -> None:
    assert raya_roles("dijo —sin pensar— que sí") == ["open", "close"]
    assert raya_roles("y contra su sistema—.") == ["close"]
    assert raya_roles("elitenkuna—oligarcakuna, hacendados—astawan") == ["open", "close"]
    assert raya_roles("a — b") == ["dash"]


LONE = doc("<h1>aaaa bbbb cccc dddd eeee ffff gggg</h1><p>the end of it.</p>", "")


def test_a_heading_ending_in_one_word_gets_its_last_two_words_bound() -> None:
    assert texts(render(LONE))[0][:2] == [L1, "gggg"]
    assert kinds(LONE) == ["lone-word"]
    document, settled = settle(LONE, render)
    assert settled.fixes == (Fix("bind-heading", 0),) and not settled.remaining
    assert texts(document)[0][:2] == ["aaaa bbbb cccc dddd eeee", f"ffff{NBSP}gggg"]


def test_a_heading_of_one_line_or_one_word_is_left_alone() -> None:
    assert kinds(doc("<h1>Word</h1><h1>Two words</h1>")) == []


def test_the_passes_are_bounded() -> None:
    calls: list[str] = []

    def counting(html: str) -> Any:
        calls.append(html)
        return render(html)

    _, settled = settle(PAGE_TURN, counting, passes=0)
    assert len(calls) == 1 and settled.renders == 1 and settled.fixes == ()
    assert [f.kind for f in settled.remaining] == ["page-turn", "widow"]
    assert MAX_PASSES == 3


def test_cached_fixes_are_applied_before_the_first_render() -> None:
    _, cold = settle(PAGE_TURN, render)
    _, warm = settle(PAGE_TURN, render, cold.fixes, passes=0)
    assert warm.renders == 1 and warm.fixes == cold.fixes
    assert [f.kind for f in warm.remaining] == [f.kind for f in cold.remaining]


# --------------------------------------------------------------------------- the edits


def test_edits_touch_the_numbered_block_only_and_keep_entities() -> None:
    html = f"<p>one t{S}wo</p><p>Tom &amp; t{S}wo <em>three</em> four</p>"
    blocks = Blocks(html)
    assert keep_word(blocks, 1, "two") and bind_end(blocks, 1)
    # "three" and "four" sit in two text parts: bound, but no span can wrap them both
    assert blocks.html() == (
        f"<p>one t{S}wo</p><p>Tom &amp; "
        f'<span style="hyphens: manual">two</span> <em>three</em>{NBSP}four</p>'
    )
    assert not bind_end(Blocks("<p>alone</p>"), 0) and not keep_word(blocks, 0, "none")


def test_rayas_are_joined_on_their_words_side_and_push_adds_a_page_break() -> None:
    blocks = Blocks("<h2>T</h2><p>dijo —sin pensar— que</p>")
    assert join_rayas(blocks, 1) and style(blocks, 0, "break-before: page")
    assert blocks.html() == (
        '<h2 style="break-before: page">T</h2><p>dijo —\u2060sin pensar\u2060— que</p>'
    )
    assert apply_fixes("<p>x</p>", ()) == "<p>x</p>"


FIT = doc("<h1>aaaa bbbbbbbbbbbbbbbb cccccccccccccc</h1><p>the end of it.</p>", "")


def test_a_title_whose_last_two_words_are_too_wide_to_bind_shrinks_to_fit() -> None:
    (found,) = audit_document(render(FIT))
    # 31 monospaced characters (0.602 em of 13.33 px each: 249 px) must fit the 240 px
    # column: 240/249 of 13.33 px, less 3 % to be sure, is 12.47 px
    assert (found.kind, found.text, found.arg) == ("lone-word", "cccccccccccccc", "12.47")
    document, settled = settle(FIT, render)
    assert settled.fixes == (Fix("bind-heading", 0), Fix("shrink", 0, "12.47"))
    assert not settled.remaining and settled.renders == 2
    title = [line for line in read_pages(document)[0].lines if line.heading]
    assert [line.text for line in title] == ["aaaa", f"bbbbbbbbbbbbbbbb{NBSP}cccccccccccccc"]
    assert all(line.width <= line.room for line in title)


def test_text_wider_than_its_column_is_an_overflow_and_a_heading_shrinks_no_further() -> None:
    word = "x" * 34
    (found,) = audit_document(render(doc(f"<p>{word}</p>")))
    assert (found.kind, found.arg) == ("overflow", "-")  # running text: reported, not fixed
    _, settled = settle(doc(f"<p>{word}</p>"), render)
    assert settled.fixes == () and [f.kind for f in settled.remaining] == ["overflow"]
    # binding these two words would take a title below three quarters of its size
    far = doc(f"<h1>aaaa {'b' * 20} {'c' * 20}</h1>")
    assert [(f.kind, f.arg) for f in audit_document(render(far))] == [("lone-word", "-")]
    assert settle(far, render)[1].fixes == ()


JUSTIFIED = "text-align: justify; orphans: 1; widows: 1"
GAPE = doc(
    f"<p>{L1} aaaa bbbb cccc dddd ab{S}cdefghijklmnopqrstu vwxyz and the rest</p>", JUSTIFIED
)


def test_a_gaping_justified_line_is_found_and_a_fix_never_makes_one() -> None:
    lines = read_pages(render(GAPE))[0].lines
    assert lines[1].text == "aaaa bbbb cccc dddd ab‐" and lines[1].stretch > lines[0].stretch
    assert [(f.kind, f.text) for f in audit_document(render(GAPE))] == [
        ("loose", "aaaa bbbb cccc dddd ab‐")
    ]
    # a word kept whole that empties the line above is withdrawn: the paragraph's
    # word spaces widen instead, a step at a time
    loose = Finding("loose", 1, 0, "aaaa bbbb", "word")
    assert fixes_for([loose], (Fix("keep", 0, "word"), Fix("raya", 0))) == (
        Fix("raya", 0),
        Fix("space", 0, "0.05"),
    )
    assert fixes_for([loose], (Fix("keep", 0, "word"), Fix("space", 0, "0.05"))) == (
        Fix("space", 0, "0.10"),
    )
    # wider spaces that made a line gape are taken back a step, and never tried again
    gaping = Finding("loose", 1, 0, "aaaa bbbb", "")
    back = fixes_for([gaping], (Fix("space", 0, "0.10"),))
    assert back == (Fix("space", 0, "0.05"), Fix("space-cap", 0, "0.10"))
    tail = Finding("tail", 1, 0, "ab‐ / cd.", "")
    assert fixes_for([tail], back) == back
    assert apply_fixes("<p>a b</p>", back) == '<p style="word-spacing: 0.05em">a b</p>'


def test_a_page_turn_whose_word_kept_whole_would_gape_spaces_the_paragraph_out() -> None:
    long = f"aaaaaaaaaa bbbbbbbbbb cc{S}dd{S}ee{S}ffgghhii and then some more words"
    html = doc(f"<p>{L1} {L1} {L1} {long}</p>", JUSTIFIED)
    assert texts(render(html))[0][-1] == "aaaaaaaaaa bbbbbbbbbb ccddee‐"
    (found,) = audit_document(render(html))
    assert (found.kind, found.arg) == ("page-turn", "")  # one gap left: keeping would gape
    assert fixes_for([found]) == (Fix("space", 0, "0.05"),)
    styled = apply_fixes(html, fixes_for([found]))
    assert '<p style="word-spacing: 0.05em">' in styled
