"""Which engine translates into which language: the engines' own lists, read offline.

Why not a table of our own: a hand-kept table said "the google engine cannot
translate into 'fr'" while Google, DeepL and MyMemory all translate French.
deep-translator ships the language lists of Google, MyMemory, DeepL and
LibreTranslate as constants (no request is made to read them), so those
lists decide, and a language is refused before any request only when its
engine's own list lacks it.  Microsoft publishes its list only over the
network (deep-translator fetches it when the translator is built), so a
Microsoft pair is not checked here: :func:`pliego.prefill.online.build_online`
refuses an unsupported target when the engine starts.

A project language is a code such as ``es``, ``es_PE`` or ``ay``; the engines
use their own codes (``es-ES``, ``qu-PE``, and ``ayr-BO`` for MyMemory, which
knows Aymara only as Central Aymara, an individual language of the ``ay``
macrolanguage).  :func:`target_code` maps one to the other: the exact code,
else the bare language, else a regional or individual code of the same
language (CLDR's language aliases, through Babel, tell that ``ayr`` is ``ay``
and ``quz`` is ``qu``), preferring the region the project names and then the
entry the engine calls by the language's plain English name ("spanish" is
``es-ES`` among MyMemory's eight Spanish entries).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from babel.core import get_global
from deep_translator import constants

from pliego.languages import Language

#: Every engine name, in the order hints list them.
ENGINES = ("memory", "apertium", "google", "mymemory", "libre", "deepl", "microsoft")
#: Engines that work without a network connection.
OFFLINE = ("memory", "apertium")
#: Apertium's English pairs as Debian packages them (apertium-eng-spa): target -> pair.
APERTIUM_PAIRS = {"es": "eng-spa"}
#: Engines whose language list needs a network: not checked before the engine starts.
LISTED_ONLINE = ("microsoft",)


def _lists() -> Mapping[str, Mapping[str, str]]:
    """Engine -> {the engine's name of a language: its code}, from deep-translator."""
    return {
        "google": constants.GOOGLE_LANGUAGES_TO_CODES,
        "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
        "libre": constants.LIBRE_LANGUAGES_TO_CODES,
        "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
    }


def _language_of(code: str) -> str:
    """The macrolanguage or bare language of an engine's code (``ayr-BO`` -> ``ay``)."""
    base = code.replace("_", "-").split("-")[0].lower()
    aliases: Mapping[str, str] = get_global("language_aliases")
    return aliases.get(base, base).split("_")[0]


@lru_cache(maxsize=128)
def target_code(engine: str, lang: str) -> str | None:
    """The code ``engine`` translates ``lang`` into, or None when it cannot.

    ``google, fr`` -> ``fr``; ``mymemory, es`` -> ``es-ES`` (its plain "spanish");
    ``mymemory, es_MX`` -> ``es-MX``; ``mymemory, ay`` -> ``ayr-BO``; ``deepl, ay``
    -> None.  The memory serves any language, Microsoft any until it starts.
    """
    base = _language_of(lang)
    if engine == "memory":
        return lang
    if engine == "apertium":
        return APERTIUM_PAIRS.get(base)
    if engine in LISTED_ONLINE:
        return base
    table = _lists().get(engine)
    if table is None:
        return None
    by_lower = {code.lower(): code for code in table.values()}
    for wanted in (lang.replace("_", "-").lower(), base):
        if wanted in by_lower:
            return by_lower[wanted]
    related = sorted((code, name) for name, code in table.items() if _language_of(code) == base)
    if not related:
        return None
    region = lang.replace("-", "_").partition("_")[2].upper()
    english = Language(base).english_name.lower()
    for code, _name in related:
        if region and code.upper().endswith("-" + region):
            return code
    for code, name in related:
        if name.lower() == english:
            return code
    return related[0][0]


def engines_for(lang: str) -> tuple[str, ...]:
    """Engine names known to translate into ``lang`` before any request (memory
    always can; an engine whose list needs a network is not among them)."""
    return tuple(
        name
        for name in ENGINES
        if name not in LISTED_ONLINE and target_code(name, lang) is not None
    )
