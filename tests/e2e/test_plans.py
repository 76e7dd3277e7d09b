"""Issue 13's acceptance: a second article, planned in Spanish only, through every task.

The shipped project (the Peru article, complete in ``es`` and ``qu``) gets the
union leaflet (``tests/data/union-leaflet.md``) as its second article with
``languages: [es]``, translated from ``union-leaflet.es.po``.  It goes through
extract -> update -> prefill -> check -> build -> publish exactly as an editor
would type them; Quechua is not planned for it, so nothing may ask for it, and
the Quechua page of the site says it is not yet in Runasimi.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.buildkit import LEAFLET, spanish_leaflet
from tests.conftest import REPO, run_invoke

SLUG = LEAFLET.stem
PERU = "peru-masses-deepen-resistance"


def _two_articles(root: Path) -> Path:
    """A copy of the shipped project with the leaflet beside its article, planned in es."""
    root.mkdir(parents=True)
    for name in ("tasks.py", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    for folder in ("source", "locale", "styles"):
        shutil.copytree(REPO / folder, root / folder)
    text = LEAFLET.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    (root / "source" / LEAFLET.name).write_text(
        "---\nlanguages: [es]\n" + text.removeprefix("---\n"), encoding="utf-8"
    )
    shutil.copytree(LEAFLET.with_suffix(""), root / "source" / SLUG)
    return root


def _ok(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = run_invoke(root, *args, timeout=900)
    assert done.returncode == 0, f"invoke {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every task's output, in the order an editor runs them."""
    root = _two_articles(tmp_path_factory.mktemp("plans") / "proj")
    out = {"root": str(root)}
    out["extract"] = _ok(root, "extract").stdout
    out["update"] = _ok(root, "update").stdout
    spanish_leaflet(root)  # the translator's work: every entry translated and reviewed
    out["prefill"] = _ok(root, "prefill").stdout
    out["check"] = _ok(root, "check").stdout
    out["status"] = _ok(root, "status", "--fail-under", "100").stdout
    out["build"] = _ok(root, "build", "--lang", "all").stdout
    out["publish"] = _ok(root, "publish").stdout
    return out


def test_update_creates_no_catalogue_for_the_unplanned_language(steps: dict[str, str]) -> None:
    root = Path(steps["root"])
    assert f"locale/{SLUG}.pot: " in steps["extract"]
    assert (root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po").is_file()
    assert not (root / "locale" / "qu" / "LC_MESSAGES" / f"{SLUG}.po").exists()
    assert (
        f"qu/{SLUG}: not planned (languages: [es] in source/{SLUG}.md): no catalogue created"
        in steps["update"]
    )
    assert f"locale/qu/LC_MESSAGES/{PERU}.po (unchanged)" in steps["update"]


def test_prefill_check_and_status_pass_over_it(steps: dict[str, str]) -> None:
    assert "qu (" in steps["prefill"] and "0 failed" in steps["prefill"]
    assert f"qu/{SLUG}" not in steps["check"]
    rows = [line for line in steps["status"].splitlines() if SLUG in line]
    assert any(" es " in row and "100.0" in row for row in rows), steps["status"]
    assert f"qu/{SLUG}: not planned" in steps["status"]
    assert not any(" qu " in row for row in rows if "not planned" not in row)


def test_build_all_exits_0_and_says_what_was_built_and_skipped(steps: dict[str, str]) -> None:
    root = Path(steps["root"])
    for lang, slug in (("en", PERU), ("en", SLUG), ("es", PERU), ("es", SLUG), ("qu", PERU)):
        assert (root / "build" / lang / f"{slug}.pdf").is_file(), (lang, slug)
        assert f"build/{lang}/{slug}.pdf: " in steps["build"]
    assert not (root / "build" / "qu" / f"{SLUG}.pdf").exists()
    skipped = f"qu/{SLUG}: skipped: not planned (languages: [es] in source/{SLUG}.md)"
    assert skipped in steps["build"]
    assert "refused" not in steps["build"]


def test_the_quechua_page_says_the_leaflet_is_not_yet_in_runasimi(steps: dict[str, str]) -> None:
    site = Path(steps["root"]) / "build" / "site"
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    listed = {(p["lang"], p["slug"]) for p in manifest["pamphlets"]}
    assert listed == {("en", PERU), ("en", SLUG), ("es", PERU), ("es", SLUG), ("qu", PERU)}
    qu = (site / "qu" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="h-missing">Manaraq Runasimipi</h2>' in qu
    missing = qu[qu.index('id="h-missing"') :]
    missing = missing[: missing.index("</section>")]
    assert "Cleaners and porters walk out at Riverside Hospital" in missing
    assert f'href="#en-{SLUG}"' in missing and f'href="#es-{SLUG}"' in missing
    # Its own pamphlet comes first, before the notice and the other languages.
    assert qu.index('id="lang-qu"') < qu.index('id="h-missing"') < qu.index('id="lang-en"')
    es = (site / "es" / "index.html").read_text(encoding="utf-8")
    assert es.index('id="lang-es"') < es.index('id="lang-en"') and "h-missing" not in es
    assert "keeps the release built earlier" not in steps["publish"]
