"""How often one prefill run parses a catalogue: once to find the work, and again only
where the file changed (the copies written first, each save under the lock), because
parsing is most of a small run's own time beside the engine's answers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pliego.gettext import po
from pliego.gettext.catalog import Catalog
from pliego.prefill.run import prefill_language
from pliego.project import read_settings
from tests.mtservers import serving
from tests.prefill.test_rules import prepare


def _project(root: Path, body: str) -> Path:
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[tool.pliego]\nlanguages = ["es"]\n\n[tool.pliego.prefill]\nes = ["memory"]\n', "utf-8"
    )
    (root / "source" / "a.md").write_text(f"---\ntitle: A\n---\n\n{body}\n", "utf-8")
    return root


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    seen: Counter[str] = Counter()
    real = po.read_po

    def counted(data: bytes, name: str = "<catalogue>") -> Catalog:
        seen[Path(name).name] += 1
        return real(data, name)

    monkeypatch.setattr(po, "read_po", counted)
    return seen


def test_the_memory_engine_reuses_the_catalogue_read_to_find_the_work(
    tmp_path: Path, parses: Counter[str]
) -> None:
    settings = prepare(_project(tmp_path / "p", "The workers march.\n\nThe road is closed."))
    parses.clear()
    done = prefill_language(settings, "es")
    assert done.total_filled == 0 and done.copied == 0  # an empty memory answers nothing
    assert parses["a.po"] == 1


def test_a_catalogue_the_copies_changed_is_read_again_for_the_memory(
    tmp_path: Path, parses: Counter[str]
) -> None:
    settings = prepare(_project(tmp_path / "p", "The workers march.\n\n1917"))
    parses.clear()
    done = prefill_language(read_settings(settings.root), "es")
    assert done.copied == 1
    # found the work; under the lock before writing the copy; the memory's own read
    assert parses["a.po"] == 3


def test_a_save_parses_the_file_once_under_the_lock(tmp_path: Path, parses: Counter[str]) -> None:
    root = _project(tmp_path / "p", "The workers march.\n\nThe road is closed.")
    text = (root / "pyproject.toml").read_text("utf-8")
    (root / "pyproject.toml").write_text(text + "save-every = 3600\n", "utf-8")
    settings = prepare(root)
    parses.clear()
    with serving("google") as server:
        done = prefill_language(
            settings, "es", engines=["google"], env={"PLIEGO_GOOGLE_URL": server.url}
        )
    assert done.total_filled == 3 and server.count == 3
    # found the work; the one save at the end, which also tells whether anything changed
    assert parses["a.po"] == 2
