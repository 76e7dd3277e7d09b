"""One letter, one option: the short flags of every task.

Invoke gives each option the first free letter of its name, task by task, so
``-d`` was ``--debug`` in ``build`` but ``--drafts`` in ``publish`` and ``-r``
was ``--draft`` in ``build`` but ``--refresh`` in ``prefill``: ``invoke build
--lang es -d`` typed for a draft ran a release.  Here the letters come from one
table instead; an option not in it has no letter, and a mistyped letter is an
error (``No idea what '-r' is!``) instead of another option.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from invoke.tasks import Task as InvokeTask

#: Option -> its letter, the same in every task that has the option.
SHORT_FLAGS: dict[str, str] = {
    "debug": "d",
    "lang": "l",
    "article": "a",
    "json": "j",
    "strict": "s",
    "engine": "e",
    "force": "f",
    "notes": "n",
    "port": "p",
}


class Task(InvokeTask[Any]):
    """An Invoke task whose short flags come from :data:`SHORT_FLAGS`."""

    def arg_opts(self, name: str, default: str, taken_names: set[str]) -> dict[str, Any]:
        opts: dict[str, Any] = super().arg_opts(name, default, taken_names)
        long = opts["names"][0]
        letter = SHORT_FLAGS.get(name)
        opts["names"] = [long, letter] if letter and letter not in taken_names else [long]
        return opts


#: Help texts of the options that mean the same in every task that has them; a task
#: gives its own text where its option needs one (``build --lang`` includes the English).
SHARED_HELP: dict[str, str] = {
    "lang": "languages: a comma list such as es,qu, or all (the default)",
    "article": "only these articles: a slug or a comma list of slugs "
    "(default: every article in source/)",
    "debug": "show the full traceback on errors (for developers)",
}


def shared_help(body: Callable[..., Any], own: Mapping[str, str]) -> dict[str, str]:
    """The help of every option ``body`` takes: its own texts, else the shared ones
    (Invoke refuses help for an option a task does not have, so only those)."""
    names = inspect.signature(body).parameters
    return {**{k: v for k, v in SHARED_HELP.items() if k in names}, **own}
