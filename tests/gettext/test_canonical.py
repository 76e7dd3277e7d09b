"""The canonical reader must read every file exactly as the polib path does.

:func:`pliego.gettext.canonical.read_canonical` is a fast path: whatever it
returns for a file in msgcat's layout must equal, field for field and line
number for line number, what polib and pliego's conversion make of the same
text.  Compared here over the shipped catalogues, the test data, the benches'
generated corpora, hand-written odd files and generated ones.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pliego.errors import CatalogError
from pliego.gettext import po
from pliego.gettext.canonical import read_canonical
from pliego.gettext.catalog import Message
from pliego.gettext.lexical import checked_lines
from pliego.gettext.polibread import polib_messages
from tests.conftest import REPO


def _both(text: str) -> tuple[list[Message] | None, list[Message] | None, bool]:
    try:
        text, canonical = checked_lines(text, "t.po")
    except CatalogError:  # the line check refuses it before any parser sees it
        return None, None, False
    fast = read_canonical(text) if canonical else None
    try:
        slow: list[Message] | None = polib_messages(text, "t.po")
    except CatalogError:
        slow = None
    return fast, slow, canonical


def _same(fast: list[Message], slow: list[Message]) -> None:
    assert fast == slow
    # lineno is not part of equality; the first entry's is pliego's own (polib says 0).
    assert [m.lineno for m in fast[1:]] == [m.lineno for m in slow[1:]]


def _assert_read_alike(text: str) -> None:
    fast, slow, canonical = _both(text)
    assert canonical and fast is not None and slow is not None
    _same(fast, slow)


def _catalogue_files() -> list[Path]:
    found = sorted((REPO / "locale").rglob("*.po")) + sorted((REPO / "locale").glob("*.pot"))
    found += sorted((REPO / "tests").rglob("*.po"))
    return found


@pytest.mark.parametrize("path", _catalogue_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_and_test_catalogues_read_alike(path: Path) -> None:
    _assert_read_alike(path.read_bytes().decode("utf-8"))  # asserts the fast path took it


def _bench(name: str) -> object:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(REPO / "bench"))


def test_the_benches_corpora_read_alike() -> None:
    reader = _bench("read")
    vocab = sorted(
        set(
            re.findall(
                r"[A-Za-z’']+",
                (REPO / "source")
                .joinpath("peru-masses-deepen-resistance.md")
                .read_text(encoding="utf-8"),
            )
        )
    )
    cat = reader.catalogue(random.Random(11), 1500, vocab)  # type: ignore[attr-defined]
    text = po.write_po(cat)
    assert "msgstr[1]" in text and "#~ " in text and "#| msgid" in text and "msgctxt" in text
    _assert_read_alike(text)
    assert po.read_po(text.encode(), "b.po") == cat


ODD = {
    "plurals": 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    '#: a.md:1\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] ""\n"varios"\n',
    "previous": '#, fuzzy\n#| msgctxt "old"\n#| msgid ""\n#| "old "\n#| "text"\n'
    '#| msgid_plural "olds"\nmsgctxt "c"\nmsgid "new"\nmsgstr "nuevo"\n',
    "previous twice": '#| msgid "a"\n#| msgid "b"\nmsgid "x"\nmsgstr "y"\n',
    "obsolete": 'msgid "a"\nmsgstr "b"\n\n# kept\n#~| msgid "older"\n#~ msgctxt "k"\n'
    '#~ msgid ""\n#~ "gone "\n#~ "away"\n#~ msgstr "ido"\n\n#~ msgid "p"\n'
    '#~ msgid_plural "ps"\n#~ msgstr[0] "x"\n#~ "y"\n#~ msgstr[1] "z"\n',
    "escapes": 'msgid "tab\\there \\"q\\" back\\\\slash\\\\n nl\\n"\n'
    'msgstr "\\r\\v\\b\\f"\n"\\\\\\"\\n"\n',
    "comments of every kind": "#\n# \n#  two spaces  \n# first\n#\n# after an empty one\n"
    "#.\n#. extracted\n#.  padded \n#:\n#: a.md:1 b.md c.md:x d:e:7 e.md:²\n"
    "#,\n#, fuzzy, python-format,\n#, no-wrap\n"
    'msgid "a"\nmsgstr ""\n\n#. \n#:\n# late\nmsgid "b"\nmsgstr "c"\n',
    "header comments then others": "# SOME TITLE\n#\n# Copyright\n#, fuzzy\n# not header\n"
    'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n\n#: a.md:3\nmsgid "z"\nmsgstr "w"\n',
    "first entry is not the header": '# a comment\n#. auto\nmsgid "q"\nmsgstr "r"\n',
    "bare marks start the entry later": 'msgid "a"\nmsgstr "b"\n#.\n#,\n#: x.md:1\n'
    'msgid "c"\nmsgstr "d"\n',
    "blank lines": '\n\n\nmsgid "a"\nmsgstr "b"\n\n\n\nmsgid "c"\nmsgstr "d"\n\n\n',
    "no blank lines": 'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\n#~ msgid "e"\n#~ msgstr "f"\n',
    "unicode spaces": '# trail\u00a0\u3000\n#. x\u2003\nmsgid "a\u00a0"\nmsgstr "\u2028b\x0c"\n',
    "empty file": "\n",
    "raw control characters": 'msgid "a\rb\tc"\nmsgstr "\x1c"\n',
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_files_read_alike(name: str) -> None:
    _assert_read_alike(ODD[name])


def test_crlf_and_bom_files_read_as_before() -> None:
    """Not canonical (CRLF) or not at the text level (a BOM is dropped with the
    decoding): read_po must give what it gave through polib."""
    text = ODD["plurals"] + "\n" + ODD["obsolete"]
    crlf = text.replace("\n", "\r\n").encode()
    assert not checked_lines(crlf.decode(), "t.po")[1]
    assert po.read_po(crlf, "t.po") == po.read_po(text.encode(), "t.po")
    assert po.read_po(b"\xef\xbb\xbf" + text.encode(), "t.po") == po.read_po(text.encode(), "t.po")


LINES = [
    "",
    "#",
    "# ",
    "# c",
    "#  c ",
    "#.",
    "#. e",
    "#:",
    "#: a.md:1 b",
    "#, fuzzy",
    "#,",
    "#, a, , b",
    '#| msgid "p"',
    '#| msgctxt "pc"',
    '#| msgid_plural "pp"',
    '#| "more"',
    '#~| msgid "op"',
    'msgctxt "x"',
    'msgid "a"',
    'msgid "b"',
    'msgid ""',
    'msgid_plural "as"',
    'msgstr "s"',
    'msgstr ""',
    'msgstr[0] "0"',
    'msgstr[1] "1"',
    '"cont\\n"',
    '"\\"q\\\\"',
    '#~ msgid "o"',
    '#~ msgctxt "oc"',
    '#~ msgstr "os"',
    '#~ "oc"',
    '#~ msgid_plural "ops"',
    '#~ msgstr[0] "o0"',
]


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_generated_files_read_alike_or_go_to_polib(lines: list[str]) -> None:
    """Whatever the fast path accepts, polib reads the same; where polib refuses a
    canonical text, the fast path must not have accepted it."""
    fast, slow, canonical = _both("\n".join(lines) + "\n")
    if fast is not None:
        assert slow is not None
        _same(fast, slow)
    elif canonical:
        # Declining is allowed (polib then decides), but should be rare:
        # nothing in LINES is unusual for a canonical file.
        pass


COMMENTS = ["#", "# ", "# c", "#  c ", "#.", "#. e", "#.  e ", "#:", "#: a.md:1 b", "#: c:x:2"]
COMMENTS += ["#, fuzzy", "#,", "#, a, , b", "#, no-wrap"]
STRINGS = ['"a"', '""', '"\\"q\\\\"', '"t\\tn\\n"', '"\u00a0x "', '"’"']


def _entry(rnd: random.Random) -> list[str]:
    """One entry in msgcat's layout, every optional part chosen at random."""
    o = "#~ " if rnd.random() < 0.3 else ""
    prev = "#~| " if o else "#| "

    def string(keyword: str, prefix: str) -> list[str]:
        more = [f"{prefix}{rnd.choice(STRINGS)}" for _ in range(rnd.choice((0, 0, 1, 2)))]
        return [f"{prefix}{keyword} {rnd.choice(STRINGS)}", *more]

    lines = [rnd.choice(COMMENTS) for _ in range(rnd.choice((0, 1, 2, 4)))]
    for keyword in rnd.sample(["msgctxt", "msgid", "msgid_plural"], rnd.randint(0, 3)):
        lines += string(keyword, prev)
    if rnd.random() < 0.3:
        lines += string("msgctxt", o)
    lines += string("msgid", o)
    if rnd.random() < 0.2:
        lines += string("msgid_plural", o)
        for k in range(rnd.randint(1, 3)):
            lines += string(f"msgstr[{k}]", o)
    else:
        lines += string("msgstr", o)
    return lines + [""] * rnd.choice((0, 1, 1, 2))


def test_generated_canonical_files_read_fast_and_alike() -> None:
    """Files built entry by entry in the canonical layout: every one is read by
    the fast path (declining them all would pass the property above) and the same."""
    rnd = random.Random(3)
    for _ in range(1500):
        text = "\n".join(line for _ in range(rnd.randint(1, 6)) for line in _entry(rnd)) + "\n"
        fast, slow, canonical = _both(text)
        if slow is None:
            assert fast is None, text  # polib refuses it: the fast path must not accept it
            continue
        assert canonical, text
        assert fast is not None, f"declined a canonical file polib reads:\n{text}"
        _same(fast, slow)
