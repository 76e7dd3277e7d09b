"""Is a language ready for a release pamphlet, and which text does it use?

A release pamphlet prints reviewed translations only: a fuzzy entry was
written by a machine or carried over from older English and nobody has
checked it, so it must not reach a street distributor.  Like po4a's
threshold (but strict by default) a release is refused below
``[tool.pliego.build] release-threshold`` percent, and the refusal lists
every entry that is missing or fuzzy with its ``file:line`` so a translator
can go straight to it.  A draft uses whatever there is: fuzzy text, and the
English where nothing was written, both highlighted for the reviewers.

Everything here is pure over parsed catalogues; :mod:`pliego.pamphlet.build` does the
reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pliego.errors import PliegoError
from pliego.gettext.catalog import Catalog, Key, Message
from pliego.gettext.provenance import copied
from pliego.markdown.assemble import Translate
from pliego.markdown.segment import Article, Unit

#: How many gaps a refusal spells out; the rest are counted (``invoke status`` has them all).
MAX_LISTED = 60


@dataclass(frozen=True)
class Gap:
    """One entry a release cannot use: where it is and how it begins."""

    path: str
    line: int | None
    state: str  # "untranslated" | "fuzzy" | "not in the catalogue"
    text: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.state}: {preview(self.text)}"


@dataclass(frozen=True)
class Readiness:
    """Reviewed entries of one domain against the entries the pamphlet needs."""

    domain: str
    path: str
    total: int
    reviewed: int
    gaps: tuple[Gap, ...]
    #: reviewed only because prefill copied them (prices, numbers: nothing to translate)
    copies: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    @property
    def fuzzy(self) -> int:
        return sum(1 for g in self.gaps if g.state == "fuzzy")

    @property
    def untranslated(self) -> int:
        return len(self.gaps) - self.fuzzy

    @property
    def not_started(self) -> bool:
        """A catalogue with entries, none of them written by a person yet (prefill's
        copies of prices and numbers aside): listing every gap tells a translator nothing."""
        return (
            self.total > 0
            and self.reviewed == self.copies
            and all(g.state == "untranslated" for g in self.gaps)
        )


def preview(text: str, words: int = 8) -> str:
    """The first words of an entry, on one line."""
    parts = text.split()
    head = " ".join(parts[:words])
    return f"“{head}…”" if len(parts) > words else f"“{head}”"


def unit_key(unit: Unit, catalog: Catalog | None) -> Key:
    """The catalogue key of a unit: extraction adds the kind as ``msgctxt`` only
    when the same text occurs as different kinds, so try that first."""
    if catalog is not None and (unit.kind, unit.msgid) in catalog.by_key():
        return (unit.kind, unit.msgid)
    return (None, unit.msgid)


def _gap(
    key: Key, message: Message | None, path: str, fallback: tuple[str, int | None]
) -> Gap | None:
    if message is not None and message.translated:
        return None
    if message is None:
        return Gap(fallback[0], fallback[1], "not in the catalogue", key[1])
    state = "fuzzy" if message.fuzzy else "untranslated"
    return Gap(path, message.lineno or None, state, key[1])


def article_readiness(article: Article, catalog: Catalog | None, po_path: str) -> Readiness:
    """Every distinct unit of the article must have a reviewed translation."""
    table = catalog.by_key() if catalog is not None else {}
    seen: dict[Key, Gap | None] = {}
    for unit in article.units:
        key = unit_key(unit, catalog)
        if key not in seen:
            seen[key] = _gap(key, table.get(key), po_path, (article.path, unit.line))
    gaps = tuple(g for g in seen.values() if g is not None)
    copies = sum(1 for k, g in seen.items() if g is None and (m := table.get(k)) and copied(m))
    return Readiness(article.slug, po_path, len(seen), len(seen) - len(gaps), gaps, copies)


def strings_readiness(
    domain: str, used: Iterable[Key], catalog: Catalog | None, po_path: str
) -> Readiness:
    """The pamphlet's own strings: only those the pamphlet actually shows count."""
    table = catalog.by_key() if catalog is not None else {}
    keys = set(used)
    found = [g for k in keys if (g := _gap(k, table.get(k), po_path, (po_path, None))) is not None]
    gaps = tuple(sorted(found, key=lambda g: (g.line or 0, g.text)))
    return Readiness(domain, po_path, len(keys), len(keys) - len(gaps), gaps)


#: The longest translation a pamphlet accepts (the article's longest paragraph has ~1,000
#: characters): anything near a megabyte is a paste gone wrong, or an attack on the build's time.
MAX_TRANSLATION = 200_000


def oversized(catalog: Catalog | None) -> Message | None:
    """The first entry whose translation is too long to be a real one."""
    if catalog is None:
        return None
    return next((m for m in catalog.active if len(m.msgstr) > MAX_TRANSLATION), None)


def article_translator(article: Article, catalog: Catalog | None, *, use_fuzzy: bool) -> Translate:
    """``Translate`` for :func:`pliego.markdown.assemble.render_document`: reviewed text
    (plus fuzzy text in a draft), the English otherwise."""
    table = catalog.by_key() if catalog is not None else {}

    def translate(unit: Unit) -> str:
        message = table.get(unit_key(unit, catalog))
        if message is None or not message.msgstr:
            return unit.msgid
        if message.fuzzy and not use_fuzzy:
            return unit.msgid
        return message.msgstr

    return translate


class Refusal(PliegoError):
    """A release the gate refuses (``invoke publish`` keeps the earlier one)."""


class ChecksRefused(Refusal):
    """A release of text that ``invoke check`` rejects: a release prints nothing the
    quality gate calls an error (``[tool.pliego.build] release-checks``)."""

    def __init__(self, lang: str, errors: tuple[str, ...]) -> None:
        self.lang = lang
        self.errors = errors
        lines = [
            f"not building a release of {lang!r}: invoke check finds "
            f"{len(errors)} error{'s' if len(errors) != 1 else ''} in the text it would print"
        ]
        lines += ["  " + e for e in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"  … and {len(errors) - MAX_LISTED} more (invoke check --lang {lang})")
        lines.append(
            f"fix them (invoke check --lang {lang} explains each), or make a proof for "
            f"reviewers: invoke build --lang {lang} --draft"
        )
        super().__init__("\n".join(lines))


class ReleaseRefused(Refusal):
    """A release build of a language whose reviewed translation is not complete enough."""

    def __init__(self, lang: str, threshold: float, found: tuple[Readiness, ...]) -> None:
        self.lang = lang
        self.threshold = threshold
        self.found = found
        below = [r for r in found if r.percent < threshold]
        lines = [
            f"not building a release of {lang!r}: below the release threshold of "
            f"{threshold:g}% reviewed"
        ]
        lines += [
            f"  {r.domain}: not started: none of its {r.total} entries is translated"
            + (f" (prefill copied {r.copies} with nothing to translate)" if r.copies else "")
            + f" ({r.path})"
            if r.not_started
            else f"  {r.domain}: {r.reviewed} of {r.total} reviewed ({r.percent:.1f}%), "
            f"{r.fuzzy} fuzzy, {r.untranslated} untranslated ({r.path})"
            for r in below
        ]
        gaps = [g for r in below if not r.not_started for g in r.gaps]
        if gaps:
            lines.append("entries a release needs translated and reviewed:")
        lines += ["  " + str(g) for g in gaps[:MAX_LISTED]]
        if len(gaps) > MAX_LISTED:
            lines.append(f"  … and {len(gaps) - MAX_LISTED} more (invoke status --lang {lang})")
        if any(g.state == "not in the catalogue" for g in gaps):
            lines.append(
                "entries not in the catalogue: run `invoke extract` and `invoke update` first"
            )
        lines.append(
            "translate them and remove the fuzzy mark once checked, or make a proof "
            f"for reviewers: invoke build --lang {lang} --draft"
        )
        super().__init__("\n".join(lines))
