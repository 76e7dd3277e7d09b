"""What a machine draft is worth: Apertium's drafts scored against the reviewed Spanish.

For every reviewed entry (translated, not fuzzy) of a shipped catalogue the
English is translated twice by the real ``apertium eng-spa``, without the
cache:

``raw``
    pliego's prefill as it was before the clean-up: markup and the
    glossary's do-not-translate terms masked, nothing else;
``cleaned``
    prefill as it is now: also the article's names, dates and numbers (in
    the target's locale) and the glossary's renderings masked, and the
    clean-up rules applied (:mod:`pliego.prefill.cleanup`).

Each side is scored against the reviewed translation with chrF++ (sacrebleu,
``CHRF(word_order=2)``, corpus level: higher is better) and with the
character edit distance (rapidfuzz's Levenshtein) a translator must type to
turn the draft into the reviewed text, as a share of the reviewed length
(lower is better).  It also counts the findings of ``invoke check``'s
white-space, punctuation and number/date checks on the drafts, and the names
(do-not-translate terms and the names list) that a draft lost.

    python3 bench/drafts.py [--po locale/es/LC_MESSAGES/<slug>.po] [--lang es]

Needs ``pip install sacrebleu`` (rapidfuzz is a dependency of pliego).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz.distance import Levenshtein  # noqa: E402
from sacrebleu.metrics import CHRF  # noqa: E402

from pliego.checks.model import CheckContext  # noqa: E402
from pliego.checks.registry import CHECKS, check_catalog  # noqa: E402
from pliego.gettext.catalog import Catalog, Message  # noqa: E402
from pliego.gettext.glossary import GLOSSARY_NAME, read_glossary  # noqa: E402
from pliego.gettext.po import load_catalog  # noqa: E402
from pliego.prefill.apertium import ApertiumEngine  # noqa: E402
from pliego.prefill.engine import Engine, Translation  # noqa: E402
from pliego.prefill.masking import MaskedEngine, mask  # noqa: E402
from pliego.prefill.names import collect, names_path, parse_names  # noqa: E402
from pliego.prefill.run import required_renderings  # noqa: E402

DEFAULT_PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "peru-masses-deepen-resistance.po"
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


def _names(slug: str, ruled: Sequence[str]) -> list[str]:
    """The article's names list if there is one, else what prefill would write."""
    from pliego.markdown.segment import parse_article

    article = ROOT / "source" / f"{slug}.md"
    if names_path(article).exists():
        return parse_names(names_path(article).read_text(encoding="utf-8"))
    parsed = parse_article(article.read_text(encoding="utf-8"), str(article))
    author = parsed.front_matter.get("author")
    texts = [u.msgid for u in parsed.units if u.kind not in ("heading", "title")]
    return collect(texts, [author] if isinstance(author, str) else [], ruled)


def _translate(engine: Engine, texts: list[str]) -> list[str]:
    out = dict(engine.translate_many(texts))
    return [
        o.text if isinstance(o, Translation) else "" for o in (out[i] for i in range(len(texts)))
    ]


def _findings(entries: Sequence[Message], drafts: Sequence[str], ctx: CheckContext) -> Counter[str]:
    catalog = Catalog(
        messages=tuple(replace(m, msgstr=d, flags=()) for m, d in zip(entries, drafts, strict=True))
    )
    checks = [c for c in CHECKS if c.id in CLASSES]
    return Counter(f.check for f in check_catalog(catalog, ctx, checks))


def _lost_names(entries: Sequence[Message], drafts: Sequence[str], names: Sequence[str]) -> int:
    lost = 0
    for m, draft in zip(entries, drafts, strict=True):
        for name in names:
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            lost += max(0, len(pattern.findall(m.msgid)) - len(pattern.findall(draft)))
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--po", type=Path, default=DEFAULT_PO)
    parser.add_argument("--lang", default="es")
    args = parser.parse_args()
    catalog = load_catalog(args.po)
    reviewed = [m for m in catalog.active if m.msgid and m.msgstr and not m.fuzzy]
    glossary = read_glossary(ROOT / "locale" / GLOSSARY_NAME)
    kept = [t.en for t in glossary if t.do_not_translate]
    # What prefill skips (only names or code: nothing to translate) is not scored.
    entries = [m for m in reviewed if mask(m.msgid, kept).has_words()]
    names = _names(args.po.stem, [t.en for t in glossary])
    texts = [m.msgid for m in entries]
    sides = {
        "raw": MaskedEngine(ApertiumEngine("eng-spa"), kept),
        "cleaned": MaskedEngine(
            ApertiumEngine("eng-spa"),
            kept,
            args.lang,
            required_renderings(glossary, args.lang),
            names,
        ),
    }
    refs = [m.msgstr for m in entries]
    ctx = CheckContext(lang=args.lang, glossary=glossary)
    print(
        f"{args.po.relative_to(ROOT)}: {len(entries)} reviewed entries, {sum(map(len, refs))} chars"
    )
    print(f"names list: {', '.join(names) or '(empty: every name is in the glossary)'}")
    scores: dict[str, tuple[float, float]] = {}
    for side, engine in sides.items():
        drafts = _translate(engine, texts)
        chrf = CHRF(word_order=2).corpus_score(drafts, [refs]).score
        edits = sum(Levenshtein.distance(d, r) for d, r in zip(drafts, refs, strict=True))
        share = edits / sum(map(len, refs))
        scores[side] = (chrf, share)
        found = _findings(entries, drafts, ctx)
        shown = ", ".join(f"{k} {n}" for k, n in sorted(found.items())) or "none"
        print(
            f"{side:8s} chrF++ {chrf:6.2f}   edits {edits:6d} chars = {share:.3f} of the reviewed"
            f"   findings: {shown}   lost names: {_lost_names(entries, drafts, [*kept, *names])}"
        )
    (raw_chrf, raw_share), (new_chrf, new_share) = scores["raw"], scores["cleaned"]
    print(
        f"ratio cleaned/raw: chrF++ {new_chrf / raw_chrf:.3f} (higher is better), "
        f"edit share {new_share / raw_share:.3f} (lower is better)"
    )


if __name__ == "__main__":
    main()
