"""A rule binds only where its law reaches: no foreign procurement ban prohibits a buyer it
does not bind, while the risks that do reach the buyer (compelled access) are still reported."""

from __future__ import annotations

from datetime import date

import pytest

from riskkit import Procurement, assess, load_procurement
from riskkit.packs import RuleSet
from tests.conftest import EXAMPLES

AS_OF = date(2026, 11, 26)


def _moved(place: str, kind: str) -> Procurement:
    retailer = load_procurement(EXAMPLES / "portland-retailer-entrance-cameras.toml")
    buyer = retailer.buyer.model_copy(update={"jurisdiction": place, "kind": kind})
    site = retailer.sites[0].model_copy(
        update={"jurisdiction": place, "settings": ("government_facility",),
                "purposes": ("government_facility_security",)}
    )  # fmt: skip
    flow = retailer.data_flows[0]
    flow = flow.model_copy(update={"to": flow.to.model_copy(update={"location": place})})
    comp = retailer.components[0].model_copy(update={"capabilities": ("video",)})
    return retailer.model_copy(
        update={"buyer": buyer, "sites": (site,), "data_flows": (flow,), "components": (comp,)}
    )


@pytest.mark.parametrize("place", ["KE-30:Nairobi", "BR-SP:São Paulo", "JP-13:Tokyo"])
def test_a_buyer_where_no_ban_applies_gets_no_prohibition_only_the_risk_that_reaches_it(
    place: str, rules: RuleSet
) -> None:
    report = assess(_moved(place, "local_government"), as_of=AS_OF, packs=rules)
    assert report.verdict not in {"prohibited", "prohibited_unless_exception", "restricted"}
    assert not any(f.binding for f in report.findings)
    # Hikvision's remote access still exposes the data to the PRC National Intelligence Law.
    assert any(f.rule_id == "CA-CN-NIL" and f.status == "active" for f in report.findings)
    # No US, UK, EU or Canadian procurement ban is even applied to this buyer.
    assert not any(
        f.rule_id.startswith(("LE-US-NDAA889", "LE-GB-", "LE-CA-", "LE-EU-")) and f.binding
        for f in report.findings
    )


def test_the_same_cameras_bought_by_a_us_federal_agency_are_prohibited(rules: RuleSet) -> None:
    report = assess(_moved("US-DC", "federal_agency"), as_of=AS_OF, packs=rules)
    assert report.verdict == "prohibited"
    assert any(f.rule_id == "LE-US-NDAA889-A1A-VIDEO" and f.binding for f in report.findings)


def test_the_same_cameras_at_a_uk_departments_sensitive_site_are_prohibited(
    rules: RuleSet,
) -> None:
    proc = _moved("GB-LND:London", "national_government")
    sensitive = proc.sites[0].model_copy(update={"settings": ("sensitive_site",)})
    report = assess(proc.model_copy(update={"sites": (sensitive,)}), as_of=AS_OF, packs=rules)
    assert any(f.rule_id == "LE-GB-WMS-2022-SENSITIVE-SITES" and f.binding for f in report.findings)
