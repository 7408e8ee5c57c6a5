"""An official list's entry that a party's name matches is listed, and may expire, on days of
its own: the rules that screen list files are evaluated again on those days within the term.
(Until 2026-12-07 they were not: assessed as of before a maker's listing with a list file that
dates it within the term, the term verdict read acceptable.)"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from riskkit.packs.lists import ListSet

SCREEN = "LE-US-BIS-EL-SCREEN"
MAKER = "Example Vision Technology Co., Ltd."


def _list_file(folder: Path, start: str, end: str | None) -> ListSet:
    """A trade.gov Consolidated Screening List (JSON) with one Entity List entry."""
    source = "Entity List (EL) - Bureau of Industry and Security"
    entry: dict[str, Any] = {
        "_id": "e1", "source": source, "type": "Entity", "programs": [], "name": MAKER,
        "alt_names": [], "addresses": [], "ids": [], "start_date": start, "end_date": end,
    }  # fmt: skip
    path = folder / "csl.json"
    path.write_text(json.dumps({"total": 1, "results": [entry]}), encoding="utf-8")
    return ListSet.load([path])


def _deal() -> Any:
    doc = {
        "schema_version": 1, "id": "x", "title": "x",
        "term": {"start": date(2019, 1, 1), "end": date(2020, 12, 31)},
        "buyer": {"name": "City", "kind": "local_government", "jurisdiction": "US-CA:Fresno"},
        "sites": [{"id": "s", "jurisdiction": "US-CA:Fresno"}],
        "parties": [{"id": "maker", "name": MAKER, "incorporated_in": "CN"}],
        "components": [{"id": "cam", "kind": "ip_camera", "site": "s", "manufacturer": "maker",
                        "capabilities": ["video"], "firmware_updates_by": "buyer",
                        "remote_access": []}],
    }  # fmt: skip
    return procurement_from_dict(doc)


def _spans(report: Any) -> list[tuple[Any, ...]]:
    return [
        (f.outcome, f.status, f.applies_from, f.applies_until)
        for f in report.findings
        if f.rule_id == SCREEN
    ]


def test_a_listing_within_the_term_is_an_upcoming_finding(rules: RuleSet, tmp_path: Path) -> None:
    lists = _list_file(tmp_path, "2019-10-09", None)
    before = evaluate(_deal(), rules, date(2019, 6, 1), lists=lists)
    assert _spans(before) == [("elevated", "upcoming", date(2019, 10, 9), None)]
    assert (before.verdict, before.term_verdict) == ("acceptable", "elevated_risk")
    on_the_day = evaluate(_deal(), rules, date(2019, 10, 9), lists=lists)
    assert _spans(on_the_day) == [("elevated", "active", date(2019, 10, 9), None)]


@pytest.mark.parametrize("as_of", [date(2019, 6, 1), date(2019, 12, 1)])
def test_an_entry_that_expires_within_the_term_ends_its_finding(
    rules: RuleSet, tmp_path: Path, as_of: date
) -> None:
    lists = _list_file(tmp_path, "2019-10-09", "2020-03-31")
    [(outcome, _, start, until)] = _spans(evaluate(_deal(), rules, as_of, lists=lists))
    assert (outcome, start, until) == ("elevated", date(2019, 10, 9), date(2020, 3, 31))
    after = evaluate(_deal(), rules, date(2020, 4, 1), lists=lists)
    assert _spans(after) == []
