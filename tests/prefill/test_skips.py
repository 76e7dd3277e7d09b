"""Prefill names each entry it leaves empty on purpose, with its file, line and reason."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pliego.cli import report
from pliego.gettext.catalog import Message
from pliego.gettext.po import load_catalog, save_catalog
from pliego.prefill.run import PLURAL, Skipped, prefill_language
from pliego.project import read_settings
from tests.conftest import Runner
from tests.prefill.test_rules import prepare

OTHER = "a reason of another kind"

PRICES = """---
title: "Prices"
---

What a family pays each week.

| Item | Price |
| --- | --- |
| Bread | £11.44 |
| Rent | £250 |

Run `make all` or see https://example.org/prices.
"""


def _priced(project: Path) -> Path:
    (project / "source" / "small.md").write_text(PRICES, encoding="utf-8")
    prepare(project)
    return project / "locale" / "es" / "LC_MESSAGES" / "small.po"


def _entry_at(po: Path, line: int) -> list[str]:
    """The lines of the entry that starts at ``line`` (1-based), up to the blank line."""
    lines = po.read_text(encoding="utf-8").splitlines()
    assert line == 1 or lines[line - 2] == "", "an entry starts after a blank line"
    rest = lines[line - 1 :]
    return rest[: rest.index("")] if "" in rest else rest


def test_entries_with_nothing_to_translate_are_copied_not_skipped(project: Path) -> None:
    """Prices and code used to be skipped (named one by one for a person to copy);
    now prefill copies them itself (rule 6), so nothing is left to fill by hand."""
    po = _priced(project)
    r = prefill_language(read_settings(project), "es", engines=("apertium",))
    assert r.skips == () and r.skipped == 0
    assert r.copied == 2
    by_id = load_catalog(po).by_key()
    # plain es (this project sets no es_PE): a decimal comma, as its prose numbers get
    assert by_id[(None, "£11.44")].msgstr == "£11,44" and by_id[(None, "£250")].msgstr == "£250"
    assert any(
        c.startswith("pliego-mt: copy ") for c in by_id[(None, "£11.44")].translator_comments
    )
    assert by_id[(None, "Bread")].msgstr, "an entry with words was drafted"


def test_an_empty_plural_entry_is_skipped_not_counted_as_translated(project: Path) -> None:
    prepare(project)
    po = project / "locale" / "es" / "LC_MESSAGES" / "small.po"
    catalog = load_catalog(po)
    plurals = (
        Message("one page", msgid_plural="%(n)s pages", msgstr_plural=("", "", "")),
        Message("done", msgid_plural="all done", msgstr_plural=("hecho", "hechos", "hechos")),
    )
    save_catalog(po, replace(catalog, messages=(*catalog.messages, *plurals)))
    r = prefill_language(read_settings(project), "es", engines=("apertium",))
    plural = [s for s in r.skips if s.reason == PLURAL]
    assert [(s.path, s.msgid) for s in plural] == [("locale/es/LC_MESSAGES/small.po", "one page")]
    assert r.untouched == 1, "the translated plural is the only one already translated"
    assert 'msgid "one page"' in _entry_at(po, plural[0].line)


def test_skip_lines_group_by_reason_and_quote_one_line_of_english() -> None:
    long = "word " * 30
    skips = (
        Skipped("locale/es/LC_MESSAGES/a.po", 12, "£11.44", OTHER),
        Skipped("locale/es/LC_MESSAGES/b.po", 40, "one page", PLURAL),
        Skipped("locale/es/LC_MESSAGES/a.po", 20, f"`x`\n{long}", OTHER),
    )
    lines = report.prefill_skip_lines(skips)
    assert lines[:2] == [f"  skipped 2: {OTHER}:", "    locale/es/LC_MESSAGES/a.po:12: £11.44"]
    prefix = "    locale/es/LC_MESSAGES/a.po:20: "
    assert lines[2].startswith(prefix + "`x` word word ") and lines[2].endswith("…")
    assert "\n" not in lines[2] and "  " not in lines[2][len(prefix) :]
    assert lines[3:] == [f"  skipped 1: {PLURAL}:", "    locale/es/LC_MESSAGES/b.po:40: one page"]
    assert len(lines[2]) - len(prefix) == report.QUOTE_CHARS
    assert report.prefill_skip_lines(()) == []


def test_invoke_prefill_prints_which_entries_it_skipped(project: Path, invoke: Runner) -> None:
    prepare(project)
    po = project / "locale" / "es" / "LC_MESSAGES" / "small.po"
    catalog = load_catalog(po)
    plural = Message("one page", msgid_plural="%(n)s pages", msgstr_plural=("", "", ""))
    save_catalog(po, replace(catalog, messages=(*catalog.messages, plural)))
    r = invoke(project, "prefill", "--lang", "es", "--engine", "apertium")
    assert r.returncode == 0, r.stderr
    assert ", 1 skipped, " in r.stdout, r.stdout
    lines = po.read_text(encoding="utf-8").splitlines()
    at = lines.index('msgid "one page"')
    start = next(i for i in range(at, 0, -1) if lines[i - 1] == "") + 1  # where the entry starts
    assert f"  skipped 1: {PLURAL}:\n" in r.stdout
    assert f"    locale/es/LC_MESSAGES/small.po:{start}: one page\n" in r.stdout, r.stdout
