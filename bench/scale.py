"""How ``invoke publish`` grows with the number of articles.

Generates a project of N articles × 3 languages (en, es, qu): every article is
the shipped one under its own slug with its own title, with the shipped
Spanish and Quechua catalogues (the title's entry translated for each), so
every language is a release.  For each N it measures, as whole processes:

1. a cold ``invoke publish`` (every pamphlet built, the site written);
2. a no-op ``invoke publish`` (nothing changed);
3. ``invoke publish`` after one ``.po`` changed (one Spanish entry of one
   article): it must rebuild only that article in that language (checked on
   the PDFs' modification times) in at most 3 s;

and prints how each grows from the smallest N to the largest (linear or
better means the per-article cost does not rise) and the size of the site's
index page, with a warning when it is too long to read on a phone.

First it times the no-op publish of the shipped project itself (target
0.35 s, the whole command) interleaved with ``invoke --list`` in the same
project: Invoke's and Python's start-up, the floor every task pays.

    python3 bench/scale.py [--articles 10,100] [--quick] [--rounds 5] [--noop-only]

``--noop-only`` times only that pair (the shipped project's one cold build
first), for work on start-up that need not build the generated projects.

The cold builds are long (100 articles are 900 PDFs); ``--quick`` uses 2 and 6.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _pair import REPO, interleave, load, median, ratio_line, report, run

ROOT = Path(__file__).resolve().parent.parent
SLUG = "peru-masses-deepen-resistance"
#: Beyond this many bytes of HTML, or this many article entries, an index page
#: is a long scroll on a phone (a rough bound: some 30 screens of entries).
PHONE_BYTES, PHONE_ENTRIES = 200_000, 60


def project(folder: Path, n: int) -> Path:
    """The shipped project with its one article copied ``n`` times, each titled apart."""
    folder.mkdir(parents=True)
    for name in ("pyproject.toml", "tasks.py"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "styles", folder / "styles")
    (folder / "source").mkdir()
    (folder / "locale").mkdir()
    shutil.copy(ROOT / "locale" / "glossary.csv", folder / "locale" / "glossary.csv")
    for name in ("pamphlet.pot", "site.pot"):
        shutil.copy(ROOT / "locale" / name, folder / "locale" / name)
    article = (ROOT / "source" / f"{SLUG}.md").read_text("utf-8")
    title = re.search(r'^title: "?(.*?)"?$', article, re.MULTILINE)
    assert title is not None, "the shipped article has a title"
    for lang in ("es", "qu"):
        (folder / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
        for name in ("pamphlet.po", "site.po"):
            shutil.copy(
                ROOT / "locale" / lang / "LC_MESSAGES" / name,
                folder / "locale" / lang / "LC_MESSAGES" / name,
            )
    for i in range(n):
        slug = f"article-{i:03d}"
        text = article.replace(title.group(1), f"{title.group(1)} ({i})", 1)
        (folder / "source" / f"{slug}.md").write_text(text, "utf-8")
        pot = (ROOT / "locale" / f"{SLUG}.pot").read_text("utf-8")
        (folder / "locale" / f"{slug}.pot").write_text(
            pot.replace(f'msgid "{title.group(1)}"', f'msgid "{title.group(1)} ({i})"'), "utf-8"
        )
        for lang in ("es", "qu"):
            po = (ROOT / "locale" / lang / "LC_MESSAGES" / f"{SLUG}.po").read_text("utf-8")
            numbered = f'msgid "{title.group(1)} ({i})"\nmsgstr "\\1 ({i})"'
            po = re.sub(f'msgid "{re.escape(title.group(1))}"\nmsgstr "(.*)"', numbered, po)
            (folder / "locale" / lang / "LC_MESSAGES" / f"{slug}.po").write_text(po, "utf-8")
    return folder


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1675900800"}


def shipped_noop(tmp: Path, rounds: int) -> None:
    """The shipped project's no-op ``invoke publish`` against ``invoke --list``, in turns."""
    root = tmp / "shipped"
    root.mkdir()
    for name in ("pyproject.toml", "tasks.py"):
        shutil.copy(REPO / name, root / name)
    for name in ("source", "locale", "styles"):
        shutil.copytree(REPO / name, root / name)
    publish(root)  # cold: every pamphlet built, the site written
    publish(root)  # the stamps settle (a file younger than 2 s is digested, then trusted)
    invoke = [sys.executable, "-m", "invoke"]
    times = interleave(
        {
            "invoke publish (no-op)": run([*invoke, "publish"], cwd=root, env=ENV),
            "invoke --list": run([*invoke, "--list"], cwd=root, env=ENV),
        },
        rounds,
    )
    print(f"\nshipped project, no-op publish ({load()}):")
    report(times)
    noop, floor = median(times, "invoke publish (no-op)"), median(times, "invoke --list")
    print(ratio_line("no-op publish, s", noop, "<= 0.35 s", noop <= 0.35))
    print(f"  of which beyond invoke --list: {noop - floor:.3f} s")


def publish(root: Path) -> float:
    env = ENV
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "publish"], cwd=root, env=env, capture_output=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"invoke publish failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def pdf_times(root: Path) -> dict[Path, int]:
    return {
        p: p.stat().st_mtime_ns for p in (root / "build").rglob("*.pdf") if "site" not in p.parts
    }


def index_pages(root: Path) -> tuple[list[str], str]:
    """The site's listing pages (as the publish recorded them in its stamp: a paginated
    index has several per language) and the HTML of the largest."""
    site = root / "build" / "site"
    stamp = json.loads((root / "build" / ".site-stamp.json").read_text("utf-8"))
    pages = [str(p) for p in stamp.get("pages", ["index.html"])]
    texts = [(site / p).read_text("utf-8") for p in pages]
    return pages, max(texts, key=len)


def change_one(root: Path) -> Path:
    """Change one translated Spanish entry of the second article (the catalogue still
    complete), and return the catalogue."""
    po = root / "locale" / "es" / "LC_MESSAGES" / "article-001.po"
    text = po.read_text("utf-8")
    changed = re.sub(r'\nmsgstr "(.+)"\n', r'\nmsgstr "\1 (revisado)"\n', text, count=1)
    assert changed != text, "the catalogue has a one-line translation to change"
    po.write_text(changed, "utf-8")
    return po


def measure(n: int, tmp: Path) -> dict[str, float]:
    root = project(tmp / f"p{n}", n)
    cold = publish(root)
    before = pdf_times(root)
    noop = publish(root)
    assert pdf_times(root) == before, "a no-op publish rebuilt a pamphlet"
    change_one(root)
    one = publish(root)
    after = pdf_times(root)
    rebuilt = sorted(
        {
            p.relative_to(root / "build").parent.as_posix() + "/" + p.name.split(".")[0]
            for p in after
            if after[p] != before.get(p)
        }
    )
    pages, html = index_pages(root)
    entries = len(re.findall(r"<article\b", html)) or html.count("article-")
    print(f"\n{n} articles × 3 languages ({len(after)} PDFs); {load()}")
    print(f"  cold publish          {cold:8.2f} s  ({cold / n:.2f} s per article)")
    print(f"  no-op publish         {noop:8.2f} s  (target <= 0.35 s)")
    print(f"  one .po changed       {one:8.2f} s  (target <= 3 s), rebuilt: {', '.join(rebuilt)}")
    only = all(r.startswith("es/article-001") for r in rebuilt) and rebuilt
    print(f"  only that article and language rebuilt: {'yes' if only else 'NO'}")
    print(
        f"  index pages: {len(pages)}; the largest {len(html.encode()):,} bytes, "
        f"{entries} article entries"
    )
    if len(html.encode()) > PHONE_BYTES or entries > PHONE_ENTRIES:
        print("  the largest index page is too long for a phone (docs/site.md)")
    return {"cold": cold, "noop": noop, "one": one, "index": float(len(html.encode()))}


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # a long run shows its progress
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="10,100", help="project sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="2 and 6 articles, 3 rounds")
    parser.add_argument("--rounds", type=int, default=0, help="rounds of the no-op pair")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped no-op")
    parser.add_argument(
        "--keep", default="", help="generate the projects in this folder and keep them"
    )
    parser.add_argument(
        "--noop-only", action="store_true", help="only the shipped no-op pair, no generated project"
    )
    args = parser.parse_args()
    sizes = [2, 6] if args.quick else [int(s) for s in args.articles.split(",")]
    # pliego byte-compiled first, as ``pip install`` leaves it: this machine sets
    # PYTHONDONTWRITEBYTECODE, so every task would compile pliego's modules from source
    # (0.05-0.1 s of a no-op) where a user's copy does not (bench/build.py does the same).
    compileall.compile_dir(ROOT / "src" / "pliego", quiet=1)
    with tempfile.TemporaryDirectory(prefix="pliego-scale-") as scratch:
        tmp = Path(args.keep) if args.keep else Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        if not args.no_shipped:
            shipped_noop(tmp, args.rounds or (3 if args.quick else 7))
        if args.noop_only:
            return
        results = {n: measure(n, tmp) for n in sizes}
    small, large = min(sizes), max(sizes)
    print(f"\ngrowth from {small} to {large} articles ({large / small:.0f}x the articles):")
    for key in ("cold", "noop", "one", "index"):
        grown = results[large][key] / results[small][key]
        verdict = "linear or better" if grown <= large / small * 1.1 else "WORSE than linear"
        print(f"  {key:6s} {grown:6.2f}x  ({verdict})")


if __name__ == "__main__":
    main()
