"""How many requests prefill keeps in flight per online engine, and that a throttling
server refuses none of them at the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from pliego.errors import ConfigError
from pliego.extract import extract_article
from pliego.prefill.run import prefill_language
from pliego.prefill.settings import DEFAULT_WORKERS, ENGINE_WORKERS, read_options
from pliego.project import read_settings
from pliego.update import update_domain
from tests.mtservers import serving

#: Seconds the server takes per request: long enough that every worker's request is
#: in flight at once even on a loaded machine (each costs the client a few ms of CPU).
SLOW = 0.3


def _project(root: Path, prefill: str = "", paragraphs: int = 0) -> Path:
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        f'[tool.pliego]\nlanguages = ["qu"]\n\n[tool.pliego.prefill]\n{prefill}\n', "utf-8"
    )
    body = "\n\n".join(f"Paragraph {i}: the workers march on the road." for i in range(paragraphs))
    (root / "source" / "a.md").write_text(f"---\ntitle: A\n---\n\n{body}\n", "utf-8")
    return root


def test_an_engine_setting_wins_over_the_general_one_which_wins_over_the_default(
    tmp_path: Path,
) -> None:
    default = read_options(read_settings(_project(tmp_path / "d")))
    assert default.workers_for("google") == ENGINE_WORKERS["google"] == 16
    assert default.workers_for("mymemory") == DEFAULT_WORKERS == 8
    general = read_options(read_settings(_project(tmp_path / "g", "workers = 3")))
    assert general.workers_for("google") == general.workers_for("mymemory") == 3
    both = read_options(
        read_settings(_project(tmp_path / "b", "workers = 3\nmymemory-workers = 5"))
    )
    assert (both.workers_for("mymemory"), both.workers_for("google")) == (5, 3)


def test_an_engine_setting_out_of_range_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="google-workers must be a number from 1 to 64"):
        read_options(read_settings(_project(tmp_path / "p", "google-workers = 0")))


def test_a_server_that_throttles_beyond_16_refuses_no_request_at_the_defaults(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "p", paragraphs=60)
    settings = read_settings(root)
    extract_article(settings, root / "source" / "a.md")
    update_domain(settings, "qu", "a")
    with serving("google", delay=SLOW, capacity=16) as server:
        done = prefill_language(
            settings, "qu", engines=["google"], env={"PLIEGO_GOOGLE_URL": server.url}
        )
    assert done.total_filled == 61
    assert server.refused == 0
    assert 8 < server.max_concurrent <= 16, "the default keeps up to Google's 16 in flight"


def test_a_throttled_request_is_retried_and_still_filled(tmp_path: Path) -> None:
    root = _project(
        tmp_path / "p", "google-workers = 24\nbackoff = 0.01\nretries = 10", paragraphs=60
    )
    settings = read_settings(root)
    extract_article(settings, root / "source" / "a.md")
    update_domain(settings, "qu", "a")
    with serving("google", delay=SLOW, capacity=16) as server:
        done = prefill_language(
            settings, "qu", engines=["google"], env={"PLIEGO_GOOGLE_URL": server.url}
        )
    assert server.refused > 0, "24 workers against a capacity of 16 must be throttled"
    assert done.total_filled == 61
