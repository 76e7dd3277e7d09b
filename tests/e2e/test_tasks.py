"""The editor's tasks run as a user runs them: ``invoke …`` in a project folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import Runner, msgfmt_check


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_extract_update_status_round(project: Path, invoke: Runner) -> None:
    r = invoke(project, "extract")
    assert r.returncode == 0, r.stderr
    pot = project / "locale" / "small.pot"
    assert "POT-Creation-Date: 2023-02-09 00:00+0000" in pot.read_text()  # SOURCE_DATE_EPOCH
    r = invoke(project, "update", "--lang", "es,qu")
    assert r.returncode == 0, r.stderr
    for lang in ("es", "qu"):
        po = project / "locale" / lang / "LC_MESSAGES" / "small.po"
        assert msgfmt_check(po).returncode == 0
        assert f'"Language: {lang}\\n"' in po.read_text()
    before = _snapshot(project)
    assert invoke(project, "extract", env={"SOURCE_DATE_EPOCH": "1700000000"}).returncode == 0
    assert invoke(project, "update").returncode == 0
    assert _snapshot(project) == before, "a timestamp alone must not rewrite files"
    r = invoke(project, "status", "--json")
    data = json.loads(r.stdout)
    assert {d["lang"] for d in data} == {"es", "qu"}
    assert all(d["translated"] == 0 and d["untranslated"] == 5 for d in data)
    r = invoke(project, "status", "--fail-under", "50")
    assert r.returncode == 1 and "below 50% translated" in r.stderr


def test_translation_survives_an_edit_of_the_english(project: Path, invoke: Runner) -> None:
    invoke(project, "extract")
    invoke(project, "update", "--lang", "es")
    po = project / "locale" / "es" / "LC_MESSAGES" / "small.po"
    text = po.read_text().replace(
        'msgid "The second paragraph has 10,000 words in it."\nmsgstr ""',
        'msgid "The second paragraph has 10,000 words in it."\nmsgstr "El segundo párrafo tiene '
        '10 000 palabras."',
    )
    po.write_text(text)
    src = project / "source" / "small.md"
    src.write_text(src.read_text().replace("10,000 words", "20,000 words"))
    invoke(project, "extract")
    r = invoke(project, "update", "--lang", "es")
    assert "1 fuzzy" in r.stdout, r.stdout
    out = po.read_text()
    assert '#, fuzzy\n#| msgid "The second paragraph has 10,000 words in it."\n' in out
    assert 'msgstr "El segundo párrafo tiene 10 000 palabras."' in out
    assert msgfmt_check(po).returncode == 0


@pytest.mark.parametrize(
    "task, setup, words",
    [
        (
            "update",
            lambda p: (p / "locale" / "es" / "LC_MESSAGES" / "small.po").write_text(
                'msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n'
            ),
            "small.po:3: duplicate msgid",
        ),
        (
            "status",
            lambda p: (p / "locale" / "es" / "LC_MESSAGES" / "small.po").write_bytes(
                b'msgid "a"\nmsgstr "\xff"\n'
            ),
            "small.po:2: the file is not valid utf-8",
        ),
        (
            "extract",
            lambda p: (p / "source" / "small.md").write_text("---\ntitle: [unclosed\n---\n"),
            "small.md:",
        ),
        (
            "extract",
            lambda p: (p / "source" / "small.md").write_text("No front matter\n"),
            "small.md:1: the article has no front matter",
        ),
        ("update --lang xx", lambda p: None, "unknown language code 'xx'"),
        ("update --lang fr", lambda p: None, "not one of the project's languages"),
    ],
)
def test_bad_input_one_clear_line_nothing_written(
    project: Path, invoke: Runner, task: str, setup: object, words: str
) -> None:
    invoke(project, "extract")
    invoke(project, "update")
    setup(project)  # type: ignore[operator]
    before = _snapshot(project)
    r = invoke(project, *task.split())
    assert r.returncode != 0
    assert "Traceback" not in r.stderr + r.stdout
    assert words in r.stderr, r.stderr
    assert r.stderr.strip().count("\n") == 0, "one line"
    assert _snapshot(project) == before


def test_help_is_clear(project: Path, invoke: Runner) -> None:
    r = invoke(project, "--help", "update")
    assert "--purge" in r.stdout and "obsolete" in r.stdout


TASKS = ("extract", "update", "status", "prefill", "build", "check", "publish", "serve")


def test_one_letter_means_one_option_in_every_task(project: Path, invoke: Runner) -> None:
    import re

    meaning: dict[str, set[str]] = {}
    for name in TASKS:
        r = invoke(project, "--help", name)
        assert r.returncode == 0, r.stderr
        for letter, option in re.findall(r"^\s+-(\w)(?: \w+)?, --([\w-]+)", r.stdout, re.M):
            meaning.setdefault(letter, set()).add(option)
    assert meaning["d"] == {"debug"} and meaning["l"] == {"lang"}
    assert {k: v for k, v in meaning.items() if len(v) > 1} == {}


def test_a_letter_typed_for_a_draft_is_refused_not_a_release(project: Path, invoke: Runner) -> None:
    r = invoke(project, "build", "--lang", "en", "-r")  # -r was --draft here, --refresh elsewhere
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert not (project / "build").exists()


def test_a_deleted_articles_catalogues_are_reported_then_purged(
    project: Path, invoke: Runner
) -> None:
    (project / "source" / "second.md").write_text(
        "---\ntitle: A second leaflet\n---\n\nOne more paragraph.\n", encoding="utf-8"
    )
    assert invoke(project, "extract").returncode == 0
    assert invoke(project, "update").returncode == 0
    po = project / "locale" / "es" / "LC_MESSAGES" / "second.po"
    assert po.exists()
    (project / "source" / "second.md").unlink()
    r = invoke(project, "update")
    assert r.returncode == 0
    assert "note: locale/es/LC_MESSAGES/second.po belongs to no article" in r.stdout
    assert "note: locale/second.pot belongs to no article" in r.stdout
    assert po.exists(), "kept until the editor asks"
    r = invoke(project, "update", "--purge")
    assert "locale/es/LC_MESSAGES/second.po: removed (its article is gone)" in r.stdout
    assert not po.exists() and not (project / "locale" / "second.pot").exists()
    assert (project / "locale" / "es" / "LC_MESSAGES" / "small.po").exists()
