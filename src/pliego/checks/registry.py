"""The table of checks and the pure run over one catalogue.

Adding a check means writing one small function and one row in
:data:`CHECKS`; its id is what findings, ``invoke check --list`` and the
opt-out comment (``# pliego-no-<id>``) use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pliego.checks import markup, numbers, punctuation, text
from pliego.checks.model import Check, CheckContext, Finding, Severity, opted_out
from pliego.gettext.catalog import Catalog
from pliego.gettext.msgfmt import parse_msgfmt


def msgfmt_valid(ctx: CheckContext) -> Iterator[tuple[int | None, Severity | None, str]]:
    """GNU ``msgfmt --check`` rejects or warns about the file (header fields,
    plural forms, format strings, syntax): what every gettext tool will
    complain about."""
    if ctx.msgfmt_output is None:
        return
    for m in parse_msgfmt(ctx.msgfmt_output, ctx.path):
        yield m.line, Severity.WARNING if m.warning else Severity.ERROR, f"msgfmt: {m.text}"


def readable(ctx: CheckContext) -> Iterator[tuple[int | None, Severity | None, str]]:
    """pliego cannot read the file (syntax, encoding, duplicate msgid, plural
    forms that do not match the header, missing file): nothing else can be
    checked until it is fixed."""
    if ctx.read_error is not None:
        hint = f" ({ctx.read_error.hint})" if ctx.read_error.hint else ""
        yield ctx.read_error.line, None, ctx.read_error.message + hint


CHECKS: tuple[Check, ...] = (
    Check("readable", Severity.ERROR, run_file=readable),
    Check("msgfmt", Severity.ERROR, run_file=msgfmt_valid),
    Check("untranslated", Severity.NOTE, text.untranslated, on_untranslated=True),
    Check("fuzzy", Severity.NOTE, text.fuzzy, on_untranslated=True),
    Check("markdown", Severity.ERROR, markup.markdown_parity),
    Check("placeholders", Severity.ERROR, text.placeholders),
    Check("numbers", Severity.ERROR, numbers.numbers_kept),
    Check("dates", Severity.ERROR, numbers.months_kept),
    Check("glossary", Severity.WARNING, text.glossary),
    Check("identical", Severity.WARNING, text.identical),
    Check("whitespace", Severity.WARNING, text.whitespace),
    Check("doubled", Severity.WARNING, text.doubled),
    Check("end-punctuation", Severity.WARNING, punctuation.end_punctuation),
    Check("spanish-marks", Severity.ERROR, punctuation.spanish_marks),
    Check("quotes-brackets", Severity.WARNING, punctuation.quotes_brackets),
    Check("length", Severity.WARNING, text.length_ratio),
)


def check_ids() -> tuple[str, ...]:
    return tuple(c.id for c in CHECKS)


def check_catalog(
    catalog: Catalog, ctx: CheckContext, checks: Sequence[Check] = CHECKS
) -> list[Finding]:
    """Every finding for one catalogue, in file order (pure).

    Obsolete entries are skipped (they are not used); entry checks other
    than ``untranslated``/``fuzzy`` only look at entries with a translation,
    and report on fuzzy drafts as notes.
    """
    findings: list[Finding] = []
    starts = [m for m in catalog.messages if m.lineno]
    for check in checks:
        if check.run_file is None:
            continue
        for line, severity, message in check.run_file(ctx):
            # A file-level finding inside an entry is shown with that entry.
            owner = next((m for m in reversed(starts) if line and m.lineno <= line), None)
            if owner is not None and line is not None and not owner.obsolete:
                if line != owner.lineno:
                    message = f"{message} (line {line})"
                findings.append(
                    Finding(
                        check.id,
                        severity or check.severity,
                        ctx.path,
                        owner.lineno,
                        message,
                        owner.msgid,
                        ctx.lang,
                    )
                )
            else:
                findings.append(
                    Finding(
                        check.id,
                        severity or check.severity,
                        ctx.path,
                        line,
                        message,
                        None,
                        ctx.lang,
                    )
                )
    entry_checks = [c for c in checks if c.run is not None]
    for msg in catalog.active:
        skip = opted_out(msg)
        if "all" in skip:
            continue
        for check in entry_checks:
            if check.id in skip or check.run is None:
                continue
            if not check.on_untranslated and not msg.has_translation:
                continue
            # A fuzzy entry is a draft the release leaves out: its problems are
            # notes for the reviewer (--notes), not failures.
            severity = Severity.NOTE if msg.fuzzy else check.severity
            for message in dict.fromkeys(check.run(msg, ctx)):
                if msg.fuzzy and check.id != "fuzzy":
                    message = f"in this fuzzy draft: {message}"
                findings.append(
                    Finding(check.id, severity, ctx.path, msg.lineno, message, msg.msgid, ctx.lang)
                )
    order = {c.id: i for i, c in enumerate(CHECKS)}
    findings.sort(key=lambda f: (f.line or 0, order.get(f.check, len(order))))
    return findings
