"""Shared fixtures: a throw-away pliego project and the CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "source" / "peru-masses-deepen-resistance.md"

SMALL_ARTICLE = """---
title: "A small article"
author: "Ana Pérez"
date: "2023-02"
lang: en
---

The first paragraph, with *emphasis* and a [link](https://example.org/).

## A heading

The second paragraph has 10,000 words in it.
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["SOURCE_DATE_EPOCH"] = "1675900800"
    return env


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A minimal project: pyproject, tasks.py, one small article."""
    root = tmp_path / "proj"
    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "tasks.py", root / "tasks.py")
    (root / "pyproject.toml").write_text(
        '[tool.pliego]\nlanguages = ["es", "qu"]\n', encoding="utf-8"
    )
    (root / "source" / "small.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    return root


Runner = Callable[..., subprocess.CompletedProcess[str]]


def run_invoke(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``invoke ARGS`` in a folder as a user would, capturing output."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        env={**_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def invoke() -> Runner:
    """:func:`run_invoke`, as a fixture."""
    return run_invoke


#: A complete header for hand-made test catalogues (what msginit writes, minus dates).
PO_HEADER = (
    ("Project-Id-Version", "t"),
    ("Language", "es"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
)


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
