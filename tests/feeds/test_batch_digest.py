"""Digests of parts add up to the digest of the whole, and rank the worst first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from riskkit.feeds.batch.digest import NOTHING_FOUND, combine, digest, rank_key
from riskkit.feeds.batch.row import COLUMNS, Row
from riskkit.feeds.batch.since import change
from riskkit.report import VERDICT_ORDER

VERDICTS = sorted(VERDICT_ORDER)


@st.composite
def rows(draw: st.DrawFn) -> Row:
    row: Row = dict.fromkeys(COLUMNS)
    skipped = draw(st.booleans())
    row.update(
        ocid=f"o-{draw(st.integers(0, 30))}",
        source=f"feed.jsonl:{draw(st.integers(1, 500))}",
        amount=draw(st.none() | st.floats(0, 1e6, allow_nan=False)),
        status="skipped: no title" if skipped else "assessed",
    )
    if not skipped:
        row.update(
            verdict=draw(st.sampled_from(VERDICTS)),
            residual=draw(st.floats(0, 100, allow_nan=False)),
            rules_in_scope=draw(st.integers(0, 3)),
            components=draw(st.integers(0, 2)),
        )
    return row


@given(st.lists(rows(), max_size=40), st.integers(1, 6), st.integers(0, 8))
def test_digests_of_parts_combine_to_the_digest_of_all(every: list[Row], cut: int, n: int) -> None:
    parts = [every[i : i + cut] for i in range(0, len(every), cut)]
    assert combine([digest(p, n) for p in parts], n) == digest(every, n)


@given(st.lists(rows(), max_size=40))
def test_processes_with_no_item_found_are_counted_apart(every: list[Row]) -> None:
    assessed = [r for r in every if r["status"] == "assessed"]
    assert digest(every, 3).counts[NOTHING_FOUND] == sum(r["components"] == 0 for r in assessed)


@given(st.lists(rows(), max_size=40))
def test_the_top_is_worst_verdict_then_residual_then_amount(every: list[Row]) -> None:
    top = digest(every, 10).top
    assert all(r["status"] == "assessed" for r in top)
    keys = [rank_key(r) for r in top]
    assert keys == sorted(keys)
    ranks = [VERDICT_ORDER[str(r["verdict"])] for r in top]
    assert ranks == sorted(ranks, reverse=True)


def test_change_compares_verdicts_and_leaves_a_skipped_one_uncompared() -> None:
    row: Row = dict.fromkeys(COLUMNS)
    row.update(ocid="o-1", verdict="restricted")
    assert change(row, {}) == "new"
    assert change(row, {"o-1": "prohibited"}) == "better"
    assert change(row, {"o-1": "needs_review"}) == "worse"
    assert change(row, {"o-1": "restricted"}) == "same"
    assert change(row, {"o-1": None}) == ""
