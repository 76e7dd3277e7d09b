"""Where things live: one pure mapping from settings to paths.

Like Sphinx's gettext builder, a document maps to its catalogue paths by a
pure function, so every task (and every test) agrees on the layout:
``source/<slug>.md`` → domain ``<slug>`` → ``locale/<slug>.pot`` and
``locale/<lang>/LC_MESSAGES/<slug>.po``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .config import Settings
from .errors import SourceError

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
#: Domains that are not articles: the pamphlet's own strings and the site's.
RESERVED_DOMAINS = ("pamphlet", "site")


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
        raise SourceError("the source folder does not exist", path=folder,
                          hint="put the English articles there as <slug>.md")
    found = tuple(sorted(folder.glob("*.md")))
    if not found:
        raise SourceError("there are no articles (*.md) in the source folder", path=folder,
                          hint="add the English article as source/<slug>.md")
    for path in found:
        slug = path.stem
        if not SLUG.match(slug) or slug in RESERVED_DOMAINS:
            raise SourceError(
                f"the article name {slug!r} cannot be a gettext domain", path=path,
                hint="rename it with lower-case letters, digits and hyphens only"
                + (f"; {slug!r} is reserved" if slug in RESERVED_DOMAINS else ""))
    return found


def domains(settings: Settings) -> tuple[str, ...]:
    """The article domains."""
    return tuple(p.stem for p in articles(settings))


def catalog_domains(settings: Settings) -> tuple[str, ...]:
    """Every domain translators work on: the articles, then the pamphlet's and
    the site's own strings once their templates exist."""
    extra = tuple(d for d in RESERVED_DOMAINS if template_path(settings, d).exists())
    return domains(settings) + extra
