"""A rule binding central government binds both kinds that stand for it (issue 11, defect 9):
``federal_agency`` (a US federal agency) and ``national_government`` (a central government
department elsewhere)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.model import CENTRAL_GOVERNMENT, buyer_kind_in
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet


def test_either_central_government_kind_stands_for_both() -> None:
    assert {"federal_agency", "national_government"} == CENTRAL_GOVERNMENT
    assert buyer_kind_in("national_government", ["federal_agency"])
    assert buyer_kind_in("federal_agency", ("national_government", "school"))
    assert buyer_kind_in("school", {"school"})
    assert not buyer_kind_in("local_government", ["federal_agency", "national_government"])
    assert not buyer_kind_in("federal_agency", ["local_government"])


def _prc_ministry(kind: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "prc-ministry",
        "title": "PRC ministry CCTV with video sent abroad",
        "term": {"start": date(2024, 1, 1), "end": date(2025, 12, 31)},
        "buyer": {"name": "Example Ministry", "kind": kind, "jurisdiction": "CN"},
        "sites": [{"id": "hq", "jurisdiction": "CN", "purposes": ["government_facility_security"]}],
        "parties": [{"id": "host", "name": "Example Cloud GmbH", "incorporated_in": "DE"}],
        "components": [{"id": "cam", "kind": "ip_camera", "site": "hq", "capabilities": ["video"]}],
        "data_flows": [
            {
                "id": "out",
                "from": "cam",
                "to": {"operator": "host", "location": "DE", "kind": "third_party_cloud"},
                "data": ["video"],
            }
        ],
    }


@pytest.mark.parametrize("kind", ["federal_agency", "national_government"])
def test_pipl_art_36_binds_a_central_government_department_of_either_kind(
    rules: RuleSet, kind: str
) -> None:
    report = evaluate(
        procurement_from_dict(_prc_ministry(kind), source="test"), rules, date(2024, 6, 1)
    )
    assert [f.outcome for f in report.findings if f.rule_id == "CA-CN-PIPL-36"] == ["restricted"]
