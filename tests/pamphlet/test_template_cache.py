"""The pamphlet's compiled templates are kept under ``build/`` (Jinja2's bytecode
cache, :func:`pliego.pamphlet.document.template_environment`): a cached template
renders what a freshly compiled one does, and a changed template is compiled again."""

from __future__ import annotations

import shutil
from pathlib import Path

from pliego.pamphlet.document import template_cache, template_environment
from tests.conftest import REPO


def _render(folder: Path, cache: Path | None) -> str:
    env = template_environment(folder, cache)
    env.install_null_translations(newstyle=True)
    return str(env.get_template("page.html").render(name="Runasimi"))


def test_a_cached_template_renders_as_a_compiled_one_and_a_change_is_seen(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    page = folder / "page.html"
    page.write_text("{% if name %}\n  <p>{{ _('Hello') }} {{ name }}</p>\n{% endif %}\n")
    cache = template_cache(tmp_path / "build")
    fresh = _render(folder, None)
    assert _render(folder, cache) == fresh  # compiled, then written to the cache
    assert [p.suffix for p in cache.iterdir()] == [".jinja"]
    assert _render(folder, cache) == fresh == "  <p>Hello Runasimi</p>\n"  # from the cache
    page.write_text("<p>{{ name }}</p>\n")
    assert _render(folder, cache) == "<p>Runasimi</p>"  # its source changed: compiled again


def test_the_shipped_pamphlet_template_renders_alike_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "pamphlet"
    shutil.copytree(REPO / "styles" / "pamphlet", folder)
    cache = template_cache(tmp_path / "build")
    made = []
    for _ in range(2):  # compiled, then read from the cache
        env = template_environment(folder, cache)
        env.install_null_translations(newstyle=True)
        made.append(str(env.get_template("marks.html").module.image_left_out("x.png")))
        assert any(cache.iterdir())
    assert made[0] == made[1] and "x.png" in made[0]
