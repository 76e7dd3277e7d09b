"""The build's up-to-date test: it trusts its stamp only while the outputs are the ones it wrote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import pliego.pamphlet.stamp as stamp_module
from pliego.files import RACY_NS
from pliego.pamphlet.stamp import recorded_build, stamp_path
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


def test_an_output_older_than_its_stamp_is_trusted_by_size_and_mtime(
    tmp_path: Path, invoke: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A no-op publish of 100 articles read every one of their 900 PDFs to vouch for
    them; an output the stamp saw with this size and mtime, older than the stamp by
    more than a clock tick, is trusted without reading it (git's racily-clean rule),
    and any other is read."""
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    assert invoke(root, "build", "--lang", "en", "--editions", "reading").returncode == 0
    folder = root / "build" / "en"
    stamp = stamp_path(folder, "small", False)
    digest = stamp.read_text(encoding="ascii").splitlines()[0]
    read: list[Path] = []
    real = stamp_module._sha256

    def counted(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(stamp_module, "_sha256", counted)
    # just built: every output is within a tick of its stamp, so each is read
    assert recorded_build(folder, "small", False, digest) is not None
    assert (folder / "small.pdf") in read
    # later: the outputs are older than the stamp, and none is read
    later = stamp.stat().st_mtime_ns + 2 * RACY_NS
    os.utime(stamp, ns=(later, later))
    read.clear()
    assert recorded_build(folder, "small", False, digest) is not None
    assert read == []
    # an edit that keeps the size moves the mtime: read, and found changed
    pdf = folder / "small.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pdf.write_bytes(bytes(data))
    assert recorded_build(folder, "small", False, digest) is None
    assert pdf in read
