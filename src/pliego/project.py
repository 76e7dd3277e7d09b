"""The project: settings from ``[tool.pliego]`` and the build's clock.

One place for languages, segmentation and folders.  Sub-tables
(``[tool.pliego.prefill]``, ``[tool.pliego.build]``, ``[tool.pliego.check]``)
belong to the stage that reads them: this module hands them over as
``Settings.section(name)`` and gives every stage the one unknown-key check
(:func:`check_keys`), so a misspelt setting is an error wherever it is.

Also here, because several stages need each of them and none owns it:

* :func:`setting_line`, so a setting's error can name the line to edit;
* :func:`source_date`, the one reader of ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pliego.errors import ConfigError
from pliego.langsettings import LANGUAGE_KEYS, LanguageConfig, language_config
from pliego.languages import Language, _validate_at, validate_language

SEGMENTATION_MODES = ("block", "sentence")
#: Folders of the project that hold tracked files: a build may never write into them.
PROTECTED_DIRS = ("styles", "source", "locale", "tests", "src")
#: Keys of ``[tool.pliego]``: its own settings and the sub-tables each stage reads.
TOP_KEYS = (
    "source-language",
    "languages",
    "segmentation",
    "source-dir",
    "locale-dir",
    "build-dir",
    "prefill",
    "build",
    "site",
    "check",
)


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
    #: ``[tool.pliego.languages.<code>]`` of the languages that have one (out of the
    #: comparison, as ``raw`` is, so that settings stay hashable).
    language_configs: Mapping[str, LanguageConfig] = field(default_factory=dict, compare=False)

    def language(self, code: str) -> Language:
        """The facts of ``code`` (the settings' where given, CLDR's otherwise)."""
        return Language(code, self.language_configs.get(code, LanguageConfig()))

    @property
    def unreviewed(self) -> tuple[str, ...]:
        """Languages whose translation no native speaker has read yet
        (``[tool.pliego.languages.<code>] reviewed = false``): their colophon and
        site page say so and ask for corrections at ``[tool.pliego.site] contact``."""
        return tuple(c for c in self.languages if not self.language(c).config.reviewed)

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
            raise ConfigError(
                f"[tool.pliego.{name}] must be a table", path=self.root / "pyproject.toml"
            )
        return value

    def select_languages(self, spec: str | None, *, allow_source: bool = False) -> tuple[str, ...]:
        """Parse a ``--lang es,qu|all`` option against the configured languages.

        The source language has no catalogues to update, prefill or check; only the
        build (which typesets the English too) passes ``allow_source``.
        """
        if spec is None or spec.strip() in ("", "all"):
            return self.languages
        chosen: list[str] = []
        if not spec.replace(",", "").strip():
            raise ConfigError(
                f"--lang {spec!r} names no language",
                hint="give codes separated by commas, e.g. --lang es,qu, or all",
            )
        for part in spec.split(","):
            code = part.strip()
            if not code:
                continue
            if code not in self.languages:
                validate_language(code)
            if code == self.source_language and not allow_source:
                raise ConfigError(
                    f"{code!r} is the language of the articles: it has no translation catalogues",
                    hint=f"choose among {', '.join(self.languages)}",
                )
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
    check_keys(table, TOP_KEYS, "", where)
    source_language = table.get("source-language", "en")
    if not isinstance(source_language, str):
        raise ConfigError("'source-language' must be a language code in quotes", path=where)
    _validate_at(source_language, "source-language", where)
    langs, configs = _languages(table.get("languages", ["es", "qu"]), where)
    for key in ("source-dir", "locale-dir", "build-dir"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            raise ConfigError(f"'{key}' must be a folder name in quotes", path=where)
    folders = {
        key: (root / str(table.get(key, default))).resolve()
        for key, default in (
            ("source-dir", "source"),
            ("locale-dir", "locale"),
            ("build-dir", "build"),
        )
    }
    build = folders["build-dir"]
    if build == root.resolve() or build in root.resolve().parents:
        raise ConfigError(
            "'build-dir' cannot be the project folder or hold it",
            path=where,
            hint='the build folder is rewritten by every build; the default is "build"',
        )
    for a, pa in folders.items():
        for b, pb in folders.items():
            if a < b and _overlap(pa, pb):
                # The build folder is generated and may be wiped: it must never hold,
                # or sit inside, the translators' or the editor's files.
                raise ConfigError(
                    f"'{a}' and '{b}' must be separate folders",
                    path=where,
                    hint="the defaults are source, locale and build",
                )
    for name in PROTECTED_DIRS:
        if _overlap(build, (root / name).resolve()):
            raise ConfigError(
                f"'build-dir' cannot be, hold or sit inside the {name}/ folder",
                path=where,
                hint='the build folder is rewritten by every build; the default is "build"',
            )
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
        language_configs=configs,
    )


def _languages(value: Any, where: Path) -> tuple[list[str], dict[str, LanguageConfig]]:
    """``languages``: a list of codes, or one ``[tool.pliego.languages.<code>]``
    table per language (TOML cannot have both under one key), in file order."""
    tables = value if isinstance(value, Mapping) else {}
    langs = list(tables) if isinstance(value, Mapping) else value
    if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
        raise ConfigError("'languages' must be a list of language codes", path=where)
    if not langs:
        raise ConfigError(
            "'languages' is empty",
            path=where,
            hint='list the target languages, e.g. languages = ["es", "qu"]',
        )
    configs: dict[str, LanguageConfig] = {}
    for code, table in tables.items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"[tool.pliego.languages.{code}] must be a table", path=where)
        check_keys(table, LANGUAGE_KEYS, f"languages.{code}", where)
        configs[code] = language_config(code, table, where, partial(_line, where, code))
    for code in langs:
        _validate_at(code, "language", where, tuple(configs))
    return langs, configs


def _overlap(a: Path, b: Path) -> bool:
    """One folder is the other or lies inside it."""
    return a == b or a in b.parents or b in a.parents


def read_settings(root: Path) -> Settings:
    """Read ``root/pyproject.toml``; a project without one gets the defaults."""
    path = root / "pyproject.toml"
    if not path.exists():
        return parse_settings(root, {})
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(
            "the file is not valid UTF-8", path=path, hint="save it as UTF-8 in your editor"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r" \(at line (\d+), column \d+\)$", str(exc))
        raise ConfigError(
            f"not valid TOML: {str(exc)[: where.start()] if where else exc}",
            path=path,
            line=int(where.group(1)) if where else None,
            hint="compare with the [tool.pliego] example in the README",
        ) from None
    tool = data.get("tool", {})
    table = tool.get("pliego", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise ConfigError(
            "[tool.pliego] must be a table",
            path=path,
            hint="write the settings under a [tool.pliego] line",
        )
    return parse_settings(root, table)


def source_date(env: Mapping[str, str] | None = None) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, or None when unset: the one reader.

    reproducible-builds.org asks that a build use this time instead of the clock
    and fail on a malformed value rather than guess; extract, build and publish
    all read it here, so they agree on both.
    """
    raw = (os.environ if env is None else env).get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        if not raw.isdigit():
            raise ValueError(raw)
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {raw!r}",
            hint="unset it, or set it e.g. to the last commit's time: "
            "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)",
        ) from None


def check_keys(
    table: Mapping[str, Any],
    known: Iterable[str],
    section: str,
    where: Path,
    *,
    also: Callable[[str], bool] | None = None,
    hint: str | None = None,
) -> None:
    """Refuse keys of ``[tool.pliego.<section>]`` that nothing reads: the one check.

    A misspelt setting that is silently ignored is worse than an error, so
    every table is checked, each by the module that owns it, through this
    function.  ``also`` admits keys that are not a fixed list (prefill's
    per-language chains).
    """
    known = tuple(known)
    unknown = sorted(k for k in table if k not in known and not (also and also(k)))
    if unknown:
        keys = ", ".join(repr(k) for k in unknown)
        raise ConfigError(
            f"unknown key{'s' if len(unknown) > 1 else ''} {keys} in [{_table_name(section)}]",
            path=where,
            hint=hint or f"the known keys are {', '.join(sorted(known))}",
        )


def _table_name(section: str) -> str:
    return "tool.pliego" + (f".{section}" if section else "")


def _line(where: Path, code: str, key: str) -> int | None:
    return setting_line(where, f"languages.{code}", key)


def setting_line(where: Path, section: str, key: str) -> int | None:
    """The line of ``key`` in ``[tool.pliego.<section>]`` of ``where``, or None.

    tomllib gives values, not positions; a setting's error should still name
    the line to edit.  A plain scan is enough for the forms the docs show
    (``key = value`` under its table header); anything cleverer gets no line.
    """
    try:
        lines = where.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    header = f"[{_table_name(section)}]"
    inside = False
    assignment = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}")\s*=""")
    for number, text in enumerate(lines, start=1):
        stripped = text.strip()
        if stripped.startswith("["):
            inside = stripped.split("#", 1)[0].strip() == header
        elif inside and assignment.match(text):
            return number
    return None
