"""Every file pliego writes, read with translate-toolkit's PO storage: what Weblate reads it with.

Weblate loads and saves gettext files through translate-toolkit (``translate.storage.po``).
Two things must hold for a Weblate component on pliego's files to be quiet:
its counts of translated / fuzzy / untranslated entries equal ``invoke status``'s
(a translator sees the same progress in both), and its writer, at Weblate's
default wrapping (77, "po_line_wrap"), gives the file back byte for byte (a
Weblate commit changes only the entries a translator touched).  Shipped files
and files generated here through extract, update, prefill and a review.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from translate.storage import po as ttk_po

from pliego.extract import extract_all
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.merge import update_catalog
from pliego.gettext.po import load_catalog, save_catalog, write_po
from pliego.gettext.stats import catalog_stats
from pliego.paths import articles
from pliego.prefill.run import prefill_language
from pliego.project import read_settings
from pliego.update import update_domain
from tests.conftest import REPO, SMALL_ARTICLE

SHIPPED = sorted((REPO / "locale").glob("*.pot")) + sorted(
    (REPO / "locale").glob("*/LC_MESSAGES/*.po")
)


def weblate_counts(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as Weblate counts the units translate-toolkit gives it.

    The header and obsolete entries are not strings; a fuzzy flag on an
    empty translation is untranslated (Weblate: "needs editing" needs a text).
    """
    store = ttk_po.pofile.parsefile(str(path))
    units = [u for u in store.units if not u.isheader() and not u.isobsolete()]
    translated = sum(u.istranslated() for u in units)
    fuzzy = sum(u.isfuzzy() and _has_text(u) and not u.istranslated() for u in units)
    return translated, fuzzy, len(units) - translated - fuzzy


def _has_text(unit: ttk_po.pounit) -> bool:
    target = unit.target  # a multistring (each plural form) or a str
    return any(getattr(target, "strings", [target]))


def pliego_counts(path: Path) -> tuple[int, int, int]:
    s = catalog_stats(load_catalog(path), "xx", path.stem)
    return s.translated, s.fuzzy, s.untranslated


def _generated(root: Path) -> list[Path]:
    """A project taken through what a season of translation does to its files."""
    (root / "source").mkdir(parents=True)
    src = root / "source" / "small.md"
    src.write_text(SMALL_ARTICLE, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es", "qu"]\n')
    settings = read_settings(root)
    extract_all(settings, articles(settings))
    for lang in settings.languages:
        update_domain(settings, lang, "small")
    prefill_language(settings, "es", engines=("apertium",))  # fuzzy drafts with provenance
    po = root / "locale" / "es" / "LC_MESSAGES" / "small.po"
    catalog = load_catalog(po)
    drafts = [m for m in catalog.active if m.fuzzy]
    reviewed = {drafts[0].key: drafts[0].with_flag("fuzzy", False)}
    save_catalog(
        po, replace(catalog, messages=tuple(reviewed.get(m.key, m) for m in catalog.messages))
    )
    qu = root / "locale" / "qu" / "LC_MESSAGES" / "small.po"
    catalog = load_catalog(qu)
    by_hand: Message = replace(catalog.active[0], msgstr="Ñawpaq rimay")
    save_catalog(qu, replace(catalog, messages=(by_hand, *catalog.messages[1:])))
    # The English changes: an edited paragraph (fuzzy, #|), a removed one (#~), a new one.
    src.write_text(
        SMALL_ARTICLE.replace("## A heading", "## A better heading").replace(
            "The second paragraph has 10,000 words in it.", "A new closing paragraph."
        ),
        encoding="utf-8",
    )
    extract_all(settings, articles(settings))
    for lang in settings.languages:
        update_domain(settings, lang, "small")
    return [root / "locale" / "small.pot", po, qu]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_weblate_counts_and_rewrites_a_shipped_file_as_pliego_does(path: Path) -> None:
    assert weblate_counts(path) == pliego_counts(path)
    data = path.read_bytes()
    assert bytes(ttk_po.pofile.parsestring(data)) == data


def test_weblate_counts_and_rewrites_generated_files_as_pliego_does(tmp_path: Path) -> None:
    files = _generated(tmp_path / "proj")
    es = files[1]
    translated, fuzzy, untranslated = pliego_counts(es)
    assert translated >= 1 and fuzzy >= 2 and untranslated >= 1, "the files hold every state"
    catalog = load_catalog(es)
    assert catalog.obsolete and any(m.previous_msgid for m in catalog.active)
    for path in files:
        assert weblate_counts(path) == pliego_counts(path), path
        data = path.read_bytes()
        assert bytes(ttk_po.pofile.parsestring(data)) == data, path
    units = {u.source: u for u in ttk_po.pofile.parsefile(str(es)).units}
    heading = units["A better heading"]
    assert heading.isfuzzy() and heading.prev_source == "A heading", "Weblate shows the diff"
    notes = [u.getnotes("translator") for u in units.values()]
    assert any(n.startswith("pliego-mt: apertium [") for n in notes)
    assert any(n == "pliego-mt: apertium, reviewed" for n in notes)


def _edited(template: Catalog) -> Catalog:
    """The template after an editor's pass: three paragraphs reworded, two removed, one new."""
    msgs = list(template.messages)
    msgs[5] = replace(msgs[5], msgid=msgs[5].msgid.replace(".", "!", 1))
    msgs[10] = replace(msgs[10], msgid=msgs[10].msgid + " Indeed.")
    msgs[20] = replace(msgs[20], msgid=msgs[20].msgid[:-1] + ", they said.")
    del msgs[30:32]
    msgs.append(replace(msgs[0], msgid="A closing paragraph about the general strike."))
    return replace(template, messages=tuple(msgs))


@pytest.mark.parametrize("lang", ["es", "qu"])
def test_weblates_msgmerge_addon_writes_what_invoke_update_writes(
    lang: str, tmp_path: Path
) -> None:
    """Weblate's "Update PO files to match POT (msgmerge)" add-on with "Keep previous
    msgids" and "Use fuzzy matching" on runs ``msgmerge --previous``: on the shipped
    catalogues after an edit of the English, its bytes are invoke update's bytes."""
    slug = "peru-masses-deepen-resistance"
    po = load_catalog(REPO / "locale" / lang / "LC_MESSAGES" / f"{slug}.po")
    template = _edited(load_catalog(REPO / "locale" / f"{slug}.pot"))
    (tmp_path / "x.po").write_text(write_po(po), encoding="utf-8")
    (tmp_path / "x.pot").write_text(write_po(template), encoding="utf-8")
    gnu = subprocess.run(
        ["msgmerge", "--previous", "--quiet", "-o", "-", "x.po", "x.pot"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    ).stdout
    ours, stats = update_catalog(template, po)
    assert stats.fuzzy == 3 and stats.obsolete == 2 and stats.new == 1
    assert gnu == write_po(ours).encode("utf-8")


@pytest.mark.parametrize("domain", ["pamphlet", "site"])
def test_weblate_sees_python_format_on_each_entry_with_a_placeholder(domain: str) -> None:
    """Why docs/weblate.md leaves these components' Translation flags empty: the flag
    reaches Weblate per entry, from the file, exactly where a %(name)s stands."""
    store = ttk_po.pofile.parsefile(str(REPO / "locale" / f"{domain}.pot"))
    units = [u for u in store.units if not u.isheader()]
    flagged = {u.source for u in units if u.hastypecomment("python-format")}
    assert flagged and flagged == {u.source for u in units if "%(" in u.source}
