"""A persistent cache of machine translations, as a layer around an engine.

A machine engine runs as ``MaskedEngine(CachedEngine(engine))``: the text is
masked first (:mod:`pliego.prefill.masking`), so the cache is keyed by what
the engine really sees.

The cache is SQLite (the standard library's): every finished
translation is committed at once, so a run killed halfway keeps what it paid
for; two tasks may share the file safely (SQLite locks it); a lookup by key
stays fast however large the cache grows.  The key is (engine, source
language, target language, the exact masked text sent), so a change of
markup or glossary is a new key.  Only translations are cached, never
failures: a rate-limited text is asked again next time.  The file is
``.pliego-cache/mt.sqlite3`` in the project (ignored by git); deleting it is
always safe.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from pliego.errors import PliegoError
from pliego.prefill.engine import Engine, Outcome, Translation

# --------------------------------------------------------------------------- cache

CACHE_PATH = Path(".pliego-cache") / "mt.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mt (
    engine TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    text TEXT NOT NULL, translation TEXT NOT NULL,
    PRIMARY KEY (engine, source, target, text)
)"""


class Cache:
    """(engine, source, target, text) -> translation, on disk."""

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PliegoError(
                f"cannot create the machine-translation cache folder ({exc.strerror or exc})",
                path=path.parent,
                hint="remove or rename whatever is in its place; deleting the cache is safe",
            ) from None
        self.path = path
        #: Said to the user when a damaged cache was started afresh.
        self.note: str | None = None
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError:
            # A cache holds nothing that cannot be asked for again: a damaged one
            # (a crash mid-write on a full disk, a file copied over it) is replaced.
            for leftover in (
                path,
                path.with_name(path.name + "-wal"),
                path.with_name(path.name + "-shm"),
            ):
                if leftover.is_file():
                    leftover.unlink()
            self._db = self._open(path)
            self.note = (
                f"the machine-translation cache {path.parent.name}/{path.name} was damaged and "
                "has been started afresh (its translations will be asked for again)"
            )

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        if path.exists() and not path.is_file():
            raise PliegoError(
                "the machine-translation cache is not a file",
                path=path,
                hint="remove it; deleting the cache is always safe",
            )
        db = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            db.execute("SELECT count(*) FROM mt").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, engine: str, source: str, target: str, text: str) -> str | None:
        row = self._db.execute(
            "SELECT translation FROM mt WHERE engine=? AND source=? AND target=? AND text=?",
            (engine, source, target, text),
        ).fetchone()
        return None if row is None else str(row[0])

    def put(self, engine: str, source: str, target: str, text: str, translation: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?, ?)",
            (engine, source, target, text, translation),
        )

    def close(self) -> None:
        self._db.close()


class CachedEngine:
    """An engine that asks its inner engine only for texts the cache lacks."""

    def __init__(self, inner: Engine, cache: Cache, source: str, target: str) -> None:
        self.inner, self.cache, self.source, self.target = inner, cache, source, target
        self.name = inner.name
        self.masks = inner.masks
        self.hits = 0

    @property
    def sent(self) -> int:
        """Requests (online engines) or processes (Apertium) the inner engine used."""
        return int(getattr(self.inner, "requests_made", 0)) + int(
            getattr(self.inner, "processes", 0)
        )

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        missing: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            found = self.cache.get(self.name, self.source, self.target, text)
            if found is None:
                missing.setdefault(text, []).append(i)
            else:
                self.hits += 1
                yield i, Translation(found, self.name)
        unique = list(missing)
        for j, outcome in self.inner.translate_many(unique):
            if isinstance(outcome, Translation):
                self.cache.put(self.name, self.source, self.target, unique[j], outcome.text)
            for i in missing[unique[j]]:
                yield i, outcome
