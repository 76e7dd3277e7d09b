"""Safe writes at the edge of the functional core.

Every file pliego writes goes through :func:`atomic_write_bytes`: the data is
written to a temporary file in the same folder, flushed to disk and renamed
over the target, so an interrupted run (Ctrl-C, SIGKILL, power cut) leaves
either the old file or the new one, never half of each.  Catalogue edits are
additionally serialised with :func:`catalog_lock` because two editors (or an
editor and CI) may run tasks on the same ``.po`` at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pliego.errors import PliegoError

LOCK_TIMEOUT = 120.0


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
