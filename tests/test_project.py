"""Project settings: the one SOURCE_DATE_EPOCH reader and the one unknown-key check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pliego.errors import ConfigError
from pliego.project import check_keys, parse_settings, source_date


def test_source_date_is_utc_seconds_or_none() -> None:
    assert source_date({}) is None
    assert source_date({"SOURCE_DATE_EPOCH": " "}) is None
    assert source_date({"SOURCE_DATE_EPOCH": "1675900800"}) == dt.datetime(
        2023, 2, 9, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("raw", ["yesterday", "-1", "1.5", "1e9", "99999999999999999999"])
def test_a_malformed_source_date_is_an_error_not_a_guess(raw: str) -> None:
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH must be a whole number"):
        source_date({"SOURCE_DATE_EPOCH": raw})


def test_unknown_keys_are_named_with_their_table(tmp_path: Path) -> None:
    where = tmp_path / "pyproject.toml"
    with pytest.raises(ConfigError, match=r"unknown keys 'a', 'b' in \[tool.pliego.site\]") as e:
        check_keys({"b": 1, "a": 2, "title": "x"}, ("title",), "site", where)
    assert e.value.path == str(where) and "title" in (e.value.hint or "")
    check_keys({"es": []}, (), "prefill", where, also=lambda k: k == "es")


def test_a_misspelt_top_level_setting_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'languagess' in \[tool.pliego\]"):
        parse_settings(tmp_path, {"languagess": ["es"]})
    assert parse_settings(tmp_path, {"languages": ["es"], "build": {}}).languages == ("es",)


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_languages_as_tables_with_the_review_flag(tmp_path: Path) -> None:
    from pliego.project import read_settings

    root = _project(
        tmp_path,
        "[tool.pliego.languages.es]\n\n[tool.pliego.languages.qu]\nreviewed = false\n",
    )
    settings = read_settings(root)
    assert settings.languages == ("es", "qu") and settings.unreviewed == ("qu",)
    assert parse_settings(tmp_path, {"languages": ["es", "qu"]}).unreviewed == ()


def test_a_bad_review_flag_names_its_line(tmp_path: Path) -> None:
    from pliego.project import read_settings

    root = _project(tmp_path, '[tool.pliego.languages.qu]\n# no one yet\nreviewed = "no"\n')
    with pytest.raises(ConfigError) as caught:
        read_settings(root)
    assert caught.value.line == 3
    assert "[tool.pliego.languages.qu] reviewed must be true or false, not 'no'" in str(
        caught.value
    )
    root = _project(tmp_path, "[tool.pliego.languages.qu]\nreview = false\n")
    with pytest.raises(ConfigError, match=r"unknown key 'review' in \[tool.pliego.languages.qu\]"):
        read_settings(root)


@pytest.mark.parametrize(
    ("contact", "good"),
    [
        ("correcciones@pliego.pe", True),
        ("https://pliego.pe/contacto", True),
        ("", True),
        ("pliego.pe", False),
        ("mailto:correcciones@pliego.pe", False),
        ("Ana <ana@pliego.pe>", False),
        ("ftp://pliego.pe/", False),
        ("ana@localhost", False),
    ],
)
def test_contact_is_an_email_or_a_web_address(tmp_path: Path, contact: str, good: bool) -> None:
    from pliego.project import read_settings
    from pliego.sitesettings import site_settings

    root = _project(tmp_path, f'[tool.pliego.site]\ntitle = "t"\ncontact = "{contact}"\n')
    if good:
        assert site_settings(read_settings(root)).contact == contact
        return
    with pytest.raises(ConfigError) as caught:
        site_settings(read_settings(root))
    assert caught.value.line == 3
    assert "contact must be an e-mail address or an http(s) address" in caught.value.message
