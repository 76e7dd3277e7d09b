"""``invoke prefill``: machine drafts for empty entries, always marked for review.

:mod:`.rules` decides what may be touched and how a draft is marked (pure);
:mod:`.settings` reads ``[tool.pliego.prefill]``; :mod:`.engine` is the
protocol every engine speaks and the chain, :mod:`.targets` which engine
serves which language (deep-translator's own lists); :mod:`.masking` keeps markup,
names (:mod:`.names`), dates and numbers (:mod:`.figures`) away from engines
and :mod:`.cleanup` tidies what they answer; :mod:`.cache` remembers answers; :mod:`.memory`,
:mod:`.apertium` and :mod:`.online` are the engines (:mod:`.transport` is the
latter's HTTP: timeouts, a kept-alive session per worker); :mod:`.run` is the shell.
"""
