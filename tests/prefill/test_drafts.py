"""Dates, numbers, names and glossary renderings in machine drafts.

Through the real Apertium and through deep-translator's real client against
the loopback Google and MyMemory servers (``tests/mtservers.py``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pliego.extract import extract_article
from pliego.gettext.glossary import parse_glossary
from pliego.gettext.po import load_catalog
from pliego.languages import Amount, DateMention, local_figure
from pliego.paths import articles
from pliego.prefill.apertium import ApertiumEngine
from pliego.prefill.engine import Engine, Failure, Translation
from pliego.prefill.masking import MaskedEngine, mask, unmask
from pliego.prefill.names import article_names, collect, names_path, parse_names, write_names
from pliego.prefill.online import NetPolicy, build_online
from pliego.prefill.rules import provenance
from pliego.prefill.run import prefill_language, required_renderings
from pliego.project import read_settings
from pliego.update import update_domain
from tests.mtservers import serving

SENTENCE = (
    "Riverside Logistics cut our pay on the night of 4 March; 10,000 of us marched to Congress."
)
NAMES = ("Riverside Logistics",)
RENDER = {"Congress": "Congreso"}


@pytest.mark.parametrize(
    ("figure", "lang", "expected"),
    [
        (DateMention(3, 4), "es", "4 de marzo"),
        (DateMention(3, 4, 2023), "es", "4 de marzo de 2023"),
        (DateMention(3, year=2023), "es", "marzo de 2023"),
        (DateMention(9), "es_PE", "setiembre"),
        (DateMention(2, 29), "fr", "29 février"),
        (Amount(Decimal("10000"), grouped=True), "es", "10.000"),
        (Amount(Decimal("10000"), grouped=True), "es_PE", "10,000"),
        (Amount(Decimal("10000"), grouped=True), "fr", "10\u202f000"),
        (Amount(Decimal("3.50"), decimals=2), "es", "3,50"),
        (Amount(Decimal("2023")), "es", "2023"),
    ],
)
def test_local_figure_writes_the_targets_way(
    figure: Amount | DateMention, lang: str, expected: str
) -> None:
    assert local_figure(figure, lang) == expected


def test_what_counts_as_a_date_or_number() -> None:
    m = mask("In March 2023, on March 4, 2023 and by 18th of January, 1,500.5 people.", (), "es")
    assert m.text == "In {0}, on {1} and by {2}, {3} people."
    assert [t for t, _ in m.tokens] == [
        "marzo de 2023",
        "4 de marzo de 2023",
        "18 de enero",
        "1.500,5",
    ]
    words = mask("The March on Lima. May we march in May? 31 February, 50 people, G20.", (), "es")
    assert words.text == "The March on Lima. May we march in {0}? 31 February, 50 people, G20."
    assert unmask(words, words.text) == (
        "The March on Lima. May we march in mayo? 31 February, 50 people, G20."
    )
    assert mask(SENTENCE).tokens == ()  # no language: figures are left alone
    # A day-first date after "on" is left to the engine: Apertium writes "el 7 de diciembre".
    assert mask("A coup on 7 December and on January 18.", (), "es").text == (
        "A coup on 7 December and on {0}."
    )


def test_a_placeholder_apertium_splits_is_retried_without_the_extra_masks() -> None:
    text = "The model by which Peru’s vast natural resources are looted."
    apertium = ApertiumEngine("eng-spa")
    engine = MaskedEngine(apertium, (), "es", {"Peru": "Perú"})
    ((_, outcome),) = engine.translate_many([text])
    assert apertium.processes == 3  # the pair listing, the first try, the retry
    assert isinstance(outcome, Translation), outcome  # first try: "vastos} de qué {0"
    # The second try sent "Peru" itself (no rendering enforced, so none is named).
    assert "{" not in outcome.text and "}" not in outcome.text and outcome.detail == ""
    assert outcome.text.startswith("El modelo por los recursos naturales")


def test_glossary_renderings_are_written_back_capitalised_at_a_sentence_start() -> None:
    m = mask("Congress met. The congress of the IMF.", (), "es", {"congress": "congreso"})
    assert m.text == "{0} met. The {1} of the IMF."
    assert [t for t, _ in m.tokens] == ["Congreso", "congreso"]
    assert m.enforced == ("Congreso", "congreso")


def _drafts(engine: Engine, texts: list[str]) -> list[Translation]:
    out = dict(engine.translate_many(texts))
    assert all(isinstance(o, Translation) for o in out.values()), out
    return [out[i] for i in range(len(texts))]  # type: ignore[misc]


def test_apertium_keeps_names_dates_and_glossary_renderings() -> None:
    plain = _drafts(ApertiumEngine("eng-spa"), [SENTENCE])[0].text
    assert "Marcha" in plain and "Logística" in plain  # what the engine does alone
    engine = MaskedEngine(ApertiumEngine("eng-spa"), (), "es", RENDER, NAMES)
    draft = _drafts(engine, [SENTENCE, "On the night of 4 March, who came?", "On 7 March."])
    assert draft[0].text.startswith("Riverside Logistics ")
    assert "4 de marzo" in draft[0].text and "Marcha" not in draft[0].text
    assert "10.000" in draft[0].text and "Congreso" in draft[0].text
    assert draft[0].detail == "glossary: Congreso"
    assert draft[1].text == "¿En la noche de 4 de marzo, quién vino?"
    assert draft[2].text == "El 7 de marzo."
    peru = MaskedEngine(ApertiumEngine("eng-spa"), (), "es_PE", RENDER, NAMES)
    assert "10,000" in _drafts(peru, [SENTENCE])[0].text


@pytest.mark.parametrize(("kind", "code"), [("google", "ES"), ("mymemory", "ES-ES")])
def test_online_engines_never_see_names_or_dates(kind: str, code: str) -> None:
    with serving(kind) as server:
        env = {"PLIEGO_GOOGLE_URL": server.url, "PLIEGO_MYMEMORY_URL": server.url}
        online = build_online(kind, "es", NetPolicy(timeout=2, retries=0, workers=2), env)
        draft = _drafts(MaskedEngine(online, (), "es", RENDER, NAMES), [SENTENCE])[0]
    sent = server.texts[0]
    assert "Riverside" not in sent and "March" not in sent and "Congress" not in sent, sent
    assert draft.text == (
        f"<{code}> Riverside Logistics cut our pay on the night of 4 de marzo; "
        "10.000 of us marched to Congreso."
    )


def test_an_entry_of_names_alone_is_still_sent() -> None:
    with serving("google") as server:
        env = {"PLIEGO_GOOGLE_URL": server.url}
        online = build_online("google", "es", NetPolicy(timeout=2, retries=0, workers=2), env)
        out = dict(
            MaskedEngine(online, (), "es", {}, NAMES).translate_many(["Riverside Logistics"])
        )
    assert out[0] == Translation("<ES> Riverside Logistics", "google")
    assert not isinstance(out[0], Failure)


def test_required_renderings_per_language() -> None:
    glossary = parse_glossary(
        "en,es,qu,do_not_translate,note\n"
        "Congress,Congreso,,,\npeasant,campesino|comunero,,,\nCGTP,,,yes,\nstrike,,,,\n"
    )
    assert required_renderings(glossary, "es") == {"Congress": "Congreso", "peasant": "campesino"}
    assert required_renderings(glossary, "es_PE") == required_renderings(glossary, "es")
    assert required_renderings(glossary, "qu") == {}


def test_names_are_collected_from_the_article() -> None:
    texts = [
        "PERU HAS seen it. Riverside Logistics cut our pay; Maria Lopez of the GMB spoke.",
        "The Riverside Logistics depot in March. On Monday the TUC and Amnesty International met.",
    ]
    names = collect(texts, ["Ana Ruiz"], ruled=["Amnesty International"])
    assert names == ["Ana Ruiz", "Riverside Logistics", "Maria Lopez", "GMB", "TUC"]
    assert parse_names("# comment\n\nMaria Lopez  # the driver\nGMB\n") == ["Maria Lopez", "GMB"]


def test_the_names_list_is_written_once_and_then_read(tmp_path: Path) -> None:
    article = tmp_path / "leaflet.md"
    article.write_text(
        "---\ntitle: Why We Strike\nauthor: Ana Ruiz\n---\n\n# Why We Are Striking\n\n"
        "Riverside Logistics cut our pay.\n",
        encoding="utf-8",
    )
    names, new = article_names(article)
    assert new and names == ["Ana Ruiz", "Riverside Logistics"]
    assert not names_path(article).exists()  # prefill writes it once its run went through
    write_names(article, names)
    assert names_path(article).read_text("utf-8").startswith("# Names in this article")
    assert article_names(article) == (names, False)
    names_path(article).write_text("Riverside Logistics\nRiverside\n", encoding="utf-8")
    assert article_names(article) == (["Riverside Logistics", "Riverside"], False)


def test_prefill_enforces_the_glossary_and_says_so(project: Path) -> None:
    (project / "locale").mkdir()
    (project / "locale" / "glossary.csv").write_text(
        "en,es,qu,do_not_translate,note\nparagraph,párrafo,,,\n", encoding="utf-8"
    )
    settings = read_settings(project)
    for source in articles(settings):
        extract_article(settings, source)
        update_domain(settings, "es", source.stem)
    report = prefill_language(settings, "es", engines=["apertium"])
    assert report.total_failed == 0
    by_id = load_catalog(project / "locale" / "es" / "LC_MESSAGES" / "small.po").by_key()
    second = by_id[(None, "The second paragraph has 10,000 words in it.")]
    assert "párrafo" in second.msgstr and "10.000" in second.msgstr, second.msgstr
    p = provenance(second)
    assert p is not None and p.engine == "apertium" and p.detail == "glossary: párrafo"
    assert (project / "source" / "small.names.txt").read_text("utf-8").endswith("Ana Pérez\n")


def test_an_author_is_one_name_only_when_it_reads_as_one() -> None:
    from pliego.prefill.names import collect

    assert collect([], ["KD Tait", "José de la Cruz"]) == ["KD Tait", "José de la Cruz"]
    union = "Riverside Hospital branch, Health and Facilities Workers’ Union"
    assert collect([], [union]) == ["Riverside Hospital"]  # a description: its names only
