"""The thin writer around :func:`pliego.merge.update_catalog`.

Reads the template and the translator's file, merges, and writes only when
something other than a timestamp changed, under the catalogue lock so that
two editors running ``invoke update`` at once cannot lose each other's work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .fsutil import catalog_lock
from .merge import MergeStats, new_catalog, update_catalog
from .paths import po_path, template_path
from .pofile import load_catalog, save_catalog


@dataclass(frozen=True)
class UpdateResult:
    lang: str
    domain: str
    path: Path
    created: bool
    written: bool
    stats: MergeStats


def update_domain(settings: Settings, lang: str, domain: str, *,
                  purge: bool = False) -> UpdateResult:
    template = load_catalog(template_path(settings, domain))
    target = po_path(settings, lang, domain)
    with catalog_lock(target):
        if not target.exists():
            catalog = new_catalog(template, lang)
            written = save_catalog(target, catalog)
            return UpdateResult(lang, domain, target, True, written,
                                MergeStats(new=len(catalog.messages)))
        current = load_catalog(target)
        merged, stats = update_catalog(template, current, purge=purge)
        if merged.header_value("Plural-Forms") is None:
            merged = merged.with_header("Plural-Forms", new_catalog(template, lang)
                                        .header_value("Plural-Forms") or "")
        written = save_catalog(target, merged)
        return UpdateResult(lang, domain, target, False, written, stats)


def update_all(settings: Settings, langs: tuple[str, ...], domains: tuple[str, ...], *,
               purge: bool = False) -> Iterator[UpdateResult]:
    """Update every (language, domain) catalogue, reading everything first:
    a broken template or catalogue stops the run before any file is written,
    so a mistake in ``qu`` never leaves ``es`` half updated."""
    for domain in domains:
        load_catalog(template_path(settings, domain))
        for lang in langs:
            target = po_path(settings, lang, domain)
            if target.exists() or target.is_symlink():
                load_catalog(target)
    for lang in langs:
        for domain in domains:
            yield update_domain(settings, lang, domain, purge=purge)
