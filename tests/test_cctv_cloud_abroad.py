"""One CCTV deployment, footage in the camera vendor's cloud abroad, bought in three countries:
each version is told what its own data-protection law says about the transfer."""

from __future__ import annotations

from datetime import date

import pytest

from riskkit import assess, load_procurement
from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from tests.conftest import EXAMPLES

AS_OF = date(2027, 3, 1)
FLOW = "data_flows[footage-to-vendor-cloud]"
OWN_LAW = {
    "de.toml": "CA-EU-GDPR-TRANSFER",
    "mx.toml": "DP-MX-LGPDPPSO-2025",
    "ke.toml": "DP-KE-DPA-48",
}
TRANSFER_RULES = {*OWN_LAW.values()}


@pytest.mark.parametrize("name", sorted(OWN_LAW))
def test_each_version_gets_a_binding_finding_under_its_own_law(name: str, rules: RuleSet) -> None:
    report = assess(EXAMPLES / "cctv-cloud-abroad" / name, as_of=AS_OF, packs=rules)
    [finding] = [f for f in report.findings if f.rule_id == OWN_LAW[name]]
    assert (finding.subject, finding.outcome, finding.binding, finding.status) == (
        FLOW,
        "restricted",
        True,
        "active",
    )
    others = {f.rule_id for f in report.findings} & (TRANSFER_RULES - {OWN_LAW[name]})
    assert not others, "another country's transfer law was applied"
    assert report.verdict == "restricted"
    assert not report.unknowns


@pytest.mark.parametrize(
    ("name", "route"), [("mx.toml", "processor-contract"), ("ke.toml", "safeguards")]
)
def test_a_processing_contract_with_the_vendor_is_reported_as_the_route_relied_on(
    name: str, route: str, rules: RuleSet
) -> None:
    doc = load_procurement(EXAMPLES / "cctv-cloud-abroad" / name).model_dump(
        by_alias=True, exclude_none=True
    )
    doc["mitigations"] = [
        {"id": "dpa", "kind": "contractual_safeguards", "applies_to": ["footage-to-vendor-cloud"]}
    ]
    report = evaluate(procurement_from_dict(doc), rules, AS_OF)
    [finding] = [f for f in report.findings if f.rule_id == OWN_LAW[name]]
    assert (finding.outcome, finding.binding, finding.exception) == ("info", False, route)


def test_keeping_the_footage_at_home_clears_every_transfer_finding(rules: RuleSet) -> None:
    for name, home in [("de.toml", "DE"), ("mx.toml", "MX"), ("ke.toml", "KE")]:
        doc = load_procurement(EXAMPLES / "cctv-cloud-abroad" / name).model_dump(
            by_alias=True, exclude_none=True
        )
        doc["data_flows"][0]["to"]["location"] = home
        report = evaluate(procurement_from_dict(doc), rules, AS_OF)
        assert not {f.rule_id for f in report.findings} & TRANSFER_RULES
