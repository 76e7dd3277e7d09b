"""The union leaflet (``tests/data/union-leaflet.md``) in print: every feature a real
article uses, released in English and, completely translated, in Spanish.  The PDFs
are read the way a reader and a print shop meet them: poppler's text and images,
pypdf's annotations, metadata and structure tree."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.buildkit import (
    LEAFLET,
    make_project,
    page_texts,
    pdf_text,
    pdfinfo,
    reader,
    spanish_leaflet,
)
from tests.conftest import _env
from tests.tagged import orphans

SLUG = LEAFLET.stem
EDITIONS = (f"{SLUG}.pdf", f"{SLUG}-print.pdf", f"{SLUG}-booklet-a4.pdf")
PETITION = (
    "https://riverside-hfwu.example.org/campaigns/fair-pay-for-hospital-cleaners-and-porters-2024"
)
FUND = "https://riverside-hfwu.example.org/hardship-fund"
MAIL = "strike@riverside-hfwu.example.org"


def _invoke(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def leaflet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = spanish_leaflet(
        make_project(tmp_path_factory.mktemp("leaflet") / "proj", article=LEAFLET)
    )
    for lang in ("en", "es"):
        done = _invoke(root, "build", "--lang", lang)  # releases: nothing may be missing
        assert done.returncode == 0, done.stdout + done.stderr
        assert "left out" not in done.stdout and "refused" not in done.stdout, done.stdout
    return root


def _joined(path: Path) -> str:
    """The text with every line break and space removed: an address split over lines
    reads whole.  Raw order, since poppler's default drops a hyphen at a line's end
    (the design's hyphenation prints U+2010, an address keeps its ASCII "-")."""
    return re.sub(r"\s+", "", pdf_text(path, raw=True))


def _uris(path: Path) -> set[str]:
    found = set()
    for page in reader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


def _alt_texts(path: Path) -> list[str]:
    out: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                out.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader(path).trailer["/Root"]["/StructTreeRoot"])
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_links_keep_their_annotations_in_the_tagged_edition(leaflet: Path, lang: str) -> None:
    """Margin content became Artifact (PDF/UA §7.8); each link annotation is still the
    kid (``/OBJR``) of its element, which the structure root reaches."""
    pdf = leaflet / "build" / lang / EDITIONS[0]
    assert orphans(pdf) == []
    r = reader(pdf)
    nums = r.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    links = [
        a.get_object()
        for page in r.pages
        for a in page.get("/Annots") or []
        if a.get_object()["/Subtype"] == "/Link"
    ]
    uris = {str(a["/A"]["/URI"]) for a in links if "/URI" in a.get("/A", {})}
    assert uris >= {PETITION, FUND}
    for annot in links:
        element = parents[int(annot["/StructParent"])]
        parent = element
        while parent.get("/Type") == "/StructElem":  # up to the root, each a kid of the next
            up = parent["/P"].get_object()
            assert parent.indirect_reference in list(up["/K"]), parent
            parent = up
        assert parent.get("/Type") == "/StructTreeRoot"
        kids = [k.get_object() for k in element["/K"] if not isinstance(k, int)]
        assert any(k.get("/Obj") == annot.indirect_reference for k in kids)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", EDITIONS)
def test_the_images_are_embedded(leaflet: Path, lang: str, name: str) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(leaflet / "build" / lang / name)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    sizes = {tuple(line.split()[3:5]) for line in listing if line.split()[2] == "image"}
    assert {("1200", "800"), ("96", "96")} <= sizes  # the photograph and the flag icon


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", EDITIONS[:2])
def test_every_address_is_printed_once_and_clickable(leaflet: Path, lang: str, name: str) -> None:
    pdf = leaflet / "build" / lang / name
    text = _joined(pdf)
    for url in (PETITION, FUND):
        assert text.count(url) == 1, url
    assert text.count(MAIL) == 1 and "mailto:" not in text  # the bare address, once
    assert {PETITION, FUND, f"mailto:{MAIL}"} <= _uris(pdf)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_addresses_break_only_after_slash_dot_or_hyphen(leaflet: Path, lang: str) -> None:
    lines = [
        ln.split()
        for ln in pdf_text(leaflet / "build" / lang / f"{SLUG}.pdf", raw=True).splitlines()
    ]
    cuts = [
        (words[-1], following[0])
        for words, following in itertools.pairwise(lines)
        if words
        and following
        and any((words[-1] + following[0]).strip("().,;") in url for url in (PETITION, FUND))
    ]
    assert cuts, "the petition's address fits no line of an A5 column: it must break"
    for before, _after in cuts:
        assert before[-1] in "/.-", before  # no added hyphen, no break inside a word


def test_figure_caption_and_alt_text(leaflet: Path) -> None:
    en = leaflet / "build" / "en" / f"{SLUG}.pdf"
    es = leaflet / "build" / "es" / f"{SLUG}.pdf"
    assert "The picket line at the main gate at six in the morning" in pdf_text(en)
    assert "El piquete en la puerta principal, a las seis de la mañana" in pdf_text(es)
    assert _alt_texts(en)[:2] == [
        "Strikers holding a union banner in front of the hospital gate",
        "red flag",
    ]
    assert _alt_texts(es)[:2] == [
        "Huelguistas con una pancarta sindical frente a la puerta del hospital",
        "bandera roja",
    ]
    # the alt text is not printed as a stray paragraph
    assert "Strikers holding" not in pdf_text(en)


def test_the_inline_icon_stays_at_text_size(leaflet: Path) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(leaflet / "build" / "en" / f"{SLUG}.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    ppi = {line.split()[3]: int(line.split()[12]) for line in listing if line.split()[2] == "image"}
    # 96 px at about 1 em (9.5-10 pt): several hundred ppi, not blown up to the column
    assert ppi["96"] > 500
    assert 200 < ppi["1200"] < 400  # the photograph fills the column width


@pytest.mark.parametrize(
    ("lang", "cover", "colophon"),
    [
        ("en", "March 15, 2024", "Written on March 15, 2024."),
        ("es", "15 de marzo de 2024", "Escrito el 15 de marzo de 2024."),
    ],
)
def test_the_full_date_is_written_as_the_language_writes_it(
    leaflet: Path, lang: str, cover: str, colophon: str
) -> None:
    pdf = leaflet / "build" / lang / f"{SLUG}.pdf"
    pages = int(pdfinfo(pdf)["Pages"])
    assert cover in pdf_text(pdf, 1)
    assert colophon in re.sub(r"\s+", " ", pdf_text(pdf, pages))


@pytest.mark.parametrize(
    ("lang", "subject", "subtitle"),
    [
        (
            "en",
            "A strike leaflet from the cleaners, porters and caterers of Riverside Hospital: "
            "what we want, what a strike day costs us and how to help.",
            "Why we strike on 15 March, and how you can stand with us",
        ),
        (
            "es",
            "Volante de huelga del personal de limpieza, los camilleros y el personal de "
            "cocina del Hospital Riverside: qué pedimos, cuánto nos cuesta un día de huelga "
            "y cómo ayudar.",
            "Por qué paramos el 15 de marzo y cómo puede apoyarnos",
        ),
    ],
)
def test_description_is_the_subject_and_subtitle_on_the_cover(
    leaflet: Path, lang: str, subject: str, subtitle: str
) -> None:
    for name in EDITIONS[:2]:
        pdf = leaflet / "build" / lang / name
        assert pdfinfo(pdf)["Subject"] == subject
        assert subtitle in " ".join(pdf_text(pdf, 1).split())


def test_changing_an_image_rebuilds_only_its_article(leaflet: Path) -> None:
    other = leaflet / "source" / "second.md"
    other.write_text('---\ntitle: "Second"\ndate: "2024"\n---\n\nNo pictures here.\n')
    first = _invoke(leaflet, "build", "--lang", "en")
    assert first.returncode == 0, first.stderr
    again = _invoke(leaflet, "build", "--lang", "en")
    assert "up to date" in again.stdout, again.stdout
    from PIL import Image

    flag = leaflet / "source" / SLUG / "flag.png"
    with Image.open(flag) as im:
        im.rotate(180).save(flag)
    changed = _invoke(leaflet, "build", "--lang", "en")
    assert changed.returncode == 0, changed.stderr
    assert f"build/en/{SLUG}.pdf" in changed.stdout
    assert "build/en/second.pdf" not in changed.stdout


#: Each note: the word its number is printed after, and the start of its text.
NOTES = {
    "en": (
        ("private contractor1,", "1. Capital Facilities Ltd has held the cleaning"),
        ("the first day.2", "2. Nurses and health-care assistants are employed"),
    ),
    "es": (
        ("una contratista privada1,", "1. Capital Facilities Ltd tiene la contrata"),
        ("primer día.2", "2. El personal de enfermería y los técnicos asistenciales"),
    ),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", EDITIONS)
def test_notes_are_numbered_in_order_without_back_link_glyphs(
    leaflet: Path, lang: str, name: str
) -> None:
    text = pdf_text(leaflet / "build" / lang / name)
    assert "↩" not in text
    flat = " ".join(text.split())
    # two notes, the inline one 2nd, each number printed once in the text, once by its note
    for call, note in NOTES[lang]:
        assert flat.count(call) == 1 and flat.count(note) == 1, (call, note)
    # no third note: the only "3. " is the third demand of the numbered list
    third = {"en": "The contract brought back", "es": "Que el servicio vuelva"}[lang]
    assert re.findall(r"(?<![\d,.£])3\. (\w+ \w+ \w+ \w+)", flat) == [third]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", EDITIONS)
def test_each_note_is_at_the_foot_of_its_references_page(
    leaflet: Path, lang: str, name: str
) -> None:
    # spaces out: poppler ends a line after a raised note number ("contractor1 ,")
    pages = [
        t.replace(" ", "")
        for t in page_texts(leaflet / "build" / lang / name, halves="booklet" in name)
    ]
    for call, note in ((c.replace(" ", ""), n.replace(" ", "")) for c, n in NOTES[lang]):
        called = [n for n, text in enumerate(pages) if call in text]
        printed = [n for n, text in enumerate(pages) if note in text]
        assert len(called) == 1 and called == printed, (call, called, printed)
        page = pages[called[0]]
        assert page.index(call) < page.index(note)  # below the text that calls it
    # the endnote list is gone: the article's last page ends with its last paragraph
    last = next(t for t in reversed(pages) if "monthlymeeting" in t or "asambleamensual" in t)
    assert not any(note in last for _call, note in NOTES[lang])


def test_the_print_edition_warns_of_a_photograph_below_300_ppi(leaflet: Path) -> None:
    done = _invoke(leaflet, "build", "--lang", "en", "--editions", "print", "--force")
    assert done.returncode == 0, done.stderr
    warned = re.findall(r"image '([^']+)' prints at (\d+) ppi, below the 300", done.stdout)
    listing = subprocess.run(
        ["pdfimages", "-list", str(leaflet / "build" / "en" / f"{SLUG}-print.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    measured = {line.split()[3]: int(line.split()[12]) for line in listing}
    # the 1200 px photograph across the A5 column; the icon (hundreds of ppi) is not named
    assert warned == [(f"{SLUG}/picket-line.png", str(measured["1200"]))]
    assert measured["1200"] < 300 < measured["96"]


def test_the_site_shows_subtitle_description_and_full_date(leaflet: Path) -> None:
    import feedparser

    from tests.sitekit import add_site_templates

    add_site_templates(leaflet)
    done = _invoke(leaflet, "publish", "--no-build")
    assert done.returncode == 0, done.stdout + done.stderr
    site = leaflet / "build" / "site"
    index = (site / "es" / "index.html").read_text(encoding="utf-8")
    assert '<p class="subtitle">Por qué paramos el 15 de marzo y cómo puede apoyarnos</p>' in index
    assert '<p class="blurb">Volante de huelga del personal de limpieza' in index
    assert '<time datetime="2024-03-15" lang="es">15 de marzo de 2024</time>' in index
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    summaries = {e.title: (e.summary, e.summary_detail.language) for e in feed.entries}
    assert summaries["Cleaners and porters walk out at Riverside Hospital"] == (
        "A strike leaflet from the cleaners, porters and caterers of Riverside Hospital: "
        "what we want, what a strike day costs us and how to help.",
        "en",
    )
    es = summaries["Huelga del personal de limpieza y los camilleros del Hospital Riverside"]
    assert es[0].startswith("Volante de huelga") and es[1] == "es"
    import json

    import jsonschema

    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "manifest.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(manifest, schema)
    entries = {p["lang"]: p for p in manifest["pamphlets"] if p["slug"] == SLUG}
    assert entries["es"]["subtitle"] == "Por qué paramos el 15 de marzo y cómo puede apoyarnos"
    assert entries["es"]["description"].startswith("Volante de huelga del personal de limpieza")
    assert entries["en"]["subtitle"] == "Why we strike on 15 March, and how you can stand with us"
    assert (
        entries["en"]["description"]
        == summaries["Cleaners and porters walk out at Riverside Hospital"][0]
    )


@pytest.fixture(scope="module")
def leaflet_link_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The leaflet built with ``links = "notes"``: addresses at the foot of the page."""
    root = spanish_leaflet(
        make_project(tmp_path_factory.mktemp("link-notes") / "proj", article=LEAFLET)
    )
    toml = root / "pyproject.toml"
    toml.write_text(
        toml.read_text().replace("[tool.pliego.build]\n", '[tool.pliego.build]\nlinks = "notes"\n')
    )
    for lang in ("en", "es"):
        done = _invoke(root, "build", "--lang", lang)
        assert done.returncode == 0, done.stdout + done.stderr
    return root


#: Each link with an address note: the word its letter follows, the letter, the address.
LINK_NOTES = {
    "en": (("branch website", "a", PETITION), ("strike hardship fund", "b", FUND)),
    "es": (("nuestra sección", "a", PETITION), ("resistencia de la huelga", "b", FUND)),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", EDITIONS)
def test_addresses_as_notes_at_the_foot_of_the_links_page(
    leaflet_link_notes: Path, lang: str, name: str
) -> None:
    pdf = leaflet_link_notes / "build" / lang / name
    text = _joined(pdf)
    for url in (PETITION, FUND):
        assert text.count(url) == 1, url
    assert text.count(MAIL) == 1 and "mailto:" not in text  # its text is the address
    if "booklet" not in name:
        assert {PETITION, FUND, f"mailto:{MAIL}"} <= _uris(pdf)
    pages = [t.replace(" ", "") for t in page_texts(pdf, halves="booklet" in name)]
    for words, letter, url in LINK_NOTES[lang]:
        called = [n for n, t in enumerate(pages) if words.replace(" ", "") + letter in t]
        printed = [n for n, t in enumerate(pages) if f"{letter}.{url}" in t]
        assert len(called) == 1 and called == printed, (url, called, printed)
        assert f"({url}" not in pages[called[0]]  # not in parentheses too
    # the notes keep their own numbers: the addresses do not count in their series
    for call, note in NOTES[lang]:
        call, note = call.replace(" ", ""), note.replace(" ", "")
        assert [n for n, t in enumerate(pages) if call in t] == [
            n for n, t in enumerate(pages) if note in t
        ]
