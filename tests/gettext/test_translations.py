"""The one wrapper between catalogues and templates: translator text is text, and a
translation whose placeholders differ from the English never crashes a render."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.po import read_po
from pliego.gettext.translations import CatalogTranslations, TemplateTranslations
from pliego.site.render import environment

WHERE = "locale/es/LC_MESSAGES/site.po"
HEADER = """msgid ""
msgstr ""
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def wrapper(*entries: tuple[str, str], context: str | None = None) -> TemplateTranslations:
    """Translations read from a real ``.po`` text, so findings carry real line numbers."""
    body = "".join(
        (f'\nmsgctxt "{context}"' if context else "\n") + f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
        for msgid, msgstr in entries
    )
    catalog = read_po((HEADER + body).encode("utf-8"), WHERE)
    return TemplateTranslations(CatalogTranslations(catalog, where=WHERE))


def site_env(t: TemplateTranslations) -> Environment:
    """The site's own Jinja2 environment (autoescape on, newstyle gettext installed)."""
    return environment(Path("."), "es", t)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    return tags


def test_every_html_special_character_is_escaped() -> None:
    t = wrapper(("Pages", "<b>&'\\\"</b>"))
    assert t.gettext("Pages") == "&lt;b&gt;&amp;&#39;&#34;&lt;/b&gt;"
    assert t.findings == ()


def test_hostile_strings_stay_text_in_an_element_and_an_attribute() -> None:
    script = "<script>alert(1)</script>"
    breakout = 'Portada de %(title)s\\" onload=\\"alert(3)'
    t = wrapper(("Skip", script), ("Cover of %(title)s", breakout))
    html = (
        site_env(t)
        .from_string(
            "<p>{{ _('Skip') }}</p><img alt=\"{{ _('Cover of %(title)s', title=title) }}\">"
        )
        .render(title="<i>x</i>")
    )
    page = parsed(html)
    assert [tag for tag, _ in page.tags] == ["p", "img"]
    assert page.tags[1][1] == {"alt": 'Portada de <i>x</i>" onload="alert(3)'}
    assert page.text == script


@pytest.mark.parametrize(
    ("msgid", "msgstr", "reason"),
    [
        ("Cover of %(title)s", "Portada de %(titulo)s", "renames %(title)s to %(titulo)s"),
        ("Cover of %(title)s", "Portada", "lacks %(title)s"),
        (
            "Cover of %(title)s",
            "Portada de %(title)s %(x)s",
            "adds %(x)s, which the English does not have",
        ),
        ("Pages", "Páginas (100 %)", "has a stray % (write %% for a percent sign)"),
        ("Pages", "Páginas %s", "has a stray % (write %% for a percent sign)"),
        ("By %(author)s", "Por %(author)d", "writes %(author)d where the English has %(author)s"),
    ],
)
def test_a_broken_placeholder_falls_back_to_the_english_with_a_finding(
    msgid: str, msgstr: str, reason: str
) -> None:
    t = wrapper((msgid, msgstr))
    env = site_env(t)
    for _ in range(3):  # asked for on every pamphlet of the page: one finding
        html = env.from_string("{{ _(m, title='T', author='A') }}").render(m=msgid)
        assert html == msgid.replace("%(title)s", "T").replace("%(author)s", "A")
    assert t.findings == (f"{WHERE}:8: the translation of {msgid!r} {reason}: the English is used",)


def test_several_reasons_are_one_finding() -> None:
    t = wrapper(("Cover of %(title)s", "100 % de %(a)s %(b)s"))
    assert t.gettext("Cover of %(title)s") == "Cover of %(title)s"
    assert t.findings == (
        f"{WHERE}:8: the translation of 'Cover of %(title)s' lacks %(title)s; adds %(a)s "
        "and %(b)s, which the English does not have; has a stray % (write %% for a percent "
        "sign): the English is used",
    )


def test_a_kept_placeholder_and_a_doubled_percent_are_served() -> None:
    t = wrapper(
        ("Cover of %(title)s", "Portada de «%(title)s»"),
        ("Pages", "Páginas (100 %%)"),
    )
    env = site_env(t)
    assert env.from_string("{{ _('Cover of %(title)s', title='<T>') }}").render() == (
        "Portada de «&lt;T&gt;»"
    )
    assert env.from_string("{{ _('Pages') }}").render() == "Páginas (100 %)"
    assert t.findings == ()
    assert t.used == {(None, "Cover of %(title)s"), (None, "Pages")}


def test_pgettext_is_judged_and_escaped_alike() -> None:
    t = wrapper(("May", "<i>mayo</i> 100 %"), context="month")
    assert t.pgettext("month", "May") == "May"
    assert t.findings == (
        f"{WHERE}:7: the translation of 'May' has a stray % (write %% for a percent sign): "
        "the English is used",
    )
    t = wrapper(("May", "<i>mayo</i>"), context="month")
    assert t.pgettext("month", "May") == "&lt;i&gt;mayo&lt;/i&gt;"


def test_no_catalogue_is_the_escaped_english_and_no_finding() -> None:
    t = TemplateTranslations(CatalogTranslations(None))
    assert t.gettext("Fish & chips") == "Fish &amp; chips"
    assert t.ngettext("%(num)d page", "%(num)d pages", 2) == "%(num)d pages"
    assert t.findings == ()


HOSTILE_TEXT = st.text(alphabet=st.sampled_from(list("%()<>&\"'/=tilesx d")), max_size=20)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        HOSTILE_TEXT,  # mostly broken placeholders: the English is used
        st.builds(lambda a, b: f"{a}%(title)s{b}", HOSTILE_TEXT, HOSTILE_TEXT),  # served
    )
)
def test_no_translation_crashes_a_render_or_adds_markup(msgstr: str) -> None:
    """Whatever a translator writes, the page renders and holds only the template's tags."""
    catalog = Catalog(messages=(Message("Cover of %(title)s", msgstr),))
    t = TemplateTranslations(CatalogTranslations(catalog, where=WHERE))
    html = (
        site_env(t)
        .from_string(
            "<img alt=\"{{ _('Cover of %(title)s', title=title) }}\"><p>{{ _('Cover of %(title)s',"
            " title=title) }}</p>"
        )
        .render(title="<t>")
    )
    page = parsed(html)
    assert [(tag, list(attrs)) for tag, attrs in page.tags] == [("img", ["alt"]), ("p", [])]
    assert page.tags[0][1]["alt"] == page.text
    if msgstr and not t.findings:  # served as the translator wrote it
        assert page.text == msgstr.replace("%%", "%").replace("%(title)s", "<t>")
