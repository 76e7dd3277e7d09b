"""pliego's tasks: ``invoke --list`` shows them, ``invoke --help TASK`` explains one.

Tasks stay thin: parse options, call the package, render the result.  The
logic lives in ``src/pliego`` where the tests call it directly.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from invoke import Context, task
from invoke.exceptions import Exit

from pliego.cli import console, err_console, run
from pliego.project import Settings


@task(help={"debug": "show the full traceback on errors (for developers)"})
def extract(c: Context, debug: bool = False) -> None:
    """Cut the articles (and the pamphlet's and site's own strings) into .pot templates.

    source/<slug>.md -> locale/<slug>.pot; styles/pamphlet/ -> locale/pamphlet.pot;
    styles/site/ -> locale/site.pot. A file is rewritten only when more than its
    creation date changed (SOURCE_DATE_EPOCH sets that date).
    """
    from pliego.extract import extract_all, extract_template_domain
    from pliego.project import TEMPLATE_DOMAINS, articles

    def action(settings: Settings) -> None:
        for r in extract_all(settings, articles(settings)):
            state = "written" if r.written else "unchanged"
            console.print(
                f"{r.path.relative_to(settings.root)}: {r.messages} messages "
                f"from {r.units} units ({state})"
            )
            for note in r.notes:
                console.print(f"  note: {note}", markup=False, emoji=False)
        for domain in TEMPLATE_DOMAINS:
            t = extract_template_domain(settings, domain)
            if t is not None:
                state = "written" if t.written else "unchanged"
                console.print(
                    f"{t.path.relative_to(settings.root)}: {t.messages} messages "
                    f"from the {domain} templates ({state})"
                )

    run(action, debug=debug)


@task(
    help={
        "lang": "languages to update: es,qu or all (default: all configured languages)",
        "purge": "drop obsolete (#~) entries instead of keeping them at the end of the file",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def update(c: Context, lang: str = "all", purge: bool = False, debug: bool = False) -> None:
    """Create or update locale/<lang>/LC_MESSAGES/<slug>.po from the templates.

    Unchanged entries keep their translation; changed ones keep it as fuzzy with
    the previous English shown (#|); vanished ones are kept as obsolete (#~).
    """
    from pliego.project import catalog_domains
    from pliego.update import update_all

    def action(settings: Settings) -> None:
        for r in update_all(
            settings, settings.select_languages(lang), catalog_domains(settings), purge=purge
        ):
            s = r.stats
            what = "created" if r.created else "written" if r.written else "unchanged"
            console.print(
                f"{r.path.relative_to(settings.root)} ({what}): {s.kept} kept, "
                f"{s.fuzzy} fuzzy, {s.new} new, {s.obsolete} obsolete"
                + (f", {s.purged} purged" if s.purged else "")
            )

    run(action, debug=debug)


@task(
    help={
        "lang": "languages to report: es,qu or all",
        "fail_under": "exit with an error if any catalogue is below this percentage translated",
        "json": "print machine-readable JSON instead of a table",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def status(
    c: Context, lang: str = "all", fail_under: float = -1.0, json: bool = False, debug: bool = False
) -> None:
    """How much is translated, per language and article (fuzzy is not translated)."""
    from pliego.gettext.po import load_catalog
    from pliego.gettext.stats import below, catalog_stats
    from pliego.project import catalog_domains, po_path

    as_json = json

    def action(settings: Settings) -> None:
        stats = []
        for code in settings.select_languages(lang):
            for domain in catalog_domains(settings):
                catalog = load_catalog(po_path(settings, code, domain))
                stats.append(catalog_stats(catalog, code, domain))
        if as_json:
            console.print_json(_json.dumps([s.as_dict() for s in stats]))
        else:
            from rich.table import Table

            table = Table(title="Translation status")
            for col in (
                "language",
                "article",
                "translated",
                "fuzzy",
                "untranslated",
                "obsolete",
                "words",
                "% translated",
            ):
                table.add_column(col, justify="left" if col in ("language", "article") else "right")
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
            console.print(table)
        if fail_under >= 0:
            low = below(stats, fail_under)
            if low:
                names = ", ".join(f"{s.lang}/{s.domain} {s.percent:.1f}%" for s in low)
                raise Exit(f"error: below {fail_under:g}% translated: {names}", code=1)

    run(action, debug=debug)


@task(
    help={
        "lang": "languages to prefill: es,qu or all",
        "engine": "engine chain instead of [tool.pliego.prefill], e.g. memory,apertium or google",
        "refresh": "also redo drafts that are still fuzzy and unchanged since an engine wrote them",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def prefill(
    c: Context, lang: str = "all", engine: str = "", refresh: bool = False, debug: bool = False
) -> None:
    """Fill empty translations with machine drafts, each marked fuzzy for review.

    Engines (memory, apertium, google, mymemory, libre, deepl, microsoft) are tried in
    order; only empty entries are written, each with a '# pliego-mt: <engine>' comment.
    Keys and test URLs come from environment variables (see docs/prefill.md).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pliego.prefill.run import prefill_language
    from pliego.prefill.settings import choose_chain, parse_engine_option, read_options

    def action(settings: Settings) -> None:
        override = parse_engine_option(engine)
        codes = settings.select_languages(lang)
        options = read_options(settings)
        for code in codes:  # every pair checked before the first request
            choose_chain(settings, options, code, override)
        for code in codes:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=console,
                transient=True,
            ) as bar:
                job = bar.add_task(f"prefill {code}", total=None)
                r = prefill_language(
                    settings,
                    code,
                    engines=override,
                    refresh=refresh,
                    progress=partial(_advance, bar, job),
                )
            for line in r.summary():  # reasons quote Markdown such as '[': no rich markup
                console.print(line, markup=False)

    run(action, debug=debug)


def _advance(bar: Any, job: Any, done: int, total: int) -> None:
    bar.update(job, completed=done, total=total)


_json = json


@task(
    help={
        "lang": "languages to build: es, qu, en (the source), a comma list, or all (default: all)",
        "draft": "a proof for reviewers: fuzzy text used, missing text in English, "
        "DRAFT on every page, -draft in the file names",
        "force": "rebuild even when no input changed",
        "editions": "which editions: reading,booklet,print (default: all three)",
        "jobs": "languages built in parallel (default: one process per core)",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def build(
    c: Context,
    lang: str = "all",
    debug: bool = False,
    draft: bool = False,
    force: bool = False,
    editions: str = "",
    jobs: int = 0,
) -> None:
    # (debug comes first so that -d means --debug here as in every other task)
    """Typeset the pamphlets into build/<lang>/: A5 reading edition, A4 booklet, print edition.

    A release (without --draft) uses reviewed translations only and refuses, listing
    what is missing, when a language is below [tool.pliego.build] release-threshold.
    """
    from pliego.pamphlet.build import build_languages

    def action(settings: Settings) -> None:
        if lang.strip() in ("", "all"):
            codes = (settings.source_language, *settings.languages)
        else:
            codes = settings.select_languages(lang, allow_source=True)
        chosen = [e.strip() for e in editions.split(",") if e.strip()] or None
        outcomes = build_languages(
            settings, codes, draft=draft, force=force, editions=chosen, jobs=jobs or None
        )
        for o in outcomes:
            if o.result is None:
                continue
            for a in o.result.articles:
                if a.skipped:
                    console.print(f"{o.lang}/{a.slug}: up to date", markup=False, emoji=False)
                    continue
                for e in a.editions:
                    console.print(
                        f"{e.path.relative_to(settings.root)}: {e.pages} pages "
                        f"({e.paper}, {e.kind})",
                        markup=False,
                        emoji=False,
                    )
                for note in a.notes:
                    console.print(f"  note: {note}", markup=False, emoji=False)
        failed = [o for o in outcomes if o.error is not None]
        for o in failed:  # one block per language, after what was built
            err_console.print(f"error: {o.lang}: {o.error}", markup=False, emoji=False)
        if failed:
            raise Exit(code=1)

    run(action, debug=debug)


@task(
    help={
        "lang": "languages to check: es,qu or all",
        "json": "print machine-readable JSON (every finding, notes included)",
        "list": "list the checks and what each one looks for, then stop",
        "strict": "warnings fail the run too (default: only errors; see warnings-fail in "
        "[tool.pliego.check])",
        "notes": "also show notes (untranslated and fuzzy entries) one by one",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def check(
    c: Context,
    lang: str = "all",
    json: bool = False,
    list: bool = False,
    strict: bool = False,
    notes: bool = False,
    debug: bool = False,
) -> None:
    """Check the translations before they are printed (non-zero exit on errors).

    Markdown, numbers, dates, glossary, punctuation, white space, length and
    msgfmt validity; `invoke check --list` describes each check.

    Opt out for one entry with a translator comment `# pliego-no-<check>`.
    """
    from rich.markup import escape

    from pliego.checks.registry import CHECKS
    from pliego.checks.report import render_report
    from pliego.checks.runner import check_project, parse_check_settings

    as_json, show_list = json, list

    def action(settings: Settings) -> None:
        if show_list:
            from rich.table import Table

            table = Table(title="Checks (opt out per entry: # pliego-no-<check>)")
            for col in ("check", "severity", "what it finds"):
                table.add_column(col)
            for chk in CHECKS:
                table.add_row(chk.id, chk.severity.value, escape(chk.description))
            console.print(table)
            return
        options = parse_check_settings(settings.section("check"), settings.root / "pyproject.toml")
        report = check_project(settings, settings.select_languages(lang), options)
        warnings_fail = strict or options.warnings_fail
        if as_json:
            console.print_json(_json.dumps(report.as_dict(warnings_fail), ensure_ascii=False))
        else:
            render_report(console, report, show_notes=notes)
        if report.failed(warnings_fail):
            what = "errors or warnings" if warnings_fail else "errors"
            raise Exit(f"error: the check found {what} (see above)", code=1)

    run(action, debug=debug)


@task(
    help={
        "drafts": "also list draft pamphlets (clearly marked), for reviewers",
        "no_build": "publish the PDFs already in build/<lang>/ without building them first",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def publish(c: Context, drafts: bool = False, no_build: bool = False, debug: bool = False) -> None:
    """Build the release pamphlets and write the download site to build/site/
    (index pages, PDFs, covers, SHA256SUMS, manifest.json, feed.xml)."""
    from pliego.site.publish import publish as publish_site

    def action(settings: Settings) -> None:
        r = publish_site(settings, drafts=drafts, build=not no_build)
        for note in r.notes:
            console.print(f"note: {note}", markup=False, emoji=False)
        for group in r.model.groups:
            names = ", ".join(p.slug + (" (draft)" if p.draft else "") for p in group.pamphlets)
            console.print(f"{group.lang} ({group.name}): {names}", markup=False)
        if not r.model.groups:
            console.print("no pamphlet is ready: the site lists none")
        where = r.site.relative_to(settings.root)
        console.print(
            f"{where}/: {r.files} files, {len(r.written)} written, "
            f"{len(r.removed)} removed; pages: {', '.join(r.pages)}"
        )

    run(action, debug=debug)


@task(
    help={
        "port": "the port on 127.0.0.1 (default 8000; 0 picks a free one)",
        "debug": "show the full traceback on errors (for developers)",
    }
)
def serve(c: Context, port: int = 8000, debug: bool = False) -> None:
    """Preview build/site/ at http://127.0.0.1:PORT/ (this machine only; Ctrl-C stops)."""
    from pliego.site.publish import site_folder
    from pliego.site.serve import make_server, url_of

    def action(settings: Settings) -> None:
        server = make_server(site_folder(settings), port)
        console.print(f"serving {site_folder(settings)} at {url_of(server)} (Ctrl-C to stop)")
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            console.print("stopped")
        finally:
            server.server_close()

    run(action, debug=debug)
