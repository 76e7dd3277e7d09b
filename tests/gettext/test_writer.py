"""The PO writer against GNU msgcat itself: the same bytes, line breaks included.

The oracle is real ``msgcat`` (gettext 0.21 with libunistring 1.0): write a
catalogue with pliego, let msgcat rewrite it, and the bytes must not move.
Text is generated where line-breaking rules disagree: punctuation after a
space, quotes, dashes, URLs, e-mail addresses, ``\\n``, tabs, escapes,
accents, combining marks, CJK wide characters, emoji, and characters
libunistring treats as mandatory breaks.
"""

from __future__ import annotations

import ctypes.util
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pliego.gettext import linebreak
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.linebreak import LinebreakUnavailable, split_lines, width_linebreaks
from pliego.gettext.po import WIDTH, read_po, write_po
from tests.conftest import PO_HEADER

HEADER = PO_HEADER

# Tokens on which simple rules and UAX #14 (and libunistring's tailoring of it) part ways,
# space-separated.
_SPACED = """
    abcdefghij ñáéíóúü ¿? ¡! . , ; : ... … ) ( ] [ / % $ # @ & * + = < > | ~ ^ _ `
    — – - -- --- ———— 1–2 x—y foo-bar -x x- 1,000 3.14 50% $20 #tag @user a/b
    « » “ ” ‘ ’ ' " \\ \\n \\\\ "quoted" 'single' «latinas» “curly”
    http://example.org/a/b?c=d&e=f https://pliego.example/es/folleto-largo.pdf
    ana.perez@example.com <mailto:ana@example.org>
    año niño café canción PERÚ e\u0301 n\u0303 a\u0300
    中文字符 日本語のテキスト、句読点。 한국어 ｆｕｌｌ 「括弧」
    😀 👍🏽 🇵🇪 👩\u200d👩\u200d👧 ✊
    xxxxxxxx siguieron Arequipa,
"""
PIECES = [
    *_SPACED.split(),
    "\n",
    "\t",
    "\r",
    "\u00a0",  # no-break space
    "\u00ad",  # soft hyphen
    "\u200b",  # zero-width space
    "\u2028",  # line separator: a mandatory break for libunistring
    "\x85",  # next line: the same
    "\u3000",  # ideographic space
]
SEPARATORS = [" ", " ", " ", " ", "", "  ", "\n", "\t", " \n"]
# One draw per token keeps generation (not msgcat) from dominating the test's time.
TOKENS = [piece + separator for piece in PIECES for separator in SEPARATORS]
texts = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map("".join) | st.text(
    st.sampled_from(list("abcxyzñé—-.,;:!?()/'\"\\ \n\t中😀")), min_size=1, max_size=200
)


@st.composite
def messages(draw: st.DrawFn, obsolete: bool) -> Message:
    fuzzy = draw(st.booleans())
    no_wrap = draw(st.integers(0, 9)) == 0
    plural = draw(st.integers(0, 4)) == 0
    # msgcat drops an empty translation's fuzzy flag and an untranslated obsolete entry.
    msgstrs = texts if fuzzy or obsolete else st.just("") | texts
    # A previous msgctxt or msgid_plural only comes with a previous msgid (or it is a syntax error).
    previous = draw(texts) if fuzzy and draw(st.booleans()) else None
    return Message(
        msgid=draw(texts),
        msgctxt=draw(st.none() | texts),
        msgid_plural=draw(texts) if plural else None,
        msgstr="" if plural else draw(msgstrs),
        msgstr_plural=(draw(msgstrs), draw(texts)) if plural else (),
        flags=(("fuzzy",) if fuzzy else ()) + (("no-wrap",) if no_wrap else ()),
        previous_msgid=previous,
        previous_msgctxt=draw(st.none() | texts) if previous else None,
        previous_msgid_plural=draw(st.none() | texts) if previous and plural else None,
        obsolete=obsolete,
        locations=(("source/an-article-with-a-long-name.md", draw(st.integers(1, 9999))),),
    )


def _unique(found: list[Message]) -> list[Message]:
    seen: dict[tuple[str | None, str], Message] = {}
    for m in found:
        seen.setdefault((m.msgctxt, m.msgid), m)
    return list(seen.values())


# Obsolete entries last, as msgcat sorts them; keys unique, or msgcat would merge them.
catalogues = st.builds(
    lambda active, gone: Catalog(header=HEADER, messages=tuple(_unique(active + gone))),
    st.lists(messages(obsolete=False), min_size=1, max_size=8),
    st.lists(messages(obsolete=True), max_size=3),
)

THE_ISSUE = (
    "Llegaron a Lima desde Puno, Cusco y Arequipa, gritaron su consigna: "
    "xxxxxxxx ... y siguieron hacia la plaza San Martín."
)


def _msgcat(text: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.po", Path(tmp) / "out.po"
        src.write_bytes(text.encode("utf-8"))
        done = subprocess.run(["msgcat", str(src), "-o", str(out)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return out.read_bytes()


@settings(max_examples=300, deadline=None)
@given(catalogues)
@example(Catalog(header=HEADER, messages=(Message(msgid=THE_ISSUE, msgstr=THE_ISSUE),)))
@example(
    Catalog(
        header=HEADER,
        messages=(
            Message(msgid="https://pliego.example/" + "a-very-long-path/" * 6 + "end.pdf"),
            Message(msgid='"' * 50 + "\\" * 30, msgstr="\t" * 40 + "\n"),
            Message(msgid="中文" * 40, msgstr="x" * 71 + "\n" + "y" * 80),
            Message(msgid="no-wrap " * 20, flags=("no-wrap",)),
        ),
    )
)
def test_msgcat_leaves_every_byte_alone(catalog: Catalog) -> None:
    text = write_po(catalog)
    assert _msgcat(text) == text.encode("utf-8")
    assert read_po(text.encode("utf-8")) == catalog


def _around_the_margin(length: int) -> list[str]:
    return [
        ("palabra " * 20)[:length],
        "x" * length + " \n",
        ("palabra " * 20)[:length] + " \n",
        "siguieron" * 10 + "\n" + ("palabra " * 20)[:length],
        ("中文 " * 30)[: length // 2],
        ("中文" * 30)[: length // 2] + " a",
        ('"a" ' * 30)[:length],
        ("\\ " * 30)[:length],
        ("a\tb " * 20)[:length],
        ("e\u0301" * 80)[: 2 * length],
    ]


def test_every_length_around_the_margin() -> None:
    """Off-by-one columns show only at the margin: try each length there, in every prefix."""
    found = [
        Message(
            msgid=f"{length}.{variant}.{obsolete}: {text}",
            msgstr=text,
            flags=("fuzzy",),
            previous_msgid=text,
            obsolete=obsolete,
        )
        for length in range(60, 86)
        for variant, text in enumerate(_around_the_margin(length))
        for obsolete in (False, True)
    ]
    text = write_po(Catalog(header=HEADER, messages=tuple(sorted(found, key=lambda m: m.obsolete))))
    assert _msgcat(text) == text.encode("utf-8")


def test_never_breaks_before_punctuation_after_a_space() -> None:
    text = write_po(Catalog(header=HEADER, messages=(Message(msgid=THE_ISSUE),)))
    assert '\n"... y siguieron' not in text
    assert 'consigna: "\n' in text
    assert _msgcat(text) == text.encode("utf-8")


def test_an_unbreakable_string_overflows_on_the_keyword_line() -> None:
    word = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
    text = write_po(Catalog(header=HEADER, messages=(Message(msgid=word),)))
    assert f'msgid "{word}"\n' in text
    assert _msgcat(text) == text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(10, 2 * WIDTH), st.integers(0, 20))
def test_libunistring_cuts_without_losing_a_byte(text: str, width: int, start: int) -> None:
    """The fast path is safe: a string that fits in bytes gets no break."""
    data = text.replace("\n", " ").encode("utf-8")
    lines = split_lines(data, width_linebreaks(data, width, start, bytes(len(data))))
    assert "".join(lines).encode("utf-8") == data
    if start + len(data) <= width:
        assert lines == [data.decode("utf-8")]


def test_overrides_must_cover_the_text() -> None:
    with pytest.raises(ValueError, match="3 overrides for 4 bytes"):
        width_linebreaks(b"abcd", 2, 0, bytes(3))


def test_without_libunistring_the_error_names_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(linebreak, "_CANDIDATES", ("libunistring-missing.so.0",))
    linebreak._library_function.cache_clear()
    try:
        short = Catalog(header=HEADER, messages=(Message(msgid="fits on one line"),))
        assert 'msgid "fits on one line"' in write_po(short)  # no break needed, no library
        long = Catalog(header=HEADER, messages=(Message(msgid=THE_ISSUE),))
        with pytest.raises(LinebreakUnavailable) as info:
            write_po(long)
        assert "libunistring2" in str(info.value)
        assert "libunistring-missing.so.0" in str(info.value)
    finally:
        linebreak._library_function.cache_clear()
