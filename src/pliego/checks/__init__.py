"""``invoke check``: a translation quality gate built from small pure checks.

:mod:`.model` holds findings and the opt-out; :mod:`.markup`,
:mod:`.numbers`, :mod:`.text` and :mod:`.punctuation` the checks;
:mod:`.registry` the table and the pure run; :mod:`.runner` the file and
subprocess edge; :mod:`.report` the outcome, for people and for machines.
"""
