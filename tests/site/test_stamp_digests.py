"""The site's stamp after a change: only what changed is read again to record it.

A publish after one changed pamphlet used to digest every input (every PDF of
every language) and every file of ``build/site/`` once more to write its stamp,
work that grew with the whole site; now the digests the last stamp could trust,
and those of the bytes the publish just wrote, are recorded as they are.  The
stamp must still hold every file's true digest: the next no-op trusts it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import pliego.site.stamp
from pliego.project import read_settings
from pliego.site.publish import publish
from pliego.site.stamp import stamp_path
from tests.site.test_stamp import ENV, age_everything
from tests.sitekit import add_many, add_pamphlet, add_site_templates


@pytest.fixture(scope="session")
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stamp-digest-pdfs")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_publish_after_one_change_digests_only_what_changed(
    project: Path, pdf_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_site_templates(project)
    add_many(project, pdf_cache, {"en": 6, "es": 4})
    settings = read_settings(project)
    publish(settings, build=False, env=ENV)
    age_everything(project)
    publish(settings, build=False, env=ENV)  # restamped with stats old enough to trust
    add_pamphlet(
        project, "es", "a02", title="Pamphlet 2 (es)", date="2020-02", pages=3, cache_dir=pdf_cache
    )
    hashed: list[Path] = []
    real = pliego.site.stamp._sha256

    def counted(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(pliego.site.stamp, "_sha256", counted)
    r = publish(settings, build=False, env=ENV)
    assert "es/a02.pdf" in r.written and "en/a01.pdf" not in r.written
    site, build = project / "build" / "site", project / "build"
    assert project / "build" / "es" / "a02.pdf" in hashed  # new bytes: read
    assert not [p for p in hashed if p.is_relative_to(site)]  # its own bytes: known
    assert not [p for p in hashed if p.is_relative_to(build / "en")]  # unchanged: trusted

    data = json.loads(stamp_path(settings).read_bytes())
    for key, row in data["inputs"].items():
        if row is not None and row[2]:
            assert row[2] == _sha256(project / key), key
    for key, row in data["outputs"].items():
        if row[2]:
            assert row[2] == _sha256(site / key), key
    assert publish(settings, build=False, env=ENV).written == ()
