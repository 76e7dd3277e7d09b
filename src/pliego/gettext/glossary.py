"""The project glossary: ``locale/glossary.csv``.

A plain CSV (UTF-8, comma separated, header row) because translators open it
in a spreadsheet and Weblate/Poedit users already know the format.  Columns:

``en``
    the English term as it appears in the article.
``es``, ``qu`` (one column per target language)
    the required rendering; empty means "no rule".
``do_not_translate``
    ``yes`` when the term must stay exactly as in English in every language
    (names, acronyms such as CGTP); the language columns are then ignored.
``note``
    free text for translators.

The CSV stays the one place terms are edited; :func:`glossary_tbx` turns it
into the per-language TBX files a Weblate glossary component reads.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import PliegoError

GLOSSARY_NAME = "glossary.csv"


@dataclass(frozen=True)
class Term:
    en: str
    renderings: tuple[tuple[str, str], ...] = ()
    do_not_translate: bool = False
    note: str = ""

    def rendering(self, lang: str) -> str | None:
        if self.do_not_translate:
            return self.en
        for code, text in self.renderings:
            if code == lang and text:
                return text
        return None


def parse_glossary(text: str, path: str = GLOSSARY_NAME) -> tuple[Term, ...]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "en" not in reader.fieldnames:
        raise PliegoError("the glossary needs a header row with an 'en' column", path=path, line=1)
    langs = [c for c in reader.fieldnames if c not in ("en", "do_not_translate", "note")]
    terms: list[Term] = []
    for row in reader:
        en = (row.get("en") or "").strip()
        if not en:
            continue
        dnt = (row.get("do_not_translate") or "").strip().lower()
        if dnt not in ("", "yes", "no", "y", "n", "true", "false"):
            raise PliegoError(
                f"do_not_translate must be 'yes' or empty, not {dnt!r}",
                path=path,
                line=reader.line_num,
            )
        terms.append(
            Term(
                en=en,
                renderings=tuple((c, (row.get(c) or "").strip()) for c in langs),
                do_not_translate=dnt in ("yes", "y", "true"),
                note=(row.get("note") or "").strip(),
            )
        )
    return tuple(terms)


def read_glossary(path: Path) -> tuple[Term, ...]:
    """The glossary at ``path``, or no terms when the file does not exist."""
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PliegoError(f"the glossary is not UTF-8 ({exc.reason})", path=path) from None
    return parse_glossary(text, str(path))


# --------------------------------------------------------------------------- TBX for Weblate

#: Where :func:`glossary_tbx` files go: ``locale/glossary/<lang>.tbx``, the file mask
#: of a Weblate glossary component (docs/weblate.md).
TBX_FOLDER = "glossary"

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TBX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" '
    '"TBXcdv04.dtd">\n'
)


def alternatives(rendering: str) -> tuple[str, ...]:
    """A rendering's ``|`` alternatives, trimmed, empty ones dropped."""
    return tuple(a.strip() for a in rendering.split("|") if a.strip())


def glossary_tbx(terms: tuple[Term, ...], source: str, lang: str) -> bytes:
    """The glossary as TBX for one target language, the way Weblate imports it (pure).

    Why TBX and not a per-language CSV: TBX carries what the CSV says and
    Weblate's CSV does not, each as Weblate's TBX documentation reads it.  A
    ``do_not_translate`` name gets ``<descrip type="Translation needed">No</descrip>``
    (Weblate: a read-only, untranslatable term) and no target; ``|``
    alternatives become one ``<tig>`` each; the note becomes the concept's
    ``<descrip>`` (Weblate: the source string's explanation).  A term with no
    rendering in ``lang`` is there untranslated, so the glossary lists every
    term.  Element order and indentation are fixed, so an unchanged glossary
    gives unchanged bytes.
    """
    root = ET.Element("martif", {"type": "TBX", _XML_LANG: source})
    desc = ET.SubElement(
        ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc"
    )
    ET.SubElement(
        desc, "p"
    ).text = (
        f"Generated from locale/{GLOSSARY_NAME} by `invoke extract`: edit that file, not this one."
    )
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in terms:
        entry = ET.SubElement(body, "termEntry")
        if term.note:
            ET.SubElement(entry, "descrip").text = term.note
        if term.do_not_translate:
            ET.SubElement(entry, "descrip", {"type": "Translation needed"}).text = "No"
        _lang_set(entry, source, (term.en,))
        if not term.do_not_translate:
            _lang_set(entry, lang, alternatives(term.rendering(lang) or ""))
    ET.indent(root, space="  ")
    return (_TBX_HEAD + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _lang_set(entry: ET.Element, lang: str, terms: tuple[str, ...]) -> None:
    if not terms:
        return
    lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
    for text in terms:
        ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = text
