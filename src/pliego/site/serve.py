"""``invoke serve``: preview ``build/site/`` in a browser, on this machine only.

The standard library's server is enough for a preview; what it lacks is
the right ``Content-Type`` for our files (``SHA256SUMS`` has no extension,
``feed.xml`` is Atom rather than generic XML) and a bind address that never
exposes a half-finished site to the local network — so it binds 127.0.0.1
and nothing else.
"""

from __future__ import annotations

import errno
import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pliego.errors import PliegoError
from pliego.site.render import media_type

HOST = "127.0.0.1"


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the site's content types; no caching, so a re-publish shows."""

    def guess_type(self, path: str | Any) -> str:
        return media_type(str(path))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the preview's log would drown the task's one line of output."""


def make_server(root: Path, port: int) -> ThreadingHTTPServer:
    """A server for ``root`` on 127.0.0.1:``port`` (0 picks a free port)."""
    if not (root / "index.html").is_file():
        raise PliegoError("there is no site to serve", path=root, hint="run `invoke publish` first")
    if not 0 <= port <= 65535:
        raise PliegoError(f"--port must be between 0 and 65535, not {port}")
    handler = functools.partial(SiteHandler, directory=str(root))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PliegoError(
                f"port {port} on {HOST} is already in use",
                hint="stop the other server or choose another one with --port N",
            ) from None
        if exc.errno == errno.EACCES:
            raise PliegoError(
                f"not allowed to use port {port}",
                hint="ports below 1024 need root; choose one above 1024",
            ) from None
        raise


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"
