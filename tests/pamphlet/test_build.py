"""The build's up-to-date test: it trusts its stamp only while the outputs are the ones it wrote."""

from __future__ import annotations

from pathlib import Path

from tests.buildkit import make_project
from tests.conftest import SMALL_ARTICLE, Runner


def test_a_damaged_output_is_rebuilt_not_reported_up_to_date(
    tmp_path: Path, invoke: Runner
) -> None:
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    first = invoke(root, "build", "--lang", "en", "--editions", "reading")
    assert first.returncode == 0, first.stderr
    pdf = root / "build" / "en" / "small.pdf"
    good = pdf.read_bytes()
    again = invoke(root, "build", "--lang", "en", "--editions", "reading")
    assert "up to date" in again.stdout
    pdf.write_bytes(good[: len(good) // 2])  # a copy interrupted halfway, a bad sync …
    third = invoke(root, "build", "--lang", "en", "--editions", "reading")
    assert third.returncode == 0 and "up to date" not in third.stdout, third.stdout
    assert pdf.read_bytes() == good
    sidecar = root / "build" / "en" / "small.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("A small", "An edited"))
    fourth = invoke(root, "build", "--lang", "en", "--editions", "reading")
    assert "up to date" not in fourth.stdout and "A small" in sidecar.read_text(encoding="utf-8")
