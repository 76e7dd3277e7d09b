"""The glossary as TBX, read back with translate-toolkit's TBX storage (what Weblate uses)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from translate.storage.tbx import tbxfile

from pliego.extract import export_glossary
from pliego.files import CRLF, LF
from pliego.gettext.glossary import (
    GLOSSARY_NAME,
    Term,
    alternatives,
    glossary_tbx,
    parse_glossary,
    read_glossary,
)
from pliego.project import read_settings
from tests.conftest import REPO, Runner

SHIPPED = read_glossary(REPO / "locale" / GLOSSARY_NAME)


def _weblate_reads(data: bytes, lang: str) -> tbxfile:
    """As Weblate opens a glossary file: source language from the component,
    target language from the file name."""
    return tbxfile.parsestring(data, sourcelanguage="en", targetlanguage=lang)


@pytest.mark.parametrize("lang", ["es", "qu"])
def test_every_shipped_term_reaches_weblate_as_the_csv_says(lang: str) -> None:
    store = _weblate_reads(glossary_tbx(SHIPPED, "en", lang), lang)
    assert [u.source for u in store.units] == [t.en for t in SHIPPED]
    for unit, term in zip(store.units, SHIPPED, strict=True):
        assert unit.getnotes("definition") == term.note, term.en
        if term.do_not_translate:
            assert not unit.istranslatable() and not unit.target, term.en
        else:
            wanted = alternatives(term.rendering(lang) or "")
            assert unit.istranslatable()
            assert tuple(t.text for t in unit.get_target_terms()) == wanted, term.en
            assert unit.istranslated() == bool(wanted)
    dnt = sum(t.do_not_translate for t in SHIPPED)
    assert dnt > 0 and sum(not u.istranslatable() for u in store.units) == dnt


def test_the_shipped_tbx_files_are_what_extract_writes_from_the_csv() -> None:
    """Editing glossary.csv without running invoke extract leaves Weblate's copy stale."""
    for lang in read_settings(REPO).languages:
        shipped = REPO / "locale" / "glossary" / f"{lang}.tbx"
        assert shipped.read_bytes() == glossary_tbx(SHIPPED, "en", lang), (
            f"{shipped} is stale: run `invoke extract`"
        )


def test_markup_characters_and_alternatives_survive() -> None:
    terms = parse_glossary(
        "en,es,do_not_translate,note\n"
        '"A & B <Co>",A y B | A&B ,,"say ""A y B"" <always>"\n'
        "ÑAPU,,yes,\n"
        "untouched,,,\n"
    )
    data = glossary_tbx(terms, "en", "es")
    ET.fromstring(data)  # well-formed
    units = _weblate_reads(data, "es").units
    assert units[0].source == "A & B <Co>"
    assert [t.text for t in units[0].get_target_terms()] == ["A y B", "A&B"]
    assert units[0].getnotes("definition") == 'say "A y B" <always>'
    assert not units[1].istranslatable()
    assert units[2].istranslatable() and not units[2].istranslated()


def test_tbx_is_deterministic() -> None:
    terms = (Term("strike", (("es", "huelga"),)),)
    assert glossary_tbx(terms, "en", "es") == glossary_tbx(terms, "en", "es")
    assert glossary_tbx(terms, "en", "es") != glossary_tbx(terms, "en", "qu")


def _project(root: Path, glossary: str | None) -> Path:
    (root / "locale").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es", "qu"]\n')
    if glossary is not None:
        (root / "locale" / GLOSSARY_NAME).write_text(glossary, encoding="utf-8")
    return root


def test_extract_exports_one_file_per_language_and_then_leaves_them(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "en,es,qu,do_not_translate,note\nstrike,huelga,,,\n")
    settings = read_settings(root)
    first = export_glossary(settings)
    assert [(g.lang, g.terms, g.written) for g in first] == [("es", 1, True), ("qu", 1, True)]
    assert [g.path for g in first] == [
        root / "locale" / "glossary" / f"{c}.tbx" for c in ("es", "qu")
    ]
    es = first[0].path
    es.write_bytes(es.read_bytes().replace(LF, CRLF))  # a Windows checkout
    crlf = es.read_bytes()
    assert not any(g.written for g in export_glossary(settings))
    assert es.read_bytes() == crlf
    (root / "locale" / GLOSSARY_NAME).write_text(
        "en,es,qu,do_not_translate,note\nstrike,paro,,,\n", encoding="utf-8"
    )
    again = export_glossary(settings)
    assert [g.written for g in again] == [True, False], "qu has no rendering: its file is the same"
    assert b"paro" in es.read_bytes() and CRLF in es.read_bytes()


def test_no_glossary_no_export(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", None)
    assert export_glossary(read_settings(root)) == ()
    assert not (root / "locale" / "glossary").exists()


def test_invoke_extract_says_what_it_wrote_for_weblate(project: Path, invoke: Runner) -> None:
    (project / "locale").mkdir()
    (project / "locale" / GLOSSARY_NAME).write_text(
        "en,es,qu,do_not_translate,note\nstrike,huelga,,,\nCGTP,,,yes,\n", encoding="utf-8"
    )
    r = invoke(project, "extract")
    assert r.returncode == 0, r.stderr
    assert "locale/glossary/es.tbx: 2 terms for Weblate (written)" in r.stdout
    assert "locale/glossary/qu.tbx: 2 terms for Weblate (written)" in r.stdout
    r = invoke(project, "extract")
    assert "locale/glossary/es.tbx: 2 terms for Weblate (unchanged)" in r.stdout
