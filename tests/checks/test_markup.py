"""The markdown check owns the markup: raw HTML and added links or images are
reported by it, in words a translator understands, and the punctuation,
bracket and doubled-space checks judge only the prose around the markup."""

from __future__ import annotations

import pytest

from pliego.checks.inline import OBJECT, html_tags, plain_text
from pliego.checks.model import CheckContext, Severity
from pliego.checks.registry import check_catalog
from pliego.gettext.catalog import Catalog, Message

ENGLISH = "The situation is explosive."


def _findings(
    msgstr: str, msgid: str = ENGLISH, domain: str = ""
) -> list[tuple[str, Severity, str]]:
    catalog = Catalog(messages=(Message(msgid, msgstr, lineno=3),))
    ctx = CheckContext(lang="es", domain=domain)
    return [(f.check, f.severity, f.message) for f in check_catalog(catalog, ctx)]


@pytest.mark.parametrize(
    "msgstr, tag",
    [
        ("La situación es <script>alert('x')</script> explosiva.", "<script>"),
        ("La situación es <b>muy</b> explosiva.", "<b>"),
        ("La situación es <!-- muy --> explosiva.", "<!-- muy -->"),
        ('La situación es <span class="x">muy</span> explosiva.', '<span class="x">'),
    ],
)
def test_raw_html_the_english_lacks_is_an_error(msgstr: str, tag: str) -> None:
    findings = _findings(msgstr)
    assert [(c, s) for c, s, _ in findings] == [("markdown", Severity.ERROR)]
    message = findings[0][2]
    assert tag in message
    assert "raw HTML is printed as text" in message and "*emphasis*" in message


@pytest.mark.parametrize(
    ("domain", "where", "advice"),
    [
        ("site", "shown as text on the download site", "plain text"),
        ("pamphlet", "printed as text in the pamphlet", "*emphasis*"),
        ("peru-masses-deepen-resistance", "printed as text in the pamphlet", "*emphasis*"),
    ],
)
def test_the_raw_html_advice_names_where_the_catalogue_is_shown(
    domain: str, where: str, advice: str
) -> None:
    """site.po is plain text on the download page, not Markdown in a pamphlet."""
    ((check, _, message),) = _findings("<b>Borrador</b>", "Draft", domain)
    assert check == "markdown" and where in message and advice in message
    other = "pamphlet" if domain == "site" else "download site"
    assert other not in message


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        ("See <https://x.org/a>.", "Vea <https://x.org/a>."),  # an autolink is a link
        ("Type `<b>` here.", "Escriba `<b>` aquí."),  # code is verbatim
        ("It is <b>bold</b>.", "Es <b>audaz</b>."),  # kept from the English
        ("Less: 3 < 4 and 5 > 2.", "Menos: 3 < 4 y 5 > 2."),  # not a tag
    ],
)
def test_html_like_text_the_english_has_or_that_is_no_tag_passes(msgid: str, msgstr: str) -> None:
    assert _findings(msgstr, msgid) == []


def test_an_added_image_is_reported_as_an_image_and_only_by_the_markdown_check() -> None:
    findings = _findings("La situación es ![x](file:///etc/passwd) explosiva.")
    assert findings == [
        (
            "markdown",
            Severity.ERROR,
            "the translation adds an image (file:///etc/passwd) that the English does not have",
        )
    ]


def test_an_added_link_is_one_clear_finding_of_the_markdown_check() -> None:
    findings = _findings("La situación es [muy](https://a.example/) explosiva.")
    assert findings == [
        (
            "markdown",
            Severity.ERROR,
            "the translation adds a link to https://a.example/ that the English does not have",
        )
    ]


def test_a_lost_link_is_one_finding_and_an_empty_link_text_still_is_one() -> None:
    msgid = "Read [the report](https://x.org/c)."
    assert [m for _, _, m in _findings("Lea el informe.", msgid)] == [
        "the translation lacks the link to https://x.org/c"
    ]
    assert [m for _, _, m in _findings("Lea [](https://x.org/c).", msgid)] == [
        "the translation lacks the text of the link to https://x.org/c"
    ]


def test_prose_checks_still_see_mistakes_next_to_markup() -> None:
    checks = {
        c
        for c, _, _ in _findings(
            "La situación es [muy](https://a.example/)  explosiva! (sí",
            "It is *so*. (Yes) explosive!",
        )
    }
    assert {"doubled", "spanish-marks", "quotes-brackets"} <= checks


def test_exclamation_mark_message_grammar() -> None:
    assert (
        "spanish-marks",
        Severity.ERROR,
        "an exclamation mark ! without its opening ¡",
    ) in _findings("Es explosiva!", "It is explosive!")


def test_plain_text_and_html_tags() -> None:
    assert plain_text("a ![x](file:///e) [b *c*](https://x.org/) `d`.[^1]") == (
        f"a {OBJECT} b c {OBJECT}."
    )
    assert plain_text("Line\\\nnext") == "Line\nnext"
    assert html_tags("a <b>c</b> `<i>` <https://x.org> <!-- n -->") == ("<b>", "</b>", "<!-- n -->")


def test_the_checks_leave_the_builds_parser_strict() -> None:
    from pliego.markdown.segment import markdown_parser, render_html

    assert _findings("La situación es ![x](file:///etc/passwd) <b>muy</b> explosiva.")
    assert markdown_parser().options["html"] is False
    html = render_html("![x](file:///etc/passwd) <b>muy</b>")
    assert "<img" not in html and "&lt;b&gt;" in html
