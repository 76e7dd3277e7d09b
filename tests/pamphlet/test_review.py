"""The review proof (``invoke build --lang qu --review``): units in order, findable again."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.glossary import parse_glossary
from pliego.gettext.po import load_catalog
from pliego.pamphlet.review import (
    FUZZY,
    REVIEWED,
    UNTRANSLATED,
    fingerprint,
    msgid_line,
    render_review,
    review_units,
    write_review,
)
from pliego.paths import po_path, relative
from pliego.project import read_settings
from tests.buildkit import (
    LEAFLET,
    fill,
    flat_text,
    make_project,
    pdf_text,
    pdfinfo,
    spanish_leaflet,
)
from tests.conftest import REPO, run_invoke

SHIPPED = "peru-masses-deepen-resistance"
EPOCH = 1675900800


def test_fingerprint_names_the_english_not_the_place() -> None:
    assert fingerprint("Strike!") == fingerprint("Strike!")
    assert re.fullmatch(r"[0-9a-f]{8}", fingerprint("Strike!"))
    assert fingerprint("Strike!") != fingerprint("Strike!", "heading")
    assert fingerprint("Strike!") != fingerprint("Strike")


def test_msgid_line_skips_the_comments() -> None:
    lines = ["", "#. paragraph", "#: source/a.md:3", "#, fuzzy", 'msgid "x"', 'msgstr ""']
    assert msgid_line(lines, 2) == 5
    assert msgid_line(['#~ msgid "gone"'], 1) == 1
    assert msgid_line(["# nothing"], 1) == 1  # not found: where the entry starts


def test_units_are_in_order_with_state_and_glossary() -> None:
    catalog = Catalog(
        messages=(
            Message("", "Content-Type: text/plain; charset=UTF-8\n"),
            Message(
                "The CGTP calls a strike.",
                "La CGTP convoca una huelga.",
                lineno=3,
                auto_comments=("paragraph",),
            ),
            Message("Peasants march.", "Marchan los campesinos.", flags=("fuzzy",), lineno=8),
            Message("Workers win.", lineno=12),
            Message("Old text", "Texto viejo", obsolete=True, lineno=16),
        )
    )
    lines = ["x"] * 20
    lines[3], lines[8], lines[12] = 'msgid "a"', 'msgid "b"', 'msgid "c"'
    glossary = parse_glossary(
        "en,es,qu,do_not_translate,note\nCGTP,,,yes,\nstrike,huelga|paro,,,\npeasant,campesino,,,\n"
    )
    units = review_units(catalog, "locale/es/LC_MESSAGES/a.po", lines, glossary, "es")
    assert [u.number for u in units] == [1, 2, 3]
    assert [u.where for u in units] == [
        "locale/es/LC_MESSAGES/a.po:4",
        "locale/es/LC_MESSAGES/a.po:9",
        "locale/es/LC_MESSAGES/a.po:13",
    ]
    assert [u.state for u in units] == [REVIEWED, FUZZY, UNTRANSLATED]
    assert units[0].kind == "paragraph"
    assert units[0].terms == (("CGTP", "unchanged"), ("strike", "huelga / paro"))
    assert units[1].terms == ()  # "Peasants" is not the word "peasant"
    assert units[2].translation == ""


def test_translator_text_stays_text() -> None:
    hostile = '<script>alert(1)</script><img src="file:///etc/passwd">'
    units = review_units(
        Catalog(messages=(Message("Hello", hostile, lineno=1),)), "x.po", ['msgid "Hello"']
    )
    html = render_review(
        REPO / "styles" / "review",
        units,
        title=hostile,
        lang="qu",
        where="x.po",
        contact=hostile,
        epoch=EPOCH,
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.fixture
def quechua(tmp_path: Path) -> Path:
    """The shipped article and its Quechua catalogue, copied (never written in place)."""
    root = make_project(tmp_path / "p", article=REPO / "source" / f"{SHIPPED}.md")
    shutil.copy(
        REPO / "locale" / "qu" / "LC_MESSAGES" / f"{SHIPPED}.po",
        po_path(read_settings(root), "qu", SHIPPED),
    )
    shutil.copy(REPO / "locale" / "glossary.csv", root / "locale" / "glossary.csv")
    return root


def test_shipped_quechua_proof_has_every_unit_in_order(quechua: Path) -> None:
    settings = read_settings(quechua)
    out = write_review(settings, "qu", SHIPPED, epoch=EPOCH, contact="review@example.org")
    assert out == quechua / "build" / "qu" / f"{SHIPPED}-review.pdf"
    info = pdfinfo(out)
    assert info["Page size"].startswith("595.") and "841.8" in info["Page size"]  # A4 portrait
    text = flat_text(out)
    ordered = " ".join(pdf_text(out, raw=True).split())  # content-stream order
    path = po_path(settings, "qu", SHIPPED)
    catalog = load_catalog(path)
    units = review_units(catalog, relative(settings, path), path.read_text("utf-8").splitlines())
    assert len(units) == 51
    position = 0
    for u in units:
        found = ordered.find(f"{u.number} {u.where} #{u.fingerprint}", position)
        assert found > position, f"unit {u.number} ({u.where}) missing or out of order"
        position = found
        # Both languages' text: the first and the last words of each side.
        for side in (u.source, u.translation):
            words = re.findall(r"[^\W\d_]{4,}", side)
            assert words[0] in text and words[-1] in text, (u.number, words[0], words[-1])
    assert "review@example.org" in text
    assert "Runasimi" in text
    assert "Glossary: " in text and "atiy qichuq" in text


def test_fuzzy_and_untranslated_are_marked(tmp_path: Path) -> None:
    root = spanish_leaflet(make_project(tmp_path / "p", article=LEAFLET))
    entries = [m for m in load_catalog(po_path(read_settings(root), "es", LEAFLET.stem)).active]
    fuzzy, empty = entries[3].msgid, entries[5].msgid

    def mark(m: Message) -> Message | None:
        if m.msgid == fuzzy:
            return replace(m, flags=("fuzzy",))
        if m.msgid == empty:
            return replace(m, msgstr="")
        return None

    fill(root, "es", LEAFLET.stem, mark)
    r = run_invoke(root, "build", "--lang", "es", "--review")
    assert r.returncode == 0, r.stderr
    out = root / "build" / "es" / f"{LEAFLET.stem}-review.pdf"
    assert f"build/es/{LEAFLET.stem}-review.pdf" in r.stdout
    text = " ".join(pdf_text(out, raw=True).split())  # content-stream order
    assert text.count("unreviewed") == 1 + 2  # the unit, plus the cover's count and legend
    assert text.count("not translated") == 1 + 2
    assert "(no translation)" in text
    assert not (root / "build" / "es" / f"{LEAFLET.stem}.pdf").exists()  # proofs only
    before = out.stat().st_mtime_ns
    again = run_invoke(root, "build", "--lang", "es", "--review")
    assert again.returncode == 0 and out.stat().st_mtime_ns == before  # unchanged: not rewritten


def test_the_cover_asks_for_corrections_at_the_projects_contact(quechua: Path) -> None:
    toml = quechua / "pyproject.toml"
    text = toml.read_text(encoding="utf-8")
    assert "[tool.pliego.site]\n" in text
    toml.write_text(
        text.replace(
            "[tool.pliego.site]\n", '[tool.pliego.site]\ncontact = "runasimi@pliego.test"\n'
        ),
        encoding="utf-8",
    )
    out = write_review(read_settings(quechua), "qu", SHIPPED, epoch=EPOCH)
    assert "runasimi@pliego.test" in flat_text(out)
