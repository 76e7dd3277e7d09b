"""Extraction throughput: ``invoke extract`` beside translate-toolkit's ``md2po``.

Generates a large corpus of articles (paragraphs of the shipped article,
shuffled and varied, with headings, lists, quotes, links and emphasis), then
times, in the same run, ``invoke extract`` on a project holding the corpus and
``md2po -P`` on the same files, each as a whole process, and prints words per
second for both and the ratio.

    python3 bench/extract.py [--articles 150] [--seed 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
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

        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "invoke", "extract"],
            cwd=proj,
            env=env,
            check=True,
            capture_output=True,
        )
        ours = time.perf_counter() - start
        pots = len(list((proj / "locale").glob("*.pot")))

        out = Path(tmp) / "md2po-out"
        start = time.perf_counter()
        subprocess.run(
            ["md2po", "--progress=none", "-P", "-i", str(proj / "source"), "-o", str(out)],
            check=True,
            capture_output=True,
        )
        theirs = time.perf_counter() - start
        their_pots = len(list(out.glob("*.pot")))

    print(f"corpus: {args.articles} articles, {words} words")
    print(f"pliego invoke extract : {ours:6.2f} s  {words / ours:10.0f} words/s  ({pots} .pot)")
    print(
        f"translate-toolkit md2po: {theirs:6.2f} s  {words / theirs:10.0f} words/s "
        f"({their_pots} .pot)"
    )
    print(f"throughput ratio pliego/md2po: {theirs / ours:.2f}x  (target >= 1.00)")


if __name__ == "__main__":
    main()
