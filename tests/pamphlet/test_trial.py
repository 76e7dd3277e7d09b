"""The compositor's other remedies (rules 9-11 of pliego.pamphlet.fixes) and the trial
documents they are chosen in, on small synthetic documents.

As in test_audit.py the text is set in a monospaced font (6 pt a character) so every
break is known in advance: here a column of exactly 60 characters, justified, in a
``<main>`` as the pamphlet's is.
"""

from __future__ import annotations

from typing import Any

from weasyprint import HTML  # type: ignore[import-untyped]

from pliego.pamphlet.edits import Blocks, divide_word
from pliego.pamphlet.fixes import (
    Fix,
    apply_fixes,
    audit_document,
    follow,
    settle,
    signature,
)
from pliego.pamphlet.hyphenate import SOFT_HYPHEN, hyphenate_text, suffix_offsets
from pliego.pamphlet.pages import read_pages
from pliego.pamphlet.trial import run_trial, trial_html

S = SOFT_HYPHEN
STYLE = """
@page { size: 380pt 400pt; margin: 10pt }
body { margin: 0; font: 10pt/20pt "DejaVu Sans Mono"; hyphens: manual }
main { text-align: justify }
p { margin: 0; text-indent: 3em }
h2 { font-size: 10pt; margin: 0 }
h2 + p { text-indent: 0 }
"""


def doc(body: str) -> str:
    head = f'<html lang="qu"><head><style>{STYLE}</style></head>'
    return f"{head}<body><main>{body}</main></body></html>"


def render(html: str) -> Any:
    return HTML(string=html).render()


def lines(document: Any) -> list[str]:
    return [line.text for page in read_pages(document) for line in page.lines]


def found(html: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in audit_document(render(html))]


# --------------------------------------------------------------------------- rule 13


def test_a_name_divides_only_where_its_quechua_suffixes_begin() -> None:
    """The article's names and capitalised loans with suffixes (the three that left
    gaping lines), and names that must stay whole: no suffix, a suffix of two
    letters (rule 8's minimum after a hyphen), a stem shorter than four letters,
    an acronym."""
    cut = {w: [w[:o] for o in suffix_offsets(w)] for w in (
        "Congresopaqpas", "Estadomanta", "Huñunakuytapas", "Kamachinamanta",
        "Valenzuelatapas", "Fujimorikunapas",
    )}  # fmt: skip
    assert cut == {
        "Congresopaqpas": ["Congreso", "Congresopaq"],
        "Estadomanta": ["Estado"],
        "Huñunakuytapas": ["Huñunakuy", "Huñunakuyta"],  # not Huñunaku-ytapas: a syllable
        "Kamachinamanta": ["Kamachina"],
        "Valenzuelatapas": ["Valenzuela", "Valenzuelata"],
        "Fujimorikunapas": ["Fujimori", "Fujimorikuna"],
    }
    whole = ("Hitlerpa", "Castillota", "Boluartepa", "Fujimorita", "Huaman", "CGTPpa", "Castillo")
    assert {w: suffix_offsets(w) for w in whole} == {w: [] for w in whole}
    # the hyphenation itself still leaves names whole (rule 10): dividing is a remedy
    assert "Congresopaqpas" in hyphenate_text("Kunanqa Congresopaqpas rimanku.")


def test_divide_word_puts_soft_hyphens_at_the_suffixes_of_one_blocks_word() -> None:
    blocks = Blocks("<p>Congresopaqpas, Congresopaqpas!</p><p>Congresopaqpas</p>")
    assert divide_word(blocks, 0, "Congresopaqpas")
    assert blocks.html() == (
        f"<p>Congreso{S}paq{S}pas, Congreso{S}paq{S}pas!</p><p>Congresopaqpas</p>"
    )
    assert not divide_word(Blocks("<p>Hitlerpa</p>"), 0, "Hitlerpa")


# --------------------------------------------------------------------------- rule 9

#: 8 words of 5 letters (47 characters) and a name of 14 that does not fit the 13 left:
#: the first line gapes (13 characters over 7 spaces); "Congreso‐" (9) would fit.
GAPE = doc(
    "<h2>x</h2><p>"
    + " ".join(["aaaaa"] * 8)
    + " Congresopaqpas "
    + " ".join(["bbbbb"] * 20)
    + "</p>"
)


def test_a_gaping_line_before_a_name_with_suffixes_lets_the_name_divide() -> None:
    assert found(GAPE) == [("loose", " ".join(["aaaaa"] * 8))]
    document, settled = settle(GAPE, render, trial=render)
    assert Fix("divide", 2, "Congresopaqpas") in settled.fixes
    assert not settled.remaining and settled.renders == 2 and settled.trial_lines > 0
    assert lines(document)[1] == " ".join(["aaaaa"] * 8) + " Congreso‐"


# --------------------------------------------------------------------------- rule 10

#: A line of 27 + 27 letters and a word "ccc." one character too long for it: its
#: last letter falls to a line of its own ("c." a tail and a short line), and keeping
#: the word whole leaves a single word space to stretch over 4 characters.
TAIL = doc(f"<h2>x</h2><p>{'a' * 27} {'b' * 27} cc{S}c.</p>")


def test_a_tail_that_keeping_would_gape_is_pulled_up_by_tightening() -> None:
    before = lines(render(TAIL))
    assert before[1:] == [f"{'a' * 27} {'b' * 27} cc‐", "c."]
    assert [k for k, _ in found(TAIL)] == ["tail"]
    # without a trial the rules keep the word whole, which gapes, and widen after
    _, blind = settle(TAIL, render)
    assert blind.remaining and blind.renders > 2
    document, settled = settle(TAIL, render, trial=render)
    assert not settled.remaining and settled.renders == 2
    assert Fix("tight", 2, "2") in settled.fixes  # -0.05 em a space, -0.01 em a letter
    assert lines(document)[1:] == [f"{'a' * 27} {'b' * 27} ccc."]
    assert 'style="word-spacing: -0.05em; letter-spacing: -0.01em"' in apply_fixes(
        TAIL, settled.fixes
    )


# --------------------------------------------------------------------------- the trial


def test_a_trial_sets_each_paragraph_as_the_pamphlet_does() -> None:
    """The premise of the trials: a paragraph's lines in the trial document are its
    lines in the pamphlet (its indent repeated), wherever the page breaks fall."""
    words = [f"w{i:02d}{S}xyz" for i in range(60)]
    paragraphs = [" ".join(words[i : i + 25]) for i in (0, 20, 35)]
    html = doc("<h2>x</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs * 4))
    document = render(html)
    pages = read_pages(document)
    assert len(pages) > 1
    by_block: dict[int, list[str]] = {}
    indent: dict[int, float] = {}
    for page in pages:
        for line in page.lines:
            by_block.setdefault(line.block, []).append(line.text)
            indent.setdefault(line.block, line.indent)
    blocks = Blocks(html)
    chosen = [2, 3, 9, 13]  # after the heading (no indent), indented, split by a page
    assert indent[2] == 0 and indent[3] > 0
    text, numbers = trial_html(html, [(blocks.fragment(b), indent[b]) for b in chosen])
    trial = render(text)
    set_alone = {
        n: [ln.text for pg in read_pages(trial) for ln in pg.lines if ln.block == n]
        for n in numbers
    }
    assert [set_alone[n] for n in numbers] == [by_block[b] for b in chosen]
    outcomes, pages_set = run_trial(html, [(blocks.fragment(b), indent[b]) for b in chosen], render)
    assert [o.lines for o in outcomes] == [len(by_block[b]) for b in chosen]
    assert pages_set >= 1


def read_signature(html: str) -> str:
    return signature(read_pages(render(html)))


def test_an_edition_whose_layout_is_the_other_editions_makes_no_pass() -> None:
    """The print edition starts from the reading edition's fixes (:func:`follow`): if
    its first layout is the reading edition's, line for line, its passes could only
    repeat the reading edition's, so none is made; another layout gets its passes."""
    _, reading = settle(TAIL, render)  # no trial: the blind rules leave the tail
    assert reading.remaining
    fixes, layout = follow(reading)
    assert fixes == reading.fixes and layout == reading.signature
    _, same = settle(TAIL, render, fixes, reference=layout)
    assert same.renders == 1 and same.remaining == reading.remaining
    # from no fixes: the layout it starts with is the reference, or it is not
    _, alike = settle(TAIL, render, reference=read_signature(TAIL))
    assert alike.renders == 1 and [f.kind for f in alike.remaining] == ["tail"]
    _, unlike = settle(TAIL, render, reference=read_signature(GAPE))
    assert unlike.renders > 1
    assert follow(None) == ((), "")
