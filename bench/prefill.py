"""Benchmark ``invoke prefill`` against a strictly serial client.

A loopback server speaking Google's web format answers each request after
100 ms (like a distant free service).  In the same run it measures:

1. the reference: deep-translator's own ``translate_batch`` over the texts,
   which sends one request after the other;
2. our prefill of a catalogue with the same texts (thread pool, default
   settings), with the ratio (target: at most 1/5 of the serial time);
3. a second run with ``--refresh`` over the same drafts: every text comes
   from the cache, so the server must count zero requests.

    python3 bench/prefill.py [--segments 300] [--delay 0.1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from deep_translator import GoogleTranslator, constants  # noqa: E402
from tests.mtservers import serving  # noqa: E402

from pliego.extract import extract_article  # noqa: E402
from pliego.prefill.run import prefill_language  # noqa: E402
from pliego.project import read_settings  # noqa: E402
from pliego.update import update_domain  # noqa: E402

WORDS = (
    "workers",
    "peasants",
    "strike",
    "road",
    "blockade",
    "congress",
    "election",
    "assembly",
    "police",
    "lima",
    "cusco",
    "puno",
    "union",
    "students",
    "march",
    "general",
    "demand",
    "usurper",
    "president",
    "resistance",
)


def texts(n: int) -> list[str]:
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(8 + i % 9)]
        out.append(f"Paragraph {i}: the " + " ".join(words) + " *now*.")
    return out


def project(folder: Path, paragraphs: list[str]) -> Path:
    root = folder / "proj"
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.pliego]\nlanguages = ["qu"]\n', encoding="utf-8")
    body = "\n\n".join(paragraphs)
    (root / "source" / "bench.md").write_text(
        f"---\ntitle: Bench\n---\n\n{body}\n", encoding="utf-8"
    )
    settings = read_settings(root)
    extract_article(settings, root / "source" / "bench.md")
    update_domain(settings, "qu", "bench")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()
    paragraphs = texts(args.segments - 1)  # plus the title
    with serving("google", delay=args.delay) as server, tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), paragraphs)
        settings = read_settings(root)
        env = {"PLIEGO_GOOGLE_URL": server.url}

        saved = constants.BASE_URLS["GOOGLE_TRANSLATE"]
        constants.BASE_URLS["GOOGLE_TRANSLATE"] = server.url
        try:
            start = time.perf_counter()
            GoogleTranslator(source="en", target="qu").translate_batch(["Bench", *paragraphs])
            serial = time.perf_counter() - start
        finally:
            constants.BASE_URLS["GOOGLE_TRANSLATE"] = saved
        serial_requests = server.count

        start = time.perf_counter()
        first = prefill_language(settings, "qu", engines=["google"], env=env)
        ours = time.perf_counter() - start
        ours_requests = server.count - serial_requests

        before = server.count
        start = time.perf_counter()
        second = prefill_language(settings, "qu", engines=["google"], env=env, refresh=True)
        again = time.perf_counter() - start

    print(f"segments: {args.segments}, server delay: {args.delay * 1000:.0f} ms per request")
    print(f"serial (deep-translator translate_batch): {serial:7.2f} s, {serial_requests} requests")
    print(
        f"pliego prefill ({first.total_filled} filled):     {ours:7.2f} s, "
        f"{ours_requests} requests, peak {server.max_concurrent} in flight"
    )
    print(f"ratio pliego / serial: {ours / serial:.3f} (target <= 0.200)")
    print(
        f"second run --refresh ({second.total_filled} redone): {again:.2f} s, "
        f"{server.count - before} requests (target 0), {second.cached} from cache"
    )


if __name__ == "__main__":
    main()
