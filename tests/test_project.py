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
