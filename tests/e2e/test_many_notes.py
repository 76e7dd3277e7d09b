"""Many notes in generated A5 documents: none lost, none moved off its reference's page.

WeasyPrint 70 alone moves and loses notes in documents like these (issue 12: 103
of 835 moved, 3 lost in twelve documents).  The documents are generated with a
fixed seed: paragraphs of a few sentences, about every other sentence calling a
note (labelled ``[^nK]`` or inline ``^[…]``) of one to six sentences, headings
between.  Each reference is the word ``CallKKK`` followed by the printed note
number, and each note starts with ``RefKKK``, so poppler's text of each page says
which note is called there, with which number, and which notes' text is there.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.buildkit import make_project, page_texts
from tests.conftest import run_invoke

# fmt: off
WORDS = (
    "the", "workers", "union", "strike", "wage", "hospital", "contract", "cleaner", "porter",
    "council", "rent", "meeting", "branch", "picket", "fund", "shift", "ward", "pay", "sick",
    "day", "town", "month", "year", "employer", "agreement", "vote", "ballot", "member",
    "leaflet", "support", "solidarity", "demand",
)
# fmt: on
#: Seeds whose documents WeasyPrint gets wrong on its own (checked below for the first).
SEEDS = (0, 2, 7)
NOTES_EACH = 70


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generated_article(seed: int, notes: int = NOTES_EACH) -> str:
    """A deterministic article calling ``notes`` notes (see the module docstring)."""
    rng = random.Random(seed)
    out = ["---", f'title: "Many notes {seed}"', 'date: "2024"', "---", ""]
    definitions: list[str] = []
    made = 0
    while made < notes:
        sentences = []
        for _ in range(rng.randint(2, 7)):
            sentence = _sentence(rng, rng.randint(6, 20))
            if made < notes and rng.random() < 0.55:
                made += 1
                sizes = rng.choice((1, 1, 1, 2, 3, 6))
                body = f"Ref{made:03d} " + " ".join(
                    _sentence(rng, rng.randint(4, 18)) for _ in range(sizes)
                )
                if rng.random() < 0.3:
                    sentence = sentence[:-1] + f" Call{made:03d}^[{body}]."
                else:
                    sentence = sentence[:-1] + f" Call{made:03d}[^n{made}]."
                    definitions.append(f"[^n{made}]: {body}")
            sentences.append(sentence)
        out += [" ".join(sentences), ""]
        if rng.random() < 0.15:
            out += [f"## {_sentence(rng, 4)[:-1]}", ""]
    return "\n".join(out + definitions) + "\n"


def _placement(pages: list[str]) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Per note (by its Ref/Call id): the page calling it, the number printed there,
    and the page its text is on (0-based pages)."""
    called: dict[int, int] = {}
    numbers: dict[int, int] = {}
    printed: dict[int, int] = {}
    for page, text in enumerate(pages):
        for ident, number in re.findall(r"Call(\d{3}) ?(\d+)", text):
            called.setdefault(int(ident), page)
            numbers.setdefault(int(ident), int(number))
        # (a word hyphenated across the page break ends the text just above: "sup60.")
        for number, ident in re.findall(r"(?<!\d)(\d+)\. ?Ref(\d{3}) ", text):
            printed.setdefault(int(ident), page)
            assert int(number) == int(ident), f"note Ref{ident} is numbered {number}"
    return called, numbers, printed


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("notes") / "proj", text="---\ntitle: x\n---\n")
    (root / "source" / "small.md").unlink()
    for seed in SEEDS:
        (root / "source" / f"notes-{seed}.md").write_text(generated_article(seed))
    done = run_invoke(root, "build", "--lang", "en", "--editions", "reading", timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.mark.parametrize("seed", SEEDS)
def test_no_note_is_lost_or_moved_in_the_final_pdf(many: Path, seed: int) -> None:
    pages = page_texts(many / "build" / "en" / f"notes-{seed}.pdf")
    called, numbers, printed = _placement(pages)
    assert sorted(called) == list(range(1, NOTES_EACH + 1))  # every reference printed
    assert numbers == {k: k for k in called}  # numbered in order, none skipped
    assert sorted(printed) == sorted(called)  # no note lost
    moved = {k: (called[k], printed[k]) for k in called if printed[k] != called[k]}
    assert not moved


def test_weasyprint_alone_misplaces_notes_in_these_documents(many: Path, tmp_path: Path) -> None:
    """The oracle above is not vacuous: one layout of the first document, as
    WeasyPrint makes it without pliego's check, has notes off their page in the PDF,
    and the check on the rendered Document names the same notes."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    from pliego.pamphlet.config import build_config
    from pliego.pamphlet.editions import prepare
    from pliego.pamphlet.placement import misplaced_notes
    from pliego.pamphlet.typeset import StylesFetcher
    from pliego.project import read_settings

    settings = read_settings(many)
    source = many / "source" / f"notes-{SEEDS[0]}.md"
    prep = prepare(settings, build_config(settings), "en", source, draft=False, epoch=0)
    fetcher = StylesFetcher(many / "styles")
    document = HTML(string=prep.html, base_url=f"{prep.templates}/", url_fetcher=fetcher).render()
    flagged = {int(m.note.removeprefix("note-")) for m in misplaced_notes(document.pages)}
    pdf = tmp_path / "plain.pdf"
    document.write_pdf(pdf)
    called, _numbers, printed = _placement(page_texts(pdf))
    off = {k for k in called if printed.get(k) != called[k]}
    assert off, "WeasyPrint placed every note: these documents no longer test anything"
    assert flagged == off
