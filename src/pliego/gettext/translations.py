"""Catalogues served as Python gettext translations, for Jinja2 templates.

The pamphlet's and the site's own words are gettext strings in Jinja2
templates.  :class:`CatalogTranslations` serves them straight from a parsed
:class:`~pliego.gettext.catalog.Catalog` (no ``.mo`` step);
:class:`RecordingTranslations` wraps it for templates: every translation is
HTML-escaped (Jinja2's newstyle gettext marks them safe, translator text is
not) and every string asked for is remembered, so the release gate covers
exactly the strings a pamphlet shows.
"""

from __future__ import annotations

import gettext
import re

from markupsafe import escape

from pliego.gettext.catalog import Catalog, Key
from pliego.gettext.po import load_catalog
from pliego.project import Settings, po_path


class CatalogTranslations(gettext.NullTranslations):
    """gettext translations served from a :class:`Catalog` (no ``.mo`` step).

    ``use_fuzzy`` decides whether unreviewed entries count: a release uses
    reviewed text only, a draft shows the reviewers everything there is.
    """

    def __init__(self, catalog: Catalog | None, *, use_fuzzy: bool = False) -> None:
        super().__init__()
        self._table: dict[tuple[str | None, str], str] = {}
        if catalog is not None:
            for m in catalog.active:
                if m.msgstr and (use_fuzzy or not m.fuzzy):
                    self._table[m.key] = m.msgstr

    def gettext(self, message: str) -> str:
        return self._table.get((None, message), message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        return self._table.get((context, message), message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n == 1 else msgid2

    def lookup(self, message: str, context: str | None = None) -> str | None:
        """The translation, or ``None`` when there is none (for completeness checks)."""
        return self._table.get((context, message))


def load_translations(
    settings: Settings, lang: str, domain: str, *, use_fuzzy: bool = False
) -> CatalogTranslations:
    """The translations of a template domain; the source language gets none."""
    path = po_path(settings, lang, domain)
    if lang == settings.source_language or not path.exists():
        return CatalogTranslations(None)
    return CatalogTranslations(load_catalog(path), use_fuzzy=use_fuzzy)


_NAMED = re.compile(r"%\((\w+)\)s")


def _safe(msgid: str, msgstr: str) -> str:
    """A translation fit for a template: HTML-escaped, and only with the msgid's
    placeholders (a broken ``%(name)s`` falls back to the English)."""
    names = set(_NAMED.findall(msgid))
    if msgstr != msgid:
        try:
            msgstr % {n: "" for n in names}
        except (KeyError, ValueError, TypeError):
            msgstr = msgid
        else:
            if not set(_NAMED.findall(msgstr)) <= names:
                msgstr = msgid
    return str(escape(msgstr))


class RecordingTranslations(gettext.NullTranslations):
    """Serves a template domain safely and remembers which strings were asked for,
    so the release check covers exactly the strings the pamphlet shows.

    Jinja2's newstyle gettext marks translations as safe HTML; translator text is
    not, so every string is escaped here before Jinja sees it.
    """

    def __init__(self, inner: CatalogTranslations) -> None:
        super().__init__()
        self.inner = inner
        self.used: set[Key] = set()

    def gettext(self, message: str) -> str:
        self.used.add((None, message))
        return _safe(message, self.inner.gettext(message))

    def pgettext(self, context: str, message: str) -> str:
        self.used.add((context, message))
        return _safe(message, self.inner.pgettext(context, message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.used.add((None, msgid1))
        return _safe(msgid1 if n == 1 else msgid2, self.inner.ngettext(msgid1, msgid2, n))

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        self.used.add((context, msgid1))
        return _safe(msgid1 if n == 1 else msgid2, self.inner.npgettext(context, msgid1, msgid2, n))
