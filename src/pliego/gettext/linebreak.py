"""GNU gettext's line breaking: one adapter around libunistring, one reading of its answer.

GNU ``msgcat`` (and ``msgmerge``, ``xgettext``) wrap strings with
libunistring's ``ulc_width_linebreaks_v2``: Unicode line breaking (UAX #14 as
libunistring 1.0 implements it, with its own tailorings) plus a greedy fill
to a column.  Rules of our own kept drifting from it (a break before "...",
"?" or ")" after a space, say), and every drift churns a
translator's diff the next time msgcat or Poedit saves the file.  So we ask
the same function, through :mod:`ctypes`, from the same library Debian's
gettext links (package ``libunistring2``, which gettext depends on).

:func:`width_linebreaks` is the adapter (the one call into C);
:func:`split_lines` is the pure reading of its answer.  If libunistring
cannot be loaded (macOS without Homebrew's ``libunistring``, say) breaking a
long line raises :class:`LinebreakUnavailable` naming the package: there is no
pure fallback, because one that is only nearly right would silently write
files msgcat rewrites.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import threading
from collections.abc import Callable
from itertools import pairwise

from pliego.errors import PliegoError

# <unilbrk.h>: one byte per byte of the string.
UC_BREAK_UNDEFINED = 0  # in overrides: no opinion, let libunistring decide
UC_BREAK_PROHIBITED = 1  # never break before this byte
UC_BREAK_POSSIBLE = 2  # in the answer: break the line before this byte

# The soname Debian's gettext 0.21 links first; then whatever the system calls it.
_CANDIDATES = ("libunistring.so.2", "libunistring.so.5", "libunistring.dylib")
_ENCODING = b"UTF-8"

_WidthLinebreaks = Callable[..., int]


class LinebreakUnavailable(PliegoError):
    """libunistring, which finds line breaks the way GNU gettext does, cannot be loaded."""


@functools.cache
def _library_function() -> _WidthLinebreaks:
    found = ctypes.util.find_library("unistring")
    names = (found, *_CANDIDATES) if found else _CANDIDATES
    errors = []
    for name in names:
        try:
            lib = ctypes.CDLL(name)
            function = lib.ulc_width_linebreaks_v2
        except (OSError, AttributeError) as exc:
            errors.append(str(exc))
            continue
        function.restype = ctypes.c_int
        function.argtypes = [
            ctypes.c_char_p,  # s
            ctypes.c_size_t,  # n
            ctypes.c_int,  # width
            ctypes.c_int,  # start_column
            ctypes.c_int,  # at_end_columns
            ctypes.c_char_p,  # o: overrides, one per byte
            ctypes.c_char_p,  # encoding
            ctypes.c_char_p,  # p: the answer, one per byte
        ]
        answer: _WidthLinebreaks = function
        return answer
    raise LinebreakUnavailable(
        "cannot load libunistring (1.0 or later), which pliego needs to wrap .po lines "
        "exactly as GNU gettext does: " + "; ".join(errors),
        hint="Debian/Ubuntu: sudo apt-get install libunistring2; "
        "macOS: brew install libunistring gettext",
    )


def width_linebreaks(text: bytes, width: int, start_column: int, overrides: bytes) -> bytes:
    """libunistring's breaks for UTF-8 ``text`` filled to ``width`` columns.

    One byte per byte of ``text``; :data:`UC_BREAK_POSSIBLE` where the line
    must be broken (before that byte).  ``start_column`` is where the first
    line begins; ``overrides`` (same length) forces
    :data:`UC_BREAK_PROHIBITED` where GNU forbids a break.
    """
    if len(overrides) != len(text):
        raise ValueError(f"{len(overrides)} overrides for {len(text)} bytes")
    answer = _answer_buffer(len(text))
    _library_function()(text, len(text), width, start_column, 0, overrides, _ENCODING, answer)
    return ctypes.string_at(answer, len(text))


_BUFFERS = threading.local()


def _answer_buffer(size: int) -> ctypes.Array[ctypes.c_char]:
    """A buffer of at least ``size`` bytes for libunistring's answer, one per thread,
    grown when too small: making a ctypes array for each call took half the time
    of the call itself (20,000 calls in a 20,000-entry catalogue)."""
    buffer: ctypes.Array[ctypes.c_char] | None = getattr(_BUFFERS, "answer", None)
    if buffer is None or len(buffer) < size:
        buffer = ctypes.create_string_buffer(max(size, 4096))
        _BUFFERS.answer = buffer
    return buffer


_MARK = bytes((UC_BREAK_POSSIBLE,))


def split_lines(text: bytes | str, breaks: bytes) -> list[str]:
    """``text`` cut before every byte that ``breaks`` marks :data:`UC_BREAK_POSSIBLE`.

    UTF-8 bytes are decoded line by line; an ASCII ``str`` (whose characters are
    its bytes) is cut as it is, which spares encoding and decoding every line."""
    cuts = []
    cut = breaks.find(_MARK)
    while cut != -1:
        cuts.append(cut)
        cut = breaks.find(_MARK, cut + 1)
    bounds = [0, *cuts, len(text)]
    if isinstance(text, str):
        return [text[a:b] for a, b in pairwise(bounds)]
    return [text[a:b].decode("utf-8") for a, b in pairwise(bounds)]
