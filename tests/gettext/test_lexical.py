"""The line check before polib: what polib alone misreads is an error with a line, or read as GNU
reads it."""

from __future__ import annotations

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.errors import CatalogError
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.lexical import _CANONICAL, check_lines
from pliego.gettext.po import read_po, write_po
from tests.conftest import REPO

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _error(text: str) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        read_po(text.encode("utf-8"), "bad.po")
    return info.value


@pytest.mark.parametrize(
    "text, line, words",
    [
        ('msgid "a"\nmsgstr "b\n', 2, "enclosed in double quotes"),
        ('msgid "a"\nmsgstr "a\\q"\n', 2, "unknown escape sequence \\q"),
        ('msgid "a"\n', 1, "a msgid but no msgstr"),
        (HEAD.replace("\n\n", '\n"Language: es\\n"\n"garbage\\n"\n'), 1, "broken header line"),
    ],
    ids=["unterminated", "escape", "no-msgstr", "glued-header-line"],
)
def test_what_polib_accepts_silently_is_an_error_with_its_line(
    text: str, line: int, words: str
) -> None:
    """The four kinds of damage the issue found polib reading without a word."""
    polib.pofile(text, encoding="utf-8")  # polib alone: no complaint
    err = _error(text)
    assert (err.line, err.path) == (line, "bad.po")
    assert words in str(err) and err.hint


@pytest.mark.parametrize(
    "text, line, words",
    [
        # polib keeps the second msgid and loses "a" without a word
        ('msgid "a"\n# note\nmsgid "b"\nmsgstr ""\n', 1, "a msgid but no msgstr"),
        ('msgid "a"\n# note\nmsgstr "b"\n', 1, "a msgid but no msgstr"),
        ('msgctxt "c"\n#. x\nmsgid "a"\nmsgstr ""\n', 1, "an entry has no msgid"),
        ('msgid "a"\nmsgstr "x\\\\"y"\n', 2, 'an unescaped " inside a string'),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[0] "y"\n',
            4,
            "msgstr[0] appears twice",
        ),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\nmsgstr[0] "y"\n', 1, "in order"),
        ('msgid "a"\nmsgstr "x"\nmsgstr[0] "y"\n', 1, "msgstr[N] but no msgid_plural"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[10] "y"\n', 4, "at most 10"),
        ('msgid "a"\n#| msgid "old"\nmsgstr ""\n', 2, "a previous field (#|) after"),
        ('msgid "a"\nmsgstr ""\nmsgid_plural "as"\n', 3, "msgid_plural must follow"),
        ('#~ msgid "gone"\n', 1, "a msgid but no msgstr"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "c"\n', 4, "only allowed as the header"),
        ("#: a.md:1\n", None, None),  # trailing references alone are fine, as in GNU
        ("# a lone note\n", 1, "an entry has no msgid"),
    ],
)
def test_broken_entries_name_their_line(text: str, line: int | None, words: str | None) -> None:
    if words is None:
        assert read_po(text.encode()).messages == ()
        return
    err = _error(text)
    assert err.line == line, str(err)
    assert words in str(err)
    assert str(err).startswith(f"bad.po:{line}: ")


def test_the_first_entry_has_its_real_line() -> None:
    """polib numbers the first entry 0; duplicates must still point at both lines."""
    text = '\n\n# note\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'
    err = _error(text)
    assert err.line == 7 and "first at line 3" in str(err)


ENTRY = '#. auto\n#: a.md:3 b.md\n#, fuzzy, no-wrap\n#| msgid "old"\nmsgid "a"\nmsgstr "b"\n'


@pytest.mark.parametrize(
    "odd",
    [
        ENTRY.replace("#, fuzzy", "#,fuzzy"),
        ENTRY.replace("#. auto", "#.auto").replace("#: a.md", "#:a.md"),
        ENTRY.replace("#, fuzzy, no-wrap", "#, fuzzy,, no-wrap,"),
        ENTRY.replace('msgid "a"', '  msgid   "a"  ').replace("#|", "#| "),
        ENTRY.replace("\n", "\r\n"),
        "\ufeff" + ENTRY.replace("\n", "\r\n"),
        ENTRY.rstrip("\n"),
        ENTRY.replace('msgstr "b"', 'msgstr ""\n\n"b"'),
        ENTRY.replace('msgid "a"', '#~| msgid "ignored"\nmsgid "a"').replace(
            '#| msgid "old"\n', ""
        ),
    ],
    ids=[
        *("flag-no-space", "comment-no-space", "empty-flags", "spaces", "crlf", "bom", "no-eol"),
        *("blank-inside", "obsolete-prev-mark"),
    ],
)
def test_lines_polib_misreads_read_as_gnu_reads_them(odd: str) -> None:
    expected = Message(
        msgid="a",
        msgstr="b",
        flags=("fuzzy", "no-wrap"),
        auto_comments=("auto",),
        locations=(("a.md", 3), ("b.md", None)),
        previous_msgid="ignored" if "ignored" in odd else "old",
    )
    (msg,) = read_po(odd.encode("utf-8"), "odd.po").messages
    assert msg == expected


def test_comments_keep_their_kind_and_marks() -> None:
    text = '##x\n# y\n#.  spaced  \nmsgid "a"\nmsgstr "b"\n'
    (msg,) = read_po(text.encode()).messages
    assert msg.translator_comments == ("#x", "y")
    assert msg.auto_comments == ("spaced",)


def test_obsolete_previous_fields_survive_both_paths() -> None:
    """polib skips #~| lines; they carry what an obsolete fuzzy entry was."""
    text = HEAD + '#, fuzzy\n#~| msgctxt "c"\n#~| msgid "old"\n#~ msgid "gone"\n#~ msgstr "ido"\n'
    for variant in (text, text.replace("\n", "\r\n")):
        (msg,) = read_po(variant.encode()).messages
        assert (msg.obsolete, msg.previous_msgctxt, msg.previous_msgid) == (True, "c", "old")
    (msg,) = read_po(write_po(read_po(text.encode())).encode()).messages
    assert msg.previous_msgid == "old"


def test_an_entry_with_one_obsolete_line_is_obsolete() -> None:
    """polib asks only the msgid line; GNU and pliego's former reader, any keyword line."""
    (msg,) = read_po(b'#~ msgctxt "c"\nmsgid "a"\n#~ msgstr "b"\n').messages
    assert msg.obsolete and msg.msgctxt == "c"


def test_escapes_polib_does_not_know() -> None:
    (msg,) = read_po(b'msgid "a"\nmsgstr "\\101\\a\\0\\12x\\t"\n').messages
    assert msg.msgstr == "A\a\x00\nx\t"


def test_raw_separators_inside_a_string_do_not_end_the_line() -> None:
    """str.splitlines breaks at these; a PO line ends at \\n only."""
    value = "x\u2028y\x85z\x1cw\x0cv\rq"
    (msg,) = read_po(f'msgid "a"\nmsgstr "{value}"\n'.encode()).messages
    assert msg.msgstr == value
    assert read_po(write_po(Catalog(messages=(msg,))).encode()).messages == (msg,)


def test_a_reference_with_a_non_ascii_number_is_a_name() -> None:
    """int('²') raises; the former reader crashed here."""
    (msg,) = read_po('#: a.md:² b.md:٣ c.md:7\nmsgid "a"\nmsgstr ""\n'.encode()).messages
    assert msg.locations == (("a.md:²", None), ("b.md:٣", None), ("c.md", 7))


def test_plural_and_context_entries() -> None:
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=3; plural=n%3;\\n"\n\n'
        'msgctxt "c"\nmsgid "one"\nmsgid_plural ""\n'
        'msgstr[0] "a"\nmsgstr[1] ""\n"b"\nmsgstr[2] "c"\n'
    )
    (msg,) = read_po(text.encode()).messages
    assert (msg.msgctxt, msg.msgid_plural, msg.msgstr_plural) == ("c", "", ("a", "b", "c"))


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
messages = st.builds(
    Message,
    msgid=texts.filter(bool),
    msgstr=texts,
    msgctxt=st.none() | texts,
    flags=st.lists(st.sampled_from(["fuzzy", "no-wrap", "python-format"]), unique=True).map(tuple),
    auto_comments=st.lists(st.text("abc ()", min_size=1).map(str.strip).filter(bool)).map(tuple),
    translator_comments=st.lists(st.text("abc #", min_size=1).map(str.strip).filter(bool)).map(
        tuple
    ),
    locations=st.lists(
        st.tuples(st.sampled_from(["a.md", "b.html"]), st.none() | st.integers(1, 99))
    ).map(tuple),
    previous_msgid=st.none() | texts,
    obsolete=st.booleans(),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(messages, max_size=6, unique_by=lambda m: (m.msgctxt, m.msgid)))
def test_files_pliego_writes_take_the_fast_path_and_read_back(msgs: list[Message]) -> None:
    """What the writer produces is matched by one regular expression (the speed of
    reading depends on it), and the line-by-line path reads the same catalogue."""
    catalog = Catalog(header=(("Language", "es"),), messages=tuple(msgs))
    text = write_po(catalog)
    assert _CANONICAL.fullmatch(text) or "\\a" in text  # polib knows no \a: the slow path
    assert read_po(text.encode()) == catalog
    assert read_po(text.replace("\n", "\r\n").encode()) == catalog


def test_shipped_catalogues_take_the_fast_path() -> None:
    files = [*(REPO / "locale").rglob("*.po"), *(REPO / "locale").glob("*.pot")]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _CANONICAL.fullmatch(text), path
        assert check_lines(text, str(path)).count("\n") == text.count("\n")
