"""OFAC's 50 % rule as OFAC words it, against what ``majority_owned`` computes today.

OFAC's Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property
Are Blocked (2014-08-13, 79 FR 47726): an entity "owned in the aggregate, directly or
indirectly, 50 percent or more by one or more blocked persons" is blocked. FAQ 401
(https://ofac.treasury.gov/faqs/401) defines "indirectly" as ownership through entities that
are themselves 50 percent or more owned by blocked persons, and its Example 1 is an entity 50 %
owned by an entity that a blocked person owns 50 % of: blocked (the blocked intermediary's
holding counts whole, not 25 %). Holdings of different blocked persons add up. BIS's
Affiliates Rule (2025-09-29) uses the same words.

``majority_owned`` today multiplies shares along each chain and compares each listed id's
total with half on its own, so both cases below come out ``none`` and the deal ``acceptable``:
a wrong pass, found in session 15 and not yet fixed (the reach walk, its fast path and the
open-share logic must change together). These tests say what the rule requires and are marked
``xfail(strict=True)``: they fail today, and the day the walks are fixed they pass, which makes
the marker fail until it is removed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from riskkit.packs.lists import ListSet
from tests.kinds.test_undisclosed_owners import MAJORITY, _document
from tests.packs.test_rule_cases import _outcome

RULE = ("LE-US-OFAC-SDN", date(2025, 10, 15), MAJORITY[2])
BLOCKED = {
    "x": '90003,"EXAMPLEPERSON, Blocked Test","individual","SDGT"',
    "y": '90004,"OTHERPERSON, Blocked Second","individual","SDGT"',
}
PARTIES = [
    {"id": "x", "name": "Blocked Test Exampleperson", "roles": ["owner"]},
    {"id": "y", "name": "Blocked Second Otherperson", "roles": ["owner"]},
]


def _sup_outcome(
    tmp_path: Path,
    rules: RuleSet,
    owners: list[dict[str, Any]],
    extra: tuple[dict[str, Any], ...] = (),
) -> tuple[str, str]:
    """The SDN rule's outcome for the supplier ``sup`` held by ``owners``, and the verdict."""
    sdn = tmp_path / "sdn.csv"
    lines = [row + ",-0- " * 7 + ',"Synthetic test fixture; not a real listing."' for row in
             BLOCKED.values()]  # fmt: skip
    sdn.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = _document(RULE, owners)
    document["parties"].extend([*PARTIES, *extra])
    procurement = procurement_from_dict(document, source="aggregate")
    report = evaluate(procurement, rules, RULE[1], lists=ListSet.load([sdn]))
    return _outcome(report, RULE[0], "parties[sup]"), report.verdict


def test_one_blocked_owner_of_60_percent_blocks_the_supplier(
    tmp_path: Path, rules: RuleSet
) -> None:
    assert _sup_outcome(tmp_path, rules, [{"party": "x", "share": 0.6}]) == (
        "prohibited",
        "prohibited",
    )


@pytest.mark.xfail(strict=True, reason="majority_owned does not add up different listed ids")
def test_two_blocked_owners_of_30_percent_each_block_the_supplier(
    tmp_path: Path, rules: RuleSet
) -> None:
    owners = [{"party": "x", "share": 0.3}, {"party": "y", "share": 0.3}]
    assert _sup_outcome(tmp_path, rules, owners)[1] != "acceptable"


@pytest.mark.xfail(strict=True, reason="majority_owned multiplies shares down a chain")
def test_a_blocked_intermediary_holds_its_whole_share(tmp_path: Path, rules: RuleSet) -> None:
    middle = {"id": "mid", "name": "Mid Holding BV", "roles": ["owner"],
              "incorporated_in": "NL", "owners": [{"party": "x", "share": 0.5}]}  # fmt: skip
    outcome = _sup_outcome(tmp_path, rules, [{"party": "mid", "share": 0.5}], (middle,))
    assert outcome[1] != "acceptable"
