"""What prefill may touch, how drafts are marked, and that the marks survive."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pliego.extract import extract_article
from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.merge import new_catalog, update_catalog
from pliego.gettext.po import read_po, write_po
from pliego.paths import articles
from pliego.prefill.engine import Failure, Translation
from pliego.prefill.masking import nothing_to_translate
from pliego.prefill.memory import MemoryEngine, Pair, read_tmx
from pliego.prefill.rules import (
    apply_fills,
    copied,
    eligible,
    fill,
    fingerprint,
    machine_made,
    provenance,
)
from pliego.prefill.run import prefill_language
from pliego.project import Settings, read_settings
from pliego.update import update_domain
from tests.conftest import PO_HEADER, msgfmt_check
from tests.mtservers import serving


def prepare(project: Path) -> Settings:
    """extract + update, as the editor would have run them."""
    settings_ = read_settings(project)
    for source in articles(settings_):
        extract_article(settings_, source)
        for lang in settings_.languages:
            update_domain(settings_, lang, source.stem)
    return settings_


HEADER = PO_HEADER


def _catalog(*messages: Message) -> Catalog:
    return Catalog(header=HEADER, messages=messages)


def test_fill_marks_fuzzy_with_provenance_and_keeps_the_rest() -> None:
    m = Message(
        "Hello.",
        flags=("md-text",),
        translator_comments=("ask Ana",),
        auto_comments=("paragraph",),
        locations=(("source/a.md", 3),),
    )
    t = Translation("Hola.", "apertium")
    out = fill(m, t)
    assert out.fuzzy and out.msgstr == "Hola." and out.flags == ("fuzzy", "md-text")
    assert out.translator_comments[0] == "ask Ana"
    assert out.translator_comments[1].startswith("pliego-mt: apertium [")
    assert out.auto_comments == m.auto_comments and out.locations == m.locations
    p = provenance(out)
    assert p is not None and p.engine == "apertium" and machine_made(out)
    mem = fill(m, Translation("Hola.", "memory", "87% (site.po)"))
    p = provenance(mem)
    assert p is not None and p.detail == "87% (site.po)"


def test_refresh_only_while_fuzzy_and_unchanged() -> None:
    draft = fill(Message("Hello."), Translation("Hola.", "google"))
    edited = replace(draft, msgstr="¡Hola!")
    accepted = draft.with_flag("fuzzy", False)
    human = Message("Hello.", msgstr="Buenas.", flags=("fuzzy",))
    assert eligible(draft, refresh=True) and not eligible(draft)
    assert not eligible(edited, refresh=True)
    assert not eligible(accepted, refresh=True)
    assert not eligible(human, refresh=True)
    assert eligible(Message("Hello."))
    assert not eligible(Message("Hello.", obsolete=True))
    assert not eligible(Message("%d file", msgid_plural="%d files", msgstr_plural=("", "")))


_texts = st.text(alphabet="abc xyz.,ñ", min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def _entries(draw: st.DrawFn) -> Message:
    msgid = draw(_texts)
    kind = draw(
        st.sampled_from(
            ["empty", "human", "human-fuzzy", "draft", "edited-draft", "accepted-draft", "obsolete"]
        )
    )
    m = Message(msgid)
    if kind == "human":
        m = replace(m, msgstr=draw(_texts))
    elif kind == "human-fuzzy":
        m = replace(m, msgstr=draw(_texts), flags=("fuzzy",))
    elif kind.endswith("draft"):
        m = fill(m, Translation(draw(_texts), "google"))
        if kind == "edited-draft":
            m = replace(m, msgstr=m.msgstr + " (revisado)")
        elif kind == "accepted-draft":
            m = m.with_flag("fuzzy", False)
    elif kind == "obsolete":
        m = replace(m, msgstr=draw(_texts), obsolete=True)
    return m


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_entries(), min_size=1, max_size=12, unique_by=lambda m: m.msgid),
    st.booleans(),
    st.data(),
)
def test_property_prefill_never_touches_human_work(
    entries: list[Message], refresh: bool, data: st.DataObject
) -> None:
    catalog = _catalog(*entries)
    fills = {
        m.key: Translation(
            data.draw(_texts), data.draw(st.sampled_from(["memory", "apertium", "google"]))
        )
        for m in entries
        if data.draw(st.booleans())
    }
    out, changed = apply_fills(catalog, fills, refresh)
    assert changed == sum(a != b for a, b in zip(catalog.messages, out.messages, strict=True))
    for before, after in zip(catalog.messages, out.messages, strict=True):
        if before.msgstr and not (refresh and machine_made(before)):
            assert after == before, "a non-empty msgstr is never changed"
        if not before.fuzzy and before.msgstr:
            assert after == before, "a reviewed entry is never changed"
        if after != before:
            assert after.fuzzy and machine_made(after), "every written entry is a marked draft"
            assert after.msgstr == fills[before.key].text
    text = write_po(out)
    assert read_po(text.encode()) == out
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "es.po"
        path.write_text(text, encoding="utf-8")
        assert msgfmt_check(path).returncode == 0


def test_provenance_survives_msgmerge_and_invoke_update(tmp_path: Path) -> None:
    template = Catalog(
        header=HEADER,
        messages=(
            Message("Peru in crisis.", locations=(("source/a.md", 1),)),
            Message("The people march.", locations=(("source/a.md", 3),)),
        ),
    )
    po = new_catalog(template, "es")
    po, _ = apply_fills(po, {(None, "Peru in crisis."): Translation("Perú en crisis.", "apertium")})
    edited = Catalog(
        header=template.header,
        messages=(
            Message("Peru is in crisis.", locations=(("source/a.md", 1),)),
            template.messages[1],
        ),
    )
    (tmp_path / "es.po").write_text(write_po(po), encoding="utf-8")
    (tmp_path / "a.pot").write_text(write_po(edited), encoding="utf-8")
    merged = subprocess.run(
        [
            "msgmerge",
            "--previous",
            "-q",
            "-o",
            "-",
            str(tmp_path / "es.po"),
            str(tmp_path / "a.pot"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    gnu = read_po(merged.stdout.encode()).by_key()[(None, "Peru is in crisis.")]
    ours = update_catalog(edited, po)[0].by_key()[(None, "Peru is in crisis.")]
    for m in (gnu, ours):
        assert m.fuzzy and m.msgstr == "Perú en crisis."
        assert provenance(m) is not None and machine_made(m), m
    assert eligible(ours, refresh=True), "a carried-over draft may be redone with --refresh"


def test_memory_exact_and_fuzzy_with_similarity(tmp_path: Path) -> None:
    tmx = tmp_path / "tm.tmx"
    tmx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="block" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="en-GB"><seg>The general strike began.</seg></tuv>
    <tuv xml:lang="es-PE"><seg>Empezó la huelga general.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Only English.</seg></tuv></tu>
</body></tmx>""",
        encoding="utf-8",
    )
    pairs = read_tmx(tmx, "en", "es")
    assert pairs == [Pair("The general strike began.", "Empezó la huelga general.", "tm.tmx")]
    engine = MemoryEngine([*pairs, Pair("Hello.", "Hola.", "site.po")], cutoff=80)
    out = dict(engine.translate_many(["Hello.", "The general strike began!", "Unrelated."]))
    assert out[0] == Translation("Hola.", "memory", "100% (site.po)")
    assert out[1] == Translation("Empezó la huelga general.", "memory", "96% (tm.tmx)")
    assert isinstance(out[2], Failure)


def test_prefill_es_offline_with_memory_then_apertium(project: Path) -> None:
    settings_ = prepare(project)
    site = project / "locale" / "es" / "LC_MESSAGES" / "other.po"
    site.write_text(
        write_po(
            _catalog(
                Message("A heading", msgstr="Un encabezado"),
                Message("The first paragraph.", msgstr="NO: sin revisar", flags=("fuzzy",)),
            )
        ),
        encoding="utf-8",
    )
    ticks: list[tuple[int, int]] = []
    report = prefill_language(settings_, "es", progress=lambda d, t: ticks.append((d, t)))
    assert report.chain == ("memory", "apertium")
    assert report.filled == {"memory": 1, "apertium": 4} and report.total_failed == 0
    assert ticks[-1] == (5, 5)
    po = project / "locale" / "es" / "LC_MESSAGES" / "small.po"
    assert msgfmt_check(po).returncode == 0
    by_id = read_po(po.read_bytes()).by_key()
    heading = by_id[(None, "A heading")]
    assert heading.msgstr == "Un encabezado" and heading.fuzzy
    assert "pliego-mt: memory 100% (other.po) [" in heading.translator_comments[0]
    para = by_id[(None, "The first paragraph, with *emphasis* and a [link](https://example.org/).")]
    assert "*" in para.msgstr and "](https://example.org/)" in para.msgstr, para.msgstr
    assert para.msgstr != "NO: sin revisar", "fuzzy entries are not a memory"
    again = prefill_language(settings_, "es")
    assert again.total_filled == 0 and again.untouched == 5 and again.requests == 0


def test_weblate_reads_the_provenance_through_translate_toolkit(tmp_path: Path) -> None:
    from translate.storage import po as ttk_po

    catalog, _ = apply_fills(
        _catalog(Message("Hello.")), {(None, "Hello."): Translation("Hola.", "google")}
    )
    path = tmp_path / "es.po"
    path.write_text(write_po(catalog), encoding="utf-8")
    unit = ttk_po.pofile.parsefile(str(path)).units[1]
    assert unit.isfuzzy() and unit.target == "Hola."
    assert unit.getnotes("translator").startswith("pliego-mt: google [")


_STATES = ["empty", "human", "human-fuzzy", "draft", "edited-draft", "accepted-draft"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_STATES),
            st.sampled_from(
                [
                    "The strike *began*.",
                    "See [the site](https://x.org/).",
                    "Workers march",
                    "`code`",
                    "Peru.",
                    "A very long road",
                    "The general strike",
                    "Lima and Cusco",
                ]
            ),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[1],
    ),
    st.booleans(),
)
def test_property_end_to_end_prefill(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str]], refresh: bool
) -> None:
    """The whole task path (memory + Google over loopback HTTP) on random catalogues."""
    root = tmp_path_factory.mktemp("proj")
    (root / "source").mkdir()
    (root / "source" / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.pliego]\nlanguages = ["qu"]\n[tool.pliego.prefill]\nretries = 0\n', encoding="utf-8"
    )
    messages = []
    for state, msgid in entries:
        m = Message(msgid, locations=(("source/a.md", 5),))
        if state == "human":
            m = replace(m, msgstr="runasimi")
        elif state == "human-fuzzy":
            m = replace(m, msgstr="runasimi", flags=("fuzzy",))
        elif state.endswith("draft"):
            m = fill(m, Translation("ñawpa", "google"))
            if state == "edited-draft":
                m = replace(m, msgstr="ñawpa musuq")
            elif state == "accepted-draft":
                m = m.with_flag("fuzzy", False)
        messages.append(m)
    before = _catalog(*messages)
    path = root / "locale" / "qu" / "LC_MESSAGES" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text(write_po(before), encoding="utf-8")
    with serving("google") as server:
        report = prefill_language(
            read_settings(root), "qu", refresh=refresh, env={"PLIEGO_GOOGLE_URL": server.url}
        )
    after = read_po(path.read_bytes())
    assert msgfmt_check(path).returncode == 0
    written = 0
    for old, new in zip(before.messages, after.messages, strict=True):
        if old.msgstr and not (refresh and machine_made(old)):
            assert new == old
        if new != old:
            written += 1
            copy = nothing_to_translate(old.msgid, (), "qu")
            if copy is not None:  # nothing to translate: the English, not fuzzy
                assert (new.msgstr, new.fuzzy, copied(new)) == (copy, False, True)
                continue
            assert new.fuzzy and machine_made(new) and provenance(new) is not None
            assert "{" not in new.msgstr, "no placeholder left behind"
    assert written == report.total_filled + report.copied


def test_tmx_from_the_settings_feeds_the_memory(project: Path) -> None:
    (project / "tm.tmx").write_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>A heading</seg></tuv>'
        '<tuv xml:lang="qu"><seg>Uma siq\'i</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with (project / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write('[tool.pliego.prefill]\ntmx = "tm.tmx"\n')
    settings_ = prepare(project)
    report = prefill_language(settings_, "qu", engines=["memory"])
    assert report.filled == {"memory": 1}
    assert report.failed == {("memory", "no match of 80% or more"): 4}
    entry = read_po((project / "locale/qu/LC_MESSAGES/small.po").read_bytes()).by_key()[
        (None, "A heading")
    ]
    assert entry.msgstr == "Uma siq'i" and entry.fuzzy
    assert entry.translator_comments == (
        f"pliego-mt: memory 100% (tm.tmx) [{fingerprint(entry.msgstr)}]",
    )


def test_a_damaged_cache_is_started_afresh_with_a_note(tmp_path: Path) -> None:
    from pliego.prefill.cache import Cache

    path = tmp_path / ".pliego-cache" / "mt.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"not a database, a file copied over the cache\n" * 20)
    cache = Cache(path)
    try:
        assert cache.note is not None and "started afresh" in cache.note
        cache.put("apertium", "en", "es", "house", "casa")
        assert cache.get("apertium", "en", "es", "house") == "casa"
    finally:
        cache.close()
    again = Cache(path)
    try:
        assert again.note is None and again.get("apertium", "en", "es", "house") == "casa"
    finally:
        again.close()
