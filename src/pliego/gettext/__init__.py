"""gettext files: the catalogue model, reading and writing ``.po``, merging, statistics.

:mod:`.catalog` holds the frozen values; :mod:`.po` reads files with polib
and saves them, after :mod:`.lexical` has checked every line;
:mod:`.writer` lays them out as GNU ``msgcat`` does, at the line breaks
:mod:`.linebreak` asks libunistring for; :mod:`.merge` is
``msgmerge --previous``; :mod:`.msgfmt` wraps GNU ``msgfmt --check``;
:mod:`.stats` counts; :mod:`.glossary` reads ``locale/glossary.csv``;
:mod:`.placeholders` is the rule a translation's ``%(name)s`` must keep;
:mod:`.translations` serves catalogues to templates, escaped;
:mod:`.provenance` reads the ``# pliego-mt:`` comment of a machine draft (here,
because ``update`` and ``prefill`` both need it); :mod:`.gitmerge` merges three
versions of a catalogue entry by entry, for git's merge driver.  Nothing here knows about
pamphlets, the translation engines or the site.
"""
