"""What a build reports: per edition, per article, per language (value classes).

Apart from :mod:`pliego.pamphlet.build` because the CLI's report, the site and
the tests read them without the build's machinery, and because they travel
back from the worker processes of a parallel build (so they hold only paths,
numbers and text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edition:
    kind: str
    path: Path
    pages: int
    paper: str


@dataclass(frozen=True)
class ArticleBuild:
    """One article in one language: what was written (or that nothing had to be).

    ``fallbacks`` are the pamphlet strings shown in English because their
    translation broke a placeholder: kept apart from the other notes so that
    ``invoke publish``, which builds first, can pass them on.
    """

    slug: str
    lang: str
    draft: bool
    skipped: bool
    editions: tuple[Edition, ...]
    sidecar: Path
    notes: tuple[str, ...] = ()
    fallbacks: tuple[str, ...] = ()
    markdown: Path | None = None  # the translated Markdown, when it was written


@dataclass(frozen=True)
class ArticleRefusal:
    """An article the release gate refused in one language, and why (as text: it
    travels back from a worker process)."""

    slug: str
    lang: str
    reason: str

    @property
    def why(self) -> str:
        """The reason in a few words (``below the release threshold of 100% reviewed``)."""
        first = (self.reason.splitlines() or [""])[0]
        return first.split("': ", 1)[1] if first.startswith("not building") else first

    @property
    def headline(self) -> str:
        """The refusal's first line and its indented summary, without the list of
        gaps: enough for a one-line report (``invoke build`` prints the rest)."""
        lines = self.reason.splitlines() or [""]
        head = [lines[0]]
        for line in lines[1:]:
            if not line.startswith("  ") or line.startswith("  locale/"):
                break
            head.append(line.strip())
        return "; ".join(head)


@dataclass(frozen=True)
class BuildResult:
    """One language: the articles built (or up to date), refused, and not planned."""

    lang: str
    articles: tuple[ArticleBuild, ...]
    refused: tuple[ArticleRefusal, ...] = ()
    unplanned: tuple[str, ...] = ()

    @property
    def written(self) -> tuple[Path, ...]:
        return tuple(
            p
            for a in self.articles
            if not a.skipped
            for p in (
                *(e.path for e in a.editions),
                *([a.markdown] if a.markdown else []),
                a.sidecar,
            )
        )

    @property
    def skipped(self) -> bool:
        return all(a.skipped for a in self.articles) and not self.refused


# --------------------------------------------------------------------------- inputs
