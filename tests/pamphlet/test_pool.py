"""The parallel build (jobs per edition in a process pool) against the serial one:
the same files, byte for byte, and the same report, refusals and errors included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pliego.pamphlet.build import Outcome, build_languages
from pliego.pamphlet.pool import text_weights
from pliego.paths import po_path
from pliego.project import read_settings
from tests.buildkit import fill, make_project
from tests.conftest import SMALL_ARTICLE
from tests.pamphlet.test_release import PAMPHLET_ES, SPANISH, _from


def _files(root: Path) -> dict[str, bytes]:
    """Every file built, but for the compiled templates (a cache: their code names
    the template's absolute path, which differs between the two projects), and the
    build stamps without their outputs' mtimes (each build writes at its own time)."""
    return {
        p.relative_to(root).as_posix(): _comparable(p)
        for p in sorted((root / "build").rglob("*"))
        if p.is_file() and not p.relative_to(root / "build").as_posix().startswith(".templates/")
    }


def _comparable(path: Path) -> bytes:
    return _without_mtimes(path) if path.suffix == ".inputs" else path.read_bytes()


def _without_mtimes(stamp: Path) -> bytes:
    """A build stamp's lines (digest, then sha256, size, mtime, name) without the mtimes."""
    lines = stamp.read_text(encoding="ascii").splitlines()
    fields = [line.split("  ") for line in lines[1:]]
    assert all(len(f) == 4 and f[2].isdigit() for f in fields), lines
    return "\n".join([lines[0], *("  ".join([f[0], f[1], f[3]]) for f in fields)]).encode()


def _report(root: Path, outcomes: list[Outcome]) -> list[object]:
    """What the CLI prints from, with the project's folder taken out of the paths."""
    rows: list[object] = []
    for o in outcomes:
        rows.append((o.lang, o.error))
        if o.result is None:
            continue
        rows.append([(r.slug, r.reason) for r in o.result.refused])
        for a in o.result.articles:
            eds = [(e.kind, e.path.relative_to(root), e.pages, e.paper) for e in a.editions]
            rows.append((a.slug, a.skipped, eds, a.notes, a.fallbacks, a.sidecar.name))
    return rows


@pytest.fixture
def twins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two copies of one project: Spanish complete, Quechua not translated (and the
    PDFs' dates fixed, so that two builds can be byte-identical)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1675900800")
    one = make_project(tmp_path / "one", text=SMALL_ARTICLE)
    fill(one, "es", "small", _from(SPANISH), translator="Luis Mamani <luis@example.org>")  # type: ignore[arg-type]
    fill(one, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    two = tmp_path / "two"
    shutil.copytree(one, two)
    return one, two


def test_parallel_release_is_the_serial_one(twins: tuple[Path, Path]) -> None:
    """en and es built (every edition), qu refused: the same bytes and report."""
    serial, parallel = twins
    langs = ("en", "es", "qu")
    a = build_languages(read_settings(serial), langs, jobs=1)
    b = build_languages(read_settings(parallel), langs, jobs=2)
    assert _report(serial, a) == _report(parallel, b)
    assert b[2].result is not None and [r.slug for r in b[2].result.refused] == ["small"]
    assert [e.kind for e in b[1].result.articles[0].editions] == ["reading", "booklet", "print"]  # type: ignore[union-attr]
    assert _files(serial) == _files(parallel)
    again = build_languages(read_settings(parallel), langs, jobs=2)  # stamps vouch: a no-op
    assert all(a.skipped for o in again[:2] for a in o.result.articles)  # type: ignore[union-attr]


def test_a_broken_language_stops_alone_as_in_a_serial_build(twins: tuple[Path, Path]) -> None:
    serial, parallel = twins
    for root in twins:
        po = root / "locale" / "qu" / "LC_MESSAGES" / "small.po"
        po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\n', encoding="utf-8")
    langs, eds = ("en", "es", "qu"), ["reading"]
    a = build_languages(read_settings(serial), langs, draft=True, editions=eds, jobs=1)
    b = build_languages(read_settings(parallel), langs, draft=True, editions=eds, jobs=3)
    assert b[2].result is None and b[2].error is not None and "small.po" in b[2].error
    assert _report(serial, a) == _report(parallel, b)
    assert _files(serial) == _files(parallel)


def test_the_stack_is_imported_and_frozen_before_the_workers_fork() -> None:
    """Inside ``_settled`` WeasyPrint (and pypdf, for a booklet) is loaded and every
    object alive is frozen, so forked workers share it; afterwards the collector is
    as it was (a test run, ``invoke publish`` go on collecting)."""
    import gc
    import sys

    from pliego.pamphlet.build import _settled

    enabled = gc.isenabled()
    with _settled(("reading", "booklet")):
        assert "weasyprint" in sys.modules and "pypdf" in sys.modules
        assert gc.get_freeze_count() > 0
        assert gc.isenabled() == enabled
    assert gc.get_freeze_count() == 0
    assert gc.isenabled() == enabled


def test_a_heap_frozen_before_the_build_stays_frozen_with_the_stack() -> None:
    """The command line freezes what a task starts with until the process ends
    (pliego.cli.boundary): the build leaves that, and the stack it froze, frozen."""
    import gc

    from pliego.pamphlet.build import _settled

    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        made_since: list[object] = []  # alive when the build freezes the stack
        with _settled(("reading",)):
            assert not any(o is made_since for o in gc.get_objects())
        assert gc.get_freeze_count() > 0
        assert not any(o is made_since for o in gc.get_objects())  # still frozen
    finally:
        gc.unfreeze()


def test_only_the_stale_article_becomes_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One article changed among two: the pool is handed that one alone (the other's
    stamp still vouches for it), and the report still lists both, in the plan's order."""
    import pliego.pamphlet.pool as pool

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1675900800")
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE)
    (root / "source" / "alpha.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    settings = read_settings(root)
    first = build_languages(settings, ("en",), jobs=1)
    assert first[0].result is not None and not any(a.skipped for a in first[0].result.articles)
    (root / "source" / "alpha.md").write_text(SMALL_ARTICLE + "\nOne more line.\n", "utf-8")
    handed: list[dict[str, tuple[Path, ...]]] = []
    real = pool.build_in_pool

    def spy(settings_: object, articles: dict[str, tuple[Path, ...]], **kw: object) -> object:
        handed.append(dict(articles))
        return real(settings_, articles, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pool, "build_in_pool", spy)
    again = build_languages(read_settings(root), ("en",), jobs=2)
    assert [{k: [p.name for p in v] for k, v in h.items()} for h in handed] == [
        {"en": ["alpha.md"]}
    ]
    result = again[0].result
    assert result is not None and again[0].error is None
    assert [(a.slug, a.skipped) for a in result.articles] == [("alpha", False), ("small", True)]


def test_each_article_weighs_as_long_as_its_text(twins: tuple[Path, Path]) -> None:
    """The catalogue's size for a translation, the source's twice for the source
    language (a catalogue holds each text twice); the longest is 1, none is 0."""
    root = twins[0]
    settings = read_settings(root)
    source = root / "source" / "small.md"
    sources = {(lang, "small"): source for lang in ("en", "es", "qu")}
    sizes = {
        "en": 2 * source.stat().st_size,
        "es": po_path(settings, "es", "small").stat().st_size,
        "qu": po_path(settings, "qu", "small").stat().st_size,
    }
    weights = text_weights(settings, sources)
    longest = max(sizes.values())
    assert weights == {(lang, "small"): max(s / longest, 0.1) for lang, s in sizes.items()}
    assert max(weights.values()) == 1.0
    # a language with no catalogue yet weighs as the source does
    po_path(settings, "qu", "small").unlink()
    assert text_weights(settings, sources)["qu", "small"] == weights["en", "small"]
