"""``invoke serve``: loopback only, the site's content types, clear errors; no folder
listings, no links followed out of the site, and malformed requests answered 400 without a
traceback (raw sockets send what a browser never would)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pliego.errors import PliegoError
from pliego.project import read_settings
from pliego.site.publish import publish
from pliego.site.serve import SiteHandler, make_server, url_of
from tests.conftest import _env
from tests.sitekit import add_pamphlet, add_site_templates

EXPECTED = {
    "index.html": "text/html; charset=utf-8",
    "site.css": "text/css; charset=utf-8",
    "es/small.pdf": "application/pdf",
    "es/small-cover.png": "image/png",
    "feed.xml": "application/atom+xml",
    "manifest.json": "application/json",
    "manifest.schema.json": "application/json",
    "SHA256SUMS": "text/plain; charset=utf-8",
}


@pytest.fixture
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    add_site_templates(project)
    add_pamphlet(project, "es", cache_dir=tmp_path_factory.mktemp("pdfs"))
    publish(read_settings(project), build=False, env={"SOURCE_DATE_EPOCH": "0"})
    return project


@pytest.fixture
def running(site: Path) -> Iterator[str]:
    server = make_server(site / "build" / "site", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url_of(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_content_types_and_bytes(running: str, site: Path) -> None:
    assert running.startswith("http://127.0.0.1:")
    for path, ctype in EXPECTED.items():
        with urllib.request.urlopen(running + path, timeout=10) as answer:
            assert answer.headers["Content-Type"] == ctype, path
            assert answer.headers["X-Content-Type-Options"] == "nosniff"
            assert answer.read() == (site / "build" / "site" / path).read_bytes()


def test_bound_to_loopback_only(site: Path) -> None:
    server = make_server(site / "build" / "site", 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_missing_site_and_busy_port(project: Path, site: Path) -> None:
    with pytest.raises(PliegoError, match="no site to serve") as exc:
        make_server(project / "nowhere", 0)
    assert exc.value.hint == "run `invoke publish` first"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(PliegoError, match=f"port {port} on 127.0.0.1 is already in use"):
            make_server(site / "build" / "site", port)


def test_serve_task_errors(project: Path, invoke) -> None:  # type: ignore[no-untyped-def]
    done = invoke(project, "serve", "--port", "0", timeout=60)
    assert done.returncode == 1
    assert "there is no site to serve" in done.stderr and "invoke publish" in done.stderr
    assert "Traceback" not in done.stderr


SECRET = b"root:x:0:0:root:/root:/bin/bash\n"
#: Request targets no page of the site links to, each answered 400 (raw bytes, as sent).
MALFORMED = [
    b"/x%00.html",  # NUL
    b"/index.html%00.pdf",
    b"/x%0a.html",  # a control character
    b"/%zz",  # bad percent-encodings
    b"/index.html%",
    b"/%4",
    b"/%ff.html",  # not UTF-8
    b"/%c0%ae%c0%ae/etc/passwd",  # overlong UTF-8 for ".."
    b"/caf\xc3\xa9.html",  # raw non-ASCII bytes
    b"/../etc/passwd",  # dot segments, plain and encoded
    b"/es/../index.html",
    b"/%2e%2e/%2e%2e/etc/passwd",
    b"/es/%2E%2E/%2e%2e/etc/passwd",
    b"/./index.html",
    b"/es\\..\\index.html",  # backslashes, plain and encoded
    b"/es%5c..%5cindex.html",
    b"/es//index.html",  # an empty segment
    b"/" + b"a" * 5000,  # overlong (over 64 KiB the standard library answers 414)
    b"http://127.0.0.1/index.html",  # not a path
    b"index.html",
]


def raw_answer(url: str, target: bytes, method: bytes = b"GET") -> bytes:
    """Send one request as bytes; the answer as bytes."""
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(method + b" " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def raw_request(url: str, target: bytes, method: bytes = b"GET") -> tuple[int, bytes, bytes]:
    """The status, the headers and the body of the answer to one request sent as bytes."""
    head, _, body = raw_answer(url, target, method).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head, body


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_malformed_requests_are_400_and_never_a_traceback(
    running: str, site: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    for target in MALFORMED:
        status, head, body = raw_request(running, target)
        assert status == 400, target
        assert b"Traceback" not in body and b"root:" not in body, target
        assert b"X-Content-Type-Options: nosniff" in head
    status, _, body = raw_request(running, b"/index.html")
    assert status == 200 and body == (site / "build" / "site" / "index.html").read_bytes()
    out, err = capfd.readouterr()
    assert err == "" and out == ""


def test_folders_serve_their_index_or_404_and_are_never_listed(running: str, site: Path) -> None:
    root = site / "build" / "site"
    (root / "private").mkdir()
    (root / "private" / "notes.txt").write_bytes(b"not for the public")
    status, _, body = raw_request(running, b"/private/")
    assert status == 404 and b"notes.txt" not in body and b"Directory listing" not in body
    assert raw_request(running, b"/private")[0] == 404  # no redirect to a listing either
    status, head, _ = raw_request(running, b"/es")
    assert status == 301 and b"\r\nLocation: /es/\r\n" in head
    status, _, body = raw_request(running, b"/es/")
    assert status == 200 and body == (root / "es" / "index.html").read_bytes()
    assert raw_request(running, b"/")[2] == (root / "index.html").read_bytes()
    assert raw_request(running, b"/index.html/")[0] == 404
    assert raw_request(running, b"/nowhere.pdf")[0] == 404
    status, head, body = raw_request(running, b"/es/small.pdf", b"HEAD")
    size = (root / "es" / "small.pdf").stat().st_size
    assert status == 200 and body == b"" and f"Content-Length: {size}".encode() in head
    # A percent-encoded name is a name: the site's own links may use them.
    (root / "año 1.txt").write_bytes(b"ok")
    assert raw_request(running, b"/a%C3%B1o%201.txt")[2] == b"ok"


def test_links_out_of_the_site_are_not_followed(running: str, site: Path, tmp_path: Path) -> None:
    root = site / "build" / "site"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_bytes(SECRET)
    (outside / "index.html").write_bytes(SECRET)
    (root / "leak.txt").symlink_to(outside / "passwd")
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root / "loop")
    os.mkfifo(root / "fifo")  # would hang a server that opens it
    targets = (b"/leak.txt", b"/out/passwd", b"/out/", b"/out/index.html", b"/loop", b"/fifo")
    for target in targets:
        status, _, body = raw_request(running, target)
        assert status == 404 and SECRET not in body, target
    # A link that stays inside the site is the site's own file.
    (root / "style.css").symlink_to(root / "site.css")
    assert raw_request(running, b"/style.css")[2] == (root / "site.css").read_bytes()


def test_a_failing_request_is_one_line_not_a_traceback(
    running: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: SiteHandler) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SiteHandler, "send_head", broken)
    assert raw_answer(running, b"/index.html") == b""  # the connection closes, no answer
    assert [r.getMessage() for r in caplog.records] == [
        "serve: a request failed (RuntimeError: disk on fire)"
    ]
    assert all(r.exc_info is None for r in caplog.records)


def test_a_download_cut_short_is_not_reported(
    running: str, site: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    (site / "build" / "site" / "big.pdf").write_bytes(b"%PDF" + bytes(32 * 1024 * 1024))
    host, port = running.removeprefix("http://").rstrip("/").split(":")
    for _ in range(3):
        sock = socket.create_connection((host, int(port)), timeout=10)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.sendall(b"GET /big.pdf HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(12).startswith(b"HTTP/1.0 200")
        sock.close()  # SO_LINGER 0: a reset, as a browser's cancelled download
    time.sleep(0.5)
    assert status_of(running + "index.html") == 200
    assert capfd.readouterr().err == "" and caplog.records == []


def test_serve_task_answers_malformed_requests_quietly(site: Path) -> None:
    """`invoke serve` as a user runs it: the malformed requests leave stderr empty."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", "0"],
        cwd=site,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert " at http://127.0.0.1:" in line, line + proc.communicate(timeout=20)[1]
        url = line.split(" at ", 1)[1].split()[0]
        for target in MALFORMED:
            assert raw_request(url, target)[0] == 400, target
        assert status_of(url + "es/small.pdf") == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "stopped" in out
    assert err == ""
