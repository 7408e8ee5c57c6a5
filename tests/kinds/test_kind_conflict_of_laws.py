"""The ``conflict_of_laws`` kind: a compelling law's reach meeting a blocking law's territory."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.kinds.conflict_of_laws import KIND
from riskkit.kinds.conflict_of_laws.params import ConflictOfLawsParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Hit
from riskkit.model import Procurement
from riskkit.model.entities import EntityIndex
from riskkit.model.loading import procurement_from_dict
from riskkit.model.rule import PackInfo, Rule
from riskkit.packs import RuleSet

DAY = date(2024, 6, 1)
CLOUD = {
    "law": "the CLOUD Act",
    "scope": ["US"],
    "binds_by": ["incorporation", "control"],
    "compels": ["disclosure_abroad"],
    "foreign_only": False,
}
GDPR48 = {
    "law": "GDPR Art. 48",
    "scope": ["EU"],
    "applies_by": ["data_location"],
    "forbids": "recognises such orders only under an international agreement",
}


def _rule(scope: list[str], blocking: dict[str, Any] = GDPR48) -> tuple[Rule, CompiledRule]:
    params = {"compelling": CLOUD, "blocking": blocking}
    rule = Rule.model_validate(
        {
            "id": "T-CONFLICT",
            "kind": "conflict_of_laws",
            "title": "Test conflict",
            "scope": scope,
            "effective": {"from": date(2018, 5, 25)},
            "outcome": "elevated",
            "severity": "medium",
            "confidence": "high",
            "citations": [{"title": "source", "url": "https://example.org"}],
            "rationale": "test",
            "params": params,
        }
    )
    compiled = ConflictOfLawsParams.model_validate(params)
    pack = PackInfo(id="t", version="1", title="t")
    return rule, CompiledRule(rule, compiled, KIND, pack, "test")


def _procurement(buyer_in: str, data_in: str) -> Procurement:
    """A buyer whose video sits with a US-parented host at ``data_in``."""
    return procurement_from_dict(
        {
            "id": "p",
            "title": "CCTV",
            "term": {"start": date(2024, 1, 1), "end": date(2026, 12, 31)},
            "buyer": {"name": "Buyer", "kind": "local_government", "jurisdiction": buyer_in},
            "sites": [{"id": "site", "jurisdiction": buyer_in}],
            "parties": [
                {
                    "id": "host",
                    "name": "Host Ltd",
                    "incorporated_in": "IE",
                    "owners": [{"party": "parent", "share": 1.0}],
                },
                {"id": "parent", "name": "Parent Inc.", "incorporated_in": "US-WA"},
            ],
            "components": [{"id": "cam", "kind": "ip_camera", "site": "site", "remote_access": []}],
            "data_flows": [
                {
                    "id": "rec",
                    "from": "cam",
                    "data": ["video"],
                    "to": {"operator": "host", "location": data_in, "kind": "third_party_cloud"},
                },
            ],
        }
    )


def _hits(compiled: CompiledRule, p: Procurement) -> list[Hit]:
    return list(KIND.evaluate(compiled, Context.build(p, DAY, EntityIndex(()))))


def test_fires_for_the_bound_owner_with_the_blocking_location_as_evidence() -> None:
    _, compiled = _rule(["US", "EU"])
    [hit] = _hits(compiled, _procurement("US-IL", "DE-HE"))
    assert hit.subject == "parties[parent]"
    assert hit.binding is False
    last = hit.evidence[-1]
    assert (last.path, last.value) == ("data_flows[rec].to.location", "DE-HE")
    assert "GDPR Art. 48" in last.note and "GDPR Art. 48" in hit.explanation


def test_does_not_fire_when_nothing_puts_the_deployment_under_the_blocking_law() -> None:
    _, compiled = _rule(["US", "EU"])
    assert _hits(compiled, _procurement("US-IL", "US-VA")) == []


def test_a_buyer_under_the_blocking_law_brings_it_in_wherever_the_data_is() -> None:
    by_buyer = {**GDPR48, "applies_by": ["buyer"]}
    _, compiled = _rule(["US", "EU"], by_buyer)
    [hit] = _hits(compiled, _procurement("FR-69:Lyon", "US-VA"))
    assert (hit.evidence[-1].path, hit.evidence[-1].value) == ("buyer.jurisdiction", "FR-69:Lyon")
    # the same buyer with only data location counting is outside the blocking law
    _, by_location = _rule(["US", "EU"])
    assert _hits(by_location, _procurement("FR-69:Lyon", "US-VA")) == []


def test_does_not_fire_when_no_party_is_bound_by_the_compelling_law() -> None:
    _, compiled = _rule(["US", "EU"])
    p = _procurement("DE", "DE")
    independent = p.model_copy(
        update={"parties": (p.parties[0].model_copy(update={"owners": ()}),)}
    )
    assert _hits(compiled, independent) == []


def test_check_requires_the_rule_scope_to_cover_both_laws() -> None:
    rule, compiled = _rule(["US"])
    problems = KIND.check(compiled.params, rule)
    assert problems and "blocking.scope 'EU'" in problems[0]
    rule, compiled = _rule(["US", "EU"])
    assert KIND.check(compiled.params, rule) == []


@pytest.mark.parametrize(
    "rule_id", ["CA-CONFLICT-US-CLOUD-CN-DSL36", "CA-CONFLICT-US-CLOUD-CN-PIPL41"]
)
def test_rules_for_an_untouched_country_are_never_looked_at(rules: RuleSet, rule_id: str) -> None:
    p = _procurement("DE-BE:Berlin", "DE")
    p = p.model_copy(update={"parties": (p.parties[0].model_copy(update={"owners": ()}),)})
    assert rule_id not in {c.id for c in rules.candidates(p)}
    report = evaluate(p, rules, DAY)
    assert not [f for f in report.findings if f.rule_id.startswith("CA-")]
