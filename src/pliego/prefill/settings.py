"""Which engines prefill uses: ``[tool.pliego.prefill]`` and ``--engine``.

Settings (all optional)::

    [tool.pliego.prefill]
    es = ["memory", "apertium"]   # chain per language: the first that answers wins
    qu = ["memory", "google"]
    workers = 8                   # requests in flight at once, per online engine
    google-workers = 16           # the same for one engine (default: see ENGINE_WORKERS)
    timeout = 20                  # seconds before a silent server is given up
    retries = 4                   # extra attempts after 429, 5xx, timeouts
    backoff = 0.5                 # first wait between attempts; doubles each time
    memory-cutoff = 80            # least similarity (%) of a fuzzy memory match
    tmx = "tm/project.tmx"        # an extra translation memory, TMX 1.4
    save-every = 2                # seconds between saves of the .po during a run

Why validation happens here, before anything is built: an unsupported
language/engine pair, a typo in an engine name or a missing key must stop
the task in one line before any request is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pliego.errors import ConfigError
from pliego.languages import validate_language
from pliego.prefill.engine import check_pair
from pliego.prefill.targets import ENGINES, engines_for
from pliego.project import Settings, check_keys

#: Requests in flight at once when the settings do not say: Google's web
#: endpoint serves 16 at once from one client before it throttles (issue 16);
#: the others are kept at the general default.
ENGINE_WORKERS = {"google": 16}
DEFAULT_WORKERS = 8

_NUMBERS = {
    "workers": (1, 64),
    **{f"{engine}-workers": (1, 64) for engine in ENGINES if engine not in ("memory", "apertium")},
    "timeout": (0.05, 600),
    "retries": (0, 10),
    "backoff": (0.0, 60),
    "memory-cutoff": (1, 100),
    "save-every": (0.0, 3600),
}


@dataclass(frozen=True)
class PrefillOptions:
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    workers: int | None = None  # None: each engine's default
    engine_workers: Mapping[str, int] = field(default_factory=dict)
    timeout: float = 20.0
    retries: int = 4
    backoff: float = 0.5
    memory_cutoff: float = 80.0
    tmx: Path | None = None
    save_every: float = 2.0

    def workers_for(self, engine: str) -> int:
        """The engine's own setting, else the general one, else the engine's default."""
        if engine in self.engine_workers:
            return self.engine_workers[engine]
        if self.workers is not None:
            return self.workers
        return ENGINE_WORKERS.get(engine, DEFAULT_WORKERS)


def default_chain(lang: str) -> tuple[str, ...]:
    """memory, then an offline engine if there is one, else the first online one."""
    others = [e for e in engines_for(lang) if e != "memory"]
    offline = [e for e in others if e == "apertium"]
    return ("memory", *(offline or others)[:1])


def _chain(value: Any, where: str, path: Path | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f'{where} must be a list of engine names, e.g. ["memory", "apertium"]', path=path
        )
    for name in value:
        if name not in ENGINES:
            raise ConfigError(
                f"{where}: unknown engine {name!r}",
                path=path,
                hint=f"choose from {', '.join(ENGINES)}",
            )
    return tuple(dict.fromkeys(value))


def _is_language(key: str) -> bool:
    """A chain for a language the project does not (yet) list is kept, not an error."""
    try:
        validate_language(key)
    except ConfigError:
        return False
    return True


def read_options(settings: Settings) -> PrefillOptions:
    """Validate ``[tool.pliego.prefill]`` (pure apart from reading the mapping)."""
    table = settings.section("prefill")
    path = settings.root / "pyproject.toml"
    chains: dict[str, tuple[str, ...]] = {}
    numbers: dict[str, float] = {}
    tmx: Path | None = None
    check_keys(
        table,
        ("tmx", *_NUMBERS),
        "prefill",
        path,
        also=lambda key: key in settings.languages or _is_language(key),
        hint="use a project language (es, qu …) or one of " + ", ".join(("tmx", *_NUMBERS)),
    )
    for key, value in table.items():
        if key in _NUMBERS:
            low, high = _NUMBERS[key]
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not low <= value <= high
            ):
                raise ConfigError(
                    f"[tool.pliego.prefill] {key} must be a number from {low:g} to {high:g}",
                    path=path,
                )
            numbers[key] = float(value)
        elif key == "tmx":
            if not isinstance(value, str) or not value:
                raise ConfigError("[tool.pliego.prefill] tmx must be a file path", path=path)
            tmx = settings.root / value
        else:  # a language's chain (check_keys admitted nothing else)
            chains[key] = _chain(value, f"[tool.pliego.prefill] {key}", path)
    return PrefillOptions(
        chains=chains,
        tmx=tmx,
        workers=int(numbers["workers"]) if "workers" in numbers else None,
        engine_workers={
            key.removesuffix("-workers"): int(value)
            for key, value in numbers.items()
            if key.endswith("-workers")
        },
        timeout=numbers.get("timeout", 20.0),
        retries=int(numbers.get("retries", 4)),
        backoff=numbers.get("backoff", 0.5),
        memory_cutoff=numbers.get("memory-cutoff", 80.0),
        save_every=numbers.get("save-every", 2.0),
    )


def choose_chain(
    settings: Settings, options: PrefillOptions, lang: str, override: Sequence[str] | None
) -> tuple[str, ...]:
    """The engines for ``lang``, every pair checked; raises before any request."""
    if override:
        chain = _chain(list(override), "--engine", None)  # a command-line mistake: no file
    else:
        chain = options.chains.get(lang) or default_chain(lang)
    for name in chain:
        check_pair(name, lang, settings.source_language)
    return chain


def parse_engine_option(spec: str | None) -> tuple[str, ...] | None:
    """``--engine google,mymemory`` → ``("google", "mymemory")``; empty → settings."""
    if spec is None or not spec.strip():
        return None
    return tuple(p.strip() for p in spec.split(",") if p.strip())
