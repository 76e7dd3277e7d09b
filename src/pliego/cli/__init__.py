"""The command line between ``tasks.py`` and the stages.

:mod:`.boundary` turns user mistakes into one line and an exit code and holds
the consoles the tasks print to.
"""

from pliego.cli.boundary import console, err_console, project_root, run

__all__ = ["console", "err_console", "project_root", "run"]
