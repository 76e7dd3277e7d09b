"""The ``placeholders`` check: the rule the templates fall back to the English on,
reported before anyone publishes; and which catalogues it applies to."""

from __future__ import annotations

from pathlib import Path

import pytest

from pliego.checks.model import CheckContext, Finding, Severity
from pliego.checks.registry import CHECKS, check_catalog
from pliego.checks.runner import check_project
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.placeholders import is_python_format, mismatches, parse_format
from pliego.paths import po_path
from pliego.project import read_settings
from tests.conftest import Runner


def placeholder_findings(message: Message, domain: str = "site") -> list[Finding]:
    ctx = CheckContext(lang="es", path="site.po", domain=domain)
    found = check_catalog(Catalog(messages=(message,)), ctx)
    return [f for f in found if f.check == "placeholders"]


def messages(message: Message, domain: str = "site") -> list[str]:
    return [f.message for f in placeholder_findings(message, domain)]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        ("Cover of %(title)s", "Portada", ["the translation lacks %(title)s"]),
        (
            "By %(author)s",
            "Por %(author)s y %(editor)s",
            ["the translation adds %(editor)s, which the English does not have"],
        ),
        (
            "Cover of %(title)s",
            "Portada de %(titulo)s",
            ["the translation renames %(title)s to %(titulo)s"],
        ),
        (
            "Pages",
            "Páginas (100 %)",
            ["the translation has a stray % (write %% for a percent sign)"],
        ),
        (
            "%(n)s%% done",
            "%(n)s % hecho",
            ["the translation has a stray % (write %% for a percent sign)"],
        ),
        (
            "%(n)d pages",
            "%(n)s páginas",
            ["the translation writes %(n)s where the English has %(n)d"],
        ),
        ("%(n)s%% done", "%(n)s %% hecho", []),  # %% is a percent sign
        ("Pages", "Páginas (100 %%)", []),
        ("Cover of %(title)s", "«%(title)s»: portada", []),  # moved, not lost
    ],
)
def test_missing_extra_renamed_stray_and_what_passes(
    msgid: str, msgstr: str, expected: list[str]
) -> None:
    assert messages(Message(msgid, msgstr, lineno=4)) == expected
    if expected:
        (f,) = placeholder_findings(Message(msgid, msgstr, lineno=4))
        assert (f.severity, f.line, f.msgid) == (Severity.ERROR, 4, msgid)


def test_a_plural_form_may_leave_the_count_out_but_not_add_or_break_one() -> None:
    def plural(*forms: str) -> Message:
        return Message(
            "%(num)d page of %(title)s",
            msgid_plural="%(num)d pages of %(title)s",
            msgstr_plural=forms,
            flags=("python-format",),
        )

    assert messages(plural("una página de %(title)s", "%(num)d páginas de %(title)s")) == []
    assert messages(plural("una página de %(title)s", "%(num)d páginas de %(titulo)s")) == [
        "the translation adds %(titulo)s, which the English does not have"
    ]
    assert messages(plural("una página (100 %)", "%(num)d páginas de %(title)s")) == [
        "the translation has a stray % (write %% for a percent sign)"
    ]


def test_articles_are_checked_only_where_flagged_and_drafts_are_notes() -> None:
    prose = Message("A share of 3.5 per cent.", "Una parte del 3,5 %.")
    assert messages(prose, domain="peru-masses-deepen-resistance") == []
    assert messages(prose, domain="pamphlet") == [
        "the translation has a stray % (write %% for a percent sign)"
    ]
    flagged = Message("Cover of %(title)s", "Portada", flags=("python-format",))
    assert messages(flagged, domain="small") == ["the translation lacks %(title)s"]
    (draft,) = placeholder_findings(flagged.with_flag("fuzzy"))
    assert draft.severity is Severity.NOTE and draft.message.startswith("in this fuzzy draft:")


def test_the_check_is_listed_as_an_error_with_its_docstring() -> None:
    (check,) = [c for c in CHECKS if c.id == "placeholders"]
    assert check.severity is Severity.ERROR
    assert check.description.startswith("A `%` placeholder of the English is missing")


def test_the_rule_reads_python_format_strings() -> None:
    f = parse_format("%(a)s, %(b)05.1f%% and %(a)s; 5 % off %(")
    assert f.placeholders == (("a", "%(a)s"), ("b", "%(b)05.1f"))
    assert f.percent and f.stray == 2
    assert is_python_format("100%% sure") and is_python_format("x", "%(num)d pages")
    assert not is_python_format("Pages") and not is_python_format("3.5 % of it")
    # An English that is no format string (a stray % of its own) asks nothing of the %.
    assert mismatches("5 % off", "5 % de descuento") == ()


def test_invoke_check_finds_it_in_site_po(project: Path, invoke: Runner) -> None:
    """Through the task: the domain comes from the file, so site.po is judged as a template
    domain (every string, flag or not) with the site's words about HTML."""
    from tests.sitekit import add_site_templates

    add_site_templates(project)
    assert invoke(project, "extract").returncode == 0
    assert invoke(project, "update").returncode == 0
    path = po_path(read_settings(project), "es", "site")
    text = path.read_text("utf-8")
    for msgid, msgstr in (
        ("Cover of %(title)s", "Portada de %(titulo)s"),
        ("Pages", "Páginas (en %)"),
        ("Draft", "<b>Borrador</b>"),
    ):
        start = text.index(f'msgid "{msgid}"\nmsgstr "')
        end = text.index("\n", text.index("msgstr", start))
        text = text[:start] + f'msgid "{msgid}"\nmsgstr "{msgstr}"' + text[end:]
    path.write_text(text, "utf-8")
    report = check_project(read_settings(project), ("es",))
    site = [
        f for f in report.findings if f.path.endswith("site.po") and f.severity is not Severity.NOTE
    ]
    assert {(f.check, f.msgid) for f in site} == {
        ("msgfmt", "Cover of %(title)s"),
        ("placeholders", "Cover of %(title)s"),
        ("placeholders", "Pages"),
        ("markdown", "Draft"),
    }
    (html,) = [f.message for f in site if f.check == "markdown"]
    assert "shown as text on the download site" in html and "pamphlet" not in html
    done = invoke(project, "check", "--lang", "es")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "renames %(title)s to %(titulo)s" in done.stdout
