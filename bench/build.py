"""Benchmark ``invoke build`` against a bare WeasyPrint run of the same HTML and CSS.

In a throw-away copy of the project (the real article, styles and fonts), one
run measures whole-process wall times of:

1. ``invoke build --lang en --editions reading --force`` (what a user waits for);
2. the reference: a bare ``python -c`` that imports WeasyPrint and calls
   ``HTML(...).write_pdf(...)`` on the *same final HTML* our build typesets, with
   the same PDF options (PDF/UA-1, tags) — so the ratio is pliego's own overhead
   (reading catalogues, Markdown, Jinja2, fetcher, hashing, sidecar, writes);
3. all three editions (reading, booklet, print) of one language;
4. a no-op rebuild (nothing changed; target under 0.5 s).

    python3 bench/build.py [--repeat 5] [--editions reading] [--lang en]

Each figure is the best of ``--repeat`` runs (the machine is shared; the best
run is the one least disturbed by others).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _once(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        args, cwd=cwd, env=_env(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def timed(*commands: list[str], cwd: Path, repeat: int) -> list[float]:
    """Best wall time of each command; the commands take turns so that load from
    other processes on the machine falls on all of them alike."""
    best = [float("inf")] * len(commands)
    for _ in range(repeat):
        for i, args in enumerate(commands):
            best[i] = min(best[i], _once(args, cwd))
    return best


def project(folder: Path) -> Path:
    root = folder / "proj"
    root.mkdir()
    for name in ("pyproject.toml", "tasks.py"):
        shutil.copy(REPO / name, root / name)
    for name in ("source", "locale"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(REPO / "styles", root / "styles", ignore=shutil.ignore_patterns("site"))
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--editions",
        default="reading",
        help="editions of the first measurement (reading,booklet,print)",
    )
    parser.add_argument("--lang", default="en")
    opts = parser.parse_args()
    invoke = [sys.executable, "-m", "invoke", "build", "--lang", opts.lang]
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

        ours, bare = timed(
            [*invoke, *draft, "--editions", opts.editions, "--force"],
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
            f"{100 * (ours - bare) / bare:+.0f}%, target at most +30%)",
        ),
        ("all three editions, whole process", f"{every:7.3f} s"),
        ("no-op rebuild, whole process", f"{noop:7.3f} s   (target < 0.5 s)"),
        ("  of which `invoke --list` alone", f"{listing:7.3f} s"),
        ("  of which `python -c pass` alone", f"{python:7.3f} s"),
    ]
    print(f"article: {source.name}, language: {opts.lang}, best of {opts.repeat} runs")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


if __name__ == "__main__":
    main()
