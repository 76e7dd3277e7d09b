"""pliego: English articles to translated, print-ready pamphlets through gettext.

The stages, each a subpackage or module, lowest first (``docs/architecture.md``):
:mod:`pliego.languages` (a language's facts), :mod:`pliego.project` (settings),
:mod:`pliego.paths` (where files live),
:mod:`pliego.markdown` (units), :mod:`pliego.gettext` (catalogues), :mod:`pliego.extract`,
:mod:`pliego.update`,
:mod:`pliego.prefill`, :mod:`pliego.checks`, :mod:`pliego.pamphlet` (PDFs),
:mod:`pliego.site` (the download site) and :mod:`pliego.cli` (what the tasks print).

The names below are the API a script needs to run the pipeline as the tasks do::

    import pliego
    settings = pliego.read_settings(Path("."))
    pliego.extract_all(settings, pliego.articles(settings))

They load on first use, so ``import pliego`` stays cheap: a task that only
extracts never imports WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_API = {
    "PliegoError": "pliego.errors",
    "Settings": "pliego.project",
    "read_settings": "pliego.project",
    "articles": "pliego.paths",
    "Catalog": "pliego.gettext.catalog",
    "Message": "pliego.gettext.catalog",
    "load_catalog": "pliego.gettext.po",
    "save_catalog": "pliego.gettext.po",
    "catalog_stats": "pliego.gettext.stats",
    "parse_article": "pliego.markdown.segment",
    "extract_all": "pliego.extract",
    "update_all": "pliego.update",
    "prefill_language": "pliego.prefill.run",
    "check_project": "pliego.checks.runner",
    "build_languages": "pliego.pamphlet.build",
    "publish": "pliego.site.publish",
}

__all__ = [  # the same names as _API (tests/test_api.py checks it), literal for the linters
    "Catalog",
    "Message",
    "PliegoError",
    "Settings",
    "__version__",
    "articles",
    "build_languages",
    "catalog_stats",
    "check_project",
    "extract_all",
    "load_catalog",
    "parse_article",
    "prefill_language",
    "publish",
    "read_settings",
    "save_catalog",
    "update_all",
]

if TYPE_CHECKING:
    from pliego.checks.runner import check_project
    from pliego.errors import PliegoError
    from pliego.extract import extract_all
    from pliego.gettext.catalog import Catalog, Message
    from pliego.gettext.po import load_catalog, save_catalog
    from pliego.gettext.stats import catalog_stats
    from pliego.markdown.segment import parse_article
    from pliego.pamphlet.build import build_languages
    from pliego.paths import articles
    from pliego.prefill.run import prefill_language
    from pliego.project import Settings, read_settings
    from pliego.site.publish import publish
    from pliego.update import update_all


def __getattr__(name: str) -> Any:
    """Import the module holding ``name`` on first use (PEP 562)."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'pliego' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
