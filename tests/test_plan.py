"""pliego.plan: ``--article`` and the language plan in an article's front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from pliego.errors import ConfigError, SourceError
from pliego.plan import make_plan, planned_languages, select_articles
from pliego.project import read_settings

HEAD = '---\ntitle: "T"\n'


def _project(tmp_path: Path, **articles: str) -> Path:
    (tmp_path / "source").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pliego]\nlanguages = ["es", "qu", "fr"]\n', encoding="utf-8"
    )
    for slug, front in articles.items():
        (tmp_path / "source" / f"{slug}.md").write_text(
            HEAD + front + "---\n\nText.\n", encoding="utf-8"
        )
    return tmp_path


def test_no_plan_means_every_project_language(tmp_path: Path) -> None:
    root = _project(tmp_path, a="")
    settings = read_settings(root)
    assert planned_languages(settings, root / "source" / "a.md") == ("es", "qu", "fr")


def test_a_plan_keeps_the_project_order_and_ignores_the_source_language(tmp_path: Path) -> None:
    root = _project(tmp_path, a="languages: [fr, en, es]\n", b="languages: []\n")
    settings = read_settings(root)
    assert planned_languages(settings, root / "source" / "a.md") == ("es", "fr")
    assert planned_languages(settings, root / "source" / "b.md") == ()


@pytest.mark.parametrize(
    "front",
    [
        '"lang\\u0075ages": [es]\n',  # a key spelt with an escape is still the plan
        "<<: {languages: [es]}\n",  # and so is one merged in
        "? languages\n: [es]\n",
    ],
)
def test_a_plan_however_yaml_spells_it(tmp_path: Path, front: str) -> None:
    root = _project(tmp_path, a=front, b="title: languages are not a key here\n", c="x: 1\n")
    settings = read_settings(root)
    assert planned_languages(settings, root / "source" / "a.md") == ("es",)
    assert planned_languages(settings, root / "source" / "b.md") == ("es", "qu", "fr")
    assert planned_languages(settings, root / "source" / "c.md") == ("es", "qu", "fr")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("languages: es\n", "must be a list of language codes"),
        ("languages: [es, 3]\n", "must be a list of language codes"),
        ("languages: [es, ay]\n", "names 'ay', which is not among the project's languages"),
    ],
)
def test_a_bad_plan_is_refused_at_its_line(tmp_path: Path, front: str, message: str) -> None:
    root = _project(tmp_path, a=front)
    with pytest.raises(SourceError, match=message) as caught:
        planned_languages(read_settings(root), root / "source" / "a.md")
    assert caught.value.line == 3 and caught.value.hint


def test_unparsable_front_matter_is_left_to_the_article_parser(tmp_path: Path) -> None:
    root = _project(tmp_path, a='subtitle: "unclosed\n')
    assert planned_languages(read_settings(root), root / "source" / "a.md") == ("es", "qu", "fr")


def test_select_articles(tmp_path: Path) -> None:
    root = _project(tmp_path, b="", a="")
    settings = read_settings(root)
    assert [p.stem for p in select_articles(settings)] == ["a", "b"]
    assert [p.stem for p in select_articles(settings, " b , a,b")] == ["b", "a"]
    with pytest.raises(ConfigError) as caught:
        select_articles(settings, "a,c,d")
    assert str(caught.value) == "no article 'c', 'd' in source/: the articles are a, b"
    with pytest.raises(ConfigError, match="names no article"):
        select_articles(settings, " , ")


def test_what_a_plan_wants(tmp_path: Path) -> None:
    root = _project(tmp_path, a="languages: [es]\n", b="languages: [es, qu]\n")
    plan = make_plan(read_settings(root), "a")
    assert plan.slugs == ("a",)
    assert plan.wants("es", "a") and not plan.wants("qu", "a")
    assert not plan.wants("es", "b")  # planned, but not chosen
    assert plan.unplanned("qu") == ("a",) and plan.unplanned("es") == ()
    # The pamphlet's strings follow every article's plan, chosen or not; the site's
    # page exists in every language.
    assert plan.wants("qu", "pamphlet") and not plan.wants("fr", "pamphlet")
    assert plan.wants("fr", "site")
