"""Any language: French and Aymara (which CLDR lacks) from extract to a draft PDF.

The engines are the real deep-translator clients over loopback HTTP
(``tests/mtservers.py``), which answer ``<TARGET> text``: so the target code
each engine was asked for shows in the catalogue (``<AYR-BO>``: MyMemory's
Central Aymara).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from pliego.gettext.po import load_catalog, read_po, save_catalog
from pliego.prefill.rules import machine_made
from tests.buildkit import pdf_text
from tests.conftest import REPO, SMALL_ARTICLE, Runner
from tests.mtservers import serving

AY_MONTHS = [f"phaxsi{n}" for n in range(1, 13)]
PYPROJECT = f"""[tool.pliego]

[tool.pliego.languages.fr]

[tool.pliego.languages.ay]
name = "Aymar aru"
plural-forms = "nplurals=1; plural=0;"
locale = "es_BO"
months = {AY_MONTHS!r}
month-year = "%(month)s %(year)s maranxa"

[tool.pliego.prefill]
fr = ["memory", "google"]
ay = ["memory", "mymemory"]
retries = 1
backoff = 0.01
timeout = 2
""".replace("'", '"')
ARTICLE = SMALL_ARTICLE + "\n| Item | Price |\n| --- | --- |\n| Bread | £11.44 |\n"


def _po(project: Path, lang: str, domain: str = "small") -> Path:
    return project / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"


def _setup(project: Path, invoke: Runner) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (project / "source" / "small.md").write_text(ARTICLE, encoding="utf-8")
    shutil.copytree(REPO / "styles", project / "styles", ignore=shutil.ignore_patterns("site"))
    for args in (("extract",), ("update",)):
        r = invoke(project, *args)
        assert r.returncode == 0, r.stderr


def test_french_and_aymara_end_to_end(project: Path, invoke: Runner) -> None:
    _setup(project, invoke)
    ay = read_po(_po(project, "ay").read_bytes())
    assert ay.header_value("Language") == "ay"
    assert ay.header_value("Plural-Forms") == "nplurals=1; plural=0;"
    assert ay.header_value("Language-Team") == "Aymara <>"
    with serving("google") as google, serving("mymemory") as mymemory:
        env = {"PLIEGO_GOOGLE_URL": google.url, "PLIEGO_MYMEMORY_URL": mymemory.url}
        r = invoke(project, "prefill", "--lang", "all", env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert google.count > 0 and mymemory.count > 0
    for lang, tag, price in (("fr", "<FR> ", "£11,44"), ("ay", "<AYR-BO> ", "£11,44")):
        by_id = read_po(_po(project, lang).read_bytes()).by_key()
        assert by_id[(None, "£11.44")].msgstr == price and not by_id[(None, "£11.44")].fuzzy
        prose = by_id[(None, "The second paragraph has 10,000 words in it.")]
        assert prose.msgstr.startswith(tag) and machine_made(prose), prose
        number = "10\u202f000" if lang == "fr" else "10.000"  # fr; es_BO for Aymara
        assert number in prose.msgstr, prose.msgstr
    for lang, chain in (("fr", "memory,google"), ("ay", "memory,mymemory")):
        copies = sum(
            1
            for po in (project / "locale" / lang / "LC_MESSAGES").glob("*.po")
            for m in read_po(po.read_bytes()).active
            if any(c.startswith("pliego-mt: copy [") for c in m.translator_comments)
        )
        assert copies >= 1  # the price, and template strings such as "%(month)s %(year)s"
        assert f"{lang} ({chain}): " in r.stdout
        assert f"{copies} copied (nothing to translate)" in r.stdout, r.stdout
    r = invoke(project, "build", "--lang", "fr,ay", "--draft")
    assert r.returncode == 0, r.stdout + r.stderr
    cover = pdf_text(project / "build" / "ay" / "small-draft.pdf", 1)
    assert "aymar aru" in cover.lower() and "phaxsi2 2023 maranxa" in cover, cover
    french = pdf_text(project / "build" / "fr" / "small-draft.pdf")
    assert "février 2023" in french and "<FR> The second paragraph has 10" in french, french


def test_a_character_the_fonts_lack_is_named_with_its_entry(project: Path, invoke: Runner) -> None:
    _setup(project, invoke)
    path = _po(project, "ay")
    catalog = load_catalog(path)
    messages = tuple(
        replace(m, msgstr="Jachʼa qillqa 漢") if m.msgid == "A heading" else m
        for m in catalog.messages
    )
    save_catalog(path, replace(catalog, messages=messages))
    line = next(m.lineno for m in load_catalog(path).messages if m.msgid == "A heading")
    r = invoke(project, "build", "--lang", "ay", "--draft")
    assert r.returncode == 0, r.stdout + r.stderr
    expected = (
        f"locale/ay/LC_MESSAGES/small.po:{line}: the pamphlet's fonts have no glyph for "
        "'漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)"
    )
    assert expected in r.stdout, r.stdout
    assert r.stdout.count("have no glyph") == 1, "Aymara's ʼ is covered: only 漢 is named"
