"""The shipped article's cleaned Apertium drafts beat the raw ones (``bench/drafts.py``
prints the chrF++ too; this test needs only rapidfuzz)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pliego.checks.model import CheckContext
from pliego.checks.registry import CHECKS, check_catalog
from pliego.gettext.catalog import Catalog
from pliego.gettext.glossary import read_glossary
from pliego.gettext.po import load_catalog
from pliego.prefill.apertium import ApertiumEngine
from pliego.prefill.engine import Translation
from pliego.prefill.masking import MaskedEngine, mask
from pliego.prefill.run import required_renderings

REPO = Path(__file__).resolve().parents[2]
PO = REPO / "locale" / "es" / "LC_MESSAGES" / "peru-masses-deepen-resistance.po"
CLASSES = {"whitespace", "doubled", "end-punctuation", "spanish-marks", "quotes-brackets"}
CLASSES |= {"numbers", "dates"}


def test_cleaned_drafts_need_less_editing_and_have_no_findings() -> None:
    glossary = read_glossary(REPO / "locale" / "glossary.csv")
    kept = [t.en for t in glossary if t.do_not_translate]
    entries = [
        m
        for m in load_catalog(PO).active
        if m.msgid and m.msgstr and not m.fuzzy and mask(m.msgid, kept).has_words()
    ]
    assert len(entries) >= 40
    texts = [m.msgid for m in entries]
    raw_engine = MaskedEngine(ApertiumEngine("eng-spa"), kept)
    new_engine = MaskedEngine(
        ApertiumEngine("eng-spa"), kept, "es", required_renderings(glossary, "es")
    )
    share: dict[str, float] = {}
    findings: dict[str, list[str]] = {}
    for side, engine in (("raw", raw_engine), ("cleaned", new_engine)):
        out = dict(engine.translate_many(texts))
        assert all(isinstance(o, Translation) for o in out.values()), side
        drafts = [out[i].text for i in range(len(texts))]  # type: ignore[union-attr]
        edits = sum(Levenshtein.distance(d, m.msgstr) for d, m in zip(drafts, entries, strict=True))
        share[side] = edits / sum(len(m.msgstr) for m in entries)
        catalog = Catalog(
            messages=tuple(
                replace(m, msgstr=d, flags=()) for m, d in zip(entries, drafts, strict=True)
            )
        )
        checks = [c for c in CHECKS if c.id in CLASSES]
        ctx = CheckContext(lang="es", glossary=glossary)
        findings[side] = [f.check for f in check_catalog(catalog, ctx, checks)]
    assert findings["raw"], "the raw drafts have the defects the clean-up is for"
    assert findings["cleaned"] == []
    assert share["cleaned"] < share["raw"], share


def test_the_leaflets_cleaned_drafts_have_no_findings_and_keep_the_names() -> None:
    """The shared test leaflet with its Spanish written by hand: the names list prefill
    would write is masked, and no cleaned draft loses one of its names (the author
    line, an organisation written as a description, gives only the names in it)."""
    from pliego.prefill.names import article_names
    from pliego.prefill.score import lost_names, reviewed_entries, score

    glossary = read_glossary(REPO / "locale" / "glossary.csv")
    kept = [t.en for t in glossary if t.do_not_translate]
    article = REPO / "tests" / "data" / "union-leaflet.md"
    names, _ = article_names(article, [t.en for t in glossary])
    assert {"Riverside Hospital", "Marisol Reyes", "Capital Facilities Ltd"} <= set(names)
    assert not [n for n in names if "branch" in n]  # the author line is not one name
    entries = reviewed_entries(load_catalog(article.with_suffix(".es.po")), kept)
    texts, refs = [m.msgid for m in entries], [m.msgstr for m in entries]
    engines = {
        "raw": MaskedEngine(ApertiumEngine("eng-spa"), kept),
        "cleaned": MaskedEngine(
            ApertiumEngine("eng-spa"), kept, "es", required_renderings(glossary, "es"), names
        ),
    }
    scores, found = {}, {}
    for side, engine in engines.items():
        out = dict(engine.translate_many(texts))
        drafts = [out[i].text for i in range(len(texts))]  # type: ignore[union-attr]
        scores[side] = score(side, texts, drafts, refs, [*kept, *names])
        catalog = Catalog(
            messages=tuple(
                replace(m, msgstr=d, flags=()) for m, d in zip(entries, drafts, strict=True)
            )
        )
        checks = [c for c in CHECKS if c.id in CLASSES]
        found[side] = [
            f.check for f in check_catalog(catalog, CheckContext("es", glossary), checks)
        ]
        if side == "cleaned":
            lost = [
                (text, draft)
                for text, draft in zip(texts, drafts, strict=True)
                if lost_names([text], [draft], [*kept, *names])
            ]
            assert lost == []
    assert found["raw"] and found["cleaned"] == []
    assert scores["cleaned"].chrf > scores["raw"].chrf
    assert scores["cleaned"].share < scores["raw"].share
    assert scores["cleaned"].lost_names < scores["raw"].lost_names
