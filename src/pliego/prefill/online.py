"""The online engines: deep-translator behind our :class:`~pliego.prefill.engine.Engine`.

This is the only module that calls deep-translator (:mod:`.targets` reads its
language lists, which are plain data; :mod:`.transport` replaces its
``requests``), because its edges are sharp (``../shared/NOTES.md``) and each
one is filed off here:

* **No timeouts, a connection per text, a GIL race on the first answer.**
  :mod:`.transport` gives deep-translator's modules a stand-in for
  ``requests``: a (connect, read) timeout on every call, one kept-alive
  session per worker thread, the last response remembered (so a generic
  ``RequestError`` can be told apart as 5xx, retried, or 4xx, not), and
  BeautifulSoup's lazy entity table built before the pool starts.
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
* **Length limits** (Google < 5000 characters, MyMemory < 500): long texts
  are cut at sentence ends (:func:`pliego.prefill.engine.chunks_within`) and joined back.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

import requests
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    constants,
    exceptions,
)

from pliego.prefill.engine import (
    EngineError,
    Failure,
    Outcome,
    Translation,
    chunks_within,
    engine_target,
)
from pliego.prefill.transport import DEFAULT_TIMEOUT, HTTP, prepare_html_parser


@dataclass(frozen=True)
class NetPolicy:
    """How patient to be with a remote service (``[tool.pliego.prefill]``)."""

    timeout: float = DEFAULT_TIMEOUT
    retries: int = 4
    backoff: float = 0.5
    backoff_cap: float = 30.0
    workers: int = 8


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
            prepare_html_parser()
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
