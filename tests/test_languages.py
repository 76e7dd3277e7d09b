"""Dates as written: one function words them at the front matter's precision."""

from __future__ import annotations

import pytest

from pliego.languages import DateWords, PubDate, written_date

QU_MONTHS = tuple(f"killa{n}" for n in range(1, 13))


@pytest.mark.parametrize(
    ("date", "locale", "text"),
    [
        (PubDate(2024, 3, 15), "en", "March 15, 2024"),
        (PubDate(2024, 3, 15), "es", "15 de marzo de 2024"),
        (PubDate(2023, 9), "es_PE", "setiembre de 2023"),
        (PubDate(2023, 9), "en", "September 2023"),
        (PubDate(2023), "es", "2023"),
    ],
)
def test_cldr_wording(date: PubDate, locale: str, text: str) -> None:
    assert written_date(date, locale) == text


def test_a_translator_s_words_keep_the_day() -> None:
    words = DateWords(QU_MONTHS, "%(month)s %(year)s", "%(day)s %(month)s %(year)s watapi")
    assert written_date(PubDate(2024, 3, 15), "qu", words) == "15 killa3 2024 watapi"
    assert written_date(PubDate(2023, 2), "qu", words) == "killa2 2023"
    assert written_date(PubDate(2023), "qu", words) == "2023"


def test_a_broken_pattern_falls_back_to_day_month_year() -> None:
    words = DateWords(QU_MONTHS, "%(mes)s", "%(day)s %(month)")
    assert written_date(PubDate(2024, 3, 15), "qu", words) == "15 killa3 2024"
    assert written_date(PubDate(2024, 3), "qu", words) == "killa3 2024"


@pytest.mark.parametrize(
    ("lang", "iso", "text"),
    [("es", "2024-03-15", "15 de marzo de 2024"), ("en", "2023-02", "February 2023")],
)
def test_the_site_words_dates_through_the_same_function(lang: str, iso: str, text: str) -> None:
    import gettext
    from pathlib import Path

    from pliego.site.render import environment

    env = environment(Path("."), lang, gettext.NullTranslations())
    assert (
        env.filters["month"](iso) == text == written_date(PubDate(*map(int, iso.split("-"))), lang)
    )
