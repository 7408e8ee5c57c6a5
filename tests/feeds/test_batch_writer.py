"""Writing rows as they come: the same bytes as writing them at once, and no half output."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.errors import InvalidInput
from riskkit.feeds.batch import output as output_module
from riskkit.feeds.batch.digest import rank_key
from riskkit.feeds.batch.output import RANKED_ROWS, RowWriter, csv_text
from riskkit.feeds.batch.row import COLUMNS, Row

COLUMNS_ = tuple(COLUMNS)


def _row(n: int) -> Row:
    row: Row = dict.fromkeys(COLUMNS)
    row.update(ocid=f"o-{n}", buyer=f'Buyer "{n}", Ltd\nline', amount=n * 1.5, status="assessed")
    row.update(rules_in_scope=n, source=f"feed.jsonl:{n}")
    return row


@settings(max_examples=30, deadline=None)
@given(sizes=st.lists(st.integers(0, 5), max_size=6))
def test_csv_written_part_by_part_is_the_csv_written_at_once(
    tmp_path_factory: pytest.TempPathFactory, sizes: list[int]
) -> None:
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    parts, n = [], 0
    for size in sizes:
        parts.append([_row(n + i) for i in range(size)])
        n += size
    writer = RowWriter(path, "csv", COLUMNS_)
    for part in parts:
        writer.write(part)
    writer.close()
    every = [row for part in parts for row in part]
    assert path.read_bytes() == csv_text(every, COLUMNS_).encode()
    assert [p.name for p in path.parent.iterdir()] == ["rows.csv"]


def test_a_failed_run_leaves_no_output_and_keeps_an_earlier_one(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("earlier run\n", encoding="utf-8")
    writer = RowWriter(path, "csv", COLUMNS_)
    writer.write([_row(1)])
    writer.abort()
    assert path.read_text(encoding="utf-8") == "earlier run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_an_output_that_cannot_be_written_names_the_output(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "rows.csv"
    with pytest.raises(InvalidInput) as caught:
        RowWriter(path, "csv", COLUMNS_)
    assert str(caught.value).startswith(f"{path}: cannot write")


def test_parquet_written_in_row_groups_holds_every_row_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(output_module, "PARQUET_GROUP", 4)
    rows = [_row(n) for n in range(11)]
    writer = RowWriter(tmp_path / "rows.parquet", "parquet", COLUMNS_)
    for start in range(0, 11, 3):
        writer.write(rows[start : start + 3])
    writer.close()
    read = parquet.read_table(tmp_path / "rows.parquet").to_pylist()
    assert read == [{c: row[c] for c in COLUMNS_} for row in rows]
    empty = RowWriter(tmp_path / "none.parquet", "parquet", COLUMNS_)
    empty.close()
    assert parquet.read_table(tmp_path / "none.parquet").num_rows == 0


@settings(max_examples=25, deadline=None)
@given(cuts=st.lists(st.integers(0, 11), max_size=5))
def test_parquet_bytes_do_not_depend_on_how_the_rows_came(
    tmp_path_factory: pytest.TempPathFactory, cuts: list[int]
) -> None:
    """Row groups of exactly ``PARQUET_GROUP`` rows: the same rows in other parts (a feed cut
    otherwise, or for more workers) give the same file."""
    pytest.importorskip("pyarrow.parquet")
    folder = tmp_path_factory.mktemp("parquet")
    rows = [_row(n) for n in range(11)]
    bounds = [0, *sorted(cuts), 11]
    written = []
    for name, parts in (
        ("at-once", [rows]),
        ("in-parts", [rows[a:b] for a, b in pairwise(bounds)]),
    ):
        writer = RowWriter(folder / f"{name}.parquet", "parquet", COLUMNS_)
        original, output_module.PARQUET_GROUP = output_module.PARQUET_GROUP, 4
        try:
            for part in parts:
                writer.write(part)
            writer.close()
        finally:
            output_module.PARQUET_GROUP = original
        written.append((folder / f"{name}.parquet").read_bytes())
    assert written[0] == written[1]


@pytest.mark.parametrize("sizes", [[12], [3, 0, 4, 5], [5, 7], [1] * 12, [4]])
def test_a_page_keeps_the_best_ranked_rows_in_feed_order_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sizes: list[int]
) -> None:
    """A page over ``MAX_ROWS`` holds the rows that rank highest (the worst processes are
    never the ones left off), in feed order; the writer holds at most twice that many rows at
    a time (not 200,000 rows for a page of 20,000)."""
    import riskkit.feeds.batch_html as page_module

    monkeypatch.setattr(page_module, "MAX_ROWS", 5)
    monkeypatch.setattr(output_module, "MAX_ROWS", 5)
    verdicts = ["acceptable", "prohibited", "needs_review", "elevated_risk"]
    rows = [
        {**_row(n), "verdict": verdicts[n * 5 % 4], "residual": n * 7 % 11}
        for n in range(sum(sizes))
    ]
    writer = RowWriter(tmp_path / "parts.html", "html", COLUMNS_)
    start = 0
    for size in sizes:
        writer.write(rows[start : start + size])
        start += size
        assert len(writer._ranked) < output_module.PAGE_HELD * 5
    writer.close()
    best = sorted(sorted(rows, key=rank_key)[:5], key=rows.index)
    page_module.write_html(best, tmp_path / "best.html", {}, written=True,
                           left_out=len(rows) - len(best), chosen=RANKED_ROWS)  # fmt: skip
    page = (tmp_path / "parts.html").read_bytes()
    assert page == (tmp_path / "best.html").read_bytes()
    if len(rows) > 5:
        assert f"{len(rows) - 5:,} are not on it".encode() in page
        assert b"those that rank highest" in page
        assert all(
            str(row["ocid"]).encode() in page for row in rows if row["verdict"] == "prohibited"
        )
