"""A catalogue keeps the line ends its translator's editor gave it, byte for byte.

Each test runs the same work on two copies of one project, one whose file was
converted to CRLF (as Notepad or a ``core.autocrlf`` checkout leave it): the
CRLF copy must come out as the LF copy's bytes with CRLF line ends, so git
shows only the entries that really changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pliego.extract import extract_all
from pliego.files import CRLF, LF, line_ends, with_line_ends
from pliego.gettext.po import read_po
from pliego.paths import articles
from pliego.prefill.run import prefill_language
from pliego.project import read_settings
from pliego.update import update_domain
from tests.conftest import SMALL_ARTICLE, msgfmt_check


def _project(root: Path) -> Path:
    (root / "source").mkdir(parents=True)
    (root / "source" / "small.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["es", "qu"]\n')
    settings = read_settings(root)
    extract_all(settings, articles(settings))
    update_domain(settings, "es", "small")
    return root


def _twins(tmp_path: Path, rel: str) -> tuple[Path, Path]:
    """Two identical projects; in the second, ``rel`` is converted to CRLF."""
    lf = _project(tmp_path / "lf")
    crlf = tmp_path / "crlf"
    shutil.copytree(lf, crlf)
    path = crlf / rel
    path.write_bytes(path.read_bytes().replace(LF, CRLF))
    return lf, crlf


ES = "locale/es/LC_MESSAGES/small.po"


def _edit_article(*roots: Path) -> None:
    for root in roots:
        src = root / "source" / "small.md"
        src.write_text(
            src.read_text(encoding="utf-8").replace("## A heading", "## A new heading")
            + "\nA paragraph added later.\n",
            encoding="utf-8",
        )
        settings = read_settings(root)
        extract_all(settings, articles(settings))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", LF),
        (b"one line, no end", LF),
        (b"a\nb\n", LF),
        (b"a\r\nb\r\n", CRLF),
        (b"a\r\nb\r\nc\n", CRLF),  # mostly CRLF: a line a tool added keeps the file's kind
        (b"a\r\nb\nc\n", LF),
    ],
)
def test_line_ends_is_what_most_lines_use(data: bytes, expected: bytes) -> None:
    assert line_ends(data) == expected
    assert with_line_ends(b"x\ny\n", expected) == (b"x\r\ny\r\n" if expected == CRLF else b"x\ny\n")


def test_an_update_with_nothing_new_leaves_a_crlf_catalogue_alone(tmp_path: Path) -> None:
    _, crlf = _twins(tmp_path, ES)
    before = (crlf / ES).read_bytes()
    r = update_domain(read_settings(crlf), "es", "small")
    assert not r.written and (crlf / ES).read_bytes() == before


def test_update_keeps_crlf_byte_for_byte(tmp_path: Path) -> None:
    lf, crlf = _twins(tmp_path, ES)
    _edit_article(lf, crlf)
    for root in (lf, crlf):
        r = update_domain(read_settings(root), "es", "small")
        assert r.written and r.stats.new == 2
    expected = (lf / ES).read_bytes()
    assert b"A new heading" in expected and CRLF not in expected
    assert (crlf / ES).read_bytes() == expected.replace(LF, CRLF)
    assert msgfmt_check(crlf / ES).returncode == 0
    assert read_po((crlf / ES).read_bytes()) == read_po(expected)


def test_prefill_keeps_crlf_byte_for_byte(tmp_path: Path) -> None:
    lf, crlf = _twins(tmp_path, ES)
    reports = [
        prefill_language(read_settings(root), "es", engines=("apertium",)) for root in (lf, crlf)
    ]
    assert reports[0].total_filled == reports[1].total_filled > 0
    expected = (lf / ES).read_bytes()
    assert b"pliego-mt: apertium" in expected and CRLF not in expected
    assert (crlf / ES).read_bytes() == expected.replace(LF, CRLF)


def test_extract_keeps_a_crlf_template_crlf(tmp_path: Path) -> None:
    lf, crlf = _twins(tmp_path, "locale/small.pot")
    _edit_article(lf, crlf)
    expected = (lf / "locale" / "small.pot").read_bytes()
    assert b"A new heading" in expected
    assert (crlf / "locale" / "small.pot").read_bytes() == expected.replace(LF, CRLF)


def test_a_new_catalogue_takes_its_templates_line_ends(tmp_path: Path) -> None:
    _, crlf = _twins(tmp_path, "locale/small.pot")
    r = update_domain(read_settings(crlf), "qu", "small")
    data = r.path.read_bytes()
    assert r.created and line_ends(data) == CRLF and data.count(LF) == data.count(CRLF)
