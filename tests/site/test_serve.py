"""``invoke serve``: loopback only, the site's content types, clear errors."""

from __future__ import annotations

import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pliego.errors import PliegoError
from pliego.project import read_settings
from pliego.site.publish import publish
from pliego.site.serve import make_server, url_of
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
