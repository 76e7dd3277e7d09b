"""Keep inline Markdown and do-not-translate terms away from machine translation.

Machine translation mangles what it does not understand: it translates URLs,
drops emphasis markers, inserts spaces into ``[links](…)`` and "translates"
names that must stay as they are.  Before a text goes to an engine every such
piece is replaced by a numbered placeholder ``{0}``, ``{1}`` …, and restored
afterwards.  Why ``{N}`` (``tests/prefill/test_masking.py`` checks it against the real
``apertium eng-spa``): Apertium keeps digit tokens verbatim and they stay
attached to the word they mark, whereas a token with letters is translated
(``{a}`` → ``{un}``) and an inline tag (``<x0/>``) is a "superblank" that stays
put while Apertium reorders the words around it, so emphasis would land on
the wrong word ("the <x0/>red<x1/> car" → "el <x0/>coche<x1/> rojo").  Google
is widely reported to keep ``{0}``-style tokens, sometimes as ``{ 0 }``,
which is accepted too; whatever an engine does, the check in :func:`unmask`
is the safety net.

What is masked (earliest match wins, in this order of preference):

1. text that already looks like a placeholder (``{3}``), so it cannot collide;
2. code spans, autolinks, inline HTML tags, footnote references (``[^1]``),
   backslash escapes, line breaks and printf-style directives (``%(name)s``):
   each a single placeholder;
3. links and images: the opener (``[`` or ``![``) and the closer with its URL
   (``](https://…)``) become placeholders; the link *text* is translated;
4. with a target language: dates, month names and numbers
   (:mod:`.figures`), written back in the target's formatting locale
   (:func:`pliego.languages.local_figure`: "4 March" → "4 de marzo");
5. emphasis runs (``*``, ``**``, ``_``, ``~~``) that open or close a span;
6. protected terms, whole words only, the longest first: do-not-translate
   glossary terms and the article's names (as written), and glossary terms
   with a required rendering for the target (any case), which are written
   back as that rendering, so the draft uses it (the provenance comment
   lists them: ``glossary: Congreso``).

Openers and closers remember their side, so white space an engine puts just
inside them (``* texto*`` would no longer be emphasis) is removed on
restoring.  A translation that lost, duplicated or invented a placeholder
raises :class:`MarkupLost`: the prefill then keeps that text out (see
``docs/prefill.md``) rather than writing broken Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from pliego.languages import Language, as_language, local_figure
from pliego.prefill import figures
from pliego.prefill.cleanup import Lexicon, clean
from pliego.prefill.engine import Engine, Failure, Outcome, Translation, split_edges


class MaskedEngine:
    """Mask markup, figures and protected terms, strip the edges, and undo both after.

    With a target ``lang`` the engine's answer also goes through
    :func:`pliego.prefill.cleanup.clean` (while still masked) and figures are
    written the target's way.  A translation whose placeholders do not all
    come back exactly once is a :class:`~pliego.prefill.engine.Failure`
    ("markup not kept"), so the next engine in the chain gets its chance and
    nothing broken is written; before that, a text whose figures, names or
    renderings added placeholders is tried once more with markup and
    do-not-translate terms masked only.
    """

    masks = False  # the masking is done here, once

    def __init__(
        self,
        inner: Engine,
        terms: Sequence[str] = (),
        lang: str | Language | None = None,
        renderings: Mapping[str, str] | None = None,
        names: Sequence[str] = (),
    ) -> None:
        self.inner = inner
        self.names = tuple(names)
        self.name = inner.name
        self.terms = tuple(terms)
        self.language = as_language(lang) if lang is not None else None
        self.lang = self.language.code if self.language is not None else None
        self.renderings = dict(renderings or {})

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        edges: list[tuple[str, str]] = []
        cores: list[str] = []
        masked: dict[int, Masked] = {}
        for i, text in enumerate(texts):
            lead, core, trail = split_edges(text)
            edges.append((lead, trail))
            cores.append(core)
            full = mask(core, (*self.terms, *self.names), self.language, self.renderings)
            if full.has_words():
                masked[i] = full
            elif self.names and (plain := mask(core, self.terms)).has_words():
                # Only the article's names: sent as before, the engine keeps or
                # transliterates them and the entry is not left empty.
                masked[i] = plain
            else:
                yield i, Failure("nothing to translate", self.name)
        retry: dict[int, Masked] = {}
        for i, outcome in self._send(masked, edges):
            if isinstance(outcome, Failure) and outcome.reason.startswith(_LOST):
                plain = mask(cores[i], self.terms)
                # Figures, names and renderings make more placeholders for an
                # engine to lose (Apertium splits "{1}’s"): once more without.
                if plain.tokens != masked[i].tokens and plain.has_words():
                    retry[i] = plain
                    continue
            yield i, outcome
        yield from self._send(retry, edges)

    def _lexicon(self) -> Lexicon | None:
        """The dictionary of the engine under the cache, if it has one (clean-up rule 8)."""
        layer: object = self.inner
        while layer is not None:
            found = getattr(layer, "lexicon", None)
            if found is not None:
                return found  # type: ignore[no-any-return]
            layer = getattr(layer, "inner", None)
        return None

    def _send(
        self, masked: Mapping[int, Masked], edges: Sequence[tuple[str, str]]
    ) -> Iterator[tuple[int, Outcome]]:
        """One batch to the engine; each answer cleaned and unmasked."""
        send = list(masked)
        for j, outcome in self.inner.translate_many([masked[i].text for i in send]):
            i = send[j]
            if isinstance(outcome, Translation):
                draft = outcome.text.strip()
                if self.lang is not None:
                    draft = clean(masked[i].text, draft, self.lang, self._lexicon())
                try:
                    yield i, self._written(masked[i], edges[i], draft, outcome.detail)
                except MarkupLost as lost:
                    yield i, Failure(f"{_LOST} ({lost})", self.name)
            else:
                yield i, outcome

    def _written(
        self, masked: Masked, edges: tuple[str, str], draft: str, detail: str
    ) -> Translation:
        """The draft unmasked, its edges back; the glossary renderings it uses named."""
        text = unmask(masked, draft)
        if masked.enforced:
            used = "glossary: " + ", ".join(dict.fromkeys(masked.enforced))
            detail = f"{detail} {used}".strip()
        return Translation(edges[0] + text + edges[1], self.name, detail)


OPEN, CLOSE, ATOM = "open", "close", "atom"
_LOST = "markup not kept"

_PLACEHOLDER = re.compile(r"\{\s*(\d+)\s*\}")
_LINK_CLOSE = (
    r"\]\((?:[^()\s\\]|\\.|\([^()\s]*\))*"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)|\]\[[^\]]*\]"
)
_PATTERNS = [
    ("placeholder", r"\{\s*\d+\s*\}"),
    ("code", r"(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)"),
    ("autolink", r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>"),
    ("html", r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),
    ("footnote", r"\[\^[^\]\s]+\]"),
    (
        "link",
        r"(?P<lopen>!?\[)(?P<ltext>(?:[^\[\]\\`]|\\.|`[^`]*`|\[[^\[\]]*\])*)"
        rf"(?P<lclose>{_LINK_CLOSE})",
    ),
    ("break", r"(?:\\|  +)?\n"),
    ("escape", r"\\[!-/:-@\[-`{-~]"),
    ("printf", r"%\([^)\s]+\)[sdifr]|%[sd](?![A-Za-z])"),
    ("figure", figures.PATTERN),
    ("emphasis", r"\*+|_+|~~"),
]


@dataclass(frozen=True)
class Masked:
    """A text with placeholders, and what each placeholder is written back as.

    That is the original text, except for figures (written the target's way)
    and glossary terms with a rendering; ``enforced`` lists those renderings.
    """

    text: str
    tokens: tuple[tuple[str, str], ...]  # (text written back, OPEN | CLOSE | ATOM)
    enforced: tuple[str, ...] = ()

    def has_words(self) -> bool:
        """Whether anything is left for an engine to translate."""
        return any(c.isalpha() for c in _PLACEHOLDER.sub("", self.text))


class MarkupLost(ValueError):
    """A translation did not keep every placeholder exactly once."""


def _compile(
    terms: Sequence[str], renderings: Mapping[str, str], figures_too: bool
) -> re.Pattern[str]:
    parts = [
        f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS if figures_too or name != "figure"
    ]
    kept = {t for t in terms if t.strip()}
    words = sorted(kept | {t for t in renderings if t.strip()}, key=len, reverse=True)
    if words:
        # Kept terms match as written (names, acronyms); rendered ones in any case.
        alternation = "|".join(re.escape(w) if w in kept else f"(?i:{re.escape(w)})" for w in words)
        parts.append(rf"(?P<term>(?<!\w)(?:{alternation})(?!\w))")
    return re.compile("|".join(parts), re.DOTALL)


def _rendered(found: str, rendering: str, text: str, start: int) -> str:
    """A rendering starts with a capital where the English term opens a sentence."""
    before = text[:start].rstrip(' \t"“‘«(*_')
    opens = not before or before[-1] in ".!?:"
    if opens and found[:1].isupper() and rendering[:1].islower():
        return rendering[0].upper() + rendering[1:]
    return rendering


def _emphasis_kind(text: str, start: int, end: int) -> str | None:
    """CommonMark's flanking rules, simplified: which side a delimiter run is on."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = not after.isspace()  # could open
    right = not before.isspace()  # could close
    if left and right:
        if text[start] == "_":
            return None  # intraword underscore is a literal character
        return (
            ATOM
            if before.isalnum() and after.isalnum()
            else (OPEN if not before.isalnum() else CLOSE)
        )
    if left:
        return OPEN
    if right:
        return CLOSE
    return None  # " * " is a literal asterisk


def mask(
    text: str,
    terms: Sequence[str] = (),
    lang: str | Language | None = None,
    renderings: Mapping[str, str] | None = None,
) -> Masked:
    """Replace markup, protected terms and (with ``lang``) figures in ``text`` by
    ``{N}`` placeholders (pure).  ``renderings`` maps glossary terms to the
    target's required wording."""
    rendered = {k.casefold(): v for k, v in (renderings or {}).items()}
    kept = set(terms)
    pattern = _compile(terms, renderings or {}, lang is not None)
    tokens: list[tuple[str, str]] = []
    enforced: list[str] = []

    def place(original: str, kind: str) -> str:
        tokens.append((original, kind))
        return f"{{{len(tokens) - 1}}}"

    def walk(part: str) -> str:
        out: list[str] = []
        pos = 0
        for m in pattern.finditer(part):
            out.append(part[pos : m.start()])
            pos = m.end()
            kind = m.lastgroup
            if kind == "link":
                out.append(place(m.group("lopen"), OPEN))
                out.append(walk(m.group("ltext")))
                out.append(place(m.group("lclose"), CLOSE))
            elif kind == "emphasis":
                side = _emphasis_kind(part, m.start(), m.end())
                out.append(m.group(0) if side is None else place(m.group(0), side))
            elif kind == "figure":
                value = figures.figure(m, part)
                assert lang is not None  # figures are only looked for with a language
                out.append(m.group(0) if value is None else place(local_figure(value, lang), ATOM))
            elif kind == "term" and m.group(0) not in kept:
                wording = _rendered(m.group(0), rendered[m.group(0).casefold()], part, m.start())
                enforced.append(wording)
                out.append(place(wording, ATOM))
            else:
                out.append(place(m.group(0), ATOM))
        out.append(part[pos:])
        return "".join(out)

    return Masked(walk(text), tuple(tokens), tuple(enforced))


def nothing_to_translate(text: str, terms: Sequence[str], lang: str | Language) -> str | None:
    """The translation of a text with no words to translate (a price, a number,
    a URL, code, do-not-translate names), or None when it has words.

    It is the text itself with its numbers written by the same rule as in
    prose (:func:`pliego.languages.local_figure`, through the same masking):
    ``£11.44`` is ``£11,44`` in French because "costs £11.44" becomes
    "coûte £11,44" there; in ``es_PE`` it stays ``£11.44``.
    """
    if mask(text, terms).has_words():
        return None
    masked = mask(text, terms, lang)
    return unmask(masked, masked.text)


def unmask(masked: Masked, translated: str) -> str:
    """Put the originals back into ``translated``; :class:`MarkupLost` if any went missing."""
    found = Counter(int(m.group(1)) for m in _PLACEHOLDER.finditer(translated))
    expected = Counter(range(len(masked.tokens)))
    if found != expected:
        missing = sorted(set(expected) - set(found))
        extra = sorted(k for k, n in found.items() if n != expected.get(k, 0))
        what = []
        if missing:
            what.append("lost " + ", ".join(repr(masked.tokens[i][0]) for i in missing))
        if extra:
            what.append(
                "placeholders " + ", ".join(f"{{{i}}}" for i in extra) + " repeated or invented"
            )
        raise MarkupLost("; ".join(what))

    def restore(m: re.Match[str]) -> str:
        return f"\x00{int(m.group(1))}\x00"

    text = _PLACEHOLDER.sub(restore, translated)
    for i, (_, kind) in enumerate(masked.tokens):
        mark = f"\x00{i}\x00"
        if kind == OPEN:
            text = re.sub(re.escape(mark) + r"[ \t]+", mark, text)
        elif kind == CLOSE:
            text = re.sub(r"[ \t]+" + re.escape(mark), mark, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: masked.tokens[int(m.group(1))][0], text)
