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

from typing import TYPE_CHECKING, Any

#: Public name -> the module of this package that defines it (imported plainly in
#: :func:`__getattr__`, so that the layer checks see every edge).
_API = {
    **dict.fromkeys(("SHORT_FLAGS", "Task", "shared_help"), "options"),
    **dict.fromkeys(("console", "err_console", "project_root", "run"), "boundary"),
    **dict.fromkeys(
        ("build", "check", "extract", "prefill", "publish", "serve", "status", "update"),
        "commands",
    ),
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
    where = _API.get(name)
    if where == "options":
        from pliego.cli import options as module
    elif where == "boundary":
        from pliego.cli import boundary as module  # type: ignore[no-redef]
    elif where == "commands":
        from pliego.cli import commands as module  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module 'pliego.cli' has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value
