"""The tree digest behind every build stamp: what it lists and when it changes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pliego.pamphlet import stamp


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
