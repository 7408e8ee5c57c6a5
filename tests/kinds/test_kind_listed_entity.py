"""The listed_entity kind: how a product or party reaches a listed entity, and what it is told."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.errors import InvalidInput
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Finding, Report

ENTITIES = """
[pack]
id = "test-entities"
version = "1"
title = "Test entities"

[[entities]]
id = "listedco"
name = "Listed Camera Co., Ltd."
country = "CN"

[[entities]]
id = "whitelabel"
name = "Whitelabel Vision"
brands = [{ name = "WLV" }]
[[entities.made_by]]
entity = "listedco"
evidence = "teardown showed listedco firmware"
source = "https://example.org/teardown"
confidence = "medium"

[[entities]]
id = "rumoured"
name = "Rumoured Brand"
[[entities.made_by]]
entity = "listedco"
evidence = "one forum post"
source = "https://example.org/forum"
confidence = "low"

[[entities]]
id = "signatory"
name = "Signatory Telecom AG"
country = "DE"
"""

RULE = """
[[rules]]
id = "T-{id}"
kind = "listed_entity"
title = "test rule {id}"
scope = ["{scope}"]
effective = {{ from = 2020-01-01 }}
outcome = "prohibited"
severity = "high"
confidence = "high"
citations = [{{ title = "test", url = "https://example.org/law" }}]
rationale = "test"

[rules.params]
{params}
"""


def _rules(tmp_path: Path, *rules: dict[str, str]) -> RuleSet:
    body = '[pack]\nid = "test-rules"\nversion = "1"\ntitle = "Test rules"\n'
    for rule in rules:
        body += RULE.format(**{"scope": "US", **rule})
    (tmp_path / "entities.toml").write_text(ENTITIES, "utf-8")
    (tmp_path / "rules.toml").write_text(body, "utf-8")
    return load_packs([tmp_path], builtin=False, plugins=False)


def _procurement(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "id": "t",
        "title": "test",
        "term": {"start": date(2024, 1, 1), "end": date(2024, 12, 31)},
        "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-DC"},
        "sites": [{"id": "s", "jurisdiction": "US-DC", "settings": ["sensitive_site"]}],
        "parties": [
            {"id": "maker", "name": "Neutral Maker Inc.", "incorporated_in": "US-IL"},
        ],
        "components": [{"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "site": "s"}],
    }
    doc.update(changes)
    return doc


def _assess(rules: RuleSet, doc: dict[str, Any], day: date = date(2024, 6, 1)) -> Report:
    return evaluate(procurement_from_dict(doc, source="test"), rules, day)


def _only(report: Report, rule_id: str) -> Finding:
    found = [f for f in report.findings if f.rule_id == rule_id and f.status == "active"]
    assert len(found) == 1, [(f.rule_id, f.subject, f.outcome) for f in report.findings]
    return found[0]


NAMED = 'list = "Test list"\nentries = [{ entity = "listedco", from = 2020-01-01 }]'


def test_reseller_branded_camera_is_caught_through_the_oem_link_with_the_path_in_evidence(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "A", "params": NAMED})
    doc = _procurement(
        parties=[{"id": "maker", "name": "Reseller LLC", "incorporated_in": "US-IL"}],
        components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "brand": "WLV"}],
    )
    finding = _only(_assess(rules, doc), "T-A")
    assert finding.outcome == "prohibited" and finding.binding
    paths = [e.path for e in finding.evidence]
    assert paths[:3] == [
        "components[cam].brand",
        "entities[whitelabel].brands[0]",
        "entities[whitelabel].made_by[0]",
    ]
    assert finding.confidence == "medium"


def test_shipped_lorex_camera_reaches_dahua_through_curated_made_by(rules: RuleSet) -> None:
    doc = _procurement(
        buyer={
            "name": "Agency",
            "kind": "federal_agency",
            "jurisdiction": "US-DC",
            "funding": ["us_federal_grant"],
        },
        sites=[{"id": "s", "jurisdiction": "US-DC", "purposes": ["public_safety"]}],
        components=[
            {"id": "cam", "kind": "ip_camera", "brand": "Lorex", "site": "s", "acquisition": "new"}
        ],
    )
    finding = _only(_assess(rules, doc), "LE-US-NDAA889-B-VIDEO")
    paths = [e.path for e in finding.evidence]
    assert "entities[lorex].made_by[1]" in paths  # the post-2022 supply link
    # one press report of component supply after the sale: a risk to verify, not a bar
    assert (finding.outcome, finding.binding, finding.confidence) == ("elevated", False, "low")


def test_low_confidence_link_gives_an_elevated_risk_that_does_not_bind(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "A", "params": NAMED})
    doc = _procurement(
        components=[{"id": "cam", "kind": "ip_camera", "brand": "Rumoured Brand"}],
    )
    finding = _only(_assess(rules, doc), "T-A")
    assert finding.outcome == "elevated"
    assert not finding.binding
    assert finding.confidence == "low"
    assert "low-confidence" in finding.explanation


def test_entry_confidence_caps_the_finding(tmp_path: Path) -> None:
    params = (
        'list = "L"\nentries = [{ entity = "listedco", from = 2020-01-01, confidence = "low" }]'
    )
    rules = _rules(tmp_path, {"id": "A", "params": params})
    doc = _procurement(
        parties=[{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}]
    )
    finding = _only(_assess(rules, doc), "T-A")
    assert (finding.outcome, finding.confidence) == ("elevated", "low")


SEAT = 'list = "Seat rule"\nproducers_incorporated_in = ["CN"]\nsubjects = ["components"]'


def test_producer_incorporated_in_a_covered_state_is_matched_by_seat(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _procurement(parties=[{"id": "maker", "name": "Some Maker", "incorporated_in": "CN-ZJ"}])
    finding = _only(_assess(rules, doc), "T-S")
    assert finding.outcome == "prohibited"
    assert "parties[maker].incorporated_in" in [e.path for e in finding.evidence]


def test_seat_is_read_from_curated_entities_behind_a_brand(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _procurement(
        parties=[{"id": "maker", "name": "Reseller LLC", "incorporated_in": "US-IL"}],
        components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "brand": "WLV"}],
    )
    finding = _only(_assess(rules, doc), "T-S")
    assert "entities[listedco].country" in [e.path for e in finding.evidence]


def test_seat_of_a_party_is_read_from_the_curated_entity_it_names(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _procurement(parties=[{"id": "maker", "name": "Listed Camera Co., Ltd."}])
    finding = _only(_assess(rules, doc), "T-S")
    assert finding.outcome == "prohibited"
    assert ("entities[listedco].country", "CN") in [(e.path, e.value) for e in finding.evidence]


TWINS = """
[pack]
id = "twins"
version = "1"
title = "Two curated entities under one name"

[[entities]]
id = "twin-cn"
name = "Twin Optics"
country = "CN"

[[entities]]
id = "twin-us"
name = "Twin Optics Holdings"
aliases = ["Twin Optics"]
country = "US"
"""


def test_a_party_naming_curated_entities_in_two_countries_takes_the_first_ones_seat(
    tmp_path: Path,
) -> None:
    # riskkit cannot tell which entity the party is; a seat rule takes the first curated
    # entity with a country, so the outcome is the stricter one, never a quieter risk
    (tmp_path / "twins.toml").write_text(TWINS, "utf-8")
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _procurement(parties=[{"id": "maker", "name": "Twin Optics"}])
    finding = _only(_assess(rules, doc), "T-S")
    assert (finding.outcome, finding.binding) == ("prohibited", True)
    assert ("entities[twin-cn].country", "CN") in [(e.path, e.value) for e in finding.evidence]


def test_subsidiary_controlled_from_a_covered_state_is_only_an_elevated_risk(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _procurement(
        parties=[
            {"id": "parent", "name": "Parent Co", "incorporated_in": "CN"},
            {
                "id": "maker",
                "name": "Sub Inc.",
                "incorporated_in": "US-DE",
                "owners": [{"party": "parent", "share": 0.8}],
            },
        ]
    )
    finding = _only(_assess(rules, doc), "T-S")
    assert (finding.outcome, finding.binding, finding.confidence) == ("elevated", False, "low")
    assert "controlled by" in finding.explanation


def test_unknown_seat_is_reported_as_unknown(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _procurement(parties=[{"id": "maker", "name": "Anonymous Factory"}])
    report = _assess(rules, doc)
    assert not [f for f in report.findings if f.rule_id == "T-S"]
    assert [u.subject for u in report.unknowns if u.rule_id == "T-S"] == ["components[cam]"]


def test_params_need_entries_or_producer_seats(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="give entries, producers_incorporated_in"):
        _rules(tmp_path, {"id": "X", "params": 'list = "Empty"'})


def test_binds_with_only_a_jurisdiction_binds_every_buyer_there(tmp_path: Path) -> None:
    params = NAMED + '\nbinds = { buyer_in = ["US"] }\nunbound_outcome = "none"'
    rules = _rules(tmp_path, {"id": "J", "params": params})
    doc = _procurement(
        buyer={"name": "Shop", "kind": "private_business", "jurisdiction": "US-OR:Portland"},
        parties=[{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}],
    )
    finding = _only(_assess(rules, doc), "T-J")
    assert finding.binding
    assert ("buyer.jurisdiction", "US-OR:Portland") in [(e.path, e.value) for e in finding.evidence]


def test_binds_a_named_buyer_entity_and_only_informs_others(tmp_path: Path) -> None:
    params = NAMED + '\nbinds = { buyer_entities = ["signatory"] }\nunbound_outcome = "elevated"'
    rules = _rules(tmp_path, {"id": "N", "scope": "DE", "params": params})
    maker = [{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}]
    sites = [{"id": "s", "jurisdiction": "DE-BE:Berlin"}]

    def buyer(name: str) -> dict[str, str]:
        return {"name": name, "kind": "critical_infrastructure_operator", "jurisdiction": "DE"}

    bound = _only(
        _assess(
            rules, _procurement(buyer=buyer("Signatory Telecom AG"), parties=maker, sites=sites)
        ),
        "T-N",
    )
    other = _only(
        _assess(rules, _procurement(buyer=buyer("Other Telecom GmbH"), parties=maker, sites=sites)),
        "T-N",
    )
    assert (bound.outcome, bound.binding) == ("prohibited", True)
    assert (other.outcome, other.binding) == ("elevated", False)


def test_a_buyer_outside_the_rules_scope_is_told_the_risk_but_not_bound(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "E", "scope": "EU", "params": NAMED})
    doc = _procurement(
        buyer={"name": "Dept", "kind": "federal_agency", "jurisdiction": "GB"},
        sites=[{"id": "s", "jurisdiction": "GB"}],
        parties=[{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}],
    )
    # The UK left the EU on 2020-01-31: an EU rule binds a UK buyer before; after, the listed
    # maker is still a risk (issue 11: risk that does not depend on the buyer's law is scored
    # wherever the data goes), told as to any buyer the listing does not bind.
    after = [f for f in _assess(rules, doc).findings if f.rule_id == "T-E"]
    assert [(f.outcome, f.binding) for f in after] == [("elevated", False)]
    before = _assess(rules, {**doc, "term": {"start": date(2020, 1, 1), "end": date(2020, 1, 31)}},
                     date(2020, 1, 15))  # fmt: skip
    assert [(f.outcome, f.binding) for f in before.findings if f.rule_id == "T-E"] == [
        ("prohibited", True)
    ]


def test_a_rule_telling_unbound_buyers_nothing_stays_in_its_scope(tmp_path: Path) -> None:
    params = NAMED + '\nunbound_outcome = "none"'
    rules = _rules(tmp_path, {"id": "E", "scope": "EU", "params": params})
    doc = _procurement(
        buyer={"name": "Dept", "kind": "federal_agency", "jurisdiction": "GB"},
        sites=[{"id": "s", "jurisdiction": "GB"}],
        parties=[{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}],
    )
    assert not [f for f in _assess(rules, doc).findings if f.rule_id == "T-E"]


MAJORITY = (
    NAMED + '\naffiliates = "named_only"\naffiliate_windows = ['
    '{ from = 2024-01-01, until = 2024-12-31, affiliates = "majority_owned" },'
    '{ from = 2026-01-01, affiliates = "majority_owned", confidence = "low", '
    'note = "resumption not confirmed" }]'
)


def _subsidiary(share: float) -> dict[str, Any]:
    return _procurement(
        parties=[
            {"id": "parent", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"},
            {
                "id": "maker",
                "name": "Wholly Owned Sub Ltd",
                "incorporated_in": "HK",
                "owners": [{"party": "parent", "share": share}],
            },
        ]
    )


def test_majority_owned_counts_a_holding_by_a_party_that_is_the_listed_entity(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "M", "params": MAJORITY})
    finding = _only(_assess(rules, _subsidiary(1.0)), "T-M")
    assert "100.00 % owned in aggregate by" in finding.explanation
    assert not [f for f in _assess(rules, _subsidiary(0.4)).findings if f.rule_id == "T-M"]


def test_affiliate_window_outside_which_only_named_entities_count(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "M", "params": MAJORITY})
    doc = {**_subsidiary(1.0), "term": {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}}
    assert not [f for f in _assess(rules, doc, date(2025, 6, 1)).findings if f.rule_id == "T-M"]


def test_affiliate_window_of_low_confidence_marks_findings_and_says_why(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "M", "params": MAJORITY})
    doc = {**_subsidiary(1.0), "term": {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}}
    finding = _only(_assess(rules, doc, date(2026, 6, 1)), "T-M")
    assert finding.confidence == "low"
    assert "resumption not confirmed" in finding.explanation


# --- issue 11: acquisition (new, installed, renewal, maintenance) ----------------------------

NEW_ONLY = NAMED + '\nacquisitions = ["new"]\nunbound_outcome = "info"'


def _listed_maker(acquisition: str | None) -> dict[str, Any]:
    component: dict[str, Any] = {"id": "cam", "kind": "ip_camera", "manufacturer": "maker"}
    if acquisition is not None:
        component["acquisition"] = acquisition
    return _procurement(
        parties=[{"id": "maker", "name": "Listed Camera Co., Ltd.", "incorporated_in": "CN"}],
        components=[component],
    )


def test_a_rule_on_new_equipment_binds_a_new_purchase(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "N", "params": NEW_ONLY})
    finding = _only(_assess(rules, _listed_maker("new")), "T-N")
    assert (finding.outcome, finding.binding) == ("prohibited", True)
    assert "components[cam].acquisition" in [e.path for e in finding.evidence]


def test_a_rule_on_new_equipment_does_not_bind_installed_equipment(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "N", "params": NEW_ONLY})
    for acquisition in ("installed", "maintenance", "renewal"):
        finding = _only(_assess(rules, _listed_maker(acquisition)), "T-N")
        assert (finding.outcome, finding.binding) == ("info", False), acquisition
        assert acquisition in finding.explanation


def test_an_unknown_acquisition_is_unknown_for_a_rule_on_some_acquisitions(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "N", "params": NEW_ONLY})
    report = _assess(rules, _listed_maker(None))
    assert not [f for f in report.findings if f.rule_id == "T-N"]
    [unknown] = [u for u in report.unknowns if u.rule_id == "T-N"]
    assert unknown.subject == "components[cam]"
    assert "acquisition" in unknown.explanation
    assert report.verdict != "acceptable"


def test_a_rule_on_every_acquisition_ignores_it(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "A", "params": NAMED})
    for acquisition in (None, "installed", "new"):
        finding = _only(_assess(rules, _listed_maker(acquisition)), "T-A")
        assert finding.outcome == "prohibited", acquisition


def test_acquisitions_do_not_matter_for_a_buyer_the_rule_does_not_bind(tmp_path: Path) -> None:
    params = NEW_ONLY + '\nbinds = { buyer_kinds = ["telecom_operator"] }'
    rules = _rules(tmp_path, {"id": "N", "params": params})
    finding = _only(_assess(rules, _listed_maker(None)), "T-N")
    assert (finding.outcome, finding.binding) == ("info", False)


# --- issue 11: one central government ----------------------------------------------------------


@pytest.mark.parametrize(
    ("named", "buyer"),
    [("federal_agency", "national_government"), ("national_government", "federal_agency")],
)
def test_a_rule_naming_one_central_government_kind_binds_both(
    tmp_path: Path, named: str, buyer: str
) -> None:
    params = NAMED + f'\nbinds = {{ buyer_kinds = ["{named}"] }}\nunbound_outcome = "info"'
    rules = _rules(tmp_path, {"id": "C", "params": params})
    doc = _listed_maker("new")
    doc["buyer"] = {"name": "Ministry", "kind": buyer, "jurisdiction": "US-DC"}
    finding = _only(_assess(rules, doc), "T-C")
    assert (finding.outcome, finding.binding) == ("prohibited", True)


def test_a_central_government_rule_does_not_bind_a_city(tmp_path: Path) -> None:
    params = NAMED + '\nbinds = { buyer_kinds = ["federal_agency"] }\nunbound_outcome = "info"'
    rules = _rules(tmp_path, {"id": "C", "params": params})
    doc = _listed_maker("new")
    doc["buyer"] = {"name": "City", "kind": "local_government", "jurisdiction": "US-DC"}
    assert _only(_assess(rules, doc), "T-C").outcome == "info"


# --- issue 11: parts inside a component (contains) ---------------------------------------------

CONTAINED = (
    NAMED + '\ncontained = { kinds = ["soc"], confidence = "high", note = "the source says so" }'
)


def _with_part(**part: Any) -> dict[str, Any]:
    return _procurement(
        components=[
            {
                "id": "cam",
                "kind": "ip_camera",
                "manufacturer": "maker",
                "contains": [{"kind": "soc", **part}],
            }
        ],
    )


def test_a_listed_makers_part_inside_another_makers_product_is_followed(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "P", "params": CONTAINED})
    finding = _only(_assess(rules, _with_part(brand="Listed Camera Co., Ltd.")), "T-P")
    assert (finding.outcome, finding.binding) == ("prohibited", True)
    assert finding.evidence[0].path == "components[cam].contains[0].brand"
    assert "contains a soc" in finding.explanation
    assert "the source says so" in finding.explanation


def test_a_part_is_never_surer_than_its_own_record(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "P", "params": CONTAINED})
    doc = _with_part(brand="Listed Camera Co., Ltd.", confidence="low")
    finding = _only(_assess(rules, doc), "T-P")
    assert (finding.outcome, finding.confidence) == ("elevated", "low")


def test_parts_are_not_followed_unless_the_rule_says_so(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "A", "params": NAMED})
    report = _assess(rules, _with_part(brand="Listed Camera Co., Ltd."))
    assert not [f for f in report.findings if f.rule_id == "T-A"]


def test_a_rule_on_parts_only_leaves_the_maker_to_other_rules(tmp_path: Path) -> None:
    params = (
        NAMED
        + '\nsubjects = ["components"]'
        + '\ncontained = { kinds = ["soc"], confidence = "high", note = "n", only = true }'
    )
    rules = _rules(tmp_path, {"id": "P", "params": params})
    doc = _listed_maker("new")
    assert not [f for f in _assess(rules, doc).findings if f.rule_id == "T-P"]


# --- issue 11: products produced outside a country (producers_outside) -------------------------

OUTSIDE = 'list = "Foreign-made"\nproducers_outside = ["US"]\nsubjects = ["components"]'


def test_production_abroad_is_read_from_produced_in_never_from_the_makers_seat(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "O", "params": OUTSIDE})
    made_abroad = _procurement(
        components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "site": "s",
                     "produced_in": "TW"}],
    )  # fmt: skip
    finding = _only(_assess(rules, made_abroad), "T-O")
    assert (finding.outcome, finding.confidence, finding.binding) == ("prohibited", "high", True)
    assert "components[cam].produced_in" in [e.path for e in finding.evidence]
    made_home = _procurement(
        parties=[{"id": "maker", "name": "Maker", "incorporated_in": "TW"}],
        components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "site": "s",
                     "produced_in": "US-TX"}],
    )  # fmt: skip
    assert not [f for f in _assess(rules, made_home).findings if f.rule_id == "T-O"]
    # a foreign maker's seat says nothing of where it produces: an unknown, not a guess
    unstated = _procurement(parties=[{"id": "maker", "name": "Maker", "incorporated_in": "TW"}])
    report = _assess(rules, unstated)
    assert not [f for f in report.findings if f.rule_id == "T-O"]
    (asked,) = [u for u in report.unknowns if u.rule_id == "T-O"]
    assert "produced_in" in asked.explanation


def test_params_take_one_way_of_covering_producers_by_seat(tmp_path: Path) -> None:
    params = OUTSIDE + '\nproducers_incorporated_in = ["CN"]'
    with pytest.raises(InvalidInput, match="not both"):
        _rules(tmp_path, {"id": "X", "params": params})
    params = OUTSIDE + '\ncontained = { kinds = ["soc"], confidence = "low", note = "n" }'
    with pytest.raises(InvalidInput, match="not by seat"):
        _rules(tmp_path, {"id": "Y", "params": params})


ACQUISITIONS = ("new", "installed", "renewal", "maintenance")


@pytest.fixture(scope="module")
def by_acquisitions(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], RuleSet]:
    """A rule set for every choice of acquisitions a rule may bind (empty: all of them)."""
    out = {}
    for mask in range(16):
        chosen = tuple(a for i, a in enumerate(ACQUISITIONS) if mask & (1 << i))
        params = NAMED + f'\nacquisitions = {list(chosen)!r}\nunbound_outcome = "info"'
        params = params.replace("'", '"')
        out[chosen] = _rules(tmp_path_factory.mktemp("acq"), {"id": "Q", "params": params})
    return out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mask=st.integers(min_value=0, max_value=15),
    acquisition=st.sampled_from((None, *ACQUISITIONS)),
)
def test_an_acquisition_never_silences_a_listed_maker(
    by_acquisitions: dict[tuple[str, ...], RuleSet], mask: int, acquisition: str | None
) -> None:
    """Whatever acquisitions a rule binds and whatever the component's is (or not given), a
    listed maker gives a finding or an unknown: binding exactly when the rule binds it."""
    chosen = tuple(a for i, a in enumerate(ACQUISITIONS) if mask & (1 << i))
    report = _assess(by_acquisitions[chosen], _listed_maker(acquisition))
    findings = [f for f in report.findings if f.rule_id == "T-Q"]
    unknowns = [u for u in report.unknowns if u.rule_id == "T-Q"]
    if not chosen or acquisition in chosen:
        assert [(f.outcome, f.binding) for f in findings] == [("prohibited", True)]
    elif acquisition is None:
        assert not findings and len(unknowns) == 1
        assert report.verdict != "acceptable"
    else:
        assert [(f.outcome, f.binding) for f in findings] == [("info", False)]
