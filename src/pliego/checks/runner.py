"""The edge of ``invoke check``: settings, files, the glossary and ``msgfmt``.

Everything here reads; nothing writes.  A catalogue that cannot be read is
a finding (check ``readable``), not an abort, so one run reports every
broken file in the project.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pliego.checks.model import CheckContext, Finding
from pliego.checks.registry import CHECKS, check_catalog, check_ids
from pliego.checks.report import CheckReport
from pliego.errors import CatalogError, ConfigError, PliegoError
from pliego.gettext.catalog import Catalog
from pliego.gettext.glossary import GLOSSARY_NAME, read_glossary
from pliego.gettext.msgfmt import run_msgfmt
from pliego.gettext.po import read_po
from pliego.paths import catalog_domains, po_path, relative
from pliego.plan import Plan
from pliego.project import Settings, check_keys


@dataclass(frozen=True)
class CheckSettings:
    """``[tool.pliego.check]``, validated."""

    warnings_fail: bool = False
    length_ratio: tuple[float, float] = (0.4, 2.5)
    length_min_chars: int = 40
    disable: tuple[str, ...] = ()


def parse_check_settings(table: Mapping[str, Any], where: Path) -> CheckSettings:
    """Validate the ``[tool.pliego.check]`` table (pure)."""
    known = {"warnings-fail", "length-ratio", "length-min-chars", "disable"}
    check_keys(table, known, "check", where)
    warnings_fail = table.get("warnings-fail", False)
    if not isinstance(warnings_fail, bool):
        raise ConfigError(
            "'warnings-fail' in [tool.pliego.check] must be true or false", path=where
        )
    ratio = table.get("length-ratio", [0.4, 2.5])
    if (
        not isinstance(ratio, list)
        or len(ratio) != 2
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in ratio)
        or not 0 < ratio[0] < ratio[1]
    ):
        raise ConfigError(
            "'length-ratio' in [tool.pliego.check] must be [low, high] with 0 < low < high",
            path=where,
            hint="e.g. length-ratio = [0.4, 2.5]",
        )
    min_chars = table.get("length-min-chars", 40)
    if not isinstance(min_chars, int) or isinstance(min_chars, bool) or min_chars < 0:
        raise ConfigError(
            "'length-min-chars' in [tool.pliego.check] must be a whole number", path=where
        )
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(x, str) for x in disable):
        raise ConfigError(
            "'disable' in [tool.pliego.check] must be a list of check ids", path=where
        )
    for name in disable:
        if name not in check_ids():
            raise ConfigError(
                f"unknown check {name!r} in 'disable' of [tool.pliego.check]",
                path=where,
                hint="`invoke check --list` shows the check ids",
            )
    return CheckSettings(
        warnings_fail, (float(ratio[0]), float(ratio[1])), min_chars, tuple(disable)
    )


def _read(path: Path, shown: str) -> tuple[Catalog | None, PliegoError | None]:
    """The catalogue at ``path``, or why it cannot be read (a finding, not an abort)."""
    try:
        return read_po(path.read_bytes(), shown), None
    except FileNotFoundError:
        return None, CatalogError(
            "the catalogue does not exist",
            path=shown,
            hint="run `invoke extract` and `invoke update` first",
        )
    except OSError as exc:
        return None, CatalogError(f"cannot read the catalogue ({exc.strerror})", path=shown)
    except CatalogError as exc:
        return None, exc


def check_file(
    settings: Settings, path: Path, lang: str, options: CheckSettings, context: CheckContext
) -> list[Finding]:
    """Read one catalogue and run every enabled check over it.

    ``msgfmt --check`` runs in its own process while pliego reads the file:
    on a large catalogue each takes a second or so, and only the checks need
    what msgfmt said."""
    shown = relative(settings, path)
    with ThreadPoolExecutor(max_workers=1) as pool:
        msgfmt = pool.submit(run_msgfmt, path) if path.exists() else None
        catalog, error = _read(path, shown)
        output = msgfmt.result()[1] if msgfmt is not None else None
    if output:
        output = output.replace(str(path), shown)
    ctx = CheckContext(
        lang=lang,
        path=shown,
        domain=context.domain or path.stem,  # locale/<lang>/LC_MESSAGES/<domain>.po
        source_language=settings.source_language,
        glossary=context.glossary,
        length_ratio=options.length_ratio,
        length_min_chars=options.length_min_chars,
        msgfmt_output=output,
        read_error=error,
        catalog=catalog if catalog is not None else context.catalog,
    )
    checks = [c for c in CHECKS if c.id not in options.disable]
    if catalog is None:
        checks = [c for c in checks if c.run_file is not None]
    return check_catalog(ctx.catalog, ctx, checks)


def check_project(
    settings: Settings,
    langs: Sequence[str],
    options: CheckSettings | None = None,
    plan: Plan | None = None,
) -> CheckReport:
    """Check every catalogue of ``langs`` (articles, then pamphlet and site); with a
    ``plan``, only those it wants (an unplanned translation is no one's error)."""
    if options is None:
        options = parse_check_settings(settings.section("check"), settings.root / "pyproject.toml")
    glossary = read_glossary(settings.locale_path / GLOSSARY_NAME)
    files: list[str] = []
    findings: list[Finding] = []
    for lang in langs:
        base = CheckContext(lang=lang, glossary=glossary)
        for domain in catalog_domains(settings):
            if plan is not None and not plan.wants(lang, domain):
                continue
            path = po_path(settings, lang, domain)
            files.append(relative(settings, path))
            findings.extend(check_file(settings, path, lang, options, replace(base, domain=domain)))
    return CheckReport(tuple(files), tuple(findings))
