"""``invoke publish`` is atomic as a whole: killed anywhere, ``build/site`` is the old site
or the new one, and the real ``sha256sum -c SHA256SUMS`` passes in it.

The publish under test changes the site in every way at once: PDFs rewritten (a new Spanish
edition), files removed (the Quechua pamphlet withdrawn), files added (a second English
pamphlet) and files kept (the first English pamphlet, the stylesheet).  Each run starts from
the same previous site (copied with its mtimes) and is stopped after its k-th file, for every
k, then at the swap itself; then a few runs in a subprocess are stopped by a real SIGKILL, and
the next publish must clear their leftovers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import pliego.files
from pliego.errors import PliegoError
from pliego.project import read_settings
from pliego.site.publish import publish
from tests.sitekit import REPO, add_pamphlet, add_site_templates

ENV = {"SOURCE_DATE_EPOCH": "1675900800"}
LEFTOVERS = (".site.new", ".site.old")


@dataclass(frozen=True)
class Tree:
    """A folder as a distributor would copy it: every file's bytes and mtime, every folder."""

    files: dict[str, bytes]
    mtimes: dict[str, int]
    folders: frozenset[str]

    @classmethod
    def of(cls, root: Path) -> Tree:
        files: dict[str, bytes] = {}
        mtimes: dict[str, int] = {}
        folders: set[str] = set()
        for folder, dirs, names in os.walk(root):
            for d in dirs:
                path = Path(folder, d)
                assert not path.is_symlink(), path
                folders.add(path.relative_to(root).as_posix())
            for name in names:
                path = Path(folder, name)
                assert path.is_file() and not path.is_symlink(), path
                rel = path.relative_to(root).as_posix()
                files[rel] = path.read_bytes()
                mtimes[rel] = path.stat().st_mtime_ns
        return cls(files, mtimes, frozenset(folders))


@dataclass(frozen=True)
class Scenario:
    root: Path
    pristine: Path  # a copy of the previous site, mtimes kept
    previous: Tree
    new: Tree
    kept: frozenset[str]  # files whose bytes the publish does not change
    count: int  # files in the new site, each one write (or link) into the staging folder

    @property
    def site(self) -> Path:
        return self.root / "build" / "site"

    def restore(self) -> None:
        """Put the previous site back, as it was, and clear any leftover."""
        for name in ("site", *LEFTOVERS):
            path = self.root / "build" / name
            if path.exists():
                shutil.rmtree(path)
        shutil.copytree(self.pristine, self.site)  # copy2: mtimes kept
        assert Tree.of(self.site) == self.previous

    def leftovers(self) -> list[str]:
        return [n for n in LEFTOVERS if os.path.lexists(self.root / "build" / n)]

    def check(self) -> str:
        """The site is the previous one (mtimes and all) or the new one; never a mix."""
        sums = subprocess.run(
            ["sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS"],
            cwd=self.site,
            capture_output=True,
            text=True,
        )
        assert sums.returncode == 0, sums.stdout + sums.stderr
        now = Tree.of(self.site)
        if now == self.previous:
            return "previous"
        assert now.files == self.new.files and now.folders == self.new.folders
        for rel in self.kept:  # kept files kept their mtime (rsync sends them no more)
            assert now.mtimes[rel] == self.previous.mtimes[rel], rel
        return "new"


@pytest.fixture
def scenario(project: Path, tmp_path: Path, pdf_cache: Path) -> Scenario:
    add_site_templates(project)
    for lang in ("en", "es", "qu"):
        add_pamphlet(project, lang, cache_dir=pdf_cache)
    settings = read_settings(project)
    publish(settings, build=False, env=ENV)
    site = project / "build" / "site"
    pristine = tmp_path / "pristine"
    shutil.copytree(site, pristine)
    previous = Tree.of(site)
    # The publish to interrupt: one edition rewritten, one pamphlet withdrawn, one added.
    add_pamphlet(project, "es", title="Una edición nueva", pages=3, cache_dir=pdf_cache)
    for path in (project / "build" / "qu").glob("small*"):
        path.unlink()
    add_pamphlet(project, "en", "second", title="A second pamphlet", cache_dir=pdf_cache)
    done = publish(settings, build=False, env=ENV)
    assert done.written and done.removed and "qu/small.pdf" in done.removed
    new = Tree.of(site)
    kept = frozenset(p for p, data in previous.files.items() if new.files.get(p) == data)
    assert kept == set(new.files) - set(done.written)
    assert {"site.css", "en/small.pdf", "en/small-cover.png"} <= kept
    assert "es/small.pdf" in done.written and "en/second.pdf" in done.written
    made = Scenario(project, pristine, previous, new, kept, done.files)
    assert made.check() == "new" and made.leftovers() == []
    made.restore()
    return made


@pytest.fixture(scope="module")
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


def stop_after(monkeypatch: pytest.MonkeyPatch, k: int, stop: type[BaseException]) -> None:
    """Let ``k`` files into the staging folder, then stop as Ctrl-C (or sys.exit) would."""
    real = pliego.files.stage_file
    done = [0]

    def stage_file(*args: Any) -> None:
        if done[0] == k:
            raise stop()
        done[0] += 1
        real(*args)

    monkeypatch.setattr(pliego.files, "stage_file", stage_file)


def around_swap(monkeypatch: pytest.MonkeyPatch, *, after: bool, stop: type[BaseException]) -> None:
    real = pliego.files.swap_folder

    def swap_folder(new: Path, target: Path) -> Path | None:
        if not after:
            raise stop()
        real(new, target)
        raise stop()

    monkeypatch.setattr(pliego.files, "swap_folder", swap_folder)


def interrupted(scenario: Scenario, stop: type[BaseException]) -> str:
    with pytest.raises(stop):
        publish(read_settings(scenario.root), build=False, env=ENV)
    return scenario.check()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_stopped_after_every_write_leaves_the_old_or_the_new_site(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:  # what macOS, Windows and filesystems without RENAME_EXCHANGE get
        monkeypatch.setattr(pliego.files, "_exchange", lambda a, b: False)
    outcomes: list[str] = []
    # The staging is the same either way: every k for the exchange, the ends for the fallback.
    points = range(scenario.count + 1) if exchange else (0, scenario.count // 2, scenario.count)
    for k in points:
        stop = KeyboardInterrupt if k % 2 else SystemExit
        with monkeypatch.context() as patch:
            stop_after(patch, k, stop)
            if k == scenario.count:
                around_swap(patch, after=False, stop=stop)
            outcomes.append(interrupted(scenario, stop))
        assert scenario.leftovers() == [], k  # an exception cleans up on its way out
        scenario.restore()
    assert set(outcomes) == {"previous"}
    for stop in (KeyboardInterrupt, SystemExit):
        with monkeypatch.context() as patch:
            around_swap(patch, after=True, stop=stop)
            assert interrupted(scenario, stop) == "new"
        scenario.restore()
    publish(read_settings(scenario.root), build=False, env=ENV)
    assert scenario.check() == "new" and scenario.leftovers() == []


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import pliego.files as files
    from pliego.project import read_settings
    from pliego.site.publish import publish

    root, point, k = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    real_stage, real_swap, real_rename = files.stage_file, files.swap_folder, os.rename
    staged = 0

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def stage_file(*args):
        global staged
        if point == "stage" and staged == k:
            die()
        staged += 1
        real_stage(*args)

    def swap_folder(new, target):
        aside = real_swap(new, target)
        if point == "swapped":
            die()
        return aside

    def rename(src, dst):
        real_rename(src, dst)
        if point == "aside" and Path(src).name == "site":
            die()

    if point == "aside":
        files._exchange = lambda a, b: False
    files.stage_file, files.swap_folder, os.rename = stage_file, swap_folder, rename
    publish(read_settings(root), build=False, env={"SOURCE_DATE_EPOCH": sys.argv[4]})
    sys.exit("not killed")
    """
)


def kill_publish(scenario: Scenario, point: str, k: int = 0) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(scenario.root), point, str(k), ENV["SOURCE_DATE_EPOCH"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize(
    ("point", "at", "expected", "left"),
    [
        ("stage", 1, "previous", [".site.new"]),
        ("stage", -1, "previous", [".site.new"]),  # -1: half-way
        ("stage", -2, "previous", [".site.new"]),  # -2: all files but the last
        ("swapped", 0, "new", [".site.new"]),  # the old site, not yet deleted
        ("aside", 0, "absent", [".site.new", ".site.old"]),
    ],
    ids=["first-file", "half-way", "last-file", "after-swap", "between-renames"],
)
def test_sigkill_then_publish_again(
    scenario: Scenario, point: str, at: int, expected: str, left: list[str]
) -> None:
    k = {-1: scenario.count // 2, -2: scenario.count - 1}.get(at, at)
    kill_publish(scenario, point, k)
    assert scenario.leftovers() == left
    if expected == "absent":
        # The fallback's one gap: killed between its two renames there is no build/site
        # (never a mixed one); the previous site waits aside, whole, to be put back.
        assert not scenario.site.exists()
        assert Tree.of(scenario.root / "build" / ".site.old") == scenario.previous
    else:
        assert scenario.check() == expected
    again = publish(read_settings(scenario.root), build=False, env=ENV)
    assert scenario.check() == "new" and scenario.leftovers() == []
    # The next run starts from the previous site (put back if need be): it writes exactly
    # the changed files, the kept ones keeping their mtimes (checked above).
    if expected == "new":
        assert again.written == again.removed == ()
    else:
        assert set(again.written) == set(scenario.new.files) - scenario.kept


def test_a_second_publish_waits_for_the_first(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two publishes at once would clear each other's staging folder: a lock orders them."""
    monkeypatch.setenv("PLIEGO_LOCK_TIMEOUT", "0.2")
    with pliego.files.catalog_lock(scenario.site), pytest.raises(PliegoError, match="another"):
        publish(read_settings(scenario.root), build=False, env=ENV)
    assert scenario.check() == "previous" and scenario.leftovers() == []
