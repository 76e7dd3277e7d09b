"""A translation no native speaker has read says so in its colophon, in its language and in
a second one its readers read, with the address where corrections are welcome."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pliego.pamphlet.build import build_article
from pliego.paths import articles
from pliego.project import read_settings
from tests.buildkit import fill, flat_text, make_project
from tests.conftest import REPO, SMALL_ARTICLE

QUECHUA = "Kay tikrasqataqa manaraqmi runasimi mama simiyuq runa qhawarinchu."
SPANISH = "Ningún hablante nativo de quechua ha revisado todavía esta traducción."
WELCOME_QU = "Allichasqaykikunata kusikuywan chaskisaqku:"
WELCOME_ES = "Agradecemos sus correcciones:"


def _project(tmp_path: Path, contact: str | None) -> Path:
    root = make_project(
        tmp_path / "p", text=SMALL_ARTICLE, base_url="https://folletos.pliego.test/"
    )
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    assert "[tool.pliego.languages.qu]\n" in text
    text = text.replace(
        "[tool.pliego.languages.qu]\n", "[tool.pliego.languages.qu]\nreviewed = false\n"
    )
    if contact is not None:
        text = text.replace("[tool.pliego.site]\n", f'[tool.pliego.site]\ncontact = "{contact}"\n')
    path.write_text(text, encoding="utf-8")
    for lang in ("es", "qu"):
        shutil.copy(
            REPO / "locale" / lang / "LC_MESSAGES" / "pamphlet.po",
            root / "locale" / lang / "LC_MESSAGES" / "pamphlet.po",
        )
        fill(
            root,
            lang,
            "small",
            lambda m: replace(m, msgstr=m.msgid, flags=()) if m.msgid else None,
            translator="pliego ruraqkuna",
        )
    return root


def _colophon(root: Path, lang: str, *, draft: bool) -> tuple[str, tuple[str, ...]]:
    settings = read_settings(root)
    (source,) = articles(settings)
    built = build_article(settings, lang, source, draft=draft, editions=["reading"])
    reading = built.editions[0].path
    return flat_text(reading).rsplit("A small article", 1)[-1], built.notes


@pytest.mark.parametrize("draft", [False, True])
def test_the_quechua_colophon_says_it_in_quechua_and_spanish_with_the_contact(
    tmp_path: Path, draft: bool
) -> None:
    root = _project(tmp_path, "correcciones@pliego.test")
    colophon, notes = _colophon(root, "qu", draft=draft)
    assert f"{QUECHUA} {WELCOME_QU} correcciones@pliego.test" in colophon
    assert f"{SPANISH} {WELCOME_ES} correcciones@pliego.test" in colophon
    assert not [n for n in notes if "corrections" in n]


def test_a_reviewed_language_says_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path, "https://pliego.test/contacto")
    colophon, _ = _colophon(root, "es", draft=False)
    assert "hablante nativo" not in colophon and "pliego.test/contacto" not in colophon


def test_without_a_contact_the_note_stands_alone_and_the_build_says_so(tmp_path: Path) -> None:
    root = _project(tmp_path, None)
    colophon, notes = _colophon(root, "qu", draft=False)
    assert QUECHUA in colophon and SPANISH in colophon
    assert WELCOME_QU not in colophon and WELCOME_ES not in colophon
    assert [n for n in notes if "corrections" in n] == [
        "qu: the colophon says no native speaker has reviewed the translation but names "
        "nowhere to send corrections: set contact in [tool.pliego.site] (an e-mail or web "
        "address, not a placeholder)"
    ]


def test_a_placeholder_contact_is_left_out_of_a_release_but_shown_in_a_draft(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, "corrections@pliego.example.org")
    released, notes = _colophon(root, "qu", draft=False)
    assert "example.org" not in released and WELCOME_QU not in released
    assert any("names nowhere to send corrections" in n for n in notes)
    drafted, _ = _colophon(root, "qu", draft=True)
    assert f"{WELCOME_QU} corrections@pliego.example.org" in drafted
