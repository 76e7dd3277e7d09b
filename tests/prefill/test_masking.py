"""Markup and protected terms survive machine translation (masking round trips)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.prefill.apertium import ApertiumEngine, keep_case, split_batch
from pliego.prefill.masking import MarkupLost, mask, unmask

SAMPLES = [
    "The *first* paragraph, with **strong** words and a [link to *the* site]"
    '(https://example.org/a_(b) "title") and `code`[^1].',
    "Workers of the CGTP struck on 4 February\\\nand marched ![a photo](img/x.png).",
    "Text with {0} braces, <b>html</b>, an escaped \\* star, 5 * 3 and snake_case words.",
    "See <https://example.org/> or write to <ana@example.org>; %(count)s items.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_mask_round_trip(text: str) -> None:
    m = mask(text, ["CGTP"])
    assert unmask(m, m.text) == text
    for original, _ in m.tokens:
        assert original not in m.text or original.startswith("{") or original in "*_"


def test_what_is_masked() -> None:
    m = mask(SAMPLES[0])
    assert m.text == (
        "The {0}first{1} paragraph, with {2}strong{3} words and a "
        "{4}link to {5}the{6} site{7} and {8}{9}."
    )
    assert m.tokens[7] == ('](https://example.org/a_(b) "title")', "close")
    g = mask("The CGTP and CGTPX unions.", ["CGTP"])
    assert g.text == "The {0} and CGTPX unions."


def test_engine_spaces_inside_emphasis_and_links_are_removed() -> None:
    m = mask("A *big* [house](https://x.org/).")
    assert unmask(m, "Una {0} gran {1} {2} casa {3}.") == "Una *gran* [casa](https://x.org/)."


def test_lost_or_repeated_placeholders_are_refused() -> None:
    m = mask("A *big* house.")
    with pytest.raises(MarkupLost, match="lost '\\*'"):
        unmask(m, "Una {0}gran casa.")
    with pytest.raises(MarkupLost, match="repeated"):
        unmask(m, "Una {0}gran{1} {1} casa.")
    with pytest.raises(MarkupLost):
        unmask(m, "Una {0}gran{1} casa {7}.")


_words = st.text(alphabet="abcdefgh XYZ,.", min_size=1, max_size=12)
_pieces = st.one_of(
    _words,
    _words.map(lambda w: f"*{w.strip() or 'x'}*"),
    _words.map(lambda w: f"[{w.strip() or 'x'}](https://example.org/{len(w)})"),
    st.sampled_from(["`code`", "[^1]", "{3}", "<br/>", "\\_", "CGTP"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, min_size=1, max_size=8))
def test_mask_then_unmask_is_identity(parts: list[str]) -> None:
    text = " ".join(parts)
    m = mask(text, ["CGTP"])
    assert unmask(m, m.text) == text
    # an engine reordering the words: every piece of markup still comes back once
    reordered = " ".join(reversed(m.text.split(" ")))
    assert sorted(unmask(m, reordered).replace(" ", "")) == sorted(text.replace(" ", ""))


def test_apertium_keeps_placeholders_in_one_process() -> None:
    texts = [
        "The {0}first{1} paragraph has a {2}link to the site{3} and {4}.",
        "workers of the {0} went on strike & said 5 < 6.",
        "Impasse",
        "the red",
    ]
    engine = ApertiumEngine()
    out = dict(engine.translate_many(texts))
    assert engine.processes == 2  # the pair check, then one process for the batch
    results = [out[i].text for i in range(len(texts))]  # type: ignore[union-attr]
    for src, dst in zip(texts, results, strict=True):
        assert sorted(src.count(f"{{{k}}}") for k in range(5)) == sorted(
            dst.count(f"{{{k}}}") for k in range(5)
        ), (src, dst)
    assert results[0].startswith("El {0}primer{1} párrafo")
    assert "& dijo 5 < 6" in results[1]  # HTML mode: escaped and unescaped again
    assert results[1].startswith("los trabajadores")  # lower-case start kept
    assert results[2] == "Impasse"


def test_apertium_batch_split_detects_lost_separators() -> None:
    good = 'uno<hr id="pliego-0"/>\n dos<hr id="pliego-1"/>\n'
    assert split_batch(good, 2) == ["uno", "dos"]
    assert split_batch('uno dos<hr id="pliego-1"/>', 2) is None
    assert keep_case("the red", "El rojo") == "el rojo"
    assert keep_case("The red", "El rojo") == "El rojo"
    assert keep_case("{0}the{1}", "{0}El{1}") == "{0}el{1}"


def test_placeholder_styles_through_apertium() -> None:
    """Why {N}: digit tokens stay with their word; letters get translated; tags stay put."""
    import subprocess

    def raw(text: str) -> str:
        return subprocess.run(
            ["apertium", "-u", "-f", "html", "eng-spa"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert "{0}rojo{1}" in raw("I saw the {0}red{1} car.")
    assert "<x0/>coche<x1/> rojo" in raw("I saw the <x0/>red<x1/> car."), (
        "a tag stays put while the words move"
    )
    assert "{un}" in raw("A {a} token."), "a token with letters is translated"


def test_edges_restored_and_markup_checked_by_the_masking_layer() -> None:
    from collections.abc import Iterator, Sequence

    from pliego.prefill.engine import Failure, Outcome, Translation
    from pliego.prefill.masking import MaskedEngine

    class Shouting:
        name, masks = "shout", True

        def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
            for i, t in enumerate(texts):
                yield i, Translation(t.upper().strip().replace("{1}", ""), self.name)

    out = dict(
        MaskedEngine(Shouting(), ["CGTP"]).translate_many(
            ["  the cgtp strike\n", "a *b* c", "`only code`"]
        )
    )
    assert out[0] == Translation("  THE CGTP STRIKE\n", "shout")
    assert isinstance(out[1], Failure) and out[1].reason == "markup not kept (lost '*')"
    assert out[2] == Failure("nothing to translate", "shout")
