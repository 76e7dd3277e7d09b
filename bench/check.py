"""Quality-check throughput: ``invoke check`` beside translate-toolkit's ``pofilter``.

Builds a large Spanish catalogue from the shipped, fully translated one
(every entry repeated with a numbered prefix, so the text stays real prose
with real quotes, numbers and dates), then times, in the same run and each as
a whole process, ``invoke check --lang es --json`` (every pliego check plus
``msgfmt --check``) and ``pofilter`` (translate-toolkit's ~50 checks, the
reference QA tool of the gettext world) on that file, and prints entries per
second for both and the ratio.

    python3 bench/check.py [--copies 200]
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

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


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "proj"
        po, n = build_project(folder, args.copies)
        size = po.stat().st_size
        ours, r = timed([sys.executable, "-m", "invoke", "check", "--lang", "es", "--json"], folder)
        report = json.loads(r.stdout)
        ref, p = timed(["pofilter", "--progress=none", str(po), str(Path(tmp) / "out.po")], folder)
        if p.returncode != 0:
            raise SystemExit(f"pofilter failed: {p.stderr}")
    print(f"catalogue: {n} translated entries ({size / 1e6:.1f} MB)")
    print(
        f"invoke check: {ours:6.2f} s  {n / ours:8.0f} entries/s  "
        f"({sum(report['summary'].values())} findings)"
    )
    print(f"pofilter:     {ref:6.2f} s  {n / ref:8.0f} entries/s")
    print(f"ratio: invoke check takes {ours / ref:.2f}x the time of pofilter")


if __name__ == "__main__":
    main()
