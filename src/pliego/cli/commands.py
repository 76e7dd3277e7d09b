"""One function per ``invoke`` task: run the stage under the error boundary, print its report.

``tasks.py`` turns options into a call of one of these and nothing else, so
what a task does is testable and type-checked here.  Each command imports its
stage inside its body: ``invoke --list``, ``invoke extract`` or a no-op
``invoke build`` must not load WeasyPrint, Jinja2 or the machine-translation
engines that other tasks need (``bench/build.py`` times the no-op rebuild).

Lines that quote the user's text (Markdown, error reasons, notes) are printed
with ``markup=False``: a ``[`` in an article is not a rich style.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from invoke.exceptions import Exit

from pliego.cli import report
from pliego.cli.boundary import console, err_console, run

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pliego.plan import Plan
    from pliego.project import Settings


def extract(*, article: str = "", debug: bool = False) -> None:
    """Write the articles' and template domains' ``.pot`` files and the glossary's
    ``.tbx`` files; one line per file.

    ``article`` narrows the articles; the pamphlet's and the site's own strings,
    which every article shares, are extracted in any case (as in every task), and
    so is the glossary.
    """
    from pliego.extract import export_glossary, extract_all, extract_template_domain
    from pliego.paths import TEMPLATE_DOMAINS
    from pliego.plan import make_plan

    def action(settings: Settings) -> None:
        for r in extract_all(settings, make_plan(settings, article).chosen):
            console.print(report.extract_line(settings.root, r))
            for note in r.notes:  # raw HTML in the English, with file:line
                console.print(f"  note: {note}", markup=False, emoji=False)
        for domain in TEMPLATE_DOMAINS:
            t = extract_template_domain(settings, domain)
            if t is not None:
                console.print(report.extract_line(settings.root, t, template=True))
        for g in export_glossary(settings):
            console.print(report.glossary_line(settings.root, g))

    run(action, debug=debug)


def update(
    *, lang: str = "all", article: str = "", purge: bool = False, debug: bool = False
) -> None:
    """Merge the templates into every chosen language's planned catalogues.

    An article not planned in a language gets no catalogue there; one that
    exists already is left as it is, with a note.  Orphaned catalogues are
    removed by ``purge`` only in a run over every article: ``--article``
    narrows a run, it does not widen what it may delete.
    """
    from pliego.paths import catalog_domains, po_path
    from pliego.plan import make_plan
    from pliego.update import orphaned_catalogues, remove_orphans, update_all

    def action(settings: Settings) -> None:
        langs = settings.select_languages(lang)
        plan = make_plan(settings, article)
        for r in update_all(settings, langs, catalog_domains(settings), purge=purge, plan=plan):
            console.print(report.update_line(settings.root, r))
        for code in langs:
            for slug in plan.unplanned(code):
                path = po_path(settings, code, slug)
                line = report.unplanned_update_line(settings, plan, code, slug, path.exists())
                console.print(line, markup=False, emoji=False)
        orphans = orphaned_catalogues(settings)
        removed = purge and not article.strip()
        if removed:
            remove_orphans(orphans)
        for line in report.orphan_lines(settings.root, orphans, removed=removed):
            console.print(line, markup=False, emoji=False)

    run(action, debug=debug)


def status(
    *,
    lang: str = "all",
    article: str = "",
    fail_under: float = -1.0,
    as_json: bool = False,
    debug: bool = False,
) -> None:
    """Count every planned catalogue; a table (or JSON), then fail if any is below
    ``fail_under``.  A negative ``fail_under`` (the default) means no threshold;
    an unplanned translation is not counted, so it cannot fail the threshold.
    """
    from pliego.gettext.po import load_catalog
    from pliego.gettext.stats import below, catalog_stats
    from pliego.paths import catalog_domains, po_path
    from pliego.plan import make_plan

    def action(settings: Settings) -> None:
        plan = make_plan(settings, article)
        codes = settings.select_languages(lang)
        stats = [
            catalog_stats(load_catalog(po_path(settings, code, domain)), code, domain)
            for code in codes
            for domain in catalog_domains(settings)
            if plan.wants(code, domain)
        ]
        if as_json:
            console.print_json(json.dumps([s.as_dict() for s in stats]))
        else:
            console.print(report.status_table(stats))
            for line in report.unplanned_lines(settings, plan, codes):
                console.print(line, markup=False, emoji=False)
        if fail_under >= 0 and (low := below(stats, fail_under)):
            raise Exit(report.below_message(fail_under, low), code=1)

    run(action, debug=debug)


def prefill(
    lang: str = "all",
    article: str = "",
    *,
    engine: str = "",
    refresh: bool = False,
    score: bool = False,
    debug: bool = False,
) -> None:
    """Machine drafts for empty entries, one language at a time behind a progress bar.

    Every language's engine chain is chosen (and refused) before the first
    request, so a bad ``--engine`` or a missing key costs no network call.
    ``score``: write nothing; print each engine's chrF++ and edit share against
    the reviewed entries instead (:func:`pliego.prefill.score.score_language`).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pliego.plan import make_plan
    from pliego.prefill.run import prefill_language
    from pliego.prefill.settings import choose_chain, parse_engine_option, read_options

    def action(settings: Settings) -> None:
        override = parse_engine_option(engine)
        codes = settings.select_languages(lang)
        plan = make_plan(settings, article)
        options = read_options(settings)
        for code in codes:  # every pair checked before the first request
            choose_chain(settings, options, code, override)
        if score:
            _print_scores(settings, codes, override)
            return
        empty: list[str] = []
        for code in codes:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=console.rich,
                transient=True,
            ) as bar:
                job = bar.add_task(f"prefill {code}", total=None)
                r = prefill_language(
                    settings,
                    code,
                    engines=override,
                    refresh=refresh,
                    progress=partial(_advance, bar, job),
                    plan=plan,
                )
            for line in r.summary():  # reasons quote Markdown such as '[': no rich markup
                console.print(line, markup=False)
            for line in report.prefill_skip_lines(r.skips):
                console.print(line, markup=False, emoji=False)
            if r.total_failed and not r.total_filled:
                empty.append(f"{code} ({r.total_failed} failed)")
        if empty:  # a run that drafted nothing for a language it was asked for did not work
            raise Exit(
                f"error: prefill filled nothing for {', '.join(empty)}: see the reasons above",
                code=1,
            )

    run(action, debug=debug)


def _print_scores(settings: Settings, codes: Sequence[str], override: Sequence[str] | None) -> None:
    from pliego.prefill.score import score_language

    for code in codes:
        with console.status(f"scoring {code}'s engines on the reviewed entries"):
            results, notes = score_language(settings, code, engines=override)
        for result in results:
            console.print(f"{code} {result.file}:", markup=False)
            for s in result.scores:
                console.print(f"  {s.line()}", markup=False)
        for note in notes:
            console.print(f"  note: {note}", markup=False)


def _advance(bar: Progress, job: TaskID, done: int, total: int) -> None:
    bar.update(job, completed=done, total=total)


def build(
    lang: str = "all",
    article: str = "",
    draft: bool = False,
    force: bool = False,
    editions: str = "",
    jobs: int = 0,
    *,
    review: bool = False,
    debug: bool = False,
) -> None:
    """Typeset the chosen languages (``all`` includes the source language).

    ``editions`` is a comma list (empty: all); ``jobs`` 0 means one process
    per core.  Per language and article, what was built, skipped (not planned)
    or refused is printed first, then one error block per refusal or failed
    language; the exit status is 1 if any planned article was not built.
    ``review`` writes the review proofs instead (:mod:`pliego.pamphlet.review`).
    """
    from pliego.pamphlet.build import build_languages
    from pliego.plan import make_plan

    def action(settings: Settings) -> None:
        plan = make_plan(settings, article)
        if review:
            return _reviews(settings, plan, lang)
        if lang.strip() in ("", "all"):
            codes = (settings.source_language, *settings.languages)
        else:
            codes = settings.select_languages(lang, allow_source=True)
        chosen = [e.strip() for e in editions.split(",") if e.strip()] or None
        outcomes = build_languages(
            settings,
            codes,
            draft=draft,
            force=force,
            editions=chosen,
            jobs=jobs or None,
            plan=plan,
        )
        for line in report.build_lines(settings.root, outcomes, settings=settings, plan=plan):
            console.print(line, markup=False, emoji=False)
        errors = report.build_errors(outcomes)
        for line in errors:
            err_console.print(line, markup=False, emoji=False)
        if errors:
            raise Exit(code=1)

    run(action, debug=debug)


def _reviews(settings: Settings, plan: Plan, lang: str) -> None:
    """One review proof per chosen article and translated language it is planned in:
    ``build/<lang>/<slug>-review.pdf``."""
    from pliego.pamphlet.build import source_epoch
    from pliego.pamphlet.review import write_review
    from pliego.paths import relative

    codes = settings.languages if lang.strip() in ("", "all") else settings.select_languages(lang)
    epoch = source_epoch()
    for code in codes:
        for slug in plan.slugs:
            if not plan.is_planned(slug, code):
                continue
            out = write_review(settings, code, slug, epoch=epoch)
            console.print(f"{code}: {relative(settings, out)} (review proof)", markup=False)


def check(
    lang: str = "all",
    article: str = "",
    *,
    as_json: bool = False,
    show_list: bool = False,
    strict: bool = False,
    notes: bool = False,
    debug: bool = False,
) -> None:
    """Run the checks (or only list them); exit 1 on errors, or warnings when strict.

    ``strict`` is the command line's say; ``warnings-fail`` in
    ``[tool.pliego.check]`` can ask for the same from the project.
    """
    from pliego.checks.registry import CHECKS
    from pliego.checks.report import render_report
    from pliego.checks.runner import check_project, parse_check_settings
    from pliego.plan import make_plan

    def action(settings: Settings) -> None:
        if show_list:
            console.print(report.checks_table(CHECKS))
            return
        options = parse_check_settings(settings.section("check"), settings.root / "pyproject.toml")
        plan = make_plan(settings, article)
        found = check_project(settings, settings.select_languages(lang), options, plan)
        warnings_fail = strict or options.warnings_fail
        if as_json:
            console.print_json(json.dumps(found.as_dict(warnings_fail), ensure_ascii=False))
        else:
            render_report(console.rich, found, show_notes=notes)
        if found.failed(warnings_fail):
            raise Exit(report.check_failed_message(warnings_fail), code=1)

    run(action, debug=debug)


def publish(
    *, article: str = "", drafts: bool = False, no_build: bool = False, debug: bool = False
) -> None:
    """Write the download site (building the release pamphlets first unless ``no_build``).

    ``article`` narrows what is built first; the site lists every pamphlet built.
    """
    from pliego.site.publish import publish as publish_site

    def action(settings: Settings) -> None:
        r = publish_site(settings, drafts=drafts, build=not no_build, article=article)
        for note in r.notes:
            console.print(f"note: {note}", markup=False, emoji=False)
        for line in report.site_groups(r.model):
            console.print(line, markup=False)
        console.print(report.site_summary(settings.root, r))

    run(action, debug=debug)


def serve(*, port: int = 8000, debug: bool = False) -> None:
    """Serve ``build/site/`` on 127.0.0.1 until Ctrl-C."""
    from pliego.site.publish import site_folder
    from pliego.site.serve import make_server, url_of

    def action(settings: Settings) -> None:
        server = make_server(site_folder(settings), port)
        console.print(f"serving {site_folder(settings)} at {url_of(server)} (Ctrl-C to stop)")
        sys.stdout.flush()  # the address must reach a pipe before the server blocks
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            console.print("stopped")
        finally:
            server.server_close()

    run(action, debug=debug)
