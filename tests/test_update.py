"""``invoke update`` on catalogues a translator's tool left incomplete."""

from __future__ import annotations

from pathlib import Path

from pliego.gettext.po import load_catalog
from pliego.project import read_settings
from pliego.update import update_domain
from tests.conftest import SMALL_ARTICLE, msgfmt_check


def _project(root: Path) -> Path:
    from pliego.extract import extract_all
    from pliego.paths import articles

    (root / "source").mkdir(parents=True)
    (root / "source" / "small.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es", "qu"]\n')
    settings = read_settings(root)
    extract_all(settings, articles(settings))
    return root


def test_an_emptied_catalogue_gets_the_header_msginit_writes(tmp_path: Path) -> None:
    root = _project(tmp_path / "proj")
    po = root / "locale" / "qu" / "LC_MESSAGES" / "small.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(b"")
    update_domain(read_settings(root), "qu", "small")
    catalog = load_catalog(po)
    assert catalog.header_value("Language") == "qu"
    assert catalog.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert catalog.header_comments and "Translators" in catalog.header_comments[1]
    # the translator learns there that the header's name is what the colophon prints
    told = " ".join(catalog.header_comments)
    assert "Last-Translator is printed as its translation credit" in told
    assert "as they should read in your language" in told
    r = msgfmt_check(po)
    assert r.returncode == 0, r.stderr


def test_missing_header_fields_are_added_and_the_translators_kept(tmp_path: Path) -> None:
    root = _project(tmp_path / "proj")
    po = root / "locale" / "es" / "LC_MESSAGES" / "small.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Last-Translator: Ana Quispe <ana@example.org>\\n"\n\n'
        'msgid "A heading"\nmsgstr "Un título"\n',
        encoding="utf-8",
    )
    update_domain(read_settings(root), "es", "small")
    catalog = load_catalog(po)
    assert catalog.header_value("Last-Translator") == "Ana Quispe <ana@example.org>"
    assert catalog.header_value("Language") == "es"
    assert catalog.header_value("Content-Transfer-Encoding") == "8bit"
    assert any(m.msgid == "A heading" and m.msgstr == "Un título" for m in catalog.messages)
    r = msgfmt_check(po)
    assert r.returncode == 0, r.stderr
