"""The markdown check's shortcut: one parse per text, shared with the other checks.

:func:`pliego.checks.inline.shares_parse` claims that, for texts without
``<`` and ``^[``, the cached raw-HTML parse of each text alone gives the same
inline features as the build's parse of the pair in one environment.  Checked
here on thousands of generated pairs made of every piece of markup the
parsers know, against the full parse the check used before.
"""

from __future__ import annotations

import random

from pliego.checks.inline import env_for, shared_parse, shares_parse
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
