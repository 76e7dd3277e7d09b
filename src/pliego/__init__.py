"""pliego: English articles to translated, print-ready pamphlets through gettext."""

__version__ = "0.1.0"
