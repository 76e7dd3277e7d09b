"""The review proof: a catalogue laid out for a reviewer with a pen.

``invoke build --lang qu --review`` writes ``build/qu/<slug>-review.pdf`` for a
native speaker who would rather correct on paper than in a ``.po`` editor: A4
portrait, every unit in file order, the English and the translation side by
side, a wide margin for handwriting, and on each unit what an editor needs to
find it again:

1. the unit's number in this proof (for talking about it: "unit 12");
2. its place as ``file:line`` (the ``msgid`` line, as GNU msgfmt reports it);
3. its fingerprint: the first eight hex digits of the SHA-256 of its context and
   English text.  Line numbers move when ``invoke update`` adds or drops entries;
   the fingerprint stays as long as the English does, so a correction written
   against an old proof still finds its unit (Poedit and Weblate search msgids;
   ``review_units`` computes the same value for the new catalogue).

Fuzzy units are marked *unreviewed* and untranslated ones *not translated*, so
the reviewer knows which text is a guess; the glossary terms that occur in the
English are listed with their agreed rendering in this language.

Everything the translator or the article wrote is escaped by Jinja2's autoescape
and fetched through the same confined fetcher as the pamphlet, so neither can
reach a file or a URL.  :func:`review_units` and :func:`render_review` are pure;
:func:`write_review` reads the catalogue and writes the PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import PliegoError
from pliego.files import write_if_changed
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.glossary import Term, read_glossary
from pliego.gettext.po import load_catalog
from pliego.gettext.provenance import fingerprint as text_fingerprint
from pliego.languages import language_name
from pliego.pamphlet.document import template_environment
from pliego.paths import po_path, relative
from pliego.project import Settings
from pliego.sitesettings import site_settings

REVIEWED, FUZZY, UNTRANSLATED = "reviewed", "fuzzy", "untranslated"


@dataclass(frozen=True)
class ReviewUnit:
    """One entry as the proof shows it."""

    number: int
    where: str  # "locale/qu/LC_MESSAGES/slug.po:123"
    fingerprint: str
    kind: str  # the extractor's comment: "paragraph", "heading", "footnote 2"…
    source: str
    translation: str
    state: str  # REVIEWED, FUZZY or UNTRANSLATED
    terms: tuple[tuple[str, str], ...] = ()  # (English term, agreed rendering)


def fingerprint(msgid: str, msgctxt: str | None = None) -> str:
    """Eight hex digits that name a unit for as long as its English stays the same
    (the digest the machine drafts' provenance uses, of the unit's key)."""
    return text_fingerprint((msgctxt or "") + "\x04" + msgid)


def msgid_line(lines: Sequence[str], start: int) -> int:
    """The line of an entry's ``msgctxt``/``msgid`` keyword, from the line where the
    entry (its comments) starts; ``start`` when the keyword is not found."""
    for n in range(max(start, 1), len(lines) + 1):
        if re.match(r"(?:#~\s*)?msg(?:ctxt|id)\b", lines[n - 1]):
            return n
    return start


def _state(m: Message) -> str:
    if not m.msgstr:
        return UNTRANSLATED
    return FUZZY if "fuzzy" in m.flags else REVIEWED


def _terms(msgid: str, glossary: Sequence[Term], lang: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for term in glossary:
        wanted = term.rendering(lang) or term.rendering(lang.split("_")[0])
        if not wanted:
            continue
        flags = 0 if term.do_not_translate else re.IGNORECASE
        if re.search(rf"(?<![^\W_]){re.escape(term.en)}(?![^\W_])", msgid, flags):
            shown = " / ".join(w.strip() for w in wanted.split("|") if w.strip())
            found.append((term.en, "unchanged" if term.do_not_translate else shown))
    return tuple(found)


def review_units(
    catalog: Catalog,
    where: str,
    lines: Sequence[str],
    glossary: Sequence[Term] = (),
    lang: str = "",
) -> tuple[ReviewUnit, ...]:
    """The proof's units: every active entry in file order (the header left out)."""
    units: list[ReviewUnit] = []
    for m in catalog.active:
        if not m.msgid:
            continue
        units.append(
            ReviewUnit(
                number=len(units) + 1,
                where=f"{where}:{msgid_line(lines, m.lineno)}",
                fingerprint=fingerprint(m.msgid, m.msgctxt),
                kind=m.auto_comments[0] if m.auto_comments else "",
                source=m.msgid,
                translation=m.msgstr,
                state=_state(m),
                terms=_terms(m.msgid, glossary, lang),
            )
        )
    return tuple(units)


def _title(catalog: Catalog, slug: str) -> str:
    for m in catalog.active:
        if "title" in m.auto_comments:
            return m.msgid
    return slug


def render_review(
    templates: Path,
    units: Sequence[ReviewUnit],
    *,
    title: str,
    lang: str,
    where: str,
    contact: str,
    epoch: int,
) -> str:
    """The proof's HTML (``styles/review/review.html``), everything escaped."""
    env = template_environment(templates)
    when = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    counts = {s: sum(1 for u in units if u.state == s) for s in (REVIEWED, FUZZY, UNTRANSLATED)}
    html: str = env.get_template("review.html").render(
        units=units,
        title=title,
        lang=lang,
        language=language_name(lang),
        where=where,
        contact=contact,
        counts=counts,
        date=when.strftime("%Y-%m-%d"),
        created=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    return html


def write_review(
    settings: Settings, lang: str, slug: str, *, epoch: int, contact: str | None = None
) -> Path:
    """Typeset ``build/<lang>/<slug>-review.pdf``; unchanged bytes are not rewritten.
    The cover asks for corrections at ``contact``, by default the project's
    ``[tool.pliego.site] contact``."""
    from pliego.pamphlet.typeset import READING, typeset

    path = po_path(settings, lang, slug)
    if not path.exists():
        raise PliegoError(
            f"no {lang} catalogue to review",
            path=path,
            hint=f"run `invoke update --lang {lang}` first",
        )
    catalog = load_catalog(path)
    where = relative(settings, path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    glossary = read_glossary(settings.locale_path / "glossary.csv")
    units = review_units(catalog, where, lines, glossary, lang)
    styles = settings.root / "styles"
    templates = styles / "review"
    if not (templates / "review.html").is_file():
        raise PliegoError(
            "the review proof's template is missing",
            path=templates / "review.html",
            hint="copy styles/review/ from pliego's own repository into the project",
        )
    html = render_review(
        templates,
        units,
        title=_title(catalog, slug),
        lang=lang,
        where=where,
        contact=site_settings(settings).contact if contact is None else contact,
        epoch=epoch,
    )
    made = typeset(
        html, templates, READING, identifier=f"{slug}-{lang}-review", fetcher_root=styles
    )
    out = settings.root / "build" / lang / f"{slug}-review.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(out, made.pdf)
    return out
