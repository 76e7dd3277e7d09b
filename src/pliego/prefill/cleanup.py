"""Clean-up after the engine: the defects a machine can avoid, removed before writing.

Apertium (and, to a lesser degree, every engine) leaves marks a translator has
to remove by hand before reading the sense: doubled spaces where it dropped a
word ("por qué  estamos"), a space before a full stop or inside quotes
("trabajadores !", ``"acción justa "``), a draft that starts with a space, and
questions without Spain's opening ``¿``.  Each rule below is small and pure and
tested on real ``apertium -u eng-spa`` output
(``tests/prefill/data/apertium_raw.json``, collected by the script beside it).

:func:`clean` runs on the engine's answer while the markup is still masked
(``{0}`` placeholders, see :mod:`.masking`), so code spans, URLs and hard line
breaks are never touched, and only on machine drafts: the translation memory's
answers are reviewed human text and are written as they are.

The rules, in the order they run (rule 8 first, where the engine has a
dictionary):

1. **Edges**: the draft gets the source's leading and trailing white space
   instead of its own (engines strip it or, like Apertium, add one).
2. **Runs**: a run of spaces or tabs is one space, unless the source itself
   has such a run.
3. **Before punctuation**: no space before ``.,;:!?``, unless the source has a
   space before that mark (French-style English keeps it).
4. **Inside quotes and brackets**: no space after an opening ``( [ “ ‘ ¿ ¡``
   or before a closing ``) ] ” ’``; straight double quotes are paired in order
   (odd ones open, even ones close) when the draft has an even number of them.
5. **Spanish marks** (es, gl, ast): a question or exclamation that the source
   also asks or exclaims opens with ``¿`` or ``¡``, placed at the start of
   its clause (after the previous ``.?!…:;``), inside an opening quote that
   closes right after the mark.
6. **Apostrophes**: where the source writes ``’`` and never ``'``, a straight
   ``'`` in the draft is ``’`` (Apertium turns "‘president’" into
   "‘presidente'", an opened quote that never closes).
7. **French spacing** (fr): a narrow no-break space (U+202F) before ``; ! ?``
   and before a ``:`` that ends a clause, and inside ``« »``.
8. **Glued words** (Apertium): Apertium writes the words it translates a
   hyphenated English compound into without spaces ("an eight-week
   campaign" → "Una campañadeocho semanas", "right-wing parties" →
   "Fiestasdeala derecha").  Where the source has such a compound, a draft
   word that the target's dictionary does not know, and that the source
   does not contain (and that is in lower case after its first letter), is
   split into the fewest words the dictionary knows,
   not counting *de*/*del*, which nearly every such translation has (ties:
   the most linking words): "campaña de ocho", "huelga de dos" (not
   "huelga dedos"), "fiestas de ala" (not "de a la").
   The dictionary is Apertium's own analyser (:class:`.apertium.Lexicon`),
   passed in, so the rule stays pure; without one it does nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

from pliego.prefill.engine import split_edges

#: Languages that open questions and exclamations with ¿ and ¡ (as the check).
INVERTED = frozenset({"es", "gl", "ast"})
NNBSP = "\u202f"
_OPENERS = "([“‘¿¡"
_CLOSERS = ")]”’"


def _base(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0]


def edges(source: str, draft: str) -> str:
    """Rule 1: the source's leading and trailing white space around the draft."""
    lead, _, trail = split_edges(source)
    return lead + draft.strip() + trail


def runs(source: str, draft: str) -> str:
    """Rule 2: collapse runs of spaces or tabs the source does not have."""
    if re.search(r"[ \t]{2,}", source):
        return draft
    return re.sub(r"[ \t]{2,}", " ", draft)


def before_punctuation(source: str, draft: str) -> str:
    """Rule 3: no space before ``.,;:!?`` unless the source spaces that mark too."""
    keep = {m.group(1) for m in re.finditer(r"[ \t]([.,;:!?])", source)}
    return re.sub(
        r"(?<=\S)[ \t]+([.,;:!?])",
        lambda m: m.group(0) if m.group(1) in keep else m.group(1),
        draft,
    )


def inside_quotes(source: str, draft: str) -> str:
    """Rule 4: no space just inside quotes and brackets the source keeps tight."""
    out = re.sub(f"([{re.escape(_OPENERS)}])[ \t]+", r"\1", draft)
    out = re.sub(f"(?<=\\S)[ \t]+([{re.escape(_CLOSERS)}])", r"\1", out)
    if out.count('"') % 2 or re.search(r'"\s+\S[^"]*\S\s+"', source):
        return out
    parts = out.split('"')
    for i in range(1, len(parts), 2):  # the text between an opening and a closing quote
        parts[i] = parts[i].strip(" \t")
    return '"'.join(parts)


def spanish_marks(source: str, draft: str, lang: str) -> str:
    """Rule 5: ``¿…?`` and ``¡…!`` where the source asks or exclaims (es, gl, ast)."""
    if _base(lang) not in INVERTED:
        return draft
    out = draft
    for opener, closer in (("¿", "?"), ("¡", "!")):
        if closer not in source:
            continue
        pos = 0
        while (end := out.find(closer, pos)) != -1:
            mark = end
            while mark > 0 and out[mark - 1] in "?!":  # "?!": one clause, "¡¿…?!"
                mark -= 1
            start = _clause_start(out, mark)
            if opener not in out[start:end]:
                out = out[:start] + opener + out[start:]
                end += 1
            pos = end + 1
    return out


def _clause_start(text: str, end: int) -> int:
    """Where the clause ending at ``text[end]`` begins: after the last ``.?!…:;``."""
    start = max(text.rfind(mark, 0, end) for mark in ".!?…:;") + 1
    while start < end and text[start] in " \t":
        start += 1
    # An opening quote stays outside the mark unless the quote closes right after it.
    after = text[end + 1 : end + 2]
    if start < end and text[start] in '"“‘«(' and after and after in '"”’»)':
        start += 1
    return start


def apostrophes(source: str, draft: str) -> str:
    """Rule 6: the source's typographic apostrophe and closing quote, not ``'``."""
    if "’" in source and "'" not in source:
        return draft.replace("'", "’")
    return draft


def french_spacing(draft: str, lang: str) -> str:
    """Rule 7: narrow no-break spaces before ``;!?``, a clause-ending ``:`` and inside ``« »``."""
    if _base(lang) != "fr":
        return draft
    out = re.sub(r"(?<=[^\s;:!?])[ \u00a0\u202f]*([;!?])", NNBSP + r"\1", draft)
    out = re.sub(r"(?<=[^\s\d;:!?])[ \u00a0\u202f]*:(?=\s|$)", NNBSP + ":", out)
    out = re.sub(r"«[ \u00a0\u202f]*", "«" + NNBSP, out)
    return re.sub(r"[ \u00a0\u202f]*»", NNBSP + "»", out)


#: Which of some words a dictionary knows (rule 8): :class:`.apertium.Lexicon`.
Lexicon = Callable[[Iterable[str]], set[str]]
#: Linking words Apertium glues into a compound's translation, weighted for ties (rule 8).
_LINKS = {"de": 2, "del": 2} | dict.fromkeys(
    ("a", "al", "la", "el", "lo", "los", "las", "que", "en", "con", "por", "para", "bien"), 1
)
_COMPOUND = re.compile(r"[^\W\d_]-[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]{6,}")


def _pieces(word: str, known: set[str]) -> list[str] | None:
    """``word`` as the fewest known words besides *de*/*del* (ties: most linking
    words), or ``None``."""
    lower = word.lower()
    # best[i]: (pieces other than de/del, -links, cut positions) for the prefix lower[:i]
    best: list[tuple[int, int, tuple[int, ...]] | None] = [None] * (len(lower) + 1)
    best[0] = (0, 0, ())
    for i in range(len(lower)):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, len(lower) + 1):
            piece = lower[i:j]
            if piece not in known or (len(piece) == 1 and piece not in "ayo"):
                continue
            cost = 0 if piece in ("de", "del") else 1
            option = (here[0] + cost, here[1] - _LINKS.get(piece, 0), (*here[2], j))
            if best[j] is None or option[:2] < best[j][:2]:  # type: ignore[index]
                best[j] = option
    found = best[-1]
    if found is None or len(found[2]) < 2:
        return None
    cuts = (0, *found[2])
    return [word[a:b] for a, b in itertools.pairwise(cuts)]


def _substrings(word: str) -> set[str]:
    lower = word.lower()
    return {lower[i:j] for i in range(len(lower)) for j in range(i + 1, len(lower) + 1)}


def unglue(source: str, draft: str, lexicon: Lexicon | None) -> str:
    """Rule 8: split the words Apertium glued when translating a hyphenated compound."""
    if lexicon is None or not _COMPOUND.search(source):
        return draft
    seen = source.lower()
    tokens = {  # lower case after the first letter: not an acronym or an abbreviation
        w.group()
        for w in _LETTERS.finditer(draft)
        if w.group()[1:].islower() and w.group().lower() not in seen
    }
    if not tokens:
        return draft
    words = lexicon({t.lower() for t in tokens})
    unknown = {t for t in tokens if t.lower() not in words}
    if not unknown:
        return draft
    known = lexicon(set().union(*(_substrings(t) for t in unknown)))
    out = draft
    for token in sorted(unknown, key=len, reverse=True):
        pieces = _pieces(token, known)
        if pieces:
            out = re.sub(rf"(?<!\w){re.escape(token)}(?!\w)", " ".join(pieces), out)
    return out


def clean(source: str, draft: str, lang: str, lexicon: Lexicon | None = None) -> str:
    """Every rule, in order, on an engine's ``draft`` of ``source`` into ``lang`` (pure
    given ``lexicon``, the target's dictionary when the engine has one: rule 8)."""
    out = edges(source, unglue(source, draft, lexicon))
    out = runs(source, out)
    out = before_punctuation(source, out)
    out = inside_quotes(source, out)
    out = spanish_marks(source, out, lang)
    out = apostrophes(source, out)
    out = french_spacing(out, lang)
    return edges(source, out)
