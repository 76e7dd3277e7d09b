"""Reading throughput: pliego's polib-based reader against the hand-written one it replaced.

Builds a 20,000-entry Spanish catalogue in pliego's own layout from the words
of the shipped article: headings and UI strings beside paragraphs, translator
and extracted comments, references with and without line numbers, flags,
fuzzy entries with their previous msgid, msgctxt, plural entries and
obsolete entries at the end (some with an obsolete previous msgid).  Then it
times, interleaved (A B C D A B C D …, bench/_pair.py, so a noisy moment hits every side),
``read_po`` from the bytes:

* pliego's reader: the lexical check, the canonical reader (polib for a
  file not in msgcat's layout; this corpus is in it), pliego's model and the
  checks on it;
* the reference: the hand-written reader of commit ``b06b4bf``, taken from
  git into a temporary folder and imported from there;
* for context, ``polib.pofile`` alone and Babel's ``read_po``.

It prints each side's median and the ratio pliego/reference (target <= 2.0).

    python3 bench/read.py [--entries 20000] [--rounds 7] [--seed 11] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import polib  # noqa: E402
from _pair import interleave, load  # noqa: E402
from _po import HEADER  # noqa: E402
from babel.messages.pofile import read_po as babel_read_po  # noqa: E402

from pliego.gettext.catalog import Catalog, Message  # noqa: E402
from pliego.gettext.po import read_po, write_po  # noqa: E402

#: The last commit whose src/pliego/gettext/po.py was the hand-written reader.
REFERENCE_COMMIT = "b06b4bf"
ARTICLE = ROOT / "source" / "peru-masses-deepen-resistance.md"


def reference_reader(folder: Path) -> ModuleType:
    """The replaced reader, as committed, imported as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{REFERENCE_COMMIT}:src/pliego/gettext/po.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = folder / "reference_po.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("reference_po", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def catalogue(rnd: random.Random, n: int, vocab: list[str]) -> Catalog:
    seen: set[str] = set()

    def text(lo: int, hi: int) -> str:
        while True:
            words = [rnd.choice(vocab) for _ in range(rnd.randint(lo, hi))]
            t = " ".join(words) + rnd.choice(".....?!:")
            if rnd.random() < 0.04:
                t = f"“{t}” said the {rnd.choice(vocab)}"
            if rnd.random() < 0.02:
                t = f'{t}\n{rnd.choice(vocab)} "{rnd.choice(vocab)}"'
            if t not in seen:
                seen.add(t)
                return t

    active: list[Message] = []
    obsolete: list[Message] = []
    for i in range(n):
        short = rnd.random() < 0.6
        msgid = text(1, 10) if short else text(12, 60)
        translated = rnd.random() < 0.85
        m = Message(
            msgid=msgid,
            msgstr=f"ES {msgid[::-1]}" if translated else "",
            auto_comments=(rnd.choice(("heading", "paragraph", "list item", "caption")),)
            if rnd.random() < 0.6
            else (),
            locations=tuple(
                (f"source/article-{rnd.randint(1, 80)}.md", rnd.randint(1, 900))
                if rnd.random() < 0.9
                else (f"styles/site/page-{rnd.randint(1, 9)}.html", None)
                for _ in range(rnd.choice((1, 1, 1, 2, 3)))
            ),
            translator_comments=("checked against the print edition",)
            if rnd.random() < 0.05
            else (),
        )
        r = rnd.random()
        if r < 0.08:
            m = replace(m, msgctxt=rnd.choice(("month", "language", "heading")))
        if translated and rnd.random() < 0.1:
            m = replace(m, flags=("fuzzy",), previous_msgid=text(1, 20))
        elif rnd.random() < 0.03:
            m = replace(m, flags=("no-wrap",))
        if 0.08 <= r < 0.11:
            forms = (f"uno {i}", f"varios {i}") if translated else ("", "")
            m = replace(m, msgid_plural=f"{msgid} ({i})", msgstr="", msgstr_plural=forms)
        if r > 0.95:
            obsolete.append(replace(m, obsolete=True, locations=(), auto_comments=()))
        else:
            active.append(m)
    return Catalog(
        header=HEADER,
        messages=(*active, *obsolete),
        header_comments=("Spanish translation of the bench corpus.", "Generated by bench/read.py."),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--quick", action="store_true", help="5,000 entries, 3 rounds")
    args = ap.parse_args()
    if args.quick:
        args.entries, args.rounds = 5000, 3
    rnd = random.Random(args.seed)
    vocab = sorted(set(re.findall(r"[A-Za-z’']+", ARTICLE.read_text(encoding="utf-8"))))
    cat = catalogue(rnd, args.entries, vocab)
    data = write_po(cat).encode("utf-8")
    text = data.decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        reference = reference_reader(Path(tmp))
        ours, theirs = read_po(data, "bench.po"), reference.read_po(data, "bench.po")
        assert ours == theirs and ours.header == theirs.header, "the two readers disagree"

        def babel() -> object:
            with contextlib.redirect_stdout(io.StringIO()):  # it prints a warning per #~| line
                return babel_read_po(io.BytesIO(data))

        sides: dict[str, Callable[[], object]] = {
            "pliego read_po (line check + canonical reader)": lambda: read_po(data, "bench.po"),
            f"reference: hand-written reader ({REFERENCE_COMMIT})": lambda: reference.read_po(
                data, "bench.po"
            ),
            "polib.pofile alone": lambda: polib.pofile(text, encoding="utf-8"),
            "Babel read_po": babel,
        }
        times = interleave(sides, args.rounds)

    medians = {name: statistics.median(t) for name, t in times.items()}
    ours_name, ref_name = list(sides)[:2]
    lines = text.count("\n")
    print(
        f"catalogue: {len(cat.messages)} entries ({len(cat.obsolete)} obsolete), "
        f"{lines} lines, {len(data) / 1e6:.1f} MB; {args.rounds} interleaved rounds, {load()}"
    )
    for name, t in times.items():
        print(f"{name:52s}: median {medians[name]:6.3f} s  (min {min(t):.3f}, max {max(t):.3f})")
    ratio = medians[ours_name] / medians[ref_name]
    verdict = "met" if ratio <= 2.0 else "NOT met"
    print(f"ratio pliego/reference: {ratio:.2f}  (target <= 2.00: {verdict})")


if __name__ == "__main__":
    main()
