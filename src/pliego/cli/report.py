"""What the tasks print: one line per file written, the status and check tables.

Pure functions from results to strings or rich tables, so that the wording
and the columns are tested without a terminal or a subprocess; the commands
in :mod:`pliego.cli.commands` only choose the console.  ``rich.table`` (and
the ``decimal`` and ``fractions`` it pulls in) is imported inside the two
table functions: most tasks print no table and should not pay for one.

Paths are shown relative to the project root, as the user typed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from rich.table import Table

    from pliego.checks.model import Check
    from pliego.extract import ExtractResult
    from pliego.gettext.stats import Stats
    from pliego.pamphlet.build import Outcome
    from pliego.site.model import SiteModel
    from pliego.site.publish import PublishResult
    from pliego.update import UpdateResult

STATUS_COLUMNS = (
    "language",
    "article",
    "translated",
    "fuzzy",
    "untranslated",
    "obsolete",
    "words",
    "% translated",
)
_TEXT_COLUMNS = ("language", "article")  # left-aligned; the counts line up on the right


def _state(written: bool) -> str:
    return "written" if written else "unchanged"


def extract_line(root: Path, r: ExtractResult, *, template: bool = False) -> str:
    """``locale/x.pot: 5 messages from 5 units (written)``; a template domain
    counts the strings found in its templates instead of article units."""
    origin = f"the {r.domain} templates" if template else f"{r.units} units"
    return f"{r.path.relative_to(root)}: {r.messages} messages from {origin} ({_state(r.written)})"


def update_line(root: Path, r: UpdateResult) -> str:
    """What the merge did to one catalogue; ``purged`` only when ``--purge`` dropped some."""
    s = r.stats
    what = "created" if r.created else _state(r.written)
    return (
        f"{r.path.relative_to(root)} ({what}): {s.kept} kept, "
        f"{s.fuzzy} fuzzy, {s.new} new, {s.obsolete} obsolete"
        + (f", {s.purged} purged" if s.purged else "")
    )


def orphan_lines(root: Path, paths: Sequence[Path], *, removed: bool) -> list[str]:
    """One note per template or catalogue whose article is gone."""
    if removed:
        return [f"{p.relative_to(root)}: removed (its article is gone)" for p in paths]
    return [
        f"note: {p.relative_to(root)} belongs to no article (source/{p.stem}.md is gone); "
        "kept: `invoke update --purge` removes it"
        for p in paths
    ]


def status_table(stats: Sequence[Stats]) -> Table:
    """One row per language and catalogue; the percentage to one decimal."""
    from rich.table import Table

    table = Table(title="Translation status")
    for col in STATUS_COLUMNS:
        table.add_column(col, justify="left" if col in _TEXT_COLUMNS else "right")
    for s in stats:
        table.add_row(
            s.lang,
            s.domain,
            str(s.translated),
            str(s.fuzzy),
            str(s.untranslated),
            str(s.obsolete),
            str(s.words),
            f"{s.percent:.1f}",
        )
    return table


def below_message(threshold: float, low: Sequence[Stats]) -> str:
    """Why ``status --fail-under`` failed, naming every catalogue below the bar."""
    names = ", ".join(f"{s.lang}/{s.domain} {s.percent:.1f}%" for s in low)
    return f"error: below {threshold:g}% translated: {names}"


def build_lines(root: Path, outcomes: Sequence[Outcome]) -> list[str]:
    """Per article: ``up to date``, or each edition written and the build's notes.

    A language that failed has no result; its error is in :func:`build_errors`.
    """
    lines: list[str] = []
    for o in outcomes:
        if o.result is None:
            continue
        for a in o.result.articles:
            if a.skipped:
                lines.append(f"{o.lang}/{a.slug}: up to date")
                continue
            lines += [
                f"{e.path.relative_to(root)}: {e.pages} pages ({e.paper}, {e.kind})"
                for e in a.editions
            ]
            if a.markdown is not None:
                lines.append(f"{a.markdown.relative_to(root)}: translated Markdown")
            lines += [f"  note: {note}" for note in (*a.notes, *a.fallbacks)]
    return lines


def build_errors(outcomes: Sequence[Outcome]) -> list[str]:
    """One block per language that failed, in the order the languages were asked for."""
    return [f"error: {o.lang}: {o.error}" for o in outcomes if o.error is not None]


def checks_table(checks: Sequence[Check]) -> Table:
    """``check --list``: every check, its severity and what it looks for."""
    from rich.table import Table

    table = Table(title="Checks (opt out per entry: # pliego-no-<check>)")
    for col in ("check", "severity", "what it finds"):
        table.add_column(col)
    for chk in checks:  # descriptions quote Markdown such as '[text](url)'
        table.add_row(chk.id, chk.severity.value, escape(chk.description))
    return table


def check_failed_message(warnings_fail: bool) -> str:
    what = "errors or warnings" if warnings_fail else "errors"
    return f"error: the check found {what} (see above)"


def site_groups(model: SiteModel) -> list[str]:
    """The pamphlets the site lists, one line per language, drafts marked."""
    if not model.groups:
        return ["no pamphlet is ready: the site lists none"]
    return [
        f"{g.lang} ({g.name}): "
        + ", ".join(p.slug + (" (draft)" if p.draft else "") for p in g.pamphlets)
        for g in model.groups
    ]


def site_summary(root: Path, r: PublishResult) -> str:
    """The folder written, how many files changed, and the index pages."""
    return (
        f"{r.site.relative_to(root)}/: {r.files} files, {len(r.written)} written, "
        f"{len(r.removed)} removed; pages: {', '.join(r.pages)}"
    )
