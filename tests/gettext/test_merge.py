"""``invoke update``'s merge: translators' work must survive every edit."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.merge import new_catalog, update_catalog
from pliego.gettext.po import read_po

LONG = (
    "The government’s response has been to try to drown the movement in blood. More than "
    "50 people have been killed, mainly members of the peasant self-defence groups, known "
    "as the rondas campesinas, but also bystanders shot by a lawless police force."
)


def cat(*msgs: Message) -> Catalog:
    return Catalog(header=(("Language", "es"),), messages=msgs)


def test_exact_match_keeps_translation_flags_and_comments() -> None:
    po = cat(
        Message(
            msgid="Impasse",
            msgstr="Impasse",
            translator_comments=("ok",),
            locations=(("old.md", 1),),
        )
    )
    tpl = cat(Message(msgid="Impasse", auto_comments=("heading",), locations=(("a.md", 9),)))
    merged, stats = update_catalog(tpl, po)
    (m,) = merged.messages
    assert (m.msgstr, m.translator_comments, m.locations, m.auto_comments) == (
        "Impasse",
        ("ok",),
        (("a.md", 9),),
        ("heading",),
    )
    assert not m.fuzzy and stats.kept == 1


def test_tiny_edit_of_long_paragraph_becomes_fuzzy_with_previous() -> None:
    po = cat(Message(msgid=LONG, msgstr="La respuesta del gobierno…"))
    edited = LONG.replace("50", "60")
    merged, stats = update_catalog(cat(Message(msgid=edited)), po)
    (m,) = merged.messages
    assert m.fuzzy and m.msgstr == "La respuesta del gobierno…" and m.previous_msgid == LONG
    assert stats.fuzzy == 1 and stats.obsolete == 0


def test_vanished_entries_become_obsolete_unless_purged() -> None:
    po = cat(Message(msgid="Gone paragraph", msgstr="Párrafo ido"), Message(msgid="empty"))
    tpl = cat(Message(msgid="Something completely different"))
    merged, stats = update_catalog(tpl, po)
    assert [m.msgid for m in merged.obsolete] == ["Gone paragraph"]
    assert merged.obsolete[0].msgstr == "Párrafo ido" and stats.obsolete == 1
    purged, pstats = update_catalog(tpl, po, purge=True)
    assert not purged.obsolete and pstats.purged == 1


def test_obsolete_entry_is_revived_on_exact_return() -> None:
    po = cat(Message(msgid="Back again", msgstr="De vuelta", obsolete=True))
    merged, stats = update_catalog(cat(Message(msgid="Back again")), po)
    assert merged.messages == (Message(msgid="Back again", msgstr="De vuelta"),)
    assert stats.revived == 1


def test_new_entries_do_not_steal_translations() -> None:
    po = cat(Message(msgid=LONG, msgstr="traducción"))
    tpl = cat(
        Message(msgid=LONG.replace("blood", "fire")),
        Message(msgid="An entirely new paragraph about the general strike."),
    )
    merged, _ = update_catalog(tpl, po)
    assert merged.messages[0].fuzzy and merged.messages[0].msgstr == "traducción"
    assert merged.messages[1].msgstr == "" and not merged.messages[1].fuzzy


def test_new_catalog_has_language_and_plural_forms() -> None:
    tpl = Catalog(header=(("Project-Id-Version", "x"), ("Language", "")), header_flags=("fuzzy",))
    po = new_catalog(tpl, "qu")
    assert po.header_value("Language") == "qu"
    assert po.header_value(
        "Plural-Forms",
    ).startswith("nplurals=")
    assert "fuzzy" not in po.header_flags


words = st.sampled_from(
    [
        "the",
        "strike",
        "people",
        "police",
        "Lima",
        "Congress",
        "peasants",
        "workers",
        "general",
        "assembly",
        "elections",
        "blood",
        "country",
        "army",
        "south",
    ]
)
sentences = st.lists(words, min_size=3, max_size=25).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(sentences, min_size=1, max_size=12, unique=True),
    st.lists(
        st.tuples(
            st.sampled_from(["edit", "add", "delete", "translate"]), st.integers(0, 50), sentences
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_update_never_loses_a_translation(
    initial: list[str], edits: list[tuple[str, int, str]]
) -> None:
    """Across random edit sequences, every non-empty msgstr stays in the file
    (active, fuzzy or obsolete)."""
    source = list(initial)
    po = cat(*(Message(msgid=s) for s in source))
    for op, n, text in edits:
        if op == "edit" and source:
            i = n % len(source)
            source[i] = source[i] + " " + text.split()[0]
        elif op == "add":
            source.insert(n % (len(source) + 1), text)
        elif op == "delete" and source:
            source.pop(n % len(source))
        elif op == "translate" and po.active:
            i = n % len(po.messages)
            po = replace(
                po,
                messages=tuple(
                    replace(m, msgstr=f"T{n}:{m.msgid}") if k == i and not m.msgstr else m
                    for k, m in enumerate(po.messages)
                ),
            )
        unique = list(dict.fromkeys(source))
        before = {m.msgstr for m in po.messages if m.msgstr}
        po, _ = update_catalog(cat(*(Message(msgid=s) for s in unique)), po)
        after = {m.msgstr for m in po.messages if m.msgstr}
        assert before <= after
        assert [m.msgid for m in po.active] == unique


def test_each_edited_paragraph_finds_its_own_predecessor() -> None:
    base = [
        f"Paragraph {i}: " + " ".join(f"word{(i * 7 + k) % 50}" for k in range(30))
        for i in range(12)
    ]
    po = cat(*(Message(msgid=t, msgstr=f"T{i}") for i, t in enumerate(base)))
    edited = list(base)
    for i in (1, 5, 9):
        edited[i] = base[i].replace("word", "palabra", 1)
    merged, stats = update_catalog(cat(*(Message(msgid=t) for t in edited)), po)
    assert stats.fuzzy == 3 and stats.kept == 9
    for i, m in enumerate(merged.active):
        assert m.msgstr == f"T{i}"
        assert m.fuzzy == (i in (1, 5, 9))
        assert m.previous_msgid == (base[i] if i in (1, 5, 9) else None)


def test_format_flags_come_from_the_template_as_with_gnu_msgmerge(tmp_path: Path) -> None:
    """A format flag describes the msgid, so the template's wins (GNU msgmerge takes it from
    the .pot too): ``invoke update`` adds ``python-format`` to existing translations the
    moment ``invoke extract`` writes it, and drops one the template no longer has."""
    head = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    )
    old = head + (
        '\nmsgid "Cover of %(title)s"\nmsgstr "Portada de %(title)s"\n'
        '\n#, python-format\nmsgid "Pages"\nmsgstr "Páginas"\n'
        '\n#, fuzzy\nmsgid "By %(author)s"\nmsgstr "De %(author)s"\n'
        '\nmsgid "Written in %(date)s, in Lima and Cusco."\n'
        'msgstr "Escrito en %(date)s, en Lima y Cusco."\n'
    )
    pot = head + (
        '\n#, python-format\nmsgid "Cover of %(title)s"\nmsgstr ""\n'
        '\nmsgid "Pages"\nmsgstr ""\n'
        '\n#, python-format\nmsgid "By %(author)s"\nmsgstr ""\n'
        '\n#, python-format\nmsgid "Written in %(date)s, in Lima and in Cusco."\nmsgstr ""\n'
    )
    (tmp_path / "a.po").write_text(old, encoding="utf-8")
    (tmp_path / "a.pot").write_text(pot, encoding="utf-8")
    gnu = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", "a.po", "a.pot"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours, _ = update_catalog(read_po(pot.encode()), read_po(old.encode()))

    def flags(catalog: Catalog) -> dict[str, tuple[str, ...]]:
        return {m.msgid: m.flags for m in catalog.active}

    expected = {
        "Cover of %(title)s": ("python-format",),
        "Pages": (),
        "By %(author)s": ("fuzzy", "python-format"),
        "Written in %(date)s, in Lima and in Cusco.": ("fuzzy", "python-format"),
    }
    assert flags(read_po(gnu.encode())) == expected
    assert flags(ours) == expected
