"""Extraction throughput: ``invoke extract`` beside translate-toolkit's ``md2po``.

Generates a large corpus of articles (paragraphs of the shipped article,
shuffled and varied, with headings, lists, quotes, links and emphasis), then
times, interleaved (A B A B …), ``invoke extract`` on a project holding the
corpus (its templates removed before each round, so every round writes them
all) and ``md2po -P`` on the same
files, each as a whole process, and prints each side's median, words per
second and the ratio (target: pliego at least 2.5x md2po).

    python3 bench/extract.py [--articles 150] [--rounds 5] [--seed 3] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from _pair import Side, interleave, load, median, ratio_line, report, run

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "source" / "peru-masses-deepen-resistance.md"


def corpus_article(rnd: random.Random, paras: list[str], n: int) -> str:
    body = []
    for i in range(rnd.randint(30, 60)):
        p = rnd.choice(paras)
        words = p.split()
        if rnd.random() < 0.3:
            k = rnd.randrange(len(words))
            words[k] = f"*{words[k]}*"
        if rnd.random() < 0.2:
            k = rnd.randrange(len(words))
            words[k] = f"[{words[k]}](https://example.org/{n}/{i})"
        text = " ".join(words)
        r = rnd.random()
        if r < 0.08:
            body.append("## " + " ".join(words[:5]))
        elif r < 0.16:
            body.append("\n".join(f"- {' '.join(words[j : j + 9])}" for j in range(0, 36, 9)))
        elif r < 0.22:
            body.append("> " + text)
        else:
            body.append(text)
    return f'---\ntitle: "Article {n}"\nauthor: "Bench"\n---\n\n' + "\n\n".join(body) + "\n"


def fresh(side: Side, *folders: Path) -> Side:
    """``side`` with its output folders emptied first, so no round finds its work done."""

    def again() -> object:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return side()

    return again


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="30 articles, 2 rounds")
    args = ap.parse_args()
    if args.quick:
        args.articles, args.rounds = 30, 2
    rnd = random.Random(args.seed)
    text = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    paras = [p.strip() for p in text.split("\n\n") if p.strip() and not p.startswith("#")]
    with tempfile.TemporaryDirectory() as tmp:
        proj = Path(tmp) / "proj"
        (proj / "source").mkdir(parents=True)
        shutil.copy(ROOT / "tasks.py", proj / "tasks.py")
        (proj / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es"]\n')
        words = 0
        for n in range(args.articles):
            art = corpus_article(rnd, paras, n)
            words += len(art.split())
            (proj / "source" / f"article-{n:04d}.md").write_text(art, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        out = Path(tmp) / "md2po-out"
        ours_name, theirs_name = "pliego invoke extract", "translate-toolkit md2po -P"
        md2po = ["md2po", "--progress=none", "-P", "-i", str(proj / "source"), "-o", str(out)]
        times = interleave(
            {
                ours_name: fresh(
                    run([sys.executable, "-m", "invoke", "extract"], proj, env), proj / "locale"
                ),
                theirs_name: fresh(run(md2po), out),
            },
            args.rounds,
        )
        pots = len(list((proj / "locale").glob("*.pot")))
        their_pots = len(list(out.glob("*.pot")))

    ours, theirs = median(times, ours_name), median(times, theirs_name)
    print(f"corpus: {args.articles} articles, {words} words; {load()}")
    report(times)
    print(f"  pliego: {words / ours:10.0f} words/s ({pots} .pot)")
    print(f"  md2po:  {words / theirs:10.0f} words/s ({their_pots} .pot)")
    print(
        ratio_line("throughput ratio pliego/md2po", theirs / ours, ">= 2.5x", theirs / ours >= 2.5)
    )


if __name__ == "__main__":
    main()
