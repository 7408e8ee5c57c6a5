"""Assessing a whole feed: one row per contracting process, on a local pool or on Dask.

``assess_feed(paths, ...)`` reads an OCDS feed, maps every process onto the procurement model,
assesses it and gives the rows (:data:`COLUMNS`) as a pandas DataFrame, as row dicts without
pandas, or as a lazy ``dask.dataframe.DataFrame`` on the Dask engine. ``riskkit batch`` is the
same run from the command line, with outputs and a summary. See docs/feeds.md, "Assessing a
whole feed".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from riskkit.errors import InvalidInput
from riskkit.feeds.batch import dask_engine
from riskkit.feeds.batch.context import BatchUnavailable, Mapper, Recipe
from riskkit.feeds.batch.frame import frame_of, has_pandas
from riskkit.feeds.batch.local import run_local
from riskkit.feeds.batch.row import COLUMNS, Row
from riskkit.feeds.batch.run import ENGINES, Engine, plan

__all__ = ["COLUMNS", "BatchUnavailable", "Recipe", "Row", "assess_feed"]


def assess_feed(
    paths: str | Path | Iterable[str | Path],
    *,
    bods: Iterable[str | Path] = (),
    as_of: date | None = None,
    lists: Iterable[str | Path] = (),
    engine: Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    mapper: Mapper | None = None,
    validate: bool = True,
) -> Any:
    """Every process of the OCDS feed at ``paths`` (files or folders), assessed as of
    ``as_of`` (default today, the same day for every process), one row each in feed order.

    ``lists`` are official list files to screen against and ``bods`` BODS files whose owners
    are attached; ``workers`` defaults to the number of CPUs. The local engine returns a
    ``pandas.DataFrame`` when pandas is installed, else a list of row dicts. ``engine="dask"``
    (``pip install riskkit[dask]``) returns the lazy ``dask.dataframe.DataFrame`` on the
    scheduler at ``scheduler`` or, without one, on a new ``LocalCluster`` of ``workers``
    processes, left running as the default client for the frame's computations. ``mapper``
    stands in for riskkit's mapping of a process (``map_process``). ``validate=False`` reads
    without checking each process against the OCDS schema (faster; its problems are then not
    counted in ``warnings``)."""
    if engine not in ENGINES:
        raise InvalidInput.one("engine", "", f"{engine!r} is not an engine: use one of {ENGINES}")
    if engine == "dask":
        dask_engine.require_dask()
    feed = [paths] if isinstance(paths, str | Path) else list(paths)
    batch = plan(feed, bods=list(bods), as_of=as_of, lists=list(lists), workers=workers,
                 mapper=mapper, validate=validate, engine=engine)  # fmt: skip
    if engine == "dask":
        client = dask_engine.connect(scheduler, batch.workers)
        frame, _ = dask_engine.feed_frame(batch.tasks, batch.context.recipe, client, batch.workers)
        return frame
    rows = run_local(batch.tasks, batch.context, batch.workers).rows
    return frame_of(rows) if has_pandas() else rows
