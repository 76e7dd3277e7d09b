"""pliego's tasks: ``invoke --list`` shows them, ``invoke --help TASK`` explains one.

Tasks stay thin: options and help texts (what ``invoke`` shows) -> one call of
:mod:`pliego.cli`, which runs the stage under the error boundary and prints.
"""

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from invoke import Context, task

from pliego import cli


def _task(**help: str) -> Any:
    """``@task`` with the option every task has, ``--debug``, and its one help text."""
    return task(
        klass=cli.Task, help={**help, "debug": "show the full traceback on errors (for developers)"}
    )


@_task()
def extract(c: Context, debug: bool = False) -> None:
    """Cut the articles (and the pamphlet's and site's own strings) into .pot templates.

    source/<slug>.md -> locale/<slug>.pot; styles/pamphlet/ -> locale/pamphlet.pot;
    styles/site/ -> locale/site.pot. A file is rewritten only when more than its
    creation date changed (SOURCE_DATE_EPOCH sets that date).
    """
    cli.extract(debug=debug)


@_task(
    lang="languages to update: es,qu or all (default: all configured languages)",
    purge="drop obsolete (#~) entries instead of keeping them at the end of the file",
)
def update(c: Context, lang: str = "all", purge: bool = False, debug: bool = False) -> None:
    """Create or update locale/<lang>/LC_MESSAGES/<slug>.po from the templates.

    Unchanged entries keep their translation; changed ones keep it as fuzzy with
    the previous English shown (#|); vanished ones are kept as obsolete (#~).
    """
    cli.update(lang=lang, purge=purge, debug=debug)


@_task(
    lang="languages to report: es,qu or all",
    fail_under="exit with an error if any catalogue is below this percentage translated",
    json="print machine-readable JSON instead of a table",
)
def status(
    c: Context, lang: str = "all", fail_under: float = -1.0, json: bool = False, debug: bool = False
) -> None:
    """How much is translated, per language and article (fuzzy is not translated)."""
    cli.status(lang=lang, fail_under=fail_under, as_json=json, debug=debug)


@_task(
    lang="languages to prefill: es,qu or all",
    engine="engine chain instead of [tool.pliego.prefill], e.g. memory,apertium or google",
    refresh="also redo drafts that are still fuzzy and unchanged since an engine wrote them",
)
def prefill(
    c: Context, lang: str = "all", engine: str = "", refresh: bool = False, debug: bool = False
) -> None:
    """Fill empty translations with machine drafts, each marked fuzzy for review.

    Engines (memory, apertium, google, mymemory, libre, deepl, microsoft) are tried in
    order; only empty entries are written, each with a '# pliego-mt: <engine>' comment.
    Keys and test URLs come from environment variables (see docs/prefill.md).
    """
    cli.prefill(lang=lang, engine=engine, refresh=refresh, debug=debug)


@_task(
    lang="languages to build: es, qu, en (the source), a comma list, or all (default: all)",
    draft="a proof for reviewers: fuzzy text used, missing text in English, "
    "DRAFT on every page, -draft in the file names",
    force="rebuild even when no input changed",
    editions="which editions: reading,booklet,print (default: all three)",
    jobs="languages built in parallel (default: one process per core)",
    review="write review proofs instead: build/<lang>/<slug>-review.pdf, A4, to correct on paper",
)
def build(
    c: Context,
    lang: str = "all",
    debug: bool = False,
    draft: bool = False,
    force: bool = False,
    editions: str = "",
    jobs: int = 0,
    review: bool = False,
) -> None:
    """Typeset the pamphlets into build/<lang>/: A5 reading edition, A4 booklet, print edition.

    A release (without --draft) uses reviewed translations only and refuses, listing
    what is missing, when a language is below [tool.pliego.build] release-threshold
    or when invoke check finds errors in what it would print.
    """
    cli.build(
        lang=lang,
        draft=draft,
        force=force,
        editions=editions,
        jobs=jobs,
        review=review,
        debug=debug,
    )


@_task(
    lang="languages to check: es,qu or all",
    json="print machine-readable JSON (every finding, notes included)",
    list="list the checks and what each one looks for, then stop",
    strict="warnings fail the run too (default: only errors; see warnings-fail in "
    "[tool.pliego.check])",
    notes="also show notes (untranslated and fuzzy entries) one by one",
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
    cli.check(lang=lang, as_json=json, show_list=list, strict=strict, notes=notes, debug=debug)


@_task(
    drafts="also list draft pamphlets (clearly marked), for reviewers",
    no_build="publish the PDFs already in build/<lang>/ without building them first",
)
def publish(c: Context, drafts: bool = False, no_build: bool = False, debug: bool = False) -> None:
    """Build the release pamphlets and write the download site to build/site/
    (index pages, PDFs, covers, SHA256SUMS, manifest.json, feed.xml)."""
    cli.publish(drafts=drafts, no_build=no_build, debug=debug)


@_task(port="the port on 127.0.0.1 (default 8000; 0 picks a free one)")
def serve(c: Context, port: int = 8000, debug: bool = False) -> None:
    """Preview build/site/ at http://127.0.0.1:PORT/ (this machine only; Ctrl-C stops)."""
    cli.serve(port=port, debug=debug)
