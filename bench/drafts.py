"""What a machine draft is worth: Apertium's drafts scored against the reviewed Spanish.

Two articles, each with a Spanish translation a person wrote: the shipped
article (``locale/es/``) and the shared test leaflet
(``tests/data/union-leaflet.md`` with ``tests/data/union-leaflet.es.po``).
For every reviewed entry (translated, not fuzzy) the English is translated
twice by the real ``apertium eng-spa``, without the cache:

``raw``
    pliego's prefill as it was before the clean-up: markup and the
    glossary's do-not-translate terms masked, nothing else;
``cleaned``
    prefill as it is now: also the article's names, dates and numbers (in
    the target's locale) and the glossary's renderings masked, and the
    clean-up rules applied (:mod:`pliego.prefill.cleanup`).

Each side is scored by :func:`pliego.prefill.score.score`, as ``invoke
prefill --score`` does: chrF++ (sacrebleu, higher is better) and the
character edit distance a translator must type, as a share of the reviewed
length (lower is better).  It also counts the findings of ``invoke check``'s
white-space, punctuation and number/date checks on the drafts, and the names
(do-not-translate terms and the names list) that a draft lost.

    python3 bench/drafts.py                       # both articles
    python3 bench/drafts.py --po P --article A    # one catalogue and its article
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pliego.checks.model import CheckContext  # noqa: E402
from pliego.checks.registry import CHECKS, check_catalog  # noqa: E402
from pliego.gettext.catalog import Catalog, Message  # noqa: E402
from pliego.gettext.glossary import GLOSSARY_NAME, read_glossary  # noqa: E402
from pliego.gettext.po import load_catalog  # noqa: E402
from pliego.prefill.apertium import ApertiumEngine  # noqa: E402
from pliego.prefill.engine import Engine, Translation  # noqa: E402
from pliego.prefill.masking import MaskedEngine  # noqa: E402
from pliego.prefill.names import collect, names_path, parse_names  # noqa: E402
from pliego.prefill.run import required_renderings  # noqa: E402
from pliego.prefill.score import reviewed_entries, score  # noqa: E402

SHIPPED = "peru-masses-deepen-resistance"
#: (reviewed catalogue, its article): the shipped article and the shared test leaflet
ARTICLES = (
    (ROOT / "locale" / "es" / "LC_MESSAGES" / f"{SHIPPED}.po", ROOT / "source" / f"{SHIPPED}.md"),
    (ROOT / "tests" / "data" / "union-leaflet.es.po", ROOT / "tests" / "data" / "union-leaflet.md"),
)
#: The check classes the clean-up answers for.
CLASSES = (
    "whitespace",
    "doubled",
    "end-punctuation",
    "spanish-marks",
    "quotes-brackets",
    "numbers",
    "dates",
)


def _names(article: Path, ruled: Sequence[str]) -> list[str]:
    """The article's names list if there is one, else what prefill would write."""
    from pliego.markdown.segment import parse_article

    if names_path(article).exists():
        return parse_names(names_path(article).read_text(encoding="utf-8"))
    parsed = parse_article(article.read_text(encoding="utf-8"), str(article))
    author = parsed.front_matter.get("author")
    texts = [u.msgid for u in parsed.units if u.kind not in ("heading", "title")]
    return collect(texts, [author] if isinstance(author, str) else [], ruled)


def _translate(engine: Engine, texts: list[str]) -> list[str | None]:
    out = dict(engine.translate_many(texts))
    return [
        o.text if isinstance(o, Translation) else None for o in (out[i] for i in range(len(texts)))
    ]


def _findings(entries: Sequence[Message], drafts: Sequence[str], ctx: CheckContext) -> Counter[str]:
    catalog = Catalog(
        messages=tuple(replace(m, msgstr=d, flags=()) for m, d in zip(entries, drafts, strict=True))
    )
    checks = [c for c in CHECKS if c.id in CLASSES]
    return Counter(f.check for f in check_catalog(catalog, ctx, checks))


def bench(po: Path, article: Path, lang: str) -> None:
    """Print raw and cleaned Apertium drafts' scores for one reviewed catalogue."""
    glossary = read_glossary(ROOT / "locale" / GLOSSARY_NAME)
    kept = [t.en for t in glossary if t.do_not_translate]
    # What prefill skips (only names or code: nothing to translate) is not scored.
    entries = reviewed_entries(load_catalog(po), kept)
    names = _names(article, [t.en for t in glossary])
    texts = [m.msgid for m in entries]
    sides = {
        "raw": MaskedEngine(ApertiumEngine("eng-spa"), kept),
        "cleaned": MaskedEngine(
            ApertiumEngine("eng-spa"), kept, lang, required_renderings(glossary, lang), names
        ),
    }
    refs = [m.msgstr for m in entries]
    ctx = CheckContext(lang=lang, glossary=glossary)
    print(f"{po.relative_to(ROOT)}: {len(entries)} reviewed entries, {sum(map(len, refs))} chars")
    print(f"names list: {' | '.join(names) or '(empty: every name is in the glossary)'}")
    scores = {}
    for side, engine in sides.items():
        drafts = _translate(engine, texts)
        scores[side] = s = score(side, texts, drafts, refs, [*kept, *names])
        found = _findings(entries, [d or "" for d in drafts], ctx)
        shown = ", ".join(f"{k} {n}" for k, n in sorted(found.items())) or "none"
        print(
            f"{side:8s} chrF++ {s.chrf:6.2f}   edits {s.edits:6d} chars = {s.share:.3f} of the"
            f" reviewed   findings: {shown}   lost names: {s.lost_names}   failed: {s.failed}"
        )
    raw, new = scores["raw"], scores["cleaned"]
    print(
        f"ratio cleaned/raw: chrF++ {new.chrf / raw.chrf:.3f} (higher is better), "
        f"edit share {new.share / raw.share:.3f} (lower is better)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--po", type=Path, help="a reviewed catalogue (default: both articles)")
    parser.add_argument("--article", type=Path, help="the article of --po (its names list)")
    parser.add_argument("--lang", default="es")
    args = parser.parse_args()
    pairs = (
        ARTICLES
        if args.po is None
        else ((args.po, args.article or ROOT / "source" / f"{args.po.stem}.md"),)
    )
    for i, (po, article) in enumerate(pairs):
        if i:
            print()
        bench(po.resolve(), article.resolve(), args.lang)


if __name__ == "__main__":
    main()
