"""What a pamphlet was built from, and the stamp that vouches for what was built.

A digest of every input (article, its images, catalogues, ``styles/``,
settings, pliego's own code, ``SOURCE_DATE_EPOCH``) is kept beside the
outputs with each output's SHA-256.  When the digest matches and every file
still has the bytes the build wrote, :func:`recorded_build` hands back the
sidecar and the build is a no-op.  Kept apart from :mod:`pliego.pamphlet.build`
(which decides what to build) because it is all hashing and no decisions, and
it must stay cheap: nothing here parses Markdown or imports WeasyPrint.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pliego.files import RACY_NS, stat_vouches
from pliego.pamphlet.config import output_name
from pliego.pamphlet.sidecar import Sidecar, SidecarError, read_sidecar
from pliego.paths import po_path
from pliego.project import Settings, source_date

#: Tree digests already computed in this process, by the tree's listing (path, size,
#: mtime of every file): see :func:`_tree_digest`.
_TREES: dict[tuple[Any, ...], str] = {}


def _tree_digest(folder: Path, pattern: str = "*", skip: tuple[str, ...] = ()) -> str:
    """The SHA-256 of a tree's files, computed once per process while none changed.

    Every article and language hashes the same trees (pliego's code, ``styles/``
    with its fonts): a no-op publish of 100 articles in 3 languages read them
    300 times, seconds of the no-op.  The listing of every file's path, size and
    mtime is the cache's key, so a changed file is hashed again; a file modified
    within the last :data:`RACY_NS` is never trusted by its listing (a rewrite of
    the same size in the same clock tick would keep it)."""
    if not folder.is_dir():
        return "absent"
    files = [
        (rel, Path(path), size, ns)
        for parts, path, size, ns in sorted(_listing(folder, pattern))
        if not (rel := "/".join(parts)).startswith(skip)
    ]
    key = (str(folder), pattern, skip, *((rel, size, ns) for rel, _, size, ns in files))
    if key in _TREES:
        return _TREES[key]
    h = hashlib.sha256()
    for rel, path, _, _ in files:
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    if all(ns < time.time_ns() - RACY_NS for *_, ns in files):
        _TREES[key] = h.hexdigest()
    return h.hexdigest()


def _listing(
    folder: Path, pattern: str, parts: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str, int, int]]:
    """Every file under ``folder`` whose name matches ``pattern``, as (path parts, path,
    size, mtime), in the order ``sorted(folder.rglob(pattern))`` gives once sorted.

    ``os.scandir`` hands back each entry's type without a system call and one
    ``stat`` per file: ``rglob`` plus ``is_file`` and ``stat`` made three, about
    2,400 calls on every no-op publish of the shipped project (pliego's code and
    ``styles/`` are listed once per language and tree)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            here = (*parts, entry.name)
            if entry.is_dir():
                yield from _listing(Path(entry.path), pattern, here)
            elif entry.is_file() and fnmatch.fnmatchcase(entry.name, pattern):
                st = entry.stat()
                yield here, entry.path, st.st_size, st.st_mtime_ns


def _contents(path: Path) -> bytes:
    """A file's bytes for the digest; a marker for anything that is not a readable
    file (the build proper then explains it in one line, with the file's name)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        return f"(unreadable: {type(exc).__name__})".encode()


#: Link destinations in Markdown (inline ``](…)`` and reference definitions): the
#: candidates for the article's images, found without parsing (no markdown-it on a no-op).
_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ ]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)


def article_files(source: Path) -> list[Path]:
    """The files under the article's folder that its text may show as images: every
    destination that names an existing file there.  Over-counting a linked file costs
    a digest of its bytes; missing a used image would leave a stale pamphlet."""
    folder = source.parent.resolve()
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: dict[Path, None] = {}
    for target in _local_destinations(text):
        path = (folder / target).resolve()
        if path.is_relative_to(folder) and path.is_file():
            found[path] = None
    return sorted(found)


@functools.lru_cache(maxsize=1024)
def _local_destinations(text: str) -> tuple[str, ...]:
    """The destinations in ``text`` that may name a file of the project (no scheme, not
    absolute), in order.  Cached by the text (room for a thousand articles: the scan
    goes through every article once per language, so a smaller cache would miss every
    time), because every language of an article digests the same source and this scan
    is most of an up-to-date article's digest: 300 scans of the shipped article took
    0.56 s (on a loaded machine), the no-op publish of 100 articles in 3 languages."""
    found: list[str] = []
    for m in _DESTINATION.finditer(text):
        target = unquote((m.group(1) or m.group(2)).split("#", 1)[0])
        if target and not urlsplit(target).scheme and not target.startswith("/"):
            found.append(target)
    return tuple(found)


@dataclass(frozen=True)
class Design:
    """pliego's code and ``styles/`` digested, for a scan of many articles.

    Every article and language depends on both trees, and even a cached
    :func:`_tree_digest` lists its tree to know it is still valid: the up-to-date
    scan of a no-op publish listed them twice per article and language (600
    listings, some 26,000 directory entries at 100 articles), the largest part
    of a no-op that grew with the articles.  A scan takes one :class:`Design`
    made at its start and hands it to every :func:`input_digest`; the digest is
    the same as without it, so a worker that digests on its own agrees."""

    code: str
    styles: str


def design_of(settings: Settings) -> Design:
    """Both trees' digests, as :func:`input_digest` would find them now."""
    return Design(_code_digest(), _styles_digest(settings))


def input_digest(
    settings: Settings, lang: str, source: Path, *, draft: bool, design: Design | None = None
) -> str:
    """A digest of everything a pamphlet depends on (cheap: no parsing); ``design``
    the trees' digests when a scan of many articles made them once."""
    trees = design if design is not None else design_of(settings)
    h = hashlib.sha256()
    # (no version number: the source of the whole package is hashed below)
    h.update(f"pliego\0{lang}\0{draft}\0".encode())
    h.update(str(source_date()).encode() + b"\0")
    h.update(trees.code.encode() + b"\0")
    relevant = {k: settings.raw.get(k) for k in ("source-language", "segmentation", "build")}
    relevant["base-url"] = settings.section("site").get("base-url")  # the QR code; not the rest
    h.update(json.dumps(relevant, sort_keys=True, default=str).encode() + b"\0")
    h.update(_contents(source) + b"\0")
    for image in article_files(source):  # only this article's images: others rebuild nothing
        h.update(image.relative_to(source.parent.resolve()).as_posix().encode() + b"\0")
        h.update(_contents(image) + b"\0")
    for domain in (source.stem, "pamphlet"):
        h.update(_contents(po_path(settings, lang, domain)) + b"\0")
    h.update(trees.styles.encode())
    return h.hexdigest()


def _code_digest() -> str:
    """The whole pliego package, not only this stage: a change anywhere may change the
    PDF (its source only: bytecode caches in every subpackage change when Python
    recompiles)."""
    return _tree_digest(Path(__file__).resolve().parents[1], "*.py")


def _styles_digest(settings: Settings) -> str:
    """``styles/`` but the site's own folder: the pamphlet's templates, CSS and fonts."""
    return _tree_digest(settings.root / "styles", skip=("site/",))


def design_digest(settings: Settings) -> str:
    """A digest of what every pamphlet's look depends on beyond its own text: pliego's
    code and ``styles/`` (stylesheets, templates, fonts).  The cover title's cached
    size is keyed by it (:func:`pliego.pamphlet.cover.title_key`); cheap after
    :func:`input_digest` in the same process, which hashed the same trees."""
    design = design_of(settings)
    return design.code + design.styles


def stamp_path(folder: Path, slug: str, draft: bool) -> Path:
    return folder / f".{output_name(slug, 'reading', draft)}.inputs"


def stamp_bytes(digest: str, outputs: Sequence[Path]) -> bytes:
    """The stamp: the inputs' digest, then each output's SHA-256, size and mtime, so a
    truncated or edited PDF is rebuilt instead of being reported up to date."""
    lines = [digest] + [_output_line(p, _sha256(p), p.stat()) for p in outputs]
    return ("\n".join(lines) + "\n").encode("ascii", "backslashreplace")


def _output_line(path: Path, sha256: str, st: os.stat_result) -> str:
    return f"{sha256}  {st.st_size}  {st.st_mtime_ns}  {path.name}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _unchanged(path: Path, line: str, since_ns: int) -> bool:
    """Whether an output still has the bytes its line in the stamp of ``since_ns``
    records.  One whose size and mtime vouch for them (:func:`~pliego.files.stat_vouches`)
    is trusted without reading it (a no-op publish of 100 articles read all 900 PDFs,
    0.2 s); any other is digested, so a touched file that kept its bytes still counts
    as built."""
    sha256, size, mtime_ns, name = [*line.split("  ", 3), "", "", ""][:4]
    if name != path.name.encode("ascii", "backslashreplace").decode("ascii"):
        return False
    try:
        recorded = (int(size), int(mtime_ns))
    except ValueError:
        return False
    st = path.stat()
    if st.st_size != recorded[0]:
        return False
    return stat_vouches(st.st_size, st.st_mtime_ns, recorded, since_ns) or _sha256(path) == sha256


def recorded_build(folder: Path, slug: str, draft: bool, digest: str) -> Sidecar | None:
    """The previous build's sidecar, when its inputs were these and its files are all
    there with the bytes it wrote (else None: build again)."""
    stamp = stamp_path(folder, slug, draft)
    path = folder / output_name(slug, "sidecar", draft)
    try:
        recorded = stamp.read_text(encoding="ascii").splitlines()
        if not recorded or recorded[0] != digest:
            return None
        sidecar = read_sidecar(path)
        if sidecar is None:
            return None
        outputs = [*(folder / e.file for e in sidecar.editions), *sidecar.markdown_files, path]
        since_ns = stamp.stat().st_mtime_ns
        lines = recorded[1:]
        if len(lines) != len(outputs) or not all(
            _unchanged(p, line, since_ns) for p, line in zip(outputs, lines, strict=True)
        ):
            return None
    except (OSError, UnicodeDecodeError, SidecarError):
        return None
    return sidecar
