"""Errors that are the user's to fix.

Every problem a translator or editor can cause (a broken ``.po``, bad front
matter, an unknown language) is raised as a :class:`PliegoError` carrying the
file and line it concerns and a hint on how to fix it.  The task layer turns
it into one clear line and a non-zero exit; tracebacks are for ``--debug``.
"""

from __future__ import annotations

from pathlib import Path


class PliegoError(Exception):
    """A mistake in the user's input or environment, explained for a non-programmer."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class CatalogError(PliegoError):
    """A ``.po``/``.pot`` file that cannot be read safely."""


class SourceError(PliegoError):
    """An article in ``source/`` that cannot be segmented."""


class ConfigError(PliegoError):
    """A bad ``[tool.pliego]`` setting or command-line option."""
