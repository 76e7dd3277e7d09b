"""What every shipped translation of the article must keep, whatever the language.

Language-specific conventions (Spanish typography, Quechua alphabet and
ejectives) live in ``test_shipped_es.py`` and ``test_shipped_qu.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pliego.gettext.catalog import Message
from pliego.gettext.po import load_catalog
from tests.conftest import REPO, msgfmt_check

LOCALE = REPO / "locale"
SLUG = "peru-masses-deepen-resistance"
TEAMS = {"es": "Spanish", "qu": "Quechua"}
#: The printed credit (docs/translation.md): the maintainers, with machine help, in each language.
CREDITS = {
    "es": "equipo de pliego",
    "qu": "pliego ruraqkuna",
}


def _catalog_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{SLUG}.po"


def _entries(lang: str) -> tuple[Message, ...]:
    return load_catalog(_catalog_path(lang)).active


@pytest.mark.parametrize("lang", sorted(TEAMS))
def test_complete_reviewed_and_valid(lang: str) -> None:
    entries = _entries(lang)
    assert len(entries) == 51
    assert [m.msgid for m in entries if not m.translated] == []
    assert msgfmt_check(_catalog_path(lang)).returncode == 0
    catalog = load_catalog(_catalog_path(lang))
    assert catalog.header_value("Last-Translator") == CREDITS[lang]
    assert catalog.header_value("Language-Team") == TEAMS[lang]
    assert catalog.header_value("Language") == lang


@pytest.mark.parametrize("lang", sorted(TEAMS))
def test_follows_the_current_template(lang: str) -> None:
    template = {m.key for m in load_catalog(LOCALE / f"{SLUG}.pot").active}
    assert {m.key for m in _entries(lang)} == template


@pytest.mark.parametrize(
    ("lang", "message"),
    [(lang, m) for lang in sorted(TEAMS) for m in _entries(lang)],
    ids=lambda v: v if isinstance(v, str) else v.msgid[:30],
)
def test_numbers_and_markdown_kept(lang: str, message: Message) -> None:
    for number in re.findall(r"\d[\d,.]*\d|\d", message.msgid):
        assert number in message.msgstr
    for mark in ("*", "](", "[^", "`"):
        assert message.msgid.count(mark) == message.msgstr.count(mark)


@pytest.mark.parametrize("lang", sorted(TEAMS))
def test_every_catalogue_credits_the_same_team_in_its_language(lang: str) -> None:
    """The colophon prints the article's Last-Translator; the language's other catalogues
    carry the same credit, so no English placeholder is left in any header."""
    folder = LOCALE / lang / "LC_MESSAGES"
    credits = {p.name: load_catalog(p).header_value("Last-Translator") for p in folder.glob("*.po")}
    assert set(credits.values()) == {CREDITS[lang]}, credits
