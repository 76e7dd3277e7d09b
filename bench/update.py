"""Benchmark ``invoke update``'s merge against GNU ``msgmerge --previous``, on two corpora.

* **adversarial**: paragraphs of random words from the shipped article's
  vocabulary; ~10% edited by swapping, adding or dropping a random word, ~2%
  new random texts from the same vocabulary.  The worst case for msgmerge's
  fuzzy search (every text looks a bit like every other).
* **realistic**: an article of N paragraphs of ordinary sentences (a word
  bigram chain over the shipped article, so the prose has the article's
  phrasing and letter statistics but every paragraph is distinct); ~10%
  edited as an editor edits (a word inflected, a typo fixed), ~2% new
  paragraphs of ordinary sentences.

For each corpus and size it times, interleaved (A B A B …, medians):

1. pliego's own read and write of the same catalogue (the floor a merge
   cannot go below: one parse, one write);
2. the merge: ``pliego.update.update_domain`` given the template already read,
   as ``invoke update`` reads each template once for all languages (read the
   catalogue, merge, write; target at most 1.3x of 1.);
3. the merge step, ``update_domain`` reading the template too, in this process;
4. ``msgmerge --previous`` on the same files, as a whole process;
5. on the realistic corpus, the whole ``invoke update --lang es`` process;

and prints the ratios against the targets and how well each edited entry
found its true predecessor (the bench knows the truth).

    python3 bench/update.py [--sizes 5000,20000] [--rounds 3] [--corpus both] [--quick]
                            [--no-msgmerge]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _pair import interleave, load, median, ratio_line, report, run  # noqa: E402
from _po import HEADER  # noqa: E402

from pliego.gettext.catalog import Catalog, Message  # noqa: E402
from pliego.gettext.po import load_catalog, read_po, save_catalog, write_po  # noqa: E402
from pliego.project import read_settings  # noqa: E402
from pliego.update import update_domain  # noqa: E402

ARTICLE = ROOT / "source" / "peru-masses-deepen-resistance.md"


@dataclass(frozen=True)
class Corpus:
    """Old texts, the new template's msgids, and the truth about them."""

    old: tuple[str, ...]
    template: tuple[str, ...]
    truth: dict[str, str]  # edited msgid -> the old msgid it comes from
    new: frozenset[str]  # msgids with no predecessor


def _unique(make: Callable[[], str], n: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        text = make()
        if text not in taken:
            taken.add(text)
            out.append(text)
    return out


def _assemble(rnd: random.Random, old: list[str], edited: dict[int, str], new: list[str]) -> Corpus:
    template = [edited.get(i, t) for i, t in enumerate(old)]
    for t in new:
        template.insert(rnd.randrange(len(template) + 1), t)
    truth = {edited[i]: old[i] for i in edited}
    return Corpus(tuple(old), tuple(dict.fromkeys(template)), truth, frozenset(new) - set(old))


def adversarial(rnd: random.Random, n: int) -> Corpus:
    vocab = sorted(set(re.findall(r"[A-Za-z’']+", ARTICLE.read_text(encoding="utf-8"))))
    taken: set[str] = set()

    def paragraph() -> str:
        return " ".join(rnd.choice(vocab) for _ in range(rnd.randint(4, 40))) + "."

    def edit(text: str) -> str:
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

    old = _unique(paragraph, n, taken)
    edited: dict[int, str] = {}
    for i in sorted(rnd.sample(range(n), n // 10)):
        edited[i] = _unique(lambda t=old[i]: edit(t), 1, taken)[0]
    return _assemble(rnd, old, edited, _unique(paragraph, n // 50, taken))


def _chain() -> dict[str, list[str]]:
    """Which word follows which in the shipped article (``""`` starts a sentence)."""
    body = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    follows: dict[str, list[str]] = {}
    for sentence in re.findall(r"[A-Z][^.!?#\n]*[.!?]", body):
        words = ["", *sentence.split()]
        for a, b in itertools.pairwise(words):
            follows.setdefault(a, []).append(b)
    return follows


def realistic(rnd: random.Random, n: int) -> Corpus:
    follows = _chain()
    taken: set[str] = set()

    def sentence() -> str:
        words = [rnd.choice(follows[""])]
        while words[-1][-1] not in ".!?" and len(words) < 40:
            words.append(rnd.choice(follows.get(words[-1]) or follows[""]))
        if words[-1][-1] not in ".!?":
            words[-1] += "."
        return " ".join(words)

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rnd.randint(1, 4)))

    def edit(text: str) -> tuple[str, str]:
        """(old, new): a typo the new text fixes, or a word inflected."""
        words = text.split()
        i = max(range(len(words)), key=lambda k: (len(words[k]) * rnd.random(), k))
        w = words[i]
        if rnd.random() < 0.5 and len(w) > 3 and w[1:3].isalpha():
            typo = w[0] + w[2] + w[1] + w[3:]
            return " ".join([*words[:i], typo, *words[i + 1 :]]), text
        tail = "" if w[-1].isalpha() else w[-1]
        stem = w[: len(w) - len(tail)]
        stem = stem[:-1] if stem.endswith("s") else stem + "s"
        return text, " ".join([*words[:i], stem + tail, *words[i + 1 :]])

    old = _unique(paragraph, n, taken)
    edited: dict[int, str] = {}
    for i in sorted(rnd.sample(range(n), n // 10)):
        before, after = edit(old[i])
        if (before in taken and before != old[i]) or (after in taken and after != old[i]):
            continue  # the edit made another paragraph's text: edit another one
        taken.update((before, after))
        old[i], edited[i] = before, after
    return _assemble(rnd, old, edited, _unique(paragraph, n // 50, taken))


def project(folder: Path, corpus: Corpus) -> tuple[Path, bytes]:
    """A project whose one article's catalogue holds ``corpus.old``, translated, and
    whose template holds the new msgids; returns it and the catalogue's bytes."""
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "a.md").write_text("---\ntitle: A\n---\n\nA.\n", "utf-8")
    (folder / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es"]\n', "utf-8")
    shutil.copy(ROOT / "tasks.py", folder / "tasks.py")
    po = Catalog(
        header=HEADER,
        messages=tuple(
            Message(msgid=t, msgstr=f"ES{i}: {t[::-1]}", locations=(("source/a.md", i + 1),))
            for i, t in enumerate(corpus.old)
        ),
    )
    pot = Catalog(
        header=HEADER,
        header_flags=("fuzzy",),
        messages=tuple(
            Message(msgid=t, locations=(("source/a.md", i + 1),))
            for i, t in enumerate(corpus.template)
        ),
    )
    (folder / "locale" / "es" / "LC_MESSAGES").mkdir(parents=True)
    save_catalog(folder / "locale" / "a.pot", pot)
    data = write_po(po).encode("utf-8")
    (folder / "locale" / "es" / "LC_MESSAGES" / "a.po").write_bytes(data)
    return folder, data


def score(corpus: Corpus, old: Catalog, merged: Catalog) -> tuple[int, int]:
    """(edited entries that got their true predecessor's translation, new entries
    that got any translation)."""
    was = {m.msgid: m.msgstr for m in old.active}
    now = {m.msgid: m.msgstr for m in merged.active}
    right = sum(1 for e, o in corpus.truth.items() if now[e] == was[o])
    return right, sum(1 for t in corpus.new if now[t])


def bench(name: str, corpus: Corpus, rounds: int, tmp: Path, gnu_too: bool = True) -> None:
    root, data = project(tmp / "ours", corpus)
    whole, _ = project(tmp / "whole", corpus)
    target = root / "locale" / "es" / "LC_MESSAGES" / "a.po"
    scratch = tmp / "scratch.po"
    pot = root / "locale" / "a.pot"
    settings = read_settings(root)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    gnu = run(
        ["msgmerge", "--quiet", "--previous", "-o", str(tmp / "gnu.po"), str(target), str(pot)]
    )

    def read_write() -> None:
        scratch.write_bytes(write_po(read_po(data, str(target))).encode("utf-8"))

    template = load_catalog(pot)

    def merge() -> None:
        target.write_bytes(data)  # every round merges the same old file
        update_domain(settings, "es", "a", template=template)

    def merge_step() -> None:
        target.write_bytes(data)
        update_domain(settings, "es", "a")

    invoke = run([sys.executable, "-m", "invoke", "update", "--lang", "es"], whole, env)

    def whole_task() -> None:
        (whole / "locale" / "es" / "LC_MESSAGES" / "a.po").write_bytes(data)
        invoke()

    sides: dict[str, Callable[[], object]] = {
        "pliego read+write of the catalogue": read_write,
        "pliego merge (template already read)": merge,
        "pliego merge step (update_domain)": merge_step,
    }
    if gnu_too:
        sides["msgmerge --previous"] = lambda: (target.write_bytes(data), gnu())
    if name == "realistic":
        sides["invoke update --lang es (whole process)"] = whole_task
    times = interleave(sides, rounds)
    target.write_bytes(data)
    old = read_po(data, str(target))
    update_domain(settings, "es", "a")
    scores = [("pliego", score(corpus, old, load_catalog(target)))]
    if gnu_too:
        scores.append(("msgmerge", score(corpus, old, load_catalog(tmp / "gnu.po"))))

    print(
        f"\n{name}: {len(corpus.old)} entries, {len(corpus.truth)} edited, "
        f"{len(corpus.new)} new; {load()}"
    )
    report(times)
    rw, merged, ours = (median(times, n) for n in list(sides)[:3])
    print(ratio_line("merge / read+write", merged / rw, "<= 1.3", merged / rw <= 1.3))
    if gnu_too:
        theirs = median(times, "msgmerge --previous")
        limit = 0.5 if name == "realistic" else 1 / 25
        print(
            ratio_line(
                "merge step / msgmerge", ours / theirs, f"<= {limit:.3f}", ours / theirs <= limit
            )
        )
        if name == "realistic":
            task = median(times, "invoke update --lang es (whole process)")
            print(ratio_line("invoke update / msgmerge", task / theirs, "<= 1.0", task <= theirs))
    else:
        print("  msgmerge not run (--no-msgmerge): no ratio against it")
    for who, (right, wrong_new) in scores:
        print(
            f"  {who:8s}: true predecessor {right}/{len(corpus.truth)} "
            f"({100 * right / len(corpus.truth):.2f}%, target 100%), new entries given a "
            f"translation {wrong_new}/{len(corpus.new)} (target 0)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5000,20000", help="catalogue sizes, comma-separated")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", choices=("both", "adversarial", "realistic"), default="both")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="1,000 entries, 2 rounds")
    ap.add_argument(
        "--no-msgmerge",
        action="store_true",
        help="leave msgmerge out (it grows with the square of the size: hours at 20,000 "
        "realistic entries on a loaded machine); the merge against read+write still runs",
    )
    args = ap.parse_args()
    if args.quick:
        args.sizes, args.rounds = "1000", 2
    makers = {"realistic": realistic, "adversarial": adversarial}
    chosen = list(makers) if args.corpus == "both" else [args.corpus]
    for size in (int(s) for s in args.sizes.split(",")):
        for name in chosen:
            corpus = makers[name](random.Random(args.seed), size)
            with tempfile.TemporaryDirectory() as tmp:
                bench(name, corpus, args.rounds, Path(tmp), not args.no_msgmerge)


if __name__ == "__main__":
    main()
