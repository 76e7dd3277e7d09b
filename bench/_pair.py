"""Interleaved timing shared by the benches.

The machine the benches run on is shared: a burst of load from another job
distorts whichever side happens to run during it.  Taking turns (A B A B …)
spreads such bursts over every side alike, and the median of each side is
robust to the one round that was hit anyway; ratios of medians from the same
rounds are what compare.  A bench's ``--quick`` mode only lowers the rounds
and the corpus, never the way it measures.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

Side = Callable[[], object]


def interleave(sides: Mapping[str, Side], rounds: int) -> dict[str, list[float]]:
    """Wall time of every side, in turns, ``rounds`` times each (garbage collected
    before each call, so one side's garbage is not another's pause)."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(rounds):
        for name, side in sides.items():
            gc.collect()
            start = time.perf_counter()
            side()
            times[name].append(time.perf_counter() - start)
    return times


def median(times: Mapping[str, list[float]], name: str) -> float:
    return statistics.median(times[name])


def report(times: Mapping[str, list[float]], width: int = 0) -> None:
    """One line per side: median, min and max of its rounds."""
    width = width or max(len(name) for name in times)
    for name, t in times.items():
        print(
            f"  {name:<{width}}  median {statistics.median(t):8.3f} s"
            f"  (min {min(t):.3f}, max {max(t):.3f}, {len(t)} rounds)"
        )


def ratio_line(label: str, value: float, target: str, met: bool) -> str:
    """``label: value (target …: met)``, the one shape every bench prints its ratios in."""
    return f"  {label}: {value:.3f}  (target {target}: {'met' if met else 'NOT met'})"


def run(
    cmd: list[str],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
) -> Side:
    """A side that runs ``cmd`` as a whole process and fails loudly if it exits
    other than ``ok`` (a checker that found something exits 1 by design)."""

    def side() -> object:
        done = subprocess.run(
            cmd, cwd=cwd, env=dict(env) if env is not None else None, capture_output=True
        )
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode(errors='replace')}")
        return done

    return side


def load() -> str:
    """The load average, printed with every result: the figures mean little without it."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}, {os.cpu_count()} cores"


#: The repository the benches measure (its source, articles, catalogues and styles).
REPO = Path(__file__).resolve().parent.parent


def project(folder: Path) -> Path:
    """A copy of the shipped project under ``folder`` to build in (never the repository)."""
    root = folder / "proj"
    root.mkdir()
    for name in ("pyproject.toml", "tasks.py"):
        shutil.copy(REPO / name, root / name)
    for name in ("source", "locale"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(REPO / "styles", root / "styles", ignore=shutil.ignore_patterns("site"))
    return root


def committed_module(commit: str, path: str, folder: Path, name: str) -> ModuleType:
    """The module at ``path`` as committed in ``commit``, imported under ``name``: the code
    a bench measures the new code against, kept in git rather than copied into bench/."""
    source = subprocess.run(
        ["git", "show", f"{commit}:{path}"],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    file = folder / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass in it looks its module up there
    spec.loader.exec_module(module)
    return module
