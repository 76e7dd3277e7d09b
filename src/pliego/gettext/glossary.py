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
"""

from __future__ import annotations

import csv
import io
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
