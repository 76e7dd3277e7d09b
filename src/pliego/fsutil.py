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
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import PliegoError

LOCK_TIMEOUT = 120.0


def atomic_write_bytes(path: Path, data: bytes) -> None:
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
def catalog_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for one edit.

    The lock file lives in the system temporary folder, keyed by the
    catalogue's absolute path, so translators never see stray ``.lock``
    files beside their catalogues.
    """
    key = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "pliego-locks"
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / f"{key}.lock"))
    try:
        with lock.acquire(timeout=timeout):
            yield
    except Timeout:
        raise PliegoError(
            "another pliego task is still working on this file",
            path=path,
            hint="wait for it to finish and run the task again",
        ) from None
