"""Checks on the translation as text: completeness, copies, white space,
doubled words, length, the project glossary and ``%`` placeholders.

Each function is pure and its docstring's first paragraph is what
``invoke check --list`` prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pliego.checks.inline import plain_text
from pliego.checks.model import CheckContext
from pliego.gettext.catalog import Message
from pliego.gettext.glossary import Term
from pliego.gettext.placeholders import PYTHON_FORMAT, mismatches
from pliego.paths import TEMPLATE_DOMAINS

_CODE = re.compile(r"`+[^`]*`+|\]\([^)]*\)")
#: What is never prose even outside code: addresses (``<https://…>``, a bare URL, a
#: link text that is its address) and template placeholders (``%(month)s``).
_NOT_PROSE = re.compile(
    _CODE.pattern + r"|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b[a-z][a-z0-9+.-]*://[^\s)\]>]+|%\(\w+\)[a-z]"
)
#: What every match of :data:`_CODE` (the first two) or :data:`_NOT_PROSE`
#: contains: a text with none of them is left as it is without running the regex.
_CODE_MARKS = ("`", "](")
_NOT_PROSE_MARKS = (*_CODE_MARKS, "<", "://", "%(")
_PROSE_WORD = re.compile(r"\b[^\W\d_A-Z]{3,}\b")
#: Languages in which repeating a word is grammar (Quechua reduplication:
#: ``sumaq sumaq``, ``llaqta llaqta``), so a doubled word is not a slip.
REDUPLICATING = frozenset({"qu", "quz", "quy", "ay", "ayr"})
#: Names of units whose text is a name and rightly stays as it is.
NAME_UNITS = frozenset({"author"})


def _blank(pattern: re.Pattern[str], marks: tuple[str, ...], text: str) -> str:
    """``text`` with every match of ``pattern`` made a space; ``marks`` are what
    each match contains, so a text without them is returned as it is."""
    if not any(mark in text for mark in marks):
        return text
    return pattern.sub(" ", text)


def _forms(message: Message) -> tuple[str, ...]:
    if message.msgid_plural is None:
        return (message.msgstr,)
    return tuple(f for f in message.msgstr_plural if f)


def untranslated(message: Message, ctx: CheckContext) -> Iterator[str]:
    """The entry has no translation yet (a note: the catalogue is a work in
    progress; ``invoke status`` counts them)."""
    if not message.has_translation:
        yield "not translated yet"
    elif message.msgid_plural is not None and not message.fuzzy and not all(message.msgstr_plural):
        yield "some plural forms are not translated yet"


def fuzzy(message: Message, ctx: CheckContext) -> Iterator[str]:
    """The entry is marked fuzzy (needs review): the build leaves it out of a
    release until a reviewer removes the flag."""
    if message.fuzzy and message.has_translation:
        yield "marked fuzzy: review the translation and remove the fuzzy flag"


def identical(message: Message, ctx: CheckContext) -> Iterator[str]:
    """The translation is a copy of the English although the English is prose
    (it has a lower-case word of three or more letters); names, acronyms,
    numbers, addresses, template placeholders and the author line may rightly
    stay as they are (prefill copies such entries: docs/prefill.md)."""
    if any(c in NAME_UNITS for c in message.auto_comments):
        return
    source = _blank(_NOT_PROSE, _NOT_PROSE_MARKS, message.msgid)
    if not _PROSE_WORD.search(source):
        return
    if any(form.strip() == message.msgid.strip() for form in _forms(message)):
        yield "the translation is identical to the English"


def whitespace(message: Message, ctx: CheckContext) -> Iterator[str]:
    """Leading or trailing white space differs from the English (it would show
    as a stray space or a missing one in the pamphlet)."""
    src = message.msgid
    for form in _forms(message):
        lead = len(form) - len(form.lstrip())
        if lead != len(src) - len(src.lstrip()):
            yield "leading white space differs from the English"
        trail = len(form) - len(form.rstrip())
        if trail != len(src) - len(src.rstrip()):
            yield "trailing white space differs from the English"


def placeholders(message: Message, ctx: CheckContext) -> Iterator[str]:
    """A ``%`` placeholder of the English is missing, added or renamed
    (``%(title)s`` written ``%(titulo)s``), or the translation has a stray
    ``%`` (a percent sign is ``%%``); a plural form may leave the count out.
    Checked on ``python-format`` entries and on every entry of ``site.po`` and
    ``pamphlet.po``, whose strings the templates fill in with ``%``: such a
    translation is shown in English.

    The rule is :func:`pliego.gettext.placeholders.mismatches`, the one the
    templates apply when they fall back to the English.
    """
    if PYTHON_FORMAT not in message.flags and ctx.domain not in TEMPLATE_DOMAINS:
        return
    plural = message.msgid_plural
    for form in _forms(message):
        for reason in mismatches(message.msgid, form, plural):
            yield f"the translation {reason}"


def _doubled_words(text: str) -> set[str]:
    prose = plain_text(text)
    return {
        m.group(1).casefold() for m in re.finditer(r"\b([^\W\d_]+)\s+\1\b", prose, re.IGNORECASE)
    }


def doubled(message: Message, ctx: CheckContext) -> Iterator[str]:
    """A word written twice in a row (``de de``) or two spaces in a row, when
    the English has no such doubling.  Not for languages where repeating a
    word is grammar (Quechua, Aymara).

    Judged on the plain text (links, images and code spans stripped, see
    :func:`pliego.checks.inline.plain_text`), so markup never looks doubled.
    """
    source_words = _doubled_words(message.msgid)
    source_spaces = "  " in plain_text(message.msgid)
    for form in _forms(message):
        if ctx.lang.split("_")[0] not in REDUPLICATING:
            for word in sorted(_doubled_words(form) - source_words):
                yield f"the word {word!r} is written twice in a row"
        if "  " in plain_text(form).strip() and not source_spaces:
            yield "two spaces in a row"


def length_ratio(message: Message, ctx: CheckContext) -> Iterator[str]:
    """The translation is much shorter or longer than the English (limits from
    ``length-ratio`` in ``[tool.pliego.check]``, only for English texts of at
    least ``length-min-chars`` characters): often a sentence left out or
    pasted twice."""
    if len(message.msgid) < ctx.length_min_chars:
        return
    low, high = ctx.length_ratio
    for form in _forms(message):
        ratio = len(form) / len(message.msgid)
        if ratio < low:
            yield (
                f"the translation is {ratio:.2f} times as long as the English "
                f"(below {low:g}): is something left out?"
            )
        elif ratio > high:
            yield (
                f"the translation is {ratio:.2f} times as long as the English "
                f"(above {high:g}): is something pasted twice?"
            )


def _word_start(text: str) -> str:
    """``text`` not preceded by a letter or digit, as a pattern that starts with
    ``text``'s first character and looks behind it afterwards: the engine then
    skips to the places that character occurs, where ``(?<![^\\W_])`` first
    would be tried at every position (three times slower on a paragraph)."""
    first = re.escape(text[0])
    return first + r"(?<![^\W_]" + first + ")" + re.escape(text[1:])


def _term_pattern(text: str, *, whole: bool, ignore_case: bool) -> re.Pattern[str]:
    end = r"(?![^\W_])" if whole else ""
    return re.compile(_word_start(text) + end, re.IGNORECASE if ignore_case else 0)


def _renderings(term: Term, lang: str) -> tuple[str, ...]:
    text = term.rendering(lang) or ""
    return tuple(p.strip() for p in text.split("|") if p.strip())


@dataclass(frozen=True)
class GlossaryRule:
    """One glossary term as the check applies it in one language, compiled once
    per run: the term's case-folded text (a cheap substring test first), the
    whole-word pattern that finds it in the English, the one pattern any
    accepted rendering matches in the translation (an alternation finds a match
    wherever one of its alternatives would) and what to say when it does not."""

    folded: str
    found: re.Pattern[str]
    kept: re.Pattern[str]
    message: str


def glossary_rules(terms: tuple[Term, ...], lang: str) -> tuple[GlossaryRule, ...]:
    """The rules of ``terms`` for ``lang``, in glossary order (terms without a
    rendering for ``lang`` have none)."""
    rules: list[GlossaryRule] = []
    for term in terms:
        wanted = _renderings(term, lang)
        if not wanted:
            continue
        dnt = term.do_not_translate
        # Acronyms and names match case-sensitively, common words in any case.
        found = _term_pattern(term.en, whole=True, ignore_case=not dnt)
        if dnt:
            kept = _term_pattern(term.en, whole=False, ignore_case=False)
            message = f"{term.en!r} must stay as in English (glossary: do not translate)"
        else:
            kept = re.compile("|".join(_word_start(w) for w in wanted), re.IGNORECASE)
            shown = " or ".join(repr(w) for w in wanted)
            message = f"the glossary renders {term.en!r} as {shown}, which the translation lacks"
        rules.append(GlossaryRule(term.en.casefold(), found, kept, message))
    return tuple(rules)


#: The rules of the glossaries in use, by identity: hashing a glossary of a
#: hundred terms for every entry would cost more than the check itself.  The
#: glossary is kept with its rules, so its ``id`` is not reused while cached.
_RULES: dict[tuple[int, str], tuple[tuple[Term, ...], tuple[GlossaryRule, ...]]] = {}


def _rules_for(terms: tuple[Term, ...], lang: str) -> tuple[GlossaryRule, ...]:
    cached = _RULES.get((id(terms), lang))
    if cached is not None and cached[0] is terms:
        return cached[1]
    if len(_RULES) >= 16:
        _RULES.clear()
    rules = glossary_rules(terms, lang)
    _RULES[id(terms), lang] = (terms, rules)
    return rules


def glossary(message: Message, ctx: CheckContext) -> Iterator[str]:
    """A glossary term of the English is not rendered as ``locale/glossary.csv``
    requires: a do-not-translate term must appear exactly as in English; a
    term with a rendering for this language must use it (alternatives
    separated by ``|``; endings may follow, so ``campesino`` covers
    ``campesinos``)."""
    source = _blank(_CODE, _CODE_MARKS, message.msgid)
    folded = source.casefold()
    texts: list[str] | None = None
    for rule in _rules_for(ctx.glossary, ctx.lang):
        if rule.folded not in folded or not rule.found.search(source):
            continue  # the first test is the common case, and cheap
        if texts is None:
            texts = [_blank(_CODE, _CODE_MARKS, form) for form in _forms(message)]
        for text in texts:
            if not rule.kept.search(text):
                yield rule.message
