"""deep-translator's transport: what its modules get in place of ``requests``.

deep-translator calls the module functions ``requests.get``/``post``, which
costs every request four things pliego cannot afford: no timeout (a stalled
server hangs forever), a new connection (TCP and TLS set-up per paragraph),
a fresh scan of ``os.environ`` for proxy settings (about half of requests'
own time per call) and, for Google's HTML answers, a race on BeautifulSoup's
lazy entity table.  Prefill's workers are threads, so all CPU spent here is
GIL time every other worker waits for.  :data:`HTTP` replaces ``requests``
in deep-translator's engine modules when this module is imported:

* a (connect, read) timeout on every call, which makes the socket itself give up;
* one :class:`Session` per worker thread, kept alive between its texts, which
  reads the environment once per host (proxies are still obeyed);
* the last response of the thread remembered, so that a generic
  ``RequestError`` can be told apart as 5xx (retry) or 4xx (not);
* :func:`prepare_html_parser`: BeautifulSoup's HTML5 entity table (a regular
  expression over every entity name, 0.1 s to compile) is built on first use
  without a lock, so sixteen workers parsing their first answers together
  built it sixteen times (1.5 s of CPU in the first wave); built once, before
  the pool starts.
"""

from __future__ import annotations

import functools
import threading
from typing import Any
from urllib.parse import urlsplit

import requests
from bs4 import BeautifulSoup
from deep_translator import deepl as _deepl
from deep_translator import google as _google
from deep_translator import libre as _libre
from deep_translator import microsoft as _microsoft
from deep_translator import mymemory as _mymemory

#: Seconds before a silent server is given up (``[tool.pliego.prefill] timeout``).
DEFAULT_TIMEOUT = 20.0


class Session(requests.Session):
    """A session that reads the environment's proxy and CA settings once per host.

    requests looks them up on every call (``HTTP_PROXY``, ``NO_PROXY``,
    ``REQUESTS_CA_BUNDLE`` …), which walks all of ``os.environ`` twice; they
    cannot change during a run, and which proxy applies depends only on the
    scheme and host, so the answer is kept per (scheme, host, call options).
    Proxies passed by the caller (deep-translator's ``proxies=``) bypass the
    memo and get requests' own merge.
    """

    def __init__(self) -> None:
        super().__init__()
        self._environment: dict[tuple[object, ...], dict[str, Any]] = {}

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> dict[str, Any]:
        if proxies:
            return dict(super().merge_environment_settings(url, proxies, stream, verify, cert))
        parts = urlsplit(str(url))
        key = (parts.scheme, parts.netloc, stream, verify, repr(cert))
        found = self._environment.get(key)
        if found is None:
            found = super().merge_environment_settings(url, {}, stream, verify, cert)
            self._environment[key] = found
        return {name: dict(v) if isinstance(v, dict) else v for name, v in found.items()}


class Http:
    """Stands in for the ``requests`` module inside deep-translator's modules."""

    exceptions = requests.exceptions

    def __init__(self) -> None:
        self.timeout = DEFAULT_TIMEOUT  # the engine sets its own policy's
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = Session()
        return session

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self._local.last = None
        kwargs.setdefault("timeout", (min(self.timeout, 10.0), self.timeout))
        response = self._session().request(method, url, **kwargs)
        self._local.last = response
        return response

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("POST", url, **kwargs)

    def last_response(self) -> requests.Response | None:
        return getattr(self._local, "last", None)


HTTP = Http()
for _module in (_google, _mymemory, _libre, _deepl, _microsoft):
    _module.requests = HTTP


@functools.cache
def prepare_html_parser() -> None:
    """Build BeautifulSoup's lazy entity table here, in one thread (see the
    module docstring); parsing a character reference is what triggers it."""
    BeautifulSoup("<p>&amp;</p>", "html.parser")
