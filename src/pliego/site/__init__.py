"""``invoke publish`` and ``invoke serve``: the download site in ``build/site/``.

:mod:`.model` decides what the site shows (pure); :mod:`.render` turns it into
bytes; :mod:`.online` renders each pamphlet's read-online page; :mod:`.publish`
is the shell that measures the PDFs and writes the folder; :mod:`.serve`
previews it on this machine.
"""
