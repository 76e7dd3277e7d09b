"""``invoke build``: from catalogues to print-ready PDFs.

:mod:`.config` reads ``[tool.pliego.build]``; :mod:`.release` decides whether
a language may be released and with which text, :mod:`.marks` highlights a
draft; :mod:`.document` renders the pamphlet's HTML; :mod:`.links` and
:mod:`.footnotes` put link addresses and notes on paper; :mod:`.hyphenate`
syllabifies Quechua; :mod:`.typeset` is the WeasyPrint adapter, and
:mod:`.placement` checks that every note is at the foot of its page;
:mod:`.preflight` checks fonts and catalogues first, :mod:`.coverage` that
the fonts have every character the catalogues print; :mod:`.editions` makes
the editions of one article; :mod:`.pdf` imposes and marks PDFs;
:mod:`.markdown_edition` writes the same text as Markdown;
:mod:`.sidecar` is the record a build leaves for the site; :mod:`.build`
drives it all, rebuilding only what changed, one article at a time
(:mod:`.article`) or, in parallel, as jobs per edition (:mod:`.schedule`
picks them, :mod:`.pool` runs them).
"""
