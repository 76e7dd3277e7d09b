"""``--article SLUG[,SLUG]`` on every task that works on articles (issue 13, item 2).

A project with two articles, ``small`` (every language) and ``second``
(``languages: [es]``): each task narrowed to one article touches that one
only, and a slug that is not an article is one line listing those there are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.buildkit import fill, make_project
from tests.conftest import SMALL_ARTICLE, Runner
from tests.pamphlet.test_release import PAMPHLET_ES, SPANISH, _from
from tests.sitekit import add_site_templates

SECOND = """---
title: "A second leaflet"
languages: [es]
---

One more paragraph, about the strike.
"""
TASKS = ("extract", "update", "status", "prefill", "build", "check", "publish")


def _second(root: Path) -> Path:
    (root / "source" / "second.md").write_text(SECOND, encoding="utf-8")
    return root


def _po(root: Path, lang: str, slug: str) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / f"{slug}.po"


@pytest.mark.parametrize("task", TASKS)
def test_an_unknown_article_is_one_line_naming_the_articles(
    project: Path, invoke: Runner, task: str
) -> None:
    _second(project)
    r = invoke(project, task, "-a", "secnod")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip() == (
        "error: no article 'secnod' in source/: the articles are second, small"
    )
    assert not (project / "locale").exists() and not (project / "build").exists()


def test_extract_and_update_one_article(project: Path, invoke: Runner) -> None:
    _second(project)
    r = invoke(project, "extract", "--article", "second")
    assert r.returncode == 0, r.stderr
    assert (project / "locale" / "second.pot").is_file()
    assert not (project / "locale" / "small.pot").exists()
    assert invoke(project, "extract").returncode == 0
    r = invoke(project, "update", "--article", "second")
    assert r.returncode == 0, r.stderr
    assert _po(project, "es", "second").is_file()
    assert not _po(project, "qu", "second").exists()  # not planned: no catalogue noise
    assert not _po(project, "es", "small").exists()  # not chosen
    assert "qu/second: not planned (languages: [es] in source/second.md): no catalogue created" in (
        r.stdout
    )
    r = invoke(project, "update", "-a", "small,second")
    assert r.returncode == 0, r.stderr
    assert _po(project, "es", "small").is_file() and _po(project, "qu", "small").is_file()
    assert not _po(project, "qu", "second").exists()
    # A translator who started before the plan said otherwise keeps their file untouched.
    early = _po(project, "es", "second").read_bytes().replace(b"Language: es", b"Language: qu")
    _po(project, "qu", "second").write_bytes(early)
    (project / "source" / "second.md").write_text(
        SECOND.replace("One more paragraph", "One changed paragraph"), encoding="utf-8"
    )
    assert invoke(project, "extract").returncode == 0
    r = invoke(project, "update")
    assert r.returncode == 0, r.stderr
    assert "qu/second: not planned (languages: [es] in source/second.md): its catalogue is " in (
        r.stdout
    )
    assert _po(project, "qu", "second").read_bytes() == early
    assert b"One changed paragraph" in _po(project, "es", "second").read_bytes()


def test_status_check_and_prefill_of_one_article(project: Path, invoke: Runner) -> None:
    _second(project)
    assert invoke(project, "extract").returncode == 0
    assert invoke(project, "update").returncode == 0
    r = invoke(project, "status", "--article", "second", "--json")
    assert r.returncode == 0, r.stderr
    assert [(s["lang"], s["domain"]) for s in json.loads(r.stdout)] == [("es", "second")]
    r = invoke(project, "status", "--json")
    rows = [(s["lang"], s["domain"]) for s in json.loads(r.stdout)]
    assert rows == [("es", "second"), ("es", "small"), ("qu", "small")]
    r = invoke(project, "check", "-a", "small", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["files"] == [
        "locale/es/LC_MESSAGES/small.po",
        "locale/qu/LC_MESSAGES/small.po",
    ]
    # With an empty memory every entry fails: narrowed to an article with no empty
    # entry, prefill has nothing to send and succeeds; over both it does not.
    po = _po(project, "es", "second")
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "One more paragraph, about the strike."\nmsgstr ""',
            'msgid "One more paragraph, about the strike."\nmsgstr "Un párrafo más."',
        ),
        encoding="utf-8",
    )
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "A second leaflet"\nmsgstr ""', 'msgid "A second leaflet"\nmsgstr "Otro folleto"'
        ),
        encoding="utf-8",
    )
    r = invoke(project, "prefill", "-l", "es", "-a", "second", "--engine", "memory")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (
        "0 filled, 0 failed, 0 copied (nothing to translate), 0 skipped, 2 already translated"
        in r.stdout
    )
    r = invoke(project, "prefill", "-l", "es", "--engine", "memory")
    assert r.returncode == 1 and "failed" in r.stdout


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("articles") / "proj", text=SMALL_ARTICLE)
    add_site_templates(root)
    return _second(root)


def test_build_and_publish_one_article(two: Path, invoke: Runner) -> None:
    assert invoke(two, "extract").returncode == 0
    assert invoke(two, "update").returncode == 0
    r = invoke(two, "build", "-l", "en", "-a", "second", "--editions", "reading")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (two / "build" / "en" / "second.pdf").is_file()
    assert not (two / "build" / "en" / "small.pdf").exists()
    r = invoke(two, "publish", "--article", "second")
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (two / "build" / "en" / "small.pdf").exists()
    assert "en (English): second" in r.stdout
    # The Spanish has not been started: refused as such, per article, and never "earlier".
    assert "note: es/second: not building a release of 'es'" in r.stdout
    assert "second: not started: none of its 2 entries is translated" in r.stdout
    assert "note: es/second: no release published yet" in r.stdout
    assert "qu/second" not in r.stdout  # not planned: not refused either


def test_one_refused_article_does_not_hide_another_built_in_its_language(
    two: Path, invoke: Runner
) -> None:
    """es/small is translated, es/second not started: the build says both, and
    publish keeps no 'earlier' release of second, and publishes small."""
    assert invoke(two, "extract").returncode == 0
    assert invoke(two, "update").returncode == 0
    fill(two, "es", "small", _from(SPANISH))  # type: ignore[arg-type]
    fill(two, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    r = invoke(two, "build", "-l", "es", "--editions", "reading")
    assert r.returncode == 1  # a planned article was not built
    assert "build/es/small.pdf: " in r.stdout and (two / "build" / "es" / "small.pdf").is_file()
    assert "es/second: refused: below the release threshold of 100% reviewed" in r.stdout
    assert "error: es/second: not building a release of 'es'" in r.stderr
    assert "es/small" not in r.stderr
    r = invoke(two, "publish")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "es (español): small" in r.stdout
    assert "note: es/second: no release published yet" in r.stdout
    assert "keeps the release built earlier" not in r.stdout
