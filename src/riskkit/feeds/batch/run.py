"""A whole batch: plan the feed's tasks, run them on an engine, write the rows, digest them.

The context is built here first, once, before any worker starts: a bad list, pack or BODS
file is one clear error, and the day it assesses as of (``Assessor.of``'s default, today, when
none is given) becomes every worker's day, so that a batch that runs past midnight still
assesses every process as of the same day.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

import attrs

from riskkit.errors import InvalidInput
from riskkit.feeds.batch import dask_engine
from riskkit.feeds.batch.context import Context, Mapper, Recipe, build
from riskkit.feeds.batch.digest import Digest, combine, digest
from riskkit.feeds.batch.local import Progress, add_stats, count_duplicates, local_results
from riskkit.feeds.batch.output import RowWriter, arrow_schema, finished, output_kind
from riskkit.feeds.batch.row import COLUMNS
from riskkit.feeds.batch.since import add_changes, read_previous
from riskkit.feeds.batch.tasks import DASK_TASK_BYTES, Part, plan_parts
from riskkit.feeds.ocds.defects import ReadStats
from riskkit.packs.lists import MAX_LIST_AGE_DAYS

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")
RANGES_PER_WORKER = 4
"""JSON Lines files are cut into about this many ranges per worker, so that a slow range
does not leave the other workers idle at the end."""


@attrs.frozen
class Plan:
    """A feed ready to run: its tasks, the context built once here, and how many workers."""

    tasks: list[Part]
    """The parts of the feed, in feed order (each a few consecutive tasks)."""
    context: Context
    workers: int


def plan(
    paths: Sequence[str | Path],
    *,
    bods: Sequence[str | Path] = (),
    as_of: date | None = None,
    lists: Sequence[str | Path] = (),
    rules: Sequence[str | Path] = (),
    builtin_rules: bool = True,
    max_list_age_days: int = MAX_LIST_AGE_DAYS,
    workers: int | None = None,
    mapper: Mapper | None = None,
    validate: bool = True,
    reports_to: Path | None = None,
    engine: Engine = "local",
) -> Plan:
    """The feed's tasks and its context (a located error for a missing path or bad file).

    ``engine``: the engine it will run on. For the local engine a gzipped JSON Lines file is
    not scanned to be cut into ranges (its parent cuts it as it reads it); a plan made for one
    engine gives the same rows on the other, a gzipped file then read by one Dask worker."""
    count = workers if workers is not None else os.cpu_count() or 1
    if count < 1:
        raise InvalidInput.one("--workers", "", f"must be 1 or more, not {count}")
    dask = engine == "dask"
    most = DASK_TASK_BYTES if dask else None
    tasks = plan_parts(paths, count * RANGES_PER_WORKER, scan_gzip=dask, most=most)
    recipe = Recipe(
        as_of=as_of,
        rules=tuple(map(str, rules)),
        builtin=builtin_rules,
        lists=tuple(map(str, lists)),
        max_list_age_days=max_list_age_days,
        bods=tuple(map(str, bods)),
        mapper=mapper,
        validate=validate,
        reports_to=None if reports_to is None else str(reports_to),
    )
    context = build(recipe)
    context = attrs.evolve(context, recipe=attrs.evolve(recipe, as_of=context.assessor.as_of))
    return Plan(tasks, context, count)


@attrs.frozen
class Outcome:
    """What a batch came to, for the summary."""

    digest: Digest
    stats: ReadStats
    as_of: date


def run_batch(
    batch: Plan,
    *,
    engine: Engine = "local",
    output: Path | None = None,
    top: int = 10,
    since: Path | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Run the batch, write its rows to ``output`` and digest them (``since``: an earlier
    run's output to compare with)."""
    kind = output_kind(output) if output is not None else None
    previous = read_previous(since) if since is not None else None
    columns = (*COLUMNS, "change") if previous is not None else tuple(COLUMNS)
    as_of = batch.context.assessor.as_of
    if engine == "dask":
        digests, stats = _on_dask(batch, output, kind, columns, top, previous, scheduler)
        return Outcome(combine(digests, top), stats, as_of)
    found, stats = _on_local(batch, output, kind, columns, top, previous, progress)
    return Outcome(found, stats, as_of)


def _on_local(
    batch: Plan,
    output: Path | None,
    kind: str | None,
    columns: Sequence[str],
    top: int,
    previous: dict[str, str | None] | None,
    progress: Progress | None,
) -> tuple[Digest, ReadStats]:
    """Run on the local engine, each part's rows written, digested and let go as they come in
    feed order: the parent keeps the ocids seen (to count those read twice) and the top rows,
    not every row (for an HTML page, the rows that rank highest, as many as it shows)."""
    stats, repeated = ReadStats(), ReadStats()
    seen: set[object] = set()
    found = Digest(Counter(), [])
    writer = RowWriter(output, kind, columns) if output is not None and kind else None
    with finished(writer):
        for result in local_results(batch.tasks, batch.context, batch.workers, progress):
            add_stats(stats, result.stats)
            count_duplicates(result.rows, repeated, seen)
            if previous is not None:
                add_changes(result.rows, previous)
            found = combine([found, digest(result.rows, top, previous)], top)
            if writer is not None:
                writer.write(result.rows)
    # Counted after the rest, as reading the whole feed counts them.
    add_stats(stats, repeated)
    return found, stats


def _on_dask(
    batch: Plan,
    output: Path | None,
    kind: str | None,
    columns: Sequence[str],
    top: int,
    previous: dict[str, str | None] | None,
    scheduler: str | None,
) -> tuple[list[Digest], ReadStats]:
    from dask import delayed

    client = dask_engine.connect(scheduler, batch.workers)
    try:
        frame, stats = dask_engine.feed_frame(
            batch.tasks, batch.context.recipe, client, batch.workers
        )
        shared = None
        if previous is not None:
            # In a list: a dict given to scatter is scattered value by value.
            (shared,) = client.scatter([previous], broadcast=True)
            frame = dask_engine.with_changes(frame, shared)
        writes, ordered, writer = [], [], None
        if kind == "parquet":
            schema = arrow_schema(columns)
            write = frame.to_parquet(
                output,
                compute=False,
                write_index=False,
                schema=schema,
                name_function=dask_engine.part_name,
            )
            writes.append(write.to_delayed() if hasattr(write, "to_delayed") else write)
        elif kind == "csv":
            ordered = [delayed(dask_engine.csv_part)(p, columns) for p in frame.to_delayed()]
        elif kind == "html":  # the rows of a page, of which the writer keeps the best ranked
            ordered = [delayed(dask_engine.plain_rows)(p) for p in frame.to_delayed()]
        if kind in ("csv", "html") and output is not None:
            writer = RowWriter(output, kind, columns)
        take = None if writer is None else (writer.text if kind == "csv" else writer.write)
        with finished(writer):
            digests, stats_read, _ = dask_engine.digest_frame(
                frame, stats, top, shared, writes, ordered, take
            )
        return digests, stats_read
    finally:
        dask_engine.close(client, owned=scheduler is None)
