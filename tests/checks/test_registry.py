"""``invoke check``: every problem class caught by the right check and only
that one, opt-outs that survive the tools, and the shipped catalogues."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.checks.model import CheckContext, Severity, opted_out
from pliego.checks.numbers import numbers
from pliego.checks.registry import CHECKS, check_catalog
from pliego.checks.runner import check_file, parse_check_settings
from pliego.errors import ConfigError
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.glossary import GLOSSARY_NAME, parse_glossary, read_glossary
from pliego.gettext.msgfmt import run_msgfmt
from pliego.gettext.po import load_catalog, read_po, write_po
from pliego.paths import catalog_domains, po_path
from pliego.project import read_settings
from tests.conftest import REPO, Runner

HERE = Path(__file__).parent / "data"
SEEDED = HERE / "seeded.es.po"
GLOSSARY = parse_glossary((HERE / "glossary.csv").read_text(encoding="utf-8"))


def _expected(message: Message) -> set[str]:
    for comment in message.translator_comments:
        m = re.match(r"expect: (.*)", comment)
        if m:
            return set() if m.group(1) == "none" else set(m.group(1).split(", "))
    raise AssertionError(f"entry at line {message.lineno} has no 'expect:' comment")


def _seeded_findings(path: Path, lang: str) -> tuple[list[Message], dict[int, set[str]]]:
    catalog = read_po(path.read_bytes(), path.name)
    ctx = CheckContext(
        lang=lang,
        path=path.name,
        glossary=GLOSSARY,
        msgfmt_output=run_msgfmt(path)[1].replace(str(path), path.name),
    )
    entries = list(catalog.active)
    by_entry: dict[int, set[str]] = {m.lineno: set() for m in entries}
    for f in check_catalog(catalog, ctx):
        assert f.line in by_entry, f  # msgfmt's findings too are shown with their entry
        by_entry[f.line].add(f.check)
    return entries, by_entry


def test_every_problem_class_caught_by_its_check_and_only_that_one() -> None:
    entries, found = _seeded_findings(SEEDED, "es")
    for m in entries:
        assert found[m.lineno] == _expected(m), (m.lineno, m.msgid, found[m.lineno])
    seeded = set().union(*(_expected(m) for m in entries))
    # Every check has a seeded instance, except 'readable' (a broken file
    # cannot hold other entries; see test_unreadable_catalogue_is_a_finding).
    assert seeded == {c.id for c in CHECKS} - {"readable"}


QUECHUA = (
    SEEDED.read_text(encoding="utf-8")
    .split("\n\n")[0]
    .replace("Language: es", "Language: qu")
    .replace("Spanish", "Quechua")
    + """

# expect: none
msgid "The day of the 4 Suyos."
msgstr "Tawa Suyukunapa 4 p’unchawnin."

# expect: none
msgid "A day of cold, beautiful flowers."
msgstr "Ch’aki p’unchaw, sumaq sumaq t’ikakuna, k’acha q’umir."

# expect: none
msgid "Why? On 7 December, in ‘Lima’."
msgstr "¿Imanaqtin? Diciembre killapa 7 pʼunchawninpi, ‘Lima’ llaqtapi."

# expect: none
msgid "The Rally of the 4 Suyos."
msgstr "Tawantinsuyu hatun puriy."

# expect: quotes-brackets
msgid "A day in Lima."
msgstr "‘Lima llaqtapi huk p’unchaw."

# expect: dates
msgid "The strike of February."
msgstr "Hatun llamkay sayachiy."
"""
)


def test_problems_of_a_fuzzy_draft_are_notes() -> None:
    catalog = read_po(SEEDED.read_bytes())
    ctx = CheckContext(lang="es", glossary=GLOSSARY)
    drafts = [f for f in check_catalog(catalog, ctx) if f.msgid == "The police fired 30 shots."]
    assert {(f.check, f.severity) for f in drafts} == {
        ("fuzzy", Severity.NOTE),
        ("numbers", Severity.NOTE),
    }
    assert any("in this fuzzy draft: the number 30 is missing" in f.message for f in drafts)


def test_quechua_ejectives_and_reduplication_are_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "qu.po"
    path.write_text(QUECHUA, encoding="utf-8")
    entries, found = _seeded_findings(path, "qu")
    for m in entries:
        assert found[m.lineno] == _expected(m), (m.msgid, found[m.lineno])


@pytest.mark.parametrize(
    "source, target, same",
    [
        ("10,000 police", "10 000 policías", True),
        ("10,000 police", "10\u202f000 policías", True),
        ("10,000 police", "10.000 policías", True),
        ("3.5 per cent", "3,5 %", True),
        ("in 2021 35 people", "en 2021, 35 personas", True),
        ("10,000 police", "1000 policías", False),
        ("On January 18", "El 18 de enero", True),
        ("the [link](https://x.org/2023) in 2023", "el [enlace](https://x.org/2023) de 2023", True),
        ("covid-19", "covid-19", True),
    ],
)
def test_numbers_allow_locale_formatting(source: str, target: str, same: bool) -> None:
    assert (numbers(source) == numbers(target)) is same


TEXT = st.lists(
    st.sampled_from(
        [
            *"ab ¿?¡!.:;…*_`[]()^!#\\\n\"'’‘“”«»0123456789,",
            "https://x.org",
            "[^1]",
            "**",
            "February",
            "May",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, st.sampled_from(["es", "qu", "en", "de"]))
def test_checks_never_crash(msgid: str, msgstr: str, lang: str) -> None:
    catalog = Catalog(messages=(Message(msgid or "x", msgstr, lineno=3),))
    for f in check_catalog(catalog, CheckContext(lang=lang, glossary=GLOSSARY)):
        assert f.line == 3 and f.message


def test_opt_out_flag_and_comment() -> None:
    m = Message(
        "a",
        "b",
        flags=("fuzzy", "pliego-no-numbers"),
        translator_comments=("reviewed: pliego-no-length pliego-no-dates",),
    )
    assert opted_out(m) == {"numbers", "length", "dates"}


def _po(entries: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries
    )


def test_opt_out_comment_survives_msgmerge_and_our_update(tmp_path: Path) -> None:
    """GNU msgmerge drops unknown flags but keeps translator comments (also on a
    fuzzy match); pliego's update keeps both."""
    old = _po(
        "# pliego-no-numbers\n#, pliego-no-numbers\n"
        'msgid "In 2000 the government fell in Lima."\n'
        'msgstr "En el año dos mil cayó el gobierno en Lima."\n'
    )
    pot = _po('msgid "In 2000 the government fell in Lima, Peru."\nmsgstr ""\n')
    (tmp_path / "a.po").write_text(old, encoding="utf-8")
    (tmp_path / "a.pot").write_text(pot, encoding="utf-8")
    r = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", "a.po", "a.pot"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    merged = read_po(r.stdout.encode())
    (msg,) = merged.active
    assert msg.fuzzy and "pliego-no-numbers" not in msg.flags
    assert opted_out(msg) == {"numbers"}

    from pliego.gettext.merge import update_catalog

    ours, _ = update_catalog(read_po(pot.encode()), read_po(old.encode()))
    (msg,) = ours.active
    assert msg.fuzzy and "pliego-no-numbers" in msg.flags
    assert msg.translator_comments == ("pliego-no-numbers",)


def test_check_settings_are_validated(tmp_path: Path) -> None:
    where = tmp_path / "pyproject.toml"
    s = parse_check_settings(
        {"warnings-fail": True, "length-ratio": [0.5, 2], "disable": ["length"]}, where
    )
    assert s.warnings_fail and s.length_ratio == (0.5, 2.0) and s.disable == ("length",)
    for bad in (
        {"warnings-fail": "yes"},
        {"length-ratio": [2, 1]},
        {"disable": ["nope"]},
        {"colour": 1},
        {"length-min-chars": -1},
    ):
        with pytest.raises(ConfigError):
            parse_check_settings(bad, where)


def test_unreadable_catalogue_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    path = tmp_path / "x.po"
    path.write_text(_po('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'), encoding="utf-8")
    settings = read_settings(tmp_path)
    findings = check_file(
        settings, path, "es", parse_check_settings({}, path), CheckContext(lang="es")
    )
    assert {(f.check, f.severity, f.line) for f in findings} >= {
        ("readable", Severity.ERROR, 9),
        ("msgfmt", Severity.ERROR, 9),
    }
    assert any("duplicate msgid" in f.message for f in findings)


# --------------------------------------------------------------------------- the task


def test_task_list_json_strict_and_exit_codes(project: Path, invoke: Runner) -> None:
    r = invoke(project, "check", "--list")
    assert r.returncode == 0
    for c in CHECKS:
        assert c.id in r.stdout
    assert invoke(project, "extract").returncode == 0
    assert invoke(project, "update").returncode == 0
    r = invoke(project, "check")
    assert r.returncode == 0, r.stdout + r.stderr  # untranslated entries are notes
    assert "0 errors, 0 warnings, 10 notes in 2 catalogues" in r.stdout
    po = po_path(read_settings(project), "es", "small")
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "A heading"\nmsgstr ""', 'msgid "A heading"\nmsgstr "Un título."')
    text = text.replace('words in it."\nmsgstr ""', 'words in it."\nmsgstr "Tiene 10 palabras."')
    po.write_text(text, encoding="utf-8")
    before = po.read_bytes()
    r = invoke(project, "check", "--lang", "es")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "locale/es/LC_MESSAGES/small.po:" in r.stdout
    assert "the number 10,000 is missing" in r.stdout and "2 errors, 1 warnings" in r.stdout
    r = invoke(project, "check", "--lang", "es", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == 1 and data["failed"] is True
    assert {f["check"] for f in data["findings"]} == {"untranslated", "numbers", "end-punctuation"}
    assert all(
        f["file"] == "locale/es/LC_MESSAGES/small.po" and f["line"] for f in data["findings"]
    )
    # Only a warning left: passes, unless --strict or warnings-fail.
    po.write_text(text.replace("Tiene 10 palabras.", "Tiene 10 000 palabras."), "utf-8")
    assert invoke(project, "check", "--lang", "es").returncode == 0
    r = invoke(project, "check", "--lang", "es", "--strict")
    assert r.returncode == 1 and "errors or warnings" in r.stderr
    with (project / "pyproject.toml").open("a") as f:
        f.write("\n[tool.pliego.check]\nwarnings-fail = true\n")
    assert invoke(project, "check", "--lang", "es").returncode == 1
    po.write_bytes(before)
    assert po.read_bytes() == before


# --------------------------------------------------------------------------- shipped


def _shipped() -> list[tuple[str, Path]]:
    """Every catalogue of the project: the article's, then the pamphlet's and
    the site's once their templates exist."""
    settings = read_settings(REPO)
    return [
        (lang, po_path(settings, lang, domain))
        for lang in settings.languages
        for domain in catalog_domains(settings)
    ]


@pytest.mark.parametrize("lang, path", _shipped(), ids=lambda v: "/".join(Path(v).parts[-3:]))
def test_shipped_catalogues_have_no_findings_but_unfinished_work(lang: str, path: Path) -> None:
    """The translators' catalogues: no parity, number, date, glossary,
    punctuation or msgfmt finding in any reviewed entry, only work still to
    do (untranslated entries, fuzzy drafts and what is wrong with them)."""
    settings = read_settings(REPO)
    assert shutil.which("msgfmt")
    catalog = load_catalog(path)
    assert catalog.header_value("Language") == lang
    fuzzy = {m.msgid for m in catalog.active if m.fuzzy}
    findings = check_file(
        settings,
        path,
        lang,
        parse_check_settings(settings.section("check"), path),
        CheckContext(lang=lang, glossary=read_glossary(settings.locale_path / GLOSSARY_NAME)),
    )
    real = [
        f"{f.path}:{f.line}: {f.check}: {f.message}"
        for f in findings
        if f.severity is not Severity.NOTE
    ]
    assert real == []
    # Notes are only unfinished work: untranslated entries and fuzzy drafts.
    assert all(
        f.check == "untranslated" or f.msgid in fuzzy
        for f in findings
        if f.severity is Severity.NOTE
    )


def test_the_shipped_check_is_not_vacuous(tmp_path: Path) -> None:
    """Plant one mistake of each kind in a copy of the Spanish catalogue: the
    shipped-catalogue test above would catch every one."""
    settings = read_settings(REPO)
    source = po_path(settings, "es", "peru-masses-deepen-resistance")
    catalog = load_catalog(source)
    glossary = read_glossary(settings.locale_path / GLOSSARY_NAME)
    dnt = [t.en for t in glossary if t.do_not_translate]
    planted: dict[str, str] = {}
    messages = list(catalog.messages)

    def plant(check: str, wanted: Callable[[Message], bool], change: Callable[[str], str]) -> None:
        for i, m in enumerate(messages):
            if m.translated and m.msgid not in planted.values() and wanted(m):
                messages[i] = dataclasses.replace(m, msgstr=change(m.msgstr))
                planted[check] = m.msgid
                return

    plant("numbers", lambda m: bool(re.search(r"\d", m.msgstr)), lambda s: re.sub(r"\d", "", s))
    plant(
        "glossary",
        lambda m: any(t in m.msgstr for t in dnt),
        lambda s: next(s.replace(t, t.upper() + "x") for t in dnt if t in s),
    )
    plant("end-punctuation", lambda m: m.msgstr.endswith("."), lambda s: s[:-1])
    plant("quotes-brackets", lambda m: "«" in m.msgstr, lambda s: s.replace("»", "", 1))
    plant("spanish-marks", lambda m: m.msgstr.endswith("."), lambda s: s[:-1] + "?")
    plant("doubled", lambda m: " de " in m.msgstr, lambda s: s.replace(" de ", " de de ", 1))
    plant("markdown", lambda m: "*" not in m.msgid, lambda s: s.replace(" ", " *muy* ", 1))
    assert len(planted) == 7, planted
    path = tmp_path / "es.po"
    path.write_text(
        write_po(dataclasses.replace(catalog, messages=tuple(messages))), encoding="utf-8"
    )
    findings = check_file(
        settings,
        path,
        "es",
        parse_check_settings({}, path),
        CheckContext(lang="es", glossary=glossary),
    )
    caught = {(f.check, f.msgid) for f in findings}
    for check, msgid in planted.items():
        assert (check, msgid) in caught, (check, msgid)


def test_report_groups_by_file_and_entry_and_hides_notes() -> None:
    from rich.console import Console

    from pliego.checks.model import Finding
    from pliego.checks.report import CheckReport, render_report

    report = CheckReport(
        ("a.po", "b.po"),
        (
            Finding(
                "numbers", Severity.ERROR, "a.po", 5, "the number 7 is missing", "On 7 May", "es"
            ),
            Finding(
                "end-punctuation", Severity.WARNING, "a.po", 5, "ends differently", "On 7 May", "es"
            ),
            Finding("untranslated", Severity.NOTE, "b.po", 9, "not translated yet", "Hello", "es"),
        ),
    )
    console = Console(record=True, width=200)
    render_report(console, report)
    text = console.export_text()
    assert text.count("a.po:5") == 1 and "“On 7 May”" in text
    assert text.index("numbers") < text.index("end-punctuation")
    assert "b.po" not in text and "1 notes" in text and "--notes" in text
    console = Console(record=True, width=200)
    render_report(console, report, show_notes=True)
    assert "b.po:9 “Hello”" in console.export_text()
    assert report.failed(False) and report.as_dict(False)["summary"] == {
        "error": 1,
        "warning": 1,
        "note": 1,
    }
    assert not CheckReport((), report.findings[1:]).failed(False)
    assert CheckReport((), report.findings[1:]).failed(True)
