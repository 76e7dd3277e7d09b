"""Benchmark ``invoke build`` against a bare WeasyPrint run of the same HTML and CSS.

In a throw-away copy of the project (the real article, styles and fonts), it
measures, interleaved (A B A B …, medians), whole-process wall times of:

1. ``invoke build --lang en --editions reading --force`` (what a user waits for),
   its layout fixes already decided by a first, untimed build (as the issue asks:
   the layout-fixing decisions cached);
2. the reference: a bare ``python -c`` that imports WeasyPrint and calls
   ``HTML(...).write_pdf(...)`` on the *same final HTML* our build typesets, with
   the same PDF options (PDF/UA-1, tags) — so the ratio is pliego's own overhead
   (reading catalogues, Markdown, Jinja2, fetcher, hashing, sidecar, writes);
3. all three editions (reading, booklet, print) of one language;
4. ``invoke build --lang all`` cold (``build/`` deleted before each run, so the
   layout passes run too) beside the same with ``--jobs 1`` (the parallel build,
   target at most 0.65x of the serial one);
5. a no-op rebuild (nothing changed; target under 0.5 s).

    python3 bench/build.py [--repeat 5] [--editions reading] [--lang en] [--quick]

Each figure is the median of ``--repeat`` rounds in which the sides take turns
(the machine is shared: a burst of load then falls on every side alike).

pliego's own modules are byte-compiled first, as ``pip install`` does: Invoke
never writes bytecode (and this machine sets ``PYTHONDONTWRITEBYTECODE``), so
without it every ``invoke build`` compiled pliego's 60 modules from source,
about 0.3 s that a user's installed copy does not spend and that the bare side,
whose WeasyPrint is installed compiled, never paid either.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _pair import interleave, load, median, project, ratio_line, run

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from pliego.pamphlet.build import source_epoch  # noqa: E402
from pliego.pamphlet.config import build_config  # noqa: E402
from pliego.pamphlet.editions import prepare  # noqa: E402
from pliego.paths import articles  # noqa: E402
from pliego.project import read_settings  # noqa: E402

BARE = """
import sys
from weasyprint import HTML
html = open(sys.argv[1], encoding="utf-8").read()
HTML(string=html, base_url=sys.argv[2]).write_pdf(
    sys.argv[3], pdf_variant="pdf/ua-1", pdf_tags=True)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("SOURCE_DATE_EPOCH", "1675900800")
    return env


def timed(*commands: list[str], cwd: Path, repeat: int) -> list[float]:
    """Median wall time of each command, the commands taking turns."""
    sides = {f"{i}": run(args, cwd, _env()) for i, args in enumerate(commands)}
    times = interleave(sides, repeat)
    return [median(times, name) for name in sides]


def cold(*commands: list[str], cwd: Path, repeat: int) -> list[float]:
    """As :func:`timed`, each run starting from no ``build/`` at all."""

    def fresh(args: list[str]) -> Callable[[], object]:
        command = run(args, cwd, _env())

        def side() -> object:
            shutil.rmtree(cwd / "build", ignore_errors=True)
            return command()

        return side

    times = interleave({f"{i}": fresh(args) for i, args in enumerate(commands)}, repeat)
    return [median(times, f"{i}") for i in range(len(commands))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--editions",
        default="reading",
        help="editions of the first measurement (reading,booklet,print)",
    )
    parser.add_argument("--lang", default="en")
    parser.add_argument("--quick", action="store_true", help="2 rounds")
    opts = parser.parse_args()
    if opts.quick:
        opts.repeat = 2
    invoke = [sys.executable, "-m", "invoke", "build", "--lang", opts.lang]
    compileall.compile_dir(REPO / "src" / "pliego", quiet=1)  # see the docstring
    with tempfile.TemporaryDirectory(prefix="pliego-bench-") as tmp:
        root = project(Path(tmp))
        os.environ.setdefault("SOURCE_DATE_EPOCH", "1675900800")
        settings = read_settings(root)
        source = articles(settings)[0]
        prep = prepare(
            settings,
            build_config(settings),
            opts.lang,
            source,
            draft=opts.lang != settings.source_language,
            epoch=source_epoch(),
        )
        html_file = Path(tmp) / "final.html"
        html_file.write_text(prep.html, encoding="utf-8")
        draft = ["--draft"] if opts.lang != settings.source_language else []

        reading = [*invoke, *draft, "--editions", opts.editions, "--force"]
        run(reading, root, _env())()  # the layout fixes decided once, as after any build
        ours, bare = timed(
            reading,
            [
                sys.executable,
                "-c",
                BARE,
                str(html_file),
                str(prep.templates) + "/",
                str(Path(tmp) / "bare.pdf"),
            ],
            cwd=root,
            repeat=opts.repeat,
        )
        (every,) = timed([*invoke, *draft, "--force"], cwd=root, repeat=opts.repeat)
        every_lang = [sys.executable, "-m", "invoke", "build", "--lang", "all"]
        parallel, serial = cold(
            every_lang, [*every_lang, "--jobs", "1"], cwd=root, repeat=opts.repeat
        )
        noop, listing, python = timed(
            [*invoke, *draft],
            [sys.executable, "-m", "invoke", "--list"],
            [sys.executable, "-c", "pass"],
            cwd=root,
            repeat=max(opts.repeat, 5),
        )

    rows = [
        (f"pliego build ({opts.editions}), whole process", f"{ours:7.3f} s"),
        ("bare WeasyPrint write_pdf, same HTML+CSS", f"{bare:7.3f} s"),
        (
            "ratio pliego / bare",
            f"{ours / bare:7.2f}   (overhead "
            f"{100 * (ours - bare) / bare:+.0f}%, target at most +25%)",
        ),
        ("all three editions, whole process", f"{every:7.3f} s"),
        ("--lang all, cold", f"{parallel:7.3f} s"),
        ("--lang all --jobs 1, cold", f"{serial:7.3f} s"),
        ("no-op rebuild, whole process", f"{noop:7.3f} s   (target < 0.5 s)"),
        ("  of which `invoke --list` alone", f"{listing:7.3f} s"),
        ("  of which `python -c pass` alone", f"{python:7.3f} s"),
    ]
    print(
        f"article: {source.name}, language: {opts.lang}, median of {opts.repeat} rounds; {load()}"
    )
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    print(ratio_line("ratio pliego / bare WeasyPrint", ours / bare, "<= 1.25", ours / bare <= 1.25))
    print(
        ratio_line(
            "ratio --lang all / --jobs 1", parallel / serial, "<= 0.65", parallel / serial <= 0.65
        )
    )


if __name__ == "__main__":
    main()
