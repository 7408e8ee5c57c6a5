"""Where the buyer's money comes from, left out, is an unknown, never "no grant money".

NDAA FY2019 s. 889(b) binds only buyers spending federal grant or loan funds (2 CFR 200.216). A
procurement that does not say where its money comes from cannot be cleared of it: the rule's
hits become questions, the verdict is not acceptable on their account, and an empty list
(which says nothing) is refused with a message saying what to write instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riskkit import assess
from riskkit.errors import InvalidInput
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet
from riskkit.report import Report
from tests.conftest import EXAMPLES

AS_OF = date(2026, 6, 1)
GRANT = EXAMPLES / "us-police-cctv-federal-grant.toml"
RULE = "LE-US-NDAA889-B-VIDEO"


def _funded(funding: tuple[str, ...] | None) -> Procurement:
    p = load_procurement(GRANT)
    return p.model_copy(update={"buyer": p.buyer.model_copy(update={"funding": funding})})


def _assess(p: Procurement, rules: RuleSet) -> Report:
    return assess(p, as_of=AS_OF, packs=rules)


def test_grant_funds_spent_on_hikvision_cameras_bind_the_buyer(rules: RuleSet) -> None:
    report = _assess(_funded(("us_federal_grant", "own_budget")), rules)
    fired = [f for f in report.findings if f.rule_id == RULE]
    assert fired and all(f.binding and f.outcome == "prohibited" for f in fired)
    assert report.verdict == "prohibited"


def test_own_budget_alone_is_not_bound_and_asks_nothing(rules: RuleSet) -> None:
    report = _assess(_funded(("own_budget",)), rules)
    assert RULE not in {f.rule_id for f in report.findings}
    assert RULE not in {u.rule_id for u in report.unknowns}


def test_funding_left_out_turns_the_rule_into_questions(rules: RuleSet) -> None:
    report = _assess(_funded(None), rules)
    assert RULE not in {f.rule_id for f in report.findings}
    asked = [u for u in report.unknowns if u.rule_id == RULE]
    assert asked
    assert all("where the buyer's money comes from is not given" in u.explanation for u in asked)
    assert all("us federal grant" in u.explanation for u in asked)
    # Whether the rule binds is open: nothing says that it does not.
    assert not any("does not bind this buyer" in u.explanation for u in asked)
    assert report.verdict != "acceptable"


def test_an_empty_funding_list_is_refused_with_what_to_write(tmp_path: Path) -> None:
    path = tmp_path / "empty-funding.toml"
    path.write_text(
        'id = "x"\ntitle = "Cameras"\n\n[buyer]\nname = "A town"\nfunding = []\n', "utf-8"
    )
    with pytest.raises(InvalidInput) as raised:
        load_procurement(path)
    message = str(raised.value)
    assert "buyer.funding" in message and "own_budget" in message
    assert "leave funding out when it is not known" in message
