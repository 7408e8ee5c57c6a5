"""The ``biometric_ban`` kind: whom a ban binds, and what a declared authorisation changes."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.errors import InvalidInput
from riskkit.kinds.biometric_ban import government_level
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Report

PACK_HEAD = """
[pack]
id = "test-biometric"
version = "1"
title = "Test biometric pack"
"""

RULE = """
[[rules]]
id = "{id}"
kind = "biometric_ban"
title = "Test ban"
scope = ["US-VA"]
effective = {{ from = 2021-01-01 }}
outcome = "{outcome}"
severity = "high"
confidence = "high"
rationale = "A test rule."

[[rules.citations]]
title = "Test source"
url = "https://example.org/law"

[rules.params]
applies_by = "buyer"
bound_buyers = ["law_enforcement"]
capabilities = ["facial_recognition"]
{extra}
"""


def _exception(exc_id: str, effect: str, available_from: str | None = None) -> str:
    text = f'\n[[rules.params.exceptions]]\nid = "{exc_id}"\ndescription = "{exc_id}"\n'
    text += f'effect = "{effect}"\n'
    if available_from:
        text += f"available_from = {available_from}\n"
    return text


def _pack(tmp_path: Path, *rules: str) -> RuleSet:
    path = tmp_path / "pack.toml"
    path.write_text(PACK_HEAD + "".join(rules), "utf-8")
    return load_packs([path], builtin=False, plugins=False)


def _rule(rule_id: str = "T-BAN", outcome: str = "prohibited", extra: str = "") -> str:
    return RULE.format(id=rule_id, outcome=outcome, extra=extra)


def _procurement(
    jurisdiction: str = "US-VA:Fairfax",
    authorisations: list[dict[str, Any]] | None = None,
    term: tuple[str, str] = ("2021-01-01", "2024-12-31"),
) -> Any:
    return procurement_from_dict(
        {
            "id": "p",
            "title": "police cameras",
            "term": {"start": date.fromisoformat(term[0]), "end": date.fromisoformat(term[1])},
            "buyer": {"name": "Police", "kind": "law_enforcement", "jurisdiction": jurisdiction},
            "sites": [{"id": "s", "jurisdiction": jurisdiction}],
            "components": [
                {
                    "id": "cam",
                    "kind": "ip_camera",
                    "brand": "Generic",
                    "site": "s",
                    "capabilities": ["video", "facial_recognition"],
                }
            ],
            "authorisations": authorisations or [],
        }
    )


def _active(report: Report, rule_id: str = "T-BAN") -> list[str]:
    return [f.outcome for f in report.findings if f.rule_id == rule_id and f.status == "active"]


def _auth(exception: str, rule_id: str = "T-BAN", **extra: Any) -> dict[str, Any]:
    return {"id": "a", "rule": rule_id, "exception": exception, **extra}


@pytest.mark.parametrize(
    ("jurisdiction", "level"),
    [("US", "national"), ("US-VA", "state"), ("US-VA:Fairfax", "local"), ("EU", "national")],
)
def test_government_level_follows_how_precise_the_jurisdiction_is(
    jurisdiction: str, level: str
) -> None:
    assert government_level(jurisdiction) == level


def test_buyer_levels_leave_a_state_level_buyer_unbound(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra='buyer_levels = ["local"]'))
    day = date(2022, 1, 1)
    assert _active(evaluate(_procurement("US-VA:Fairfax"), rules, day)) == ["prohibited"]
    assert _active(evaluate(_procurement("US-VA"), rules, day)) == []


def test_a_local_buyer_is_told_its_level_in_the_evidence(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra='buyer_levels = ["local"]'))
    report = evaluate(_procurement(), rules, date(2022, 1, 1))
    notes = [e.note for f in report.findings for e in f.evidence]
    assert "a local buyer, a level the law binds" in notes


def test_a_restricting_exception_turns_a_ban_into_a_restriction(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra=_exception("listed_crime", "restricts")))
    report = evaluate(_procurement(authorisations=[_auth("listed_crime")]), rules, date(2022, 1, 1))
    [finding] = report.findings
    assert finding.outcome == "restricted"
    assert finding.binding is True
    assert finding.exception == "listed_crime"
    assert "only under that exception's own conditions" in finding.explanation


def test_the_most_permissive_declared_exception_decides(tmp_path: Path) -> None:
    extra = _exception("narrow", "conditional") + _exception("broad", "permits")
    rules = _pack(tmp_path, _rule(extra=extra))
    declared = [_auth("narrow"), {**_auth("broad"), "id": "b"}]
    report = evaluate(_procurement(authorisations=declared), rules, date(2022, 1, 1))
    [finding] = report.findings
    assert (finding.outcome, finding.exception, finding.binding) == ("info", "broad", False)


def test_a_conditional_exception_never_raises_a_restriction(tmp_path: Path) -> None:
    # A restricted rule may carry a conditional exception only by mistake; the check says so.
    with pytest.raises(InvalidInput, match="does not lower the rule's outcome 'restricted'"):
        _pack(tmp_path, _rule(outcome="restricted", extra=_exception("x", "conditional")))


def test_an_exception_cannot_be_met_before_the_amendment_that_added_it(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra=_exception("carve_out", "conditional", "2021-05-04")))
    procurement = _procurement(authorisations=[_auth("carve_out")])
    assert _active(evaluate(procurement, rules, date(2021, 5, 3))) == ["prohibited"]
    assert _active(evaluate(procurement, rules, date(2021, 5, 4))) == [
        "prohibited_unless_exception"
    ]


def test_an_exception_dated_outside_the_rule_window_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInput, match="available_from 2020-01-01 is outside the rule's window"
    ):
        _pack(tmp_path, _rule(extra=_exception("early", "permits", "2020-01-01")))


def test_the_day_an_exception_becomes_available_is_a_change_date(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra=_exception("carve_out", "conditional", "2021-05-04")))
    assert date(2021, 5, 4) in rules.rule("T-BAN").change_dates()


def test_an_authorisation_for_another_rule_is_ignored(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra=_exception("listed_crime", "restricts")))
    procurement = _procurement(authorisations=[_auth("listed_crime", rule_id="OTHER")])
    assert _active(evaluate(procurement, rules, date(2022, 1, 1))) == ["prohibited"]


def test_an_authorisation_outside_its_validity_is_ignored(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule(extra=_exception("listed_crime", "restricts")))
    expired = _auth("listed_crime", valid_until=date(2021, 12, 31))
    procurement = _procurement(authorisations=[expired])
    assert _active(evaluate(procurement, rules, date(2021, 12, 31))) == ["restricted"]
    assert _active(evaluate(procurement, rules, date(2022, 1, 1))) == ["prohibited"]


def test_a_switched_off_capability_is_not_covered(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _rule())
    doc = _procurement().model_dump(mode="json", by_alias=True)
    doc["components"][0]["enabled"] = False
    report = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))
    assert _active(report) == []


def test_a_ban_where_no_site_is_still_looks_at_components_without_a_site(
    tmp_path: Path,
) -> None:
    # a ban on use in Virginia, a deployment sited in Maryland: only a component with no site
    # can be under it, and whether it is stays unknown
    rules = _pack(tmp_path, _rule().replace('applies_by = "buyer"', 'applies_by = "site"'))
    doc = _procurement().model_dump(mode="json", by_alias=True)
    doc["sites"][0]["jurisdiction"] = "US-MD:Baltimore"
    sited = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))
    assert [u for u in sited.unknowns if u.rule_id == "T-BAN"] == []
    assert _active(sited) == []
    doc["components"].append({**doc["components"][0], "id": "loose", "site": None})
    unsited = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))
    assert [u.subject for u in unsited.unknowns if u.rule_id == "T-BAN"] == ["components[loose]"]


# --- data processed by another component (issue 11, defect 4) -------------------------------


def _bodycam_doc(**analytics: Any) -> dict[str, Any]:
    """A California police department: body cameras with no face recognition of their own,
    whose footage goes to a separate analytics product that runs face recognition."""
    return {
        "id": "p",
        "title": "body cameras and an analytics product",
        "term": {"start": date(2021, 6, 1), "end": date(2024, 6, 1)},
        "buyer": {"name": "Police", "kind": "law_enforcement", "jurisdiction": "US-CA:Oakland"},
        "sites": [{"id": "s", "jurisdiction": "US-CA:Oakland", "settings": ["public_space"]}],
        "parties": [{"id": "vendor", "name": "Vendor Inc.", "incorporated_in": "US-CA"}],
        "components": [
            {"id": "bwc", "kind": "body_camera", "site": "s", "capabilities": ["video"]},
            {
                "id": "analytics",
                "kind": "analytics_software",
                "capabilities": ["facial_recognition"],
                **analytics,
            },
        ],
        "data_flows": [
            {
                "id": "upload",
                "from": "bwc",
                "to": {
                    "operator": "vendor",
                    "location": "US-CA",
                    "kind": "vendor_cloud",
                    "component": "analytics",
                },
                "data": ["video"],
            }
        ],
    }


def _findings(report: Report, rule_id: str) -> list[Any]:
    return [f for f in report.findings if f.rule_id == rule_id and f.status == "active"]


def test_face_recognition_on_body_camera_footage_elsewhere_is_under_ab1215(
    rules: RuleSet,
) -> None:
    report = evaluate(procurement_from_dict(_bodycam_doc()), rules, date(2021, 6, 1))
    [finding] = _findings(report, "BB-US-CA-AB1215")
    assert (finding.outcome, finding.binding) == ("prohibited", True)
    assert finding.subject == "components[analytics]"
    paths = {e.path: e.value for e in finding.evidence}
    assert paths["data_flows[upload]"] == "bwc -> analytics"
    assert "body_camera" in finding.explanation


def test_footage_followed_through_a_chain_of_flows_with_a_cycle(rules: RuleSet) -> None:
    doc = _bodycam_doc()
    doc["components"].insert(1, {"id": "vms", "kind": "vms_platform", "capabilities": ["video"]})
    hop = doc["data_flows"][0]["to"]
    doc["data_flows"] = [
        {"id": "f1", "from": "bwc", "to": {**hop, "component": "vms"}, "data": ["video"]},
        {"id": "f2", "from": "vms", "to": {**hop, "component": "analytics"}, "data": ["video"]},
        {"id": "f3", "from": "analytics", "to": {**hop, "component": "vms"}, "data": ["video"]},
    ]
    report = evaluate(procurement_from_dict(doc), rules, date(2021, 6, 1))
    [finding] = _findings(report, "BB-US-CA-AB1215")
    paths = {e.path: e.value for e in finding.evidence}
    assert paths["data_flows[f1]"] == "bwc -> vms"
    assert paths["data_flows[f2]"] == "vms -> analytics"
    # a safeguard on the cameras whose footage is used covers the finding
    doc["mitigations"] = [{"id": "off", "kind": "feature_disabled", "applies_to": ["bwc"]}]
    report = evaluate(procurement_from_dict(doc), rules, date(2021, 6, 1))
    [finding] = _findings(report, "BB-US-CA-AB1215")
    assert finding.residual_likelihood < finding.likelihood


def test_analytics_fed_by_fixed_cameras_only_is_not_under_ab1215(rules: RuleSet) -> None:
    doc = _bodycam_doc()
    doc["components"][0]["kind"] = "ip_camera"
    report = evaluate(procurement_from_dict(doc), rules, date(2021, 6, 1))
    assert _findings(report, "BB-US-CA-AB1215") == []


def test_the_source_site_places_a_ban_on_use_in_a_place(rules: RuleSet) -> None:
    # Portland's private-use ban reads the site: face matching in a cloud service without a
    # site, on footage from a Portland shop's cameras, is face recognition in that shop
    doc = _bodycam_doc()
    doc["buyer"] = {"name": "Shop", "kind": "private_business", "jurisdiction": "US-OR:Portland"}
    doc["sites"] = [
        {"id": "s", "jurisdiction": "US-OR:Portland", "settings": ["public_accommodation"]}
    ]
    doc["components"][0]["kind"] = "ip_camera"
    report = evaluate(procurement_from_dict(doc), rules, date(2022, 6, 1))
    [finding] = _findings(report, "BB-US-OR-PORTLAND-PRIVATE")
    assert finding.outcome == "prohibited"
    paths = {e.path: e.value for e in finding.evidence}
    assert paths["sites[s].settings"] == "public_accommodation"
    assert [u for u in report.unknowns if u.rule_id == "BB-US-OR-PORTLAND-PRIVATE"] == []


# --- uses per component, exceptions met by a stated use (issue 11, defects 5 and 8a) --------


def _limited(exc_id: str, effect: str, uses: list[str]) -> str:
    return _exception(exc_id, effect) + "uses = [" + ", ".join(f'"{u}"' for u in uses) + "]\n"


def _with(procurement: Any, **component: Any) -> Any:
    doc = procurement.model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["components"][0].update(component)
    return procurement_from_dict(doc)


def _violent_crime_rule(outcome: str = "prohibited") -> str:
    return _rule(
        outcome=outcome,
        extra=_limited("violent_crime", "restricts", ["violent_crime_investigation"]),
    )


def test_an_exception_is_met_by_a_stated_use_in_its_list(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _violent_crime_rule())
    procurement = _with(
        _procurement(authorisations=[_auth("violent_crime")]),
        authorised_uses=["violent_crime_investigation"],
    )
    [finding] = evaluate(procurement, rules, date(2022, 1, 1)).findings
    assert (finding.outcome, finding.exception) == ("restricted", "violent_crime")
    paths = {e.path: e.value for e in finding.evidence}
    assert paths["components[cam].authorised_uses"] == "violent_crime_investigation"


def test_an_exception_is_not_met_by_a_use_outside_its_list(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _violent_crime_rule())
    procurement = _with(
        _procurement(authorisations=[_auth("violent_crime")]),
        authorised_uses=["violent_crime_investigation", "identity_verification"],
    )
    [finding] = evaluate(procurement, rules, date(2022, 1, 1)).findings
    assert (finding.outcome, finding.exception, finding.binding) == ("prohibited", None, True)
    assert "identity_verification" in finding.explanation


def test_an_authorisation_with_no_stated_use_leaves_a_use_limited_exception_unknown(
    tmp_path: Path,
) -> None:
    rules = _pack(tmp_path, _violent_crime_rule())
    report = evaluate(
        _procurement(authorisations=[_auth("violent_crime")]), rules, date(2022, 1, 1)
    )
    assert _active(report) == []
    [unknown] = [u for u in report.unknowns if u.rule_id == "T-BAN"]
    assert "authorised uses" in unknown.explanation


def test_a_flow_states_the_use_of_the_data_it_carries(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _violent_crime_rule())
    doc = _procurement(authorisations=[_auth("violent_crime")]).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    doc["components"][0]["capabilities"] = ["video"]
    doc["components"].append(
        {"id": "fr", "kind": "analytics_software", "capabilities": ["facial_recognition"]}
    )
    doc["parties"] = [{"id": "v", "name": "Vendor"}]
    doc["data_flows"] = [
        {
            "id": "feed",
            "from": "cam",
            "to": {"operator": "v", "location": "US-VA", "kind": "vendor_cloud", "component": "fr"},
            "data": ["video"],
            "authorised_uses": ["violent_crime_investigation"],
        }
    ]
    [finding] = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1)).findings
    assert (finding.subject, finding.outcome) == ("components[fr]", "restricted")


def test_a_component_purpose_overrides_its_site_purpose(tmp_path: Path) -> None:
    rule = _rule(extra='purposes = ["public_safety"]').replace(
        'bound_buyers = ["law_enforcement"]', 'bound_buyers = ["local_government"]'
    )
    rules = _pack(tmp_path, rule)
    doc = _procurement().model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["buyer"]["kind"] = "local_government"
    doc["sites"][0]["purposes"] = ["public_safety"]
    assert _active(evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))) == ["prohibited"]
    doc["components"][0]["purposes"] = ["traffic_management"]
    assert _active(evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))) == []


def test_a_ban_unless_an_exception_holds_is_a_ban_with_no_exception_declared(
    tmp_path: Path,
) -> None:
    # docs/scoring.md: prohibited_unless_exception means a declared authorisation invokes an
    # exception whose conditions must still hold; with none declared the ban is a ban
    rules = _pack(tmp_path, _violent_crime_rule("prohibited_unless_exception"))
    report = evaluate(_procurement(), rules, date(2022, 1, 1))
    [finding] = report.findings
    assert (finding.outcome, finding.binding) == ("prohibited", True)
    met = _with(
        _procurement(authorisations=[_auth("violent_crime")]),
        authorised_uses=["violent_crime_investigation"],
    )
    assert _active(evaluate(met, rules, date(2022, 1, 1))) == ["restricted"]


def test_a_conditional_exception_met_leaves_the_ban_unless_its_conditions_hold(
    tmp_path: Path,
) -> None:
    rules = _pack(
        tmp_path,
        _rule(
            outcome="prohibited_unless_exception",
            extra=_limited("victims", "conditional", ["victim_search"]),
        ),
    )
    met = _with(_procurement(authorisations=[_auth("victims")]), authorised_uses=["victim_search"])
    assert _active(evaluate(met, rules, date(2022, 1, 1))) == ["prohibited_unless_exception"]
    assert _active(evaluate(_procurement(), rules, date(2022, 1, 1))) == ["prohibited"]


def test_of_several_feeds_the_one_with_the_strongest_result_counts(tmp_path: Path) -> None:
    rules = _pack(tmp_path, _violent_crime_rule())
    doc = _procurement(authorisations=[_auth("violent_crime")]).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    doc["components"][0]["capabilities"] = ["video"]
    doc["components"].append({**doc["components"][0], "id": "cam2"})
    doc["components"].append(
        {"id": "fr", "kind": "analytics_software", "capabilities": ["facial_recognition"]}
    )
    doc["parties"] = [{"id": "v", "name": "Vendor"}]
    to = {"operator": "v", "location": "US-VA", "kind": "vendor_cloud", "component": "fr"}
    doc["data_flows"] = [
        {"id": "a", "from": "cam", "to": to, "data": ["video"],
         "authorised_uses": ["violent_crime_investigation"]},
        {"id": "b", "from": "cam2", "to": to, "data": ["video"],
         "authorised_uses": ["identity_verification"]},
    ]  # fmt: skip
    [finding] = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1)).findings
    assert finding.outcome == "prohibited"
    assert {e.path for e in finding.evidence} >= {"data_flows[b]"}
    doc["data_flows"][1]["authorised_uses"] = ["violent_crime_investigation"]
    [finding] = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1)).findings
    assert finding.outcome == "restricted"


# --- central government is one kind of buyer (issue 11, defect 9) ----------------------------


@pytest.mark.parametrize("bound", ["federal_agency", "national_government"])
@pytest.mark.parametrize("buyer", ["federal_agency", "national_government"])
def test_a_rule_binding_central_government_binds_both_of_its_kinds(
    tmp_path: Path, bound: str, buyer: str
) -> None:
    rule = _rule().replace('bound_buyers = ["law_enforcement"]', f'bound_buyers = ["{bound}"]')
    rules = _pack(tmp_path, rule)
    doc = _procurement("US-VA").model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["buyer"]["kind"] = buyer
    report = evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))
    assert _active(report) == ["prohibited"]
    doc["buyer"]["kind"] = "state_agency"
    assert _active(evaluate(procurement_from_dict(doc), rules, date(2022, 1, 1))) == []


def test_buyer_kind_in_treats_central_government_as_one() -> None:
    from riskkit.model import CENTRAL_GOVERNMENT, buyer_kind_in

    assert {"federal_agency", "national_government"} == CENTRAL_GOVERNMENT
    assert buyer_kind_in("national_government", ["federal_agency", "school"])
    assert buyer_kind_in("federal_agency", ("national_government",))
    assert buyer_kind_in("school", ["school"])
    assert not buyer_kind_in("state_agency", ["federal_agency"])
    assert not buyer_kind_in("federal_agency", ["state_agency", "law_enforcement"])


_RELAYS = ["vms_platform", "analytics_software", "cloud_service", "server", "ip_camera"]


@given(
    relays=st.lists(st.sampled_from(_RELAYS), min_size=1, max_size=5),
    extra=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=8),
    data=st.data(),
)
@settings(max_examples=60, deadline=None)
def test_face_recognition_anywhere_downstream_of_a_body_camera_is_under_ab1215(
    rules: RuleSet, relays: list[str], extra: list[tuple[int, int]], data: st.DataObject
) -> None:
    # Whatever other flows there are (cycles, flows into the camera, other sources), face
    # recognition on a component that body-camera footage reaches is under AB 1215.
    doc = _bodycam_doc()
    ids = ["bwc"] + [f"c{i}" for i in range(len(relays))]
    doc["components"] = [doc["components"][0]] + [
        {"id": f"c{i}", "kind": kind, "capabilities": ["video"]} for i, kind in enumerate(relays)
    ]
    target = data.draw(st.integers(1, len(relays)), label="target")
    doc["components"][target]["capabilities"] = ["facial_recognition"]
    path = [0, *data.draw(st.permutations(range(1, len(ids))), label="path")]
    path = path[: path.index(target) + 1]
    pairs = list(itertools.pairwise(path))
    pairs += [(a % len(ids), b % len(ids)) for a, b in extra if a % len(ids) != b % len(ids)]
    hop = {"operator": "vendor", "location": "US-CA", "kind": "vendor_cloud"}
    doc["data_flows"] = [
        {"id": f"f{n}", "from": ids[a], "to": {**hop, "component": ids[b]}, "data": ["video"]}
        for n, (a, b) in enumerate(pairs)
    ]
    report = evaluate(procurement_from_dict(doc), rules, date(2021, 6, 1))
    subjects = {f.subject: f.outcome for f in _findings(report, "BB-US-CA-AB1215")}
    assert subjects.get(f"components[{ids[target]}]") == "prohibited"


def test_a_camera_fed_by_another_component_still_collects_its_own_footage(
    rules: RuleSet,
) -> None:
    # a dispatch server pushes data to the body camera, which uploads its footage to the
    # analytics: the footage is still the body camera's
    doc = _bodycam_doc()
    doc["components"].append({"id": "dispatch", "kind": "server", "capabilities": ["video"]})
    hop = {**doc["data_flows"][0]["to"], "component": "bwc"}
    doc["data_flows"].append({"id": "push", "from": "dispatch", "to": hop, "data": ["metadata"]})
    report = evaluate(procurement_from_dict(doc), rules, date(2021, 6, 1))
    [finding] = _findings(report, "BB-US-CA-AB1215")
    assert finding.subject == "components[analytics]"


def test_an_exception_met_by_use_needs_its_uses(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"exceptions\[unlock\].met_by_use needs the uses"):
        _pack(tmp_path, _rule(extra=_exception("unlock", "permits") + "met_by_use = true\n"))
