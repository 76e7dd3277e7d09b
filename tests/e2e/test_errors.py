"""Errors as a product: a corpus of broken inputs, one case per row.

Every case starts from a fresh copy of a small project on which ``invoke
extract`` and ``invoke update`` have run (``locale/small.pot`` and
``locale/{es,qu}/LC_MESSAGES/small.po`` exist), applies its ``setup``, runs
one task as a user would and requires:

* a non-zero exit status and no traceback;
* the expected fragment (file, line and what is wrong; ``<N>`` stands for any
  line number) in the output, and on
  stderr exactly one line (``check`` reports its findings on stdout and ends
  with one line on stderr);
* every file of the project byte-identical to what it was before the run.

To add a case, append a :class:`Case` to :data:`CASES` (for instance for
``prefill`` or ``build``): ``Case("prefill-unknown-engine", "prefill --lang es",
"unknown engine", pyproject('[tool.pliego.prefill]\\nes = ["nope"]'))``.
A setup may return a context manager that is held while the task runs (see
:func:`hold_lock`).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pliego.files import catalog_lock
from tests.conftest import SMALL_ARTICLE, _env

Setup = Callable[[Path], Any]
ES = "locale/es/LC_MESSAGES/small.po"
QU = "locale/qu/LC_MESSAGES/small.po"
ARTICLE = "source/small.md"
PYPROJECT = '[tool.pliego]\nlanguages = ["es", "qu"]\n'


# --------------------------------------------------------------------------- setup steps


def write(rel: str, text: str | bytes) -> Setup:
    def step(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        path.write_bytes(data)

    return step


def append(rel: str, text: str | bytes) -> Setup:
    def step(root: Path) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with (root / rel).open("ab") as handle:
            handle.write(data)

    return step


def replace(rel: str, old: str, new: str) -> Setup:
    def step(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return step


def remove(rel: str) -> Setup:
    def step(root: Path) -> None:
        path = root / rel
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    return step


def pyproject(extra: str) -> Setup:
    return write("pyproject.toml", PYPROJECT + extra)


def symlink(rel: str, target: str) -> Setup:
    return lambda root: (root / rel).symlink_to(target)


def folder(rel: str) -> Setup:
    return lambda root: (root / rel).mkdir(parents=True)


def steps(*parts: Setup) -> Setup:
    def step(root: Path) -> Any:
        held = [part(root) for part in parts]
        return next((h for h in held if h is not None), None)

    return step


def hold_lock(rel: str) -> Setup:
    """Hold the catalogue lock (as a concurrent task would) while the case runs."""

    def step(root: Path) -> contextlib.AbstractContextManager[None]:
        return catalog_lock(root / rel, timeout=5)

    return step


# --------------------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    id: str
    command: str
    expect: str
    setup: Setup = lambda root: None
    env: dict[str, str] = field(default_factory=dict)


PO_ENTRY = '\nmsgid "An extra entry"\nmsgstr "Una entrada más"\n'

CASES = [
    # pyproject.toml and options
    Case(
        "toml-syntax",
        "status",
        "pyproject.toml:1: not valid TOML",
        write("pyproject.toml", "[tool.pliego\n"),
    ),
    Case(
        "toml-not-utf8",
        "status",
        "pyproject.toml: the file is not valid UTF-8",
        write("pyproject.toml", b"[tool.pliego]\n# \xff\n"),
    ),
    Case(
        "toml-pliego-not-table",
        "status",
        "[tool.pliego] must be a table",
        write("pyproject.toml", "[tool]\npliego = 5\n"),
    ),
    Case(
        "toml-unknown-language",
        "update",
        "pyproject.toml: unknown language code 'xx'",
        write("pyproject.toml", '[tool.pliego]\nlanguages = ["es", "xx"]\n'),
    ),
    Case(
        "toml-languages-not-list",
        "status",
        "'languages' must be a list",
        write("pyproject.toml", '[tool.pliego]\nlanguages = "es"\n'),
    ),
    Case(
        "toml-languages-empty",
        "status",
        "'languages' is empty",
        write("pyproject.toml", "[tool.pliego]\nlanguages = []\n"),
    ),
    Case(
        "toml-segmentation",
        "extract",
        "'segmentation' must be one of block, sentence",
        pyproject('segmentation = "paragraph"\n'),
    ),
    Case(
        "toml-source-dir-type",
        "extract",
        "'source-dir' must be a folder name",
        pyproject("source-dir = 5\n"),
    ),
    Case(
        "toml-check-warnings-fail",
        "check",
        "'warnings-fail' in [tool.pliego.check]",
        pyproject('[tool.pliego.check]\nwarnings-fail = "yes"\n'),
    ),
    Case(
        "toml-check-unknown-check",
        "check",
        "unknown check 'spelling'",
        pyproject('[tool.pliego.check]\ndisable = ["spelling"]\n'),
    ),
    Case("lang-unknown", "update --lang xx", "unknown language code 'xx'"),
    Case(
        "toml-build-dir-is-locale",
        "build --lang en",
        "'build-dir' and 'locale-dir' must be separate folders",
        write("pyproject.toml", '[tool.pliego]\nlanguages = ["es", "qu"]\nbuild-dir = "locale"\n'),
    ),
    *(
        Case(
            f"build-dir-{name.replace('/', '-').replace('.', 'dot')}",
            command,
            message,
            write(
                "pyproject.toml", f'[tool.pliego]\nlanguages = ["es", "qu"]\nbuild-dir = "{name}"\n'
            ),
        )
        for name, command, message in (
            ("styles", "publish", "'build-dir' cannot be, hold or sit inside the styles/ folder"),
            ("styles/site", "publish", "cannot be, hold or sit inside the styles/ folder"),
            ("src/out", "build --lang en", "cannot be, hold or sit inside the src/ folder"),
            ("tests", "build --lang en", "cannot be, hold or sit inside the tests/ folder"),
            (".", "publish", "'build-dir' cannot be the project folder or hold it"),
            ("..", "build --lang en", "'build-dir' cannot be the project folder or hold it"),
        )
    ),
    # links leading out of the project, or to nothing (never followed, never quoted)
    Case(
        "link-catalogue-outside",
        "status",
        "small.po: this is a link to a file outside the project",
        steps(remove(ES), symlink(ES, "/etc/passwd")),
    ),
    Case(
        "link-catalogue-outside-build",
        "build --lang es --draft",
        "small.po: this is a link to a file outside the project",
        steps(remove(ES), symlink(ES, "/etc/passwd")),
    ),
    Case(
        "link-catalogue-dangling",
        "build --lang es --draft",
        "small.po: the catalogue does not exist (it is a link to nothing)",
        steps(remove(ES), symlink(ES, "gone.po")),
    ),
    Case(
        "link-article-outside",
        "extract",
        "source/small.md: this is a link to a file outside the project",
        steps(remove(ARTICLE), symlink(ARTICLE, "/etc/passwd")),
    ),
    Case(
        "link-source-folder-outside",
        "extract",
        "source: this is a link to a file outside the project",
        steps(remove("source"), symlink("source", "/etc")),
    ),
    Case(
        "link-language-folder-outside",
        "check",
        "locale/qu: this is a link to a file outside the project",
        steps(remove("locale/qu"), symlink("locale/qu", "/etc")),
    ),
    Case(
        "link-glossary-outside",
        "check",
        "locale/glossary.csv: this is a link to a file outside the project",
        symlink("locale/glossary.csv", "/etc/passwd"),
    ),
    Case(
        "link-style-outside",
        "build --lang en",
        "styles/pamphlet/extra.css: this is a link to a file outside the project",
        steps(folder("styles/pamphlet"), symlink("styles/pamphlet/extra.css", "/etc/passwd")),
    ),
    Case(
        "link-tmx-outside",
        "prefill --lang es --engine memory",
        "tm.tmx: this is a link to a file outside the project",
        steps(
            pyproject('[tool.pliego.prefill]\ntmx = "tm.tmx"\n'), symlink("tm.tmx", "/etc/passwd")
        ),
    ),
    Case(
        "po-utf8-labelled-latin1",
        "status",
        "small.po:<N>: the header declares charset=ISO-8859-1 but the text is UTF-8",
        write(
            ES,
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
            '"Language: es\\n"\n\nmsgid "A heading"\nmsgstr "Un título"\n',
        ),
    ),
    Case(
        "build-output-folder-is-a-file",
        "build --lang es --draft",
        "build/es: an output folder is in the way: this is not a folder",
        write("build/es", "not a folder"),
    ),
    Case(
        "build-catalogue-is-a-folder",
        "build --lang es --draft",
        "small.po",
        steps(remove(ES), folder(ES)),
    ),
    Case(
        "prefill-tmx-is-a-folder",
        "prefill --lang es --engine memory",
        "tm.tmx: cannot read the translation-memory file (Is a directory)",
        steps(pyproject('[tool.pliego.prefill]\ntmx = "tm.tmx"\n'), folder("tm.tmx")),
    ),
    Case(
        "prefill-cache-is-a-folder",
        "prefill --lang es --engine apertium",
        ".pliego-cache/mt.sqlite3: the machine-translation cache is not a file",
        folder(".pliego-cache/mt.sqlite3"),
    ),
    Case(
        "pyproject-unknown-key",
        "status",
        "pyproject.toml: unknown key 'languagess' in [tool.pliego]",
        write("pyproject.toml", '[tool.pliego]\nlanguagess = ["es", "qu"]\n'),
    ),
    Case(
        "pyproject-unknown-build-key",
        "build --lang en",
        "unknown key 'threshold' in [tool.pliego.build]",
        pyproject("[tool.pliego.build]\nthreshold = 90\n"),
    ),
    Case(
        "source-date-epoch-extract",
        "extract",
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not 'yesterday'",
        env={"SOURCE_DATE_EPOCH": "yesterday"},
    ),
    Case(
        "source-date-epoch-build",
        "build --lang en",
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '-5'",
        env={"SOURCE_DATE_EPOCH": "-5"},
    ),
    Case("lang-source-update", "update --lang en", "'en' is the language of the articles"),
    Case("lang-source-check", "check --lang en", "'en' is the language of the articles"),
    Case("lang-not-configured", "status --lang fr", "not one of the project's languages"),
    Case("lang-empty", "check --lang ,", "names no language"),
    Case(
        "lock-timeout-not-number",
        "update",
        "PLIEGO_LOCK_TIMEOUT='soon' is not a number",
        env={"PLIEGO_LOCK_TIMEOUT": "soon"},
    ),
    # the English article and the templates
    Case(
        "source-folder-missing",
        "extract",
        "source: the source folder does not exist",
        remove("source"),
    ),
    Case("source-folder-empty", "update", "there are no articles (*.md)", remove(ARTICLE)),
    Case(
        "article-no-front-matter",
        "extract",
        "small.md:1: the article has no front matter",
        write(ARTICLE, "Just text.\n"),
    ),
    Case(
        "article-front-matter-yaml",
        "extract",
        "small.md:2: the front matter is not valid YAML",
        write(ARTICLE, "---\ntitle: [unclosed\n---\n\nText.\n"),
    ),
    Case(
        "article-front-matter-open-quote",
        "extract",
        "small.md:3: the front matter is not valid YAML",
        write(ARTICLE, '---\ntitle: "A"\nauthor: "Ana\ndate: 2023\nlang: en\n---\n\nText.\n'),
    ),
    Case(
        "article-front-matter-list",
        "extract",
        "the front matter must be 'key: value' lines",
        write(ARTICLE, "---\n- a\n- b\n---\n\nText.\n"),
    ),
    Case(
        "article-no-title",
        "extract",
        "small.md:1: the front matter has no 'title'",
        write(ARTICLE, '---\nauthor: "A"\n---\n\nText.\n'),
    ),
    Case(
        "article-author-not-text",
        "extract",
        "front matter field 'author' must be text",
        write(ARTICLE, '---\ntitle: "T"\nauthor: [1, 2]\n---\n\nText.\n'),
    ),
    Case(
        "article-impossible-date",
        "extract",
        "small.md:2: the front matter has an impossible",
        write(ARTICLE, '---\ntitle: "T"\ndate: 2023-02-30\n---\n\nText.\n'),
    ),
    Case(
        "article-not-utf8",
        "extract",
        "small.md:8: the article is not valid UTF-8 (byte 0xe9)",
        write(ARTICLE, SMALL_ARTICLE.encode("utf-8").replace(b"The first", b"The \xe9 first")),
    ),
    Case(
        "article-nul-byte",
        "extract",
        "small.md: the article contains a NUL byte",
        append(ARTICLE, "\x00\n"),
    ),
    Case(
        "article-is-folder",
        "extract",
        "other.md: this is a folder, not an article",
        lambda root: (root / "source" / "other.md").mkdir(),
    ),
    Case(
        "article-dangling-link",
        "extract",
        "other.md: the article does not exist",
        symlink("source/other.md", "/nonexistent/article.md"),
    ),
    Case(
        "article-bad-name",
        "extract",
        "the article name 'Bad_Name' cannot be a gettext",
        write("source/Bad_Name.md", SMALL_ARTICLE),
    ),
    Case(
        "template-syntax",
        "extract",
        "page.html:2: template syntax error",
        write("styles/pamphlet/page.html", '<p>{{ _("Page") }}</p>\n{% if %}\n'),
    ),
    Case(
        "template-not-utf8",
        "extract",
        "page.html: the template is not valid UTF-8",
        write("styles/pamphlet/page.html", b'<p>{{ _("P\xe1gina") }}</p>\n'),
    ),
    # catalogues
    Case(
        "po-duplicate-msgid",
        "update",
        "es/LC_MESSAGES/small.po:<N>: duplicate msgid",
        append(ES, PO_ENTRY * 2),
    ),
    Case(
        "po-not-utf8",
        "status",
        "small.po:<N>: the file is not valid UTF-8 (byte 0xe1)",
        append(ES, b'\nmsgid "x"\nmsgstr "m\xe1s"\n'),
    ),
    Case(
        "po-unknown-charset",
        "status",
        "unknown charset 'klingon'",
        replace(ES, "charset=UTF-8", "charset=klingon"),
    ),
    Case(
        "po-unterminated-string",
        "update",
        "small.po:<N>: a string must be enclosed in double",
        append(ES, '\nmsgid "x"\nmsgstr "unterminated\n'),
    ),
    Case(
        "po-bad-escape",
        "status",
        "small.po:<N>: unknown escape sequence \\q",
        append(ES, '\nmsgid "x"\nmsgstr "a\\q"\n'),
    ),
    Case(
        "po-missing-msgstr",
        "update",
        "small.po:<N>: an entry has a msgid but no msgstr",
        append(ES, '\nmsgid "x"\n'),
    ),
    Case(
        "po-unknown-keyword",
        "status",
        "small.po:<N>: unknown keyword 'msgtxt'",
        append(ES, '\nmsgtxt "x"\n'),
    ),
    Case(
        "po-msgid-swallowed-by-next",
        "update",
        "small.po:<N>: an entry has a msgid but no msgstr",
        append(ES, '\nmsgid "x"\n# a note\nmsgid "y"\nmsgstr ""\n'),
    ),
    Case(
        "po-crlf-unterminated-string",
        "status",
        "small.po:<N>: a string must be enclosed in double",
        append(ES, b'\r\nmsgid "x"\r\nmsgstr "unterminated\r\n'),
    ),
    Case(
        "po-plural-mismatch",
        "update",
        "small.po:<N>: this plural entry has 2 forms but the header says nplurals=3",
        append(ES, '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'),
    ),
    Case(
        "po-plural-header-broken",
        "status",
        "small.po:1: the Plural-Forms header 'nplurals=two;' is",
        replace(
            ES,
            'nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? "\n"1 : 2);',
            "nplurals=two;",
        ),
    ),
    Case(
        "build-plural-header-rejected-by-msgfmt",
        "build --lang es",
        "es/LC_MESSAGES/small.po:<N>: GNU msgfmt --check rejects the catalogue: nplurals = 1",
        replace(
            ES,
            'nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? "\n"1 : 2);',
            "nplurals=1; plural=(n != 1);",
        ),
    ),
    Case(
        "po-broken-header-line",
        "status",
        "broken header line",
        replace(ES, '"Language: es\\n"', '"Language es\\n"'),
    ),
    Case(
        "po-qu-broken-es-untouched",
        "update",
        "qu/LC_MESSAGES/small.po:<N>: unknown keyword",
        steps(
            replace(ARTICLE, "The second paragraph", "The 2nd paragraph"),
            append(QU, '\nmsgstx "x"\n'),
            write("locale/small.pot", b""),
        ),
    ),
    Case(
        "pot-broken",
        "update",
        "locale/small.pot:<N>: unknown keyword 'msgstx'",
        append("locale/small.pot", '\nmsgstx "x"\n'),
    ),
    Case(
        "po-is-folder",
        "status",
        "es/LC_MESSAGES/small.po: cannot read the catalogue",
        steps(remove(ES), lambda root: (root / ES).mkdir()),
    ),
    Case(
        "check-po-missing",
        "check",
        "the catalogue does not exist (run `invoke extract`",
        remove(QU),
    ),
    Case(
        "pot-missing",
        "update",
        "locale/small.pot: the catalogue does not exist",
        remove("locale/small.pot"),
    ),
    Case(
        "po-missing", "status", "qu/LC_MESSAGES/small.po: the catalogue does not exist", remove(QU)
    ),
    Case(
        "po-locked",
        "update --lang es",
        "another pliego task is still working on this file",
        hold_lock(ES),
        env={"PLIEGO_LOCK_TIMEOUT": "0.3"},
    ),
    Case(
        "po-folder-blocked",
        "update --lang es",
        "cannot write the file",
        steps(remove("locale/es"), write("locale/es", "not a folder\n")),
    ),
    Case(
        "check-broken-po",
        "check --lang es",
        "duplicate msgid (first at line <N>)",
        append(ES, PO_ENTRY * 2),
    ),
    Case(
        "check-glossary-header",
        "check",
        "glossary.csv:1: the glossary needs a header row",
        write("locale/glossary.csv", "term,es\nCGTP,CGTP\n"),
    ),
    Case(
        "check-glossary-flag",
        "check",
        "glossary.csv:2: do_not_translate must be 'yes'",
        write("locale/glossary.csv", "en,es,qu,do_not_translate,note\nCGTP,,,maybe,\n"),
    ),
    Case("check-no-msgfmt", "check", "GNU msgfmt is not installed", env={"PATH": "/nonexistent"}),
    # prefill (a network failure is not among them: prefill reports it per entry and
    # keeps going with the next engine; only a language that got nothing exits 1,
    # see docs/prefill.md and tests/e2e/test_prefill.py)
    Case("prefill-unknown-engine", "prefill --lang es --engine nope", "unknown engine 'nope'"),
    Case(
        "prefill-unknown-engine-setting",
        "prefill --lang es",
        "[tool.pliego.prefill] es: unknown engine 'nope'",
        pyproject('[tool.pliego.prefill]\nes = ["nope"]\n'),
    ),
    Case(
        "prefill-engine-wrong-language",
        "prefill --lang qu --engine apertium",
        "the apertium engine cannot translate into 'qu'",
    ),
    Case(
        "prefill-missing-apertium",
        "prefill --lang es --engine apertium",
        "Apertium is not installed",
        env={"PATH": "/nonexistent"},
    ),
    Case(
        "prefill-broken-po",
        "prefill --lang es --engine memory",
        "small.po:<N>: an entry has a msgid but no msgstr",
        append(ES, '\nmsgid "x"\n'),
    ),
]


# --------------------------------------------------------------------------- the runner


def _run(
    root: Path, command: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *command.split()],
        cwd=root,
        env={**_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


#: Caches are not the user's files: git ignores them and deleting them is
#: always safe (prefill opens its translation cache before it finds that an
#: engine is missing).
CACHES = ("__pycache__", ".pliego-cache")


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "<folder>"
        if p.is_dir()
        else "<link>"
        for p in sorted(root.rglob("*"))
        if not set(CACHES) & set(p.parts)
    }


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("errors") / "proj"
    (root / "source").mkdir(parents=True)
    shutil.copy(REPO / "tasks.py", root / "tasks.py")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / ARTICLE).write_text(SMALL_ARTICLE, encoding="utf-8")
    for command in ("extract", "update"):
        r = _run(root, command)
        assert r.returncode == 0, r.stderr
    return root


@contextlib.contextmanager
def _prepared(base: Path, tmp_path: Path, case: Case) -> Iterator[Path]:
    root = tmp_path / "proj"
    shutil.copytree(base, root, symlinks=True)
    held = case.setup(root)
    with held if isinstance(held, contextlib.AbstractContextManager) else contextlib.nullcontext():
        yield root


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 25
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.command.split()[0] for c in CASES} >= {
        "extract",
        "update",
        "status",
        "check",
        "prefill",
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_broken_input_gives_one_clear_line_and_changes_nothing(
    base: Path, tmp_path: Path, case: Case
) -> None:
    with _prepared(base, tmp_path, case) as root:
        before = _snapshot(root)
        r = _run(root, case.command, case.env)
        after = _snapshot(root)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "Traceback" not in out
    assert str(root) not in out, "files are named relative to the project"
    assert re.search(re.escape(case.expect).replace("<N>", r"\d+"), out), out
    assert r.stderr.startswith("error: ") and r.stderr.strip().count("\n") == 0, r.stderr
    assert after == before, "a failing task must leave every file as it was"


def test_debug_shows_the_traceback(base: Path, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "po-duplicate-msgid")
    with _prepared(base, tmp_path, case) as root:
        r = _run(root, "update --debug")
    assert r.returncode != 0
    assert "Traceback" in r.stderr and "CatalogError" in r.stderr


def test_concurrent_updates_are_serialised(base: Path, tmp_path: Path) -> None:
    """Three editors run `invoke update` at once after an edit of the English:
    all succeed, one of them writes, and the catalogue is whole and valid."""
    root = tmp_path / "proj"
    shutil.copytree(base, root, symlinks=True)
    replace(ARTICLE, "The second paragraph", "The 2nd paragraph")(root)
    assert _run(root, "extract").returncode == 0
    env = {**_env(), "PLIEGO_LOCK_TIMEOUT": "60"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "invoke", "update", "--lang", "es"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    states = sorted(out.split("(")[1].split(")")[0] for out, _ in outs)
    assert states == ["unchanged", "unchanged", "written"], outs
    po = root / ES
    r = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert po.read_text(encoding="utf-8").count('msgid "The 2nd paragraph') == 1
    assert not list(po.parent.glob(".*.tmp")), "no temporary file left behind"
