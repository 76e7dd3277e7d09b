"""``invoke prefill`` as a user runs it, engines pointed at loopback servers."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pliego.gettext.po import read_po
from pliego.gettext.writer import write_po
from pliego.prefill.rules import machine_made
from tests.conftest import Runner, _env, msgfmt_check
from tests.mtservers import serving

FAST = "\n[tool.pliego.prefill]\nretries = 1\nbackoff = 0.01\ntimeout = 2\n"


def _prepare(project: Path, invoke: Runner, extra: str = FAST) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write(extra)
    for args in (("extract",), ("update",)):
        r = invoke(project, *args)
        assert r.returncode == 0, r.stderr


def _po(project: Path, lang: str, domain: str = "small") -> Path:
    return project / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"


def test_prefill_qu_through_google_then_cache(project: Path, invoke: Runner) -> None:
    _prepare(project, invoke)
    with serving("google") as server:
        env = {"PLIEGO_GOOGLE_URL": server.url}
        r = invoke(project, "prefill", "--lang", "qu", env=env)
        assert r.returncode == 0, r.stderr
        assert "qu (memory,google): 5 filled (5 by google)" in r.stdout, r.stdout
        assert server.count == 5
        catalog = read_po(_po(project, "qu").read_bytes())
        assert all(
            m.fuzzy and machine_made(m) and m.msgstr.startswith("<QU> ") for m in catalog.active
        )
        assert msgfmt_check(_po(project, "qu")).returncode == 0
        r = invoke(project, "prefill", "--lang", "qu", "--refresh", env=env)
        assert r.returncode == 0, r.stderr
        assert "5 filled" in r.stdout and "0 requests, 5 cached" in r.stdout, r.stdout
        assert server.count == 5, "the second run sends no request"
    assert not any("PLIEGO" in line for line in r.stdout.splitlines())


def test_markup_lost_is_kept_out(project: Path, invoke: Runner) -> None:
    src = project / "source" / "small.md"
    src.write_text(src.read_text().replace("The first paragraph", "The DROPMARKUP paragraph"))
    _prepare(project, invoke)
    with serving("mymemory") as server:
        r = invoke(
            project,
            "prefill",
            "--lang",
            "qu",
            "--engine",
            "mymemory",
            env={"PLIEGO_MYMEMORY_URL": server.url},
        )
    assert r.returncode == 0, r.stderr
    assert "4 filled" in r.stdout, r.stdout
    assert (
        "failed 1: mymemory: markup not kept (lost '*', '*', '[', '](https://example.org/)')"
        in r.stdout
    ), r.stdout
    entry = next(
        m for m in read_po(_po(project, "qu").read_bytes()).active if "DROPMARKUP" in m.msgid
    )
    assert entry.msgstr == "" and not entry.fuzzy


def test_unsupported_pairs_fail_before_any_request(project: Path, invoke: Runner) -> None:
    _prepare(project, invoke)
    with serving("google") as server:
        r = invoke(
            project,
            "prefill",
            "--lang",
            "all",
            "--engine",
            "google,libre",
            env={"PLIEGO_GOOGLE_URL": server.url},
        )
        assert server.count == 0
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "error: the libre engine cannot translate into 'qu' (engines for 'qu': memory, google, "
        "mymemory (no offline engine translates 'qu'; the online ones need a network))"
    ]
    r = invoke(project, "prefill", "--lang", "qu", "--engine", "apertium")
    assert r.returncode == 1 and "no offline engine translates 'qu'" in r.stderr
    r = invoke(project, "prefill", "--engine", "babelfish")
    assert r.returncode == 1 and "unknown engine 'babelfish'" in r.stderr
    assert "Traceback" not in r.stderr


def test_qu_offline_says_so_plainly(project: Path, invoke: Runner) -> None:
    _prepare(project, invoke)
    r = invoke(
        project, "prefill", "--lang", "qu", env={"PLIEGO_GOOGLE_URL": "http://127.0.0.1:9/m"}
    )  # discard port: refused
    assert r.returncode == 1, r.stderr  # nothing drafted for a language that was asked for
    assert (
        r.stderr.strip() == "error: prefill filled nothing for qu (5 failed): see the reasons above"
    )
    assert "failed 5: google: cannot connect (offline?)" in r.stdout
    assert "no offline engine translates 'qu'" in r.stdout
    assert "online engines that do: google, mymemory" in r.stdout


def test_es_prefills_offline_out_of_the_box(project: Path, invoke: Runner) -> None:
    _prepare(project, invoke, "")
    r = invoke(
        project, "prefill", "--lang", "es", env={"PLIEGO_GOOGLE_URL": "http://127.0.0.1:9/m"}
    )
    assert r.returncode == 0, r.stderr
    assert "es (memory,apertium): 5 filled (5 by apertium)" in r.stdout, r.stdout
    assert msgfmt_check(_po(project, "es")).returncode == 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interruption_keeps_a_valid_file_with_finished_entries(
    project: Path, invoke: Runner, sig: signal.Signals
) -> None:
    paragraphs = "\n\n".join(f"Paragraph number {i} is about the strike." for i in range(80))
    (project / "source" / "small.md").write_text(f"---\ntitle: Long\n---\n\n{paragraphs}\n")
    _prepare(project, invoke, FAST + "workers = 2\nsave-every = 0.2\n")
    po = _po(project, "qu")
    with serving("google", delay=0.05) as server:
        proc = subprocess.Popen(
            [sys.executable, "-m", "invoke", "prefill", "--lang", "qu"],
            cwd=project,
            env={**_env(), "PLIEGO_GOOGLE_URL": server.url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and po.read_text().count("pliego-mt:") < 10:
                time.sleep(0.05)
            os.kill(proc.pid, sig)
        finally:
            _, err = proc.communicate(timeout=30)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:  # Ctrl-C: the drafts finished so far are saved, then exit 130
        assert proc.returncode == 130, err
        assert "interrupted: every file written so far is complete and valid" in err
    assert msgfmt_check(po).returncode == 0
    catalog = read_po(po.read_bytes())
    drafts = [m for m in catalog.active if m.msgstr]
    assert 10 <= len(drafts) < len(catalog.active), len(drafts)
    assert all(m.fuzzy and machine_made(m) and m.msgstr == f"<QU> {m.msgid}" for m in drafts)
    assert all(not m.fuzzy for m in catalog.active if not m.msgstr)


def test_missing_apertium_names_the_debian_packages(
    project: Path, invoke: Runner, tmp_path: Path
) -> None:
    _prepare(project, invoke, "")
    empty = tmp_path / "bin"
    empty.mkdir()
    r = invoke(project, "prefill", "--lang", "es", env={"PATH": str(empty)})
    assert r.returncode == 1
    assert r.stderr.strip() == (
        "error: Apertium is not installed, so there is no offline Spanish engine (install the "
        "Debian packages: sudo apt-get install apertium apertium-eng-spa)"
    )
    assert "pliego-mt" not in _po(project, "es").read_text()


def test_bad_prefill_settings_are_one_line_errors(project: Path, invoke: Runner) -> None:
    _prepare(project, invoke, "\n[tool.pliego.prefill]\nworkers = 0\n")
    r = invoke(project, "prefill")
    assert r.returncode == 1
    assert "[tool.pliego.prefill] workers must be a number from 1 to 64" in r.stderr
    text = (project / "pyproject.toml").read_text().replace("workers = 0", "speed = 3")
    (project / "pyproject.toml").write_text(text)
    r = invoke(project, "prefill")
    assert r.returncode == 1 and "unknown key 'speed'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_score_prints_each_engines_worth_and_writes_nothing(project: Path, invoke: Runner) -> None:
    """``--score``: the reviewed Spanish is what the loopback Google server answers,
    so Google must score (nearly) perfectly and Apertium worse; nothing is written."""
    _prepare(project, invoke)
    po = _po(project, "es")
    catalog = read_po(po.read_bytes())
    reviewed = [replace(m, msgstr=f"<ES> {m.msgid}") if m.msgid else m for m in catalog.messages]
    po.write_text(write_po(replace(catalog, messages=tuple(reviewed))), encoding="utf-8")
    before = {
        p: p.read_bytes() for p in project.rglob("*") if p.is_file() and "cache" not in str(p)
    }
    with serving("google") as server:
        r = invoke(
            project,
            "prefill",
            "--lang",
            "es",
            "--engine",
            "memory,apertium,google",
            "--score",
            env={"PLIEGO_GOOGLE_URL": server.url},
        )
    assert r.returncode == 0, r.stderr
    scores = {
        m["engine"]: (float(m["chrf"]), float(m["share"]))
        for m in re.finditer(
            r"^  (?P<engine>\w+): chrF\+\+ (?P<chrf>[\d.]+), edits (?P<share>[\d.]+)",
            r.stdout,
            re.M,
        )
    }
    assert set(scores) == {"apertium", "google"}, r.stdout
    assert scores["google"][0] > 95 and scores["google"][1] < 0.05, r.stdout
    assert scores["apertium"][0] < scores["google"][0] and scores["apertium"][1] > 0.2, r.stdout
    assert "locale/es/LC_MESSAGES/small.po:" in r.stdout
    assert "memory is not scored" in r.stdout
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and "cache" not in str(p)}
    assert after == before  # no draft, no names list: a score writes nothing


def test_score_without_reviewed_entries_says_so(project: Path, invoke: Runner) -> None:
    _prepare(project, invoke)
    r = invoke(project, "prefill", "--lang", "es", "--score")
    assert r.returncode == 0, r.stderr
    assert "no catalogue of 'es' has reviewed entries to score against" in r.stdout, r.stdout
    assert not read_po(_po(project, "es").read_bytes()).active[0].msgstr
