"""The command line between ``tasks.py`` and the stages: run, explain failures, print.

:mod:`.boundary` turns user mistakes into one line and an exit code and holds
the consoles; :mod:`.commands` is one function per task, running its stage
under that boundary; :mod:`.report` is the pure formatting of what they print;
:mod:`.options` gives every task the same short flags; :mod:`.merge_driver` is
git's merge driver for catalogues (run by git, not by a task).
``tasks.py`` parses options into one call of a command here and nothing
more, so nothing in ``src/`` needs to know that Invoke is the front end.
"""

from pliego.cli.boundary import console, err_console, project_root, run
from pliego.cli.commands import build, check, extract, prefill, publish, serve, status, update
from pliego.cli.options import SHORT_FLAGS, Task, shared_help

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
