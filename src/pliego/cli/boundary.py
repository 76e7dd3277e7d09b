"""The one place where user mistakes become exit codes, and the consoles they go to.

Every command in :mod:`pliego.cli.commands` goes through :func:`run`; a
:class:`~pliego.errors.PliegoError` becomes an ``invoke.Exit`` with one clear
line and exit status 1 (130 after Ctrl-C, as shells expect).  ``--debug``
(or ``PLIEGO_DEBUG=1``) lets the traceback through for developers.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from invoke.exceptions import Exit
from rich.console import Console

from pliego.errors import PliegoError
from pliego.files import catalog_lock, sweep_leftovers
from pliego.paths import refuse_outside_links, relative
from pliego.project import Settings, read_settings

T = TypeVar("T")

# Output that goes to a file or CI log is not squeezed into 80 columns.
_WIDTH = None if sys.stdout.isatty() else 120
console = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


def project_root() -> Path:
    """The folder holding ``pyproject.toml`` (the current one or a parent)."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").exists() and (folder / "source").is_dir():
            return folder
    return here


def _shorten_path(exc: PliegoError) -> None:
    """Name files relative to the project, as the user sees them."""
    if exc.path is None or not Path(exc.path).is_absolute():
        return
    path, root = Path(exc.path), project_root()
    for candidate in (path, path.parent.resolve() / path.name):
        with contextlib.suppress(ValueError):
            exc.path = candidate.relative_to(root).as_posix()
            return


def _prepared(settings: Settings) -> Settings:
    """What every task does first: refuse inputs that lead out of the project, remove
    what a killed write left behind, and drop byte-order marks that GNU msgfmt
    cannot read, saying so on stderr (stdout may be JSON)."""
    from pliego.gettext.po import has_bom, remove_bom

    refuse_outside_links(settings)
    notes = [
        f"removed {relative(settings, p)}, an unfinished file left by an interrupted run"
        for p in sweep_leftovers((settings.locale_path, settings.build_path))
    ]
    for path in sorted(settings.locale_path.glob("**/*.po*")):
        if path.suffix in (".po", ".pot") and has_bom(path):
            with catalog_lock(path):  # only then: most runs take no lock here
                if remove_bom(path):
                    notes.append(
                        f"{relative(settings, path)}: removed the byte-order mark an editor "
                        "put at its start (GNU gettext cannot read it)"
                    )
    for note in notes:
        err_console.print(f"note: {note}", markup=False, emoji=False)
    return settings


def run(action: Callable[[Settings], T], *, debug: bool = False) -> T:
    """Run ``action`` with the project settings; explain failures in one line."""
    debug = debug or os.environ.get("PLIEGO_DEBUG") == "1"
    try:
        return action(_prepared(read_settings(project_root())))
    except PliegoError as exc:
        if debug:
            raise
        _shorten_path(exc)
        raise Exit(f"error: {exc}", code=1) from None
    except KeyboardInterrupt:
        if debug:
            raise
        raise Exit(
            "interrupted: every file written so far is complete and valid", code=130
        ) from None
