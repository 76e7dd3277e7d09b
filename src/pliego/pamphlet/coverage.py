"""Do the pamphlet's fonts have a glyph for every character the catalogues print?

Why before typesetting: WeasyPrint (through Pango) fills a character its
font lacks from whatever system font has it, or draws an empty box, and
says nothing.  A pamphlet in a language whose alphabet the bundled faces do
not fully cover (Aymara's ``ä`` and ``ʼ`` are there; a Guaraní ``g̃`` or a
Cyrillic text would not be everywhere) would print in two typefaces, or with
boxes, and exit 0.  The proof reader would have to find it on paper.

The rule is deliberately strict and simple: every face the stylesheet loads
(``@font-face``, found by :func:`pliego.pamphlet.preflight.referenced_fonts`)
must map the character, because any entry may be set in bold or italic (a
heading, an emphasis), and a character one face lacks falls back there.
Control and format characters (line ends, the soft hyphen, joiners) have no
glyph of their own and are not asked for.

Cost: fontTools decompiles each face's ``cmap`` (about 0.1 s for a Charis SIL
face), once per face per process and only when a pamphlet is really rebuilt.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from pliego.errors import PliegoError
from pliego.gettext.catalog import Message
from pliego.gettext.po import load_catalog
from pliego.pamphlet.preflight import existing_catalogues, referenced_fonts
from pliego.paths import relative
from pliego.project import Settings

#: Characters without a glyph of their own: controls, format characters, separators of lines.
_NO_GLYPH = frozenset(("Cc", "Cf", "Zl", "Zp"))


class GlyphError(PliegoError):
    """A translation uses a character the pamphlet's fonts cannot draw."""


@dataclass(frozen=True)
class Uncovered:
    """The first entry of a catalogue that uses a character no face (or not every
    face) has, and which faces lack it."""

    path: Path
    line: int
    char: str
    faces: tuple[str, ...]

    @property
    def described(self) -> str:
        name = unicodedata.name(self.char, "unnamed character")
        return f"{self.char!r} (U+{ord(self.char):04X} {name})"


@lru_cache(maxsize=32)
def _cmap(path: Path, size: int, mtime_ns: int) -> frozenset[int]:
    """The code points one face maps (cached by file identity: a changed file is re-read)."""
    best = TTFont(path, lazy=True, fontNumber=0).getBestCmap() or {}
    return frozenset(best)


def face_maps(paths: Iterable[Path]) -> dict[Path, frozenset[int]]:
    """Each face's mapped code points (the fonts are already known to be readable)."""
    out: dict[Path, frozenset[int]] = {}
    for path in paths:
        stat = path.stat()
        out[path] = _cmap(path, stat.st_size, stat.st_mtime_ns)
    return out


def _texts(message: Message) -> Iterator[str]:
    yield message.msgstr
    yield from message.msgstr_plural


def uncovered(
    path: Path, messages: Iterable[Message], faces: dict[Path, frozenset[int]]
) -> Iterator[Uncovered]:
    """One :class:`Uncovered` per character some face lacks, at its first entry (pure)."""
    seen: set[str] = set()
    for message in messages:
        for text in _texts(message):
            for char in text:
                if char in seen or unicodedata.category(char) in _NO_GLYPH:
                    continue
                seen.add(char)
                lacking = tuple(p.name for p, cmap in faces.items() if ord(char) not in cmap)
                if lacking:
                    yield Uncovered(path, message.lineno, char, lacking)


def verify_coverage(
    settings: Settings, lang: str, domains: Iterable[str], *, draft: bool
) -> tuple[str, ...]:
    """Check the catalogues a pamphlet of ``lang`` prints against the fonts.

    A release refuses the first uncovered character (raises :class:`GlyphError`
    naming the entry's file:line and the character); a draft, a proof, goes on
    and lists every one as a note.
    """
    if lang == settings.source_language:
        return ()
    faces = face_maps(referenced_fonts(settings))
    if not faces:
        return ()
    notes: list[str] = []
    for _, path in existing_catalogues(settings, lang, domains):
        messages = [m for m in load_catalog(path).active if m.msgid]
        for gap in uncovered(path, messages, faces):
            error = GlyphError(
                f"the pamphlet's fonts have no glyph for {gap.described}"
                + (
                    f" (missing from {', '.join(gap.faces)})" if len(gap.faces) < len(faces) else ""
                ),
                path=relative(settings, gap.path),
                line=gap.line or None,
                hint="write the character another way, or add a font that has it to "
                "styles/pamphlet/pamphlet.css (@font-face)",
            )
            if not draft:
                raise error
            notes.append(str(error))
    return tuple(notes)
