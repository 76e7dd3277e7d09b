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
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(
            path, timeout=30.0, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

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
