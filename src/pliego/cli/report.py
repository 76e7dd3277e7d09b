"""What the tasks print: one line per file written, the status and check tables.

Pure functions from results to strings or rich tables, so that the wording
and the columns are tested without a terminal or a subprocess; the commands
in :mod:`pliego.cli.commands` only choose the console.  ``rich.table`` (and
the ``decimal`` and ``fractions`` it pulls in) is imported inside the two
table functions, and ``rich.markup`` inside the one that escapes: most tasks
print no table and should not pay for one (a no-op ``publish`` imports no rich).

Paths are shown relative to the project root, as the user typed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

    from pliego.checks.model import Check
    from pliego.extract import ExtractResult, GlossaryExport
    from pliego.gettext.stats import Stats
    from pliego.pamphlet.build import Outcome
    from pliego.plan import Plan
    from pliego.prefill.run import Skipped
    from pliego.project import Settings
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


def glossary_line(root: Path, g: GlossaryExport) -> str:
    """``locale/glossary/es.tbx: 110 terms for Weblate (written)``."""
    return f"{g.path.relative_to(root)}: {g.terms} terms for Weblate ({_state(g.written)})"


def update_line(root: Path, r: UpdateResult) -> str:
    """What the merge did to one catalogue; ``purged`` only when ``--purge`` dropped some,
    the drafts a person took over only when there were some."""
    s = r.stats
    what = "created" if r.created else _state(r.written)
    return (
        f"{r.path.relative_to(root)} ({what}): {s.kept} kept, "
        f"{s.fuzzy} fuzzy, {s.new} new, {s.obsolete} obsolete"
        + (f", {s.purged} purged" if s.purged else "")
        + (f", {r.reviewed} machine drafts marked reviewed or edited" if r.reviewed else "")
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


def plan_note(settings: Settings, plan: Plan, slug: str) -> str:
    """Why an article is left out of a language: its plan, quoted from where it is."""
    langs = ", ".join(plan.planned.get(slug, ()))
    return f"not planned (languages: [{langs}] in {settings.source_dir}/{slug}.md)"


def unplanned_lines(settings: Settings, plan: Plan, langs: Sequence[str]) -> list[str]:
    """``qu/slug: not planned (…)``: what a task passed over, so that a count that
    leaves an article out never reads as if the article were done."""
    return [
        f"{lang}/{slug}: {plan_note(settings, plan, slug)}"
        for lang in langs
        for slug in plan.unplanned(lang)
    ]


def unplanned_update_line(
    settings: Settings, plan: Plan, lang: str, slug: str, exists: bool
) -> str:
    """What ``update`` did not do for an unplanned pair, and with which file."""
    what = "its catalogue is left as it is" if exists else "no catalogue created"
    return f"{lang}/{slug}: {plan_note(settings, plan, slug)}: {what}"


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


#: How much of an entry's English a skipped-entry line quotes.
QUOTE_CHARS = 60


def _quote(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= QUOTE_CHARS else one_line[: QUOTE_CHARS - 1] + "…"


def prefill_skip_lines(skips: Sequence[Skipped]) -> list[str]:
    """Under prefill's summary: per reason, each entry it left empty (file:line, English),
    so the translator knows exactly which ones to fill by hand."""
    reasons: dict[str, list[Skipped]] = {}
    for skip in skips:
        reasons.setdefault(skip.reason, []).append(skip)
    lines: list[str] = []
    for reason, group in reasons.items():
        lines.append(f"  skipped {len(group)}: {reason}:")
        lines += [f"    {s.path}:{s.line}: {_quote(s.msgid)}" for s in group]
    return lines


def build_lines(
    root: Path,
    outcomes: Sequence[Outcome],
    *,
    settings: Settings | None = None,
    plan: Plan | None = None,
) -> list[str]:
    """Per language and article: each edition written and the build's notes, or
    ``up to date``, ``refused`` (the reasons follow in :func:`build_errors`, on
    the error stream) or ``skipped`` as not planned (given the plan).

    A language that failed as a whole has no result; its error is in
    :func:`build_errors`.
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
        lines += [f"{o.lang}/{r.slug}: refused: {r.why} (see the error)" for r in o.result.refused]
        if settings is not None and plan is not None:
            lines += [
                f"{o.lang}/{slug}: skipped: {plan_note(settings, plan, slug)}"
                for slug in o.result.unplanned
            ]
    return lines


def build_errors(outcomes: Sequence[Outcome]) -> list[str]:
    """One block per refused article and per language that failed, in the order
    the languages were asked for."""
    lines: list[str] = []
    for o in outcomes:
        if o.error is not None:
            lines.append(f"error: {o.lang}: {o.error}")
        elif o.result is not None:
            lines += [f"error: {o.lang}/{r.slug}: {r.reason}" for r in o.result.refused]
    return lines


def checks_table(checks: Sequence[Check]) -> Table:
    """``check --list``: every check, its severity and what it looks for."""
    from rich.markup import escape
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
