"""The article's proper names, kept away from machine translation.

Why: engines translate names that are also words ("Riverside Logistics" →
"Logística de Ribera"), and the glossary's do-not-translate rows only know the
names someone typed in.  So every article gets a names list beside it,
``source/<slug>.names.txt``: one name per line, ``#`` starts a comment.
Prefill writes it the first time it meets the article, from what
:func:`collect` finds, and from then on only reads it, so the editor's
corrections (a name removed, one added) are what is masked.  Masking is the
same as for do-not-translate glossary terms (:mod:`.masking`, rule 6).

Decision: the list is made by prefill, not by ``invoke extract``, because
prefill is the stage that uses it (this also keeps ``extract`` unchanged).

What :func:`collect` takes, from the article's translatable units (headings
and the title are left out: English title case capitalises every word):

1. the ``author`` of the front matter (a string or a list), whole when it reads
   as a name (every word capitalised but particles: "KD Tait", "José de la
   Cruz"); an author written as a description ("Riverside Hospital branch,
   Health and Facilities Workers’ Union", which a translation renders) gives
   only the names rule 2 finds in it;
2. runs of two or more capitalised words ("Riverside Logistics", "Pedro
   Castillo"), without a leading "The", "On", "In" … at a sentence start;
3. acronyms of two to six capitals (``CGTP``, ``SNMPE``), but not an
   all-capitals run-in opening ("PERU HAS been …");

minus month and day names and anything the glossary already rules on (a
term with a rendering must be rendered, not kept).  Single capitalised
words are not taken: English capitalises nationalities and languages
("Peruvian", "Spanish") and names that another language writes its own way
("Peru" → "Perú"); Apertium leaves words it does not know as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pliego.languages import MONTHS_EN
from pliego.markdown.segment import parse_article, split_sentences

DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Capitalised only because they open a sentence.
_OPENER_WORDS = (
    "The A An In On At Of For From By To As But And Or So If When While After Before "
    "Since During This That These Those Our Their His Her Its We They It"
)
_OPENERS = frozenset(_OPENER_WORDS.split())
_WORD = r"[A-Z][\w’'-]*[\w]"
_RUN = re.compile(rf"(?<![\w’'-]){_WORD}(?:[ \u00a0]+{_WORD})+(?![\w’'-])")
_ACRONYM = re.compile(r"(?<![\w’'-])[A-Z]{2,6}(?![\w’'-])")
_SKIP = frozenset((*MONTHS_EN, *DAYS_EN))
HEADER = (
    "# Names in this article that machine translation must leave as they are,\n"
    "# one per line. Written by `invoke prefill` from the article; correct it\n"
    "# freely (remove what is not a name, add what is missing): prefill reads it.\n"
)


def names_path(article: Path) -> Path:
    """``source/<slug>.names.txt`` beside ``source/<slug>.md``."""
    return article.with_name(article.stem + ".names.txt")


def _authors(front: Any) -> list[str]:
    value = front.get("author") if hasattr(front, "get") else None
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def _runs(sentence: str) -> Iterable[str]:
    for m in _RUN.finditer(sentence):
        words = m.group(0).split()
        if m.start() == len(sentence) - len(sentence.lstrip()) and words[0] in _OPENERS:
            words = words[1:]
        words = [w for w in words if w not in _SKIP]
        if len(words) >= 2 and not all(w.isupper() for w in words):
            yield " ".join(words)
    for m in _ACRONYM.finditer(sentence):
        after = sentence[m.end() : m.end() + 2]
        run_in = m.start() == 0 and re.match(r" [A-Z]", after)
        if not run_in and not re.search(r"[A-Z]{2,} $", sentence[: m.start()]):
            yield m.group(0)


#: Lower-case words a personal name may hold ("José de la Cruz", "Ludwig van Beethoven").
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "los",
        "y",
        "e",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
    ]
)


def _reads_as_name(author: str) -> bool:
    words = re.findall(r"[\w’'-]+", author)
    return bool(words) and all(w[0].isupper() or w in _PARTICLES for w in words)


def collect(
    texts: Sequence[str], authors: Sequence[str] = (), ruled: Iterable[str] = ()
) -> list[str]:
    """Proper names in ``texts`` (first-seen order), see the module docstring (pure).

    ``ruled`` are the glossary's terms: a name that is one of them, or part
    of one, is left to the glossary.
    """
    ruled_terms = [t.casefold() for t in ruled]
    found: dict[str, None] = {}
    for author in (a for a in authors if a):
        if _reads_as_name(author):
            found.setdefault(author, None)
        else:
            for name in _runs(author):
                found.setdefault(name, None)
    for text in texts:
        for sentence in split_sentences(re.sub(r"`[^`]*`|\]\([^)]*\)", " ", text)):
            for name in _runs(sentence):
                found.setdefault(name, None)
    return [n for n in found if not any(n.casefold() in t for t in ruled_terms)]


def parse_names(text: str) -> list[str]:
    """The names of a names list: one per line, blank lines and ``#`` comments skipped."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def article_names(article: Path, ruled: Iterable[str] = ()) -> tuple[list[str], bool]:
    """The article's names list, or what :func:`collect` finds if it has none.

    Returns the names and whether they still have to be written
    (:func:`write_names`): prefill writes them only once its run went
    through, so a task that fails leaves every file as it was.
    """
    path = names_path(article)
    if path.exists():
        return parse_names(path.read_text(encoding="utf-8-sig")), False
    parsed = parse_article(article.read_text(encoding="utf-8"), str(article))
    texts = [u.msgid for u in parsed.units if u.kind not in ("heading", "title")]
    return collect(texts, _authors(parsed.front_matter), ruled), True


def write_names(article: Path, names: Sequence[str]) -> Path:
    """Write ``source/<slug>.names.txt`` with a header saying what it is for."""
    path = names_path(article)
    path.write_text(HEADER + "".join(f"{n}\n" for n in names), encoding="utf-8")
    return path
