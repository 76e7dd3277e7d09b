"""Quechua hyphenation by syllables, as soft hyphens in the pamphlet's HTML.

No hyphenation dictionary for Quechua exists (pyphen has none, nor TeX, nor
LibreOffice), so WeasyPrint silently leaves ``lang="qu"`` text unhyphenated
and narrow justified columns show rivers.  Quechua syllables are regular,
though, so rules suffice.  This module writes soft hyphens (U+00AD) into the
HTML; WeasyPrint breaks at them without any dictionary or patching.  Spanish
needs none of this: WeasyPrint hyphenates it itself through pyphen's ``es``
dictionary when the CSS says ``hyphens: auto`` and the HTML says ``lang="es"``.

Rules (Southern Quechua, official Peruvian alphabet: vowels a i u, plus e o
and accented vowels in Spanish loans):

1. A syllable is (C)V(C): a vowel nucleus, at most one consonant before it
   inside a word, consonants after it only before another consonant or at
   the end of the word.
2. These letter groups are *one* consonant and are never split:
   ch, ll, sh, rr (Spanish loans), the aspirates chh, kh, ph, qh, th and the
   ejectives ch', k', p', q', t'.  The ejective mark may be written ',
   ’ (U+2019) or ʼ (U+02BC); it is kept as written.
3. A single consonant between two vowels begins the next syllable:
   ru-na-si-mi, t'i-ka, a-llin.
4. Two consonants between vowels are split between them:
   llaq-ta, ch'as-ka, all-qu, kaw-say, chak-ra.
5. With three or more consonants between vowels only the last one begins
   the next syllable (ins-ti-tu-to) — unless rule 6 applies.
6. Spanish loans keep b, c, d, f, g, p, t followed by l or r together
   (o-bre-ro, kon-tra), as Spanish does.
7. Adjacent vowels (only in loans: go-bier-no, es-cue-la) stay in one
   syllable, which is never wrong, only sometimes over-cautious.
8. A hyphen needs at least ``left`` (:data:`LEFT` = 2) letters before it and
   ``right`` (:data:`RIGHT` = 3) letters after it; the ejective mark is not a
   letter.  The right minimum is 3 because Quechua words end in a chain of
   suffixes and most final ones are two letters (-ku, -qa, -pi, -ta, -mi):
   with 2, a line could begin with a lone "ku." (huñunakuchkarqan-ku.), which
   reads like a separate word.  With 3 that break becomes
   huñunakuchkar-qanku.  A syllable of two letters may still open a word
   (ru-na-simi): the start of a word is its root, which carries the meaning.
9. Words are left alone when they contain a capital after the first letter
   (acronyms, CamelCase names), digits, or are part of a URL, an e-mail
   address, Markdown or code; text inside ``<code>``, ``<pre>``, ``<script>``,
   ``<style>``, ``<head>`` and elements in another language is untouched.
10. **Names** are left alone: a word with a capital first letter that does
    not begin a sentence (``Marea Rosa``, ``Hitlerpa`` with its Quechua
    suffix), and, even at a sentence start, a capitalised word with letters
    outside the Quechua alphabet (b c d e f g j o v x z, accents...).  A
    name is read whole, and a foreign one follows its own language's
    syllables (German *Hit-ler*, never Quechua or Spanish *Hi-tler*).  A
    capitalised word of Quechua letters at a sentence start is an ordinary
    word (*Ru-na-si-miqa*), as is a word given alone (:func:`hyphenate_word`).
    A sentence starts a block (paragraph, heading, item...) or follows
    ``. ! ? …``, opening quotes and brackets aside.
11. **Hyphenated words** are left alone: a word joined to another by its own
    hyphen (``Rusia-Ucrania``) already breaks there, and a second, added
    hyphen would read as part of the name.
12. **Spanish loans** written in Spanish (``democrático``, ``gobierno``)
    are divided by rules 1–8, whose loan rules 6 and 7 give Spanish's own
    syllable boundaries; the tests check every loan of the shipped article
    against pyphen's Spanish dictionary (the dictionary WeasyPrint uses for
    ``lang="es"``): rules and dictionary agree on all of them but one.
13. **A name's suffixes** (:func:`suffix_offsets`): a name or capitalised loan
    with Quechua suffixes may divide where they begin and between them, never
    inside the name (*Congreso-paqpas*, *Huñunakuy-tapas*; rule 8's minimums
    hold, so never *Hitler-pa*), but only as a layout remedy, for the word after
    a line that would gape otherwise (:mod:`pliego.pamphlet.fixes`, rule 9).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

SOFT_HYPHEN = "\u00ad"
#: Default minimum letters before / after a hyphen (rule 8).
LEFT = 2
RIGHT = 3
APOSTROPHES = "'’ʼ"
VOWELS = "aeiouáéíóúàèìòùü"
_LETTER = r"[^\W\d_]"
_UNIT = re.compile(
    rf"chh|ch[{APOSTROPHES}]|ch|ll|sh|rr|[kpqt][{APOSTROPHES}]|[kpqt]h|{_LETTER}",
    re.IGNORECASE,
)
_WORD = re.compile(rf"{_LETTER}+(?:[{APOSTROPHES}]{_LETTER}+)*")
_ONSET_CLUSTERS = {a + b for a in "bcdfgpt" for b in "lr"}
#: The official alphabet's letters (c only in ch; rule 10).
QUECHUA_LETTERS = frozenset("ahiklmnñpqrstuwy")
#: A hyphen joining two words (rule 11): hyphen-minus, hyphen, non-breaking hyphen.
HYPHENS = "-\u2010\u2011"
#: What ends a sentence, and what may stand between it and the next word (rule 10).
_SENTENCE_END = ".!?…"
_OPENING = "\"“‘«([¿¡—–'’"
#: A whitespace-separated chunk matching this is a URL, address, Markdown or code.
_LEAVE_ALONE = re.compile(r"(?i)[a-z][a-z0-9+.-]*:/|www\.|[\d/\\@_`*#=|~{}\[\]<>\u00ad]")
_SKIP_ELEMENTS = frozenset(
    {"code", "pre", "kbd", "samp", "var", "tt", "script", "style", "textarea", "head"}
    | {"title", "svg", "math"}
)
#: Elements whose start or end begins a new block of text: a sentence starts (rule 10).
_BLOCK_ELEMENTS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "figcaption"}
    | {"caption", "td", "th", "div", "section", "article", "header", "footer", "aside"}
    | {"body", "br", "hr"}
)
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)


@dataclass(frozen=True)
class _Unit:
    text: str
    vowel: bool


def _units(word: str) -> list[_Unit]:
    return [_Unit(m.group(), m.group().lower() in VOWELS) for m in _UNIT.finditer(word)]


def syllables(word: str) -> list[str]:
    """Split one word into syllables by the rules above; anything that is not a word stays whole.

    >>> syllables("p'unchaw")
    ["p'un", 'chaw']
    """
    if not _WORD.fullmatch(word):
        return [word]
    units = _units(word)
    nuclei = [i for i, u in enumerate(units) if u.vowel and (i == 0 or not units[i - 1].vowel)]
    starts: list[int] = []  # unit index where each syllable after the first begins
    for nucleus in nuclei[1:]:
        first_consonant = nucleus
        while first_consonant > 0 and not units[first_consonant - 1].vowel:
            first_consonant -= 1
        cluster = nucleus - first_consonant
        if cluster == 0:  # cannot happen (vowels are merged) but keeps the loop total
            continue
        start = nucleus - 1
        if (
            cluster >= 2
            and (units[nucleus - 2].text + units[nucleus - 1].text).lower() in _ONSET_CLUSTERS
        ):
            start = nucleus - 2
        starts.append(start)
    pieces: list[str] = []
    previous = 0
    for start in [*starts, len(units)]:
        pieces.append("".join(u.text for u in units[previous:start]))
        previous = start
    return [p for p in pieces if p]


def _letters(text: str) -> int:
    """Letters for the minimums of rule 8: ʼ (U+02BC) is a Unicode letter, but
    like ' and ’ it only marks an ejective, so it does not count."""
    return sum(1 for ch in text if ch.isalpha() and ch not in APOSTROPHES)


def quechua_spelled(word: str) -> bool:
    """Only letters of the official Quechua alphabet (and ejective marks): rule 10."""
    rest = word.lower().replace("ch", "")
    return all(ch in QUECHUA_LETTERS or ch in APOSTROPHES for ch in rest)


def _eligible(word: str, sentence_start: bool) -> bool:
    if not _WORD.fullmatch(word) or any(ch.isupper() for ch in word[1:]):
        return False
    if word[0].isupper():  # rule 10: a name, unless a Quechua word opens a sentence
        return sentence_start and quechua_spelled(word)
    return True


def sentence_start(text: str, end: int | None = None, before: str = "") -> bool:
    """Whether a word at ``text[end]`` begins a sentence (rule 10); ``before`` is
    the text of the same block ahead of ``text``.  Only the end is read."""
    i = len(text) if end is None else end
    while i and (text[i - 1].isspace() or text[i - 1] in _OPENING):
        i -= 1
    if i:
        return text[i - 1] in _SENTENCE_END
    return not before or sentence_start(before)


def hyphen_offsets(
    word: str, left: int = LEFT, right: int = RIGHT, *, starts_sentence: bool = True
) -> list[int]:
    """Character offsets in ``word`` where a hyphen may go (rules 8–10 applied);
    ``starts_sentence=False`` says a capitalised word is a name."""
    if not _eligible(word, starts_sentence):
        return []
    offsets: list[int] = []
    position = 0
    total = _letters(word)
    for piece in syllables(word)[:-1]:
        position += len(piece)
        before = _letters(word[:position])
        if before >= left and total - before >= right:
            offsets.append(position)
    return offsets


#: Quechua's noun suffixes and enclitics (rule 13), as they follow a name: case, plural,
#: possessive (with the -ni- a consonant needs), the "also / only / topic" enclitics.
SUFFIXES = frozenset(
    {"ta", "pa", "pi", "man", "manta", "wan", "paq", "kama", "rayku", "hina", "pura", "kuna"}
    | {"y", "yki", "n", "nchik", "yku", "ykichik", "nku", "nkichik", "nin", "niy", "ninku"}
    | {"qa", "m", "mi", "s", "si", "chu", "taq", "pas", "puni", "lla", "raq", "ña", "ari"}
    | {"yuq", "sapa", "ntin", "nintin"}
)
_LONGEST_SUFFIX = max(map(len, SUFFIXES))
MIN_STEM = 4


def suffix_offsets(word: str, left: int = LEFT, right: int = RIGHT) -> list[int]:
    """Where a name's Quechua suffixes begin (rule 13): every offset after which the
    rest of ``word`` is a chain of :data:`SUFFIXES`, that falls between two of its
    syllables and leaves at least ``left`` / ``right`` letters either side, and at
    least :data:`MIN_STEM` before it: a short name ending like a suffix
    (*Hua-man*) is more likely all name.

    >>> suffix_offsets("Congresopaqpas")
    [8, 11]
    """
    if not _WORD.fullmatch(word) or any(ch.isupper() for ch in word[1:]):
        return []
    lower = word.lower()
    chained = {len(lower)}  # offsets from which the rest parses as suffixes
    for start in range(len(lower) - 1, 0, -1):
        for size in range(1, _LONGEST_SUFFIX + 1):
            if start + size in chained and lower[start : start + size] in SUFFIXES:
                chained.add(start)
                break
    bounds = set(itertools.accumulate(len(piece) for piece in syllables(word)))
    total = _letters(word)
    return [
        o
        for o in sorted(chained & bounds)
        if _letters(word[:o]) >= max(left, MIN_STEM) and total - _letters(word[:o]) >= right
    ]


def hyphenate_word(
    word: str, hyphen: str = SOFT_HYPHEN, left: int = LEFT, right: int = RIGHT
) -> str:
    """``word`` with ``hyphen`` at each allowed syllable boundary: ``runasimi`` → ``ru-na-simi``
    (rule 8 keeps the final *mi* with the syllable before it)."""
    offsets = hyphen_offsets(word, left, right)
    if not offsets:
        return word
    bounds = [0, *offsets, len(word)]
    return hyphen.join(word[a:b] for a, b in itertools.pairwise(bounds))


def text_offsets(text: str, left: int = LEFT, right: int = RIGHT, *, before: str = "") -> list[int]:
    """Offsets in running ``text`` where soft hyphens go; URLs, code-like chunks,
    names and hyphenated words are skipped.  ``before`` is the text of the same
    block that precedes ``text`` (empty: ``text`` begins the block)."""
    offsets: list[int] = []
    for chunk in re.finditer(r"\S+", text):
        if _LEAVE_ALONE.search(chunk.group()) or any(h in chunk.group() for h in HYPHENS):
            continue
        for word in _WORD.finditer(chunk.group()):
            base = chunk.start() + word.start()
            starts = sentence_start(text, base, before)
            found = hyphen_offsets(word.group(), left, right, starts_sentence=starts)
            offsets.extend(base + o for o in found)
    return offsets


def hyphenate_text(text: str, hyphen: str = SOFT_HYPHEN) -> str:
    """Plain ``text`` with soft hyphens in every eligible word."""
    bounds = [0, *text_offsets(text), len(text)]
    return hyphen.join(text[a:b] for a, b in itertools.pairwise(bounds))


def hyphenate_html(html: str, lang: str) -> str:
    """Insert soft hyphens into the Quechua text of ``html``; other languages come back unchanged.

    Only text nodes change (tags, attributes, comments and entities are kept
    byte for byte), so removing every U+00AD gives the input back.
    """
    if not lang.lower().startswith("qu"):
        return html
    parser = _Hyphenator(html)
    parser.feed(html)
    parser.close()
    return parser.result()


class _Hyphenator(HTMLParser):
    """Finds where each parse event starts, so text runs can be rewritten in place.

    Events are not re-serialised: every tag, comment and entity is copied from
    the source by its offsets, so the output differs from the input only by the
    inserted soft hyphens.  Data and entities are joined into runs and decoded
    before hyphenating, so a word like ``p&rsquo;unchaw`` is seen whole.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._events: list[tuple[int, str, bool]] = []  # (offset, kind, hyphenate)
        self._stack: list[tuple[str, bool]] = [("#root", True)]  # (tag, hyphenate inside)

    def _mark(self, kind: str) -> None:
        line, column = self.getpos()
        self._events.append((self._line_starts[line - 1] + column, kind, self._stack[-1][1]))

    def result(self) -> str:
        ends = [offset for offset, _, _ in self._events[1:]] + [len(self._source)]
        out: list[str] = []
        run: list[tuple[str, bool]] = []  # (raw, is_data)
        before = ""  # the block's text so far: does the next word begin a sentence?
        for (start, kind, hyphenate), end in zip(self._events, ends, strict=True):
            raw = self._source[start:end]
            if kind in ("data", "entity") and hyphenate:
                run.append((raw, kind == "data"))
                continue
            out.extend(_hyphenate_run(run, before))
            before += "".join(_decoded(run))
            run = []
            out.append(raw)
            if kind == "block":
                before = ""
            elif kind in ("data", "entity"):
                before += unescape(raw)
        out.extend(_hyphenate_run(run, before))
        return "".join(out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark("block" if tag in _BLOCK_ELEMENTS else "tag")
        if tag in _VOID_ELEMENTS:
            return
        inside = self._stack[-1][1] and tag not in _SKIP_ELEMENTS
        for name, value in attrs:
            if name == "lang" and value is not None:
                inside = inside and value.lower().startswith("qu")
            if name == "translate" and value == "no":
                inside = False
        self._stack.append((tag, inside))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark("tag")

    def handle_endtag(self, tag: str) -> None:
        self._mark("block" if tag in _BLOCK_ELEMENTS else "tag")
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        self._mark("data")

    def handle_entityref(self, name: str) -> None:
        self._mark("entity")

    def handle_charref(self, name: str) -> None:
        self._mark("entity")

    def handle_comment(self, data: str) -> None:
        self._mark("other")

    def handle_decl(self, decl: str) -> None:
        self._mark("other")

    def handle_pi(self, data: str) -> None:
        self._mark("other")

    def unknown_decl(self, data: str) -> None:
        self._mark("other")


def _decoded(run: list[tuple[str, bool]]) -> list[str]:
    return [raw if is_data else unescape(raw) for raw, is_data in run]


def _hyphenate_run(run: list[tuple[str, bool]], before: str = "") -> list[str]:
    """Hyphenate a run of raw text pieces (data or entity) as one decoded text;
    ``before`` is the text of the block ahead of it (rule 10)."""
    if not run:
        return []
    texts = _decoded(run)
    offsets = sorted(text_offsets("".join(texts), before=before))
    out: list[str] = []
    position = 0
    for (raw, is_data), text in zip(run, texts, strict=True):
        body = raw
        if is_data:
            cuts = [o - position for o in offsets if position < o < position + len(text)]
            bounds = [0, *cuts, len(raw)]
            body = SOFT_HYPHEN.join(raw[a:b] for a, b in itertools.pairwise(bounds))
        out.append((SOFT_HYPHEN if position in offsets else "") + body)
        position += len(text)
    return out
