"""The shipped Spanish catalogue and the glossary stay publishable.

The Spanish pamphlet is printed from ``locale/es``; these tests fail when an
edit of the English leaves it stale, when a number or a glossary rendering
goes missing, or when English typography slips into the Spanish text.
"""

from __future__ import annotations

import re

import pytest

from pliego.gettext.catalog import Message
from pliego.gettext.glossary import read_glossary
from pliego.gettext.po import load_catalog
from tests.conftest import REPO

LOCALE = REPO / "locale"
SLUG = "peru-masses-deepen-resistance"
ES = LOCALE / "es" / "LC_MESSAGES" / f"{SLUG}.po"


def _entries() -> tuple[Message, ...]:
    return load_catalog(ES).active


@pytest.mark.parametrize("message", _entries(), ids=lambda m: m.msgid[:30])
def test_spanish_typography(message: Message) -> None:
    text = message.msgstr
    assert not re.search(r"[‘’\"']", text), "English quotes: use «…» (and “…” inside)"
    assert text.count("«") == text.count("»")
    assert text.count("—") % 2 == 0, "every inciso opens and closes with a raya"
    assert not re.search(r" —[ .,]|[^ (]—\w", text), "raya: space before, none inside"
    months = (
        "Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Setiembre|Octubre|Noviembre|Diciembre"
    )
    assert not re.search(rf"\bde ({months})\b", text), "months are lower case"
    assert "septiembre" not in text, "Peruvian spelling: setiembre"


def _glossary_misses(entries: tuple[Message, ...]) -> list[tuple[str, str]]:
    """(English term, required Spanish) pairs that an entry fails to follow."""
    terms = read_glossary(LOCALE / "glossary.csv")
    misses = []
    for message in entries:
        for term in terms:
            wanted = term.rendering("es")
            if wanted is None:
                continue
            if re.search(rf"\b{re.escape(term.en)}\b", message.msgid, re.IGNORECASE) and not any(
                w.strip().casefold() in message.msgstr.casefold() for w in wanted.split("|")
            ):
                misses.append((term.en, wanted))
    return misses


def test_glossary_loads_and_is_followed() -> None:
    assert len(read_glossary(LOCALE / "glossary.csv")) >= 40
    header = (LOCALE / "glossary.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "en,es,qu,do_not_translate,note"
    assert _glossary_misses(_entries()) == []


def test_glossary_check_catches_a_literal_rendering() -> None:
    wrong = Message(
        msgid="The OAS and the CGTP met in Peru.",
        msgstr="La OAS y la Central General se reunieron en Perú.",
    )
    assert set(_glossary_misses((wrong,))) == {("OAS", "OEA"), ("CGTP", "CGTP")}
