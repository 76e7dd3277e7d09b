"""``invoke publish`` and ``invoke serve``: the download site in ``build/site/``.

:mod:`.model` decides what the site shows (pure); :mod:`.render` turns it into
bytes; :mod:`.online` renders each pamphlet's read-online page; :mod:`.assemble`
measures the PDFs and makes every file when something changed; :mod:`.stamp`
remembers what the last publish read and wrote, so a no-op loads none of that;
:mod:`.publish` is the shell that builds, checks the stamp and writes the
folder; :mod:`.serve` previews it on this machine.
"""
