"""Findings for people: grouped by file, then by entry, worst first.

Kept apart from the task so that the grouping is tested without a
terminal; the task only hands over the console.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape

from .model import Finding, Severity
from .runner import CheckReport

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


def _excerpt(msgid: str, width: int = 60) -> str:
    flat = " ".join(msgid.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_report(console: Console, report: CheckReport, *, show_notes: bool = False) -> None:
    """Print the findings grouped by file and entry, then a summary line."""
    shown = [f for f in report.findings if show_notes or f.severity is not Severity.NOTE]
    for path, in_file in groupby(shown, key=lambda f: f.path):
        console.print(f"[bold]{escape(path)}[/bold]")
        for (line, msgid), entry in groupby(in_file, key=lambda f: (f.line, f.msgid)):
            where = f"{path}:{line}" if line else path
            label = f" “{escape(_excerpt(msgid))}”" if msgid else ""
            console.print(f"  [dim]{escape(where)}[/dim]{label}")
            for f in sorted(entry, key=lambda f: f.severity.rank):
                console.print(f"    [{_STYLE[f.severity]}]{f.severity.value:<7}[/] "
                              f"[dim]{f.check:<15}[/dim] {escape(f.message)}")
    console.print(summary(report, show_notes=show_notes))


def summary(report: CheckReport, *, show_notes: bool) -> str:
    counts = {s: report.count(s) for s in Severity}
    text = (f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.NOTE]} notes in {len(report.files)} catalogues")
    if counts[Severity.NOTE] and not show_notes:
        text += " (notes: untranslated and fuzzy entries; --notes lists them)"
    return text


__all__ = ["Finding", "render_report", "summary"]
