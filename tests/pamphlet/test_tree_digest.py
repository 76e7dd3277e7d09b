"""The tree digest behind every build stamp: what it lists and when it changes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from pliego.pamphlet import build, stamp
from pliego.plan import make_plan
from pliego.project import read_settings
from tests.buildkit import make_project
from tests.conftest import SMALL_ARTICLE


def _reference(folder: Path, pattern: str = "*", skip: tuple[str, ...] = ()) -> str:
    """The digest as ``rglob`` lists the tree (the listing ``_listing`` replaced)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(skip):
            h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _tree(root: Path) -> Path:
    for rel in ("a.css", "a-b/c.css", "a/b.css", "fonts/x.woff2", "site/index.html", ".hidden"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(rel.encode() * 3)
    return root


def test_the_listing_orders_and_filters_as_rglob_did(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "styles")
    stamp._TREES.clear()
    assert stamp._tree_digest(tree) == _reference(tree)
    assert stamp._tree_digest(tree, skip=("site/",)) == _reference(tree, skip=("site/",))
    assert stamp._tree_digest(tree, "*.css") == _reference(tree, "*.css")
    assert stamp._tree_digest(tree, skip=("site/",)) != stamp._tree_digest(tree)


def test_a_changed_file_changes_the_digest_even_after_caching(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "styles")
    stamp._TREES.clear()
    long_ago = 1_600_000_000 * 10**9  # every file old: the digest is cached by its listing
    for path in tree.rglob("*"):
        os.utime(path, ns=(long_ago, long_ago))
    old = tree / "a" / "b.css"
    before = stamp._tree_digest(tree)
    old.write_bytes(b"a/b.cssa/b.csSa/b.css")  # the same size: only the mtime tells
    os.utime(old, ns=(long_ago + 1, long_ago + 1))
    assert stamp._tree_digest(tree) != before
    assert stamp._tree_digest(tree) == _reference(tree)


def test_a_missing_tree_is_absent(tmp_path: Path) -> None:
    assert stamp._tree_digest(tmp_path / "nowhere") == "absent"


def test_a_scan_of_many_articles_lists_the_trees_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The up-to-date scan digests pliego's code and ``styles/`` once, not once per
    article and language, and every article's digest is the one it makes alone (a
    worker digests without the scan's :class:`~pliego.pamphlet.stamp.Design`)."""
    root = make_project(tmp_path / "proj", text=SMALL_ARTICLE)
    for n in range(4):
        (root / "source" / f"more-{n}.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    settings = read_settings(root)
    plan = make_plan(settings)
    listed: list[Path] = []
    real = stamp._listing

    def listing(folder: Path, pattern: str, parts: tuple[str, ...] = ()) -> Any:
        if not parts:  # a tree's top, not the recursion into its folders
            listed.append(folder)
        return real(folder, pattern, parts)

    monkeypatch.setattr(stamp, "_listing", listing)
    design = stamp.design_of(settings)
    assert len(listed) == 2  # the code, then styles/
    for lang in ("en", "es"):
        assert build._standing(settings, plan, lang, False, None, design) == {}
    assert len(listed) == 2
    for src in plan.chosen:
        with_design = stamp.input_digest(settings, "es", src, draft=False, design=design)
        assert with_design == stamp.input_digest(settings, "es", src, draft=False)
    first = plan.chosen[0]
    other = stamp.Design(design.code, "another styles/")
    assert stamp.input_digest(settings, "es", first, draft=False, design=other) != (
        stamp.input_digest(settings, "es", first, draft=False, design=design)
    )


def test_an_article_s_images_are_found_from_its_text_once_per_text(tmp_path: Path) -> None:
    """The destinations are parsed once per text (every language digests the same
    source), while which of them exist is asked each time."""
    (tmp_path / "pic").mkdir()
    source = tmp_path / "a.md"
    source.write_text(
        "![a](pic/a.png) [site](https://example.org/x.png) ![b](</abs.png>)\n\n"
        "[ref]: pic/b%20c.png#frag\n",
        encoding="utf-8",
    )
    stamp._local_destinations.cache_clear()
    assert stamp.article_files(source) == []  # nothing exists yet
    (tmp_path / "pic" / "a.png").write_bytes(b"a")
    (tmp_path / "pic" / "b c.png").write_bytes(b"b")
    found = stamp.article_files(source)
    assert found == [
        (tmp_path / "pic" / "a.png").resolve(),
        (tmp_path / "pic" / "b c.png").resolve(),
    ]
    info = stamp._local_destinations.cache_info()
    assert (info.misses, info.hits) == (1, 1)
