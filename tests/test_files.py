"""``pliego.files``: a folder replaced as a whole (``replace_folder``, ``swap_folder``),
and leftovers of killed writes swept while a write in progress is left alone."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import pliego.files
from pliego.errors import PliegoError
from pliego.files import (
    atomic_write_bytes,
    catalog_lock,
    recover_folder,
    replace_folder,
    swap_folder,
    sweep_leftovers,
)

FILES = {"index.html": b"<p>hello</p>", "es/index.html": b"<p>hola</p>", "SUMS": b"1 2\n"}


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*")}


def contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_first_write_then_nothing_then_only_what_changed(tmp_path: Path) -> None:
    site = tmp_path / "build" / "site"  # build/ does not exist yet either
    first = replace_folder(site, FILES)
    assert first.written == ("SUMS", "es/index.html", "index.html") and first.removed == ()
    assert contents(site) == FILES
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in site.rglob("*") if p.is_file()} == {
        "index.html": "0o644",
        "SUMS": "0o644",
    }
    before, folder = inodes(site), site.stat()
    again = replace_folder(site, FILES)
    assert again.written == again.removed == ()
    assert inodes(site) == before and site.stat().st_ino == folder.st_ino  # not even swapped
    assert site.stat().st_mtime_ns == folder.st_mtime_ns
    os.chmod(site / "SUMS", 0o600)
    (site / "stale.txt").write_bytes(b"old")
    third = replace_folder(site, {**FILES, "SUMS": b"3 4\n"})
    assert third.written == ("SUMS",) and third.removed == ("stale.txt",)
    assert contents(site) == {**FILES, "SUMS": b"3 4\n"}
    assert site.stat().st_ino != folder.st_ino  # a new folder, swapped in
    now = inodes(site)
    assert now["index.html"] == before["index.html"]  # hard-linked: same file, same mtime
    assert now["SUMS"] != before["SUMS"] and (site / "SUMS").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # no staging left


def test_an_empty_folder_left_over_is_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    replace_folder(site, FILES)
    (site / "qu").mkdir()
    assert replace_folder(site, FILES).removed == ()
    assert not (site / "qu").exists() and contents(site) == FILES


def test_without_hard_links_unchanged_files_are_copied_with_their_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    replace_folder(site, FILES)
    os.utime(site / "index.html", ns=(1_000_000_000, 1_000_000_000))

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # FAT, some network shares

    monkeypatch.setattr(os, "link", no_links)
    change = replace_folder(site, {**FILES, "SUMS": b"new\n"})
    assert change.written == ("SUMS",)
    assert (site / "index.html").stat().st_mtime_ns == 1_000_000_000
    assert contents(site) == {**FILES, "SUMS": b"new\n"}


def test_links_in_the_old_folder_are_never_followed(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_bytes(FILES["es/index.html"])  # the very bytes expected
    replace_folder(site, {k: v for k, v in FILES.items() if not k.startswith("es/")})
    (site / "es").symlink_to(outside, target_is_directory=True)
    (site / "SUMS").unlink()
    (site / "SUMS").symlink_to(outside / "index.html")
    change = replace_folder(site, FILES)
    assert change.written == ("SUMS", "es/index.html") and change.removed == ("es",)
    assert not (site / "es").is_symlink() and not (site / "SUMS").is_symlink()
    assert (site / "es" / "index.html").stat().st_ino != (outside / "index.html").stat().st_ino
    assert contents(site) == FILES and contents(outside) == {"index.html": FILES["es/index.html"]}


def test_a_target_that_is_a_link_or_a_file_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "www"
    elsewhere.mkdir()
    (tmp_path / "site").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(PliegoError, match="is not a folder") as link:
        replace_folder(tmp_path / "site", FILES)
    assert link.value.hint and "rsync" in link.value.hint
    assert list(elsewhere.iterdir()) == []
    (tmp_path / "file").write_bytes(b"keep")
    with pytest.raises(PliegoError, match="is not a folder"):
        replace_folder(tmp_path / "file", FILES)
    assert (tmp_path / "file").read_bytes() == b"keep"


def test_a_failed_write_is_one_error_and_leaves_the_old_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    replace_folder(site, FILES)
    with pytest.raises(PliegoError, match="cannot write the folder") as exc:
        replace_folder(site, {**FILES, "es": b"a file where a folder must be"})
    assert exc.value.path == str(site)
    assert contents(site) == FILES and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_swap_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(pliego.files, "_exchange", lambda a, b: False)
    old, new = tmp_path / "site", tmp_path / ".site.new"
    for folder, text in ((old, b"old"), (new, b"new")):
        folder.mkdir()
        (folder / "f").write_bytes(text)
    aside = swap_folder(new, old)
    assert (old / "f").read_bytes() == b"new"
    assert aside == (new if exchange else tmp_path / ".site.old")
    assert aside is not None and (aside / "f").read_bytes() == b"old"
    fresh = tmp_path / "fresh"
    other = tmp_path / "other"
    other.mkdir()
    assert swap_folder(other, fresh) is None and fresh.is_dir() and not other.exists()


def test_renameat2_is_used_on_linux(tmp_path: Path) -> None:
    """The exchange is real here (Linux, ext4/tmpfs): both folders keep their inodes, swapped."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (b / "x").write_bytes(b"non-empty")
    ia, ib = a.stat().st_ino, b.stat().st_ino
    assert pliego.files._exchange(a, b) is True
    assert (a.stat().st_ino, b.stat().st_ino) == (ib, ia) and (a / "x").exists()


def test_recover_folder_puts_the_old_folder_back_and_drops_staging(tmp_path: Path) -> None:
    site, staging, aside = tmp_path / "site", tmp_path / ".site.new", tmp_path / ".site.old"
    for folder in (staging, aside):
        folder.mkdir()
        (folder / "f").write_bytes(folder.name.encode())
    recover_folder(site)  # killed between the two renames: the old one comes back
    assert (site / "f").read_bytes() == b".site.old" and not staging.exists()
    assert not aside.exists()
    aside.mkdir()
    recover_folder(site)  # the swap was done: what is aside is garbage
    assert not aside.exists() and (site / "f").read_bytes() == b".site.old"


def test_a_swap_refused_half_way_puts_the_old_folder_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two-rename fallback when the second rename fails (Windows: a file held open)."""
    site = tmp_path / "site"
    replace_folder(site, FILES)
    monkeypatch.setattr(pliego.files, "_exchange", lambda a, b: False)
    real = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if Path(src).name == ".site.new":
            raise PermissionError(errno.EACCES, "Access is denied", str(src))
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(PliegoError, match=r"cannot write the folder \(Access is denied\)"):
        replace_folder(site, {**FILES, "SUMS": b"new\n"})
    assert contents(site) == FILES and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


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
