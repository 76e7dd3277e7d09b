"""Links on paper: the address after the link text, breakable, shown once."""

from __future__ import annotations

import pytest

from pliego.markdown.assemble import render_document
from pliego.markdown.segment import parse_article
from pliego.pamphlet.links import breakable, print_addresses, shown_address


@pytest.mark.parametrize(
    ("href", "shown"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        ("mailto:ana@example.org", "ana@example.org"),
        ("mailto:ana%40example.org?subject=Hola", "ana@example.org"),
        ("#section", None),
        ("ftp://example.org/file", None),
        ("other.md", None),
    ],
)
def test_shown_address(href: str, shown: str | None) -> None:
    assert shown_address(href) == shown


def test_breaks_only_after_slash_dot_hyphen_and_not_in_the_scheme() -> None:
    assert breakable("https://a-b.org/x/y") == "https://a-<wbr>b.<wbr>org/<wbr>x/<wbr>y"
    assert breakable("ana@ex.org") == "ana@ex.<wbr>org"
    assert breakable('https://e.org/?q="<x>"') == "https://e.<wbr>org/<wbr>?q=&quot;&lt;x&gt;&quot;"


def _html(markdown: str) -> str:
    article = parse_article('---\ntitle: "T"\n---\n\n' + markdown + "\n", "a.md")
    return render_document(article, lambda u: u.msgid, print_addresses)[1].strip() + "\n"


def test_the_address_follows_the_link_and_is_a_link_too() -> None:
    html = _html("Sign [the petition](https://ex.org/p) today, or [write](mailto:a@ex.org).")
    assert html == (
        '<p>Sign <a href="https://ex.org/p">the petition</a> (<a class="link-address" '
        'href="https://ex.org/p">https://ex.<wbr>org/<wbr>p</a>) today, or '
        '<a href="mailto:a@ex.org">write</a> (<a class="link-address" '
        'href="mailto:a@ex.org">a@ex.<wbr>org</a>).</p>\n'
    )


def test_a_link_that_is_its_address_is_not_repeated() -> None:
    html = _html("See <https://ex.org/a> and [a@ex.org](mailto:a@ex.org).")
    assert html.count("ex.<wbr>org") == 2 and "(" not in html
    assert '<a href="https://ex.org/a"><span class="link-address">' in html


def test_internal_links_and_footnotes_are_left_alone() -> None:
    html = _html("See [above](#top) and a note.[^1]\n\n[^1]: The note.")
    assert "link-address" not in html
