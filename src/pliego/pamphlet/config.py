"""``[tool.pliego.build]``: the build's settings, validated, and the editions' names.

Kept apart from :mod:`pliego.pamphlet.build` (which drives a build) and
:mod:`pliego.pamphlet.editions` (which makes one), because both need it: this
is what used to make those two modules import each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pliego.errors import ConfigError
from pliego.pamphlet.paper import A5, PAPERS, Paper
from pliego.project import Settings, check_keys, setting_line

#: Edition kinds in build and listing order (what each is printed on: :meth:`Paper.label`).
EDITIONS = ("reading", "booklet", "print")
#: What ``release-checks`` may say: which findings of ``invoke check`` stop a release.
RELEASE_CHECKS = ("errors", "warnings", "off")
DUPLEX = ("short", "long")
#: What ``links`` may say (see :mod:`pliego.pamphlet.links`), the default first.
LINK_STYLES = ("inline", "notes")
#: What ``layout`` may say: whether defects left by the layout audit's passes stop a release.
LAYOUT = ("warn", "fail")


@dataclass(frozen=True)
class BuildConfig:
    """``[tool.pliego.build]``, validated."""

    release_threshold: float = 100.0
    cmyk_profile: Path | None = None
    duplex: str = "short"
    #: Which ``invoke check`` findings stop a release: "errors", "warnings" (errors too) or "off".
    release_checks: str = "errors"
    #: The page and the booklet's sheet (``paper = "a5"`` or ``"half-letter"``).
    paper: Paper = A5
    #: How a link's address is printed: "inline" (in parentheses) or "notes" (at the page foot).
    links: str = "inline"
    #: "warn" lists the layout defects the fixing passes left; "fail" refuses such a release.
    layout: str = "warn"


def build_config(settings: Settings) -> BuildConfig:
    table = settings.section("build")
    where = settings.root / "pyproject.toml"
    known = {"release-threshold", "release-checks", "cmyk-profile", "duplex", "paper", "links"}
    known |= {"layout"}
    if "date-locales" in table:  # one formatting locale per language, for dates and numbers
        raise ConfigError(
            "[tool.pliego.build] date-locales is now the locale of each language",
            path=where,
            hint='write e.g. locale = "es_PE" under [tool.pliego.languages.es] (docs/languages.md)',
        )
    check_keys(table, known, "build", where)
    threshold = table.get("release-threshold", 100)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 <= threshold <= 100
    ):
        raise ConfigError("release-threshold must be a number from 0 to 100", path=where)
    profile: Path | None = None
    if table.get("cmyk-profile"):
        profile = (settings.root / str(table["cmyk-profile"])).resolve()
        styles = (settings.root / "styles").resolve()
        if not profile.is_file():
            raise ConfigError(
                f"the CMYK profile {table['cmyk-profile']!r} does not exist",
                path=where,
                hint="put the .icc file under styles/ or remove the key",
            )
        if not profile.is_relative_to(styles):
            raise ConfigError(
                "the CMYK profile must live under styles/",
                path=where,
                hint="the typesetter may read nothing outside styles/",
            )
        problem = icc_problem(profile.read_bytes())
        if problem:
            raise ConfigError(
                f"the CMYK profile {table['cmyk-profile']!r} {problem}",
                path=where,
                hint="use the print shop's CMYK output profile (.icc), e.g. ISO Coated v2",
            )
    duplex = _choice(table, "duplex", DUPLEX, where, "how the printer turns the sheet")
    checks = _choice(
        table,
        "release-checks",
        RELEASE_CHECKS,
        where,
        '"errors" (the default) refuses a release while invoke check reports errors',
    )
    paper = _choice(
        table,
        "paper",
        tuple(PAPERS),
        where,
        '"a5" prints the booklet on A4, "half-letter" on US Letter',
    )
    links = _choice(
        table,
        "links",
        LINK_STYLES,
        where,
        '"inline" (the default) prints an address in parentheses after its link, '
        '"notes" at the foot of the page',
    )
    layout = _choice(
        table,
        "layout",
        LAYOUT,
        where,
        '"fail" refuses a release whose pages keep layout defects; "warn" lists them',
    )
    return BuildConfig(float(threshold), profile, duplex, checks, PAPERS[paper], links, layout)


def icc_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a PDF/X output intent, or None (pure, ICC.1 header).

    A PDF/X file promises the print shop a CMYK press condition; a profile
    that is not one would give a PDF labelled PDF/X that is not.  The header
    says enough: the ``acsp`` signature, the data colour space and the device
    class (an output profile, ``prtr``), and a declared size the file holds.
    """
    if len(data) < 128 or data[36:40] != b"acsp":
        return "is not an ICC colour profile (no 'acsp' signature in its header)"
    if int.from_bytes(data[0:4], "big") > len(data):
        return "is truncated (its header declares more bytes than the file has)"
    if data[16:20] != b"CMYK":
        space = data[16:20].decode("latin-1").strip()
        return f"describes {space or 'an unknown'} colour, not CMYK"
    if data[12:16] != b"prtr":
        kind = data[12:16].decode("latin-1").strip()
        return f"is a {kind!r} profile, not an output (printer) profile"
    return None


def output_name(slug: str, kind: str, draft: bool, paper: Paper = A5) -> str:
    """File names of the BRIEF contract: ``-draft`` goes before every suffix; the
    booklet's names its sheet (``-booklet-a4``, ``-booklet-letter``)."""
    stem = f"{slug}-draft" if draft else slug
    return {
        "reading": f"{stem}.pdf",
        "booklet": f"{stem}{paper.booklet_suffix}.pdf",
        "print": f"{stem}-print.pdf",
        "sidecar": f"{stem}.json",
        "markdown": f"{stem}.md",
    }[kind]


def normalise_editions(editions: Sequence[str] | None) -> tuple[str, ...]:
    chosen = tuple(EDITIONS) if not editions else tuple(editions)
    for e in chosen:
        if e not in EDITIONS:
            raise ConfigError(f"unknown edition {e!r}", hint=f"choose from {', '.join(EDITIONS)}")
    # The booklet is imposed from the reading edition's pages.
    if "booklet" in chosen and "reading" not in chosen:
        chosen = ("reading", *chosen)
    return tuple(e for e in EDITIONS if e in chosen)


def _choice(
    table: Mapping[str, Any], key: str, choices: Sequence[str], where: Path, hint: str
) -> str:
    """The value of a ``[tool.pliego.build]`` key that names one of ``choices`` (the
    default first); anything else is refused with the line of ``pyproject.toml``."""
    value = table.get(key, choices[0])
    if not isinstance(value, str) or value not in choices:
        raise ConfigError(
            f"{key} must be one of {', '.join(map(repr, choices))}, not {value!r}",
            path=where,
            line=setting_line(where, "build", key),
            hint=hint,
        )
    return value
