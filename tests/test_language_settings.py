"""``[tool.pliego.languages.<code>]``: a language CLDR lacks, and one formatting locale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pliego.errors import ConfigError
from pliego.languages import Amount, DateMention, PubDate, local_figure, written_date
from pliego.project import parse_settings

AYMARA: dict[str, Any] = {
    "name": "Aymar aru",
    "plural-forms": "nplurals=1; plural=0;",
    "locale": "es_BO",
    "months": [f"phaxsi{n}" for n in range(1, 13)],
    "month-year": "%(month)s %(year)s maranxa",
}


def _settings(tmp_path: Path, languages: dict[str, Any]) -> Any:
    return parse_settings(tmp_path, {"languages": languages})


def test_the_tables_list_the_languages_in_file_order(tmp_path: Path) -> None:
    s = _settings(tmp_path, {"qu": {}, "es": {"locale": "es_PE"}, "ay": AYMARA})
    assert s.languages == ("qu", "es", "ay")
    assert (s.language("es").locale, s.language("qu").locale) == ("es_PE", "qu")
    assert parse_settings(tmp_path, {"languages": ["es"]}).language("es").locale == "es"


def test_a_language_cldr_lacks_takes_its_facts_from_the_table(tmp_path: Path) -> None:
    ay = _settings(tmp_path, {"ay": AYMARA}).language("ay")
    assert (ay.name, ay.english_name, ay.plural_forms) == (
        "Aymar aru",
        "Aymara",
        "nplurals=1; plural=0;",
    )
    assert written_date(PubDate(2023, 2), ay.locale, ay.date_words) == "phaxsi2 2023 maranxa"
    # a pattern the table leaves out is the default one
    assert written_date(PubDate(2023, 2, 9), ay.locale, ay.date_words) == "9 phaxsi2 2023"
    assert local_figure(DateMention(3, 4), ay) == "4 phaxsi3"
    assert local_figure(Amount(__import__("decimal").Decimal("10000.5"), True, 1), ay) == (
        "10.000,5"
    )


def test_without_a_table_cldr_s_gap_is_named_not_called_a_typo(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"CLDR has no locale data .* 'ay' \(Aymara\)") as e:
        parse_settings(tmp_path, {"languages": ["es", "ay"]})
    assert "[tool.pliego.languages.ay]" in (e.value.hint or "")
    with pytest.raises(ConfigError, match="unknown language code 'qq'"):
        parse_settings(tmp_path, {"languages": ["qq"]})


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"name": "Aymar aru"}, r"needs plural-forms, locale: CLDR has no locale data for Aymara"),
        ({**AYMARA, "plural-forms": "two"}, r"plural-forms must read like"),
        ({**AYMARA, "locale": "ay_BO"}, r"locale must be a locale CLDR knows"),
        ({**AYMARA, "months": ["enero"]}, r"months must list the twelve month names"),
        ({**AYMARA, "month-year": "%(month)s"}, r"month-year must contain %\(month\)s %\(year\)s"),
        ({**AYMARA, "colour": "red"}, r"unknown key 'colour' in \[tool.pliego.languages.ay\]"),
    ],
)
def test_a_bad_table_is_refused_with_its_key(
    tmp_path: Path, table: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as e:
        _settings(tmp_path, {"ay": table})
    assert e.value.path == str(tmp_path / "pyproject.toml")


def test_a_code_outside_iso_639_is_refused_even_with_a_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'zz' is not an ISO 639 language code"):
        _settings(tmp_path, {"zz": AYMARA})


def test_the_command_line_accepts_a_configured_language(tmp_path: Path) -> None:
    s = _settings(tmp_path, {"es": {}, "ay": AYMARA})
    assert s.select_languages("ay,es") == ("ay", "es")
    with pytest.raises(ConfigError, match="CLDR has no locale data"):
        parse_settings(tmp_path, {"languages": ["es"]}).select_languages("ay")


def test_date_locales_points_to_the_one_formatting_locale(tmp_path: Path) -> None:
    from pliego.pamphlet.config import build_config

    s = parse_settings(tmp_path, {"languages": ["es"], "build": {"date-locales": {"es": "x"}}})
    with pytest.raises(ConfigError, match="date-locales is now the locale of each language"):
        build_config(s)


def test_the_site_writes_sizes_and_dates_in_the_formatting_locale(tmp_path: Path) -> None:
    import gettext

    from pliego.site.render import environment

    s = _settings(tmp_path, {"es": {"locale": "es_PE"}, "fr": {}})
    sizes = {}
    for lang in ("es", "fr"):
        env = environment(Path("."), s.language(lang), gettext.NullTranslations())
        sizes[lang] = (env.filters["filesize"](49_600), env.filters["month"]("2023-09"))
    assert sizes == {
        "es": ("49.6 kB", "setiembre de 2023"),
        "fr": ("49,6\u202fko", "septembre 2023"),
    }
