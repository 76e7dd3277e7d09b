"""Which build jobs to start next: a small dependency scheduler, pure.

A parallel build (:mod:`pliego.pamphlet.pool`) splits every article of every
language into jobs: ``start`` (the release gates, the prepared HTML, the cover
title's size and the reading edition), then, both from what ``start`` made,
``booklet`` (the imposition of the reading edition's PDF) and ``finish`` (the
print edition, which starts from the reading edition's layout fixes, and the
notes).  Per-language jobs alone left a core idle while the last language ran
(about 0.73 of the serial time with three languages, issue 16); jobs per
edition keep both busy.

:func:`next_jobs` picks, among the jobs whose needs are done, the ones with the
longest chain of work still behind them first (critical path first, the
classic list-scheduling rule), then in the order given (the plan's order), so
a language's reading edition is never left waiting behind another's booklet.
The costs are rough relative weights (seconds of a cold build of the shipped
article on one core), enough to rank chains; nothing is measured at run time.
A reading edition's cost is scaled by how long its text is (the pool reads that
off the catalogues' sizes), so the longest translation starts first instead of
the plan's last language.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

#: One job: (language, article slug, step).
Key = tuple[str, str, str]

#: Rough weights of the steps (a reading edition with its fixing passes is the
#: longest; a ``finish`` without a print edition only gathers notes).
COSTS = {"start": 3.0, "booklet": 2.0, "print": 2.0, "notes": 0.1}


@dataclass(frozen=True)
class Job:
    key: Key
    needs: tuple[Key, ...] = ()
    cost: float = 1.0


def article_jobs(
    lang: str, slug: str, editions: Collection[str], weight: float = 1.0
) -> tuple[Job, ...]:
    """The jobs of one article in one language, for the editions asked for.

    ``weight`` scales its reading edition's cost: the longest text first (with equal
    costs the plan's order decided, and a cold ``--lang all`` left the Quechua reading
    edition, the longest and the one with most fixing passes, to start last)."""
    start = Job((lang, slug, "start"), (), COSTS["start"] * weight)
    jobs = [start]
    if "booklet" in editions:
        jobs.append(Job((lang, slug, "booklet"), (start.key,), COSTS["booklet"]))
    finish = COSTS["print"] if "print" in editions else COSTS["notes"]
    jobs.append(Job((lang, slug, "finish"), (start.key,), finish))
    return tuple(jobs)


def _ranks(jobs: Sequence[Job]) -> dict[Key, float]:
    """Each job's cost plus the longest chain of jobs that need it."""
    needed_by: dict[Key, list[Key]] = {j.key: [] for j in jobs}
    for job in jobs:
        for need in job.needs:
            needed_by[need].append(job.key)
    cost = {j.key: j.cost for j in jobs}

    @cache
    def rank(key: Key) -> float:
        return cost[key] + max((rank(k) for k in needed_by[key]), default=0.0)

    return {j.key: rank(j.key) for j in jobs}


def next_jobs(
    jobs: Sequence[Job], done: Collection[Key], running: Collection[Key], free: int
) -> tuple[Job, ...]:
    """At most ``free`` jobs to start now: not done, not running, every need done;
    the longest chain first, then in the order of ``jobs``."""
    if free <= 0:
        return ()
    ranks = _ranks(jobs)
    ready = [
        (-ranks[j.key], i, j)
        for i, j in enumerate(jobs)
        if j.key not in done and j.key not in running and all(n in done for n in j.needs)
    ]
    return tuple(j for _, _, j in sorted(ready)[:free])


def most_at_once(jobs: Sequence[Job]) -> int:
    """How many of ``jobs`` could ever run at the same time (workers beyond that
    would idle): every job without needs, or all the jobs that need it."""
    roots = [j for j in jobs if not j.needs]
    return sum(max(1, sum(r.key in j.needs for j in jobs)) for r in roots)
