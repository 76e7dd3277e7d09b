"""``invoke serve``: preview ``build/site/`` in a browser, on this machine only.

The standard library's server is enough for a preview once three things are
added.  The right ``Content-Type`` for our files (``SHA256SUMS`` has no
extension, ``feed.xml`` is Atom rather than generic XML).  A bind address that
never exposes a half-finished site to the local network: 127.0.0.1 and
nothing else.  And a stricter idea of what a request may ask for than
``SimpleHTTPRequestHandler``'s, which lists folders, follows symbolic links
anywhere on the disk and answers ``/x%00.html`` with a traceback: here a
request names a file of the site by its path, percent-encoded UTF-8 without
``.``/``..`` segments, backslashes or control characters (anything else is
400), and only a regular file that really lies inside the site is served (a
folder's ``index.html`` for a folder URL; anything else is 404).

The site is swapped in whole by ``invoke publish`` (see
:func:`pliego.files.replace_folder`), and every request resolves its path
afresh, so a preview left running shows the new site after a publish without
ever serving a half-written one.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import re
import stat
import sys
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BufferedReader
from pathlib import Path
from typing import Any, BinaryIO

from pliego.errors import PliegoError
from pliego.site.render import media_type

HOST = "127.0.0.1"
#: Far above the site's longest path (``<lang>/<slug>-booklet-a4.pdf``), far below a
#: file system's limit: a longer request is malformed, not a missing file.
MAX_PATH = 1024
#: A ``%`` not followed by two hexadecimal digits.
BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: What the decoded path may not hold: C0 controls (NUL first), DEL and backslashes.
FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\]")
log = logging.getLogger(__name__)


class BadRequest(ValueError):
    """A request path that names no file in any well-formed way (answered 400)."""


def request_parts(target: str) -> tuple[tuple[str, ...], bool]:
    """The decoded path segments of a request target, and whether it names a folder.

    Raises :class:`BadRequest` for anything a browser following the site's own
    links never sends.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        raise BadRequest("the path must start with /")
    if len(path) > MAX_PATH:
        raise BadRequest("the path is too long")
    if not path.isascii() or BAD_ESCAPE.search(path):
        raise BadRequest("the path is not percent-encoded properly")
    try:
        text = urllib.parse.unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the path is not UTF-8") from None
    if FORBIDDEN.search(text):
        raise BadRequest("the path holds a control character or a backslash")
    parts = text[1:].split("/")
    folder = parts[-1] == ""
    if folder:
        parts.pop()
    if any(p in ("", ".", "..") for p in parts):
        raise BadRequest("the path has an empty, . or .. segment")
    return tuple(parts), folder


def inside(root: Path, parts: tuple[str, ...]) -> Path | None:
    """Where ``parts`` lead under ``root`` (resolved, ``root`` being resolved too), or
    None when that does not exist or lies outside ``root`` (a link out of the site)."""
    try:
        real = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, unreadable, a loop of links
        return None
    return real if real == root or real.is_relative_to(root) else None


class SiteHandler(SimpleHTTPRequestHandler):
    """The site's files, with their content types; no caching, so a re-publish shows."""

    def send_head(self) -> BinaryIO | BufferedReader | None:
        """Answer GET and HEAD: a file of the site, a redirect to a folder's URL, 400 or 404."""
        try:
            parts, folder = request_parts(self.path)
        except BadRequest as exc:
            self.send_error(HTTPStatus.BAD_REQUEST, str(exc))
            return None
        root = Path(self.directory)
        found = inside(root, parts)
        if found is not None and found.is_dir():
            found = inside(root, (*parts, "index.html"))  # never a listing
            if found is not None and not folder:  # /es -> /es/, for the page's relative links
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", "/" + urllib.parse.quote("/".join(parts)) + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        elif folder:
            found = None
        handle = None if found is None else self.open_regular(found)
        if found is None or handle is None:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        size = os.fstat(handle.fileno()).st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type(found.name))
        self.send_header("Content-Length", str(size))
        self.end_headers()
        return handle

    @staticmethod
    def open_regular(path: Path) -> BufferedReader | None:
        """``path`` opened for reading if it is a regular file, else None.  Opened without
        blocking, then checked: a FIFO would otherwise hang the request forever."""
        try:
            fd = os.open(
                path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            )
        except OSError:
            return None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        return open(fd, "rb")  # O_NONBLOCK is void on a regular file: reads are whole

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Copy the file out; a browser that stopped the download is nothing to report."""
        with contextlib.suppress(ConnectionError, TimeoutError):
            super().copyfile(source, outputfile)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the preview's log would drown the task's one line of output."""


class SiteServer(ThreadingHTTPServer):
    """The threading server, minus the traceback it prints for a failed request."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line instead of socketserver's traceback on stderr; nothing for a browser
        that went away."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError | TimeoutError):
            log.error("serve: a request failed (%s: %s)", type(exc).__name__, exc)


def make_server(root: Path, port: int) -> ThreadingHTTPServer:
    """A server for ``root`` on 127.0.0.1:``port`` (0 picks a free port)."""
    if not (root / "index.html").is_file():
        raise PliegoError("there is no site to serve", path=root, hint="run `invoke publish` first")
    if not 0 <= port <= 65535:
        raise PliegoError(f"--port must be between 0 and 65535, not {port}")
    handler = functools.partial(SiteHandler, directory=str(root.resolve()))
    try:
        return SiteServer((HOST, port), handler)
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
