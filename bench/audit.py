"""Benchmark the layout audit and its fixing passes (issue 14).

Two questions, answered on the shipped article in a throw-away copy of the project:

1. What does the audit cost?  A reading-edition typeset *without* the audit
   (A) and *with* it (B: the cached fixes applied, the pages audited, no pass)
   render the same final text, so B - A is the audit's own cost.  They run
   interleaved, A B A B …, so load from other processes falls on both alike;
   the medians and their ratio are printed (target: B/A at most 1.05).  The
   audit alone (walk + rules on an already rendered document) is timed too.
2. How many renders do the passes take?  Each language's editions are made
   cold (no cache) and again with the fixes the cold build decided (a rebuild
   of unchanged input): renders per edition, and the average extra renders
   (target: at most 1 cold, 0 on the rebuild).  The trial documents the passes
   set (pliego.pamphlet.trial) count as a share of a render twice over: by the
   lines they set against the edition's own, and by their time against the
   median time of a full render of the same language's reading edition.

    python3 bench/audit.py [--repeat 7] [--lang en]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _pair import project

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pliego.pamphlet.trial as trial_module  # noqa: E402
from pliego.pamphlet.config import build_config  # noqa: E402
from pliego.pamphlet.editions import make_editions, prepare  # noqa: E402
from pliego.pamphlet.fixes import MAX_PASSES, Fix, apply_fixes, audit_document  # noqa: E402
from pliego.pamphlet.typeset import READING, Typeset, typeset  # noqa: E402
from pliego.paths import articles  # noqa: E402
from pliego.project import read_settings  # noqa: E402

LANGS = ("en", "es", "qu")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--lang", default="en", help="language of the cost measurement")
    opts = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1675900800")
    with tempfile.TemporaryDirectory(prefix="pliego-bench-") as tmp:
        settings = read_settings(project(Path(tmp)))
        config = build_config(settings)
        source = articles(settings)[0]
        styles = settings.root / "styles"

        # ---- 1. the audit's cost, A B A B
        prep = prepare(settings, config, opts.lang, source, draft=False, epoch=0)
        images = frozenset(prep.images.files.values())

        def run(html: str, fixes: tuple[Fix, ...] | None = None, passes: int = 0) -> Typeset:
            return typeset(
                html,
                prep.templates,
                READING,
                identifier="bench",
                fetcher_root=styles,
                images=images,
                fixes=fixes,
                passes=passes,
            )

        def timed(html: str, fixes: tuple[Fix, ...] | None = None) -> float:
            start = time.perf_counter()
            run(html, fixes)
            return time.perf_counter() - start

        decided = run(prep.html, (), MAX_PASSES).layout
        assert decided is not None
        fixed = apply_fixes(prep.html, decided.fixes)
        plain: list[float] = []
        audited: list[float] = []
        alone: list[float] = []
        rendering: list[float] = []
        for _ in range(opts.repeat):
            plain.append(timed(fixed))
            audited.append(timed(prep.html, decided.fixes))
            start = time.perf_counter()
            document = _render(fixed, prep.templates, styles, images)
            rendering.append(time.perf_counter() - start)
            start = time.perf_counter()
            audit_document(document)
            alone.append(time.perf_counter() - start)
        a, b = statistics.median(plain), statistics.median(audited)
        print(
            f"article: {source.name}; cost measured in {opts.lang!r}, {opts.repeat} runs, A B A B"
        )
        print(f"  A  reading edition, no audit          median {a:7.3f} s")
        print(f"  B  reading edition, audited, no pass  median {b:7.3f} s")
        print(f"  ratio B/A  {b / a:6.3f}   (audit {100 * (b - a) / a:+.1f}%, target at most +5%)")
        print(f"  the audit alone (walk + rules)        median {statistics.median(alone):7.4f} s")
        full = statistics.median(rendering)
        print(f"  a full render (layout only)           median {full:7.3f} s")

        trial_seconds: list[float] = []
        real_trial = trial_module.run_trial

        def run_trial(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return real_trial(*args, **kwargs)
            finally:
                trial_seconds.append(time.perf_counter() - start)

        trial_module.run_trial = run_trial  # type: ignore[assignment]

        # ---- 2. renders per edition, cold and on a rebuild
        cold_extra = cold_timed = warm_extra = 0.0
        count = 0
        for lang in LANGS:
            both = ("reading", "print")
            del trial_seconds[:]
            cold = make_editions(
                settings, config, lang, source, draft=False, editions=both, epoch=0, fixes={}
            )
            spent = sum(trial_seconds)  # the print edition sets none when its layout is equal
            # a full render of this language's reading edition, as settled (Quechua's
            # soft hyphens make its lines dearer than English ones): what a trial is against
            own = prepare(settings, config, lang, source, draft=False, epoch=0)
            settled_html = apply_fixes(own.html, cold.layout["reading"].fixes)
            own_images = frozenset(own.images.files.values())
            renders = []
            for _ in range(3):
                start = time.perf_counter()
                _render(settled_html, own.templates, styles, own_images)
                renders.append(time.perf_counter() - start)
            full = statistics.median(renders)
            cached = {kind: s.fixes for kind, s in cold.layout.items()}
            warm = make_editions(
                settings, config, lang, source, draft=False, editions=both, epoch=0, fixes=cached
            )
            for kind in cold.layout:
                c, w = cold.layout[kind], warm.layout[kind]
                share = c.trial_lines / c.lines if c.lines else 0.0
                seconds = spent if c.trial_lines else 0.0
                print(
                    f"  {lang} {kind:<7}  cold {c.renders} renders + trials of {c.trial_lines} "
                    f"lines ({share:.2f} of its {c.lines}; {seconds:.2f} s = "
                    f"{seconds / full:.2f} of its {full:.2f} s render), {len(c.fixes)} fixes, "
                    f"{len(c.remaining)} "
                    f"left   rebuild {w.renders} render, {w.trial_lines} trial lines, "
                    f"{len(w.remaining)} left"
                )
                cold_extra += c.renders - 1 + share
                cold_timed += c.renders - 1 + seconds / full
                warm_extra += w.renders - 1 + (w.trial_lines / w.lines if w.lines else 0.0)
                count += 1
        print(
            f"  extra renders per edition: cold {cold_extra / count:.2f} counting trial lines, "
            f"{cold_timed / count:.2f} counting trial time (target at most 1), "
            f"rebuild {warm_extra / count:.2f} (target 0)"
        )
        every = count + len(LANGS)  # the booklets: imposed from the reading pages, no render
        print(
            f"  over all {every} editions (reading, booklet, print): cold "
            f"{cold_extra / every:.2f} counting trial lines, {cold_timed / every:.2f} "
            "counting trial time"
        )


def _render(html: str, base: Path, styles: Path, images: frozenset[Path]) -> object:
    from weasyprint import HTML  # type: ignore[import-untyped]

    from pliego.pamphlet.typeset import StylesFetcher

    fetcher = StylesFetcher(styles, images)
    return HTML(string=html, base_url=str(base) + "/", url_fetcher=fetcher).render(
        pdf_tags=True, pdf_variant="pdf/ua-1"
    )


if __name__ == "__main__":
    main()
