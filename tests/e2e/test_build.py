"""`invoke build` on the real article: the PDFs a distributor holds, read with poppler, pypdf."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pliego.extract import read_article
from pliego.gettext.catalog import Message
from pliego.project import read_settings
from tests.buildkit import (
    A5,
    boxes,
    fill,
    flat_text,
    fonts,
    make_project,
    pdf_text,
    pdfinfo,
    reader,
    size,
)
from tests.conftest import ARTICLE, _env, run_invoke
from tests.tagged import orphans, sequences

SLUG = ARTICLE.stem
EPOCH = "1675900800"  # 2023-02-09


def _invoke(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_invoke(root, *args, timeout=600)


def _spanish(m: Message) -> Message | None:
    if m.msgid == "Impasse":
        return replace_msgstr(m, "Impasse (revisado)")
    if m.msgid.startswith("The situation is explosive"):
        return replace_msgstr(m, "La situación es explosiva.", fuzzy=True)
    return None


def replace_msgstr(m: Message, text: str, fuzzy: bool = False) -> Message:
    from dataclasses import replace

    return replace(m, msgstr=text, flags=("fuzzy",) if fuzzy else ())


#: A real-looking download address: a release prints no placeholder (test_backcover.py).
SITE = "https://folletos.pliego.test/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article built once: English release (all editions), Spanish draft."""
    root = make_project(tmp_path_factory.mktemp("real") / "proj", article=ARTICLE, base_url=SITE)
    fill(root, "es", SLUG, _spanish, translator="Ana Quispe <ana@example.org>")
    en = _invoke(root, "build", "--lang", "en")
    assert en.returncode == 0, en.stdout + en.stderr
    es = _invoke(root, "build", "--lang", "es", "--draft")
    assert es.returncode == 0, es.stdout + es.stderr
    return root


def test_reading_edition_is_tagged_a5_with_metadata(built: Path) -> None:
    pdf = built / "build" / "en" / f"{SLUG}.pdf"
    for page in (1, 5):
        b = boxes(pdf, page)
        assert size(b["MediaBox"]) == A5 and size(b["TrimBox"]) == A5
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Peru: masses deepen resistance to usurpers"
    assert info["Author"] == "KD Tait"
    assert info["Subject"] == "A pamphlet in English"
    assert info["CreationDate"].startswith("Thu Feb  9 00:00:00 2023")
    r = reader(pdf)
    assert r.trailer["/Root"]["/Lang"] == "en"
    assert r.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b'pdfuaid:part="1"' in r.xmp_metadata.stream.get_data()  # type: ignore[union-attr]
    titles = [o.title for o in r.outline if not isinstance(o, list)]
    nested = [o.title for o in r.outline[1]] if len(r.outline) > 1 else []
    assert titles == ["Peru: masses deepen resistance to usurpers"]
    assert nested == [
        "A ruling class coup",
        "Failure of the ‘Pink Tide’",
        "Impasse",
        "From resistance to revolution",
    ]


@pytest.mark.parametrize("name", [f"en/{SLUG}.pdf", f"es/{SLUG}-draft.pdf"])
def test_page_furniture_is_artifact(built: Path, name: str) -> None:
    """PDF/UA (ISO 14289-1 §7.8): running heads, page numbers and the draft's
    watermark are Artifacts; everything else is reached from the structure root."""
    pdf = built / "build" / name
    assert orphans(pdf) == []
    pages = int(pdfinfo(pdf)["Pages"])
    per_page = [0] * pages
    for s in sequences(pdf):
        per_page[s.page] += s.tag == "/Artifact" and s.kind == "/Pagination"
    watermark = name.endswith("-draft.pdf")
    # cover and colophon: no running head or page number; body pages: both
    assert per_page[1:-1] == [per_page[1]] * (pages - 2) and per_page[1] >= 2 + watermark
    if watermark:
        assert min(per_page) >= 1


def test_every_font_is_embedded(built: Path) -> None:
    for name in (f"{SLUG}.pdf", f"{SLUG}-print.pdf"):
        rows = fonts(built / "build" / "en" / name)
        assert rows, name
        for row in rows:
            assert "Charis" in row[0].split("+")[-1], row  # the bundled face, subset
            assert row[-5] == "yes", row  # the "emb" column


def test_every_unit_is_printed_in_order(built: Path) -> None:
    article = read_article(read_settings(built), built / "source" / ARTICLE.name)
    text = flat_text(built / "build" / "en" / f"{SLUG}.pdf")
    pos = 0
    for unit in article.units:
        words = unit.msgid.split()
        head, tail = " ".join(words[:4]), " ".join(words[-4:])
        found = text.find(head, pos)
        if found < 0:  # a page break (running head) inside the first words
            found = text.find(tail, pos)
        assert found >= 0, f"unit at line {unit.line} missing or out of order: {unit.msgid[:60]}"
        pos = found


def test_cover_and_colophon(built: Path) -> None:
    pdf = built / "build" / "en" / f"{SLUG}.pdf"
    cover = pdf_text(pdf, 1)
    assert "ENGLISH" in cover.upper() and "KD Tait" in cover and "February 2023" in cover
    pages = int(pdfinfo(pdf)["Pages"])
    back = pdf_text(pdf, pages)
    assert SITE in back and "Written in February 2023." in back
    assert "Translated from" not in back  # the English original is not a translation


def test_running_heads_and_page_numbers(built: Path) -> None:
    pdf = built / "build" / "en" / f"{SLUG}.pdf"
    second = pdf_text(pdf, 2).split("\n")
    assert second[0].strip() == "Peru: masses deepen resistance to usurpers"
    assert any(line.strip() == "2" for line in second[-4:])
    heads = [pdf_text(pdf, n).split("\n")[0].strip() for n in range(3, 9, 2)]
    assert set(heads) & {
        "A ruling class coup",
        "Failure of the ‘Pink Tide’",
        "Impasse",
        "From resistance to revolution",
    }


def test_running_head_names_the_section_the_page_begins_in(built: Path) -> None:
    """A section that starts near the foot of a right-hand page does not head it."""
    pdf = built / "build" / "en" / f"{SLUG}.pdf"
    sections = [
        "A ruling class coup",
        "Failure of the ‘Pink Tide’",
        "Impasse",
        "From resistance to revolution",
    ]
    title = "Peru: masses deepen resistance to usurpers"
    current = title
    checked = 0
    for n in range(2, 11):
        lines = [line.strip() for line in pdf_text(pdf, n).split("\n") if line.strip()]
        head, body = lines[0], lines[1:]
        if n % 2 == 1:  # right-hand pages carry the section
            starts_here = bool(body) and body[0] in sections
            assert head == (body[0] if starts_here else current), (n, head)
            checked += 1
        for line in body:
            if line in sections:
                current = line
    assert checked >= 4


def test_print_edition_has_bleed_and_trim(built: Path) -> None:
    pdf = built / "build" / "en" / f"{SLUG}-print.pdf"
    b = boxes(pdf)
    assert size(b["TrimBox"]) == A5
    bleed = 3 * 72 / 25.4
    assert size(b["BleedBox"]) == pytest.approx((A5[0] + 2 * bleed, A5[1] + 2 * bleed), abs=0.02)
    assert b["TrimBox"][0] - b["BleedBox"][0] == pytest.approx(bleed, abs=0.02)


def test_sidecar_contract(built: Path) -> None:
    data = json.loads((built / "build" / "en" / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert list(data) == [
        "slug",
        "lang",
        "title",
        "subtitle",
        "author",
        "date",
        "translator",
        "description",
        "draft",
        "editions",
        "markdown",
        "english",
    ]
    assert data["subtitle"] is None and data["description"] is None  # the article has neither
    assert data["markdown"] == f"{SLUG}.md" and data["english"] == []
    assert (built / "build" / "en" / f"{SLUG}.md").is_file()
    assert (data["slug"], data["lang"], data["date"], data["draft"]) == (
        SLUG,
        "en",
        "2023-02",
        False,
    )
    kinds = {e["kind"]: e for e in data["editions"]}
    assert kinds["reading"]["file"] == f"{SLUG}.pdf" and kinds["reading"]["paper"] == "A5"
    assert kinds["print"]["paper"] == "A5+bleed"
    for e in data["editions"]:
        assert len(reader(built / "build" / "en" / e["file"]).pages) == e["pages"]
    draft = json.loads((built / "build" / "es" / f"{SLUG}-draft.json").read_text("utf-8"))
    assert draft["draft"] is True and draft["translator"] == "Ana Quispe"
    assert {e["file"] for e in draft["editions"]} >= {
        f"{SLUG}-draft.pdf",
        f"{SLUG}-draft-print.pdf",
    }


def test_the_site_accepts_our_sidecars(built: Path) -> None:
    from pliego.pamphlet.sidecar import find_sidecars

    found = find_sidecars(read_settings(built), ["en", "es"], drafts=True)
    assert {(s.lang, s.draft) for s in found} == {("en", False), ("es", True)}
    en = next(s for s in found if s.lang == "en")
    assert [e.kind for e in en.editions] == ["reading", "booklet", "print"]


def test_draft_is_marked_on_every_page_and_release_is_not(built: Path) -> None:
    draft = built / "build" / "es" / f"{SLUG}-draft.pdf"
    for n in range(1, int(pdfinfo(draft)["Pages"]) + 1):
        assert "DRAFT" in pdf_text(draft, n, raw=True), f"page {n} of the draft is not marked"
    release = built / "build" / "en" / f"{SLUG}.pdf"
    assert "DRAFT" not in pdf_text(release, raw=True)


def test_draft_uses_fuzzy_and_english_for_missing(built: Path) -> None:
    text = flat_text(built / "build" / "es" / f"{SLUG}-draft.pdf")
    assert "La situación es explosiva." in text  # fuzzy: used in a draft
    assert "Impasse (revisado)" in text
    assert "PERU HAS been plunged" in text  # untranslated: English
    assert reader(built / "build" / "es" / f"{SLUG}-draft.pdf").trailer["/Root"]["/Lang"] == "es"
    assert "febrero de 2023" in pdf_text(built / "build" / "es" / f"{SLUG}-draft.pdf", 1)


def test_release_is_refused_with_numbers_and_entries(built: Path) -> None:
    r = _invoke(built, "build", "--lang", "es")
    assert r.returncode == 1
    out = r.stdout + r.stderr
    assert "below the release threshold of 100% reviewed" in out
    assert re.search(rf"{SLUG}: 1 of \d+ reviewed \(\d+\.\d%\), 1 fuzzy, \d+ untranslated", out)
    assert re.search(
        rf"locale/es/LC_MESSAGES/{SLUG}.po:\d+: fuzzy: “The situation is "
        r"explosive.”",
        out,
    )
    assert re.search(rf"locale/es/LC_MESSAGES/{SLUG}.po:\d+: untranslated: “PERU HAS been", out)
    assert "invoke build --lang es --draft" in out
    listed = [ln for ln in out.splitlines() if ln.startswith("  locale/")]
    assert len(listed) > 40 and all(re.match(r"  locale/\S+\.po:\d+: ", ln) for ln in listed)
    assert "\U0001f4af" not in out  # rich must not turn ":100:" into an emoji
    assert not (built / "build" / "es" / f"{SLUG}.pdf").exists()


def test_noop_rebuild_skips_and_force_rebuilds(built: Path) -> None:
    folder = built / "build" / "en"
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    r = _invoke(built, "build", "--lang", "en")
    assert r.returncode == 0 and "up to date" in r.stdout
    r = _invoke(built, "build", "--lang", "en", "--editions", "print")  # built already
    assert r.returncode == 0 and "up to date" in r.stdout
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    # A changed style is an input: the next build is real.
    css = built / "styles" / "pamphlet" / "pamphlet.css"
    original = css.read_text(encoding="utf-8")
    css.write_text(original + "\n/* changed */\n", encoding="utf-8")
    try:
        r = _invoke(built, "build", "--lang", "en", "--editions", "reading")
        assert r.returncode == 0 and "up to date" not in r.stdout
        sidecar = json.loads((folder / f"{SLUG}.json").read_text(encoding="utf-8"))
        assert [e["kind"] for e in sidecar["editions"]] == ["reading"]  # the others are stale
    finally:
        css.write_text(original, encoding="utf-8")


def test_same_inputs_same_bytes(built: Path, tmp_path: Path) -> None:
    first = {
        n: (built / "build" / "en" / n).read_bytes() for n in (f"{SLUG}.pdf", f"{SLUG}-print.pdf")
    }
    shutil.rmtree(built / "build" / "en")
    r = _invoke(built, "build", "--lang", "en", "--force")
    assert r.returncode == 0, r.stderr
    for name, data in first.items():
        assert (built / "build" / "en" / name).read_bytes() == data, name


def _half(pdf: Path, page: int, right: bool) -> str:
    x = "421" if right else "0"
    return subprocess.run(
        [
            "pdftotext",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            x,
            "-y",
            "0",
            "-W",
            "421",
            "-H",
            "596",
            str(pdf),
            "-",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_booklet_is_the_reading_edition_in_saddle_stitch_order(built: Path) -> None:
    folder = built / "build" / "en"
    pages = len(reader(folder / f"{SLUG}.pdf").pages)
    booklet = folder / f"{SLUG}-booklet-a4.pdf"
    padded = (pages + 3) // 4 * 4
    assert len(reader(booklet).pages) == padded // 2
    assert size(boxes(booklet)["MediaBox"]) == pytest.approx((841.89, 595.28), abs=0.05)
    # Sheet 1, front: back cover (colophon, QR) on the left, cover on the right.
    assert SITE in _half(booklet, 1, right=False)
    assert "KD Tait" in _half(booklet, 1, right=True)
    # Sheet 1, back: page 2 on the left; on the right page n-1, blank when padded.
    assert "PERU HAS been plunged" in _half(booklet, 2, right=False)
    if padded > pages:
        assert _half(booklet, 2, right=True).strip() == ""
    data = json.loads((folder / f"{SLUG}.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["editions"] if e["kind"] == "booklet")
    assert (entry["file"], entry["paper"], entry["pages"]) == (booklet.name, "A4", padded // 2)


def test_noop_rebuild_never_loads_weasyprint(built: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "invoke", "build", "--lang", "en"],
        cwd=built,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0 and "up to date" in r.stdout
    imported = {
        line.split("|")[-1].strip()
        for line in r.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "pliego.pamphlet.build" in imported
    assert (
        not {
            "weasyprint",
            "pypdf",
            "jinja2",
            "markdown_it",
            "fontTools",
            "pliego.pamphlet.preflight",
        }
        & imported
    )
