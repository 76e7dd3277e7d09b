"""The WeasyPrint adapter: untrusted HTML in, PDF bytes out, nothing else touched.

Translator text is untrusted, and WeasyPrint's default fetcher reads any
``file://`` URL and embeds ``rel=attachment`` targets into the PDF.  Every
fetch therefore goes through :class:`StylesFetcher`, which serves only files
inside the project's ``styles/`` folder (after resolving links, so no ``..``
or symlink escapes, and never a device such as ``/dev/urandom``) and
``data:`` URIs (the QR code), plus the article's own images, named one by one
after :mod:`pliego.pamphlet.images` checked them.  Everything else is refused
before any I/O.

WeasyPrint is imported here only, and only when a PDF is really made, so a
no-op rebuild never pays its ~0.5 s import.
"""

from __future__ import annotations

import base64
import functools
import gc
import hashlib
import logging
import re
import stat
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import unquote, urlsplit

import weasyprint.pdf.tags  # type: ignore[import-untyped]
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from pliego.pamphlet.fixes import Fix, Settled, settle
from pliego.pamphlet.pdf.artifacts import mark_artifacts
from pliego.pamphlet.placement import Misplaced, lay_out

P = ParamSpec("P")
T = TypeVar("T")

#: Largest file the fetcher hands over (fonts are ~1 MB; anything bigger is not ours).
MAX_ASSET_BYTES = 8 * 1024 * 1024
MAX_DATA_URI = 512 * 1024
#: An article's photograph may be larger (see :mod:`pliego.pamphlet.images`).
MAX_IMAGE_BYTES = 32 * 1024 * 1024


class RefusedURL(ValueError):
    """A URL the pamphlet may not load (WeasyPrint logs it and carries on without it)."""


class StylesFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``file:`` URLs under one folder and ``data:`` URIs; refuses the rest."""

    def __init__(self, root: Path, images: frozenset[Path] = frozenset()) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root.resolve()
        self.images = frozenset(p.resolve() for p in images)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(url)
        return self._refuse(url, "only the project's styles/ and data: URIs may be loaded")

    def _refuse(self, url: str, why: str) -> URLFetcherResponse:
        self.refused.append(url[:200])
        raise RefusedURL(f"refused {url[:200]!r}: {why}")

    def _data(self, url: str) -> URLFetcherResponse:
        if len(url) > MAX_DATA_URI:
            return self._refuse(url, "data: URI too large")
        head, _, payload = url[5:].partition(",")
        parts = head.split(";")
        mime = parts[0] or "text/plain"
        body = (
            base64.b64decode(payload) if "base64" in parts[1:] else unquote(payload).encode("utf-8")
        )
        return URLFetcherResponse(url, body, {"Content-Type": mime})

    def _file(self, url: str) -> URLFetcherResponse:
        split = urlsplit(url)
        if split.netloc not in ("", "localhost"):
            return self._refuse(url, "remote file")
        raw = Path(unquote(split.path))
        if ".." in raw.parts:
            return self._refuse(url, "'..' in path")
        path = raw.resolve()
        if not path.is_relative_to(self.root) and path not in self.images:
            return self._refuse(
                url, "outside the styles folder and not one of the article's images"
            )
        try:
            info = path.stat()
        except OSError:
            return self._refuse(url, "no such file")
        limit = MAX_IMAGE_BYTES if path in self.images else MAX_ASSET_BYTES
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return self._refuse(url, "not a regular file of reasonable size")
        body = path.read_bytes()
        mime = {
            ".css": "text/css",
            ".ttf": "font/ttf",
            ".otf": "font/otf",
            ".svg": "image/svg+xml",
            ".png": "image/png",
            ".icc": "application/vnd.iccprofile",
            ".jpg": "image/jpeg",
            ".jpeg": "image/jpeg",
            ".gif": "image/gif",
            ".webp": "image/webp",
        }.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": mime})


@dataclass(frozen=True)
class Variant:
    """How one edition is written: PDF flavour and extra options."""

    pdf_variant: str | None
    tags: bool
    cmyk_profile: Path | None = None


READING = Variant(pdf_variant="pdf/ua-1", tags=True)
PRINT_RGB = Variant(pdf_variant=None, tags=False)


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    pages: int
    refused: tuple[str, ...]
    #: WeasyPrint's complaints about ``@font-face`` rules it could not load.
    font_failures: tuple[str, ...] = ()
    #: each raster image as laid out: its ``src`` and the resolution it prints at (ppi)
    resolutions: tuple[tuple[str, int], ...] = ()
    #: notes WeasyPrint did not put on their reference's page, even laid out again
    misplaced: tuple[Misplaced, ...] = ()
    #: what the layout audit's fixing passes did and left (None: no audit asked for)
    layout: Settled | None = None


class _FontFailures(logging.Handler):
    """Collects WeasyPrint's "Font-face … cannot be loaded" warnings: WeasyPrint
    only logs them and falls back to a system font, which must not pass silently."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("Font-face"):
            self.messages.append(record.getMessage())


@contextmanager
def _font_failures() -> Iterator[_FontFailures]:
    handler = _FontFailures()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection while WeasyPrint lays out and writes, then
    one pass over what was made meanwhile (the documents' garbage).

    Why: the English reading edition's render and PDF set off some 25 passes over
    the youngest generation and 2 over the middle one, each scanning what of the
    document lives, and a pass over the oldest (every object of the process when
    nothing is frozen) fell on whichever render crossed its threshold
    (bench/audit.py: five, 0.47 s in all, inside the audited renders and none in
    their unaudited twins: B/A 1.11, or 0.97, by where they fell).  Paused, what
    is made stays in the youngest generation: the one pass at the end is over it
    alone, and finalizes the documents at once (WeasyPrint's removes each one's
    temporary font folder), in a pool worker too, which leaves by ``os._exit``.
    A collector the caller turned off stays off and makes no pass."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


def _paused(body: Callable[P, T]) -> Callable[P, T]:
    """``body`` run with the collector paused (:func:`collector_paused`); what it
    made is garbage by the time the pass runs (its locals are gone)."""

    @functools.wraps(body)
    def paused(*args: P.args, **kwargs: P.kwargs) -> T:
        with collector_paused():
            return body(*args, **kwargs)

    return paused


@_paused
def typeset(
    html: str,
    base: Path,
    variant: Variant,
    *,
    identifier: str,
    fetcher_root: Path,
    images: frozenset[Path] = frozenset(),
    page_size: str | None = None,
    fixes: Sequence[Fix] | None = None,
    passes: int = 0,
    reference: str = "",
) -> Typeset:
    """One fresh document per edition (a rendered Document keeps the first
    variant's output intent): the PDF, its page count and the refused URLs,
    with the notes laid out again where WeasyPrint misplaced them (see
    :mod:`pliego.pamphlet.placement`).

    With ``fixes`` (possibly empty) the layout is audited and up to ``passes``
    re-renders fix it (:func:`pliego.pamphlet.fixes.settle`) before the PDF is
    written; each of those renders checks its notes' places too.  ``reference`` is
    the layout (:attr:`pliego.pamphlet.fixes.Settled.signature`) of an edition set
    in the same text area, whose fixes ``fixes`` are: no pass if it comes out again.
    The passes try their remedies in trial documents (:mod:`pliego.pamphlet.trial`),
    rendered with the same stylesheets and options, without the notes' check, and
    with one font configuration: the @font-face files copied and loaded for the
    first trial only, as the cover's trial layouts do (the trials' fixes are the
    same, and the qu edition's trials took 0.73 -> 0.58-0.66 s CPU).

    ``page_size`` (CSS, e.g. ``5.5in 8.5in``) overrides the design's ``@page``
    size from a user stylesheet marked ``!important``, so the ``paper`` setting
    wins over ``styles/pamphlet/pamphlet.css`` without the design having to
    know the setting; margins, bleed and named pages stay the design's."""
    fetcher = StylesFetcher(fetcher_root, images)
    options: dict[str, Any] = {
        "pdf_tags": variant.tags,
        # A stable identifier keeps the bytes reproducible across builds.
        "pdf_identifier": hashlib.sha256(identifier.encode()).hexdigest()[:32].encode(),
        "attachments": [],
    }
    if variant.pdf_variant:
        options["pdf_variant"] = variant.pdf_variant
    color_profiles: dict[str, Any] = {}
    sheets: list[Any] = []
    if page_size is not None:
        sheets.append(CSS(string=f"@page {{ size: {page_size} !important; }}"))
    if variant.cmyk_profile is not None:
        sheets += [
            CSS(
                string=cmyk_css(variant.cmyk_profile),
                base_url=str(base) + "/",
                url_fetcher=fetcher,
                color_profiles=color_profiles,
            )
        ]
        options["pdf_variant"] = "pdf/x-4"  # its output intent is device-cmyk, declared above

    #: each layout's notes still misplaced, by the layout (the passes may keep an earlier one)
    misplaced: dict[int, tuple[Misplaced, ...]] = {}

    def render(text: str) -> Any:
        """One layout of ``text``, its notes checked (and laid out again) in place."""
        document = HTML(string=text, base_url=str(base) + "/", url_fetcher=fetcher)

        def with_css(extra_css: str) -> Any:
            extra = [CSS(string=extra_css, base_url=str(base) + "/")] if extra_css else []
            return document.render(
                color_profiles=color_profiles, stylesheets=[*sheets, *extra], **options
            )

        rendered, left = lay_out(with_css)
        misplaced[id(rendered)] = left
        return rendered

    trial_fonts = functools.cache(FontConfiguration)  # made for the first trial, kept

    def trial(text: str) -> Any:
        document = HTML(string=text, base_url=str(base) + "/", url_fetcher=fetcher)
        return document.render(
            color_profiles=color_profiles, stylesheets=sheets, font_config=trial_fonts(), **options
        )

    # What HTML.write_pdf does, in two steps: the page count comes for free, and the
    # notes' places and the layout audit are settled before anything is written.
    layout: Settled | None = None
    with _font_failures() as fonts:
        if fixes is None:
            rendered = render(html)
        else:
            rendered, layout = settle(
                html, render, fixes, passes=passes, trial=trial, reference=reference
            )
    with detach_hidden():
        pdf = rendered.write_pdf(
            finisher=_stable_xmp_ids(identifier), stylesheets=sheets, **options
        )
    assert isinstance(pdf, bytes)
    if variant.tags:
        pdf = mark_artifacts(pdf)
    return Typeset(
        pdf,
        len(rendered.pages),
        tuple(dict.fromkeys(fetcher.refused)),
        tuple(dict.fromkeys(fonts.messages)),
        _resolutions(rendered),
        misplaced.get(id(rendered), ()),
        layout,
    )


@contextmanager
def detach_hidden() -> Iterator[None]:
    """While a PDF is written, an element the HTML hides from assistive technology
    (``aria-hidden="true"``: the draft watermark) gets the treatment WeasyPrint 70
    gives margin boxes: its marked content is mapped, but its structure elements
    are linked to nothing, so :func:`.mark_artifacts` turns it into an Artifact.

    A narrow patch of ``weasyprint.pdf.tags._build_box_tree``, the one function
    that decides where a box's elements go (WeasyPrint has no option for it);
    it is restored afterwards, and the tests of the reading edition's tags fail
    if a WeasyPrint release changes what it patches.
    """
    original = weasyprint.pdf.tags._build_box_tree

    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        element = getattr(getattr(box, "_box", box), "element", None)
        if element is not None and element.get("aria-hidden") == "true":
            tuple(original(box, parent, *args))  # map its content, link it nowhere
            return
        yield from original(box, parent, *args)

    weasyprint.pdf.tags._build_box_tree = build
    try:
        yield
    finally:
        weasyprint.pdf.tags._build_box_tree = original


def _resolutions(rendered: Any) -> tuple[tuple[str, int], ...]:
    """Pixels per inch of every raster image at the size it was laid out (CSS px are
    1/96 in): the print edition warns below 300, what a press needs for photographs."""
    found: list[tuple[str, int]] = []
    for page in rendered.pages:
        for box in page._page_box.descendants():
            image = getattr(box, "replacement", None)
            pixels = getattr(image, "width", None)
            if not isinstance(pixels, int) or not getattr(box, "width", 0):
                continue
            src = box.element.get("src", "") if box.element is not None else ""
            found.append((str(src), round(pixels / (box.width / 96))))
    return tuple(found)


_UUID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def _stable_xmp_ids(identifier: str) -> Callable[[Any, Any], None]:
    """WeasyPrint gives PDF/X-4 a random XMP DocumentID; derive it from the inputs
    instead, so the print edition is reproducible too."""
    did = b"xmp.did:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "pliego:" + identifier)).encode()

    def finisher(document: Any, pdf: Any) -> None:
        for obj in pdf.objects:
            stream = getattr(obj, "stream", None)
            if isinstance(stream, list):
                obj.stream = [
                    _UUID.sub(did, part) if isinstance(part, bytes) else part for part in stream
                ]

    return finisher


def cmyk_css(profile: Path) -> str:
    """Declare the CMYK profile and switch the design's colours to device-cmyk()."""
    return (
        f'@color-profile device-cmyk {{ src: url("{profile.as_uri()}"); '
        "components: cyan, magenta, yellow, black; }\n"
        # A user stylesheet: only !important overrides the design's author rules.
        ":root { --ink: device-cmyk(0 0 0 1) !important;"
        " --accent: device-cmyk(0 0.85 0.8 0.35) !important;"
        " --muted: device-cmyk(0 0 0 0.65) !important; }\n"
        ".draft-mark { color: device-cmyk(0 0.85 0.8 0.35 / 0.16) !important; }\n"
    )
