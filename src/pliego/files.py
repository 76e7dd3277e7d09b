"""Safe writes at the edge of the functional core.

Every file pliego writes goes through :func:`atomic_write_bytes`: the data is
written to a temporary file in the same folder, flushed to disk and renamed
over the target, so an interrupted run (Ctrl-C, SIGKILL, power cut) leaves
either the old file or the new one, never half of each.  Catalogue edits are
additionally serialised with :func:`catalog_lock` because two editors (or an
editor and CI) may run tasks on the same ``.po`` at once.  A folder whose files
must change together (the download site, whose ``SHA256SUMS`` vouches for its
PDFs) is rebuilt beside itself and swapped in whole by :func:`replace_folder`.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import PliegoError

LOCK_TIMEOUT = 120.0
#: A file modified this recently (ns) may still change within its mtime's tick, so its
#: size and mtime do not vouch for its bytes (git's "racily clean" rule; coarse file-system
#: clocks tick in milliseconds, FAT's in 2 s).  Every stamp that trusts a stat uses it.
RACY_NS = 2_000_000_000


def stat_vouches(size: int, mtime_ns: int, recorded: tuple[int, int], since_ns: int) -> bool:
    """Whether a file's size and mtime still vouch for the bytes a stamp made at
    ``since_ns`` recorded with ``recorded`` (size, mtime): both the same, and the file
    older than the stamp by more than :data:`RACY_NS`.  Any other file must be read."""
    return (size, mtime_ns) == recorded and mtime_ns < since_ns - RACY_NS


def atomic_write_bytes(path: Path, data: bytes) -> None:
    try:
        _atomic_write(path, data)
    except OSError as exc:
        raise PliegoError(
            f"cannot write the file ({exc.strerror or exc})",
            path=path,
            hint="check that its folder exists, is a folder and is writable, "
            "and that the disk is not full",
        ) from None


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def refuse_non_folder(path: Path) -> Path:
    """``path`` unless something other than a folder (a file, a dangling link)
    stands where pliego will write a folder: then one clear line, before any work."""
    if not path.is_dir() and (path.exists() or path.is_symlink()):
        raise PliegoError(
            "an output folder is in the way: this is not a folder",
            path=path,
            hint="remove or rename it; pliego writes its output there",
        )
    return path


def output_folder(path: Path) -> Path:
    """``path`` as a folder to write into, created when missing (see
    :func:`refuse_non_folder`)."""
    if refuse_non_folder(path).is_dir():
        return path
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PliegoError(
            f"cannot create the output folder ({exc.strerror or exc})",
            path=path,
            hint="check that its parent folders are folders and writable",
        ) from None
    return path


#: The temporary files :func:`atomic_write_bytes` makes: ``.<name>.<random>.tmp``.
_TEMP = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]{8}\.tmp$")


def sweep_leftovers(folders: Iterable[Path]) -> tuple[Path, ...]:
    """Remove temporary files a killed run left between writing and renaming.

    Only files of our own naming pattern are touched, and only when no task is
    writing their target now (the target's catalogue lock is free): a leftover
    is garbage, a concurrent write is not.  Returns what was removed, for the
    task to say so.
    """
    removed: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(".*.tmp")):
            match = _TEMP.match(path.name)
            if match is None or not path.is_file() or path.is_symlink():
                continue
            try:
                with catalog_lock(path.with_name(match["target"]), timeout=0):
                    path.unlink()
            except (PliegoError, OSError):
                continue
            removed.append(path)
    return tuple(removed)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


CRLF = b"\r\n"
LF = b"\n"


def line_ends(data: bytes) -> bytes:
    """The line end a file's bytes mostly use: ``CRLF`` or ``LF`` (also for no lines).

    Translators' editors on Windows (Notepad, some Poedit set-ups, a checkout
    with ``core.autocrlf``) save CRLF; writing such a file back with LF makes git
    show every line changed and buries the one translation that did change.  A
    file mixing both keeps the kind most of its lines have.
    """
    crlf = data.count(CRLF) if b"\r" in data else 0  # no CR: 90x faster than counting CRLF
    return CRLF if crlf and 2 * crlf > data.count(LF) else LF


def file_line_ends(path: Path) -> bytes | None:
    """:func:`line_ends` of the file at ``path``; None when it cannot be read."""
    try:
        return line_ends(path.read_bytes())
    except OSError:
        return None


def with_line_ends(data: bytes, ends: bytes) -> bytes:
    """``data`` (written with LF) with every line ending in ``ends``."""
    return data if ends == LF else data.replace(LF, ends)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, so unchanged outputs keep their mtime."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write_bytes(path, data)
    return True


@contextmanager
def catalog_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for one edit.

    The lock file lives in the system temporary folder, keyed by the
    catalogue's absolute path, so translators never see stray ``.lock``
    files beside their catalogues.  ``PLIEGO_LOCK_TIMEOUT`` (seconds)
    overrides the default wait, for CI that prefers failing fast.
    """
    if timeout is None:
        env = os.environ.get("PLIEGO_LOCK_TIMEOUT", "")
        try:
            timeout = float(env) if env.strip() else LOCK_TIMEOUT
        except ValueError:
            raise PliegoError(
                f"PLIEGO_LOCK_TIMEOUT={env!r} is not a number of seconds",
                hint="e.g. PLIEGO_LOCK_TIMEOUT=30",
            ) from None
    key = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "pliego-locks"
    folder.mkdir(parents=True, exist_ok=True)
    from filelock import FileLock, Timeout  # only tasks that write catalogues pay its import

    lock = FileLock(str(folder / f"{key}.lock"))
    try:
        with lock.acquire(timeout=timeout):
            yield
    except Timeout:
        raise PliegoError(
            f"another pliego task is still working on this file (waited {timeout:g} s)",
            path=path,
            hint="wait for it to finish and run the task again",
        ) from None


@dataclass(frozen=True)
class FolderChange:
    """What :func:`replace_folder` did, as sorted paths relative to the folder."""

    written: tuple[str, ...]
    removed: tuple[str, ...]


def replace_folder(target: Path, files: Mapping[str, bytes]) -> FolderChange:
    """Make ``target`` hold exactly ``files`` (relative POSIX path -> bytes), all at once.

    Files that must agree with each other (PDFs and the ``SHA256SUMS`` that
    vouches for them) cannot be updated one by one: a kill after the first new
    PDF leaves the old checksums over it.  So the new folder is staged beside
    the old one (``.<name>.new``) and swapped in with :func:`swap_folder`:
    whoever looks at ``target`` sees the old folder or the new one, never a
    mix.  A file whose bytes did not change is hard-linked from the old folder
    (copied with its times where links are impossible), so it keeps its mtime
    and ``rsync`` does not send it again; when nothing changed, nothing is
    touched at all.  Leftovers of a run killed half-way are cleared first.
    """
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise PliegoError(
            "is not a folder: it is replaced as a whole, so it must be a real folder",
            path=target,
            hint="remove it (copy the site elsewhere after publishing, e.g. with rsync)",
        )
    try:
        with catalog_lock(target):
            return _replace_folder(target, files)
    except OSError as exc:
        raise PliegoError(
            f"cannot write the folder ({exc.strerror or exc})",
            path=target,
            hint="check that it is writable, that no program holds it open "
            "and that the disk is not full",
        ) from None


def _replace_folder(target: Path, files: Mapping[str, bytes]) -> FolderChange:
    recover_folder(target)
    old, folders, others = _folder_entries(target)
    same = {rel for rel, data in files.items() if rel in old and _same_bytes(old[rel], data)}
    written = tuple(sorted(set(files) - same))
    removed = tuple(sorted((set(old) | others) - set(files)))
    dirs = {p.as_posix() for rel in files for p in Path(rel).parents if p != Path(".")}
    if not written and not removed and folders == dirs:
        return FolderChange(written=(), removed=())
    staging = _staging(target)
    try:
        staging.mkdir(parents=True)
        for rel, data in sorted(files.items()):
            dest = staging.joinpath(*rel.split("/"))
            dest.parent.mkdir(parents=True, exist_ok=True)
            mode = stat.S_IMODE(old[rel].stat().st_mode) if rel in old else 0o644
            stage_file(dest, data, old[rel] if rel in same else None, mode)
        for folder in sorted((staging / d for d in dirs), reverse=True):
            _sync_folder(folder)
        _sync_folder(staging)
        aside = swap_folder(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):
            _discard(staging)
        raise
    _sync_folder(target.parent)
    if aside is not None:
        _discard(aside)
    return FolderChange(written=written, removed=removed)


def recover_folder(target: Path) -> None:
    """Clear what an interrupted :func:`replace_folder` left beside ``target``.

    A staging folder is always garbage (half-staged, or the old folder after the
    swap); a folder set aside is the previous ``target`` itself when the
    two-rename fallback was killed between its renames, and is put back.
    """
    _discard(_staging(target))
    aside = _aside(target)
    if aside.is_dir() and not aside.is_symlink() and not os.path.lexists(target):
        os.rename(aside, target)
    _discard(aside)


def stage_file(path: Path, data: bytes, previous: Path | None, mode: int) -> None:
    """Put one file into a staging folder.

    ``previous`` (a regular file with the same bytes) is hard-linked, which keeps
    its mtime and costs no space; where links are impossible (FAT, some network
    shares) it is copied with its times.  New bytes are flushed to disk before
    the folder is swapped in, so a power cut cannot leave an empty file there.
    """
    if previous is not None:
        try:
            os.link(previous, path)
        except OSError:
            shutil.copy2(previous, path)
        return
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)


def swap_folder(new: Path, target: Path) -> Path | None:
    """Put folder ``new`` in ``target``'s place; return where the old folder went (to delete).

    ``os.replace`` refuses to replace a non-empty folder (``ENOTEMPTY``), so on
    Linux this is ``renameat2(RENAME_EXCHANGE)`` through ctypes: one system call
    that swaps the two names, the old folder ending up at ``new``.  Python has no
    wrapper for it, and the PyPI ``renameat2`` package is Linux-only too, so a
    dependency would buy nothing.  Where the exchange does not exist (macOS,
    Windows, a filesystem that refuses it) the fallback is two renames:
    ``target`` aside to ``.<name>.old``, then ``new`` to ``target``.  Between
    them ``target`` is briefly absent (never mixed); a kill there leaves the old
    folder aside, which :func:`recover_folder` puts back on the next run.
    """
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    aside = _aside(target)
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    return aside


AT_FDCWD = -100
RENAME_EXCHANGE = 2
#: What ``renameat2`` answers where the kernel or the filesystem cannot exchange.
NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's ``renameat2``, or None (ctypes is imported here: only a
    folder swap needs it, and every task imports this module)."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (glibc < 2.28)
        return None
    at, name, flags = ctypes.c_int, ctypes.c_char_p, ctypes.c_uint
    function.argtypes = (at, name, at, name, flags)  # olddirfd, old, newdirfd, new, flags
    function.restype = ctypes.c_int
    result: Callable[..., int] = function
    return result


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names of ``a`` and ``b`` in one step; False where this system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _staging(target: Path) -> Path:
    return target.with_name(f".{target.name}.new")


def _aside(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def _folder_entries(root: Path) -> tuple[dict[str, Path], set[str], set[str]]:
    """Regular files under ``root`` by relative path, its folders, and every other
    entry (links, sockets…).  Symbolic links are listed, never followed: the old
    folder's bytes are reused only from files that really are inside it."""
    files: dict[str, Path] = {}
    folders: set[str] = set()
    others: set[str] = set()
    pending = [root] if root.is_dir() and not root.is_symlink() else []
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = Path(entry.path)
                rel = path.relative_to(root).as_posix()
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                    folders.add(rel)
                elif entry.is_file(follow_symlinks=False):
                    files[rel] = path
                else:
                    others.add(rel)
    return files, folders, others


def _same_bytes(path: Path, data: bytes) -> bool:
    return path.stat().st_size == len(data) and path.read_bytes() == data


def _sync_folder(path: Path) -> None:
    """Flush a folder's entries to disk (POSIX); Windows cannot open a folder, and
    NTFS journals its renames itself."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _discard(path: Path) -> None:
    """Remove a leftover folder (or whatever took its name), never following links."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()
