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


def test_a_catalogue_saved_after_the_check_is_read_again(tmp_path: Path) -> None:
    """update_all hands update_domain the parse it checked; a translator's save in
    between (other bytes) must win over that parse, and equal bytes must reuse it."""
    from pliego.gettext.po import read_catalog_file

    root = _project(tmp_path / "proj")
    settings = read_settings(root)
    update_domain(settings, "es", "small")
    po = root / "locale" / "es" / "LC_MESSAGES" / "small.po"
    stale = read_catalog_file(po)
    heading = next(m for m in stale.catalog.active if m.msgid)
    po.write_bytes(
        stale.data.replace(
            f'msgid "{heading.msgid}"\nmsgstr ""'.encode(),
            f'msgid "{heading.msgid}"\nmsgstr "Guardado"'.encode(),
        )
    )
    assert po.read_bytes() != stale.data
    from pliego.extract import extract_all
    from pliego.paths import articles

    article = root / "source" / "small.md"
    article.write_text(article.read_text("utf-8") + "\nA paragraph added later.\n", "utf-8")
    extract_all(settings, articles(settings))  # so that the merge has something to write
    assert update_domain(settings, "es", "small", checked=stale).written
    now = {m.msgid: m.msgstr for m in load_catalog(po).active}
    assert now[heading.msgid] == "Guardado" and "A paragraph added later." in now
    same = read_catalog_file(po)
    assert not update_domain(settings, "es", "small", checked=same).written
    assert po.read_bytes() == same.data
