"""The site's stamp: what the last publish read and wrote, so that a no-op says so at once.

Why it exists: a publish with nothing changed used to import WeasyPrint's stack
(through the image checks of the read-online pages), count every PDF's pages
with pypdf, render every cover with pdfium, parse every translated Markdown and
compile every template, only to write nothing: 2.8 s on a quiet machine.  The
stamp, ``build/.site-stamp.json``, lists every file the site is made from (the
settings, the site templates, the site and pamphlet catalogues, the build's
files of each language, the English sources and their images, pliego's own
code) and every entry of ``build/site/``, each with its size, mtime and
SHA-256.  When all of them still match, ``publish`` answers from the stamp
without loading anything heavy.

Size and mtime are trusted only for a file older than the stamp by more than
:data:`~pliego.files.RACY_NS` (git's "racily clean" rule): a file rewritten with the same
size within one tick of the file system's clock is digested instead.  A file
whose size and mtime moved but whose bytes did not (a checkout, a ``touch``,
a rebuild that changed only a timestamp) is digested and still counts as
unchanged, so such a publish writes nothing either.

The stamp also keeps the name of every language the site lists (CLDR's
locale data, loaded for a name, is a third of a no-op's work); the settings
and pliego's code that decide a name are inputs like any other.

The stamp also remembers what measuring and rendering cost, keyed by the
bytes they were made from: a PDF's page count (by its SHA-256), the cover
rendered from a first edition (by that PDF's SHA-256) and each read-online
page (by a digest of everything it is made from), so a publish after one
change measures and renders only what that change concerns.

What it cannot see is an upgrade of a library (Jinja2, Babel, pypdfium2) that
renders the same inputs into other bytes: delete the stamp after one.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from pliego.files import atomic_write_bytes, stat_vouches
from pliego.paths import TEMPLATE_DOMAINS, po_path
from pliego.project import Settings
from pliego.site.model import FileFacts

#: pliego's own code (its source renders the site: other code may render other bytes).
PACKAGE = Path(__file__).resolve().parents[1]
#: Bump when the stamp's layout or what it lists changes: an older stamp is ignored.
STAMP_VERSION = 3


@dataclass(frozen=True)
class FileStat:
    """One file as the stamp saw it (``sha256`` empty for a folder)."""

    size: int
    mtime_ns: int
    sha256: str = ""


@dataclass(frozen=True)
class Derived:
    """A site file made from others: the digest of what it was made from (``key``),
    the files made with it (a page's images) and the notes making it gave."""

    key: str
    media: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteStamp:
    """What a publish read (``inputs``) and wrote (``outputs``), and what it said.

    ``read_ns`` and ``wrote_ns`` are when the inputs were read and the outputs
    looked at: a file's stat is trusted only if it is older than these by
    :data:`~pliego.files.RACY_NS`.  ``facts`` are the measured facts of every site file (for
    the model and the caches), ``derived`` what each cover and read-online page
    was made from, ``notes`` the notes the site's rendering gave (not the
    build's: a publish asks the build every time), ``names`` the name the site
    gave each language it lists.
    """

    params: str
    read_ns: int
    wrote_ns: int
    inputs: Mapping[str, FileStat | None]
    outputs: Mapping[str, FileStat]
    facts: Mapping[str, FileFacts] = field(default_factory=dict)
    derived: Mapping[str, Derived] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    files: int = 0
    names: Mapping[str, str] = field(default_factory=dict)

    def pages_of(self, sha256: str) -> int | None:
        """The page count of a PDF with these bytes, if one was measured."""
        return self._pdf_pages.get(sha256)

    @cached_property
    def _pdf_pages(self) -> dict[str, int | None]:
        """Page counts by SHA-256, made once: a publish asks for every PDF of the site,
        and a scan of every fact per PDF grew with the square of the pamphlets."""
        found: dict[str, int | None] = {}
        for path, f in self.facts.items():
            if path.endswith(".pdf"):
                found.setdefault(f.sha256, f.pages)  # the first measured, as the scan found
        return found


def stamp_path(settings: Settings) -> Path:
    return settings.build_path / ".site-stamp.json"


def params_of(*, drafts: bool, source_date: str | None, shown: Sequence[str]) -> str:
    """What besides the files' bytes decides the site's: drafts shown, SOURCE_DATE_EPOCH,
    the sidecars shown (a refused draft's is left out), Python."""
    return json.dumps([STAMP_VERSION, drafts, source_date, list(shown), sys.version])


def _files_under(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from (p for p in sorted(folder.rglob("*")) if p.is_file())


def input_paths(settings: Settings, langs: Iterable[str]) -> list[Path]:
    """Every file the site is made from; a catalogue or build folder that does not
    exist is listed too (its appearance is a change)."""
    paths = [settings.root / "pyproject.toml"]
    paths += _files_under(settings.root / TEMPLATE_DOMAINS["site"])
    for lang in langs:
        paths += (po_path(settings, lang, "site"), po_path(settings, lang, "pamphlet"))
        folder = settings.build_path / lang
        if folder.is_dir():
            paths += sorted(p for p in folder.iterdir() if not p.name.startswith("."))
        else:
            paths.append(folder)
    paths += _files_under(settings.source_path)
    paths += _files_under(PACKAGE)  # the code that renders the site
    return [p for p in paths if p.suffix != ".pyc"]


def code_digest() -> str:
    """The SHA-256 of pliego's own code: other code may render other bytes."""
    h = hashlib.sha256()
    for path in _files_under(PACKAGE):
        if path.suffix == ".py":
            h.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _key(settings: Settings, path: Path) -> str:
    root = settings.root
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stat(path: Path, sha256: str = "") -> FileStat | None:
    """One ``stat`` call (``is_dir`` would be a second: thousands per publish at 100 articles)."""
    try:
        st = path.stat()
    except OSError:
        return None
    if S_ISDIR(st.st_mode):
        return FileStat(-1, 0)
    return FileStat(st.st_size, st.st_mtime_ns, sha256)


def _same(path: Path, was: FileStat | None, since_ns: int) -> tuple[bool, bool]:
    """Whether a file is as the stamp of ``since_ns`` saw it, and whether its bytes had
    to be read to tell (its stat cannot be trusted, or it moved)."""
    now = _stat(path)
    if now is None or was is None or now.size < 0 or was.size < 0:
        return now == was, False
    if now.size != was.size:
        return False, False
    if stat_vouches(now.size, now.mtime_ns, (was.size, was.mtime_ns), since_ns):
        return True, False
    try:
        return bool(was.sha256) and _sha256(path) == was.sha256, True
    except OSError:
        return False, True


def site_entries(site: Path) -> dict[str, Path]:
    """Every file and folder in ``build/site/`` (relative POSIX path -> path)."""
    if not site.is_dir():
        return {}
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*"))}


def load_stamp(settings: Settings) -> SiteStamp | None:
    """The last publish's stamp, or None when there is none or it is unreadable (which
    only costs the full publish)."""
    try:
        data: Any = json.loads(stamp_path(settings).read_bytes())
        if data.get("version") != STAMP_VERSION:
            return None
        return SiteStamp(
            params=data["params"],
            read_ns=data["read_ns"],
            wrote_ns=data["wrote_ns"],
            inputs={k: None if v is None else FileStat(*v) for k, v in data["inputs"].items()},
            outputs={k: FileStat(*v) for k, v in data["outputs"].items()},
            facts={k: FileFacts(**v) for k, v in data["facts"].items()},
            derived={
                k: Derived(v[0], tuple(v[1]), tuple(v[2])) for k, v in data["derived"].items()
            },
            notes=tuple(data["notes"]),
            pages=tuple(data["pages"]),
            files=data["files"],
            names={str(k): str(v) for k, v in data["names"].items()},
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def unchanged(settings: Settings, stamp: SiteStamp, langs: Iterable[str], params: str) -> bool:
    """Whether every input and every entry of ``build/site/`` is as ``stamp`` recorded.

    When some file had to be read to tell, the stamp is written again with the
    stats seen now, so the next no-op trusts them (only the stamp: the site
    is not touched)."""
    if stamp.params != params:
        return False
    site = settings.build_path / "site"
    for leftover in (f".{site.name}.new", f".{site.name}.old"):  # an interrupted publish
        if site.with_name(leftover).exists():
            return False
    now = time.time_ns()
    read = False
    for entries, recorded, since_ns in (
        ({_key(settings, p): p for p in input_paths(settings, langs)}, stamp.inputs, stamp.read_ns),
        (site_entries(site), stamp.outputs, stamp.wrote_ns),
    ):
        if entries.keys() != recorded.keys():
            return False
        for key, path in entries.items():
            same, digested = _same(path, recorded[key], since_ns)
            if not same:
                return False
            read = read or digested
    if read:
        _write(settings, _restated(settings, stamp, now))
    return True


def _restated(settings: Settings, stamp: SiteStamp, now: int) -> SiteStamp:
    """``stamp`` with the stats of files found unchanged by their bytes (digests kept)."""
    site = settings.build_path / "site"

    def again(path: Path, was: FileStat | None) -> FileStat | None:
        return None if was is None else _stat(path, was.sha256)

    inputs = {k: again(settings.root / k, v) for k, v in stamp.inputs.items()}
    outputs = {k: again(site / k, v) for k, v in stamp.outputs.items()}
    return replace(
        stamp,
        read_ns=now,
        wrote_ns=now,
        inputs=inputs,
        outputs={k: v for k, v in outputs.items() if v is not None},
    )


def record(
    settings: Settings,
    langs: Iterable[str],
    params: str,
    *,
    read_ns: int,
    facts: Mapping[str, FileFacts],
    derived: Mapping[str, Derived],
    notes: Iterable[str],
    pages: Iterable[str],
    files: int,
    names: Mapping[str, str],
    previous: SiteStamp | None = None,
    written: Mapping[str, str] | None = None,
) -> None:
    """Write the stamp of a publish that began reading its inputs at ``read_ns``.

    A file changed since then may not be what the site was made from: its
    digest is left out, so the next publish does the work again.

    Digests already known are not made again, because a publish after one
    change would otherwise read every input and every site file once more
    (at 100 articles, 900 PDFs on each side): an input whose size and mtime
    are those ``previous`` recorded, and that it could trust then (older than
    its reading by :data:`~pliego.files.RACY_NS`), keeps its recorded digest; a site file
    keeps the digest of the bytes the publish just put there (``written``:
    site path -> SHA-256)."""
    wrote_ns = time.time_ns()
    known = previous.inputs if previous is not None else {}
    recorded_at = previous.read_ns if previous is not None else 0

    def seen(key: str, path: Path, since: int) -> FileStat | None:
        st = _stat(path)
        if st is None or st.size < 0 or st.mtime_ns >= since:
            return st
        was = known.get(key)
        if (
            was is not None
            and was.sha256
            and stat_vouches(st.size, st.mtime_ns, (was.size, was.mtime_ns), recorded_at)
        ):
            return was
        return _stat(path, _sha256(path))

    def output(key: str, path: Path) -> FileStat | None:
        sha = (written or {}).get(key)
        if sha:  # a file this publish just put there
            return _stat(path, sha)
        return _stat(path, _sha256(path)) if path.is_file() else _stat(path)

    inputs = {
        (key := _key(settings, p)): seen(key, p, read_ns) for p in input_paths(settings, langs)
    }
    site = site_entries(settings.build_path / "site")
    outputs = {k: output(k, p) for k, p in site.items()}
    stamp = SiteStamp(
        params=params,
        read_ns=read_ns,
        wrote_ns=wrote_ns,
        inputs=inputs,
        outputs={k: v for k, v in outputs.items() if v is not None},
        facts=dict(sorted(facts.items())),
        derived=dict(sorted(derived.items())),
        notes=tuple(notes),
        pages=tuple(pages),
        files=files,
        names=dict(names),
    )
    _write(settings, stamp)


def _write(settings: Settings, stamp: SiteStamp) -> None:
    def row(v: FileStat | None) -> list[Any] | None:
        return None if v is None else [v.size, v.mtime_ns, v.sha256]

    data = {
        "version": STAMP_VERSION,
        "params": stamp.params,
        "read_ns": stamp.read_ns,
        "wrote_ns": stamp.wrote_ns,
        "inputs": {k: row(v) for k, v in stamp.inputs.items()},
        "outputs": {k: row(v) for k, v in stamp.outputs.items()},
        "facts": {k: asdict(v) for k, v in stamp.facts.items()},
        "derived": {k: [v.key, list(v.media), list(v.notes)] for k, v in stamp.derived.items()},
        "notes": list(stamp.notes),
        "pages": list(stamp.pages),
        "files": stamp.files,
        "names": dict(stamp.names),
    }
    # Not indented: an indent makes json use its pure-Python encoder, and the stamp lists
    # every file of the site (0.1 s of a one-change publish at 30 articles under cProfile).
    atomic_write_bytes(stamp_path(settings), json.dumps(data).encode("utf-8"))
