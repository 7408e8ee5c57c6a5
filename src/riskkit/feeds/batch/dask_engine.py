"""The Dask engine (``pip install riskkit[dask]``): the same tasks as a lazy dask dataframe.

The context reaches each worker once, through a ``distributed`` worker plugin whose ``setup``
builds it from the recipe (also on workers that join later); tasks carry only their part of the
feed. Each task is one partition, in task order, and the releases every task leaves to merge
are merged in the last partitions (one share per worker, in order), as the local engine does.
The frame is lazy: ranking, counting and Parquet writing run on the workers, and only digests
come back to the client (:func:`digest_frame`), with, for a CSV or HTML output, each
partition's CSV text or rows, one at a time and in order, for the client to write.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from riskkit.errors import RiskkitError
from riskkit.feeds.batch.context import BatchUnavailable, Recipe
from riskkit.feeds.batch.digest import Digest, digest
from riskkit.feeds.batch.frame import frame_of, rows_of
from riskkit.feeds.batch.local import add_stats
from riskkit.feeds.batch.output import csv_text
from riskkit.feeds.batch.reading import DUPLICATE, group_pending, share
from riskkit.feeds.batch.row import COLUMNS, Row
from riskkit.feeds.batch.since import Previous, add_changes
from riskkit.feeds.batch.tasks import Part
from riskkit.feeds.batch.worker import TaskResult, run_merged, run_part
from riskkit.feeds.ocds.defects import ReadStats

if TYPE_CHECKING:
    import pandas
    from dask.dataframe import DataFrame
    from dask.delayed import Delayed
    from distributed import Client

PLUGIN = "riskkit-batch-context"
CONNECT_TIMEOUT = "10s"
"""How long to wait for a ``--scheduler`` to answer."""


class UnreachableScheduler(RiskkitError):
    """A ``--scheduler`` address that no Dask scheduler answers at."""


def require_dask() -> None:
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise BatchUnavailable(
            "the dask engine needs the dask extra: pip install riskkit[dask]"
        ) from None


def connect(scheduler: str | None, workers: int) -> Client:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of ``workers``
    single-threaded worker processes."""
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster)
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise UnreachableScheduler(
            f"--scheduler {scheduler}: no Dask scheduler answers there ({exc})"
        ) from None


def feed_frame(
    tasks: Sequence[Part], recipe: Recipe, client: Client, workers: int
) -> tuple[DataFrame, Delayed]:
    """The rows of the feed as a lazy dask dataframe (one partition per task, then ``workers``
    shares of the merged releases), and the read counts as a delayed :class:`ReadStats`."""
    import dask.dataframe
    from dask import delayed

    from riskkit.feeds.batch.dask_plugin import ContextPlugin

    client.register_plugin(ContextPlugin(recipe), name=PLUGIN)
    results = []
    for index, task in enumerate(tasks):
        # Earlier parts first: a worker then mostly gets a gzipped file's ranges in order and
        # goes on from where its last one ended (riskkit.feeds.batch.reading), rather than
        # decompressing the file from its start for each, and the parts' CSV texts are ready
        # about when the client writes them.
        with dask.annotate(priority=-index):
            results.append(delayed(run_part, pure=True)(task))
    pending = [delayed(operator.attrgetter("pending"))(r) for r in results]
    groups = delayed(group_pending)(pending)
    for part in range(workers):
        results.append(delayed(run_merged, pure=True)(delayed(share)(groups, part, workers)))
    parts = [delayed(_frame)(r) for r in results]
    frame = dask.dataframe.from_delayed(parts, meta=frame_of([]), verify_meta=False)
    # The counts are taken out of each result on its own, so that a result (and its rows) can
    # be let go once its partition is made: a task over every result would hold them all.
    counts = [delayed(operator.attrgetter("stats"))(r) for r in results]
    return frame, delayed(_stats)(counts)


def with_changes(frame: DataFrame, previous: Any) -> DataFrame:
    """The frame with a ``change`` column against an earlier run (``previous``: the earlier
    verdicts, or a future of them scattered to the workers)."""
    meta = frame_of([], (*COLUMNS, "change"))
    return frame.map_partitions(_changed, previous, meta=meta)


def digest_frame(
    frame: DataFrame,
    stats: Delayed,
    n: int,
    previous: Any = None,
    writes: Sequence[Any] = (),
    ordered: Sequence[Delayed] = (),
    take: Callable[[Any], None] | None = None,
) -> tuple[list[Digest], ReadStats, list[Any]]:
    """Each partition's digest, the read counts and what ``writes`` give (a delayed Parquet
    write), computed in one pass: only digests come back to the client, and what ``ordered``
    gives (each partition's CSV text, :func:`csv_part`, or its rows for a page,
    :func:`plain_rows`) one partition at a time, handed to ``take`` in order as they are done,
    so that the client holds one part of the output at a time."""
    from dask import delayed
    from distributed import default_client

    digests = [delayed(_digest)(part, n, previous) for part in frame.to_delayed()]
    # One partition of counts, reduced as a tree: a shuffle costs more than it saves here.
    counts = frame["ocid"].value_counts(split_out=1)
    duplicates = (counts[counts > 1] - 1).sum().to_delayed()
    wanted = [delayed(digests), stats, duplicates, *(delayed(write) for write in writes)]
    futures = default_client().compute([*wanted, *ordered])
    for future in futures[len(wanted) :]:
        part = future.result()
        future.release()
        if take is not None:
            take(part)
    found, read, repeated, *written = (future.result() for future in futures[: len(wanted)])
    if int(repeated):
        read.defects[DUPLICATE] += int(repeated)
        read.examples.setdefault(DUPLICATE, "")  # where is not known without gathering ocids
    return found, read, written


def csv_part(part: pandas.DataFrame, columns: Sequence[str]) -> str:
    """A partition's rows as CSV text without the header, as the local engine writes them."""
    return csv_text(rows_of(part), columns, header=False)


def part_name(number: int) -> str:
    """The name of a partition's Parquet file: numbered so that names sort in feed order."""
    return f"part.{number:06d}.parquet"


def plain_rows(part: pandas.DataFrame) -> list[Row]:
    """A partition's rows as plain values."""
    return rows_of(part)


def close(client: Client, *, owned: bool) -> None:
    """Close the client, and the local cluster it was given when ``owned``."""
    cluster = client.cluster if owned else None
    client.close()
    if cluster is not None:
        cluster.close()


def _frame(result: TaskResult) -> pandas.DataFrame:
    return frame_of(result.rows)


def _stats(counts: Sequence[ReadStats]) -> ReadStats:
    total = ReadStats()
    for part in counts:
        add_stats(total, part)
    return total


def _changed(part: pandas.DataFrame, previous: Previous) -> pandas.DataFrame:
    rows = rows_of(part)
    add_changes(rows, previous)
    return frame_of(rows, (*COLUMNS, "change"))


def _digest(part: pandas.DataFrame, n: int, previous: Previous | None) -> Digest:
    return digest(rows_of(part), n, previous)
