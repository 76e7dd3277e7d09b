"""The site's stamp: a no-op publish answered without rendering, and never wrongly.

Every test publishes once for real, then changes something (or nothing) and
checks that the second publish does exactly the work that change needs: none
for a no-op or a touched file, the full site for changed bytes, and only the
changed PDFs measured.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pliego.site.assemble
from pliego.files import RACY_NS
from pliego.pamphlet.sidecar import Sidecar
from pliego.project import read_settings
from pliego.site.publish import publish
from pliego.site.stamp import stamp_path
from tests.sitekit import REPO, add_pamphlet, add_site_templates

ENV = {"SOURCE_DATE_EPOCH": "1675900800"}
HEAVY = ("weasyprint", "jinja2", "pypdf", "pypdfium2", "markdown_it", "PIL", "polib", "rich")


@pytest.fixture(scope="session")
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stamp-pdfs")


@pytest.fixture
def site_project(project: Path, pdf_cache: Path) -> Path:
    add_site_templates(project)
    add_pamphlet(project, "en", title="Peru", cache_dir=pdf_cache)
    add_pamphlet(project, "es", title="Perú", translator="Equipo", cache_dir=pdf_cache)
    return project


def site_times(root: Path) -> dict[str, int]:
    site = root / "build" / "site"
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")}


def age(path: Path, seconds: float = 10) -> None:
    """Set ``path`` back in time, as a file written long before the stamp is."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


def age_everything(root: Path) -> None:
    """Every input and output older than the stamp's racy window, and the stamp's
    times too, so the next publish may trust stats (as it would minutes later)."""
    for p in [*(root / "build").rglob("*"), *(root / "styles").rglob("*"), root / "pyproject.toml"]:
        if p.is_file() and p != stamp_path(read_settings(root)):
            age(p, 3 * RACY_NS / 1e9)


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count pypdf page counts and cover renders in the publish that follows."""
    calls = {"pages": 0, "covers": 0}
    count, cover = pliego.site.assemble.count_pages, pliego.site.assemble.render_cover

    def count_pages(data: bytes) -> int:
        calls["pages"] += 1
        return count(data)

    def render_cover(data: bytes) -> tuple[bytes, int, int]:
        calls["covers"] += 1
        return cover(data)

    monkeypatch.setattr(pliego.site.assemble, "count_pages", count_pages)
    monkeypatch.setattr(pliego.site.assemble, "render_cover", render_cover)
    return calls


def test_a_no_op_says_what_the_full_publish_said(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = read_settings(site_project)
    first = publish(settings, build=False, env=ENV)
    times = site_times(site_project)
    calls = counting(monkeypatch)
    second = publish(settings, build=False, env=ENV)
    assert calls == {"pages": 0, "covers": 0}
    assert second.written == () and second.removed == ()
    assert (second.model, second.pages, second.files, second.notes) == (
        first.model,
        first.pages,
        first.files,
        first.notes,
    )
    assert site_times(site_project) == times


def test_a_no_op_imports_nothing_heavy(site_project: Path) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from pliego.project import read_settings\n"
        "from pliego.site.publish import publish\n"
        f"r = publish(read_settings(Path({str(site_project)!r})), build=False, env={ENV!r})\n"
        "print(len(r.written)); print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert first.stdout.splitlines()[0] != "0"
    assert "jinja2" in first.stdout.split()  # the check below can fail
    second = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    written, modules = second.stdout.splitlines()
    assert written == "0"
    loaded = set(modules.split())
    assert not [m for m in HEAVY if m in loaded]


def test_a_touched_file_writes_nothing(site_project: Path) -> None:
    """A rebuild that changed only a timestamp (or a checkout, a touch) is still a no-op."""
    settings = read_settings(site_project)
    publish(settings, build=False, env=ENV)
    times = site_times(site_project)
    for p in [
        *(site_project / "build" / "es").iterdir(),
        site_project / "build" / "site" / "index.html",
    ]:
        os.utime(p)
    second = publish(settings, build=False, env=ENV)
    assert second.written == () and second.removed == ()
    assert {k: v for k, v in site_times(site_project).items() if k != "index.html"} == {
        k: v for k, v in times.items() if k != "index.html"
    }


def test_changed_bytes_of_the_same_size_are_seen(site_project: Path) -> None:
    """Within the racy window a same-size rewrite keeps the stat the stamp saw: the
    bytes are compared, and a changed translation renders the site again."""
    settings = read_settings(site_project)
    publish(settings, build=False, env=ENV)
    index = site_project / "build" / "site" / "index.html"
    good = index.read_bytes()
    st = index.stat()
    index.write_bytes(good.replace(b"<html", b"<HTML", 1))
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and mtime
    again = publish(settings, build=False, env=ENV)
    assert again.written == ("index.html",) and index.read_bytes() == good

    po = site_project / "locale" / "es" / "LC_MESSAGES" / "site.po"
    text = po.read_text("utf-8")
    po.write_text(text.replace('"Saltar a los folletos"', '"Ir a los folletos"'), "utf-8")
    assert publish(settings, build=False, env=ENV).written == (
        "SHA256SUMS",
        "es/index.html",
        "manifest.json",
    )
    assert (
        b"Ir a los folletos" in (site_project / "build" / "site" / "es" / "index.html").read_bytes()
    )
    stray = site_project / "build" / "site" / "stray.txt"
    stray.write_text("x")
    assert publish(settings, build=False, env=ENV).removed == ("stray.txt",)


def test_an_old_file_is_trusted_by_its_stat_but_a_new_stat_is_read(site_project: Path) -> None:
    settings = read_settings(site_project)
    publish(settings, build=False, env=ENV)
    data = json.loads(stamp_path(settings).read_bytes())
    age_everything(site_project)
    publish(settings, build=False, env=ENV)  # digests, finds the bytes unchanged, restamps
    restamped = json.loads(stamp_path(settings).read_bytes())
    assert restamped["read_ns"] > data["read_ns"]
    pdf = "build/es/small.pdf"
    assert restamped["inputs"][pdf][1] < data["inputs"][pdf][1]  # the stat seen now
    assert restamped["inputs"][pdf][2] == data["inputs"][pdf][2]  # the same bytes


def test_only_the_changed_pdfs_are_measured(
    site_project: Path, pdf_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = read_settings(site_project)
    publish(settings, build=False, env=ENV)
    add_pamphlet(
        site_project, "es", title="Perú", pages=3, translator="Equipo", cache_dir=pdf_cache
    )
    calls = counting(monkeypatch)
    r = publish(settings, build=False, env=ENV)
    # The reading and print editions have new bytes; the booklet (2 pages either way) not.
    assert calls == {"pages": 2, "covers": 1}
    assert "es/small.pdf" in r.written and "small.pdf" not in r.written
    assert [e.pages for e in r.model.groups[1].pamphlets[0].editions] == [3, 2, 3]


def test_a_cover_altered_in_the_site_is_rendered_again(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = read_settings(site_project)
    publish(settings, build=False, env=ENV)
    cover = next((site_project / "build" / "site" / "es").glob("*-cover.png"))
    good = cover.read_bytes()
    cover.write_bytes(b"not a png")
    calls = counting(monkeypatch)
    r = publish(settings, build=False, env=ENV)
    assert calls == {"pages": 0, "covers": 1}
    assert r.written == (cover.relative_to(site_project / "build" / "site").as_posix(),)
    assert cover.read_bytes() == good


def test_other_settings_are_other_sites(site_project: Path) -> None:
    settings = read_settings(site_project)
    publish(settings, build=False, env=ENV)
    assert publish(settings, build=False, env={"SOURCE_DATE_EPOCH": "1700000000"}).written
    stamp_path(settings).write_text("{not json")
    assert publish(settings, build=False, env={"SOURCE_DATE_EPOCH": "1700000000"}).written == ()


def test_only_the_changed_read_online_page_is_rendered(
    project: Path, pdf_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_site_templates(project)
    for lang, slug in (("en", "one"), ("es", "one"), ("en", "two")):
        text = f"---\ntitle: {slug} {lang}\n---\n\nA paragraph of {slug} in {lang}.\n"
        add_pamphlet(
            project, lang, slug, title=f"{slug} {lang}", cache_dir=pdf_cache, markdown=text
        )
    settings = read_settings(project)
    publish(settings, build=False, env=ENV)
    rendered: list[str] = []
    real = pliego.site.assemble.online_text

    def online_text(s: object, sidecar: Sidecar) -> object:
        rendered.append(f"{sidecar.lang}/{sidecar.slug}")
        return real(s, sidecar)  # type: ignore[arg-type]

    monkeypatch.setattr(pliego.site.assemble, "online_text", online_text)
    md = project / "build" / "es" / "one.md"
    md.write_text(md.read_text("utf-8").replace("A paragraph", "Un párrafo"), "utf-8")
    r = publish(settings, build=False, env=ENV)
    assert rendered == ["es/one"] and "es/one.html" in r.written
    assert "Un párrafo" in (project / "build" / "site" / "es" / "one.html").read_text("utf-8")
    po = project / "locale" / "es" / "LC_MESSAGES" / "site.po"  # every Spanish page's words
    po.write_text(po.read_text("utf-8").replace('"Borrador"', '"Borrador."'), "utf-8")
    rendered.clear()
    publish(settings, build=False, env=ENV)
    assert rendered == ["es/one"]
    # What was kept is what a publish from scratch renders.
    kept = {p: p.read_bytes() for p in (project / "build" / "site").rglob("*") if p.is_file()}
    shutil.rmtree(project / "build" / "site")
    stamp_path(settings).unlink()
    publish(settings, build=False, env=ENV)
    fresh = {p: p.read_bytes() for p in (project / "build" / "site").rglob("*") if p.is_file()}
    assert fresh == kept


def test_a_no_op_names_the_languages_from_the_stamp_and_a_renamed_one_rebuilds(
    site_project: Path,
) -> None:
    """The names CLDR gave are kept in the stamp (loading locale data is most of a
    no-op's own work); the settings that decide a name are an input like any other."""
    settings = read_settings(site_project)
    first = publish(settings, build=False, env=ENV)
    assert {g.lang: g.name for g in first.model.groups} == {"en": "English", "es": "español"}
    path = stamp_path(settings)
    data = json.loads(path.read_text("utf-8"))
    assert data["names"] == {"en": "English", "es": "español"}
    data["names"]["es"] = "castellano (from the stamp)"
    path.write_text(json.dumps(data), "utf-8")
    noop = publish(settings, build=False, env=ENV)
    assert noop.written == ()
    assert [g.name for g in noop.model.groups] == ["English", "castellano (from the stamp)"]
    pyproject = site_project / "pyproject.toml"
    text = pyproject.read_text("utf-8").replace('languages = ["es", "qu"]\n', "")
    pyproject.write_text(
        text + '\n[tool.pliego.languages.es]\nname = "Castellano"\n\n[tool.pliego.languages.qu]\n',
        "utf-8",
    )
    renamed = publish(read_settings(site_project), build=False, env=ENV)
    assert renamed.written and [g.name for g in renamed.model.groups] == ["English", "Castellano"]
    assert "Castellano" in (site_project / "build" / "site" / "index.html").read_text("utf-8")
