"""The PO merge driver, in real git: two branches edit one catalogue, then merge."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pliego.errors import CatalogError
from pliego.files import CRLF, LF
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.gitmerge import MARKER, merge_catalogs, three_way
from pliego.gettext.po import read_po, write_po
from tests.conftest import PO_HEADER, REPO

PO = "locale/es/LC_MESSAGES/a.po"
ENGLISH = ["The strike began.", "Workers marched.", "The road was closed.", "Lima waited."]


def _catalog(translations: dict[str, str], extra: tuple[str, ...] = ()) -> Catalog:
    messages = tuple(
        Message(en, msgstr=translations.get(en, ""), locations=(("source/a.md", 2 * i + 1),))
        for i, en in enumerate([*ENGLISH, *extra])
    )
    return Catalog(header=PO_HEADER, messages=messages)


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check
    )


def _repo(tmp_path: Path, *, driver: bool = True) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "T")
    _git(repo, "config", "user.email", "t@example.org")
    if driver:
        (repo / ".gitattributes").write_bytes((REPO / ".gitattributes").read_bytes())
        _git(
            repo,
            "config",
            "merge.pliego-po.driver",
            f"{sys.executable} -m pliego.cli.merge_driver %O %A %B %P",
        )
    return repo


def _commit(repo: Path, catalog: Catalog, message: str, crlf: bool = False) -> None:
    path = repo / PO
    path.parent.mkdir(parents=True, exist_ok=True)
    data = write_po(catalog).encode("utf-8")
    path.write_bytes(data.replace(LF, CRLF) if crlf else data)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


def _branches(
    repo: Path, base: Catalog, ours: Catalog, theirs: Catalog, crlf: bool = False
) -> None:
    _commit(repo, base, "base", crlf)
    _git(repo, "checkout", "-q", "-b", "theirs")
    _commit(repo, theirs, "theirs", crlf)
    _git(repo, "checkout", "-q", "main")
    _commit(repo, ours, "ours", crlf)


BASE = _catalog({"The road was closed.": "La carretera estaba cerrada."})
# Neighbouring entries translated on each branch, one entry changed on both, and
# theirs ran `invoke update` after a new paragraph: the line-based merge conflicts here.
OURS = _catalog(
    {
        "The strike began.": "Empezó la huelga.",
        "The road was closed.": "Cerraron la carretera.",
    }
)
THEIRS = _catalog(
    {
        "Workers marched.": "Marcharon los obreros.",
        "The road was closed.": "La vía estaba cortada.",
        "A new paragraph.": "Un párrafo nuevo.",
    },
    extra=("A new paragraph.",),
)


def test_conflicting_edits_stay_under_their_msgid_and_stop_the_merge(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _branches(repo, BASE, OURS, THEIRS)
    r = _git(repo, "merge", "--no-edit", "theirs", check=False)
    assert r.returncode != 0, "a real conflict stops the merge"
    assert "both sides changed 'The road was closed.'" in r.stderr + r.stdout
    data = (repo / PO).read_bytes()
    assert b"<<<<<<<" not in data
    merged = read_po(data).by_key()  # a valid catalogue, not a text conflict
    assert merged[(None, "The strike began.")].msgstr == "Empezó la huelga."
    assert merged[(None, "Workers marched.")].msgstr == "Marcharon los obreros."
    assert merged[(None, "A new paragraph.")].msgstr == "Un párrafo nuevo."
    assert merged[(None, "Lima waited.")].msgstr == ""
    road = merged[(None, "The road was closed.")]
    assert road.fuzzy and MARKER in road.msgstr
    assert "Cerraron la carretera." in road.msgstr and "La vía estaba cortada." in road.msgstr
    assert [m.msgid for m in read_po(data).messages] == [*ENGLISH, "A new paragraph."]


def test_edits_to_different_entries_merge_cleanly(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    theirs = replace(
        THEIRS,
        messages=tuple(
            replace(m, msgstr=BASE.by_key()[m.key].msgstr)
            if m.msgid == "The road was closed."
            else m
            for m in THEIRS.messages
        ),
    )
    _branches(repo, BASE, OURS, theirs)
    r = _git(repo, "merge", "--no-edit", "theirs", check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    merged = read_po((repo / PO).read_bytes()).by_key()
    expected = {
        "The strike began.": "Empezó la huelga.",
        "Workers marched.": "Marcharon los obreros.",
        "The road was closed.": "Cerraron la carretera.",
        "Lima waited.": "",
        "A new paragraph.": "Un párrafo nuevo.",
    }
    assert {k[1]: m.msgstr for k, m in merged.items()} == expected
    assert not any(m.fuzzy for m in merged.values())
    assert _git(repo, "status", "--porcelain").stdout == "", "the merge was committed"


def test_without_the_driver_git_leaves_a_broken_catalogue(tmp_path: Path) -> None:
    """The control: the same branches merged as text (what the driver prevents)."""
    repo = _repo(tmp_path, driver=False)
    _branches(repo, BASE, OURS, THEIRS)
    assert _git(repo, "merge", "--no-edit", "theirs", check=False).returncode != 0
    data = (repo / PO).read_bytes()
    assert b"<<<<<<<" in data
    with pytest.raises(CatalogError):
        read_po(data)


def test_a_crlf_catalogue_stays_crlf_through_the_merge(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _git(repo, "config", "core.autocrlf", "false")
    _branches(repo, BASE, OURS, THEIRS, crlf=True)
    _git(repo, "merge", "--no-edit", "theirs", check=False)
    data = (repo / PO).read_bytes()
    assert data.count(LF) == data.count(CRLF) > 0
    assert read_po(data).by_key()[(None, "Workers marched.")].msgstr == "Marcharon los obreros."


def test_a_damaged_side_stops_the_driver_and_keeps_ours(tmp_path: Path) -> None:
    ours, theirs, base = (tmp_path / n for n in ("ours.po", "theirs.po", "base.po"))
    ours.write_text(write_po(OURS), encoding="utf-8")
    theirs.write_text(write_po(THEIRS) + '\nmsgid "broken\n', encoding="utf-8")
    base.write_text(write_po(BASE), encoding="utf-8")
    before = ours.read_bytes()
    r = subprocess.run(
        [sys.executable, "-m", "pliego.cli.merge_driver", str(base), str(ours), str(theirs), PO],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert r.returncode == 2
    assert f"{PO} (theirs):" in r.stderr and "merge it by hand" in r.stderr
    assert ours.read_bytes() == before


def test_three_way_rule() -> None:
    a, b, c = Message("x", msgstr="a"), Message("x", msgstr="b"), Message("x", msgstr="c")
    assert three_way(a, a, b) == b and three_way(a, b, a) == b and three_way(a, b, b) == b
    assert three_way(a, b, c) == (b, c)
    assert three_way(a, None, a) is None and three_way(a, a, None) is None
    assert three_way(a, b, None) == b and three_way(a, None, c) == c
    assert three_way(None, None, c) == c


_TEXTS = st.sampled_from(["", "uno", "dos", "tres"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEXTS, _TEXTS, _TEXTS), min_size=1, max_size=6))
def test_property_every_msgstr_stays_with_its_msgid(rows: list[tuple[str, str, str]]) -> None:
    """Whatever both sides do to the translations, each merged entry holds its own
    side's text, or both texts in a conflict: never another entry's."""
    ids = [f"Sentence number {i}." for i in range(len(rows))]

    def side(column: int) -> bytes:
        msgs = tuple(
            Message(i, msgstr=f"{r[column]} {n}" if r[column] else "")
            for n, (i, r) in enumerate(zip(ids, rows, strict=True))
        )
        return write_po(Catalog(header=PO_HEADER, messages=msgs)).encode("utf-8")

    result = merge_catalogs(side(0), side(1), side(2))
    merged = read_po(result.data)
    assert [m.msgid for m in merged.messages] == ids
    conflicts = set()
    for n, (m, (base, ours, theirs)) in enumerate(zip(merged.messages, rows, strict=True)):

        def tag(text: str, n: int = n) -> str:
            return f"{text} {n}" if text else ""

        if ours == theirs or theirs == base:
            assert m.msgstr == tag(ours)
        elif ours == base:
            assert m.msgstr == tag(theirs)
        elif ours and theirs:  # both changed it, differently: msgcat's conflict
            assert m.fuzzy and MARKER in m.msgstr
            assert tag(ours) in m.msgstr and tag(theirs) in m.msgstr
            conflicts.add(m.msgid)
        else:  # one emptied it, the other rewrote it: msgcat keeps the text
            assert m.msgstr == tag(ours or theirs) and not m.fuzzy
    assert set(result.conflicts) == conflicts
