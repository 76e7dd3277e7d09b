"""Project settings from ``[tool.pliego]`` in ``pyproject.toml``.

One place for languages, segmentation and folders.  Sub-tables
(``[tool.pliego.prefill]``, ``[tool.pliego.build]``, ``[tool.pliego.site]`` …)
belong to the module that reads them; this module only hands them over as
``Settings.section(name)`` so that each concern validates its own keys.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from .errors import ConfigError

SEGMENTATION_MODES = ("block", "sentence")


def validate_language(code: str, *, where: str = "language") -> str:
    """Return ``code`` if Babel/CLDR knows it; otherwise a clear error."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ConfigError(
            f"unknown {where} code {code!r}",
            hint="use an ISO 639 code that CLDR knows, e.g. 'es', 'qu', 'es_PE'",
        ) from None
    return code


def _validate_at(code: str, where: str, path: Path) -> None:
    """:func:`validate_language` for a code read from ``pyproject.toml``: the
    message names the file, since the user did not type the code just now."""
    try:
        validate_language(code, where=where)
    except ConfigError as exc:
        raise ConfigError(exc.message, path=path, hint=exc.hint) from None


@dataclass(frozen=True)
class Settings:
    """The project root and its ``[tool.pliego]`` table, validated."""

    root: Path
    source_language: str = "en"
    languages: tuple[str, ...] = ("es", "qu")
    segmentation: str = "block"
    source_dir: str = "source"
    locale_dir: str = "locale"
    build_dir: str = "build"
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def source_path(self) -> Path:
        return self.root / self.source_dir

    @property
    def locale_path(self) -> Path:
        return self.root / self.locale_dir

    @property
    def build_path(self) -> Path:
        return self.root / self.build_dir

    def section(self, name: str) -> Mapping[str, Any]:
        """A sub-table such as ``[tool.pliego.build]`` (empty when absent)."""
        value = self.raw.get(name, {})
        if not isinstance(value, Mapping):
            raise ConfigError(f"[tool.pliego.{name}] must be a table",
                              path=self.root / "pyproject.toml")
        return value

    def select_languages(self, spec: str | None, *,
                         allow_source: bool = False) -> tuple[str, ...]:
        """Parse a ``--lang es,qu|all`` option against the configured languages.

        The source language has no catalogues to update, prefill or check; only the
        build (which typesets the English too) passes ``allow_source``.
        """
        if spec is None or spec.strip() in ("", "all"):
            return self.languages
        chosen: list[str] = []
        if not spec.replace(",", "").strip():
            raise ConfigError(f"--lang {spec!r} names no language",
                              hint="give codes separated by commas, e.g. --lang es,qu, or all")
        for part in spec.split(","):
            code = part.strip()
            if not code:
                continue
            validate_language(code)
            if code == self.source_language and not allow_source:
                raise ConfigError(
                    f"{code!r} is the language of the articles: it has no translation "
                    "catalogues", hint=f"choose among {', '.join(self.languages)}")
            if code not in self.languages and code != self.source_language:
                raise ConfigError(
                    f"language {code!r} is not one of the project's languages "
                    f"({', '.join(self.languages)})",
                    hint="add it to 'languages' in [tool.pliego] in pyproject.toml",
                )
            if code not in chosen:
                chosen.append(code)
        return tuple(chosen)


def parse_settings(root: Path, table: Mapping[str, Any]) -> Settings:
    """Validate a ``[tool.pliego]`` table (pure; the reader below does the I/O)."""
    where = root / "pyproject.toml"
    source_language = table.get("source-language", "en")
    if not isinstance(source_language, str):
        raise ConfigError("'source-language' must be a language code in quotes", path=where)
    _validate_at(source_language, "source-language", where)
    langs = table.get("languages", ["es", "qu"])
    if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
        raise ConfigError("'languages' must be a list of language codes", path=where)
    if not langs:
        raise ConfigError("'languages' is empty", path=where,
                          hint='list the target languages, e.g. languages = ["es", "qu"]')
    for code in langs:
        _validate_at(code, "language", where)
    for key in ("source-dir", "locale-dir", "build-dir"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            raise ConfigError(f"'{key}' must be a folder name in quotes", path=where)
    segmentation = str(table.get("segmentation", "block"))
    if segmentation not in SEGMENTATION_MODES:
        raise ConfigError(
            f"'segmentation' must be one of {', '.join(SEGMENTATION_MODES)}, not {segmentation!r}",
            path=where,
        )
    return Settings(
        root=root,
        source_language=source_language,
        languages=tuple(langs),
        segmentation=segmentation,
        source_dir=str(table.get("source-dir", "source")),
        locale_dir=str(table.get("locale-dir", "locale")),
        build_dir=str(table.get("build-dir", "build")),
        raw=dict(table),
    )


def read_settings(root: Path) -> Settings:
    """Read ``root/pyproject.toml``; a project without one gets the defaults."""
    path = root / "pyproject.toml"
    if not path.exists():
        return parse_settings(root, {})
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("the file is not valid UTF-8", path=path,
                          hint="save it as UTF-8 in your editor") from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r" \(at line (\d+), column \d+\)$", str(exc))
        raise ConfigError(f"not valid TOML: {str(exc)[:where.start()] if where else exc}",
                          path=path, line=int(where.group(1)) if where else None,
                          hint="compare with the [tool.pliego] example in the README") from None
    tool = data.get("tool", {})
    table = tool.get("pliego", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise ConfigError("[tool.pliego] must be a table", path=path,
                          hint="write the settings under a [tool.pliego] line")
    return parse_settings(root, table)
