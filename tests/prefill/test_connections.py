"""What an online engine pays per request besides the server's answer: connections
kept alive per worker, the environment's proxy settings read once per host (and
still obeyed), BeautifulSoup's entity table built once before the workers start.

Real HTTP on loopback; request and connection counts, never timings.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import requests

from pliego.prefill.engine import Translation
from pliego.prefill.online import NetPolicy, OnlineEngine, build_online
from tests.mtservers import serving, serving_apart

REPO = Path(__file__).resolve().parents[2]
POLICY = NetPolicy(timeout=5, retries=2, backoff=0.01, workers=4)


def _google(url: str, policy: NetPolicy = POLICY) -> OnlineEngine:
    return build_online("google", "qu", policy, {"PLIEGO_GOOGLE_URL": url})


def _texts(n: int) -> list[str]:
    return [f"Paragraph {i}: the workers march on the road." for i in range(n)]


def test_each_worker_keeps_one_connection_alive_for_all_its_requests() -> None:
    with serving("google", delay=0.01) as server:
        out = dict(_google(server.url).translate_many(_texts(40)))
    assert all(isinstance(o, Translation) for o in out.values()) and len(out) == 40
    assert server.count == 40
    assert 1 <= server.connections <= POLICY.workers, "a connection per worker, not per text"


def test_the_environment_is_read_once_per_worker_not_once_per_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[str] = []
    real = requests.sessions.get_environ_proxies

    def counted(url: str, no_proxy: str | None = None) -> dict[str, str]:
        reads.append(url)
        return real(url, no_proxy)

    monkeypatch.setattr(requests.sessions, "get_environ_proxies", counted)
    with serving("google") as server:
        out = dict(_google(server.url).translate_many(_texts(40)))
    assert len(out) == 40 and server.count == 40
    assert 1 <= len(reads) <= POLICY.workers, f"{len(reads)} reads of the environment"


def test_a_proxy_from_the_environment_is_still_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo keeps requests' behaviour: HTTP_PROXY routes every request (the loopback
    server stands in for the proxy; the engine's own host does not exist)."""
    with serving("google") as proxy:
        host, port = proxy.server_address[:2]
        for name in ("http_proxy", "HTTP_PROXY"):
            monkeypatch.setenv(name, f"http://{host!s}:{port}")
        for name in ("no_proxy", "NO_PROXY", "REQUEST_METHOD"):
            monkeypatch.delenv(name, raising=False)
        out = dict(_google("http://translate.pliego-test.invalid/m").translate_many(_texts(12)))
    assert all(isinstance(o, Translation) for o in out.values()) and len(out) == 12
    assert proxy.count == 12, "every request went through the proxy"


def test_no_proxy_from_the_environment_is_still_obeyed(monkeypatch: pytest.MonkeyPatch) -> None:
    with serving("google") as server:
        for name in ("http_proxy", "HTTP_PROXY"):
            monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        out = dict(_google(server.url).translate_many(_texts(12)))
    assert all(isinstance(o, Translation) for o in out.values())
    assert server.count == 12


BUILDS = """
import threading
import bs4.dammit
from tests.mtservers import serving, serving_apart
from pliego.prefill.online import NetPolicy, build_online

meta = type(bs4.dammit.EntitySubstitution)
real = meta._populate_class_variables
builders = []

def counted(cls):
    if not cls._CLASS_VARIABLES_POPULATED:
        builders.append(threading.current_thread() is threading.main_thread())
    return real(cls)

meta._populate_class_variables = counted
with serving("google", delay=0.05) as server:
    engine = build_online("google", "qu", NetPolicy(workers=16), {"PLIEGO_GOOGLE_URL": server.url})
    texts = [f"Text {i} & <more>" for i in range(32)]
    assert len(dict(engine.translate_many(texts))) == 32
print(builders)
"""


def test_the_html_parsers_entity_table_is_built_once_before_the_workers_start() -> None:
    """In a fresh interpreter (this one may have built it already): 16 workers
    parsing their first answer at once each built the table (0.1 s of CPU each)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join((str(REPO / "src"), str(REPO)))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(BUILDS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[True]", "built once, in the thread that starts the pool"


def test_the_benchs_server_in_its_own_process_counts_as_the_one_in_a_thread() -> None:
    """bench/prefill.py reads these counters from a spawned process; 429 beyond capacity."""
    with serving_apart("google", delay=0.2, capacity=4) as server:
        policy = NetPolicy(timeout=5, retries=0, backoff=0.01, workers=6)
        out = dict(_google(server.url, policy).translate_many(_texts(12)))
        count, refused, peak = server.count, server.refused, server.max_concurrent
        connections = server.connections
    assert len(out) == 12 and count == 12
    assert peak > 4 and refused == sum(not isinstance(o, Translation) for o in out.values()) > 0
    assert 1 <= connections <= 6
