"""``invoke update`` says in the ``# pliego-mt:`` comment when a person took a draft over."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pliego.gettext.catalog import Catalog, Message
from pliego.gettext.po import load_catalog, save_catalog
from pliego.gettext.provenance import (
    fingerprint,
    machine_made,
    mark_review,
    mark_reviews,
    provenance,
    review_of,
)
from pliego.prefill.engine import Translation
from pliego.prefill.rules import eligible, fill
from pliego.project import read_settings
from pliego.update import update_domain
from tests.conftest import PO_HEADER, SMALL_ARTICLE

DRAFT = fill(
    Message("Peru in crisis.", locations=(("source/a.md", 1),), translator_comments=("ask Ana",)),
    Translation("Perú en crisis.", "apertium", "glossary: Perú"),
)


def test_an_unreviewed_draft_keeps_its_mark() -> None:
    assert machine_made(DRAFT) and review_of(DRAFT) is None
    assert mark_review(DRAFT) is DRAFT


def test_clearing_fuzzy_on_the_engines_text_is_a_review() -> None:
    accepted = DRAFT.with_flag("fuzzy", False)
    assert review_of(accepted) == "reviewed"
    marked = mark_review(accepted)
    assert marked.translator_comments == ("ask Ana", "pliego-mt: apertium, reviewed")
    assert marked.msgstr == accepted.msgstr and not marked.fuzzy
    assert provenance(marked) is None and not eligible(marked, refresh=True)


@pytest.mark.parametrize("fuzzy", [True, False])
def test_changing_the_engines_text_is_an_edit_fuzzy_or_not(fuzzy: bool) -> None:
    edited = replace(DRAFT, msgstr="El Perú, en crisis.").with_flag("fuzzy", fuzzy)
    assert review_of(edited) == "edited"
    marked = mark_review(edited)
    assert marked.translator_comments[-1] == "pliego-mt: apertium, edited"
    assert marked.fuzzy == fuzzy and marked.msgstr == "El Perú, en crisis."


def test_an_emptied_draft_and_human_work_are_left_as_they_are() -> None:
    emptied = replace(DRAFT, msgstr="")
    human = Message("Peru in crisis.", msgstr="Perú en crisis.", translator_comments=("mine",))
    obsolete = replace(DRAFT.with_flag("fuzzy", False), obsolete=True)
    for m in (emptied, human, obsolete):
        assert review_of(m) is None and mark_review(m) is m


@given(
    st.text(min_size=1, max_size=30),
    st.sampled_from(["apertium", "memory", "google", "deep-l.x"]),
    st.booleans(),
    st.one_of(st.none(), st.text(min_size=1, max_size=30)),
)
def test_property_a_mark_is_updated_exactly_when_a_person_acted(
    text: str, engine: str, fuzzy: bool, edit: str | None
) -> None:
    draft = fill(Message("Source."), Translation(text, engine))
    entry = replace(draft, msgstr=edit if edit is not None else draft.msgstr)
    entry = entry.with_flag("fuzzy", fuzzy)
    marked = mark_review(entry)
    acted = entry.msgstr != text or not fuzzy
    assert (marked != entry) == acted
    if acted:
        how = "edited" if fingerprint(entry.msgstr) != fingerprint(text) else "reviewed"
        assert marked.translator_comments == (f"pliego-mt: {engine}, {how}",)
        assert not machine_made(marked) and mark_review(marked) is marked
    else:
        assert machine_made(marked)


def test_mark_reviews_counts_what_it_changed() -> None:
    catalog = Catalog(
        header=PO_HEADER,
        messages=(DRAFT, replace(DRAFT.with_flag("fuzzy", False), msgid="Other.")),
    )
    marked, n = mark_reviews(catalog)
    assert n == 1 and marked.messages[0] is DRAFT
    assert marked.messages[1].translator_comments[-1] == "pliego-mt: apertium, reviewed"
    assert mark_reviews(marked) == (marked, 0)


def _project(root: Path) -> Path:
    from pliego.extract import extract_all
    from pliego.paths import articles

    (root / "source").mkdir(parents=True)
    (root / "source" / "small.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es"]\n')
    settings = read_settings(root)
    extract_all(settings, articles(settings))
    update_domain(settings, "es", "small")
    return root


def test_update_marks_the_reviewed_draft_before_the_english_changes(tmp_path: Path) -> None:
    """A reviewed draft whose English then changes is fuzzy again, but stays
    the reviewer's: the mark is read before the merge, and --refresh stays off it."""
    root = _project(tmp_path / "proj")
    po = root / "locale" / "es" / "LC_MESSAGES" / "small.po"
    catalog = load_catalog(po)
    heading, second = (
        m
        for m in catalog.messages
        if m.msgid in ("A heading", "The second paragraph has 10,000 words in it.")
    )
    drafts = {
        heading.key: fill(heading, Translation("Un encabezado", "apertium")).with_flag(
            "fuzzy", False
        ),
        second.key: fill(second, Translation("El segundo párrafo.", "google")),
    }
    save_catalog(
        po, replace(catalog, messages=tuple(drafts.get(m.key, m) for m in catalog.messages))
    )
    src = root / "source" / "small.md"
    src.write_text(src.read_text().replace("## A heading", "## A headline"), encoding="utf-8")
    from pliego.extract import extract_all
    from pliego.paths import articles

    settings = read_settings(root)
    extract_all(settings, articles(settings))
    r = update_domain(settings, "es", "small")
    assert r.written and r.reviewed == 1
    by_id = load_catalog(po).by_key()
    moved = by_id[(None, "A headline")]
    assert moved.fuzzy and moved.previous_msgid == "A heading" and moved.msgstr == "Un encabezado"
    assert "pliego-mt: apertium, reviewed" in moved.translator_comments
    assert not eligible(moved, refresh=True)
    untouched = by_id[(None, "The second paragraph has 10,000 words in it.")]
    assert machine_made(untouched), "a draft nobody reviewed keeps its mark"
    again = update_domain(settings, "es", "small")
    assert not again.written and again.reviewed == 0
