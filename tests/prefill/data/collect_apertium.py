"""Collect real Apertium drafts for the clean-up tests (run by hand, not by pytest).

    PYTHONPATH=src python3 tests/prefill/data/collect_apertium.py

Each English sentence is masked as prefill masks it and sent through pliego's
Apertium engine (``apertium -u -f html eng-spa``, one process).  The JSON beside
this script keeps the source, the masked text sent, Apertium's answer as
prefill receives it (``raw``) and its plain-text mode's answer (``plain``:
``apertium -u eng-spa``, edges untouched), so the tests of
:mod:`pliego.prefill.cleanup` judge what the engine really writes.
``tests/prefill/test_cleanup.py`` also runs Apertium live on some of them, to
notice when a new Apertium version changes its habits.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pliego.prefill.apertium import ApertiumEngine
from pliego.prefill.masking import mask

SENTENCES = [
    "This is *why* we are striking.",
    "Here is **how** you can help.",
    "We are the people *who* keep the warehouses running.",
    "That is the *problem*.",
    "What do we want?",
    "How much do they earn?",
    "Who are we? We are the workers!",
    "Why are we striking? Because they cut our pay!",
    "Ask yourself: who profits?",
    "Join us!",
    'It is a "fair share" , they say.',
    "They cut pay (again) .",
    "We want (a *fair*) deal.",
    "Riverside Logistics cut our pay on the night of 4 March.",
    "On the night of 4 March the police came.",
    "In March 2023, 10,000 workers marched in Lima.",
    "Maria Lopez, a driver at Riverside Logistics, spoke.",
    "They demanded the usurper ‘president’ Dina Boluarte—Castillo’s former deputy—resign.",
    "The model by which {1}’s vast natural resources are looted.",
]
OUT = Path(__file__).with_name("apertium_raw.json")


def _plain(text: str) -> str:
    """``apertium -u eng-spa`` in its plain-text mode, output kept exactly (but the newline)."""
    done = subprocess.run(
        ["apertium", "-u", "eng-spa"], input=text, capture_output=True, text=True, check=True
    )
    return done.stdout.removesuffix("\n")


def main() -> None:
    engine = ApertiumEngine("eng-spa")
    masked = [mask(s).text for s in SENTENCES]
    raw = engine.translate_batch(masked)
    version = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "apertium-eng-spa"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    plain = [_plain(m) for m in masked]
    cases = [
        {"source": s, "sent": m, "raw": r, "plain": p}
        for s, m, r, p in zip(SENTENCES, masked, raw, plain, strict=True)
    ]
    data = {
        "command": "PYTHONPATH=src python3 tests/prefill/data/collect_apertium.py",
        "engine": f"apertium -u -f html eng-spa (apertium-eng-spa {version})",
        "cases": cases,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
