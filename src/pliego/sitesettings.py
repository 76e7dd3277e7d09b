"""``[tool.pliego.site]``: the download address, the site's title, the contact.

Below the stages, beside :mod:`pliego.paths`, because two of them print these:
the pamphlet's back cover shows the download address (and its QR code) and the
colophon of a translation not yet reviewed by a native speaker shows the
contact, as the site does.  What counts as a placeholder address lives here
too, so that the build and the site agree on when to say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pliego.errors import ConfigError
from pliego.project import Settings, check_keys, setting_line

SITE_KEYS = ("base-url", "title", "contact")
DEFAULT_BASE_URL = "https://pliego.example.org/"
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class SiteSettings:
    """``[tool.pliego.site]``: where the site will live, what it is called, and
    where readers may send corrections (``contact``, an e-mail address or a web
    address; printed where a translation still needs a native speaker's review)."""

    base_url: str = DEFAULT_BASE_URL
    title: str = "pliego"
    contact: str = ""

    def url(self, path: str) -> str:
        """The absolute URL of a site path (for the feed and the manifest)."""
        return self.base_url + path


def is_placeholder(url: str) -> bool:
    """``example.org`` and friends (RFC 2606) can never be where a site is published."""
    host = (urlsplit(url).hostname or "").lower()
    return any(
        host == d or host.endswith("." + d)
        for d in ("example.org", "example.com", "example.net", "example", "invalid")
    )


def placeholder_note(url: str) -> str | None:
    """A warning for a base URL that is still the placeholder (None when it is real)."""
    if not url or not is_placeholder(url):
        return None
    return (
        f"the download address {url} is a placeholder: the QR code and the feed point "
        "nowhere; set base-url in [tool.pliego.site] to where the site will be published"
    )


def site_settings(settings: Settings) -> SiteSettings:
    """Validate ``[tool.pliego.site]``: known keys, an http(s) base URL ending in ``/``."""
    table = settings.section("site")
    where = settings.root / "pyproject.toml"
    check_keys(table, SITE_KEYS, "site", where)
    base = table.get("base-url", DEFAULT_BASE_URL)
    parts = urlsplit(base) if isinstance(base, str) else None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.query
        or parts.fragment
    ):
        raise ConfigError(
            f"[tool.pliego.site] base-url must be an http(s) address, not {base!r}",
            path=where,
            hint='e.g. base-url = "https://pamphlets.example.org/"',
        )
    title = table.get("title", "pliego")
    if not isinstance(title, str) or not title.strip():
        raise ConfigError("[tool.pliego.site] title must be a non-empty string", path=where)
    contact = table.get("contact", "")
    if not isinstance(contact, str) or (contact and not is_contact(contact)):
        raise ConfigError(
            f"[tool.pliego.site] contact must be an e-mail address or an http(s) address, "
            f"not {contact!r}",
            path=where,
            line=setting_line(where, "site", "contact"),
            hint='e.g. contact = "corrections@example.org" or "https://example.org/contact"',
        )
    return SiteSettings(
        base_url=base if base.endswith("/") else base + "/", title=title, contact=contact
    )


def is_contact(text: str) -> bool:
    """An e-mail address (``name@host.tld``) or an http(s) URL with a host."""
    if _EMAIL.match(text):
        return True
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text


# What a printed pamphlet may say of the addresses (the back cover, the colophon).


def printed_address(base: str, draft: bool) -> str:
    """What the back cover prints and encodes in its QR code ("" for nothing).

    A release is printed and handed out by the thousand: an ``example.org``
    address on it, and a QR code that leads nowhere, cannot be taken back.  So
    while ``base-url`` is still the placeholder a release leaves both out; a
    draft, which nobody hands out, shows the layout with them (and a note)."""
    return base if draft or not is_placeholder(base) else ""


def address_note(base: str, draft: bool) -> str | None:
    """The build's one line about a placeholder ``base-url`` (None when it is real)."""
    if not base or not is_placeholder(base):
        return None
    if draft:
        return placeholder_note(base)
    return (
        f"back cover: no download address or QR code printed: base-url {base} "
        "in [tool.pliego.site] is a placeholder; set it to where the site will be published"
    )


def printed_contact(contact: str, draft: bool) -> str:
    """Where the colophon asks for corrections: never a placeholder in a release."""
    url = contact if "://" in contact else "//" + contact.rpartition("@")[2]
    return "" if not draft and is_placeholder(url) else contact


def review_note(settings: Settings, lang: str, draft: bool) -> str | None:
    """The build's line when a colophon says "not reviewed" but can name no contact."""
    if lang not in settings.unreviewed or printed_contact(site_settings(settings).contact, draft):
        return None
    return (
        f"{lang}: the colophon says no native speaker has reviewed the translation but "
        "names nowhere to send corrections: set contact in [tool.pliego.site] "
        "(an e-mail or web address, not a placeholder)"
    )
