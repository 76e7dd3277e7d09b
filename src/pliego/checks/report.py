"""The outcome of a check run: counts, pass or fail, JSON for machines and
findings for people (grouped by file, then by entry, worst first).

Kept apart from the task so that the grouping is tested without a
terminal; the task only hands over the console.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.markup import escape

from pliego.checks.model import Finding, Severity


@dataclass(frozen=True)
class CheckReport:
    files: tuple[str, ...]
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def failed(self, warnings_fail: bool) -> bool:
        bad = {Severity.ERROR, Severity.WARNING} if warnings_fail else {Severity.ERROR}
        return any(f.severity in bad for f in self.findings)

    def as_dict(self, warnings_fail: bool) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "summary": {s.value: self.count(s) for s in Severity},
            "failed": self.failed(warnings_fail),
            "findings": [f.as_dict() for f in self.findings],
        }


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
                console.print(
                    f"    [{_STYLE[f.severity]}]{f.severity.value:<7}[/] "
                    f"[dim]{f.check:<15}[/dim] {escape(f.message)}"
                )
    console.print(summary(report, show_notes=show_notes))


def summary(report: CheckReport, *, show_notes: bool) -> str:
    counts = {s: report.count(s) for s in Severity}
    text = (
        f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.NOTE]} notes in {len(report.files)} catalogues"
    )
    if counts[Severity.NOTE] and not show_notes:
        text += " (notes: untranslated and fuzzy entries; --notes lists them)"
    return text
