"""Python ``%`` placeholders in template strings: what a translation must keep.

Jinja2's newstyle gettext formats *every* template string with ``%`` and the
template's variables (``_("Cover of %(title)s", title=p.title)``), so each
translation of a template string is a format string, placeholder or not: a
typo (``%(titulo)s``) is a ``KeyError`` and a percent sign (``100 %``) a
``ValueError`` in the middle of a render.  The rule (``docs/site.md``):

* a translation uses exactly the English's named placeholders ``%(name)s``:
  none left out, none added, none renamed, each with the English's conversion;
* ``%%`` is a literal percent sign; any other ``%`` (``100 %``, ``%s``, an
  unclosed ``%(name``) is a stray and an error;
* a form of a plural entry may leave placeholders out (``una página`` for the
  count).  A ``.po`` file does not say which placeholder is the count, so, as
  GNU msgfmt does for a form used for a single number, any may be left out;
  none may be added, renamed or broken.

Pure, and the one judge: the template translations fall back to the English
on a mismatch (:mod:`pliego.gettext.translations`) and ``invoke check``
reports it (the ``placeholders`` check), with the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: ``%%`` or a named conversion as Python's ``%`` operator reads it.
_DIRECTIVE = re.compile(
    r"%(?:(?P<percent>%)|\((?P<name>\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])"
)
#: The flag GNU gettext tools (msgfmt -c, Poedit, Weblate) check ``%(name)s`` under.
PYTHON_FORMAT = "python-format"


@dataclass(frozen=True)
class FormatString:
    """What a string holds for ``%``: its named placeholders (name, directive as
    written, in order of first use), whether it has ``%%``, and its stray ``%``."""

    placeholders: tuple[tuple[str, str], ...]
    percent: bool
    stray: int

    @property
    def names(self) -> dict[str, str]:
        return dict(self.placeholders)

    @property
    def is_format(self) -> bool:
        """Whether the string uses ``%`` formatting at all (``%(name)s`` or ``%%``)."""
        return bool(self.placeholders) or self.percent


def parse_format(text: str) -> FormatString:
    """Read ``text``'s ``%`` directives (pure; never raises)."""
    found: dict[str, str] = {}
    percent = False
    stray = 0
    at = text.find("%")
    while at != -1:
        m = _DIRECTIVE.match(text, at)
        if m is None:
            stray += 1
            at = text.find("%", at + 1)
            continue
        if m["percent"]:
            percent = True
        else:
            found.setdefault(m["name"], m.group(0))
        at = text.find("%", m.end())
    return FormatString(tuple(found.items()), percent, stray)


def mismatches(msgid: str, translation: str, msgid_plural: str | None = None) -> tuple[str, ...]:
    """How ``translation`` breaks the placeholder rule, each reason completing
    "the translation …" (empty when it keeps the rule).

    ``msgid_plural`` marks a form of a plural entry: it is judged against the
    placeholders of both English forms and may leave some out.
    """
    forms = [parse_format(msgid)]
    if msgid_plural is not None:
        forms.append(parse_format(msgid_plural))
    wanted = {n: d for f in reversed(forms) for n, d in f.placeholders}
    english_stray = any(f.stray for f in forms)
    got = parse_format(translation)
    have = got.names
    reasons: list[str] = []
    missing = [] if msgid_plural is not None else [n for n in wanted if n not in have]
    extra = [n for n in have if n not in wanted]
    if missing and len(missing) == len(extra):  # a typo, most likely: say which became which
        reasons += [
            f"renames {wanted[a]} to {have[b]}" for a, b in zip(missing, extra, strict=True)
        ]
    else:
        if missing:
            reasons.append(f"lacks {_and(wanted[n] for n in missing)}")
        if extra:
            reasons.append(f"adds {_and(have[n] for n in extra)}, which the English does not have")
    reasons += [
        f"writes {have[n]} where the English has {wanted[n]}"
        for n in have
        if n in wanted and have[n] != wanted[n]
    ]
    if got.stray and not english_stray:  # an English with a stray % is no format string
        signs = "a stray %" if got.stray == 1 else f"{got.stray} stray % signs"
        reasons.append(f"has {signs} (write %% for a percent sign)")
    return tuple(reasons)


def _and(items: Iterable[str]) -> str:
    shown = list(items)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def is_python_format(msgid: str, msgid_plural: str | None = None) -> bool:
    """Whether a template string gets ``#, python-format`` (it uses ``%(name)s`` or ``%%``)."""
    return any(parse_format(t).is_format for t in (msgid, msgid_plural) if t is not None)
