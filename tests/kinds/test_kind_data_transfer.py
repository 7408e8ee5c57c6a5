"""The ``data_transfer`` kind: who exports, where to, and what an adequacy entry covers."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.kinds.context import Context
from riskkit.kinds.data_transfer import KIND
from riskkit.kinds.data_transfer.params import DataTransferParams
from riskkit.kinds.interface import CompiledRule, Hit
from riskkit.model import Procurement
from riskkit.model.entities import EntityIndex
from riskkit.model.loading import procurement_from_dict
from riskkit.model.rule import PackInfo, Rule
from riskkit.packs import RuleSet

DAY = date(2024, 6, 1)
DPF = {
    "id": "US-DPF",
    "destination": "US",
    "decision": "Decision (EU) 2023/1795",
    "since": date(2023, 7, 10),
    "requires_certification": "eu_us_dpf",
}


def _rule(**params: Any) -> tuple[Rule, CompiledRule]:
    params = {"data": ["video"], "free_flow": ["EEA"], **params}
    rule = Rule.model_validate(
        {
            "id": "T-TRANSFER",
            "kind": "data_transfer",
            "title": "Test transfer rule",
            "scope": ["EU"],
            "effective": {"from": date(2018, 5, 25)},
            "outcome": "restricted",
            "severity": "medium",
            "confidence": "high",
            "citations": [{"title": "source", "url": "https://example.org"}],
            "rationale": "test",
            "params": params,
        }
    )
    compiled = DataTransferParams.model_validate(params)
    return rule, CompiledRule(rule, compiled, KIND, PackInfo(id="t", version="1", title="t"), "t")


def _procurement(
    to: str, *, buyer_in: str = "DE-BE:Berlin", site_in: str = "DE-BE:Berlin", certs: Any = ()
) -> Procurement:
    return procurement_from_dict(
        {
            "id": "p",
            "title": "CCTV",
            "term": {"start": date(2024, 1, 1), "end": date(2026, 12, 31)},
            "buyer": {"name": "Buyer", "kind": "local_government", "jurisdiction": buyer_in},
            "sites": [{"id": "site", "jurisdiction": site_in}],
            "parties": [{"id": "host", "name": "Host Inc.", "certifications": list(certs)}],
            "components": [{"id": "cam", "kind": "ip_camera", "site": "site", "remote_access": []}],
            "data_flows": [
                {
                    "id": "rec",
                    "from": "cam",
                    "data": ["video"],
                    "to": {"operator": "host", "location": to, "kind": "third_party_cloud"},
                }
            ],
        }
    )


def _hits(compiled: CompiledRule, p: Procurement, day: date = DAY) -> list[Hit]:
    return list(KIND.evaluate(compiled, Context.build(p, day, EntityIndex(()))))


def test_a_transfer_outside_the_scope_without_adequacy_binds_the_exporter() -> None:
    _, compiled = _rule()
    [hit] = _hits(compiled, _procurement("CN"))
    assert hit.subject == "data_flows[rec]" and hit.binding and hit.outcome == "restricted"
    assert [e.path for e in hit.evidence] == ["buyer.jurisdiction", "data_flows[rec].to.location"]


def test_free_flow_and_in_scope_destinations_are_not_transfers() -> None:
    _, compiled = _rule()
    assert _hits(compiled, _procurement("FR")) == []
    assert _hits(compiled, _procurement("NO")) == []


def test_an_adequacy_entry_needing_a_certification_covers_only_certified_importers() -> None:
    _, compiled = _rule(adequacy=[DPF])
    [hit] = _hits(compiled, _procurement("US-VA"))
    assert hit.evidence[-1].path == "adequacy[US-DPF]"
    assert "eu_us_dpf" in hit.evidence[-1].note
    assert _hits(compiled, _procurement("US-VA", certs=["eu_us_dpf"])) == []
    # before the decision, the certification does not help
    [early] = _hits(compiled, _procurement("US-VA", certs=["eu_us_dpf"]), date(2023, 7, 9))
    assert "holds only from 2023-07-10" in early.evidence[-1].note


def test_an_entry_with_dates_in_doubt_gives_its_confidence_to_the_finding() -> None:
    doubtful = {"id": "X", "destination": "BR", "decision": "reported", "since": date(2025, 1, 1),
                "confidence": "low"}  # fmt: skip
    _, compiled = _rule(adequacy=[doubtful])
    [hit] = _hits(compiled, _procurement("BR"))
    assert hit.confidence == "low"


def test_the_site_makes_a_foreign_buyer_an_exporter() -> None:
    _, compiled = _rule(exporter_by=["site"])
    assert len(_hits(compiled, _procurement("US", buyer_in="US-IL", site_in="DE-HH"))) == 1
    assert _hits(compiled, _procurement("CN", buyer_in="DE", site_in="US-IL")) == []


def test_a_local_copy_satisfies_a_law_that_requires_one() -> None:
    _, compiled = _rule(local_copy_satisfies=True)
    p = _procurement("US")
    assert len(_hits(compiled, p)) == 1
    home = p.data_flows[0].model_copy(
        update={"id": "home", "to": p.data_flows[0].to.model_copy(update={"location": "DE"})}
    )
    assert _hits(compiled, p.model_copy(update={"data_flows": (*p.data_flows, home)})) == []


def test_fires_on_adequacy_reports_transfers_that_rest_on_it() -> None:
    _, compiled = _rule(adequacy=[DPF], fires_on="adequacy")
    [hit] = _hits(compiled, _procurement("US", certs=["eu_us_dpf"]))
    assert "2023/1795" in hit.explanation and hit.evidence[-1].note.startswith("covers")
    assert _hits(compiled, _procurement("US")) == []


def test_change_dates_are_the_entries_first_days_and_the_days_after_they_end() -> None:
    ended = {**DPF, "id": "OLD", "since": None, "until": date(2020, 7, 15)}
    _, compiled = _rule(adequacy=[DPF, ended])
    assert list(KIND.change_dates(compiled.params)) == [date(2020, 7, 16), date(2023, 7, 10)]


def test_check_reports_what_the_params_model_cannot() -> None:
    rule, compiled = _rule(adequacy=[DPF, DPF])
    assert KIND.check(compiled.params, rule) == ["duplicate adequacy id 'US-DPF'"]
    rule, compiled = _rule(fires_on="adequacy")
    assert KIND.check(compiled.params, rule) == [
        'fires_on "adequacy" needs at least one adequacy entry'
    ]


def test_adequacy_lowers_transfer_risk_but_never_removes_compelled_access(rules: RuleSet) -> None:
    p = _procurement("US-VA", certs=["eu_us_dpf"])
    p = p.model_copy(
        update={"parties": (p.parties[0].model_copy(update={"incorporated_in": "US-WA"}),)}
    )
    report = evaluate(p, rules, DAY)
    by_rule = {f.rule_id: f for f in report.findings if f.status == "active"}
    assert "CA-EU-GDPR-TRANSFER" not in by_rule and "CA-EU-SCHREMS2" not in by_rule
    assert by_rule["CA-EU-US-DPF"].outcome == "info"
    assert by_rule["CA-US-CLOUD"].subject == "parties[host]"
    assert by_rule["CA-US-FISA702"].subject == "parties[host]"


def test_the_same_us_transfer_changes_verdict_across_schrems_ii_and_the_dpf(
    rules: RuleSet,
) -> None:
    p = _procurement("US", certs=["eu_us_dpf", "eu_us_privacy_shield"])
    assert p.term is not None
    p = p.model_copy(update={"term": p.term.model_copy(update={"start": date(2019, 1, 1)})})

    def transfer_outcome(day: date) -> list[str]:
        report = evaluate(p, rules, day)
        return [
            f.outcome
            for f in report.findings
            if f.rule_id == "CA-EU-GDPR-TRANSFER" and f.status == "active"
        ]

    assert transfer_outcome(date(2020, 7, 15)) == []
    assert transfer_outcome(date(2020, 7, 16)) == ["restricted"]
    assert transfer_outcome(date(2023, 7, 9)) == ["restricted"]
    assert transfer_outcome(date(2023, 7, 10)) == []


def _with(p: Procurement, **extra: Any) -> Procurement:
    doc = p.model_dump(by_alias=True, exclude_none=True)
    for key, value in extra.items():
        if key == "purposes":
            doc["sites"][0]["purposes"] = value
        else:
            doc[key] = value
    return procurement_from_dict(doc)


ROUTES = [
    {"id": "consent", "description": "the data subjects consent"},
    {"id": "clauses", "description": "contract clauses", "mitigation": "contractual_safeguards"},
    {"id": "late", "description": "added later", "available_from": date(2025, 1, 1)},
]


def test_an_undeclared_route_leaves_the_transfer_restricted_and_names_the_routes() -> None:
    _, compiled = _rule(routes=ROUTES)
    [hit] = _hits(compiled, _procurement("CN"))
    assert hit.outcome == "restricted" and hit.binding
    assert "consent (the data subjects consent)" in hit.explanation
    assert "late" not in hit.explanation  # not yet available on DAY


def test_a_declared_route_lowers_the_finding_to_info_and_says_which() -> None:
    _, compiled = _rule(routes=ROUTES)
    auth = [{"id": "a", "rule": "T-TRANSFER", "exception": "consent"}]
    [hit] = _hits(compiled, _with(_procurement("CN"), authorisations=auth))
    assert (hit.outcome, hit.binding, hit.exception) == ("info", False, "consent")
    assert any(e.path == "authorisations[a]" for e in hit.evidence)


def test_a_route_is_not_met_before_it_exists_or_by_an_authorisation_for_another_rule() -> None:
    _, compiled = _rule(routes=ROUTES)
    late = [{"id": "a", "rule": "T-TRANSFER", "exception": "late"}]
    other = [{"id": "a", "rule": "OTHER", "exception": "consent"}]
    for auths in (late, other):
        [hit] = _hits(compiled, _with(_procurement("CN"), authorisations=auths))
        assert hit.outcome == "restricted"
    [hit] = _hits(compiled, _with(_procurement("CN"), authorisations=late), date(2025, 1, 1))
    assert hit.outcome == "info"
    assert date(2025, 1, 1) in list(KIND.change_dates(compiled.params))


def test_a_mitigation_meets_the_route_only_where_it_covers_the_flow() -> None:
    _, compiled = _rule(routes=ROUTES)
    covering = [{"id": "m", "kind": "contractual_safeguards", "applies_to": ["host"]}]
    elsewhere = [{"id": "m", "kind": "contractual_safeguards", "applies_to": ["site"]}]
    [hit] = _hits(compiled, _with(_procurement("CN"), mitigations=covering))
    assert (hit.outcome, hit.exception) == ("info", "clauses")
    [hit] = _hits(compiled, _with(_procurement("CN"), mitigations=elsewhere))
    assert hit.outcome == "restricted"


def test_purposes_limit_the_rule_and_unknown_purposes_are_unknown_not_a_pass() -> None:
    _, compiled = _rule(purposes=["education", "medical"])
    assert [h.outcome for h in _hits(compiled, _procurement("CN"))] == ["unknown"]
    school = _with(_procurement("CN"), purposes=["education"])
    assert [h.outcome for h in _hits(compiled, school)] == ["restricted"]
    street = _with(_procurement("CN"), purposes=["public_safety"])
    assert _hits(compiled, street) == []


def test_routes_are_checked_when_the_pack_loads() -> None:
    rule, compiled = _rule(routes=[*ROUTES, ROUTES[0]])
    assert "duplicate route id 'consent'" in KIND.check(compiled.params, rule)
    rule, compiled = _rule(routes=[{"id": "x", "description": "d", "available_from": "2010-01-01"}])
    assert any("outside the rule's window" in p for p in KIND.check(compiled.params, rule))


ROUTE_IDS = ["consent", "clauses", "late"]
AUTH_DAY = st.sampled_from([date(2024, 6, 1), date(2025, 6, 1)])


@settings(max_examples=120, deadline=None)
@given(
    declared=st.lists(st.sampled_from([*ROUTE_IDS, "unknown-route"]), max_size=3),
    for_rule=st.sampled_from(["T-TRANSFER", "OTHER"]),
    mitigation=st.sampled_from([None, "contractual_safeguards", "customer_held_keys"]),
    day=AUTH_DAY,
)
def test_a_route_only_ever_lowers_a_finding_to_info_and_only_when_one_is_met(
    declared: list[str], for_rule: str, mitigation: str | None, day: date
) -> None:
    _, compiled = _rule(routes=ROUTES)
    auths = [{"id": f"a{i}", "rule": for_rule, "exception": r} for i, r in enumerate(declared)]
    mitigations = [{"id": "m", "kind": mitigation}] if mitigation else []
    p = _with(_procurement("CN"), authorisations=auths, mitigations=mitigations)
    [hit] = _hits(compiled, p, day)
    available = {"consent", "clauses"} | ({"late"} if day >= date(2025, 1, 1) else set())
    met = (for_rule == "T-TRANSFER" and bool(available & set(declared))) or (
        mitigation == "contractual_safeguards"
    )
    assert hit.outcome == ("info" if met else "restricted")
    assert hit.binding is not met
    assert (hit.exception is not None) is met
