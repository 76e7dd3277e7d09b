"""The fixed names of the site's own files, in one module that imports nothing heavy.

``publish`` checks that the templates are there and the stamp lists them
before it knows whether anything must be rendered; keeping the names here
lets it do so without importing Jinja2 (:mod:`.render`) or the Markdown and
image stack (:mod:`.online`).
"""

from __future__ import annotations

#: The feed's summary of a pamphlet without a description, rendered per language.
SUMMARY_TEMPLATE = "feed-summary.xml"
#: The stylesheets of the read-online pages (copied from ``styles/site/``).
ONLINE_STYLES = ("read.css", "read-print.css")
#: Files copied from ``styles/site/`` as they are.
STATIC_FILES = ("site.css", "manifest.schema.json", *ONLINE_STYLES)
#: Every file ``styles/site/`` must hold.
TEMPLATES = ("index.html", "feed.xml", "read.html", SUMMARY_TEMPLATE, *STATIC_FILES)
