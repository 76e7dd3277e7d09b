"""Where things live: one pure mapping from settings to paths, and the inputs it may read.

Like Sphinx's gettext builder, a document maps to its catalogue paths by a pure
function, so every task (and every test) agrees on the layout:
``source/<slug>.md`` -> ``locale/<slug>.pot`` -> ``locale/<lang>/LC_MESSAGES/<slug>.po``,
plus the template domains of the pamphlet's and the site's own words.  Kept
apart from :mod:`pliego.project` (the settings) because every stage needs the
paths and few need the rest.  :func:`refuse_outside_links` is the one check
that those paths lead to the project's own files.
"""

from __future__ import annotations

import re
from pathlib import Path

from pliego.errors import SourceError
from pliego.project import Settings

#: Template domains and the folder (relative to the project root) holding their templates.
TEMPLATE_DOMAINS: dict[str, str] = {"pamphlet": "styles/pamphlet", "site": "styles/site"}

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
#: Domains that are not articles: the pamphlet's own strings and the site's.
RESERVED_DOMAINS = tuple(TEMPLATE_DOMAINS)


def template_path(settings: Settings, domain: str) -> Path:
    return settings.locale_path / f"{domain}.pot"


def po_path(settings: Settings, lang: str, domain: str) -> Path:
    return settings.locale_path / lang / "LC_MESSAGES" / f"{domain}.po"


def relative(settings: Settings, path: Path) -> str:
    """A project-relative POSIX path for ``#:`` references and messages."""
    try:
        return path.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def articles(settings: Settings) -> tuple[Path, ...]:
    """The English articles, sorted by file name (= domain)."""
    folder = settings.source_path
    if not folder.is_dir():
        raise SourceError(
            "the source folder does not exist",
            path=folder,
            hint="put the English articles there as <slug>.md",
        )
    found = tuple(sorted(folder.glob("*.md")))
    if not found:
        raise SourceError(
            "there are no articles (*.md) in the source folder",
            path=folder,
            hint="add the English article as source/<slug>.md",
        )
    for path in found:
        slug = path.stem
        if not SLUG.match(slug) or slug in RESERVED_DOMAINS:
            raise SourceError(
                f"the article name {slug!r} cannot be a gettext domain",
                path=path,
                hint="rename it with lower-case letters, digits and hyphens only"
                + (f"; {slug!r} is reserved" if slug in RESERVED_DOMAINS else ""),
            )
    return found


def domains(settings: Settings) -> tuple[str, ...]:
    """The article domains."""
    return tuple(p.stem for p in articles(settings))


def catalog_domains(settings: Settings) -> tuple[str, ...]:
    """Every domain translators work on: the articles, then the pamphlet's and
    the site's own strings once their templates exist."""
    extra = tuple(d for d in RESERVED_DOMAINS if template_path(settings, d).exists())
    return domains(settings) + extra


def refuse_outside_links(settings: Settings) -> None:
    """Refuse inputs that are links leading out of the project, or to nothing.

    Articles, catalogues, the glossary, the translation memory and the styles
    are read by name; a symbolic link among them would let a file from
    anywhere (``/etc/passwd``) be read, quoted in an error or typeset, and a
    dangling one would silently read as "no translation".  One scan at the
    start of a task covers every reader.  The message names the link only,
    never what it points to.
    """
    root = settings.root.resolve()
    folders = [settings.source_path, settings.locale_path, settings.root / "styles"]
    files = [settings.locale_path / "glossary.csv", settings.root / "pyproject.toml"]
    tmx = settings.section("prefill").get("tmx")
    if isinstance(tmx, str) and tmx:
        files.append(settings.root / tmx)
    candidates = [*files, *folders]
    for folder in folders:
        if folder.is_dir() and not folder.is_symlink():
            candidates += [p for p in folder.rglob("*") if p.is_symlink()]
    for path in candidates:
        if not path.is_symlink() and not any(
            parent.is_symlink() for parent in _parents(path, root)
        ):
            continue
        target = path.resolve()
        if not target.exists():
            raise SourceError(
                f"{_what(settings, path)} does not exist (it is a link to nothing)",
                path=path,
                hint="replace the link with the file itself",
            )
        if target != root and root not in target.parents:
            raise SourceError(
                "this is a link to a file outside the project (pliego reads only its own files)",
                path=path,
                hint="copy the file into the project instead of linking to it",
            )


def _what(settings: Settings, path: Path) -> str:
    """How an input is named in a message: by what it is to the user."""
    if path.suffix == ".md" and settings.source_path in path.parents:
        return "the article"
    if path.suffix in (".po", ".pot"):
        return "the catalogue"
    return "the file"


def _parents(path: Path, root: Path) -> list[Path]:
    """The folders between ``root`` and ``path`` (exclusive of both)."""
    try:
        rel = path.absolute().relative_to(root)
    except ValueError:
        return []
    return [root.joinpath(*rel.parts[:i]) for i in range(1, len(rel.parts))]
