"""Which engine serves which language: deep-translator's own lists, read offline."""

from __future__ import annotations

import pytest
from deep_translator import constants

from pliego.prefill.engine import EngineError, check_pair, engine_target
from pliego.prefill.targets import engines_for, target_code


@pytest.mark.parametrize(
    ("engine", "lang", "code"),
    [
        ("google", "fr", "fr"),
        ("google", "ay", "ay"),
        ("mymemory", "ay", "ayr-BO"),  # Central Aymara, an individual language of ay
        ("mymemory", "es", "es-ES"),  # the entry MyMemory calls plain "spanish"
        ("mymemory", "es_MX", "es-MX"),  # the region the project names
        ("mymemory", "qu", "qu-PE"),
        ("mymemory", "fr", "fr-FR"),
        ("deepl", "fr", "fr"),
        ("libre", "fr", "fr"),
        ("apertium", "es", "eng-spa"),
        ("google", "xx", None),
        ("deepl", "ay", None),
        ("apertium", "fr", None),
    ],
)
def test_codes_come_from_the_engines_lists(engine: str, lang: str, code: str | None) -> None:
    assert target_code(engine, lang) == code
    if code is not None and engine in ("google", "mymemory", "libre", "deepl"):
        lists = {
            "google": constants.GOOGLE_LANGUAGES_TO_CODES,
            "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
            "libre": constants.LIBRE_LANGUAGES_TO_CODES,
            "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
        }
        assert code in lists[engine].values()


def test_french_and_aymara_have_engines() -> None:
    assert engines_for("fr") == ("memory", "google", "mymemory", "libre", "deepl")
    assert engines_for("ay") == ("memory", "google", "mymemory")
    check_pair("google", "fr")
    assert engine_target("mymemory", "ay") == "ayr-BO"


def test_an_engine_whose_list_lacks_the_language_is_refused_before_any_request() -> None:
    with pytest.raises(EngineError, match="the deepl engine cannot translate into 'ay'") as e:
        check_pair("deepl", "ay")
    assert e.value.hint == (
        "engines for 'ay': memory, google, mymemory "
        "(no offline engine translates 'ay'; the online ones need a network)"
    )


def test_microsoft_is_checked_when_it_starts_its_list_needs_a_network() -> None:
    check_pair("microsoft", "ay")  # no offline list to refuse it with
    assert "microsoft" not in engines_for("es")
