"""The glossary check compiled once per run says what the per-entry loop said.

The reference below is the check as it was written before its rules were
compiled (one pattern per term and rendering, built for every entry); both
run over generated entries made of the shipped glossary's terms, their
renderings, other casings and look-alike letters, and must agree finding
for finding, in order.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from pliego.checks.model import CheckContext
from pliego.checks.text import glossary
from pliego.gettext.catalog import Message
from pliego.gettext.glossary import Term, read_glossary

GLOSSARY = Path(__file__).resolve().parents[2] / "locale" / "glossary.csv"
_CODE = re.compile(r"`+[^`]*`+|\]\([^)]*\)")


def _pattern(text: str, *, whole: bool, ignore_case: bool) -> re.Pattern[str]:
    end = r"(?![^\W_])" if whole else ""
    return re.compile(r"(?<![^\W_])" + re.escape(text) + end, re.IGNORECASE if ignore_case else 0)


def reference(message: Message, lang: str, terms: tuple[Term, ...]) -> Iterator[str]:
    source = _CODE.sub(" ", message.msgid)
    for term in terms:
        if term.en.casefold() not in source.casefold():
            continue
        dnt = term.do_not_translate
        if not _pattern(term.en, whole=True, ignore_case=not dnt).search(source):
            continue
        text = term.rendering(lang) or ""
        wanted = tuple(p.strip() for p in text.split("|") if p.strip())
        if not wanted:
            continue
        forms = (message.msgstr,) if message.msgid_plural is None else message.msgstr_plural
        for form in (f for f in forms if f or message.msgid_plural is None):
            target = _CODE.sub(" ", form)
            if dnt:
                if not _pattern(term.en, whole=False, ignore_case=False).search(target):
                    yield f"{term.en!r} must stay as in English (glossary: do not translate)"
            elif not any(_pattern(w, whole=False, ignore_case=True).search(target) for w in wanted):
                shown = " or ".join(repr(w) for w in wanted)
                yield f"the glossary renders {term.en!r} as {shown}, which the translation lacks"


def _variants(word: str) -> list[str]:
    return [word, word.upper(), word.lower(), word.capitalize(), word + "s", "x" + word, word[:-1]]


def test_compiled_rules_find_what_the_loop_found() -> None:
    terms = read_glossary(GLOSSARY)
    pieces = ["the", "de", "`code`", "[link](x)", "_", "-", "ſ", "K", "İ", "ß", "’", "¿", "\n"]
    for term in terms:
        pieces += _variants(term.en)
        for _, rendering in term.renderings:
            pieces += [v for part in rendering.split("|") if part.strip() for v in _variants(part)]
    rnd = random.Random(16)
    found = 0
    for lang in ("es", "qu", "fr"):
        ctx = CheckContext(lang=lang, glossary=terms)
        for _ in range(1500):
            source = " ".join(rnd.choices(pieces, k=rnd.randint(1, 12)))
            target = rnd.choice(("", "-", " ")).join(rnd.choices(pieces, k=rnd.randint(0, 12)))
            message = Message(msgid=source, msgstr=target)
            expected = list(reference(message, lang, terms))
            assert list(glossary(message, ctx)) == expected, (lang, source, target)
            found += len(expected)
    assert found > 1000  # the entries do break the glossary, often
