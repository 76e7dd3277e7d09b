"""git's merge driver for ``.po`` and ``.pot`` files: ``python3 -m pliego.cli.merge_driver``.

Registered once per clone (``bash scripts/setup.sh`` does it; docs/weblate.md
explains it)::

    git config merge.pliego-po.name "pliego: merge PO files entry by entry"
    git config merge.pliego-po.driver "python3 -m pliego.cli.merge_driver %O %A %B %P"

and chosen by the ``.gitattributes`` shipped at the top of the project
(``*.po merge=pliego-po``).  git calls it with the ancestor's, our and their
version in temporary files and the file's path; the driver writes the result
over ours and exits 0 (merged), 1 (entries left in conflict, named on
stderr; git then stops the merge for the translator) or 2 (it could not
merge: ours is left as it was and git reports a conflict).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pliego.errors import PliegoError
from pliego.files import atomic_write_bytes
from pliego.gettext.gitmerge import merge_catalogs

USAGE = "usage: python3 -m pliego.cli.merge_driver BASE OURS THEIRS [PATH]  (git's %O %A %B %P)"


def main(argv: list[str]) -> int:
    """Merge; the exit status tells git what happened (see the module)."""
    from pliego.cli.boundary import err_console

    if len(argv) not in (3, 4):
        err_console.print(USAGE, markup=False)
        return 2
    base, ours, theirs = (Path(a) for a in argv[:3])
    shown = argv[3] if len(argv) == 4 else argv[1]
    try:
        result = merge_catalogs(
            base.read_bytes(), ours.read_bytes(), theirs.read_bytes(), path=shown
        )
        atomic_write_bytes(ours, result.data)
    except (PliegoError, OSError) as exc:
        what = str(exc) if isinstance(exc, PliegoError) else f"{shown}: {exc}"
        err_console.print(f"pliego merge driver: {what}", markup=False)
        err_console.print(
            "  the file is left as our side had it; merge it by hand, then run invoke update",
            markup=False,
        )
        return 2
    for msgid in result.conflicts:
        head = " ".join(msgid.split())
        err_console.print(
            f"pliego merge driver: {shown}: both sides changed {head[:60]!r}: "
            "both versions kept, marked fuzzy (#-#-#-#-#)",
            markup=False,
        )
    return 1 if result.conflicts else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
