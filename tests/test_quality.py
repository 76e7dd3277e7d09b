"""The code standards are checked like everything else: in the test suite."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

CODE = ("src", "tests", "bench", "tasks.py")


@pytest.mark.parametrize(
    "tool",
    [
        ("mypy", "--strict", "src"),
        ("ruff", "check", *CODE),
        # one layout for all code, so a diff shows only what changed
        ("ruff", "format", "--check", *CODE),
    ],
    ids=["mypy-strict", "ruff-check", "ruff-format"],
)
def test_code_standard(tool: tuple[str, ...]) -> None:
    r = subprocess.run(
        [sys.executable, "-m", *tool], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stdout + r.stderr
