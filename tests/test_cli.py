"""What the tasks print, checked without a subprocess: the lines and tables of
``pliego.cli.report``, and that ``import pliego.cli`` stays cheap.

The e2e tests run the same code through ``invoke``; these pin the wording
and the layout one result at a time.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from pliego.checks.registry import CHECKS
from pliego.cli import report
from pliego.extract import ExtractResult
from pliego.gettext.merge import MergeStats
from pliego.gettext.stats import Stats
from pliego.pamphlet.build import Outcome
from pliego.pamphlet.results import ArticleBuild, ArticleRefusal, BuildResult, Edition
from pliego.plan import make_plan
from pliego.project import read_settings
from pliego.site.model import LanguageGroup, Listing, SiteModel
from pliego.site.publish import PublishResult
from pliego.sitesettings import SiteSettings
from pliego.update import UpdateResult
from tests.conftest import REPO

ROOT = Path("/projects/leaflet")


def _shown(renderable: Table, width: int = 120) -> str:
    """The text a 120-column log (what the tasks use off a terminal) shows."""
    console = Console(record=True, width=width, highlight=False, color_system=None)
    console.print(renderable)
    return console.export_text()


def _stats(lang: str, domain: str, translated: int, fuzzy: int, untranslated: int) -> Stats:
    return Stats(lang, domain, translated, fuzzy, untranslated, 2, 1234, 1000)


def test_extract_line_counts_units_for_articles_and_names_template_domains() -> None:
    article = ExtractResult("small", ROOT / "locale" / "small.pot", 7, 5, True)
    assert (
        report.extract_line(ROOT, article) == "locale/small.pot: 5 messages from 7 units (written)"
    )
    site = ExtractResult("site", ROOT / "locale" / "site.pot", 25, 25, False)
    assert (
        report.extract_line(ROOT, site, template=True)
        == "locale/site.pot: 25 messages from the site templates (unchanged)"
    )


def test_update_line_says_created_before_written_and_purged_only_when_some_were() -> None:
    po = ROOT / "locale" / "es" / "LC_MESSAGES" / "small.po"
    stats = MergeStats(kept=3, fuzzy=1, new=2, obsolete=4)
    created = UpdateResult("es", "small", po, created=True, written=True, stats=stats)
    assert report.update_line(ROOT, created) == (
        "locale/es/LC_MESSAGES/small.po (created): 3 kept, 1 fuzzy, 2 new, 4 obsolete"
    )
    same = UpdateResult("es", "small", po, created=False, written=False, stats=stats)
    assert "(unchanged)" in report.update_line(ROOT, same)
    purged = MergeStats(kept=3, purged=2)
    written = UpdateResult("es", "small", po, created=False, written=True, stats=purged)
    assert report.update_line(ROOT, written).endswith(
        "(written): 3 kept, 0 fuzzy, 0 new, 0 obsolete, 2 purged"
    )


def test_update_line_names_the_drafts_a_person_took_over_only_when_some_were() -> None:
    po = ROOT / "locale" / "es" / "LC_MESSAGES" / "small.po"
    stats = MergeStats(kept=3)
    r = UpdateResult("es", "small", po, created=False, written=True, stats=stats, reviewed=2)
    assert report.update_line(ROOT, r).endswith(
        "(written): 3 kept, 0 fuzzy, 0 new, 0 obsolete, 2 machine drafts marked reviewed or edited"
    )
    none = UpdateResult("es", "small", po, created=False, written=True, stats=stats)
    assert "machine drafts" not in report.update_line(ROOT, none)


def test_status_table_has_one_row_per_catalogue_with_counts_on_the_right() -> None:
    table = report.status_table([_stats("es", "small", 2, 1, 0), _stats("qu", "small", 0, 0, 3)])
    assert [c.header for c in table.columns] == list(report.STATUS_COLUMNS)
    assert [c.justify for c in table.columns] == ["left", "left", *["right"] * 6]
    text = _shown(table)
    assert text.splitlines()[0].strip() == "Translation status"
    es_row = next(line for line in text.splitlines() if " es " in line)
    cells = [c.strip() for c in es_row.strip("│┃ ").split("│")]
    assert cells == ["es", "small", "2", "1", "0", "2", "1234", "66.7"]
    assert "0.0" in next(line for line in text.splitlines() if " qu " in line)


def test_below_message_names_each_low_catalogue_and_the_threshold_briefly() -> None:
    low = [_stats("es", "small", 1, 1, 1), _stats("qu", "site", 0, 0, 4)]
    assert report.below_message(50.0, low) == (
        "error: below 50% translated: es/small 33.3%, qu/site 0.0%"
    )
    assert report.below_message(99.5, low[1:]).startswith("error: below 99.5% translated")


def _article(slug: str, *, skipped: bool = False, notes: tuple[str, ...] = ()) -> ArticleBuild:
    editions = (
        ()
        if skipped
        else (
            Edition("reading", ROOT / "build" / "es" / f"{slug}.pdf", 10, "A5"),
            Edition("print", ROOT / "build" / "es" / f"{slug}-print.pdf", 12, "A5+bleed"),
        )
    )
    sidecar = ROOT / "build" / "es" / f"{slug}.json"
    return ArticleBuild(slug, "es", False, skipped, editions, sidecar, notes)


def test_build_lines_list_editions_then_notes_and_up_to_date_articles() -> None:
    outcomes = [
        Outcome("en", BuildResult("en", (_article("old", skipped=True),)), None),
        Outcome("es", BuildResult("es", (_article("new", notes=("print is RGB",)),)), None),
        Outcome("qu", None, "not building a release of 'qu'\n  new: 1 of 3 reviewed"),
    ]
    assert report.build_lines(ROOT, outcomes) == [
        "en/old: up to date",
        "build/es/new.pdf: 10 pages (A5, reading)",
        "build/es/new-print.pdf: 12 pages (A5+bleed, print)",
        "  note: print is RGB",
    ]
    assert report.build_errors(outcomes) == [
        "error: qu: not building a release of 'qu'\n  new: 1 of 3 reviewed"
    ]
    assert report.build_errors(outcomes[:2]) == []


def test_build_lines_say_per_article_what_was_built_refused_and_not_planned(
    tmp_path: Path,
) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "new.md").write_text("---\ntitle: N\n---\n", encoding="utf-8")
    (tmp_path / "source" / "leaflet.md").write_text(
        "---\ntitle: L\nlanguages: [es]\n---\n", encoding="utf-8"
    )
    settings = read_settings(tmp_path)
    reason = (
        "not building a release of 'qu': below the release threshold of 100% reviewed\n"
        "  new: not started: none of its 3 entries is translated (locale/qu/LC_MESSAGES/new.po)"
    )
    refused = ArticleRefusal("new", "qu", reason)
    outcomes = [
        Outcome("es", BuildResult("es", (_article("new"),)), None),
        Outcome("qu", BuildResult("qu", (), (refused,), ("leaflet",)), None),
    ]
    lines = report.build_lines(ROOT, outcomes, settings=settings, plan=make_plan(settings))
    assert lines[0] == "build/es/new.pdf: 10 pages (A5, reading)"
    assert lines[2:] == [
        "qu/new: refused: below the release threshold of 100% reviewed (see the error)",
        "qu/leaflet: skipped: not planned (languages: [es] in source/leaflet.md)",
    ]
    assert report.build_errors(outcomes) == [f"error: qu/new: {reason}"]
    assert refused.headline == (
        "not building a release of 'qu': below the release threshold of 100% reviewed; "
        "new: not started: none of its 3 entries is translated (locale/qu/LC_MESSAGES/new.po)"
    )


def test_checks_table_shows_descriptions_literally_although_they_look_like_markup() -> None:
    table = report.checks_table(CHECKS)
    text = _shown(table, width=400)  # one row per line: nothing wraps
    for chk in CHECKS:
        assert f" {chk.id} " in text and chk.severity.value in text
    length = next(c for c in CHECKS if c.id == "length")
    assert "[tool.pliego.check]" in length.description
    assert length.description in text  # rich would have eaten "[tool.pliego.check]"


def test_check_failed_message_names_what_fails_the_run() -> None:
    assert report.check_failed_message(False) == "error: the check found errors (see above)"
    assert "errors or warnings" in report.check_failed_message(True)


def _pamphlet(slug: str, lang: str, *, draft: bool = False) -> Listing:
    return Listing(slug, lang, "T", "A", "", "2023", draft, (), f"{lang}/{slug}.png", 10, 14)


def _model(*groups: LanguageGroup) -> SiteModel:
    return SiteModel(SiteSettings(), groups, True, dt.datetime(2023, 2, 9, tzinfo=dt.UTC))


def test_site_groups_mark_drafts_and_say_so_when_nothing_is_ready() -> None:
    es = LanguageGroup("es", "español", (_pamphlet("a", "es"), _pamphlet("a", "es", draft=True)))
    en = LanguageGroup("en", "English", (_pamphlet("b", "en"),))
    assert report.site_groups(_model(en, es)) == ["en (English): b", "es (español): a, a (draft)"]
    assert report.site_groups(_model()) == ["no pamphlet is ready: the site lists none"]


def test_site_summary_counts_files_and_lists_the_index_pages() -> None:
    r = PublishResult(
        site=ROOT / "build" / "site",
        model=_model(),
        pages=("index.html", "es/index.html"),
        written=("index.html", "feed.xml", "SHA256SUMS"),
        removed=("old.pdf",),
        files=9,
        notes=(),
    )
    assert report.site_summary(ROOT, r) == (
        "build/site/: 9 files, 3 written, 1 removed; pages: index.html, es/index.html"
    )


def test_importing_the_cli_loads_no_stage_and_no_table() -> None:
    """``invoke --list`` imports tasks.py and so pliego.cli and its ``Task``: that
    start-up is every task's, so it loads neither the boundary (rich, the
    settings, Babel) nor a command; each stage is imported by its own command
    only (``invoke build`` with nothing to do must not load WeasyPrint; see
    tests/e2e/test_build.py)."""
    code = (
        "import sys, pliego.cli; pliego.cli.Task; pliego.cli.shared_help\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "pliego.cli.options" in out  # the check below can fail: the names did load
    heavy = ("pliego.extract", "pliego.update", "pliego.gettext", "pliego.pamphlet")
    heavy += ("pliego.checks", "pliego.prefill", "pliego.site", "rich", "babel", "polib")
    heavy += ("pliego.cli.boundary", "pliego.cli.commands", "pliego.project")
    heavy += ("weasyprint", "jinja2", "markdown_it")
    assert [m for m in out if m.startswith(heavy)] == []


def test_the_cli_names_load_on_first_use() -> None:
    import pliego.cli
    from pliego.cli import boundary, commands, options

    assert pliego.cli.publish is commands.publish
    assert pliego.cli.run is boundary.run
    assert pliego.cli.Task is options.Task
    assert sorted(pliego.cli.__all__) == sorted(pliego.cli._API)
    with pytest.raises(AttributeError, match="nothing"):
        pliego.cli.nothing  # noqa: B018


def test_the_lazy_console_writes_what_rich_writes(capsys: pytest.CaptureFixture[str]) -> None:
    """A plain line skips rich; every line, plain or not, comes out as rich's own."""
    from pliego.cli.boundary import LazyConsole

    lines = [
        "build/site/: 25 files, 0 written, 0 removed; pages: index.html, es/index.html",
        "es (español): peru-masses-deepen-resistance",
        "note: [bold]not a style[/bold] and a tab\there",
        "a code :smile: and a bell\a",
        "",
    ]
    for markup, emoji in ((None, None), (False, False), (True, True), (False, None)):
        for line in lines:
            lazy = LazyConsole()
            lazy.print(line, markup=markup, emoji=emoji)
            assert "rich" not in lazy.__dict__ or not (line.isprintable() and "[" not in line)
            got = capsys.readouterr().out
            Console(highlight=False, soft_wrap=True, width=120).print(
                line, markup=markup, emoji=emoji
            )
            assert got == capsys.readouterr().out, (line, markup, emoji)
    skipped = LazyConsole(stderr=True)
    skipped.print("done")
    assert "rich" not in skipped.__dict__ and capsys.readouterr().err == "done\n"


def test_a_task_leaves_its_garbage_finalized_and_the_rest_frozen_at_exit(project: Path) -> None:
    """A process that ran a task skips the interpreter's teardown of its heap (frozen
    objects are not collected at shutdown), yet what the task left as garbage is
    finalized as a normal exit would (a WeasyPrint document removes its font folder
    so): the cycle below is only ever freed by the collector."""
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "from pliego.cli.boundary import run\n"
        "class Cycle:\n"
        "    def __del__(self):\n"
        "        open(sys.argv[1], 'w').write('finalized')\n"
        "def action(settings):\n"
        "    c = Cycle(); c.me = c\n"
        "gc.disable()\n"  # no automatic pass may free it before the exit
        "run(action)\n"
    )
    mark = project / "finalized.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code, str(mark)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == "frozen True\n"
    assert mark.read_text() == "finalized"
