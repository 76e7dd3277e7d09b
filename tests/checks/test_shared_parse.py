"""The markdown check's shortcut: one parse per text, shared with the other checks.

:func:`pliego.checks.inline.shares_parse` claims that, for texts without
``<`` and ``^[``, the cached raw-HTML parse of each text alone gives the same
inline features as the build's parse of the pair in one environment.  Checked
here on thousands of generated pairs made of every piece of markup the
parsers know, against the full parse the check used before.
"""

from __future__ import annotations

import random

from pliego.checks.inline import (
    _html_parse,
    env_for,
    html_tags,
    is_plain,
    plain_text,
    shared_parse,
    shares_parse,
    tokens_text,
    walk,
)
from pliego.checks.markup import inline_features, token_features

#: Markup and text the parsers read, one piece per blank-separated word.
WORDS = r"""word Lima de \ * ** _ __ ` `` `code` [ ] ( ) [a](https://e.org/a) [b](file:x)
![i](p.png) ![](q.png) [^1] [^n2] [^1]: &amp; & &#35; ! ~~ ~ | # - 1. > https://x.org
www.x.org ſ ’"""
PIECES = (
    *WORDS.split(),
    *(" ", "  ", "\n", "\\\n", "\t", "\u00a0", "[^ x]", "[x]: y", "[c](u 't')"),
)


def _text(rnd: random.Random, pieces: tuple[str, ...]) -> str:
    return "".join(rnd.choice(pieces) + rnd.choice(("", " ")) for _ in range(rnd.randint(1, 14)))


def _full(source: str, target: str) -> tuple[object, object]:
    env = env_for(source, target)
    return inline_features(source, env), inline_features(target, env)


def test_shared_parse_gives_the_features_of_the_full_parse() -> None:
    rnd = random.Random(16)
    pairs = [(_text(rnd, PIECES), _text(rnd, PIECES)) for _ in range(3000)]
    pairs += [(s, s) for s, _ in pairs[:300]]
    for source, target in pairs:
        assert shares_parse(source, target)
        shared = (token_features(shared_parse(source)), token_features(shared_parse(target)))
        assert shared == _full(source, target), (source, target)


def test_raw_html_and_inline_footnotes_take_the_full_parse() -> None:
    assert not shares_parse("a <b>x</b>", "y")
    assert not shares_parse("x", "a ^[note] b")
    # Why: here the two parses disagree (raw HTML inside a link's text is not its
    # text to the build), so the gate must send such texts the long way.
    source = "see [<b>](u)"
    assert token_features(shared_parse(source)) != _full(source, source)[0]
    # The shared environment carries the English inline note into the translation's parse.
    source, target = "a ^[*note*] b", "c"
    assert token_features(shared_parse(target)) != _full(source, target)[1]


#: Prose with every character markup does not start with (``#``, ``|``, ``>``,
#: digits, quotes, spaces at either end), and then with one that markup does.
PROSE_WORDS = "word Lima 1. # | > - + = : ; % $ @ { } ( ) ' \" ’ ¿ ? « » ſ"
PROSE = (*PROSE_WORDS.split(), " ", "  ", "\t")


def test_a_text_without_markup_characters_reads_as_itself() -> None:
    rnd = random.Random(16)
    plain = [_text(rnd, PROSE) for _ in range(2000)] + ["", " ", " a ", "\u00a0b\u00a0"]
    for text in plain:
        assert is_plain(text)
        tokens = _html_parse(text)
        assert [t.type for t in tokens] == ["inline"]
        assert [(t.type, t.content) for t in tokens[0].children or ()] == (
            [("text", text)] if text else []
        )
        assert plain_text(text) == tokens_text(tokens) == text
        assert html_tags(text) == ()
        assert token_features(list(walk(tokens))) == token_features(shared_parse(text)) == {}
    marked = [t + c + t for t in plain[:200] for c in "\n\r\0\\`*_[]!^<&~"]
    assert not any(is_plain(t) for t in marked)
