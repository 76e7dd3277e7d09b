"""Release rules, languages and settings of the build, on a small article."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from pliego.errors import ConfigError, SourceError
from pliego.gettext.catalog import Message
from pliego.languages import cldr_date, months_borrowed, parse_date
from pliego.pamphlet.build import build_article, build_language
from pliego.pamphlet.config import build_config, output_name
from pliego.pamphlet.document import person
from pliego.pamphlet.release import Gap, Readiness, ReleaseRefused
from pliego.paths import articles
from pliego.project import read_settings
from tests.buildkit import fill, flat_text, make_project, pdf_text, pdfinfo, reader
from tests.conftest import SMALL_ARTICLE, Runner

SPANISH = {
    "A small article": "Un artículo pequeño",
    "Ana Pérez": "Ana Pérez",
    "The first paragraph, with *emphasis* and a [link](https://example.org/).": (
        "El primer párrafo, con *énfasis* y un [enlace](https://example.org/)."
    ),
    "A heading": "Un título",
    "The second paragraph has 10,000 words in it.": "El segundo párrafo tiene 10.000 palabras.",
}
PAMPHLET_ES = {
    "A pamphlet in %(language)s": "Un folleto en %(language)s",
    "Text: %(author)s.": "Texto: %(author)s.",
    "Translated from the %(language)s original, %(title)s.": (
        "Traducido del original en %(language)s, %(title)s."
    ),
    "Translation: %(names)s.": "Traducción: %(names)s.",
    "English": "inglés",  # msgctxt "language": the source language inside the colophon
    "Written in %(date)s.": "Escrito en %(date)s.",
    "QR code of the download address": "Código QR de la dirección de descarga",
    "Download this pamphlet, in this and other languages, and print your own copies:": (
        "Descargue este folleto, en este y otros idiomas, e imprima sus copias:"
    ),
    "Set in Charis SIL with pliego.": "Compuesto en Charis SIL con pliego.",
    "DRAFT": "BORRADOR",
    "Proof for reviewers: unreviewed translations are used and untranslated passages are in "
    "English.": "Prueba para revisores: traducciones sin revisar; lo no traducido, en inglés.",
}


def _from(table: dict[str, str], fuzzy: tuple[str, ...] = ()) -> object:
    def translate(m: Message) -> Message | None:
        text = table.get(m.msgid)
        if text is None:
            return None
        return replace(m, msgstr=text, flags=("fuzzy",) if m.msgid in fuzzy else ())

    return translate


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj", text=SMALL_ARTICLE)


def test_complete_spanish_release(small: Path) -> None:
    fill(small, "es", "small", _from(SPANISH), translator="Luis Mamani <luis@example.org>")  # type: ignore[arg-type]
    fill(small, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    result = build_language(read_settings(small), "es")
    names = {e.kind: e.path.name for e in result.articles[0].editions}
    assert names["reading"] == output_name("small", "reading", False) == "small.pdf"
    pdf = small / "build" / "es" / "small.pdf"
    info = pdfinfo(pdf)
    assert (info["Title"], info["Subject"]) == ("Un artículo pequeño", "Un folleto en español")
    assert reader(pdf).trailer["/Root"]["/Lang"] == "es"
    text = flat_text(pdf)
    # the link's address is printed after it, so a reader on paper can type it
    assert "El primer párrafo, con énfasis y un enlace (https://example.org/)." in text
    assert "Traducción: Luis Mamani." in text
    assert "Traducido del original en inglés, «A small article»." in text
    assert "Escrito en febrero de 2023." in text
    assert "BORRADOR" not in pdf_text(pdf, raw=True)
    # Nothing changed: the second build is a no-op and says so.
    again = build_language(read_settings(small), "es")
    assert again.skipped and again.articles[0].editions == result.articles[0].editions
    # Rebuilding one edition from the same inputs keeps the others in the sidecar.
    one = build_language(read_settings(small), "es", editions=["print"], force=True)
    assert [e.kind for e in one.articles[0].editions] == ["print"]
    sidecar = json.loads((small / "build" / "es" / "small.json").read_text(encoding="utf-8"))
    assert [e["kind"] for e in sidecar["editions"]] == ["reading", "booklet", "print"]


def test_release_never_uses_fuzzy_text(small: Path) -> None:
    fuzzy = ("The second paragraph has 10,000 words in it.",)
    fill(small, "es", "small", _from(SPANISH, fuzzy))  # type: ignore[arg-type]
    fill(small, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    with pytest.raises(ReleaseRefused) as refused:
        build_language(read_settings(small), "es")
    message = str(refused.value)
    assert "small: 4 of 5 reviewed (80.0%), 1 fuzzy, 0 untranslated" in message
    assert "locale/es/LC_MESSAGES/small.po:" in message and ": fuzzy: “The second" in message
    assert "pamphlet" not in message.split("\n")[1]  # the pamphlet's strings are complete
    pyproject = small / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "release-threshold = 100", "release-threshold = 75"
        ),
        encoding="utf-8",
    )
    build_language(read_settings(small), "es")
    text = flat_text(small / "build" / "es" / "small.pdf")
    assert "The second paragraph has 10,000 words in it." in text  # English, not the fuzzy
    assert "El segundo párrafo" not in text


def test_quechua_months_come_from_the_pamphlet_domain(small: Path) -> None:
    assert months_borrowed("qu") and not months_borrowed("es") and not months_borrowed("en")
    build_language(read_settings(small), "qu", draft=True, editions=["reading"])
    cover = pdf_text(small / "build" / "qu" / "small-draft.pdf", 1)
    assert "February 2023" in cover and "Febrero" not in cover  # missing: English, not CLDR

    def months(m: Message) -> Message | None:
        if m.msgctxt == "month" and m.msgid == "February":
            return replace(m, msgstr="Hatun puquy")
        if m.msgctxt == "date":
            return replace(m, msgstr="%(year)s watapa %(month)s killan")
        return None

    fill(small, "qu", "pamphlet", months)
    build_language(read_settings(small), "qu", draft=True, editions=["reading"])
    cover = pdf_text(small / "build" / "qu" / "small-draft.pdf", 1)
    assert "2023 watapa Hatun puquy killan" in cover
    assert "Runasimi" in cover


def test_colophon_names_the_source_language_through_the_pamphlet_domain(small: Path) -> None:
    """CLDR's Quechua name for English is "Ingles Simi"; the colophon takes the
    translator's own wording (msgctxt "language") instead, and CLDR's never."""
    colophon = "%(language)spi ñawpaq qillqasqamanta tikrasqa, %(title)s."

    def quechua(m: Message) -> Message | None:
        if m.msgid == "Translated from the %(language)s original, %(title)s.":
            return replace(m, msgstr=colophon)
        if (m.msgctxt, m.msgid) == ("language", "English"):
            return replace(m, msgstr="Inglés simi")
        return None

    fill(small, "qu", "pamphlet", quechua)
    build_language(read_settings(small), "qu", draft=True, editions=["reading"])
    back = flat_text(small / "build" / "qu" / "small-draft.pdf")
    assert "Inglés simipi ñawpaq qillqasqamanta tikrasqa" in back
    assert "Ingles Simi" not in back


def test_all_languages_in_parallel(small: Path, invoke: Runner) -> None:
    r = invoke(small, "build", "--lang", "all", "--draft", "--editions", "reading")
    assert r.returncode == 0, r.stdout + r.stderr
    for lang in ("en", "es", "qu"):
        assert (small / "build" / lang / "small-draft.pdf").exists()
    r = invoke(small, "build", "--lang", "all", "--editions", "reading")
    assert r.returncode == 1
    assert (small / "build" / "en" / "small.pdf").exists()
    # One block per refused article and language, on stderr, each said once; stdout
    # says which were refused.  A catalogue nobody started is said so, not listed.
    assert "error: es/small: not building a release of 'es'" in r.stderr
    assert "error: qu/small: not building a release of 'qu'" in r.stderr
    assert r.stderr.count("not building a release") == 2 and "not built" not in r.stderr
    assert "not building" not in r.stdout and "es/small: refused" in r.stdout
    assert "small: not started: none of its 5 entries is translated" in r.stderr
    assert "(locale/es/LC_MESSAGES/small.po)" in r.stderr
    assert "Traceback" not in r.stderr


def test_settings_and_options_are_checked(small: Path, invoke: Runner) -> None:
    pyproject = small / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("release-threshold = 100", "release-threshold = 150"), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="release-threshold"):
        build_config(read_settings(small))
    pyproject.write_text(
        text.replace("release-threshold = 100", 'cmyk-profile = "styles/missing.icc"'),
        encoding="utf-8",
    )
    r = invoke(small, "build", "--lang", "en")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "pyproject.toml: the CMYK profile 'styles/missing.icc' does not exist" in r.stderr
    pyproject.write_text(text, encoding="utf-8")
    r = invoke(small, "build", "--lang", "fr")
    assert r.returncode == 1 and "'fr' is not one of the project's languages" in r.stderr
    r = invoke(small, "build", "--lang", "en", "--editions", "poster")
    assert r.returncode == 1 and "unknown edition 'poster'" in r.stderr


def test_dates_and_credits() -> None:
    from babel import Locale

    from pliego.languages import _SPANISH_MONTHS

    for code in ("es", "es_PE"):
        assert set(Locale.parse(code).months["format"]["wide"].values()) <= _SPANISH_MONTHS
    assert parse_date("2023-02", "a.md") is not None
    assert parse_date("2023-02", "a.md").iso == "2023-02"  # type: ignore[union-attr]
    assert parse_date(None, "a.md") is None
    with pytest.raises(SourceError):
        parse_date("February 2023", "a.md")
    with pytest.raises(SourceError):
        parse_date("2023-02-30", "a.md")
    sept = parse_date("2023-09", "a.md")
    assert sept is not None
    assert cldr_date(sept, "es_PE") == "setiembre de 2023"
    assert cldr_date(sept, "es") == "septiembre de 2023"
    assert cldr_date(parse_date("2023-09-04", "a.md"), "en") == "September 4, 2023"  # type: ignore[arg-type]
    assert (
        person("Ana Quispe <ana@example.org>, Luis Mamani <l@x.org>") == "Ana Quispe, Luis Mamani"
    )
    assert person("FULL NAME <EMAIL@ADDRESS>") is None and person("") is None
    assert person("pliego project team") is None and person("Pliego Site Helper") is None
    assert person("Automatically generated, Ana Quispe <a@x.org>") == "Ana Quispe"


def test_committed_pamphlet_template_is_current() -> None:
    """locale/pamphlet.pot must match styles/pamphlet (run `invoke extract` after editing)."""
    from pliego.extract import extract_templates, template_catalog
    from pliego.gettext.po import load_catalog
    from tests.conftest import REPO

    committed = load_catalog(REPO / "locale" / "pamphlet.pot")
    fresh = template_catalog(
        "pamphlet", extract_templates(REPO / "styles" / "pamphlet", "styles/pamphlet"), ""
    )
    assert [(m.msgctxt, m.msgid, m.locations, m.auto_comments) for m in committed.messages] == [
        (m.msgctxt, m.msgid, m.locations, m.auto_comments) for m in fresh.messages
    ]
    for lang in ("es", "qu"):
        po = load_catalog(REPO / "locale" / lang / "LC_MESSAGES" / "pamphlet.po")
        assert {m.key for m in po.active} == {m.key for m in fresh.messages}


def test_missing_catalogues_are_named(small: Path) -> None:
    for domain in ("small", "pamphlet"):
        (small / "locale" / "qu" / "LC_MESSAGES" / f"{domain}.po").unlink()
    with pytest.raises(ReleaseRefused) as refused:
        build_language(read_settings(small), "qu")
    message = str(refused.value)
    assert "source/small.md:7: not in the catalogue: “A small article”" not in message
    assert "source/small.md:2: not in the catalogue: “A small article”" in message
    assert "locale/qu/LC_MESSAGES/pamphlet.po: not in the catalogue: “Text: %(author)s.”" in message
    assert "run `invoke extract` and `invoke update` first" in message


def test_quechua_gets_soft_hyphens_spanish_does_not(small: Path) -> None:
    from pliego.pamphlet.build import source_epoch
    from pliego.pamphlet.config import build_config
    from pliego.pamphlet.editions import prepare

    quechua = "Runakunaqa llaqtankunapi hatun huñunakuykunata ruwarqanku ch'aqwaspa."

    def qu(m: Message) -> Message | None:
        if m.msgid.startswith("The second paragraph"):
            return replace(m, msgstr=quechua)
        return None

    fill(small, "qu", "small", qu)
    settings = read_settings(small)
    source = small / "source" / "small.md"
    html = prepare(
        settings, build_config(settings), "qu", source, draft=True, epoch=source_epoch()
    ).html
    assert "\u00ad" in html and "hu\u00adñu\u00adna" in html
    assert quechua in html.replace("\u00ad", "")
    assert "ch'\u00ad" not in html and "c\u00adh" not in html  # digraph and ejective whole
    spanish = prepare(
        settings, build_config(settings), "es", source, draft=True, epoch=source_epoch()
    ).html
    assert "\u00ad" not in spanish  # WeasyPrint hyphenates Spanish with pyphen itself


def test_draft_highlights_fuzzy_and_missing_text(small: Path) -> None:
    from pliego.pamphlet.build import source_epoch
    from pliego.pamphlet.config import build_config
    from pliego.pamphlet.editions import prepare

    reviewed = {
        "A heading": "Un título",
        "The first paragraph, with *emphasis* and a [link](https://example.org/).": (
            "El primer párrafo \ue002</p><script>, con *énfasis* y un "
            "[enlace](https://example.org/)."
        ),
    }
    fuzzy = {
        "The second paragraph has 10,000 words in it.": "El segundo párrafo.",
        "A small article": "Un artículo pequeño",
    }

    def es(m: Message) -> Message | None:
        if m.msgid in reviewed:
            return replace(m, msgstr=reviewed[m.msgid], flags=())
        if m.msgid in fuzzy:
            return replace(m, msgstr=fuzzy[m.msgid], flags=("fuzzy",))
        return None

    fill(small, "es", "small", es)
    settings = read_settings(small)
    source = small / "source" / "small.md"
    html = prepare(
        settings, build_config(settings), "es", source, draft=True, epoch=source_epoch()
    ).html
    assert '<p><span class="pl-fuzzy">El segundo párrafo.</span></p>' in html
    assert (
        "<p>El primer párrafo &lt;/p&gt;&lt;script&gt;, con <em>énfasis</em> y un "
        '<a href="https://example.org/">enlace</a> (<a class="link-address" '
        'href="https://example.org/">https://example.<wbr>org/</a>).</p>'
    ) in html  # reviewed: no mark
    assert "<h2>Un título</h2>" in html
    assert '<h1 class="cover-title">Un artículo pequeño</h1>' in html  # front matter: unmarked
    assert not any(c in html for c in "\ue000\ue001\ue002")
    assert html.count('<span class="pl-fuzzy">') == 2  # the paragraph and the cover legend
    english = prepare(
        settings, build_config(settings), "en", source, draft=True, epoch=source_epoch()
    ).html
    assert "pl-missing" not in english and "pl-fuzzy" not in english  # nothing to mark


def test_missing_text_is_tagged_english_in_a_lowered_release(small: Path) -> None:
    from pliego.pamphlet.build import source_epoch
    from pliego.pamphlet.config import build_config
    from pliego.pamphlet.editions import prepare

    fill(small, "es", "small", _from(SPANISH, ("A heading",)))  # type: ignore[arg-type]
    fill(small, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    pyproject = small / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "release-threshold = 100", "release-threshold = 50"
        ),
        encoding="utf-8",
    )
    settings = read_settings(small)
    html = prepare(
        settings,
        build_config(settings),
        "es",
        small / "source" / "small.md",
        draft=False,
        epoch=source_epoch(),
    ).html
    assert '<h2><span class="pl-missing" lang="en">A heading</span></h2>' in html
    assert "Un título" not in html and "pl-fuzzy" not in html


def test_colophon_names_the_original_address_when_known(tmp_path: Path) -> None:
    text = SMALL_ARTICLE.replace(
        'date: "2023-02"', 'date: "2023-02"\nsource: "https://example.org/peru"'
    )
    root = make_project(tmp_path / "proj", text=text)
    build_language(read_settings(root), "en", editions=["reading"])
    pdf = root / "build" / "en" / "small.pdf"
    back = pdf_text(pdf, len(reader(pdf).pages))
    assert "Original: https://example.org/peru" in back


def test_a_release_refuses_what_invoke_check_rejects(small: Path, invoke: Runner) -> None:
    """The link dropped from a reviewed translation: check says error, so no release."""
    broken = {
        **SPANISH,
        "The first paragraph, with *emphasis* and a [link](https://example.org/).": (
            "El primer párrafo, con *énfasis* y un enlace."
        ),
    }
    fill(small, "es", "small", _from(broken))  # type: ignore[arg-type]
    fill(small, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    r = invoke(small, "build", "--lang", "es")
    assert r.returncode == 1, r.stdout
    assert "not building a release of 'es': invoke check finds 1 error" in r.stderr
    assert re.search(r"locale/es/LC_MESSAGES/small\.po:\d+: \[markdown\] ", r.stderr)
    assert not (small / "build" / "es" / "small.pdf").exists()
    draft = invoke(small, "build", "--lang", "es", "--draft")
    assert draft.returncode == 0, draft.stderr
    assert "note: invoke check: locale/es/LC_MESSAGES/small.po:" in draft.stdout
    pyproject = small / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "release-threshold = 100", 'release-threshold = 100\nrelease-checks = "off"'
        ),
        encoding="utf-8",
    )
    assert invoke(small, "build", "--lang", "es").returncode == 0


def test_a_catalogue_nobody_started_is_said_so_instead_of_listed() -> None:
    gaps = tuple(
        Gap("locale/qu/LC_MESSAGES/a.po", 20 + i, "untranslated", f"Entry {i}") for i in range(49)
    )
    empty = Readiness("a", "locale/qu/LC_MESSAGES/a.po", 49, 0, gaps)
    half = Readiness("pamphlet", "locale/qu/LC_MESSAGES/pamphlet.po", 2, 1, gaps[:1])
    fuzzy = Readiness("b", "locale/qu/LC_MESSAGES/b.po", 1, 0, (replace(gaps[0], state="fuzzy"),))
    assert empty.not_started and not half.not_started and not fuzzy.not_started
    message = str(ReleaseRefused("qu", 100, (empty, half)))
    assert "  a: not started: none of its 49 entries is translated (locale/qu/" in message
    assert "Entry 1”" not in message  # the 49 entries are not listed one by one
    assert "pamphlet: 1 of 2 reviewed (50.0%)" in message and "“Entry 0”" in message
    alone = str(ReleaseRefused("qu", 100, (empty,)))
    assert "entries a release needs" not in alone and "Entry" not in alone


@pytest.mark.parametrize("header", ["", "pliego project team", "FULL NAME <EMAIL@ADDRESS>"])
def test_a_placeholder_credit_is_left_out_of_a_release_and_said(small: Path, header: str) -> None:
    """An English placeholder in Last-Translator never reaches the colophon or the site."""
    fill(small, "es", "small", _from(SPANISH), translator=header)  # type: ignore[arg-type]
    fill(small, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    (source,) = articles(read_settings(small))
    built = build_article(read_settings(small), "es", source, editions=["reading"])
    shown = repr(header) if header else "empty"
    assert (
        "locale/es/LC_MESSAGES/small.po: no translation credit printed: "
        f"Last-Translator is {shown}; write there the translators' names"
    ) in "\n".join(built.notes)
    text = flat_text(small / "build" / "es" / "small.pdf")
    assert "Traducción" not in text and "team" not in text and "FULL NAME" not in text
    sidecar = json.loads((small / "build" / "es" / "small.json").read_text(encoding="utf-8"))
    assert sidecar["translator"] is None


def test_a_real_credit_prints_without_a_note(small: Path) -> None:
    fill(small, "es", "small", _from(SPANISH), translator="equipo de pliego <t@example.org>")  # type: ignore[arg-type]
    fill(small, "es", "pamphlet", _from(PAMPHLET_ES))  # type: ignore[arg-type]
    (source,) = articles(read_settings(small))
    built = build_article(read_settings(small), "es", source, editions=["reading"])
    assert not [n for n in built.notes if "credit" in n]
    assert "Traducción: equipo de pliego." in flat_text(small / "build" / "es" / "small.pdf")


def test_prefills_copies_do_not_make_a_catalogue_started() -> None:
    """Prices and names that prefill copied count as translated, but no person has
    started the catalogue: the refusal still says so instead of listing every entry."""
    gaps = tuple(
        Gap("locale/fr/LC_MESSAGES/a.po", 20 + i, "untranslated", f"Entry {i}") for i in range(48)
    )
    copied = Readiness("a", "locale/fr/LC_MESSAGES/a.po", 51, 3, gaps, copies=3)
    begun = Readiness("a", "locale/fr/LC_MESSAGES/a.po", 51, 4, gaps[1:], copies=3)
    assert copied.not_started and not begun.not_started
    message = str(ReleaseRefused("fr", 100, (copied,)))
    assert "a: not started: none of its 51 entries is translated (prefill copied 3" in message
    assert "Entry" not in message
