"""Benchmark ``invoke update``'s merge against GNU ``msgmerge --previous``.

Builds a 20,000-entry Spanish catalogue, then a new template in which ~10% of
msgids are edited (a word changed, added or removed) and ~2% are new.  Runs
our merge (read, merge, write: what ``invoke update`` does per file) and
``msgmerge --previous`` on the same files in the same run, and prints both
wall times, the ratio, and how well each edited entry found its true
predecessor (the benchmark knows the truth).

    python3 bench/update.py [--entries 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.merge import update_catalog
from pliego.gettext.po import load_catalog, save_catalog

ARTICLE = Path(__file__).resolve().parent.parent / "source" / "peru-masses-deepen-resistance.md"
HEADER = (
    ("Project-Id-Version", "bench"),
    ("Language", "es"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
)


def paragraphs(rnd: random.Random, n: int, vocab: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        text = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(4, 40))) + "."
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def edit(rnd: random.Random, text: str, vocab: list[str]) -> str:
    words = text.split()
    i = rnd.randrange(len(words))
    op = rnd.choice(["change", "add", "drop"])
    if op == "change":
        words[i] = rnd.choice(vocab)
    elif op == "add":
        words.insert(i, rnd.choice(vocab))
    elif len(words) > 3:
        words.pop(i)
    return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    vocab = sorted(set(re.findall(r"[A-Za-z’']+", ARTICLE.read_text(encoding="utf-8"))))
    old = paragraphs(rnd, args.entries, vocab)
    translations = {t: f"ES{i}: {t[::-1]}" for i, t in enumerate(old)}
    n_edit, n_new = args.entries // 10, args.entries // 50
    edited_idx = set(rnd.sample(range(args.entries), n_edit))
    new_texts = paragraphs(random.Random(args.seed + 1), n_new, vocab)
    template_ids: list[str] = []
    truth: dict[str, str] = {}  # new msgid -> translation it should inherit
    for i, t in enumerate(old):
        if i in edited_idx:
            e = edit(rnd, t, vocab)
            while e == t or e in translations:
                e = edit(rnd, t, vocab)
            truth[e] = translations[t]
            template_ids.append(e)
        else:
            template_ids.append(t)
    for t in new_texts:
        template_ids.insert(rnd.randrange(len(template_ids) + 1), t)
    template_ids = list(dict.fromkeys(template_ids))
    new_set = set(new_texts) - set(old)

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        po = Catalog(
            header=HEADER,
            messages=tuple(
                Message(msgid=t, msgstr=translations[t], locations=(("a.md", i + 1),))
                for i, t in enumerate(old)
            ),
        )
        pot = Catalog(
            header=HEADER,
            header_flags=("fuzzy",),
            messages=tuple(
                Message(msgid=t, locations=(("a.md", i + 1),)) for i, t in enumerate(template_ids)
            ),
        )
        save_catalog(d / "es.po", po)
        save_catalog(d / "t.pot", pot)
        save_catalog(d / "ours.po", po)

        start = time.perf_counter()
        merged, _ = update_catalog(load_catalog(d / "t.pot"), load_catalog(d / "ours.po"))
        save_catalog(d / "ours.po", merged)
        ours = time.perf_counter() - start

        start = time.perf_counter()
        subprocess.run(
            [
                "msgmerge",
                "--quiet",
                "--previous",
                "-o",
                str(d / "gnu.po"),
                str(d / "es.po"),
                str(d / "t.pot"),
            ],
            check=True,
        )
        gnu = time.perf_counter() - start

        def score(cat: Catalog) -> tuple[int, int, int]:
            by_id = {m.msgid: m for m in cat.active}
            right = sum(1 for e, tr in truth.items() if by_id[e].msgstr == tr)
            wrong_new = sum(1 for t in new_set if by_id[t].msgstr)
            lost = len(truth) - sum(1 for e in truth if by_id[e].msgstr)
            return right, wrong_new, lost

        ours_score = score(load_catalog(d / "ours.po"))
        gnu_score = score(load_catalog(d / "gnu.po"))

    print(f"catalogue: {args.entries} entries, {len(truth)} edited, {len(new_set)} new")
    print(f"pliego update merge : {ours:8.2f} s")
    print(f"msgmerge --previous : {gnu:8.2f} s")
    print(f"ratio pliego/msgmerge: {ours / gnu:.3f}  (target <= 0.100)")
    for name, (right, wrong_new, lost) in (("pliego", ours_score), ("msgmerge", gnu_score)):
        print(
            f"{name:9s}: edited matched to true predecessor {right}/{len(truth)} "
            f"({100 * right / len(truth):.2f}%, target >= 99%), new entries given an unrelated "
            f"translation {wrong_new}/{len(new_set)}, edited left untranslated {lost}"
        )


if __name__ == "__main__":
    main()
