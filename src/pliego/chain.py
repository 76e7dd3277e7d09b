"""Engines in a chain, each machine engine behind the masking layer.

Why a chain: the translation memory knows the project's own reviewed
wording but covers little; a machine engine covers everything but badly.
``memory,apertium`` asks the memory first and sends only what it could not
answer to Apertium; every text ends with the first engine that answered, or
with the failure of the last one asked.  Engines work on whole batches (one
Apertium process, one thread pool), not text by text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .masking import MarkupLost, Masked, mask, unmask
from .mt import Engine, Failure, Outcome, Translation, split_edges


class MaskedEngine:
    """Mask markup and protected terms, strip the edges, and undo both after.

    A translation whose placeholders do not all come back exactly once is a
    :class:`~pliego.mt.Failure` ("markup not kept"), so the next engine in the
    chain gets its chance and nothing broken is written.
    """

    masks = False  # the masking is done here, once

    def __init__(self, inner: Engine, terms: Sequence[str] = ()) -> None:
        self.inner = inner
        self.name = inner.name
        self.terms = tuple(terms)

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        edges: list[tuple[str, str]] = []
        masked: list[Masked] = []
        send: list[int] = []
        for i, text in enumerate(texts):
            lead, core, trail = split_edges(text)
            edges.append((lead, trail))
            masked.append(mask(core, self.terms))
            if masked[-1].has_words():
                send.append(i)
            else:
                yield i, Failure("nothing to translate", self.name)
        for j, outcome in self.inner.translate_many([masked[i].text for i in send]):
            i = send[j]
            if isinstance(outcome, Translation):
                try:
                    text = unmask(masked[i], outcome.text.strip())
                except MarkupLost as lost:
                    yield i, Failure(f"markup not kept ({lost})", self.name)
                    continue
                lead, trail = edges[i]
                yield i, Translation(lead + text + trail, outcome.engine, outcome.detail)
            else:
                yield i, outcome


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
