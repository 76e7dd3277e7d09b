"""Units with nothing to translate: filled by prefill, not fuzzy, numbers as in prose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pliego.gettext.po import read_po
from pliego.gettext.stats import catalog_stats
from pliego.langsettings import LanguageConfig
from pliego.languages import Language
from pliego.prefill.engine import Translation
from pliego.prefill.masking import mask, nothing_to_translate, unmask
from pliego.prefill.rules import COPY, copied, eligible, fill, provenance
from pliego.prefill.run import prefill_language
from pliego.project import read_settings
from tests.prefill.test_rules import prepare

PERU = Language("es", LanguageConfig(locale="es_PE"))


@pytest.mark.parametrize(
    ("text", "lang", "copy"),
    [
        ("£11.44", "fr", "£11,44"),
        ("£11.44", "es", "£11,44"),
        ("£11.44", PERU, "£11.44"),
        ("10,000", "fr", "10\u202f000"),
        ("10,000", "es", "10.000"),
        ("10,000", PERU, "10,000"),
        ("2023-02-09", "fr", "2023-02-09"),  # a date in digits is not a prose number
        ("1917", "fr", "1917"),
        ("<https://example.org/a?b=1>", "fr", "<https://example.org/a?b=1>"),
        ("`invoke build --lang es`", "fr", "`invoke build --lang es`"),
        ("**CGTP**", "fr", "**CGTP**"),
    ],
)
def test_the_copy_writes_numbers_the_target_s_way(
    text: str, lang: str | Language, copy: str
) -> None:
    assert nothing_to_translate(text, ("CGTP",), lang) == copy


def test_one_rule_for_the_whole_pamphlet() -> None:
    """A price alone is written as the same price inside a sentence is."""
    for lang in ("fr", "es", PERU, "qu"):
        prose = mask("It costs £11.44 in total.", (), lang)
        figure = next(t for t, _ in prose.tokens if any(c.isdigit() for c in t))
        assert nothing_to_translate("£11.44", (), lang) == "£" + figure


@pytest.mark.parametrize(
    "text", ["£11.44", "12.5%", "1,500", "`x = 1.5`", "[1.5](https://a.org/1,000)", "- 3.25"]
)
def test_in_english_formatting_the_copy_is_the_text(text: str) -> None:
    """The copy is built by masking and unmasking: nothing but numbers may change."""
    assert nothing_to_translate(text, (), "en") == text
    masked = mask(text, (), "en")
    assert unmask(masked, masked.text) == text


def test_text_with_words_is_left_to_the_engines() -> None:
    assert nothing_to_translate("£11.44 a week", (), "fr") is None
    assert nothing_to_translate("CGTP", (), "fr") is None  # not a protected name here


def test_a_copy_is_translated_marked_and_refreshed_only_while_untouched() -> None:
    from pliego.gettext.catalog import Message

    m = fill(Message("£11.44", flags=("md-text",)), Translation("£11.44", COPY))
    assert m.translated and not m.fuzzy
    p = provenance(m)
    assert p is not None and p.engine == "copy" and copied(m)
    assert eligible(m, refresh=True) and not eligible(m)
    draft = fill(Message("£11.44"), Translation("11,44 £", "google"))
    redone = fill(draft, Translation("£11.44", COPY))  # --refresh of an old machine draft
    assert (redone.msgstr, redone.fuzzy, copied(redone)) == ("£11.44", False, True)
    adapted = fill(Message("£11.44"), Translation("£11.44", COPY))
    adapted = replace(adapted, msgstr="11,44 £")
    assert not copied(adapted) and not eligible(adapted, refresh=True)


ARTICLE = """---
title: Prices
---

# Prices

| Item | Price |
| --- | --- |
| Bread | £11.44 |
| Milk | £1,250.50 |

The [CGTP](https://cgtp.org.pe/) met.

<https://cgtp.org.pe/>

`invoke build`
"""


def test_prefill_fills_them_offline_and_status_counts_them(project: Path) -> None:
    (project / "source" / "small.md").write_text(ARTICLE, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[tool.pliego.languages.es]\nlocale = "es_PE"\n\n[tool.pliego.languages.fr]\n\n'
        '[tool.pliego.prefill]\nes = ["memory"]\nfr = ["memory"]\n',
        encoding="utf-8",
    )
    (project / "locale").mkdir()
    (project / "locale" / "glossary.csv").write_text(
        "en,do_not_translate,note\nCGTP,yes,the union federation\n", encoding="utf-8"
    )
    settings = prepare(project)
    expected = {
        "es": {"£11.44": "£11.44", "£1,250.50": "£1,250.50"},
        "fr": {"£11.44": "£11,44", "£1,250.50": "£1\u202f250,50"},
    }
    for lang, prices in expected.items():
        report = prefill_language(settings, lang, env={})
        po = project / "locale" / lang / "LC_MESSAGES" / "small.po"
        by_id = read_po(po.read_bytes()).by_key()
        for english, local in prices.items():
            m = by_id[(None, english)]
            assert (m.msgstr, m.fuzzy) == (local, False), (lang, m)
            assert m.translator_comments[-1].startswith("pliego-mt: copy [")
        for english in ("<https://cgtp.org.pe/>", "`invoke build`"):
            assert by_id[(None, english)].msgstr == english
        assert report.copied == 4 and report.total_filled == 0
        assert "4 copied (nothing to translate)" in report.summary()[0]
        stats = catalog_stats(read_po(po.read_bytes()), lang, "small")
        assert stats.translated == 4, stats
    assert prefill_language(read_settings(project), "fr", env={}).copied == 0, "done once"
