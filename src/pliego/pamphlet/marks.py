"""Draft highlighting: which passages of a proof are not reviewed translations.

Showing reviewers, in a draft, which passages are not reviewed translations:
fuzzy text is highlighted in one colour, text still in English for lack of a
translation in another, and the English fallback is tagged with its language
(so it is hyphenated as English, in a lowered-threshold release too).

How: the translate function brackets such a unit's text with private-use
characters; after markdown-it has rendered the document (raw HTML disabled),
apply_marks turns the brackets into <span> elements.  Marks only ever bracket
a whole unit, and only units that become block text (never front matter or
image alt text, which end up in attributes); any private-use mark a
translator typed is removed first, and marks that would fall inside a tag are
dropped, so a translation cannot forge or misplace a tag.
"""

from __future__ import annotations

import re

from pliego.gettext.catalog import Catalog
from pliego.markdown.assemble import Translate
from pliego.markdown.segment import Article, Unit
from pliego.pamphlet.release import unit_key

FUZZY, MISSING, END = "\ue000", "\ue001", "\ue002"
_ALL = str.maketrans({FUZZY: None, MISSING: None, END: None})
#: Unit kinds rendered as block text; the others (front matter, alt text) are not marked.
MARKABLE = frozenset(
    {"paragraph", "heading", "list_item", "blockquote", "footnote", "table_cell", "image_caption"}
)
_TAG = re.compile(r"<[^>]*>")


def marking_translator(article: Article, catalog: Catalog | None, *, draft: bool) -> Translate:
    """Like :func:`pliego.pamphlet.release.article_translator`, with marks around fuzzy
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
