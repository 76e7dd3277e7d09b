"""The online engines: deep-translator behind our :class:`~pliego.prefill.engine.Engine`.

This is the only module that calls deep-translator (:mod:`.targets` reads its
language lists, which are plain data), because its edges are sharp
(``../shared/NOTES.md``) and each one is filed off here:

* **No timeouts.**  deep-translator calls ``requests.get``/``post`` without a
  timeout, so a stalled server hangs forever.  Its modules get our
  :class:`_Http` in place of the ``requests`` module: the same calls through a
  per-thread ``requests.Session`` with a (connect, read) timeout, which makes
  the socket itself give up.  It also remembers the last response, so a
  generic ``RequestError`` can be told apart as 5xx (retry) or 4xx (not).
* **A new connection and a fresh look at the environment per text.**  The
  per-thread session keeps its connection alive, so a worker pays the TCP
  (and TLS) set-up once, not once per paragraph; :class:`_Session` reads the
  proxy settings once per host instead of scanning ``os.environ`` twice a
  request (half of requests' own time per call; the GIL makes every worker
  wait for it).
* **Serial batches that lose everything on the first error.**  We submit one
  request per text (or per piece of a long text) to a bounded thread pool and
  isolate errors per text; a deep-translator object is not thread-safe (it
  keeps the text in ``self._url_params``), so each thread gets its own copy.
* **Exceptions without a common base.**  :func:`_classify` maps every one of
  them, and raw ``requests`` errors, to a reason and whether to retry;
  429, 5xx, timeouts and dropped connections are retried with exponential
  backoff.  Messages are ours: a key in a URL or an exception never reaches
  the output.
* **Results that are not translations.**  ``None``, a non-string, an empty
  string and MyMemory's "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE
  TRANSLATIONS" (sent with HTTP 200) are failures; the quota or a refused key
  stops the engine for the rest of the run instead of failing every text.
* **A lazy table built by every thread at once.**  Google's answer is HTML
  that deep-translator reads with BeautifulSoup, whose entity table (a regular
  expression over all of HTML5's names, 0.1 s to compile) is built on first
  use without a lock: sixteen workers starting together built it sixteen
  times, the first wave of requests waiting on 1.5 s of CPU.
  :func:`_prepare_html_parser` builds it once, before the pool starts.
* **Length limits** (Google < 5000 characters, MyMemory < 500): long texts
  are cut at sentence ends (:func:`pliego.prefill.engine.chunks_within`) and joined back.
"""

from __future__ import annotations

import copy
import functools
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from bs4 import BeautifulSoup
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    constants,
    exceptions,
)
from deep_translator import deepl as _deepl
from deep_translator import google as _google
from deep_translator import libre as _libre
from deep_translator import microsoft as _microsoft
from deep_translator import mymemory as _mymemory

from pliego.prefill.engine import (
    EngineError,
    Failure,
    Outcome,
    Translation,
    chunks_within,
    engine_target,
)


@dataclass(frozen=True)
class NetPolicy:
    """How patient to be with a remote service (``[tool.pliego.prefill]``)."""

    timeout: float = 20.0
    retries: int = 4
    backoff: float = 0.5
    backoff_cap: float = 30.0
    workers: int = 8


class _Session(requests.Session):
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


class _Http:
    """Stands in for the ``requests`` module inside deep-translator's modules."""

    exceptions = requests.exceptions

    def __init__(self) -> None:
        self.timeout = NetPolicy.timeout
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = _Session()
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


HTTP = _Http()
for _module in (_google, _mymemory, _libre, _deepl, _microsoft):
    _module.requests = HTTP
_construct_lock = threading.Lock()


class _Failed(Exception):
    def __init__(
        self, reason: str, *, retry: bool = False, stop: bool = False, wait: float = 0.0
    ) -> None:
        super().__init__(reason)
        self.reason, self.retry, self.stop, self.wait = reason, retry, stop, wait


def _retry_after(response: requests.Response | None) -> float:
    """Seconds a 429/503 answer asks us to wait (``Retry-After: <seconds>``), else 0."""
    if response is None:
        return 0.0
    try:
        return max(0.0, float(response.headers.get("Retry-After", "0")))
    except ValueError:
        return 0.0  # an HTTP date: fall back to our own backoff


_MALFORMED = (
    exceptions.TranslationNotFound,
    exceptions.ElementNotFoundInGetRequest,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    TypeError,
    StopIteration,
)


def _classify(exc: BaseException, status: int | None, timeout: float) -> _Failed:
    """Our reason for any exception deep-translator or requests may raise."""
    if isinstance(exc, requests.Timeout):
        return _Failed(f"no answer within {timeout:g} s", retry=True)
    if isinstance(exc, requests.ConnectionError):
        return _Failed("cannot connect (offline?)", retry=True, stop=True)
    if isinstance(exc, exceptions.TooManyRequests) or status == 429:
        return _Failed("rate-limited (HTTP 429)", retry=True)
    if isinstance(exc, exceptions.AuthorizationException) or status in (401, 403):
        return _Failed("the service refused the key (HTTP 403)", stop=True)
    if isinstance(exc, exceptions.RequestError | exceptions.ServerException):
        if status is not None and status >= 500:
            return _Failed(f"server error (HTTP {status})", retry=True)
        return _Failed(f"request refused (HTTP {status})" if status else "request failed")
    if isinstance(exc, exceptions.NotValidLength):
        return _Failed("text too long for the service")
    if isinstance(exc, _MALFORMED):  # before RequestException: JSONDecodeError is both
        return _Failed(f"malformed answer ({type(exc).__name__})")
    if isinstance(exc, requests.RequestException):
        return _Failed(f"network error ({type(exc).__name__})", retry=True)
    return _Failed(f"unexpected error ({type(exc).__name__})")


Check = Callable[[str, requests.Response | None], None]


def _check_text(result: object) -> str:
    if not isinstance(result, str) or not result.strip():
        raise _Failed("no translation in the answer (empty or None)")
    return result


def _check_mymemory(result: str, response: requests.Response | None) -> None:
    if result.upper().startswith("MYMEMORY WARNING"):
        raise _Failed("MyMemory's daily free quota is used up", stop=True)
    try:
        data = response.json() if response is not None else {}
    except ValueError:
        return
    status = data.get("responseStatus", 200) if isinstance(data, dict) else 200
    if str(status) != "200":
        raise _Failed(f"MyMemory refused the text (status {status})")


class OnlineEngine:
    """One deep-translator service, with timeouts, retries, pool and breaker."""

    masks = True

    def __init__(
        self,
        name: str,
        prototype: Any,
        max_chars: int,
        policy: NetPolicy,
        check: Check | None = None,
    ) -> None:
        self.name = name
        self.max_chars = max_chars
        self.policy = policy
        self.requests_made = 0
        self._prototype = prototype
        self._check = check
        self._local = threading.local()
        self._lock = threading.Lock()
        self._stopped: str | None = None

    def _translator(self) -> Any:
        translator = getattr(self._local, "translator", None)
        if translator is None:
            translator = copy.copy(self._prototype)
            translator._url_params = dict(getattr(self._prototype, "_url_params", {}))
            self._local.translator = translator
        return translator

    def _once(self, text: str) -> str:
        with self._lock:
            if self._stopped:
                raise _Failed(self._stopped)
            self.requests_made += 1
        try:
            result = _check_text(self._translator().translate(text))
            if self._check is not None:
                self._check(result, HTTP.last_response())
            return result
        except _Failed:
            raise
        except Exception as exc:  # deep-translator's exceptions share no base
            last = HTTP.last_response()
            failure = _classify(
                exc, last.status_code if last is not None else None, self.policy.timeout
            )
            failure.wait = _retry_after(last)
            raise failure from None

    def _call(self, text: str) -> str:
        """One text, retried with exponential backoff (or the server's Retry-After).

        A refused connection is retried once only: offline, the engine stops
        after one short wait instead of every text waiting through every retry.
        """
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            try:
                return self._once(text)
            except _Failed as failure:
                last_try = attempt == self.policy.retries or (failure.stop and attempt >= 1)
                if failure.stop and (last_try or not failure.retry):
                    with self._lock:
                        self._stopped = self._stopped or failure.reason
                if not failure.retry or last_try:
                    raise
                wait = max(delay, failure.wait)
            time.sleep(min(wait, self.policy.backoff_cap))
            delay *= 2
        raise AssertionError("unreachable")

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        pieces = [chunks_within(text, self.max_chars) for text in texts]
        done: dict[int, list[str | None]] = {i: [None] * len(p) for i, p in enumerate(pieces)}
        failed: set[int] = set()
        pool = ThreadPoolExecutor(
            max_workers=max(1, self.policy.workers), thread_name_prefix=f"pliego-{self.name}"
        )
        try:
            futures: dict[Future[str], tuple[int, int]] = {}
            for i, parts in enumerate(pieces):
                for j, part in enumerate(parts):
                    futures[pool.submit(self._call, part)] = (i, j)
            for future in as_completed(futures):
                i, j = futures[future]
                if i in failed:
                    continue
                try:
                    done[i][j] = future.result()
                except _Failed as failure:
                    failed.add(i)
                    yield i, Failure(failure.reason, self.name)
                    continue
                if all(part is not None for part in done[i]):
                    yield i, Translation(" ".join(p for p in done[i] if p), self.name)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- construction


@functools.cache
def _prepare_html_parser() -> None:
    """Build BeautifulSoup's lazy entity table here, in one thread (see the module
    docstring); parsing a character reference is what triggers it."""
    BeautifulSoup("<p>&amp;</p>", "html.parser")


LIMITS = {"google": 4999, "mymemory": 499, "libre": 5000, "deepl": 5000, "microsoft": 5000}


def _with_base_url(key: str, url: str | None, build: Callable[[], Any]) -> Any:
    """Build a translator while ``BASE_URLS[key]`` points at ``url`` (tests, proxies)."""
    with _construct_lock:
        saved = constants.BASE_URLS.get(key)
        if url:
            constants.BASE_URLS[key] = url
        try:
            return build()
        finally:
            if saved is not None:
                constants.BASE_URLS[key] = saved


def _require(env: Mapping[str, str], name: str, engine: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise EngineError(
            f"the {engine} engine needs the environment variable {name}",
            hint="set it in your shell; pliego never stores keys in files",
        )
    return value


def build_online(name: str, lang: str, policy: NetPolicy, env: Mapping[str, str]) -> OnlineEngine:
    """Construct an online engine for ``lang`` from environment variables."""
    HTTP.timeout = policy.timeout
    target = engine_target(name, lang)
    check: Check | None = None
    try:
        if name == "google":
            _prepare_html_parser()
            proto = _with_base_url(
                "GOOGLE_TRANSLATE",
                env.get("PLIEGO_GOOGLE_URL"),
                lambda: GoogleTranslator(source="en", target=target),
            )
        elif name == "mymemory":
            email = env.get("PLIEGO_MYMEMORY_EMAIL") or None
            proto = _with_base_url(
                "MYMEMORY",
                env.get("PLIEGO_MYMEMORY_URL"),
                lambda: MyMemoryTranslator(source="en-GB", target=target, email=email),
            )
            check = _check_mymemory
        elif name == "libre":
            url = _require(env, "PLIEGO_LIBRE_URL", name)
            key = _require(env, "PLIEGO_LIBRE_KEY", name)
            proto = LibreTranslator(
                source="en",
                target=target,
                api_key=key,
                custom_url=url if url.endswith("/") else url + "/",
            )
        elif name == "deepl":
            key = _require(env, "PLIEGO_DEEPL_KEY", name)
            free = env.get("PLIEGO_DEEPL_FREE", "1") != "0"
            proto = DeeplTranslator(source="en", target=target, api_key=key, use_free_api=free)
        elif name == "microsoft":
            key = _require(env, "PLIEGO_MICROSOFT_KEY", name)
            region = env.get("PLIEGO_MICROSOFT_REGION") or None
            proto = MicrosoftTranslator(source="en", target=target, api_key=key, region=region)
        else:
            raise EngineError(f"unknown online engine {name!r}")
    except EngineError:
        raise
    except exceptions.LanguageNotSupportedException:  # Microsoft's list, fetched just now
        raise EngineError(
            f"the {name} engine cannot translate into {lang!r}",
            hint="its list of languages says so; choose another engine with --engine",
        ) from None
    except Exception as exc:  # e.g. Microsoft fetches its language list right here
        reason = _classify(exc, None, policy.timeout).reason
        raise EngineError(
            f"the {name} engine could not start: {reason}",
            hint="check the network connection, or choose another engine with --engine",
        ) from None
    return OnlineEngine(name, proto, LIMITS[name], policy, check)
