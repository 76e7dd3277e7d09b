"""The parallel build's scheduler: which jobs start when (pure, no processes)."""

from __future__ import annotations

import heapq

from pliego.pamphlet.schedule import COSTS, Job, Key, article_jobs, most_at_once, next_jobs

ALL = ("reading", "booklet", "print")


def _graph(*langs: str, editions: tuple[str, ...] = ALL) -> list[Job]:
    return [j for lang in langs for j in article_jobs(lang, "a", editions)]


def _simulate(jobs: list[Job], workers: int, seconds: dict[Key, float]) -> dict[Key, float]:
    """When each job starts, running the scheduler as the pool does (a job frees its
    worker after ``seconds[key]``)."""
    done: set[Key] = set()
    running: list[tuple[float, Key]] = []
    started: dict[Key, float] = {}
    now = 0.0
    while len(done) < len(jobs):
        for job in next_jobs(jobs, done, {k for _, k in running}, workers - len(running)):
            started[job.key] = now
            heapq.heappush(running, (now + seconds[job.key], job.key))
        now, key = heapq.heappop(running)
        done.add(key)
    return started


def test_an_article_starts_with_its_reading_edition_and_the_others_need_it() -> None:
    start, booklet, finish = article_jobs("es", "a", ALL)
    assert start == Job(("es", "a", "start"), (), COSTS["start"])
    assert booklet.needs == finish.needs == (start.key,)
    assert finish.cost == COSTS["print"]
    reading_only = article_jobs("es", "a", ("reading",))
    assert [j.key[2] for j in reading_only] == ["start", "finish"]
    assert reading_only[1].cost == COSTS["notes"]


def test_nothing_starts_before_what_it_needs() -> None:
    jobs = _graph("en", "es")
    first = next_jobs(jobs, set(), set(), free=4)
    assert [j.key for j in first] == [("en", "a", "start"), ("es", "a", "start")]
    after = next_jobs(jobs, {("en", "a", "start")}, {("es", "a", "start")}, free=4)
    assert {j.key for j in after} == {("en", "a", "booklet"), ("en", "a", "finish")}


def test_no_free_worker_no_job_and_nothing_twice() -> None:
    jobs = _graph("en")
    assert next_jobs(jobs, set(), set(), free=0) == ()
    assert next_jobs(jobs, set(), {("en", "a", "start")}, free=2) == ()
    everything = {j.key for j in jobs}
    assert next_jobs(jobs, everything, set(), free=2) == ()


def test_the_longest_chain_goes_first_then_the_plan_order() -> None:
    """A language's reading edition (a chain of two steps) before another's booklet
    (one step), although that language comes first in the plan."""
    jobs = _graph("en", "es")
    done = {("en", "a", "start")}
    picked = next_jobs(jobs, done, set(), free=1)
    assert [j.key for j in picked] == [("es", "a", "start")]
    # equal chains: the order given
    picked = next_jobs(jobs, done | {("es", "a", "start")}, set(), free=2)
    assert [j.key for j in picked] == [("en", "a", "booklet"), ("en", "a", "finish")]


def test_three_languages_keep_two_workers_busy() -> None:
    """The shape of issue 16: with per-language jobs, three languages on two workers
    take two languages' time; split per edition, about one and a half."""
    jobs = _graph("en", "es", "qu")
    seconds = {j.key: j.cost for j in jobs}
    starts = _simulate(jobs, 2, seconds)
    for job in jobs:
        for need in job.needs:
            assert starts[job.key] >= starts[need] + seconds[need]
    makespan = max(starts[k] + seconds[k] for k in starts)
    per_language = 2 * sum(j.cost for j in jobs if j.key[0] == "en")
    assert makespan <= 0.8 * per_language
    # the workers idle less, in all, than the shortest job lasts
    assert 2 * makespan - sum(seconds.values()) < min(seconds.values())


def test_how_many_workers_a_build_can_use() -> None:
    assert most_at_once(_graph("en")) == 2  # booklet beside the print edition
    assert most_at_once(_graph("en", editions=("reading",))) == 1
    assert most_at_once(_graph("en", "es", "qu")) == 6
    assert most_at_once([]) == 0


def test_the_longest_text_starts_first_and_the_build_ends_sooner() -> None:
    """Three languages on two workers, the third's reading edition twice as long as
    the others' (as Quechua's, with its fixing passes, is): weighted by text, it
    starts at once and the build ends when it does; unweighted, the plan's order
    left it to start last."""
    seconds = {}
    for lang, reading in (("en", 1.0), ("es", 1.2), ("qu", 2.4)):
        for step, cost in (("start", reading), ("booklet", 0.1), ("finish", 0.4)):
            seconds[lang, "a", step] = cost

    def ends(jobs: list[Job]) -> float:
        started = _simulate(jobs, 2, seconds)
        return max(started[k] + seconds[k] for k in started)

    plain = _graph("en", "es", "qu")
    weighted = [
        j
        for lang, weight in (("en", 0.8), ("es", 0.98), ("qu", 1.0))
        for j in article_jobs(lang, "a", ALL, weight)
    ]
    assert _simulate(weighted, 2, seconds)["qu", "a", "start"] == 0.0
    assert _simulate(plain, 2, seconds)["qu", "a", "start"] > 0.0
    assert ends(weighted) < ends(plain)
