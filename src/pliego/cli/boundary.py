"""The one place where user mistakes become exit codes, and the consoles they go to.

Every command in :mod:`pliego.cli.commands` goes through :func:`run`; a
:class:`~pliego.errors.PliegoError` becomes an ``invoke.Exit`` with one clear
line and exit status 1 (130 after Ctrl-C, as shells expect).  ``--debug``
(or ``PLIEGO_DEBUG=1``) lets the traceback through for developers.

The consoles are :class:`LazyConsole`: rich is imported (some 30 ms) only
when a task prints something rich must render.  A plain line, which is all a
no-op ``publish`` or ``build`` prints, is written as rich would write it.

A process that ran a task leaves without the interpreter's teardown of its heap
(:func:`_leave_quickly`).
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import functools
import gc
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from invoke.exceptions import Exit

from pliego.errors import PliegoError
from pliego.files import catalog_lock, sweep_leftovers
from pliego.paths import refuse_outside_links, relative
from pliego.project import Settings, read_settings

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

# Output that goes to a file or CI log is not squeezed into 80 columns.
_WIDTH = None if sys.stdout.isatty() else 120
#: What rich's emoji codes look like (``:smile:``); a superset of its own pattern.
_EMOJI_CODE = re.compile(r":\S*:")


class LazyConsole:
    """A rich ``Console`` (no highlighting, soft wrap) made on first use.

    Why: importing rich costs more than a no-op task does.  :meth:`print` of
    one string that rich would write unchanged (printable, no tab, no markup
    tag when markup is on, no emoji code when emoji are on) goes straight to
    the stream, flushed as rich flushes; anything else, and every other
    method, goes to the real console.  tests/test_cli.py holds both ways
    to the same bytes.
    """

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr

    @functools.cached_property
    def rich(self) -> Console:
        from rich.console import Console

        return Console(stderr=self._stderr, highlight=False, soft_wrap=True, width=_WIDTH)

    def print(
        self, *objects: Any, markup: bool | None = None, emoji: bool | None = None, **options: Any
    ) -> None:
        if (
            "rich" not in self.__dict__  # a console made already keeps its own buffers
            and len(objects) == 1
            and not options
            and _plain(objects[0], markup=markup is not False, emoji=emoji is not False)
        ):
            stream = sys.stderr if self._stderr else sys.stdout
            stream.write(objects[0] + "\n")
            stream.flush()
            return
        self.rich.print(*objects, markup=markup, emoji=emoji, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


def _plain(text: object, *, markup: bool, emoji: bool) -> bool:
    """Whether rich would print ``text`` as it is (no style is set on these consoles)."""
    return (
        isinstance(text, str)
        and text.isprintable()  # no tab to expand, no control code to strip
        and not (markup and "[" in text)
        and not (emoji and _EMOJI_CODE.search(text))
    )


console = LazyConsole()
err_console = LazyConsole(stderr=True)


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
    refuse_outside_links(settings)
    notes = [
        f"removed {relative(settings, p)}, an unfinished file left by an interrupted run"
        for p in sweep_leftovers((settings.locale_path, settings.build_path))
    ]
    for path in sorted(settings.locale_path.glob("**/*.po*")):
        if path.suffix in (".po", ".pot") and _starts_with_bom(path):
            from pliego.gettext.po import remove_bom  # polib: only for a file to repair

            with catalog_lock(path):  # only then: most runs take no lock here
                if remove_bom(path):
                    notes.append(
                        f"{relative(settings, path)}: removed the byte-order mark an editor "
                        "put at its start (GNU gettext cannot read it)"
                    )
    for note in notes:
        err_console.print(f"note: {note}", markup=False, emoji=False)
    return settings


def _starts_with_bom(path: Path) -> bool:
    """:func:`pliego.gettext.po.has_bom` without importing polib for every task."""
    try:
        with path.open("rb") as handle:
            return handle.read(3) == codecs.BOM_UTF8
    except OSError:
        return False


def _freeze_for_the_task() -> None:
    """What is alive when a task starts (Invoke, ``tasks.py``, this package) lives
    until the process ends: frozen, the collector never scans it again, during the
    task nor at exit (:func:`_leave_quickly`).  A task that ran before in the same
    process (``invoke extract update``) has its garbage finalized first; the first
    task's start finds only Invoke's start-up garbage (17 objects, no finalizer)."""
    if gc.get_freeze_count():
        gc.collect()
    gc.freeze()


def _leave_quickly() -> None:
    """At exit, the task's garbage collected, then every object left frozen.

    Why: the interpreter's shutdown clears every module and then collects, which
    tears the whole heap down object by object (WeasyPrint, fontTools, Jinja2,
    pikepdf … a build's stack): measured at 0.2 s of an ``invoke build`` of one
    reading edition, against 0.09 s for a bare WeasyPrint run, where the
    operating system drops the memory at once anyway.  Frozen objects are
    skipped by that collection.  The collection first keeps what the shutdown
    did that matters: every finalizer of the task's garbage runs.  It scans only
    what the task made (:func:`_freeze_for_the_task`).  Registered with
    :mod:`atexit`, so it runs only when the process really ends, after the task.
    """
    gc.collect()
    gc.freeze()


@functools.cache
def _at_exit() -> None:
    atexit.register(_leave_quickly)


def run(action: Callable[[Settings], T], *, debug: bool = False) -> T:
    """Run ``action`` with the project settings; explain failures in one line.
    The process is one that ends after its tasks: what lives at their start stays
    frozen (:func:`_freeze_for_the_task`)."""
    _at_exit()
    _freeze_for_the_task()
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
