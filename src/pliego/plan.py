"""Which articles a task works on, and in which languages each one is planned.

Two answers every task needs before it touches a file:

* ``--article SLUG[,SLUG]`` narrows a run to some articles; a slug that is not
  an article is refused in one line that lists the articles there are, so a
  typo never silently does nothing.
* ``languages: [es]`` in an article's front matter is its *language plan*: the
  translations the editor intends to publish.  A language left out is not
  missing work: ``update`` creates no catalogue for it, ``status``,
  ``prefill`` and ``check`` pass over it and ``build`` reports it as not
  planned instead of refusing it.  Without the key every project language is
  planned, so a project that never heard of plans behaves as before.

The plan is read from the front matter with PyYAML alone (no Markdown parser):
the no-op ``invoke build`` consults it too and must stay cheap.  A front matter
that is not valid YAML counts as "no plan" here; the article's parser reports
it with its line when the article is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pliego.errors import ConfigError, SourceError
from pliego.paths import RESERVED_DOMAINS, articles
from pliego.project import Settings

#: The front matter at the very start of an article, as markdown-it's plugin finds it.
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*$", re.DOTALL | re.MULTILINE)
PLAN_KEY = "languages"


@dataclass(frozen=True)
class Plan:
    """The chosen articles and every article's planned target languages.

    ``planned`` covers all the project's articles, not only the chosen ones:
    the pamphlet's own strings are wanted in a language as soon as any article
    is planned in it, whichever article a run is narrowed to.
    """

    chosen: tuple[Path, ...]
    planned: Mapping[str, tuple[str, ...]]

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(p.stem for p in self.chosen)

    def is_planned(self, slug: str, lang: str) -> bool:
        return lang in self.planned.get(slug, ())

    def wants(self, lang: str, domain: str) -> bool:
        """Whether a task should touch ``domain``'s catalogue in ``lang``.

        An article only when chosen and planned in ``lang``; the pamphlet's
        strings when some article is planned in it; the site's always, since
        every language has a page that says what is (not yet) there.
        """
        if domain == "site":
            return True
        if domain in RESERVED_DOMAINS:
            return any(lang in langs for langs in self.planned.values())
        return domain in self.slugs and self.is_planned(domain, lang)

    def unplanned(self, lang: str) -> tuple[str, ...]:
        """The chosen articles not planned in ``lang``."""
        return tuple(s for s in self.slugs if not self.is_planned(s, lang))


def select_articles(settings: Settings, spec: str = "") -> tuple[Path, ...]:
    """Parse ``--article a,b`` against ``source/`` (empty: every article, in order)."""
    every = articles(settings)
    wanted = [part.strip() for part in spec.split(",") if part.strip()]
    if not wanted:
        if spec.strip():
            raise ConfigError(
                f"--article {spec!r} names no article", hint="give slugs separated by commas"
            )
        return every
    by_slug = {p.stem: p for p in every}
    unknown = [s for s in wanted if s not in by_slug]
    if unknown:
        names = ", ".join(repr(s) for s in unknown)
        raise ConfigError(
            f"no article {names} in {settings.source_dir}/: the articles are " + ", ".join(by_slug)
        )
    return tuple(by_slug[s] for s in dict.fromkeys(wanted))


def planned_languages(settings: Settings, source: Path) -> tuple[str, ...]:
    """The target languages ``source`` is planned in (every project language
    when its front matter has no ``languages:``); the source language never
    counts, since the English is always there."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return settings.languages  # the article's reader explains it, with its name
    m = _FRONT.match(text)
    if m is None or (PLAN_KEY not in m.group(1) and "\\" not in m.group(1)):
        # No plan: YAML can spell a key only literally or with a backslash escape,
        # so front matter without either has none (and PyYAML is not imported).
        return settings.languages
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except (yaml.YAMLError, ValueError):
        return settings.languages
    if not isinstance(data, dict) or PLAN_KEY not in data:
        return settings.languages
    value = data[PLAN_KEY]
    line = _key_line(text, PLAN_KEY)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourceError(
            f"front matter field '{PLAN_KEY}' must be a list of language codes",
            path=source,
            line=line,
            hint=f"e.g. {PLAN_KEY}: [es]  (leave it out to plan every project language)",
        )
    unknown = [v for v in value if v not in settings.languages and v != settings.source_language]
    if unknown:
        raise SourceError(
            f"the language plan names {', '.join(repr(v) for v in unknown)}, which "
            f"{'is' if len(unknown) == 1 else 'are'} not among the project's languages "
            f"({', '.join(settings.languages)})",
            path=source,
            line=line,
            hint="add the language to 'languages' in [tool.pliego] in pyproject.toml, "
            "or correct the code",
        )
    return tuple(code for code in settings.languages if code in value)


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def make_plan(settings: Settings, article: str = "") -> Plan:
    """The plan of a run: ``--article``'s choice and every article's languages."""
    chosen = select_articles(settings, article)
    planned = {p.stem: planned_languages(settings, p) for p in articles(settings)}
    return Plan(chosen, planned)
