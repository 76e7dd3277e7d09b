"""Quality-check throughput: ``invoke check`` beside translate-toolkit's ``pofilter``.

Builds a large Spanish catalogue from the shipped, fully translated one
(every entry repeated with a numbered prefix, so the text stays real prose
with real quotes, numbers and dates), then times, interleaved (A B A B …) and
each as a whole process, ``invoke check --lang es --json`` (every pliego check
plus ``msgfmt --check``) and ``pofilter`` (translate-toolkit's ~50 checks, the
reference QA tool of the gettext world) on that file, and prints each side's
median, entries per second and the ratio (target: pliego at least 3x faster).

    python3 bench/check.py [--copies 200] [--rounds 5] [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _pair import interleave, load, median, ratio_line, report, run  # noqa: E402

from pliego.gettext.po import load_catalog, write_po  # noqa: E402

SOURCE = ROOT / "locale" / "es" / "LC_MESSAGES" / "peru-masses-deepen-resistance.po"


def build_project(folder: Path, copies: int) -> tuple[Path, int]:
    catalog = load_catalog(SOURCE)
    messages = tuple(
        dataclasses.replace(m, msgid=f"{i}: {m.msgid}", msgstr=f"{i}: {m.msgstr}")
        for i in range(copies)
        for m in catalog.active
        if m.translated
    )
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "big.md").write_text('---\ntitle: "Big"\n---\n\nText.\n', "utf-8")
    (folder / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es"]\n', "utf-8")
    shutil.copy(ROOT / "tasks.py", folder / "tasks.py")
    po = folder / "locale" / "es" / "LC_MESSAGES" / "big.po"
    po.parent.mkdir(parents=True)
    po.write_text(write_po(dataclasses.replace(catalog, messages=messages)), "utf-8")
    shutil.copy(ROOT / "locale" / "glossary.csv", folder / "locale" / "glossary.csv")
    return po, len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="20 copies, 2 rounds")
    args = parser.parse_args()
    if args.quick:
        args.copies, args.rounds = 20, 2
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "proj"
        po, n = build_project(folder, args.copies)
        size = po.stat().st_size
        ours_cmd = [sys.executable, "-m", "invoke", "check", "--lang", "es", "--json"]
        findings = json.loads(
            subprocess.run(ours_cmd, cwd=folder, env=env, capture_output=True, text=True).stdout
        )["summary"]
        ref_cmd = ["pofilter", "--progress=none", str(po), str(Path(tmp) / "out.po")]
        times = interleave(
            {
                "invoke check --lang es --json": run(ours_cmd, folder, env, ok=(0, 1)),
                "pofilter": run(ref_cmd, folder, env),
            },
            args.rounds,
        )
    ours, ref = median(times, "invoke check --lang es --json"), median(times, "pofilter")
    print(f"catalogue: {n} translated entries ({size / 1e6:.1f} MB); {load()}")
    report(times)
    print(f"  invoke check: {n / ours:8.0f} entries/s ({sum(findings.values())} findings)")
    print(f"  pofilter:     {n / ref:8.0f} entries/s")
    print(ratio_line("speed-up pliego over pofilter", ref / ours, ">= 3.0x", ref / ours >= 3.0))


if __name__ == "__main__":
    main()
