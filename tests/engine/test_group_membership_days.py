"""A rule scoped to a group (the EU), or a policy asking whether a place lies within one, is
evaluated again on each day the group gains or loses a member within the term: the United
Kingdom left the EU on 2020-01-31, Croatia joined on 2013-07-01. (Until 2026-12-07 those days
were not among a rule's change days: a finding on a British council ran past Brexit to the end
of the term, a Croatian buyer's finding from accession was missed as of before it, and a
policy against data leaving the EU passed a British host for the whole term.)"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from riskkit.engine import evaluate
from riskkit.model import jurisdictions
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, load_packs
from tests.kinds.test_kind_condition import _policy
from tests.kinds.test_kind_listed_entity import (
    ENTITIES,
    NAMED,
    RULE,
    _assess,
    _procurement,
    _rules,
)

LISTED_MAKER = [{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}]


def _eu_rule() -> RuleSet:
    with tempfile.TemporaryDirectory() as folder:
        return _rules(Path(folder), {"id": "E", "params": NAMED, "scope": "EU"})


def _council(country: str, start: date, end: date) -> dict[str, Any]:
    return _procurement(
        term={"start": start, "end": end},
        buyer={"name": "Council", "kind": "local_government", "jurisdiction": country},
        sites=[{"id": "s", "jurisdiction": country}],
        parties=LISTED_MAKER,
    )


def _spans(rules: RuleSet, doc: dict[str, Any], day: date) -> list[tuple[Any, ...]]:
    report = _assess(rules, doc, day)
    return [(f.outcome, f.status, f.applies_from, f.applies_until) for f in report.findings]


def test_the_membership_days_of_the_eu() -> None:
    days = jurisdictions.membership_days(("EU", "US-CA"))
    assert {date(2013, 7, 1), date(2020, 2, 1)} <= days
    assert jurisdictions.membership_days(("US", "DE-BE:Berlin")) == frozenset()


def test_a_finding_on_a_british_council_ends_when_the_uk_leaves_the_eu() -> None:
    doc = _council("GB", date(2019, 1, 1), date(2021, 12, 31))
    # the rule takes effect 2020-01-01, binds buyers in the EU, and tells others (elevated)
    assert _spans(_eu_rule(), doc, date(2019, 6, 1)) == [
        ("prohibited", "upcoming", date(2020, 1, 1), date(2020, 1, 31)),
        ("elevated", "upcoming", date(2020, 2, 1), None),
    ]
    # as of a day after, what holds from then on, from the day it began
    assert _spans(_eu_rule(), doc, date(2020, 6, 1)) == [
        ("elevated", "active", date(2020, 2, 1), None)
    ]


def test_a_policy_on_data_leaving_the_eu_sees_a_british_host_leave_it() -> None:
    with tempfile.TemporaryDirectory() as folder:
        # ORG-1, in force from 2018: restricted when data flows outside the EU
        where = "data_flows[*].to.location"
        pack = _policy(Path(folder), where, "not_within", '"EU"', effective="2018-01-01")
        rules = load_packs([pack], builtin=False, plugins=False)
    doc = {
        "schema_version": 1, "id": "x", "title": "x",
        "term": {"start": date(2019, 1, 1), "end": date(2021, 12, 31)},
        "buyer": {"name": "City", "kind": "local_government", "jurisdiction": "DE-BE:Berlin"},
        "sites": [{"id": "s", "jurisdiction": "DE-BE:Berlin"}],
        "parties": [{"id": "host", "name": "Hostco", "incorporated_in": "DE"}],
        "components": [{"id": "cam", "kind": "ip_camera", "site": "s", "manufacturer": "host",
                        "capabilities": ["video"], "firmware_updates_by": "buyer",
                        "remote_access": []}],
        "data_flows": [{"id": "f", "from": "cam", "data": ["video"],
                        "to": {"operator": "host", "location": "GB",
                               "kind": "third_party_cloud"}}],
    }  # fmt: skip
    report = evaluate(procurement_from_dict(doc), rules, date(2019, 6, 1))
    assert report.verdict == "acceptable"
    assert report.term_verdict == "restricted"
    [finding] = report.findings
    assert (finding.status, finding.applies_from) == ("upcoming", date(2020, 2, 1))


def test_a_croatian_buyer_is_bound_from_accession() -> None:
    """As of before Croatia joined, an EU rule in force binds a Croatian council from the day
    it joins: an upcoming finding, so the term verdict is not acceptable."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "entities.toml").write_text(ENTITIES, "utf-8")
        rule = RULE.format(id="E", scope="EU", params=NAMED).replace("2020-01-01", "2010-01-01")
        head = '[pack]\nid = "test-rules"\nversion = "1"\ntitle = "Test rules"\n'
        (Path(folder) / "rules.toml").write_text(head + rule, "utf-8")
        rules = load_packs([Path(folder)], builtin=False, plugins=False)
    doc = _council("HR", date(2013, 1, 1), date(2014, 12, 31))
    before = _assess(rules, doc, date(2013, 1, 1))
    assert [(f.outcome, f.status, f.applies_from) for f in before.findings] == [
        ("elevated", "active", date(2010, 1, 1)),
        ("prohibited", "upcoming", date(2013, 7, 1)),
    ]
    assert before.term_verdict == "prohibited"
