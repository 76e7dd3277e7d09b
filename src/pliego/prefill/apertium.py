"""Apertium (``apertium eng-spa``): the offline Spanish engine.

Why many segments per process: starting the Apertium pipeline costs about
0.2 s, translating a paragraph a few milliseconds.  A batch of texts goes
through one process in HTML mode (``-f html``), each text HTML-escaped and
followed by a separator tag ``<hr id="pliego-N"/>``: Apertium passes tags
through untouched, so the output splits back by those numbered tags, and a
missing or out-of-order tag is detected (the batch is then redone one text
per process, slower but never misaligned).  We verified that text on one side
of a separator is never moved to the other side.  Its null-flush mode
(``-z``) is no use for this: the Debian pipeline drops the NUL bytes and glues
neighbouring words together.

Apertium capitalises the first word of every input as if it began a sentence;
a text that starts in lower case (a list item continuing a sentence) gets
its lower-case start back.  It also glues together the words it translates a
hyphenated compound into ("campañadeocho semanas"); the target language's own
Apertium analyser (:class:`Lexicon`) tells clean-up rule 8
(:func:`pliego.prefill.cleanup.unglue`) where they were.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pliego.prefill.engine import EngineError, Failure, Outcome, Translation

PACKAGES = "apertium apertium-eng-spa"
_SEPARATOR = re.compile(r'<hr id="pliego-(\d+)"\s*/?>')


def _first_letter(text: str) -> int | None:
    return next((i for i, c in enumerate(text) if c.isalpha()), None)


def keep_case(source: str, result: str) -> str:
    """Undo Apertium's capitalisation of a text that starts in lower case (pure)."""
    s, r = _first_letter(source), _first_letter(result)
    if s is None or r is None or not source[s].islower() or not result[r].isupper():
        return result
    return result[:r] + result[r].lower() + result[r + 1 :]


def join_batch(texts: Sequence[str]) -> str:
    return "".join(
        f'{html.escape(t, quote=False)}<hr id="pliego-{i}"/>\n' for i, t in enumerate(texts)
    )


def split_batch(output: str, count: int) -> list[str] | None:
    """The translations from one process's output; ``None`` if the tags went astray."""
    marks = list(_SEPARATOR.finditer(output))
    if [int(m.group(1)) for m in marks] != list(range(count)):
        return None
    texts, start = [], 0
    for m in marks:
        texts.append(html.unescape(output[start : m.start()]).strip())
        start = m.end()
    return texts


_UNIT = re.compile(r"\^([^/$]*)/([^$]*)\$")


class Lexicon:
    """Which words a language's Apertium dictionary knows: its morphological analyser
    (``lt-proc <xxx-eng>.automorf.bin``), one process per call, answers remembered."""

    def __init__(self, analyser: Path, timeout: float = 60.0) -> None:
        self.analyser, self.timeout = analyser, timeout
        self._known: dict[str, bool] = {}

    @classmethod
    def for_mode(cls, binary: str, mode: str) -> Lexicon | None:
        """The target's analyser of an installed pair (``eng-spa`` → ``spa-eng.automorf.bin``
        beside the pair's own files), or ``None`` when it or ``lt-proc`` is missing."""
        source, _, target = mode.partition("-")
        modes = Path(binary).resolve().parent.parent / "share" / "apertium" / "modes"
        for folder in (
            modes.parent / f"apertium-{mode}",
            modes.parent / f"apertium-{target}-{source}",
        ):
            analyser = folder / f"{target}-{source}.automorf.bin"
            if analyser.is_file() and shutil.which("lt-proc"):
                return cls(analyser)
        return None

    def __call__(self, words: Iterable[str]) -> set[str]:
        asked = {w for w in words if w and w.isalpha()}
        new = sorted(w for w in asked if w not in self._known)
        if new:
            # One word per line, a full stop between: no multiword entry spans them.
            done = subprocess.run(
                ["lt-proc", str(self.analyser)],
                input="\n.\n".join(new) + "\n",
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
            answers = {
                m.group(1): not m.group(2).startswith("*") for m in _UNIT.finditer(done.stdout)
            }
            for word in new:  # a word lt-proc did not answer for counts as unknown
                self._known[word] = done.returncode == 0 and answers.get(word, False)
        return {w for w in asked if self._known[w]}


class ApertiumEngine:
    """``apertium -u -f html <mode>`` over batches of texts, as Apertium writes them;
    :attr:`lexicon` is the target's dictionary, for clean-up rule 8 (applied after the
    cache, with the other rules, so a cached draft gets it too)."""

    name = "apertium"
    masks = True

    def __init__(self, mode: str = "eng-spa", batch: int = 200, timeout: float = 120.0) -> None:
        binary = shutil.which("apertium")
        if binary is None:
            raise EngineError(
                "Apertium is not installed, so there is no offline Spanish engine",
                hint=f"install the Debian packages: sudo apt-get install {PACKAGES}",
            )
        self.binary, self.mode, self.batch, self.timeout = binary, mode, batch, timeout
        self.processes = 0
        listing = self._run(["-l"], "")
        if mode not in listing.split():
            raise EngineError(
                f"the Apertium language pair {mode} is not installed",
                hint=f"install the Debian packages: sudo apt-get install {PACKAGES}",
            )
        self.lexicon = Lexicon.for_mode(binary, mode)

    def _run(self, args: list[str], text: str) -> str:
        self.processes += 1
        try:
            done = subprocess.run(
                [self.binary, *args],
                input=text,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise EngineError(f"Apertium did not finish within {self.timeout:g} s") from None
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["no message"])[0]
            raise EngineError(
                f"Apertium failed: {first}", hint=f"check the Debian packages {PACKAGES}"
            )
        return done.stdout

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        """Translate texts in one process (one per text if the output cannot be split)."""
        out = split_batch(self._run(["-u", "-f", "html", self.mode], join_batch(texts)), len(texts))
        if out is None:
            out = []
            for text in texts:
                one = split_batch(self._run(["-u", "-f", "html", self.mode], join_batch([text])), 1)
                out.append(one[0] if one else "")
        return [keep_case(src, dst) for src, dst in zip(texts, out, strict=True)]

    def translate_many(self, texts: Sequence[str]) -> Iterator[tuple[int, Outcome]]:
        for start in range(0, len(texts), self.batch):
            part = texts[start : start + self.batch]
            for offset, result in enumerate(self.translate_batch(part)):
                if result:
                    yield start + offset, Translation(result, self.name)
                else:
                    yield start + offset, Failure("Apertium gave no output", self.name)
