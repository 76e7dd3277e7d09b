"""The booklet imposition: pliego's ``booklet()`` against the pypdf-only code it replaced.

The reference is ``src/pliego/pamphlet/pdf/impose.py`` as it was at commit
``e4335f0``, taken from git into a temporary folder and imported from there:
every page placed by pypdf's ``merge_transformed_page`` (which parses the
page's content stream about 2.4 times) and compressed by
``compress_content_streams``.  pliego's current ``booklet()`` writes the same
content streams without pypdf's parser (``pamphlet/pdf/content.py``,
``pamphlet/pdf/place.py``).

For every reading edition given (by default the ones a build left in
``build/<lang>/``: run ``SOURCE_DATE_EPOCH=1675900800 invoke build --lang all``
first) it checks that both produce the very same bytes, short-edge and
long-edge duplex, on the paper the pages are cut for (A5 or half-letter), and
prints the SHA-256.  Then it times both, interleaved (A B A B …, bench/_pair.py),
each side imposing every edition once per round, and prints the medians and
the ratio pliego/reference.

    python3 bench/impose.py [--rounds 9] [--quick] [PDF ...]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from _pair import committed_module, interleave, load, median, ratio_line, report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pypdf import PdfReader  # noqa: E402

from pliego.pamphlet.paper import A5, HALF_LETTER, Paper  # noqa: E402
from pliego.pamphlet.pdf.impose import PAGE_TOLERANCE, booklet  # noqa: E402

#: The last commit whose impose.py placed pages through pypdf's own parser.
REFERENCE_COMMIT = "e4335f0"


def reference_impose(folder: Path) -> ModuleType:
    """The replaced imposition, as committed, imported as a module of its own."""
    return committed_module(
        REFERENCE_COMMIT, "src/pliego/pamphlet/pdf/impose.py", folder, "reference_impose"
    )


def reading_editions() -> list[Path]:
    """The reading editions a build left: ``build/<lang>/<slug>.pdf``."""
    return sorted(
        path
        for path in (ROOT / "build").glob("*/*.pdf")
        if not path.stem.endswith(("-print", "-booklet-a4", "-booklet-letter"))
    )


def paper_of(data: bytes) -> Paper:
    """A5 or half-letter, by the first page's trim box."""
    trim = PdfReader(io.BytesIO(data)).pages[0].trimbox
    for paper in (A5, HALF_LETTER):
        if abs(float(trim.width) - paper.page[0]) <= PAGE_TOLERANCE:
            return paper
    raise SystemExit("the first page is neither A5 nor half-letter")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="reading editions (default: build/)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="2 rounds")
    opts = parser.parse_args()
    rounds = 2 if opts.quick else opts.rounds
    paths = opts.pdfs or reading_editions()
    if not paths:
        raise SystemExit(
            "no reading editions: run `SOURCE_DATE_EPOCH=1675900800 invoke build --lang all` first"
        )
    inputs = [(path, path.read_bytes()) for path in paths]
    papers = [paper_of(data) for _, data in inputs]
    with tempfile.TemporaryDirectory(prefix="pliego-bench-") as tmp:
        old = reference_impose(Path(tmp))
        print(f"booklet imposition, reference: impose.py at {REFERENCE_COMMIT} ({load()})")
        same = True
        for (path, data), paper in zip(inputs, papers, strict=True):
            pages = len(PdfReader(path).pages)
            for duplex in ("short", "long"):
                ours = booklet(data, duplex=duplex, paper=paper)
                theirs = old.booklet(data, duplex=duplex, paper=paper)
                identical = ours == theirs
                same &= identical
                verdict = "identical" if identical else f"DIFFERENT from {_digest(theirs)}"
                print(
                    f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
                    f" ({pages} pages, {paper.page_label}, {duplex}):"
                    f" {_digest(ours)} {verdict}"
                )

        def reference() -> None:
            for (_, data), paper in zip(inputs, papers, strict=True):
                old.booklet(data, paper=paper)

        def pliego() -> None:
            for (_, data), paper in zip(inputs, papers, strict=True):
                booklet(data, paper=paper)

        times = interleave({"pypdf merge (reference)": reference, "pliego": pliego}, rounds)
    print(f"{len(inputs)} reading editions imposed per round, {rounds} rounds ({load()}):")
    report(times)
    ratio = median(times, "pliego") / median(times, "pypdf merge (reference)")
    print(ratio_line("pliego / reference", ratio, "<= 0.33, several times faster", ratio <= 0.33))
    print(f"  bytes: {'identical' if same else 'DIFFERENT'} on every edition and duplex")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
