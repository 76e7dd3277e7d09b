"""Markdown: the article cut into units, and put back together in translation.

:mod:`.segment` parses an article once (markdown-it-py) into units;
:mod:`.assemble` walks the same tokens to put translations back as HTML, and
:mod:`.translated` as Markdown (the source spliced, unit by unit).
"""
