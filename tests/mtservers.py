"""Loopback servers that speak the wire formats of Google's web endpoint,
MyMemory and LibreTranslate (see ``../shared/NOTES.md``), so the real
deep-translator client code runs over real HTTP in tests and the benchmark.

The "translation" is ``"<TARGET> " + text`` (placeholders kept).  Faults are
asked for by words in the text, counted per distinct text:

``RATELIMITn`` / ``SERVERERRn``  the first n requests answer 429 / 500
``SERVERERRALWAYS``              every request answers 500
``RETRYAFTER``                   the first request answers 429 with ``Retry-After: 1``
``HANGFOREVER``                  the server never answers (until shutdown)
``MALFORMED``                    a body the client cannot parse
``QUOTA``                        MyMemory's quota warning (HTTP 200)
``DROPMARKUP``                   the placeholders ``{N}`` are left out of the answer
``ECHO``                         the text is answered unchanged (so is text without
                                 letters or digits, as Google does)

A server made with ``capacity`` answers 429 to any request beyond that many
in flight at once (as free services throttle a client), counting them in
``refused``.

It behaves as a real front end does at the connection level too, because
what a client pays there is what concurrency is measured on: HTTP/1.1 with
keep-alive (``connections`` counts the TCP connections accepted, so a test
can tell a client that reuses them from one that dials per request), answers
sent without Nagle's delay, and a listen backlog larger than any client's
burst.  With socketserver's defaults (HTTP/1.0, a backlog of 5) every request
opened a connection and 16 at once overflowed the backlog: the dropped SYNs
were retried after a second, which the bench measured as prefill's time.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import parse_qs, urlsplit

QUOTA = (
    "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE "
    "IN  10 HOURS 02 MINUTES 19 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS"
    ".PHP TO TRANSLATE MORE"
)


class MTServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # socketserver's 5 drops SYNs under a burst of 16

    def __init__(
        self, kind: str, delay: float = 0.0, key: str = "secret-key", capacity: int = 0
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.kind, self.delay, self.key = kind, delay, key
        self.count = 0
        self.seen: Counter[str] = Counter()
        self.texts: list[str] = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.concurrent = self.max_concurrent = 0
        self.capacity, self.refused = capacity, 0
        self.connections = 0

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            self.connections += 1
        super().process_request(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        path = {"google": "/m", "mymemory": "/get", "libre": "/"}[self.kind]
        return f"http://{host!s}:{port}{path}"

    def answer(self, text: str, target: str) -> tuple[int, str, str]:
        """(status, content type, body) for one request."""
        with self.lock:
            self.seen[text] += 1
            self.texts.append(text)
            attempt = self.seen[text]
        for word, status in (("RATELIMIT", 429), ("SERVERERR", 500)):
            m = re.search(word + r"(\d)", text)
            if m and attempt <= int(m.group(1)):
                return status, "text/plain", "try again"
        if "RETRYAFTER" in text and attempt == 1:
            return 429, "text/plain", "Retry-After: 1"
        if "SERVERERRALWAYS" in text:
            return 500, "text/plain", "broken"
        if "HANGFOREVER" in text:
            self.release.wait(60)
            return 500, "text/plain", "late"
        if "MALFORMED" in text:
            return 200, "text/html", "<html><body><p>Something changed"
        echo = "ECHO" in text or not any(c.isalnum() for c in text)  # as Google does
        result = text if echo else f"<{target.upper()}> {text}"
        if "DROPMARKUP" in text:
            result = re.sub(r"\{\d+\}", "", result)
        if self.kind == "google":
            body = f'<html><body><div class="t0">{html.escape(result)}</div></body></html>'
            return 200, "text/html; charset=utf-8", body
        if self.kind == "mymemory":
            if "QUOTA" in text:
                result = QUOTA
            data: dict[str, Any] = {
                "responseData": {"translatedText": result, "match": 0.85},
                "responseStatus": 200,
                "matches": [],
            }
            return 200, "application/json", json.dumps(data)
        return 200, "application/json", json.dumps({"translatedText": result})


class _Handler(BaseHTTPRequestHandler):
    server: MTServer
    protocol_version = "HTTP/1.1"  # keep-alive, as translate.google.com and the others
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stall

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _serve(self) -> None:
        srv = self.server
        with srv.lock:
            srv.count += 1
            srv.concurrent += 1
            srv.max_concurrent = max(srv.max_concurrent, srv.concurrent)
            over = 0 < srv.capacity < srv.concurrent
            srv.refused += over
        try:
            # Keep-alive: a body left unread would be taken for the next request.
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if srv.delay:
                time.sleep(srv.delay)
            query = parse_qs(urlsplit(self.path).query)
            text = query.get("q", [""])[0]
            if srv.kind == "mymemory":
                target = query.get("langpair", ["|"])[0].split("|")[1]
            else:
                target = query.get("tl", query.get("target", ["?"]))[0]
            if over:
                status, ctype, body = 429, "text/plain", "too many requests at once"
            elif srv.kind == "libre" and query.get("api_key", [""])[0] != srv.key:
                status, ctype, body = 403, "application/json", '{"error": "bad key"}'
            else:
                status, ctype, body = srv.answer(text, target)
        finally:
            with srv.lock:
                srv.concurrent -= 1
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            if body.startswith("Retry-After: "):
                self.send_header("Retry-After", body.split(": ")[1])
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): that is the point

    do_GET = _serve
    do_POST = _serve


@contextmanager
def serving(kind: str, delay: float = 0.0, capacity: int = 0) -> Iterator[MTServer]:
    """A server in a thread for the duration of the block."""
    server = MTServer(kind, delay, capacity=capacity)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


class Apart:
    """The counters of an :class:`MTServer` running in another process.

    For the bench: a distant service does not share the client's interpreter,
    but a server in a thread of the same process takes the GIL from the very
    workers being measured (and from the serial reference's one thread).
    """

    def __init__(self, conn: Connection, url: str) -> None:
        self._conn, self.url = conn, url

    def _stats(self) -> dict[str, int]:
        self._conn.send("stats")
        stats: dict[str, int] = self._conn.recv()
        return stats

    @property
    def count(self) -> int:
        return self._stats()["count"]

    @property
    def max_concurrent(self) -> int:
        return self._stats()["max_concurrent"]

    @property
    def refused(self) -> int:
        return self._stats()["refused"]

    @property
    def connections(self) -> int:
        return self._stats()["connections"]


def _serve_apart(conn: Connection, kind: str, delay: float, capacity: int) -> None:
    with serving(kind, delay, capacity) as server:
        conn.send(server.url)
        while conn.recv() == "stats":
            with server.lock:
                conn.send(
                    {
                        "count": server.count,
                        "max_concurrent": server.max_concurrent,
                        "refused": server.refused,
                        "connections": server.connections,
                    }
                )


@contextmanager
def serving_apart(kind: str, delay: float = 0.0, capacity: int = 0) -> Iterator[Apart]:
    """:func:`serving` in a child process (spawned: no state of ours is copied)."""
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("spawn").Process(
        target=_serve_apart, args=(theirs, kind, delay, capacity), daemon=True
    )
    child.start()
    try:
        if not ours.poll(60):
            raise RuntimeError("the loopback server did not start")
        yield Apart(ours, ours.recv())
    finally:
        ours.send("stop")
        child.join(10)
        if child.is_alive():
            child.terminate()
