"""Safe writes: leftovers of a killed write are swept, a write in progress is not."""

from __future__ import annotations

from pathlib import Path

from pliego.files import atomic_write_bytes, catalog_lock, sweep_leftovers


def test_a_killed_writes_temporary_file_is_removed_on_the_next_run(tmp_path: Path) -> None:
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    atomic_write_bytes(folder / "small.po", b"msgid ...")
    leftover = folder / ".small.po.k3j_x9q2.tmp"  # what mkstemp names it
    leftover.write_bytes(b"half a catalogue")
    unrelated = folder / ".notes.tmp"  # not ours: kept
    unrelated.write_text("mine")
    assert sweep_leftovers([tmp_path / "locale", tmp_path / "build"]) == (leftover,)
    assert not leftover.exists() and unrelated.exists()
    assert (folder / "small.po").read_bytes() == b"msgid ..."


def test_a_write_in_progress_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "small.po"
    in_flight = tmp_path / ".small.po.abcdefgh.tmp"
    in_flight.write_bytes(b"being written")
    with catalog_lock(target):
        assert sweep_leftovers([tmp_path]) == ()
    assert sweep_leftovers([tmp_path]) == (in_flight,)
