"""The local engine: the standard library's process pool over the feed's tasks.

Each pool process builds the context once, in the pool's initializer, from the recipe; tasks
carry only their file and byte range. Results are taken in task order, so rows come out in feed
order whatever finishes first. With one worker everything runs in the calling process, with the
context the caller built, and gives the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import attrs

from riskkit.feeds.batch.context import Context, install
from riskkit.feeds.batch.reading import DUPLICATE, group_pending, share
from riskkit.feeds.batch.row import Row
from riskkit.feeds.batch.tasks import Part
from riskkit.feeds.batch.worker import TaskResult, run_merged, run_part
from riskkit.feeds.ocds.defects import Origin, ReadStats

Progress = Callable[[int, int, int], None]
"""Told ``(processes done, tasks done, tasks)`` after each task."""


@attrs.frozen
class FeedRun:
    """Every row of a feed in feed order, and what reading it counted."""

    rows: list[Row]
    stats: ReadStats


def run_local(
    tasks: Sequence[Part], context: Context, workers: int, progress: Progress | None = None
) -> FeedRun:
    """Assess every task's processes with ``workers`` processes (the caller's alone for 1)."""
    results: list[TaskResult] = []

    def done(result: TaskResult) -> None:
        results.append(result)
        if progress is not None:
            progress(sum(len(r.rows) for r in results), len(results), len(tasks) + max(1, workers))

    if workers <= 1:
        install(context)
        for task in tasks:
            done(run_part(task))
        done(run_merged(group_pending([r.pending for r in results])))
        return combine(results)
    with ProcessPoolExecutor(workers, initializer=install, initargs=(context.recipe,)) as pool:
        futures: list[Future[TaskResult]] = [pool.submit(run_part, t) for t in tasks]
        for future in futures:
            done(future.result())
        # The releases to merge are shared out between the workers, in order.
        groups = group_pending([r.pending for r in results])
        merging = [pool.submit(run_merged, share(groups, i, workers)) for i in range(workers)]
        for future in merging:
            done(future.result())
    return combine(results)


def combine(results: Sequence[TaskResult]) -> FeedRun:
    """The rows of every task in order, with their counts added up and every ``ocid`` read
    more than once counted over the whole feed."""
    stats = ReadStats()
    rows: list[Row] = []
    for result in results:
        add_stats(stats, result.stats)
        rows.extend(result.rows)
    count_duplicates(rows, stats)
    return FeedRun(rows, stats)


def add_stats(total: ReadStats, part: ReadStats) -> None:
    """Add one task's counts to the total; the first example of each defect (in task order)
    stays the first."""
    total.files += part.files
    total.processes += part.processes
    total.skipped += part.skipped
    total.formats.update(part.formats)
    total.defects.update(part.defects)
    for kind, example in part.examples.items():
        total.examples.setdefault(kind, example)


def count_duplicates(rows: Sequence[Row], stats: ReadStats) -> None:
    """Count each row whose ``ocid`` an earlier row had, as the reader counts them."""
    seen: set[object] = set()
    for row in rows:
        if row["ocid"] in seen:
            stats.add(DUPLICATE, origin_of(str(row["source"])), str(row["ocid"]))
        seen.add(row["ocid"])


def origin_of(source: str) -> Origin:
    """The origin a row's ``source`` names (``file:12`` is line 12 of the file)."""
    file, _, place = source.rpartition(":")
    if file and place.isdigit():
        return Origin(file, f"line {place}")
    return Origin(source)
