"""Punctuation by the target language's conventions.

* End punctuation: a sentence that ends in ``.``, ``?``, ``!``, ``:`` or
  ``…`` in English ends the same way in translation (closing quotes,
  brackets, emphasis marks and footnote references after it do not count;
  ``...`` equals ``…``).
* Spanish opens questions and exclamations: every ``?`` closes a ``¿`` and
  every ``!`` a ``¡`` in the same text (``¡¿…?!`` is allowed).
* Quotes and brackets balance: ``( )``, ``[ ]``, ``« »``, ``‹ ›``, ``“ ”`` and
  ``‘ ’``.  The right single quote is also the apostrophe (``Castillo’s``,
  ``peasants’``) and Quechua writes ejectives with it or with ʼ (``p’unchaw``,
  ``t’ika``, ``ch’aki``), so ``’`` only closes an open ``‘`` and is never
  reported on its own; an unclosed ``‘`` is.

All three read the plain text a reader reads (:func:`pliego.checks.inline.plain_text`):
the ``!`` of an image, the ``[`` and ``](…)`` of a link, code spans and
footnote references are markup, judged by the markdown check alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pliego.checks.inline import plain_text
from pliego.checks.model import CheckContext
from pliego.gettext.catalog import Message

#: Languages that open questions and exclamations with ¿ and ¡.
INVERTED_MARKS = frozenset({"es", "gl", "ast"})
PAIRS = (("(", ")"), ("[", "]"), ("«", "»"), ("‹", "›"), ("“", "”"), ("‘", "’"))
_TRAILING = re.compile(r"(?:[\s*_\"'’”»›)\]]|\[\^[^\]\s]+\])+$")
#: The last characters a match of :data:`_TRAILING` can end with (after
#: ``rstrip`` no white space is left): any other ending has nothing to strip,
#: and the regex, which tries every position of the text, is skipped.
_CLOSERS = frozenset("*_\"'’”»›)]")
_ENDS = {
    ".": "a full stop",
    "?": "a question mark",
    "!": "an exclamation mark",
    ":": "a colon",
    "…": "an ellipsis",
    ";": "a semicolon",
}


def _forms(message: Message) -> tuple[str, ...]:
    if message.msgid_plural is None:
        return (message.msgstr,)
    return tuple(f for f in message.msgstr_plural if f)


def end_mark(text: str) -> str:
    """The final punctuation of ``text`` ('' for none), after closers."""
    core = text.rstrip()
    if core[-1:] in _CLOSERS:
        core = _TRAILING.sub("", core)
    if core.endswith("..."):
        return "…"
    return core[-1] if core and core[-1] in _ENDS else ""


def end_punctuation(message: Message, ctx: CheckContext) -> Iterator[str]:
    """The translation ends with other punctuation than the English (full
    stop, question or exclamation mark, colon, semicolon, ellipsis)."""
    want = end_mark(plain_text(message.msgid))
    for form in _forms(message):
        got = end_mark(plain_text(form))
        if got == want:
            continue
        if want and got:
            yield f"the English ends with {_ENDS[want]}, the translation with {_ENDS[got]}"
        elif want:
            yield f"the English ends with {_ENDS[want]}, the translation does not"
        else:
            yield f"the translation ends with {_ENDS[got]}, the English does not"


def spanish_marks(message: Message, ctx: CheckContext) -> Iterator[str]:
    """In Spanish (and Galician, Asturian) every question opens with ``¿`` and
    every exclamation with ``¡``: the pairs must match up."""
    if ctx.lang.split("_")[0].split("-")[0] not in INVERTED_MARKS:
        return
    for form in _forms(message):
        text = plain_text(form)
        for opener, closer, article, name in (
            ("¿", "?", "a", "question"),
            ("¡", "!", "an", "exclamation"),
        ):
            depth = 0
            for ch in re.findall(f"[{opener}{re.escape(closer)}]", text):
                if ch == opener:
                    depth += 1
                elif ch == closer:
                    if depth == 0:
                        yield f"{article} {name} mark {closer} without its opening {opener}"
                        break
                    depth -= 1
            else:
                if depth:
                    yield f"an opening {opener} without its closing {closer}"


def balance(text: str, opener: str, closer: str) -> int:
    """Unclosed openers (> 0) or stray closers (< 0) in ``text``.

    ``’`` between two letters is an apostrophe or an ejective mark
    (``Castillo’s``, ``p’unchaw``) and never closes anything; after a letter
    it may close an open ``‘`` (``‘Lima’``) or be a final apostrophe
    (``peasants’``), so a stray ``’`` is never counted.
    """
    if opener not in text and closer not in text:
        return 0
    depth = 0
    stray = 0
    for m in re.finditer(re.escape(opener) + "|" + re.escape(closer), text):
        i, ch = m.start(), m.group(0)
        if ch == opener:
            depth += 1
        elif ch == closer:
            if (
                closer == "’"
                and 0 < i < len(text) - 1
                and text[i - 1].isalpha()
                and text[i + 1].isalpha()
            ):
                continue
            if depth:
                depth -= 1
            elif closer != "’":
                stray += 1
    return depth if depth else -stray


def quotes_brackets(message: Message, ctx: CheckContext) -> Iterator[str]:
    """Quotes and brackets do not pair up in the translation although they do
    in the English: ( ) [ ] « » ‹ › “ ” ‘ ’ and the straight double quote.
    The apostrophe ’ (also Quechua ejectives: p’ t’ k’ q’ ch’) is never
    mistaken for a closing quote."""
    source = plain_text(message.msgid)
    for form in _forms(message):
        text = plain_text(form)
        for opener, closer in PAIRS:
            if balance(source, opener, closer) != 0:
                continue
            b = balance(text, opener, closer)
            if b > 0:
                yield f"{opener} is opened but never closed with {closer}"
            elif b < 0:
                yield f"{closer} closes nothing (no {opener} before it)"
        if source.count('"') % 2 == 0 and text.count('"') % 2:
            yield 'an odd number of straight double quotes (")'
