"""The root package states the API: every name resolves, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pliego
from tests.conftest import REPO


def test_every_public_name_resolves_to_its_definition() -> None:
    assert sorted(pliego.__all__) == sorted(["__version__", *pliego._API])
    for name in pliego.__all__:
        value = getattr(pliego, name)
        if name != "__version__":
            assert value.__module__.startswith("pliego."), name


def test_importing_pliego_imports_no_stage() -> None:
    code = (
        "import sys, pliego; "
        "print(sorted(m for m in sys.modules if m.startswith(('pliego.', 'weasyprint'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        pliego.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:
        raise AssertionError("pliego.nothing_here resolved")


def test_no_stage_imports_the_root_package() -> None:
    """The facade may import every stage lazily only because no stage imports it back."""
    import ast

    offenders = []
    for path in sorted((REPO / "src" / "pliego").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "pliego" and node.level == 0:
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
