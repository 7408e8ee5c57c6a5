"""One window of days for every dated fact, and one test of control for every holding."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from riskkit.model import Authorisation, Ownership
from riskkit.model.dated import Dated
from riskkit.model.entities import Brand, EntityOwner, MadeBy
from riskkit.model.jurisdictions import Membership
from riskkit.model.rule import Effective

FIRST, LAST = date(2020, 1, 1), date(2024, 12, 31)


def _windows(first: date | None, last: date | None) -> list[Dated]:
    """The same window, as each dated fact spells its ends."""
    procurement: dict[str, Any] = {"valid_from": first, "valid_until": last}
    curated: dict[str, Any] = {"from": first, "until": last}
    made_by = {"entity": "maker", "evidence": "e", "source": "https://example.org"}
    return [
        Ownership(party="owner", **procurement),
        Authorisation(id="a", rule="r", exception="e", **procurement),
        Brand(name="Brand", **curated),
        EntityOwner(entity="owner", **curated),
        MadeBy(**made_by, **curated),
        Membership("DE", first, last),
    ]


@pytest.mark.parametrize(
    ("day", "holds"),
    [
        (date(2019, 12, 31), False),
        (FIRST, True),
        (date(2022, 6, 1), True),
        (LAST, True),
        (date(2025, 1, 1), False),
    ],
)
def test_every_dated_fact_holds_from_its_first_day_to_its_last(day: date, holds: bool) -> None:
    for fact in [*_windows(FIRST, LAST), Effective.model_validate({"from": FIRST, "until": LAST})]:
        assert fact.holds_on(day) is holds, type(fact).__name__


def test_an_end_left_out_is_open() -> None:
    for fact in _windows(None, None):
        assert fact.holds_on(date(1, 1, 1)), type(fact).__name__
        assert fact.holds_on(date(9999, 12, 31)), type(fact).__name__
    rule = Effective.model_validate({"from": FIRST})
    assert rule.contains(date(9999, 12, 31))
    assert not rule.contains(date(2019, 12, 31))


@pytest.mark.parametrize(
    ("share", "control", "controls"),
    [(0.5, None, True), (0.49, None, False), (0.1, True, True), (0.9, False, False),
     (None, None, False)],
)  # fmt: skip
def test_procurement_and_curated_holdings_control_alike(
    share: float | None, control: bool | None, controls: bool
) -> None:
    held = Ownership(party="owner", share=share, control=control)
    curated = EntityOwner(entity="owner", share=share, control=control)
    assert held.controls() is controls
    assert curated.controls() is controls
    assert held.controls(0.05) is curated.controls(0.05)
