"""Is a language ready for a release pamphlet, and which text does it use?

A release pamphlet prints reviewed translations only: a fuzzy entry was
written by a machine or carried over from older English and nobody has
checked it, so it must not reach a street distributor.  Like po4a's
threshold (but strict by default) a release is refused below
``[tool.pliego.build] release-threshold`` percent, and the refusal lists
every entry that is missing or fuzzy with its ``file:line`` so a translator
can go straight to it.  A draft uses whatever there is: fuzzy text, and the
English where nothing was written, both highlighted for the reviewers.

Everything here is pure over parsed catalogues; :mod:`pliego.build` does the
reading.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import escape

from .assemble import Translate
from .catalog import Catalog, Message
from .errors import PliegoError
from .i18n import CatalogTranslations
from .segment import Article, Unit

Key = tuple[str | None, str]

#: How many gaps a refusal spells out; the rest are counted (``invoke status`` has them all).
MAX_LISTED = 60


@dataclass(frozen=True)
class Gap:
    """One entry a release cannot use: where it is and how it begins."""

    path: str
    line: int | None
    state: str  # "untranslated" | "fuzzy" | "not in the catalogue"
    text: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.state}: {preview(self.text)}"


@dataclass(frozen=True)
class Readiness:
    """Reviewed entries of one domain against the entries the pamphlet needs."""

    domain: str
    path: str
    total: int
    reviewed: int
    gaps: tuple[Gap, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    @property
    def fuzzy(self) -> int:
        return sum(1 for g in self.gaps if g.state == "fuzzy")

    @property
    def untranslated(self) -> int:
        return len(self.gaps) - self.fuzzy


def preview(text: str, words: int = 8) -> str:
    """The first words of an entry, on one line."""
    parts = text.split()
    head = " ".join(parts[:words])
    return f"“{head}…”" if len(parts) > words else f"“{head}”"


def unit_key(unit: Unit, catalog: Catalog | None) -> Key:
    """The catalogue key of a unit: extraction adds the kind as ``msgctxt`` only
    when the same text occurs as different kinds, so try that first."""
    if catalog is not None and (unit.kind, unit.msgid) in catalog.by_key():
        return (unit.kind, unit.msgid)
    return (None, unit.msgid)


def _gap(key: Key, message: Message | None, path: str,
         fallback: tuple[str, int | None]) -> Gap | None:
    if message is not None and message.translated:
        return None
    if message is None:
        return Gap(fallback[0], fallback[1], "not in the catalogue", key[1])
    state = "fuzzy" if message.fuzzy else "untranslated"
    return Gap(path, message.lineno or None, state, key[1])


def article_readiness(article: Article, catalog: Catalog | None, po_path: str) -> Readiness:
    """Every distinct unit of the article must have a reviewed translation."""
    table = catalog.by_key() if catalog is not None else {}
    seen: dict[Key, Gap | None] = {}
    for unit in article.units:
        key = unit_key(unit, catalog)
        if key not in seen:
            seen[key] = _gap(key, table.get(key), po_path, (article.path, unit.line))
    gaps = tuple(g for g in seen.values() if g is not None)
    return Readiness(article.slug, po_path, len(seen), len(seen) - len(gaps), gaps)


def strings_readiness(domain: str, used: Iterable[Key], catalog: Catalog | None,
                      po_path: str) -> Readiness:
    """The pamphlet's own strings: only those the pamphlet actually shows count."""
    table = catalog.by_key() if catalog is not None else {}
    keys = set(used)
    found = [g for k in keys if (g := _gap(k, table.get(k), po_path, (po_path, None))) is not None]
    gaps = tuple(sorted(found, key=lambda g: (g.line or 0, g.text)))
    return Readiness(domain, po_path, len(keys), len(keys) - len(gaps), gaps)


#: The longest translation a pamphlet accepts (the article's longest paragraph has ~1,000
#: characters): anything near a megabyte is a paste gone wrong, or an attack on the build's time.
MAX_TRANSLATION = 200_000


def oversized(catalog: Catalog | None) -> Message | None:
    """The first entry whose translation is too long to be a real one."""
    if catalog is None:
        return None
    return next((m for m in catalog.active if len(m.msgstr) > MAX_TRANSLATION), None)


def article_translator(article: Article, catalog: Catalog | None, *,
                       use_fuzzy: bool) -> Translate:
    """``Translate`` for :func:`pliego.assemble.render_document`: reviewed text
    (plus fuzzy text in a draft), the English otherwise."""
    table = catalog.by_key() if catalog is not None else {}

    def translate(unit: Unit) -> str:
        message = table.get(unit_key(unit, catalog))
        if message is None or not message.msgstr:
            return unit.msgid
        if message.fuzzy and not use_fuzzy:
            return unit.msgid
        return message.msgstr

    return translate


# --------------------------------------------------------------------------- marks
#
# Showing reviewers, in a draft, which passages are not reviewed translations:
# fuzzy text is highlighted in one colour, text still in English for lack of a
# translation in another, and the English fallback is tagged with its language
# (so it is hyphenated as English, in a lowered-threshold release too).
#
# How: the translate function brackets such a unit's text with private-use
# characters; after markdown-it has rendered the document (raw HTML disabled),
# apply_marks turns the brackets into <span> elements.  Marks only ever bracket
# a whole unit, and only units that become block text (never front matter or
# image alt text, which end up in attributes); any private-use mark a
# translator typed is removed first, and marks that would fall inside a tag are
# dropped, so a translation cannot forge or misplace a tag.

FUZZY, MISSING, END = "\ue000", "\ue001", "\ue002"
_ALL = str.maketrans({FUZZY: None, MISSING: None, END: None})
#: Unit kinds rendered as block text; the others (front matter, alt text) are not marked.
MARKABLE = frozenset({"paragraph", "heading", "list_item", "blockquote", "footnote",
                      "table_cell"})
_TAG = re.compile(r"<[^>]*>")


def marking_translator(article: Article, catalog: Catalog | None, *,
                       draft: bool) -> Translate:
    """Like :func:`pliego.readiness.article_translator`, with marks around fuzzy
    (draft only) and missing (English) text."""
    table = catalog.by_key() if catalog is not None else {}

    def translate(unit: Unit) -> str:
        message = table.get(unit_key(unit, catalog))
        if message is not None and message.msgstr and (draft or not message.fuzzy):
            text, state = message.msgstr.translate(_ALL), "fuzzy" if message.fuzzy else ""
        else:
            text, state = unit.msgid.translate(_ALL), "missing"
        if not state or unit.kind not in MARKABLE:
            return text
        return (FUZZY if state == "fuzzy" else MISSING) + text + END

    return translate


def apply_marks(html: str, source_lang: str) -> str:
    """Turn the marks into spans (see the module docstring); pure."""
    html = _TAG.sub(lambda m: m.group(0).translate(_ALL), html)
    html = html.replace(FUZZY, '<span class="pl-fuzzy">')
    html = html.replace(MISSING, f'<span class="pl-missing" lang="{source_lang}">')
    return html.replace(END, "</span>")




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
        return _safe(msgid1 if n == 1 else msgid2,
                     self.inner.npgettext(context, msgid1, msgid2, n))


class ReleaseRefused(PliegoError):
    """A release build of a language whose reviewed translation is not complete enough."""

    def __init__(self, lang: str, threshold: float, found: tuple[Readiness, ...]) -> None:
        self.lang = lang
        self.threshold = threshold
        self.found = found
        below = [r for r in found if r.percent < threshold]
        lines = [f"not building a release of {lang!r}: below the release threshold of "
                 f"{threshold:g}% reviewed"]
        lines += [f"  {r.domain}: {r.reviewed} of {r.total} reviewed ({r.percent:.1f}%), "
                  f"{r.fuzzy} fuzzy, {r.untranslated} untranslated ({r.path})" for r in below]
        gaps = [g for r in below for g in r.gaps]
        lines.append("entries a release needs translated and reviewed:")
        lines += ["  " + str(g) for g in gaps[:MAX_LISTED]]
        if len(gaps) > MAX_LISTED:
            lines.append(f"  … and {len(gaps) - MAX_LISTED} more (invoke status --lang {lang})")
        if any(g.state == "not in the catalogue" for g in gaps):
            lines.append("entries not in the catalogue: run `invoke extract` and "
                         "`invoke update` first")
        lines.append("translate them and remove the fuzzy mark once checked, or make a proof "
                     f"for reviewers: invoke build --lang {lang} --draft")
        super().__init__("\n".join(lines))
