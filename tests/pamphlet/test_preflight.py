"""What the build verifies before typesetting: the bundled fonts and msgfmt's verdict."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pliego.errors import CatalogError
from pliego.pamphlet.build import build_language
from pliego.pamphlet.preflight import (
    FontError,
    font_problem,
    font_urls,
    msgfmt_errors,
    referenced_fonts,
    verify_fonts,
)
from pliego.pamphlet.typeset import READING, typeset
from pliego.project import read_settings
from tests.buildkit import fill, make_project
from tests.conftest import REPO, SMALL_ARTICLE, Runner
from tests.pamphlet.test_release import PAMPHLET_ES, SPANISH, _from

REGULAR = "styles/fonts/CharisSIL-Regular.ttf"
ES = "locale/es/LC_MESSAGES/small.po"
PLURAL = 'nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? "\n"1 : 2);'


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj", text=SMALL_ARTICLE)


def _check(data: bytes) -> str | None:
    return font_problem(io.BytesIO(data), len(data))


def test_font_sanity_check() -> None:
    good = (REPO / REGULAR).read_bytes()
    assert _check(good) is None
    assert _check(b"") == "the file is empty"
    assert _check(b"<html>not a font</html>") == "the file is not a TrueType or OpenType font"
    assert "truncated" in (_check(good[:50_000]) or "")
    assert _check(good[:12] + b"\0" * 100) == "the font's table directory is broken"
    assert _check(b"wOFF" + b"\0" * 4 + (999).to_bytes(4, "big")) == "the WOFF file is truncated"


def test_the_pamphlet_css_names_four_bundled_fonts(small: Path) -> None:
    css = (
        '/* @font-face { src: url("gone.ttf") } */ @font-face { src: url(a.ttf), '
        "url('b.woff') format('woff') } p { background: url(x.png) }"
    )
    assert font_urls(css) == ("a.ttf", "b.woff")
    fonts = referenced_fonts(read_settings(small))
    assert sorted(p.name for p in fonts) == [
        "CharisSIL-Bold.ttf",
        "CharisSIL-BoldItalic.ttf",
        "CharisSIL-Italic.ttf",
        "CharisSIL-Regular.ttf",
    ]
    verify_fonts(read_settings(small))


@pytest.mark.parametrize("damage", [b"", b"garbage" * 100, None])
def test_a_broken_bundled_font_stops_the_build(
    small: Path, invoke: Runner, damage: bytes | None
) -> None:
    font = small / REGULAR
    font.write_bytes(font.read_bytes()[:80_000] if damage is None else damage)
    r = invoke(small, "build", "--lang", "en", "--force", "--editions", "reading")
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stderr.startswith(f"error: {REGULAR}: ") and r.stderr.count("\n") == 1, r.stderr
    assert f"git checkout -- {REGULAR}" in r.stderr
    assert not (small / "build" / "en" / "small.pdf").exists()
    with pytest.raises(FontError):  # the Python API (the site's publish) refuses too
        build_language(read_settings(small), "en", force=True, editions=["reading"])


def test_weasyprint_font_failures_are_collected(tmp_path: Path) -> None:
    (tmp_path / "bad.ttf").write_bytes(b"\0\1\0\0" + b"\xff" * 3000)
    html = (
        '<html lang="en"><head><title>t</title><style>@font-face { font-family: X; '
        "src: url(bad.ttf) } body { font-family: X }</style></head><body><p>Hi</p>"
        "</body></html>"
    )
    made = typeset(html, tmp_path, READING, identifier="t", fetcher_root=tmp_path)
    assert made.font_failures == ("Font-face 'X' cannot be loaded",)
    (tmp_path / "ok.ttf").write_bytes((REPO / REGULAR).read_bytes())
    made = typeset(
        html.replace("bad.ttf", "ok.ttf"), tmp_path, READING, identifier="t", fetcher_root=tmp_path
    )
    assert made.font_failures == ()


def _translated(root: Path) -> None:
    fill(root, "es", "small", _from(SPANISH))  # type: ignore[arg-type]
    fill(root, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]


def _break_plural_header(root: Path) -> None:
    po = root / ES
    text = po.read_text(encoding="utf-8")
    assert PLURAL in text
    po.write_text(text.replace(PLURAL, "nplurals=1; plural=(n != 1);"), encoding="utf-8")


def test_a_release_refuses_what_msgfmt_rejects(small: Path, invoke: Runner) -> None:
    _translated(small)
    _break_plural_header(small)
    r = invoke(small, "build", "--lang", "es", "--editions", "reading")
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stderr.startswith(f"error: es: {ES}:") and r.stderr.count("\n") == 1, r.stderr
    assert "msgfmt --check rejects the catalogue: nplurals = 1 but plural expression" in r.stderr
    assert "/tmp" not in r.stderr and not (small / "build" / "es" / "small.pdf").exists()
    with pytest.raises(CatalogError, match=f"^{ES}:"):
        build_language(read_settings(small), "es", editions=["reading"])


def test_a_draft_builds_and_notes_what_msgfmt_rejects(small: Path, invoke: Runner) -> None:
    _translated(small)
    _break_plural_header(small)
    r = invoke(small, "build", "--lang", "es", "--draft", "--editions", "reading")
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"note: {ES}:" in r.stdout and "msgfmt --check rejects" in r.stdout
    assert (small / "build" / "es" / "small-draft.pdf").exists()


def test_a_release_needs_msgfmt(small: Path, invoke: Runner) -> None:
    _translated(small)
    r = invoke(
        small, "build", "--lang", "es", "--editions", "reading", env={"PATH": "/nonexistent"}
    )
    assert r.returncode == 1
    assert "GNU msgfmt is not installed" in r.stderr and "apt-get install gettext" in r.stderr


def test_msgfmt_output_keeps_errors_only() -> None:
    out = (
        "small.po:4: nplurals = 1 but plural expression can produce values as large as 1\n"
        "small.po:9: warning: header field 'Language' missing\n"
        "/usr/bin/msgfmt: found 1 fatal error\n"
    )
    assert msgfmt_errors(out) == (
        "small.po:4: nplurals = 1 but plural expression can produce values as large as 1",
    )


def test_errors_from_the_workers_name_files_relative_to_the_project(
    small: Path, invoke: Runner
) -> None:
    with (small / ES).open("a", encoding="utf-8") as po:
        po.write('\nmsgid "x"\n')
    r = invoke(small, "build", "--lang", "es", "--draft", "--editions", "reading")
    assert r.returncode == 1
    assert r.stderr.startswith(f"error: es: {ES}:") and r.stderr.count("\n") == 1, r.stderr
    assert "an entry has a msgid but no msgstr" in r.stderr and str(small) not in r.stderr


def _flavours() -> dict[str, bytes]:
    """Charis cut down to three letters, as WOFF, WOFF2 and a two-font collection."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTCollection, TTFont

    def small(flavor: str | None) -> TTFont:
        font = TTFont(REPO / REGULAR)
        subsetter = Subsetter(Options())
        subsetter.populate(text="Hi!")
        subsetter.subset(font)
        font.flavor = flavor
        return font

    def saved(font: TTFont | TTCollection) -> bytes:
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()

    collection = TTCollection()
    collection.fonts = [small(None), small(None)]
    return {"woff": saved(small("woff")), "woff2": saved(small("woff2")), "ttc": saved(collection)}


def test_the_font_check_reads_woff_woff2_and_collections() -> None:
    fonts = _flavours()
    assert {kind: _check(data) for kind, data in fonts.items()} == dict.fromkeys(fonts)
    woff, woff2, ttc = fonts["woff"], fonts["woff2"], fonts["ttc"]
    assert _check(woff[: len(woff) - 100]) == "the WOFF file is truncated"
    assert _check(woff2[:40]) == "the WOFF file is truncated"
    assert _check(woff2[:60] + b"\xff" * 2000) == "the WOFF file is damaged"
    assert _check(ttc[:8]) == "the file is truncated"
    assert "table is cut off" in (_check(ttc[: len(ttc) // 2]) or "")
    assert _check(woff.replace(b"cmap", b"xmap", 1)) == "the font has no cmap table"
