"""The fonts cover what the catalogues print: refused in a release, noted in a draft."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pliego.gettext.catalog import Message
from pliego.gettext.po import load_catalog, save_catalog
from pliego.pamphlet.coverage import GlyphError, face_maps, uncovered, verify_coverage
from pliego.pamphlet.preflight import referenced_fonts
from pliego.project import read_settings
from tests.buildkit import make_project
from tests.conftest import REPO, SMALL_ARTICLE


def test_only_characters_some_face_lacks_are_named() -> None:
    faces = {Path("R.ttf"): frozenset(map(ord, "abc ")), Path("B.ttf"): frozenset(map(ord, "ab "))}
    messages = [
        Message("x", msgstr="ab\u00adc\n", lineno=3),  # soft hyphen, line end: no glyph asked
        Message("y", msgstr="cab d", lineno=7),
        Message("z", msgstr="", msgstr_plural=("dd", "e"), msgid_plural="zs", lineno=9),
    ]
    found = [(u.line, u.char, u.faces) for u in uncovered(Path("a.po"), messages, faces)]
    assert found == [
        (3, "c", ("B.ttf",)),
        (7, "d", ("R.ttf", "B.ttf")),
        (9, "e", ("R.ttf", "B.ttf")),
    ]


def test_the_bundled_charis_covers_the_project_s_languages() -> None:
    faces = face_maps(referenced_fonts(read_settings(REPO)))
    assert len(faces) == 4
    texts = "ñáéíóú¿¡«» äïüʼ chʼ qʼ ’ “ ” — éèêàçœ \u202f\u00a0 £€"
    assert list(uncovered(Path("a.po"), [Message("x", msgstr=texts)], faces)) == []


def test_a_release_refuses_and_a_draft_notes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE)
    settings = read_settings(root)
    path = root / "locale" / "es" / "LC_MESSAGES" / "small.po"
    catalog = load_catalog(path)
    messages = tuple(
        replace(m, msgstr="Un encabezado 漢 ꙮ") if m.msgid == "A heading" else m
        for m in catalog.messages
    )
    save_catalog(path, replace(catalog, messages=messages))
    line = next(m.lineno for m in load_catalog(path).messages if m.msgid == "A heading")
    with pytest.raises(GlyphError) as e:
        verify_coverage(settings, "es", ("small", "pamphlet"), draft=False)
    assert (e.value.path, e.value.line) == ("locale/es/LC_MESSAGES/small.po", line)
    assert "no glyph for '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)" in e.value.message
    notes = verify_coverage(settings, "es", ("small", "pamphlet"), draft=True)
    assert [n.split(": ", 1)[0] for n in notes] == [f"locale/es/LC_MESSAGES/small.po:{line}"] * 2
    assert "U+A66E" in notes[1]
    assert verify_coverage(settings, "qu", ("small", "pamphlet"), draft=False) == ()
