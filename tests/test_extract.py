"""Template domains: Babel's Jinja2 extraction into a .pot, served back through gettext."""

from __future__ import annotations

from pathlib import Path

from pliego.extract import extract_template_domain, extract_templates
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.po import load_catalog
from pliego.gettext.translations import CatalogTranslations
from pliego.project import read_settings
from tests.conftest import msgfmt_check


def test_jinja_strings_become_a_template(project: Path) -> None:
    folder = project / "styles" / "pamphlet"
    folder.mkdir(parents=True)
    (folder / "cover.html").write_text(
        "<p>{{ _('Page') }}</p>\n"
        "{# TRANSLATORS: shown under the title on the cover #}\n"
        "<p>{% trans %}A pamphlet\n   in {{ language }}{% endtrans %}</p>\n"
        "<p>{{ pgettext('colophon', 'Source') }}</p>\n<p>{{ _('Page') }}</p>\n",
        encoding="utf-8",
    )
    settings = read_settings(project)
    result = extract_template_domain(settings, "pamphlet")
    assert result is not None and result.written and result.messages == 3
    pot = load_catalog(project / "locale" / "pamphlet.pot")
    ids = [(m.msgctxt, m.msgid) for m in pot.messages]
    assert ids == [(None, "Page"), (None, "A pamphlet in %(language)s"), ("colophon", "Source")]
    assert pot.messages[0].locations == (
        ("styles/pamphlet/cover.html", 1),
        ("styles/pamphlet/cover.html", 6),
    )
    assert pot.messages[1].auto_comments == ("shown under the title on the cover",)
    assert msgfmt_check(project / "locale" / "pamphlet.pot").returncode == 0
    again = extract_template_domain(settings, "pamphlet")
    assert again is not None and not again.written


def test_template_strings_with_placeholders_are_python_format(project: Path) -> None:
    """So that msgfmt -c, Poedit and Weblate check what Jinja2 will format with %."""
    folder = project / "styles" / "site"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        "<p>{{ _('Pages') }}</p><p>{{ _('Cover of %(title)s', title=t) }}</p>\n"
        "<p>{% trans n=3 %}{{ n }}% done{% endtrans %}</p><p>{{ _('Sure') }}</p>\n",
        encoding="utf-8",
    )
    settings = read_settings(project)
    extract_template_domain(settings, "site")
    pot = load_catalog(project / "locale" / "site.pot")
    assert [(m.msgid, m.flags) for m in pot.messages] == [
        ("Pages", ()),
        ("Cover of %(title)s", ("python-format",)),
        ("%(n)s%% done", ("python-format",)),  # a {% trans %} block doubles the %
        ("Sure", ()),
    ]
    po = project / "locale" / "es" / "LC_MESSAGES" / "site.po"
    po.parent.mkdir(parents=True)
    text = (
        (project / "locale" / "site.pot")
        .read_text("utf-8")
        .replace('"Language: \\n"', '"Language: es\\n"')
    )
    po.write_text(
        text.replace('%(title)s"\nmsgstr ""', '%(title)s"\nmsgstr "Portada de %(titulo)s"'),
        encoding="utf-8",
    )
    rejected = msgfmt_check(po)
    assert rejected.returncode == 1
    assert "a format specification for argument 'title' doesn't exist" in rejected.stderr


def test_no_templates_no_domain(project: Path) -> None:
    assert extract_template_domain(read_settings(project), "site") is None
    assert extract_templates(project / "source", "source") == []


def test_release_translations_skip_fuzzy() -> None:
    catalog = Catalog(
        messages=(
            Message("Page", "Página"),
            Message("Source", "Fuente", flags=("fuzzy",)),
            Message("Back", "Atrás", msgctxt="nav"),
        )
    )
    release = CatalogTranslations(catalog)
    draft = CatalogTranslations(catalog, use_fuzzy=True)
    assert release.gettext("Page") == "Página"
    assert release.gettext("Source") == "Source"
    assert release.lookup("Source") is None
    assert draft.gettext("Source") == "Fuente"
    assert release.pgettext("nav", "Back") == "Atrás"
    assert release.gettext("Back") == "Back"
