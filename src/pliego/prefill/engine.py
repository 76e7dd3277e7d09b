"""The machine-translation adapter interface every prefill engine speaks.

Why our own interface: deep-translator, Apertium and the translation memory
fail in different ways (exceptions without a common base, ``None`` results,
quota warnings returned as translations, a hanging socket, a missing binary).
Behind :class:`Engine` they all look alike: a batch of texts goes in and, in
whatever order they finish, one :data:`Outcome` per text comes out, a
:class:`Translation` or a :class:`Failure`.  A failure concerns one text only,
so one bad paragraph never loses the others (deep-translator's own
``translate_batch`` loses the whole batch on the first error).

This module also rejects an unsupported engine and language pair before any
request, from the engines' own lists (:mod:`pliego.prefill.targets`).

**The chain** (:func:`run_chain`), because the translation memory knows the
project's own reviewed wording but covers little; a machine engine covers
everything but badly.  ``memory,apertium`` asks the memory first and sends
only what it could not answer to Apertium; every text ends with the first
engine that answered, or with the failure of the last one asked.  Engines work
on whole batches (one Apertium process, one thread pool), not text by text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from pliego.errors import PliegoError
from pliego.markdown.segment import split_sentences
from pliego.prefill.targets import ENGINES, LISTED_ONLINE, OFFLINE, engines_for, target_code


@dataclass(frozen=True)
class Translation:
    """A machine (or memory) translation of one text.

    ``detail`` is what the provenance comment shows beside the engine name,
    e.g. the similarity of a translation-memory match (``"87%"``).
    """

    text: str
    engine: str
    detail: str = ""


@dataclass(frozen=True)
class Failure:
    """Why one text got no translation from one engine (shown in the summary)."""

    reason: str
    engine: str


Outcome = Translation | Failure


class Engine(Protocol):
    """What the prefill chain needs from an engine."""

    name: str
    #: Whether the texts must be masked first (machine translation: yes;
    #: translation memory, which looks up the English as written: no).
    masks: bool

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        """Yield ``(index, outcome)`` for every text, in completion order."""
        ...


class EngineError(PliegoError):
    """An engine cannot be used at all (missing key, binary or network)."""


# --------------------------------------------------------------------------- support

#: How each engine is configured, for error hints.
NEEDS = {
    "apertium": "the Debian packages apertium and apertium-eng-spa",
    "google": "a network connection",
    "mymemory": "a network connection (PLIEGO_MYMEMORY_EMAIL raises the daily quota)",
    "libre": "PLIEGO_LIBRE_URL and PLIEGO_LIBRE_KEY",
    "deepl": "PLIEGO_DEEPL_KEY",
    "microsoft": "PLIEGO_MICROSOFT_KEY (and PLIEGO_MICROSOFT_REGION)",
}


def check_pair(engine: str, lang: str, source_language: str = "en") -> None:
    """Reject an engine that does not exist or cannot serve ``lang`` (no request made)."""
    if engine not in ENGINES:
        raise EngineError(
            f"unknown prefill engine {engine!r}", hint=f"choose from {', '.join(ENGINES)}"
        )
    if engine != "memory" and source_language.split("_")[0].split("-")[0] != "en":
        raise EngineError(
            f"the {engine} engine is set up for English sources only, not {source_language!r}"
        )
    if engine in LISTED_ONLINE or engine in engines_for(lang):
        return  # Microsoft's list is fetched, and checked, when the engine starts
    online = [e for e in engines_for(lang) if e not in OFFLINE]
    offline = [e for e in engines_for(lang) if e in OFFLINE and e != "memory"]
    hint = f"engines for {lang!r}: memory" + "".join(f", {e}" for e in (*offline, *online))
    if not offline:
        hint += f" (no offline engine translates {lang!r}; the online ones need a network)"
    raise EngineError(f"the {engine} engine cannot translate into {lang!r}", hint=hint)


def engine_target(engine: str, lang: str) -> str:
    """The code ``engine`` is asked to translate ``lang`` into; an unsupported
    pair is the :class:`EngineError` of :func:`check_pair`."""
    check_pair(engine, lang)
    code = target_code(engine, lang)
    if code is None:  # check_pair let it through, so its list knows lang
        raise EngineError(f"the {engine} engine cannot translate into {lang!r}")
    return code


def offline_note(lang: str) -> str | None:
    """The plain statement a user needs when ``lang`` has no offline engine."""
    if any(e in OFFLINE and e != "memory" for e in engines_for(lang)):
        return None
    online = [e for e in engines_for(lang) if e not in OFFLINE]
    return (
        f"no offline engine translates {lang!r} (no Apertium pair, no local model); "
        f"online engines that do: {', '.join(online) or 'none'}; "
        "only the translation memory works offline"
    )


# --------------------------------------------------------------------------- text helpers

_EDGE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def split_edges(text: str) -> tuple[str, str, str]:
    """``(leading white space, core, trailing white space)``; engines strip the edges."""
    m = _EDGE.match(text)
    assert m is not None
    return m.group(1), m.group(2), m.group(3)


def chunks_within(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces shorter than ``limit`` characters, at sentence ends.

    Sentences are packed greedily so that as few requests as possible are
    made; a sentence longer than the limit is cut at the last space that fits
    (or hard, for a single enormous word).  Joining the pieces with one space
    gives back the text up to white space between sentences.
    """
    if len(text) < limit:
        return [text]
    pieces: list[str] = []
    for sentence in split_sentences(text):
        rest = sentence
        while len(rest) >= limit:
            cut = rest.rfind(" ", 0, limit - 1)
            cut = cut if cut > 0 else limit - 1
            pieces.append(rest[:cut].strip())
            rest = rest[cut:].strip()
        if rest:
            pieces.append(rest)
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + 1 + len(piece) < limit:
            packed[-1] += " " + piece
        else:
            packed.append(piece)
    return packed


def run_chain(engines: Sequence[Engine], texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
    """The final outcome of every text: the first engine's translation, or the last failure."""
    pending = list(range(len(texts)))
    for position, engine in enumerate(engines):
        last = position == len(engines) - 1
        failed: list[int] = []
        for j, outcome in engine.translate_many([texts[i] for i in pending]):
            if isinstance(outcome, Translation) or last:
                yield pending[j], outcome
            else:
                failed.append(pending[j])
        failed.sort()
        pending = failed
        if not pending:
            return
