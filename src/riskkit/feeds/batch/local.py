"""The local engine: the standard library's process pool over the feed's tasks.

Each pool process builds the context once, in the pool's initializer, from the recipe; tasks
carry only their file and byte range, or for a gzipped file the text the parent read for them
(:mod:`riskkit.feeds.batch.feeding`). Results are taken in task order, so rows come out in feed
order whatever finishes first, and handed on one part at a time (:func:`local_results`), so
that the caller need not hold every row. With one worker everything runs in the calling
process, with the context the caller built, and gives the same rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import attrs

from riskkit.feeds.batch.context import Context, install
from riskkit.feeds.batch.feeding import fed_parts
from riskkit.feeds.batch.reading import DUPLICATE, Pending, group_pending, share
from riskkit.feeds.batch.row import Row
from riskkit.feeds.batch.tasks import Part
from riskkit.feeds.batch.worker import TaskResult, run_merged, run_part
from riskkit.feeds.ocds.defects import Origin, ReadStats

Progress = Callable[[int, int, int], None]
"""Told ``(processes done, bytes of the feed done, bytes of the feed)`` after each part, in
bytes as stored (compressed, for a gzipped file)."""


@attrs.frozen
class FeedRun:
    """Every row of a feed in feed order, and what reading it counted."""

    rows: list[Row]
    stats: ReadStats


AHEAD = 2
"""How many parts per worker the parent sends ahead of the one it waits for: enough to keep
every worker busy, few enough that the text and rows in flight stay bounded."""


def run_local(
    tasks: Sequence[Part], context: Context, workers: int, progress: Progress | None = None
) -> FeedRun:
    """Assess every task's processes with ``workers`` processes (the caller's alone for 1)."""
    return combine(list(local_results(tasks, context, workers, progress)))


def local_results(
    tasks: Sequence[Part], context: Context, workers: int, progress: Progress | None = None
) -> Iterator[TaskResult]:
    """Each part's result in feed order as it is done, then the merged releases' results,
    with ``workers`` processes (the caller's alone for 1). At most :data:`AHEAD` parts per
    worker are sent ahead, so what is in flight does not grow with the feed, and the caller
    can write each result's rows and let them go."""
    total = sum(Path(path).stat().st_size for path in {t.path for part in tasks for t in part})
    pending: list[Pending] = []
    rows = 0

    def done(result: TaskResult, stored: int) -> TaskResult:
        nonlocal rows
        pending.append(result.pending)
        rows += len(result.rows)
        if progress is not None:
            progress(rows, min(stored, total), total)
        return result

    sent = 0
    if workers <= 1:
        install(context)
        for fed in fed_parts(tasks):
            sent += fed.stored
            yield done(run_part(fed.part), sent)
        yield done(run_merged(group_pending(pending)), total)
        return
    with ProcessPoolExecutor(workers, initializer=install, initargs=(context.recipe,)) as pool:
        # The pool's processes start (are forked) at the first call: before the parent reads
        # any text, so that none of it is copied into them.
        pool.submit(int).result()
        window: deque[tuple[int, Future[TaskResult]]] = deque()
        for fed in fed_parts(tasks):
            sent += fed.stored
            window.append((sent, pool.submit(run_part, fed.part)))
            if len(window) > AHEAD * workers:
                stored, future = window.popleft()
                yield done(future.result(), stored)
        while window:
            stored, future = window.popleft()
            yield done(future.result(), stored)
        # The releases to merge are shared out between the workers, in order.
        groups = group_pending(pending)
        merging = [pool.submit(run_merged, share(groups, i, workers)) for i in range(workers)]
        for i, future in enumerate(merging, start=1):
            yield done(future.result(), total if i == workers else sent)


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


def count_duplicates(rows: Sequence[Row], stats: ReadStats, seen: set[object] | None = None) -> (
    None
):  # fmt: skip
    """Count each row whose ``ocid`` an earlier row had (``seen``: the ocids of the rows before
    these, updated), as the reader counts them."""
    seen = set() if seen is None else seen
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
