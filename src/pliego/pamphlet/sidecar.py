"""The build's sidecars: the one thing the site reads besides the PDFs.

``invoke build`` writes ``build/<lang>/<slug>.json`` (``<slug>-draft.json``
for a draft) beside the PDFs.  This module is the one place that knows the
format: :func:`sidecar_json` writes it, :func:`read_sidecar` reads it back
(for the site, and for the build's own up-to-date test), :func:`parse_sidecar`
validates it.  The site trusts nothing in them blindly: a
sidecar edited by hand or left over from an older pliego could name files
outside the language folder or a paper the kind does not have, so
:func:`parse_sidecar` checks every field and explains what is wrong in the
user's terms.  Titles and names stay untrusted text; escaping them is the
templates' job (Jinja2 autoescape).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pliego.errors import PliegoError
from pliego.pamphlet.config import EDITIONS, output_name
from pliego.pamphlet.paper import paper_labels
from pliego.paths import SLUG
from pliego.project import Settings

#: A file name the site may link to: no folders, no schemes, no surprises in URLs.
SAFE_PDF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$")
SAFE_MD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.md$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HINT = "run `invoke build` again; the sidecar is written by the build, not by hand"


class SidecarError(PliegoError):
    """A sidecar (or the PDF it names) that the site cannot publish safely."""


@dataclass(frozen=True)
class EditionEntry:
    """One PDF named by a sidecar: its kind, file name, page count and paper."""

    kind: str
    file: str
    pages: int
    paper: str


@dataclass(frozen=True)
class Sidecar:
    """A built pamphlet in one language, as described by the build."""

    path: Path
    slug: str
    lang: str
    title: str
    author: str
    date: str
    translator: str
    draft: bool
    editions: tuple[EditionEntry, ...]
    #: the front matter's subtitle and description, translated (the site's blurb and feed)
    subtitle: str = ""
    description: str = ""
    #: the translated Markdown beside the PDFs (``<slug>.md``), which the site's
    #: read-online page is rendered from; empty when the build could not write it
    markdown: str = ""
    #: the units of that Markdown still in English (the page marks them ``lang``)
    english: tuple[int, ...] = ()

    @property
    def markdown_files(self) -> list[Path]:
        """The Markdown file beside the sidecar, if the build wrote one (for its stamp)."""
        return [self.path.parent / self.markdown] if self.markdown else []

    @property
    def stem(self) -> str:
        """``<slug>`` or ``<slug>-draft``: the base name of the site's cover image."""
        return self.path.stem


def _text(data: Mapping[str, Any], key: str, path: Path, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise SidecarError(f"field {key!r} must be a non-empty string", path=path, hint=HINT)
    return value


def _edition(raw: Any, path: Path) -> EditionEntry:
    if not isinstance(raw, Mapping):
        raise SidecarError("every entry of 'editions' must be an object", path=path, hint=HINT)
    kind = raw.get("kind")
    if kind not in EDITIONS:
        raise SidecarError(
            f"unknown edition kind {kind!r} (expected one of {', '.join(EDITIONS)})",
            path=path,
            hint=HINT,
        )
    file = raw.get("file")
    if not isinstance(file, str) or not SAFE_PDF.match(file):
        raise SidecarError(
            f"edition file {file!r} is not a plain PDF file name", path=path, hint=HINT
        )
    pages = raw.get("pages")
    if not isinstance(pages, int) or isinstance(pages, bool) or pages < 1:
        raise SidecarError(
            f"edition {file}: 'pages' must be a positive integer", path=path, hint=HINT
        )
    paper = raw.get("paper")
    if paper not in paper_labels(kind):
        raise SidecarError(
            f"edition {file}: a {kind} edition is printed on "
            f"{' or '.join(sorted(paper_labels(kind)))}, not {paper!r}",
            path=path,
            hint=HINT,
        )
    return EditionEntry(kind=kind, file=file, pages=pages, paper=paper)


def parse_sidecar(data: Any, path: Path) -> Sidecar:
    """Validate a decoded sidecar (pure); ``path`` is where it was read from."""
    if not isinstance(data, Mapping):
        raise SidecarError("a sidecar must be a JSON object", path=path, hint=HINT)
    slug = _text(data, "slug", path)
    if not SLUG.match(slug):
        raise SidecarError(f"slug {slug!r} is not a plain article name", path=path, hint=HINT)
    lang = _text(data, "lang", path)
    draft = data.get("draft")
    if not isinstance(draft, bool):
        raise SidecarError("field 'draft' must be true or false", path=path, hint=HINT)
    expected = output_name(slug, "sidecar", draft)
    if path.name != expected or path.parent.name != lang:
        raise SidecarError(
            f"a {'draft' if draft else 'release'} sidecar for {lang}/{slug} "
            f"must be {lang}/{expected}",
            path=path,
            hint=HINT,
        )
    date = _text(data, "date", path, required=False)  # an article may carry no date
    if date and not DATE.match(date):
        raise SidecarError(
            f"field 'date' must be an ISO date like 2023-02, not {date!r}", path=path, hint=HINT
        )
    raw_editions = data.get("editions")
    if not isinstance(raw_editions, list) or not raw_editions:
        raise SidecarError("field 'editions' must be a non-empty list", path=path, hint=HINT)
    editions = tuple(_edition(e, path) for e in raw_editions)
    kinds = [e.kind for e in editions]
    if len(set(kinds)) != len(kinds):
        raise SidecarError("an edition kind is listed twice", path=path, hint=HINT)
    order = list(EDITIONS)
    markdown = _text(data, "markdown", path, required=False)
    if markdown and (
        not SAFE_MD.match(markdown) or markdown != output_name(slug, "markdown", draft)
    ):
        raise SidecarError(
            f"field 'markdown' must be {output_name(slug, 'markdown', draft)!r}, not {markdown!r}",
            path=path,
            hint=HINT,
        )
    english = data.get("english") or []
    if not isinstance(english, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in english
    ):
        raise SidecarError("field 'english' must be a list of unit numbers", path=path, hint=HINT)
    return Sidecar(
        path=path,
        slug=slug,
        lang=lang,
        title=_text(data, "title", path),
        author=_text(data, "author", path, required=False),
        date=date,
        translator=_text(data, "translator", path, required=False),
        draft=draft,
        editions=tuple(sorted(editions, key=lambda e: order.index(e.kind))),
        subtitle=_text(data, "subtitle", path, required=False),
        description=_text(data, "description", path, required=False),
        markdown=markdown,
        english=tuple(english),
    )


#: The order of the fields in the file (stable, so an unchanged build rewrites nothing).
_FIELDS = (
    "slug",
    "lang",
    "title",
    "subtitle",
    "author",
    "date",
    "translator",
    "description",
    "draft",
    "editions",
    "markdown",
    "english",
)


def sidecar_json(sidecar: Sidecar) -> bytes:
    """The file's bytes (pure); empty optional fields are written as ``null``."""
    editions = [
        {"kind": e.kind, "file": e.file, "pages": e.pages, "paper": e.paper}
        for e in sidecar.editions
    ]
    values: dict[str, Any] = {
        "slug": sidecar.slug,
        "lang": sidecar.lang,
        "title": sidecar.title,
        "subtitle": sidecar.subtitle or None,
        "author": sidecar.author or None,
        "date": sidecar.date or None,
        "translator": sidecar.translator or None,
        "description": sidecar.description or None,
        "draft": sidecar.draft,
        "editions": editions,
        "markdown": sidecar.markdown or None,
        "english": list(sidecar.english),
    }
    text = json.dumps({k: values[k] for k in _FIELDS}, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


def read_sidecar(path: Path) -> Sidecar | None:
    """The sidecar at ``path``; ``None`` for other JSON the build may keep there
    (a cache of input hashes, say), recognised by having no ``editions``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SidecarError(f"not valid JSON: {exc}", path=path, hint=HINT) from None
    if not isinstance(data, Mapping) or "editions" not in data:
        return None
    return parse_sidecar(data, path)


def find_sidecars(settings: Settings, langs: Iterable[str], *, drafts: bool) -> tuple[Sidecar, ...]:
    """Every sidecar in ``build/<lang>/`` for ``langs`` (drafts only when asked for)."""
    found: list[Sidecar] = []
    for lang in langs:
        folder = settings.build_path / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("[!.]*.json")):
            if path.stem.endswith("-draft") and not drafts:
                continue
            sidecar = read_sidecar(path)
            if sidecar is None or (sidecar.draft and not drafts):
                continue
            found.append(sidecar)
    return tuple(found)
