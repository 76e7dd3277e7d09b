"""``paper``: A5 on A4 or half-letter on US Letter, in every edition's PDF boxes."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from pliego.errors import ConfigError
from pliego.pamphlet.build import build_language
from pliego.pamphlet.config import build_config
from pliego.pamphlet.paper import A5, HALF_LETTER, MM
from pliego.project import read_settings
from tests.buildkit import make_project
from tests.conftest import SMALL_ARTICLE, Runner

BLEED = 3 * MM
SLUG = 10 * MM  # the crop marks' slug around the bleed


def _set_paper(root: Path, value: str) -> None:
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("[tool.pliego.build]\n", f"[tool.pliego.build]\npaper = {value}\n"),
        encoding="utf-8",
    )


def _size(box: pikepdf.Array) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in box)
    return (abs(x2 - x1), abs(y2 - y1))


def _inset(outer: pikepdf.Array, inner: pikepdf.Array) -> float:
    """How far ``inner`` lies inside ``outer`` on every side (the same on all four)."""
    o, i = [float(v) for v in outer], [float(v) for v in inner]
    gaps = {
        round(i[0] - o[0], 2),
        round(i[1] - o[1], 2),
        round(o[2] - i[2], 2),
        round(o[3] - i[3], 2),
    }
    assert len(gaps) == 1, f"{list(inner)} is not centred in {list(outer)}"
    return gaps.pop()


@pytest.fixture(scope="module", params=["a5", "half-letter"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    root = make_project(tmp_path_factory.mktemp(request.param), text=SMALL_ARTICLE)
    _set_paper(root, f'"{request.param}"')
    build_language(read_settings(root), "en")
    return request.param, root / "build" / "en"


def test_every_page_of_every_edition_has_the_papers_boxes(built: tuple[str, Path]) -> None:
    name, folder = built
    paper = A5 if name == "a5" else HALF_LETTER
    page_w, page_h = paper.page
    sheet = "a4" if name == "a5" else "letter"
    with pikepdf.open(folder / "small.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                assert _size(page.obj.get(box, page.MediaBox)) == pytest.approx(
                    (page_w, page_h), abs=0.05
                ), box
    with pikepdf.open(folder / f"small-booklet-{sheet}.pdf") as pdf:
        for page in pdf.pages:
            assert _size(page.MediaBox) == pytest.approx(paper.sheet, abs=0.05)
            assert _size(page.obj.get("/TrimBox", page.MediaBox)) == pytest.approx(
                paper.sheet, abs=0.05
            )
    with pikepdf.open(folder / "small-print.pdf") as pdf:
        for page in pdf.pages:
            assert _size(page.TrimBox) == pytest.approx((page_w, page_h), abs=0.05)
            assert _inset(page.BleedBox, page.TrimBox) == pytest.approx(BLEED, abs=0.02)
            assert _inset(page.MediaBox, page.BleedBox) == pytest.approx(SLUG, abs=0.02)


def test_the_other_papers_booklet_is_not_made_and_the_sidecar_names_the_paper(
    built: tuple[str, Path],
) -> None:
    name, folder = built
    other = "letter" if name == "a5" else "a4"
    assert not (folder / f"small-booklet-{other}.pdf").exists()
    sidecar = (folder / "small.json").read_text(encoding="utf-8")
    papers = re.findall(r'"paper": "([^"]+)"', sidecar)
    expected = (
        ["A5", "A4", "A5+bleed"] if name == "a5" else ["half-letter", "letter", "half-letter+bleed"]
    )
    assert papers == expected


def test_crop_marks_sit_at_the_trim_edges_of_either_paper(built: tuple[str, Path]) -> None:
    """The marks continue the trim edges: their x and y are the TrimBox's."""
    _, folder = built
    with pikepdf.open(folder / "small-print.pdf") as pdf:
        page = pdf.pages[0]
        trim = [float(v) for v in page.TrimBox]
        marks = pikepdf.unparse_content_stream(
            [op for op in pikepdf.parse_content_stream(page) if str(op.operator) in ("m", "l")]
        ).decode()
    coords = {round(float(v), 2) for v in re.findall(r"-?[\d.]+", marks)}
    for edge in trim:
        assert round(edge, 2) in coords


def test_an_unknown_paper_is_a_settings_error_naming_its_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE)
    _set_paper(root, '"letter"')
    line = next(
        n
        for n, text in enumerate((root / "pyproject.toml").read_text().splitlines(), start=1)
        if text.startswith("paper =")
    )
    with pytest.raises(ConfigError) as caught:
        build_config(read_settings(root))
    message = str(caught.value)
    assert message.startswith(f"{root / 'pyproject.toml'}:{line}: paper must be one of")
    assert "'a5', 'half-letter', not 'letter'" in message
    path = root / "pyproject.toml"
    path.write_text(path.read_text().replace('paper = "letter"', "paper = 5"))
    with pytest.raises(ConfigError, match="not 5"):
        build_config(read_settings(root))


def test_the_build_task_says_it_in_one_line(tmp_path: Path, invoke: Runner) -> None:
    root = make_project(tmp_path / "p", text=SMALL_ARTICLE)
    _set_paper(root, '"A4"')
    r = invoke(root, "build", "--lang", "en")
    assert r.returncode != 0
    errors = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, r.stderr
    assert re.search(r"pyproject\.toml:\d+: paper must be one of 'a5', 'half-letter'", errors[0])
