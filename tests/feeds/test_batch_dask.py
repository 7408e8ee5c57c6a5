"""The Dask engine on a LocalCluster gives the rows, outputs and summary the local engine gives."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from riskkit.feeds import assess_feed
from riskkit.feeds.batch.frame import rows_of
from riskkit.feeds.batch.row import Row
from riskkit.feeds.batch.run import plan, run_batch
from riskkit.feeds.batch.text import summary_text
from tests.feeds.batch_fake import failing_map, fake_map, write_feed

pytest.importorskip("dask.dataframe", reason="the dask engine needs pip install riskkit[dask]")
distributed = pytest.importorskip("distributed", reason="the dask engine needs riskkit[dask]")

AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster of two single-threaded worker processes for every test here, reached
    by address as --scheduler reaches a real one (each run registers its own plugin)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_feed(tmp_path_factory.mktemp("feed") / "feed")


def test_dask_gives_the_rows_of_one_and_two_local_workers(feed: Path, scheduler: str) -> None:
    one = rows_of(assess_feed(feed, as_of=AS_OF, workers=1, mapper=fake_map))
    two = rows_of(assess_feed(feed, as_of=AS_OF, workers=2, mapper=fake_map))
    frame = assess_feed(
        feed, as_of=AS_OF, engine="dask", workers=2, scheduler=scheduler, mapper=fake_map
    )
    client = distributed.default_client()
    try:
        parts = plan([feed], workers=2, mapper=fake_map).tasks
        assert frame.npartitions == len(parts) + 2  # then the merged releases, in two shares
        on_dask = rows_of(frame.compute())
    finally:
        client.close()

    def by_place(rows: list[Row]) -> list[Row]:
        return sorted(rows, key=lambda r: (str(r["source"]).rsplit(":", 1)[0], str(r["source"])))

    assert on_dask == one == two
    assert by_place(on_dask) == by_place(one)


def test_a_gzipped_feed_gives_dask_the_rows_the_local_engine_gives(
    feed: Path, tmp_path: Path, scheduler: str
) -> None:
    """Dask cuts a gzipped file into scanned ranges; the local engine reads it whole and its
    parent cuts it as it goes: the same rows either way."""
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(gzip.compress((feed / "a-compiled.jsonl").read_bytes()))
    assert len(plan([packed], workers=2, mapper=fake_map, engine="dask").tasks) > 1
    local = rows_of(assess_feed(packed, as_of=AS_OF, workers=2, mapper=fake_map))
    frame = assess_feed(
        packed, as_of=AS_OF, engine="dask", workers=2, scheduler=scheduler, mapper=fake_map
    )
    client = distributed.default_client()
    try:
        on_dask = rows_of(frame.compute())
    finally:
        client.close()
    assert on_dask == local and len(local) > 50


def test_dask_writes_the_csv_and_summary_the_local_engine_writes(
    feed: Path, tmp_path: Path, scheduler: str
) -> None:
    previous = tmp_path / "previous.csv"
    previous.write_text("ocid,verdict\nocds-b-0,acceptable\nocds-b-1,prohibited\n", "utf-8")
    texts = []
    for engine in ("local", "dask"):
        output = tmp_path / f"{engine}.csv"
        batch = plan([feed], as_of=AS_OF, workers=2, mapper=fake_map)
        address = scheduler if engine == "dask" else None
        outcome = run_batch(
            batch,
            engine=engine,
            output=output,
            top=5,
            since=previous,
            scheduler=address,
        )
        texts.append(summary_text(outcome.digest, outcome.stats, since="previous.csv"))
    assert (tmp_path / "local.csv").read_bytes() == (tmp_path / "dask.csv").read_bytes()
    # The one difference: Dask counts a repeated ocid without gathering where it first was.
    local, dask = (t.replace(" (first at /", "\0").split("\0")[0] for t in texts)
    assert texts[0].splitlines()[2:] != [] and local.splitlines()[:2] == dask.splitlines()[:2]
    assert [ln for ln in texts[0].splitlines() if "duplicate" not in ln] == [
        ln for ln in texts[1].splitlines() if "duplicate" not in ln
    ]


def test_dask_writes_parquet_on_the_workers(feed: Path, tmp_path: Path, scheduler: str) -> None:
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    batch = plan([feed], as_of=AS_OF, workers=2, mapper=fake_map)
    run_batch(batch, engine="dask", output=tmp_path / "rows.parquet", scheduler=scheduler)
    run_batch(batch, engine="local", output=tmp_path / "local.parquet")
    on_dask = pyarrow_parquet.read_table(tmp_path / "rows.parquet").to_pylist()
    local = pyarrow_parquet.read_table(tmp_path / "local.parquet").to_pylist()
    assert (tmp_path / "rows.parquet").is_dir()
    assert on_dask == local and len(local) == 63


def test_a_dask_run_that_fails_leaves_the_earlier_csv_and_no_partial_file(
    feed: Path, tmp_path: Path, scheduler: str
) -> None:
    """The client writes the workers' CSV parts as they come, into a hidden file beside the
    output that takes its name only when every part is written."""
    output = tmp_path / "rows.csv"
    output.write_text("an earlier run\n", encoding="utf-8")
    batch = plan([feed], as_of=AS_OF, workers=2, mapper=failing_map)
    with pytest.raises(RuntimeError, match="the mapper broke on ocds-b-40"):
        run_batch(batch, engine="dask", output=output, scheduler=scheduler)
    assert output.read_text(encoding="utf-8") == "an earlier run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def test_dask_writes_the_page_the_local_engine_writes(
    feed: Path, tmp_path: Path, scheduler: str
) -> None:
    """The client takes each partition's rows in order, keeping those the page shows."""
    pages = []
    for engine in ("local", "dask"):
        output = tmp_path / f"{engine}.html"
        batch = plan([feed], as_of=AS_OF, workers=2, mapper=fake_map)
        address = scheduler if engine == "dask" else None
        run_batch(batch, engine=engine, output=output, scheduler=address)
        pages.append(output.read_bytes())
    assert pages[0] == pages[1] and b"ocds-b-59" in pages[0]
