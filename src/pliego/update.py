"""The thin writer around :func:`pliego.gettext.merge.update_catalog`.

Reads the template and the translator's file, marks the machine drafts a
person has reviewed or edited (:mod:`pliego.gettext.provenance`), merges, and
writes only when something other than a timestamp changed, under the catalogue lock so that
two editors running ``invoke update`` at once cannot lose each other's work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from pliego.files import LF, catalog_lock, file_line_ends
from pliego.gettext.catalog import Catalog
from pliego.gettext.merge import MergeStats, new_catalog, update_catalog
from pliego.gettext.po import CatalogFile, load_catalog, read_catalog_file, save_catalog
from pliego.gettext.provenance import mark_reviews
from pliego.paths import RESERVED_DOMAINS, domains, po_path, template_path
from pliego.plan import Plan
from pliego.project import Settings


@dataclass(frozen=True)
class UpdateResult:
    lang: str
    domain: str
    path: Path
    created: bool
    written: bool
    stats: MergeStats
    reviewed: int = 0  # machine drafts whose comment now says a person took them over


def update_domain(
    settings: Settings,
    lang: str,
    domain: str,
    *,
    purge: bool = False,
    template: Catalog | None = None,
    checked: CatalogFile | None = None,
) -> UpdateResult:
    """Merge ``domain``'s template into ``lang``'s catalogue; ``template`` saves
    reading it again when the caller already has it.  The catalogue itself is
    always read under the lock, so a translator's save just before is kept;
    ``checked`` (the file as the caller read it before) saves parsing it again
    when its bytes are still the same."""
    template = template or load_catalog(template_path(settings, domain))
    target = po_path(settings, lang, domain)
    with catalog_lock(target):
        if not target.exists():
            catalog = new_catalog(template, settings.language(lang))
            ends = file_line_ends(template_path(settings, domain)) or LF
            written = save_catalog(target, catalog, new_line_ends=ends)
            return UpdateResult(
                lang, domain, target, True, written, MergeStats(new=len(catalog.messages))
            )
        # What a person did to a machine draft is read on the file as they left
        # it, before the merge marks entries of changed English fuzzy again.
        on_disk = _read_again(target, checked)
        current, reviewed = mark_reviews(on_disk.catalog)
        merged, stats = update_catalog(template, current, purge=purge)
        fresh = new_catalog(template, settings.language(lang))
        completed = complete_header(merged, fresh, bool(current.header))
        written = save_catalog(target, completed, previous=on_disk)
        return UpdateResult(lang, domain, target, False, written, stats, reviewed)


def _read_again(target: Path, checked: CatalogFile | None) -> CatalogFile:
    """The catalogue as it is now; ``checked``'s parse when the bytes did not change."""
    if checked is not None:
        try:
            if target.read_bytes() == checked.data:
                return checked
        except OSError:
            pass  # read_catalog_file says what is wrong
    return read_catalog_file(target)


def complete_header(merged: Catalog, fresh: Catalog, had_header: bool) -> Catalog:
    """Give a catalogue the header fields ``msginit`` would have written, where the
    translator's file lacks them (an emptied file, a header typed by hand), so that
    ``msgfmt -c`` and ``invoke check`` accept what ``invoke update`` writes (pure).
    A file with no header at all takes the whole new header, comments included."""
    if not had_header:
        return replace(fresh, messages=merged.messages)
    for name, value in fresh.header:
        if merged.header_value(name) is None:
            merged = merged.with_header(name, value)
    return merged


def update_all(
    settings: Settings,
    langs: tuple[str, ...],
    domains: tuple[str, ...],
    *,
    purge: bool = False,
    plan: Plan | None = None,
) -> Iterator[UpdateResult]:
    """Update every (language, domain) catalogue, reading everything first:
    a broken template or catalogue stops the run before any file is written,
    so a mistake in ``qu`` never leaves ``es`` half updated.  With a ``plan``,
    a pair it does not want (an article not planned in that language) is not
    touched: no catalogue is created for a translation nobody intends."""
    pairs = [
        (lang, domain)
        for lang in langs
        for domain in domains
        if plan is None or plan.wants(lang, domain)
    ]
    used = dict.fromkeys(domain for _, domain in pairs)
    templates = {domain: load_catalog(template_path(settings, domain)) for domain in used}
    checked: dict[tuple[str, str], CatalogFile] = {}
    for lang, domain in pairs:
        target = po_path(settings, lang, domain)
        if target.exists() or target.is_symlink():
            checked[lang, domain] = read_catalog_file(target)
    for lang, domain in pairs:
        yield update_domain(
            settings,
            lang,
            domain,
            purge=purge,
            template=templates[domain],
            checked=checked.pop((lang, domain), None),
        )


def orphaned_catalogues(settings: Settings) -> tuple[Path, ...]:
    """Templates and catalogues of articles that no longer exist (a deleted or
    renamed ``source/<slug>.md``): the translators' work in them is kept until the
    editor says otherwise (``invoke update --purge``), but never silently."""
    known = set(domains(settings)) | set(RESERVED_DOMAINS)
    folder = settings.locale_path
    found = [p for p in sorted(folder.glob("*.pot")) if p.stem not in known]
    found += [
        p for p in sorted(folder.glob("*/LC_MESSAGES/*.po")) if p.stem not in known and p.is_file()
    ]
    return tuple(found)


def remove_orphans(paths: tuple[Path, ...]) -> None:
    """Delete what :func:`orphaned_catalogues` found, each under its lock."""
    for path in paths:
        with catalog_lock(path):
            path.unlink(missing_ok=True)
