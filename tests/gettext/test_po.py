"""The PO reader/writer against GNU gettext itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pliego.errors import CatalogError
from pliego.gettext import po
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.po import read_po, save_catalog, write_po
from tests.conftest import PO_HEADER, REPO, msgfmt_check

HEADER = PO_HEADER

# Text like translators write: words, punctuation, quotes, dashes, hyphens, newlines.
_alphabet = st.sampled_from(list('abcdefghij ñáé—-–‘’“”«»¿?¡!.,;:()[]*_`\\"\t\n0123456789'))
texts = st.text(_alphabet, min_size=1, max_size=300).filter(lambda s: s.strip() != "")


def _msgcat(tmp: Path, text: str) -> str:
    src = tmp / "in.po"
    src.write_text(text, encoding="utf-8")
    out = tmp / "out.po"
    subprocess.run(["msgcat", str(src), "-o", str(out)], check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(texts, texts, st.booleans()), min_size=1, max_size=8, unique_by=lambda t: t[0]
    )
)
def test_msgcat_changes_nothing(tmp_path: Path, entries: list[tuple[str, str, bool]]) -> None:
    msgs = tuple(
        Message(
            msgid=a,
            msgstr=b,
            flags=("fuzzy",) if f else (),
            previous_msgid=b if f else None,
            auto_comments=("paragraph",),
            translator_comments=("note",),
            locations=tuple((f"source/dir{i}/long-article-name.md", 10 * i) for i in range(4)),
        )
        for a, b, f in entries
    )
    text = write_po(Catalog(header=HEADER, messages=msgs))
    assert _msgcat(tmp_path, text) == text
    assert read_po(text.encode()) == Catalog(header=HEADER, messages=msgs)


def test_shipped_catalogues_round_trip_byte_identical() -> None:
    files = sorted((REPO / "locale").rglob("*.po")) + sorted((REPO / "locale").glob("*.pot"))
    assert files
    for path in files:
        data = path.read_bytes()
        assert write_po(read_po(data, str(path))).encode() == data, path
        assert msgfmt_check(path).returncode == 0


CATALOGUE_FILES = sorted(
    p
    for folder in ("locale", "tests")
    for p in (REPO / folder).rglob("*.po*")
    if p.suffix in (".po", ".pot")
)


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_catalogue_in_the_tree_round_trips(tmp_path: Path, path: Path) -> None:
    """Files in GNU msgcat's layout (msgcat leaves them as they are) read and write back
    byte-identical; a hand-written one (tests/checks/data) keeps its catalogue."""
    data = path.read_bytes()
    catalog = read_po(data, str(path))
    text = write_po(catalog)
    assert read_po(text.encode(), "again.po") == catalog
    if _msgcat(tmp_path, data.decode("utf-8")) == data.decode("utf-8"):
        assert text.encode() == data
    else:
        assert path.parent.name == "data", f"{path} is not in msgcat's layout"


def test_polib_rejecting_what_the_check_let_through_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The line check should leave polib nothing to reject; if it ever does, the
    user still gets file:line and a hint, not polib's OSError."""
    monkeypatch.setattr(po, "checked_lines", lambda text, path: (text, False))
    with pytest.raises(CatalogError) as info:
        read_po(b'msgid "a"\nmsgstr "b"\nmsgctxt "c"\n# x\nmsgid "d"\nmsgstr ""\n', "bad.po")
    assert str(info.value).startswith("bad.po:4: ") and info.value.hint
    assert "\n" not in str(info.value)


def test_obsolete_and_previous_survive(tmp_path: Path) -> None:
    cat = Catalog(
        header=HEADER,
        messages=(
            Message(msgid="new text", msgstr="texto", flags=("fuzzy",), previous_msgid="old text"),
            Message(msgid="gone", msgstr="ido", obsolete=True, translator_comments=("kept",)),
        ),
    )
    text = write_po(cat)
    assert '#| msgid "old text"' in text and '#~ msgid "gone"' in text
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    assert _msgcat(tmp_path, text) == text
    assert read_po(text.encode()) == cat


def test_no_rewrite_when_only_timestamp_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    cat = Catalog(
        header=(("POT-Creation-Date", "2023-01-01 00:00+0000"), *HEADER),
        messages=(Message(msgid="a"),),
    )
    assert save_catalog(path, cat)
    before = path.read_bytes()
    later = cat.with_header("POT-Creation-Date", "2024-05-05 10:00+0000")
    assert not save_catalog(path, later)
    assert path.read_bytes() == before
    assert save_catalog(path, later.with_header("Language", "qu"))


@pytest.mark.parametrize(
    "text, line, words",
    [
        ('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', 3, "duplicate msgid"),
        ('msgid "a"\nmsgstr "b\n', 2, "double quotes"),
        ('msgid "a"\nmsgstrr "b"\n', 2, "unknown keyword"),
        ('msgid "a"\n', 1, "no msgstr"),
        ('msgid ""\nmsgstr "Garbage line without colon\\n"\n', 1, "broken header"),
        ('msgid ""\nmsgstr "Plural-Forms: nplurals=x\\n"\n', 1, "Plural-Forms"),
        ('msgid "a"\nmsgstr "b"\n"\\q"\n', 3, "escape"),
        ('"orphan"\n', 1, "continues nothing"),
    ],
)
def test_broken_files_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(CatalogError) as info:
        read_po(text.encode(), "bad.po")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"bad.po:{line}: ")


def test_bad_encoding_is_reported_with_line() -> None:
    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n'
    data += b'msgstr "caf\xe9"\n'
    with pytest.raises(CatalogError) as info:
        read_po(data, "bad.po")
    assert info.value.line == 5 and "UTF-8" in str(info.value)


def test_plural_count_must_match_header() -> None:
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=3; plural=(n!=1);\\n"\n\n'
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    )
    with pytest.raises(CatalogError, match="nplurals=3"):
        read_po(text.encode(), "p.po")


def test_a_latin1_header_after_long_comments_is_read(tmp_path: Path) -> None:
    """msgfmt finds the header wherever the comments end; so must we (not in 8 KB)."""
    from pliego.gettext.po import load_catalog

    comments = "".join(f"# translator's note {i}: {'x' * 60}\n" for i in range(200))
    text = (
        comments + 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
        '"Language: es\\n"\n\nmsgid "A heading"\nmsgstr "Un título"\n'
    )
    path = tmp_path / "es.po"
    path.write_bytes(text.encode("latin-1"))
    assert len(comments) > 8192
    assert msgfmt_check(path).returncode == 0
    catalog = load_catalog(path)
    assert any(m.msgstr == "Un título" for m in catalog.messages)


def test_a_byte_order_mark_is_removed_with_a_note(tmp_path: Path) -> None:
    from tests.conftest import run_invoke

    root = tmp_path / "proj"
    (root / "source").mkdir(parents=True)
    (root / "source" / "small.md").write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es"]\n')
    (root / "tasks.py").write_bytes((REPO / "tasks.py").read_bytes())

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        return run_invoke(root, *args)

    assert invoke("extract").returncode == 0 and invoke("update").returncode == 0
    po = root / "locale" / "es" / "LC_MESSAGES" / "small.po"
    clean = po.read_bytes()
    po.write_bytes(b"\xef\xbb\xbf" + clean)  # what Notepad does on save
    r = invoke("check", "--lang", "es")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "small.po: removed the byte-order mark" in r.stderr
    assert po.read_bytes() == clean
