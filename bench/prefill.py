"""Benchmark ``invoke prefill`` against a strictly serial client.

A loopback server speaking Google's web format answers each request after
100 ms (like a distant free service) and answers 429 to any request beyond 16
in flight at once (as free services throttle a client).  It runs in a process
of its own, as a distant service would: in a thread of this one it took the
GIL from the clients being measured.  Interleaved (A B A B …), it measures:

1. the reference: deep-translator's own ``translate_batch`` over the texts,
   which sends one request after the other, through pliego's transport (one
   kept-alive session, the environment read once) in every round, so that the
   ratio compares the concurrency and nothing else (importing
   :mod:`pliego.prefill.online` swaps the transport in; before, the first
   round ran without it and the later ones with it);
2. our prefill of a catalogue with the same texts (thread pool, default
   settings), each round in a fresh copy of the project so that no round
   finds the previous one's cache;

and prints both medians and the ratio (target: at most 0.10 of the serial
time), then a second run with ``--refresh`` over the same drafts: every text
comes from the cache, so the server must count zero requests.

    python3 bench/prefill.py [--segments 300] [--delay 0.1] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _pair import interleave, load, median, ratio_line, report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from deep_translator import GoogleTranslator, constants  # noqa: E402
from tests.mtservers import serving_apart  # noqa: E402

import pliego.prefill.online  # noqa: E402, F401  (deep-translator's transport, for both sides)
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
    root = folder
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
    parser.add_argument("--capacity", type=int, default=16, help="requests served at once")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100 segments, 2 rounds")
    args = parser.parse_args()
    if args.quick:
        args.segments, args.rounds = 100, 2
    paragraphs = texts(args.segments - 1)  # plus the title
    with (
        serving_apart("google", delay=args.delay, capacity=args.capacity) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        fresh: Iterator[Path] = (
            project(Path(tmp) / f"proj{i}", paragraphs) for i in range(args.rounds)
        )
        roots = list(fresh)
        env = {"PLIEGO_GOOGLE_URL": server.url}
        requests = {"serial": 0, "pliego": 0}
        connections: list[int] = []
        filled: list[int] = []

        def serial() -> None:
            saved = constants.BASE_URLS["GOOGLE_TRANSLATE"]
            constants.BASE_URLS["GOOGLE_TRANSLATE"] = server.url
            before = server.count
            try:
                GoogleTranslator(source="en", target="qu").translate_batch(["Bench", *paragraphs])
            finally:
                constants.BASE_URLS["GOOGLE_TRANSLATE"] = saved
            requests["serial"] = server.count - before

        def ours() -> None:
            before, dialled = server.count, server.connections
            settings = read_settings(roots[len(filled)])
            filled.append(
                prefill_language(settings, "qu", engines=["google"], env=env).total_filled
            )
            requests["pliego"] = server.count - before
            connections.append(server.connections - dialled)

        serial_name, ours_name = "serial (deep-translator translate_batch)", "pliego prefill"
        times = interleave({serial_name: serial, ours_name: ours}, args.rounds)
        peak, refused = server.max_concurrent, server.refused

        before = server.count
        start = time.perf_counter()
        settings = read_settings(roots[-1])
        second = prefill_language(settings, "qu", engines=["google"], env=env, refresh=True)
        again = time.perf_counter() - start
        resent = server.count - before  # asked while the server (a child process) lives

    ratio = median(times, ours_name) / median(times, serial_name)
    print(
        f"segments: {args.segments}, server delay: {args.delay * 1000:.0f} ms per request; {load()}"
    )
    report(times)
    print(
        f"  requests per round: serial {requests['serial']}, pliego {requests['pliego']} "
        f"({filled[-1]} filled, peak {peak} in flight, {refused} refused with 429, target 0; "
        f"{connections[-1]} connections)"
    )
    print(ratio_line("ratio pliego / serial", ratio, "<= 0.100", ratio <= 0.1))
    print(
        f"  second run --refresh ({second.total_filled} redone): {again:.2f} s, "
        f"{resent} requests (target 0), {second.cached} from cache"
    )


if __name__ == "__main__":
    main()
