"""What a build verifies before it typesets: the bundled fonts and the catalogues.

Both failures are otherwise silent.  WeasyPrint logs a font it cannot load and
carries on with a system font, so an emptied ``CharisSIL-Regular.ttf`` gave a
pamphlet without its regular face and exit status 0.  And pliego's own ``.po``
reader is lenient where GNU ``msgfmt --check`` is not (a ``Plural-Forms``
expression that yields more forms than ``nplurals``), so ``invoke check``
rejected a catalogue that ``invoke build`` happily printed.

Runs only when something is really rebuilt (a no-op build never gets here):
the font check reads a few hundred bytes per font, the catalogue check is one
``msgfmt`` process per catalogue.  The parsing here is pure; the two edges are
:func:`verify_fonts` and :func:`pliego.gettext.msgfmt.run_msgfmt`.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from pliego.errors import CatalogError, PliegoError
from pliego.gettext.msgfmt import parse_msgfmt, run_msgfmt
from pliego.project import Settings, po_path, relative

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""", re.IGNORECASE)
_SFNT = (b"\x00\x01\x00\x00", b"OTTO", b"true")


class FontError(PliegoError):
    """A font the pamphlet's stylesheet names cannot be used."""


def font_urls(css: str) -> tuple[str, ...]:
    """The ``url(...)`` sources of every ``@font-face`` rule in a stylesheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return tuple(
        m.group(2).strip() for block in _FONT_FACE.findall(css) for m in _URL.finditer(block)
    )


def font_problem(head: bytes, size: int) -> str | None:
    """Why these bytes (the file's first bytes, and its size) are not a usable font.

    A cheap sanity check of the sfnt header and table directory (TrueType and
    OpenType/CFF; WOFF by its magic), enough to catch an emptied, truncated or
    overwritten file without importing fontTools.
    """
    if size == 0:
        return "the file is empty"
    if head[:4] in (b"wOFF", b"wOF2"):
        declared = struct.unpack(">I", head[8:12])[0] if len(head) >= 12 else -1
        return None if declared == size else "the WOFF file is truncated"
    if head[:4] not in _SFNT:
        return "the file is not a TrueType or OpenType font"
    if len(head) < 12:
        return "the file is truncated"
    count = struct.unpack(">H", head[4:6])[0]
    if not 1 <= count <= 200 or len(head) < 12 + 16 * count:
        return "the font's table directory is broken"
    tags = set()
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", head[12 + 16 * i : 28 + 16 * i])
        if offset + length > size:
            return f"the font is truncated (its {tag.decode('latin-1')!r} table is cut off)"
        tags.add(tag)
    missing = {b"cmap", b"head"} - tags
    if missing:
        return "the font has no " + ", ".join(sorted(t.decode() for t in missing)) + " table"
    return None


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
                size = os.fstat(handle.fileno()).st_size
                head = handle.read(12 + 16 * 200)
        except OSError:
            problem: str | None = "the font file cannot be read (missing?)"
        else:
            problem = font_problem(head, size)
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
    for domain in dict.fromkeys(domains):
        path = po_path(settings, lang, domain)
        if not path.exists():
            continue
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
