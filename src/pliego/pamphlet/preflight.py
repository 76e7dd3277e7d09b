"""What a build verifies before it typesets: the bundled fonts and the catalogues.

Both failures are otherwise silent.  WeasyPrint logs a font it cannot load and
carries on with a system font, so an emptied ``CharisSIL-Regular.ttf`` gave a
pamphlet without its regular face and exit status 0.  And pliego's own ``.po``
reader is lenient where GNU ``msgfmt --check`` is not (a ``Plural-Forms``
expression that yields more forms than ``nplurals``), so ``invoke check``
rejected a catalogue that ``invoke build`` happily printed.

Runs only when something is really rebuilt (a no-op build never gets here).
The font check reads each font's header and table directory with fontTools,
lazily: no table is decompiled (decompiling ``cmap`` alone would cost about
30 ms a face, for its glyph names), and fontTools is the library WeasyPrint
imports next anyway.  The catalogue check is one ``msgfmt`` process per
catalogue.  The judging here is pure; the two edges are :func:`verify_fonts`
and :func:`pliego.gettext.msgfmt.run_msgfmt`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import sfntDirectorySize, ttcHeaderSize, woffDirectorySize

from pliego.errors import CatalogError, PliegoError
from pliego.gettext.msgfmt import parse_msgfmt, run_msgfmt
from pliego.paths import po_path, relative
from pliego.project import Settings

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""", re.IGNORECASE)


@dataclass(frozen=True)
class _Kind:
    """A kind of file fontTools reads, and how to word its damage."""

    header: int  # bytes fontTools needs before it reaches the table directory
    truncated: str  # shorter than that
    damaged: str  # long enough, and still unreadable


_SFNT = _Kind(sfntDirectorySize, "the file is truncated", "the font's table directory is broken")
_WOFF = _Kind(woffDirectorySize, "the WOFF file is truncated", "the WOFF file is damaged")
#: The files fontTools reads, by their first four bytes (WOFF2 is added when needed).
_KINDS = {
    b"\x00\x01\x00\x00": _SFNT,
    b"true": _SFNT,
    b"OTTO": _SFNT,
    b"ttcf": replace(_SFNT, header=ttcHeaderSize),
    b"wOFF": _WOFF,
}


class FontError(PliegoError):
    """A font the pamphlet's stylesheet names cannot be used."""


def font_urls(css: str) -> tuple[str, ...]:
    """The ``url(...)`` sources of every ``@font-face`` rule in a stylesheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return tuple(
        m.group(2).strip() for block in _FONT_FACE.findall(css) for m in _URL.finditer(block)
    )


def font_problem(font: BinaryIO, size: int) -> str | None:
    """Why this open file (of this size) is not a usable font, or None.

    fontTools reads the header and the table directory of a TrueType or
    OpenType font, a collection (its first font) or a WOFF or WOFF2 file;
    ``lazy=True`` leaves every table unread, so this stays cheap.  What it
    catches is what made WeasyPrint fall back to a system font in silence: an
    emptied, truncated or overwritten file.
    """
    if size == 0:
        return "the file is empty"
    magic = font.read(4)
    font.seek(0)
    try:
        reader = TTFont(font, lazy=True, fontNumber=0).reader
    except OSError:  # the disk, not the font: the caller says the file cannot be read
        raise
    except Exception:  # damaged bytes trip fontTools' parser anywhere: struct, zlib, brotli …
        return _unreadable(magic, size)
    if reader.flavor in ("woff", "woff2") and reader.length != size:
        return _WOFF.truncated
    if not reader.tables:
        return _SFNT.damaged
    if reader.flavor != "woff2":  # WOFF2 tables live in one stream fontTools has unpacked
        for tag, entry in reader.tables.items():
            if entry.offset + entry.length > size:
                return f"the font is truncated (its {str(tag)!r} table is cut off)"
    missing = {"cmap", "head"} - {str(tag) for tag in reader.tables}
    if missing:
        return "the font has no " + ", ".join(sorted(missing)) + " table"
    return None


def _unreadable(magic: bytes, size: int) -> str:
    """Why fontTools could not read a header and table directory, in a user's words."""
    if magic == b"wOF2":
        from fontTools.ttLib.woff2 import woff2DirectorySize  # loaded for a broken WOFF2 only

        kind: _Kind | None = replace(_WOFF, header=woff2DirectorySize)
    else:
        kind = _KINDS.get(magic)
    if kind is None:
        return "the file is not a TrueType or OpenType font"
    return kind.truncated if size < kind.header else kind.damaged


def referenced_fonts(settings: Settings) -> tuple[Path, ...]:
    """Font files under ``styles/`` named by the pamphlet's stylesheets."""
    styles = (settings.root / "styles").resolve()
    found: dict[Path, None] = {}
    for css in sorted((styles / "pamphlet").glob("*.css")):
        for url in font_urls(css.read_text(encoding="utf-8", errors="replace")):
            if ":" in url.split("/")[0]:  # data:, file:, http: … the fetcher rules on those
                continue
            path = (css.parent / unquote(url)).resolve()
            if path.is_relative_to(styles):
                found[path] = None
    return tuple(found)


def verify_fonts(settings: Settings) -> None:
    """Raise :class:`FontError` for the first referenced font that is missing or broken."""
    for path in referenced_fonts(settings):
        shown = relative(settings, path)
        try:
            with path.open("rb") as handle:
                problem = font_problem(handle, os.fstat(handle.fileno()).st_size)
        except OSError:
            problem = "the font file cannot be read (missing?)"
        if problem is not None:
            raise FontError(
                f"{problem}: the pamphlet cannot be typeset with it",
                path=shown,
                hint=f"restore it from git: git checkout -- {shown}",
            )


# --------------------------------------------------------------------------- msgfmt


def msgfmt_errors(output: str) -> tuple[str, ...]:
    """The lines of ``msgfmt --check`` output that are errors (not warnings, not totals)."""
    return tuple(m.raw for m in parse_msgfmt(output) if not m.warning)


def catalogue_problem(settings: Settings, path: Path) -> PliegoError | None:
    """What ``msgfmt --check`` holds against a catalogue, as an error naming file:line."""
    code, output = run_msgfmt(path, purpose="a release build checks every catalogue with it")
    if code == 0:
        return None
    errors = [m for m in parse_msgfmt(output, str(path)) if not m.warning]
    detail = (
        "; ".join(m.text for m in errors[:3])
        or output.strip()
        or f"msgfmt exited with status {code}"
    )
    line = next((m.line for m in errors if m.line is not None), None)
    return CatalogError(
        f"GNU msgfmt --check rejects the catalogue: {detail}",
        path=relative(settings, path),
        line=line,
        hint="fix it in your editor; `invoke check` lists every problem",
    )


def existing_catalogues(
    settings: Settings, lang: str, domains: Iterable[str]
) -> Iterator[tuple[str, Path]]:
    """``(domain, path)`` of each of ``lang``'s catalogues a pamphlet uses that exists,
    once each (a domain without a catalogue is the readiness check's to report)."""
    for domain in dict.fromkeys(domains):
        path = po_path(settings, lang, domain)
        if path.exists():
            yield domain, path


def verify_catalogues(
    settings: Settings, lang: str, domains: Iterable[str], *, draft: bool
) -> tuple[str, ...]:
    """``msgfmt --check`` over the catalogues a pamphlet uses.

    A release refuses a rejected catalogue (raises); a draft is a proof for the
    reviewers who will fix it, so it goes on and the problems become notes.
    """
    if lang == settings.source_language:
        return ()
    notes: list[str] = []
    for _, path in existing_catalogues(settings, lang, domains):
        try:
            problem = catalogue_problem(settings, path)
        except PliegoError as exc:  # msgfmt missing or hanging
            if not draft:
                raise
            notes.append(f"catalogues not checked: {exc}")
            break
        if problem is not None:
            if not draft:
                raise problem
            notes.append(str(problem))
    return tuple(notes)


def verify_checks(
    settings: Settings, lang: str, domains: Iterable[str], *, draft: bool, policy: str
) -> tuple[str, ...]:
    """``invoke check`` over the catalogues a pamphlet uses, as the release gate.

    A release printed what ``invoke check`` rejects (a footnote reference and a
    link missing from the translation); now a release refuses while the check
    finds errors (or warnings, by ``release-checks``), listing them as the
    threshold refusal does, and a draft shows them as notes.  Only what the
    pamphlet prints is judged: findings on fuzzy drafts are notes in the check
    and so do not count here.
    """
    if lang == settings.source_language or policy == "off":
        return ()
    from pliego.checks.model import CheckContext, Severity
    from pliego.checks.runner import check_file, parse_check_settings
    from pliego.gettext.glossary import GLOSSARY_NAME, read_glossary
    from pliego.pamphlet.release import ChecksRefused

    options = parse_check_settings(settings.section("check"), settings.root / "pyproject.toml")
    glossary = read_glossary(settings.locale_path / GLOSSARY_NAME)
    stopping = {Severity.ERROR} | ({Severity.WARNING} if policy == "warnings" else set())
    found: list[str] = []
    for domain, path in existing_catalogues(settings, lang, domains):
        context = CheckContext(lang=lang, glossary=glossary, domain=domain)
        for f in check_file(settings, path, lang, options, context):
            if f.severity in stopping and f.check not in ("msgfmt", "readable"):
                where = f"{f.path}:{f.line}" if f.line else f.path
                found.append(f"{where}: [{f.check}] {f.message}")
    if found and not draft:
        raise ChecksRefused(lang, tuple(found))
    return tuple(f"invoke check: {line}" for line in found)


def refuse_font_failures(failures: list[str]) -> None:
    """A pamphlet set in a fallback font is not the design: fail rather than ship it."""
    if failures:
        raise FontError(
            "WeasyPrint could not load a font of the pamphlet: "
            + "; ".join(dict.fromkeys(failures)),
            path="styles/pamphlet/pamphlet.css",
            hint="restore the bundled fonts from git: git checkout -- styles/fonts",
        )
