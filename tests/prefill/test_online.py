"""deep-translator's real client code over real HTTP, against loopback servers."""

from __future__ import annotations

import time

import pytest

from pliego.prefill.engine import EngineError, Failure, Translation
from pliego.prefill.online import NetPolicy, OnlineEngine, build_online
from tests.mtservers import MTServer, serving

FAST = NetPolicy(timeout=0.5, retries=3, backoff=0.01, workers=4)


def _engine(server: MTServer, lang: str = "qu", policy: NetPolicy = FAST) -> OnlineEngine:
    env = {
        "google": {"PLIEGO_GOOGLE_URL": server.url},
        "mymemory": {"PLIEGO_MYMEMORY_URL": server.url},
        "libre": {"PLIEGO_LIBRE_URL": server.url, "PLIEGO_LIBRE_KEY": server.key},
    }
    return build_online(
        server.kind, lang if server.kind != "libre" else "es", policy, env[server.kind]
    )


def _run(engine: OnlineEngine, texts: list[str]) -> list[Translation | Failure]:
    out: dict[int, Translation | Failure] = dict(engine.translate_many(texts))
    assert sorted(out) == list(range(len(texts))), "one outcome per text"
    return [out[i] for i in range(len(texts))]


@pytest.mark.parametrize("kind,code", [("google", "QU"), ("mymemory", "QU-PE"), ("libre", "ES")])
def test_each_wire_format_translates_and_isolates_failures(kind: str, code: str) -> None:
    with serving(kind) as server:
        out = _run(
            _engine(server),
            ["Hello {0}world{1}.", "A MALFORMED answer.", "Two SERVERERRALWAYS.", "Fine again."],
        )
    assert out[0] == Translation(f"<{code}> Hello {{0}}world{{1}}.", kind)
    assert isinstance(out[1], Failure) and "malformed" in out[1].reason
    assert isinstance(out[2], Failure) and out[2].reason == "server error (HTTP 500)"
    assert out[3] == Translation(f"<{code}> Fine again.", kind)
    assert server.seen["Two SERVERERRALWAYS."] == 1 + FAST.retries


@pytest.mark.parametrize("kind", ["google", "mymemory", "libre"])
def test_429_and_500_are_retried_with_backoff(kind: str) -> None:
    with serving(kind) as server:
        out = _run(_engine(server), ["Busy RATELIMIT2 now.", "Broken SERVERERR3 now."])
    assert all(isinstance(o, Translation) for o in out), out
    assert server.seen["Busy RATELIMIT2 now."] == 3
    assert server.seen["Broken SERVERERR3 now."] == 4


def test_backoff_doubles() -> None:
    policy = NetPolicy(timeout=1, retries=3, backoff=0.1, workers=1)
    with serving("google") as server:
        start = time.monotonic()
        out = _run(_engine(server, policy=policy), ["Busy RATELIMIT3 now."])
        elapsed = time.monotonic() - start
    assert isinstance(out[0], Translation)
    assert 0.7 <= elapsed < 2.0, elapsed  # 0.1 + 0.2 + 0.4


@pytest.mark.parametrize("kind", ["google", "mymemory", "libre"])
def test_a_hanging_server_times_out_and_others_go_on(kind: str) -> None:
    policy = NetPolicy(timeout=0.3, retries=1, backoff=0.01, workers=2)
    with serving(kind) as server:
        start = time.monotonic()
        out = _run(_engine(server, policy=policy), ["It HANGFOREVER here.", "Quick one."])
        elapsed = time.monotonic() - start
    assert isinstance(out[0], Failure) and out[0].reason == "no answer within 0.3 s"
    assert isinstance(out[1], Translation)
    assert server.seen["It HANGFOREVER here."] == 2
    assert elapsed < 3.0, elapsed


def test_mymemory_quota_is_a_failure_and_stops_the_engine() -> None:
    policy = NetPolicy(timeout=1, retries=0, backoff=0.01, workers=1)
    with serving("mymemory") as server:
        engine = _engine(server, policy=policy)
        out = _run(engine, ["Over QUOTA now."] + [f"Text number {i}." for i in range(5)])
    assert all(isinstance(o, Failure) and "quota" in o.reason for o in out), out
    assert "MYMEMORY WARNING" not in str(out)
    assert server.count == 1, "after the quota message no more requests are sent"


def test_none_result_is_a_failure() -> None:
    with serving("google") as server:
        out = _run(_engine(server), ["— ECHO", "…!"])
    # "…!" has no letters: Google's client returns None for an echoed answer
    assert isinstance(out[1], Failure) and "None" in out[1].reason
    assert isinstance(out[0], Translation) and out[0].text == "— ECHO"


def test_libre_refused_key_is_not_leaked() -> None:
    with serving("libre") as server:
        engine = build_online(
            "libre",
            "es",
            FAST,
            {"PLIEGO_LIBRE_URL": server.url, "PLIEGO_LIBRE_KEY": "wrong-key-123"},
        )
        out = _run(engine, [f"Text {i}." for i in range(20)])
    assert all(isinstance(o, Failure) and "refused the key" in o.reason for o in out)
    assert "wrong-key-123" not in str(out)
    assert server.count <= FAST.workers, "a refused key stops the engine (bar requests in flight)"


def test_missing_key_and_unreachable_microsoft_are_clear_errors() -> None:
    with pytest.raises(EngineError, match="PLIEGO_LIBRE_URL"):
        build_online("libre", "es", FAST, {})
    with pytest.raises(EngineError, match="PLIEGO_DEEPL_KEY"):
        build_online("deepl", "es", FAST, {})
    # Microsoft fetches its language list in the constructor; point it nowhere
    import requests

    class Refuse(requests.adapters.HTTPAdapter):
        def send(self, *args: object, **kwargs: object) -> requests.Response:
            raise requests.ConnectionError("no network in tests")

    from pliego.prefill import online

    session = online.HTTP._session()
    session.mount("https://", Refuse())
    try:
        with pytest.raises(EngineError, match="microsoft engine could not start: cannot connect"):
            build_online("microsoft", "es", FAST, {"PLIEGO_MICROSOFT_KEY": "k"})
    finally:
        session.mount("https://", requests.adapters.HTTPAdapter())


def test_long_texts_are_split_at_sentences_within_the_limit() -> None:
    sentence = "This sentence is here to make a long paragraph for the engine. "
    text = (sentence * 20).strip()  # 1259 characters, MyMemory takes fewer than 500
    with serving("mymemory") as server:
        out = _run(_engine(server), [text])
    assert isinstance(out[0], Translation)
    assert all(len(t) < 500 for t in server.texts) and len(server.texts) == 3
    assert out[0].text.replace("<QU-PE> ", "") == text


def test_requests_run_concurrently_within_the_bound() -> None:
    policy = NetPolicy(timeout=2, retries=0, backoff=0.01, workers=4)
    with serving("google", delay=0.1) as server:
        start = time.monotonic()
        out = _run(_engine(server, policy=policy), [f"Text {i}." for i in range(16)])
        elapsed = time.monotonic() - start
    assert all(isinstance(o, Translation) for o in out)
    assert server.max_concurrent == 4
    assert elapsed < 16 * 0.1 / 2, elapsed


def test_retry_after_is_honoured() -> None:
    with serving("google") as server:
        start = time.monotonic()
        out = _run(_engine(server), ["Wait RETRYAFTER please."])
        elapsed = time.monotonic() - start
    assert isinstance(out[0], Translation) and server.count == 2
    assert 1.0 <= elapsed < 2.5, elapsed


def test_offline_stops_the_engine_after_one_short_retry() -> None:
    policy = NetPolicy(timeout=1, retries=4, backoff=0.2, workers=2)
    engine = build_online("google", "qu", policy, {"PLIEGO_GOOGLE_URL": "http://127.0.0.1:9/m"})
    start = time.monotonic()
    out = _run(engine, [f"Text {i}." for i in range(30)])
    elapsed = time.monotonic() - start
    assert all(isinstance(o, Failure) and o.reason == "cannot connect (offline?)" for o in out)
    assert engine.requests_made <= 2 * policy.workers
    assert elapsed < 1.5, elapsed
