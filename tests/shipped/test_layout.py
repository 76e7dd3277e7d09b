"""The shipped editions pass the layout audit: 0 defects of every class, through fixes.

Every shipped language (en, es, qu) is built, all three editions, from a copy of
the repository's article, catalogues and styles.  The booklet is imposed from
the reading edition's pages, so the reading edition's audit is the booklet's.
The same build then runs again with nothing changed (``force``): the fixes
cached by input digest are applied before the first render, so no pass is needed
and the PDFs come out byte for byte the same.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pliego.pamphlet.typeset as typeset_module
from pliego.pamphlet.build import build_language
from pliego.pamphlet.fixes import Settled
from pliego.project import read_settings
from tests.conftest import REPO

LANGS = ("en", "es", "qu")
#: The real one, taken once: a recorder must never wrap another recorder.
SETTLE = typeset_module.settle


def _copy(root: Path) -> Path:
    for name in ("source", "locale"):
        shutil.copytree(REPO / name, root / name)
    shutil.copytree(REPO / "styles", root / "styles", ignore=shutil.ignore_patterns("site"))
    for name in ("pyproject.toml", "tasks.py"):
        shutil.copy(REPO / name, root / name)
    return root


def _recording(seen: list[Settled]) -> Any:
    def settle(*args: Any, **kwargs: Any) -> Any:
        document, settled = SETTLE(*args, **kwargs)
        seen.append(settled)
        return document, settled

    return settle


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = _copy(tmp_path_factory.mktemp("shipped") / "proj")
    settings = read_settings(root)
    cold: list[Settled] = []
    warm: list[Settled] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1675900800")
        mp.setattr(typeset_module, "settle", _recording(cold))
        first = {lang: build_language(settings, lang, force=True) for lang in LANGS}
        pdfs = {p: p.read_bytes() for r in first.values() for p in r.written}
        mp.setattr(typeset_module, "settle", _recording(warm))
        again = {lang: build_language(settings, lang, force=True) for lang in LANGS}
    yield {"cold": cold, "warm": warm, "first": first, "again": again, "pdfs": pdfs}


def test_the_shipped_editions_pass_the_layout_audit(builds: dict[str, Any]) -> None:
    # reading and print per language, in order (the booklet is the reading edition's pages)
    assert len(builds["cold"]) == 2 * len(LANGS)
    names = [f"{lang}/{kind}" for lang in LANGS for kind in ("reading", "print")]
    left = dict(zip(names, (s.remaining for s in builds["cold"]), strict=True))
    assert left == dict.fromkeys(names, ())  # Quechua too: tails, ladders, gaping lines fixed
    for lang, result in builds["first"].items():
        (article,) = result.articles
        listed = [n for n in article.notes if ": layout: " in n]
        assert len(listed) == len(left[f"{lang}/reading"]) + len(left[f"{lang}/print"])
        assert [e.kind for e in article.editions] == ["reading", "booklet", "print"]


def _extra(settled: Settled) -> float:
    """Renders beyond the first, and the trial documents' lines as a share of a
    render's (a trial costs what the lines it sets cost: bench/audit.py times it)."""
    return settled.renders - 1 + settled.trial_lines / settled.lines


def test_fixes_cost_at_most_one_extra_render_per_edition_cold(builds: dict[str, Any]) -> None:
    extra = [_extra(s) for s in builds["cold"]]  # en, es, qu x reading, print
    assert sum(extra) <= len(extra), [f"{e:.2f}" for e in extra]
    # the print edition starts from the reading edition's fixes, and its layout is
    # the reading edition's line for line: no pass, no trial
    assert [s.renders for s in builds["cold"][1::2]] == [1] * len(LANGS)
    assert all(s.fixes for s in builds["cold"])  # the shipped text does need fixing


def test_a_rebuild_of_unchanged_input_needs_no_pass(builds: dict[str, Any]) -> None:
    assert [s.renders for s in builds["warm"]] == [1] * len(builds["warm"])
    assert [s.trial_lines for s in builds["warm"]] == [0] * len(builds["warm"])
    assert [s.fixes for s in builds["warm"]] == [s.fixes for s in builds["cold"]]
    assert {p: p.read_bytes() for p in builds["pdfs"]} == builds["pdfs"]
