"""The number pattern that starts with its digit finds what the one that
looked behind first found (the old pattern is the reference here), on
generated strings of digits, separators, letters and other scripts' digits."""

from __future__ import annotations

import random
import re

from pliego.checks.numbers import _NUMBER, _SPACES

OLD = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[" + _SPACES + r"]\d{3})+)"
    r"|\d+)(?:[.,]\d+)?(?!\d)"
)


def test_the_digit_first_pattern_matches_the_old_one() -> None:
    rnd = random.Random(16)
    alphabet = "0123456789 ,.\u00a0\u202f\u2009a_-(١٢"
    found = 0
    for _ in range(40_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        old = [(m.start(), m.group(0)) for m in OLD.finditer(text)]
        assert [(m.start(), m.group(0)) for m in _NUMBER.finditer(text)] == old, text
        found += len(old)
    assert found > 20_000
