"""Catalogues served as Python gettext translations, for Jinja2 templates.

The pamphlet's and the site's own words are gettext strings in Jinja2
templates.  :class:`CatalogTranslations` serves them straight from a parsed
:class:`~pliego.gettext.catalog.Catalog` (no ``.mo`` step).
:class:`TemplateTranslations` is the one way a template gets them, for the
pamphlet and the site alike: translator text is text, so every translation is
HTML-escaped (Jinja2's newstyle gettext wraps whatever it gets in ``Markup``
and then formats it with ``%``); a translation that breaks the placeholder
rule of :mod:`pliego.gettext.placeholders` would crash that ``%`` or drop a
title, so the English is used instead and a finding says so; and every string
asked for is remembered, so the release gate covers exactly the strings a
pamphlet shows.
"""

from __future__ import annotations

import gettext

from markupsafe import escape

from pliego.gettext.catalog import Catalog, Key
from pliego.gettext.placeholders import mismatches
from pliego.gettext.po import load_catalog
from pliego.paths import po_path, relative
from pliego.project import Settings


class CatalogTranslations(gettext.NullTranslations):
    """gettext translations served from a :class:`Catalog` (no ``.mo`` step).

    ``use_fuzzy`` decides whether unreviewed entries count: a release uses
    reviewed text only, a draft shows the reviewers everything there is.
    ``where`` names the file as findings show it (``locale/es/LC_MESSAGES/site.po``).
    """

    def __init__(
        self, catalog: Catalog | None, *, use_fuzzy: bool = False, where: str = ""
    ) -> None:
        super().__init__()
        self.where = where
        self._table: dict[Key, str] = {}
        self._lines: dict[Key, int] = {}
        if catalog is not None:
            for m in catalog.active:
                if m.msgstr and (use_fuzzy or not m.fuzzy):
                    self._table[m.key] = m.msgstr
                    self._lines[m.key] = m.lineno

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

    def line(self, key: Key) -> int:
        """The line of an entry's translation in its file (0 when unknown)."""
        return self._lines.get(key, 0)


def load_translations(
    settings: Settings, lang: str, domain: str, *, use_fuzzy: bool = False
) -> CatalogTranslations:
    """The translations of a template domain; the source language gets none."""
    path = po_path(settings, lang, domain)
    if lang == settings.source_language or not path.exists():
        return CatalogTranslations(None)
    return CatalogTranslations(
        load_catalog(path), use_fuzzy=use_fuzzy, where=relative(settings, path)
    )


def _shown(msgid: str, limit: int = 60) -> str:
    """A msgid as a finding quotes it: whole when short, else its start."""
    return repr(msgid if len(msgid) <= limit else msgid[: limit - 1] + "…")


class TemplateTranslations(gettext.NullTranslations):
    """Translator text fit for a Jinja2 template: escaped, with the English's
    placeholders, and remembered (see the module docstring).

    Jinja2 (``install_gettext_translations(..., newstyle=True)``) calls these
    methods, marks the result ``Markup`` when the template autoescapes and
    formats it with the template's variables, which ``Markup`` escapes in
    turn; so the string returned here must already be safe HTML.  Every
    template of pliego autoescapes (a template that did not would show
    ``&lt;`` where a translator typed ``<``).
    """

    def __init__(self, inner: CatalogTranslations) -> None:
        super().__init__()
        self.inner = inner
        self.used: set[Key] = set()
        self._findings: dict[Key, str] = {}

    @property
    def findings(self) -> tuple[str, ...]:
        """One line per translation the English stood in for, in the order met."""
        return tuple(self._findings.values())

    def _safe(self, key: Key, english: str, text: str, plural: str | None = None) -> str:
        """``text`` escaped, or ``english`` when ``text`` breaks the placeholder rule
        (``plural``: the entry's msgid_plural, for a form of a plural entry)."""
        if text != english:
            reasons = mismatches(key[1], text, plural)
            if reasons:
                if key not in self._findings:
                    line = self.inner.line(key)
                    where = f"{self.inner.where}:{line}" if line else self.inner.where
                    self._findings[key] = (
                        f"{where}: the translation of {_shown(key[1])} "
                        f"{'; '.join(reasons)}: the English is used"
                    )
                text = english
        return str(escape(text))

    def gettext(self, message: str) -> str:
        key = (None, message)
        self.used.add(key)
        return self._safe(key, message, self.inner.gettext(message))

    def pgettext(self, context: str, message: str) -> str:
        key = (context, message)
        self.used.add(key)
        return self._safe(key, message, self.inner.pgettext(context, message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        key = (None, msgid1)
        self.used.add(key)
        english = msgid1 if n == 1 else msgid2
        return self._safe(key, english, self.inner.ngettext(msgid1, msgid2, n), msgid2)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        key = (context, msgid1)
        self.used.add(key)
        english = msgid1 if n == 1 else msgid2
        return self._safe(key, english, self.inner.npgettext(context, msgid1, msgid2, n), msgid2)
