"""Property tests of the .po reading path: whatever bytes a translator's tool
(or a crash, or a bad merge) leaves behind, reading gives a catalogue or a
:class:`CatalogError` with a line, never any other exception."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pliego.errors import CatalogError
from pliego.gettext.po import read_po, write_po
from tests.conftest import REPO

#: PLIEGO_FUZZ_EXAMPLES=10000 for a long run (10,000 examples each passed in 30 s).
EXAMPLES = int(os.environ.get("PLIEGO_FUZZ_EXAMPLES", "400"))
VALID = (REPO / "tests" / "checks" / "data" / "seeded.es.po").read_bytes()
FRAGMENTS = [
    b'msgid "',
    b'msgstr "',
    b"msgstr[0] ",
    b"msgstr[7] ",
    b"msgid_plural ",
    b"msgctxt ",
    b'"',
    b"\\",
    b"\\x",
    b"\\777",
    b"\n",
    b"#~ ",
    b"#| ",
    b"#, fuzzy",
    b"#: a.md:1",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"charset=latin-1",
    b"charset=nonsense",
    b"charset=utf-16",
    b"Plural-Forms: nplurals=0; plural=0;\\n",
    b"Plural-Forms: nplurals=x;\\n",
    b"nplurals=99999999999999999999; plural=n;",
    b"msgstr[99999999999999999999] ",
]


def _read(data: bytes) -> None:
    try:
        catalog = read_po(data, "fuzz.po")
    except CatalogError as exc:
        assert exc.path == "fuzz.po"
        assert exc.line is None or exc.line >= 1
        return
    # Whatever reads must also write and read back to the same catalogue.
    assert read_po(write_po(catalog).encode("utf-8"), "again.po") == catalog


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
@example(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-16\\n"\n')
@example(b'msgid "a"\nmsgstr[99999999999999999999] "b"\n')
@example(b'msgid ""\nmsgstr "Plural-Forms: nplurals=99999999999999999999; plural=n;\\n"\n')
def test_arbitrary_bytes_give_a_catalogue_or_our_error(data: bytes) -> None:
    _read(data)


#: Edits of a valid catalogue: (position, bytes cut, bytes inserted), up to six.
EDITS = st.lists(
    st.tuples(
        st.integers(0, len(VALID)),
        st.integers(0, 40),
        st.sampled_from(FRAGMENTS) | st.binary(max_size=8),
    ),
    max_size=6,
)


def _mutated(edits: list[tuple[int, int, bytes]]) -> bytes:
    data = VALID
    for pos, cut, insert in edits:
        pos = min(pos, len(data))
        data = data[:pos] + insert + data[pos + cut :]
    return data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_mutated_valid_catalogues_give_a_catalogue_or_our_error(
    edits: list[tuple[int, int, bytes]],
) -> None:
    _read(_mutated(edits))


def _outcome(data: bytes) -> tuple[str, object]:
    try:
        return ("catalogue", read_po(data, "fuzz.po"))
    except CatalogError as exc:
        return ("error", (exc.line, exc.message))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_crlf_line_ends_change_nothing_in_a_mutated_catalogue(
    edits: list[tuple[int, int, bytes]],
) -> None:
    """A file in msgcat's layout is checked by one regular expression, any other
    line by line: with CRLF line ends every file takes the second way, and
    both ways must agree on the catalogue or on the error and its line."""
    data = _mutated(edits)
    assume(b"utf-16" not in data.lower())  # CR bytes would break UTF-16 itself
    assert _outcome(data.replace(b"\n", b"\r\n")) == _outcome(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_in_utf8(text: str) -> None:
    _read(text.encode("utf-8"))


def test_a_comment_mentioning_a_charset_does_not_decide_the_encoding() -> None:
    data = (
        '# Converted from charset=latin-1 long ago.\nmsgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "Pérez"\n'
    )
    (msg,) = read_po(data.encode("utf-8")).messages
    assert msg.msgstr == "Pérez"


def test_a_latin1_catalogue_is_rewritten_as_utf8_with_a_utf8_header() -> None:
    """A Latin-1 file is legal gettext; once read, any rewrite is UTF-8 and must
    say so, or msgfmt and editors would read mojibake."""
    data = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        'msgid "a"\nmsgstr "Pérez"\n'
    ).encode("latin-1")
    catalog = read_po(data)
    assert catalog.messages[0].msgstr == "Pérez"
    assert catalog.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert read_po(write_po(catalog).encode("utf-8")) == catalog
