"""The command line between ``tasks.py`` and the stages: run, explain failures, print.

:mod:`.boundary` turns user mistakes into one line and an exit code and holds
the consoles; :mod:`.commands` is one function per task, running its stage
under that boundary; :mod:`.report` is the pure formatting of what they print;
:mod:`.options` gives every task the same short flags; :mod:`.merge_driver` is
git's merge driver for catalogues (run by git, not by a task).
``tasks.py`` parses options into one call of a command here and nothing
more, so nothing in ``src/`` needs to know that Invoke is the front end.

The names below load on first use (PEP 562), as :mod:`pliego`'s do: every
task, ``invoke --list`` and ``invoke --help`` load ``tasks.py``, which needs
only :class:`~pliego.cli.options.Task` and the help texts.  The boundary (rich,
the settings, Babel) and the commands are imported when a task runs, so the
start-up every task pays is Invoke's and no more.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Public name -> the module of this package that defines it.
_API = {
    "SHORT_FLAGS": "options",
    "Task": "options",
    "shared_help": "options",
    "console": "boundary",
    "err_console": "boundary",
    "project_root": "boundary",
    "run": "boundary",
    "build": "commands",
    "check": "commands",
    "extract": "commands",
    "prefill": "commands",
    "publish": "commands",
    "serve": "commands",
    "status": "commands",
    "update": "commands",
}

__all__ = [
    "SHORT_FLAGS",
    "Task",
    "build",
    "check",
    "console",
    "err_console",
    "extract",
    "prefill",
    "project_root",
    "publish",
    "run",
    "serve",
    "shared_help",
    "status",
    "update",
]

if TYPE_CHECKING:
    from pliego.cli.boundary import console, err_console, project_root, run
    from pliego.cli.commands import (
        build,
        check,
        extract,
        prefill,
        publish,
        serve,
        status,
        update,
    )
    from pliego.cli.options import SHORT_FLAGS, Task, shared_help


def __getattr__(name: str) -> Any:
    """Import the module holding ``name`` on first use (PEP 562)."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'pliego.cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pliego.cli.{module}"), name)
    globals()[name] = value
    return value
