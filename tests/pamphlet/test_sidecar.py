"""The sidecar format: what the build writes, the site reads back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pliego.pamphlet.config import EDITIONS, output_name
from pliego.pamphlet.paper import PAPERS
from pliego.pamphlet.sidecar import (
    EditionEntry,
    Sidecar,
    SidecarError,
    parse_sidecar,
    read_sidecar,
    sidecar_json,
)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=100, deadline=None)
@given(
    title=text.filter(str.strip),
    author=text,
    translator=text,
    draft=st.booleans(),
    kinds=st.lists(st.sampled_from(list(EDITIONS)), min_size=1, unique=True),
    paper=st.sampled_from(list(PAPERS)),
    date=st.sampled_from(["", "2023", "2023-02", "2023-02-09"]),
)
def test_what_the_build_writes_reads_back_equal(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    author: str,
    translator: str,
    draft: bool,
    kinds: list[str],
    paper: str,
    date: str,
) -> None:
    folder = tmp_path_factory.mktemp("build") / "es"
    folder.mkdir()
    path = folder / output_name("peru", "sidecar", draft)
    on = PAPERS[paper]
    editions = tuple(
        EditionEntry(k, output_name("peru", k, draft, on), 3, on.label(k))
        for k in EDITIONS
        if k in kinds
    )
    record = Sidecar(path, "peru", "es", title, author, date, translator, draft, editions)
    path.write_bytes(sidecar_json(record))
    assert read_sidecar(path) == record


def test_the_file_is_stable_json_with_nulls_for_missing_credits(tmp_path: Path) -> None:
    path = tmp_path / "es" / "peru.json"
    record = Sidecar(
        path,
        "peru",
        "es",
        "Título",
        "",
        "",
        "",
        False,
        (EditionEntry("reading", "peru.pdf", 2, "A5"),),
    )
    data = json.loads(sidecar_json(record))
    assert list(data) == [
        "slug", "lang", "title", "subtitle", "author", "date", "translator", "description",
        "draft", "editions", "markdown", "english",
    ]  # fmt: skip
    assert data["author"] is None and data["date"] is None and data["translator"] is None
    assert data["subtitle"] is None and data["description"] is None
    assert data["markdown"] is None and data["english"] == []
    assert sidecar_json(record) == sidecar_json(record)


def test_a_draft_sidecar_under_a_release_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "es" / "peru.json"
    path.parent.mkdir()
    record = Sidecar(
        path,
        "peru",
        "es",
        "T",
        "",
        "",
        "",
        True,
        (EditionEntry("reading", "peru-draft.pdf", 2, "A5"),),
    )
    path.write_bytes(sidecar_json(record))
    with pytest.raises(SidecarError, match=r"must be es/peru-draft\.json"):
        read_sidecar(path)


def test_subtitle_and_description_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "es" / "peru.json"
    path.parent.mkdir()
    record = Sidecar(
        path,
        "peru",
        "es",
        "Título",
        "Ana",
        "2024-03-15",
        "",
        False,
        (EditionEntry("reading", "peru.pdf", 2, "A5"),),
        subtitle='Por qué "paramos" <hoy>',
        description="Un volante: qué pedimos\ny cómo ayudar.",
    )
    path.write_bytes(sidecar_json(record))
    assert read_sidecar(path) == record
    data = json.loads(path.read_bytes())
    assert (data["subtitle"], data["description"]) == (record.subtitle, record.description)


def test_the_markdown_it_names_is_its_own_and_english_units_are_numbers(tmp_path: Path) -> None:
    path = tmp_path / "es" / "peru.json"
    base = {
        "slug": "peru",
        "lang": "es",
        "title": "T",
        "draft": False,
        "editions": [{"kind": "reading", "file": "peru.pdf", "pages": 1, "paper": "A5"}],
    }
    good = parse_sidecar({**base, "markdown": "peru.md", "english": [3, 5]}, path)
    assert good.markdown == "peru.md" and good.english == (3, 5)
    for field, value in [
        ("markdown", "../source/peru.md"),
        ("markdown", "other.md"),
        ("english", ["3"]),
        ("english", [True]),
    ]:
        with pytest.raises(SidecarError, match=field):
            parse_sidecar({**base, field: value}, path)
