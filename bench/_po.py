"""The header of the catalogues the benches generate (bench/read.py, bench/update.py).

One copy, so that the reading and the update benches measure catalogues that
begin alike; the fields are those ``msginit`` writes for Spanish.
"""

from __future__ import annotations

HEADER = (
    ("Project-Id-Version", "bench"),
    ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", "2023-02-09 00:00+0000"),
    ("PO-Revision-Date", "2023-02-09 00:00+0000"),
    ("Last-Translator", "bench"),
    ("Language-Team", "Spanish <>"),
    ("Language", "es"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
)
