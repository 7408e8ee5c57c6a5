"""Curated facts count (issue 11, defect 1), every route the kinds read is asked for (defect 2),
the buyer as a flow's operator (defect 7), and buyer-held keys only with ``at_rest`` (8e)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit import assess
from riskkit.kinds._graph.facts import incorporation
from riskkit.kinds.context import Context
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Report
from tests.support.strategies import procurements

AS_OF = date(2025, 6, 1)


def _doc(**changes: Any) -> dict[str, Any]:
    """A Berlin district whose Hikvision cameras send video to the vendor's cloud; the vendor is
    named only, with nothing declared about where it is incorporated."""
    doc: dict[str, Any] = {
        "id": "p",
        "title": "CCTV",
        "term": {"start": date(2025, 1, 1), "end": date(2027, 12, 31)},
        "buyer": {"name": "Bezirksamt", "kind": "local_government",
                  "jurisdiction": "DE-BE:Berlin"},
        "sites": [{"id": "site", "jurisdiction": "DE-BE:Berlin"}],
        "parties": [{"id": "hik", "name": "Hikvision",
                     "roles": ["manufacturer", "cloud_provider"]}],
        "components": [
            {"id": "cam", "kind": "ip_camera", "manufacturer": "hik", "site": "site",
             "remote_access": []},
        ],
        "data_flows": [
            {"id": "rec", "from": "cam", "data": ["video"],
             "to": {"operator": "hik", "location": "DE", "kind": "vendor_cloud"}},
        ],
    }  # fmt: skip
    doc.update(changes)
    return doc


def _assess(rules: RuleSet, doc: dict[str, Any]) -> Report:
    return assess(procurement_from_dict(doc), as_of=AS_OF, packs=rules)


def _of(report: Report, rule_id: str) -> dict[str, Any]:
    return {f.subject: f for f in report.findings if f.rule_id == rule_id}


def test_a_curated_prc_maker_named_only_is_bound_by_the_national_intelligence_law(
    rules: RuleSet,
) -> None:
    report = _assess(rules, _doc())
    found = _of(report, "CA-CN-NIL")
    assert set(found) == {"parties[hik]"}
    paths = {e.path: e for e in found["parties[hik]"].evidence}
    country = paths["entities[hikvision].country"]
    assert country.value == "CN"
    assert "curated" in country.note
    # how the party was matched to the curated entity is evidence too
    assert paths["parties[hik].name"].value == "Hikvision"
    # the incorporation is known from curated data: not asked for
    assert not [u for u in report.unknowns if u.subject == "parties[hik]"]


def test_a_declared_incorporation_wins_and_its_contradiction_with_curated_data_is_an_unknown(
    rules: RuleSet,
) -> None:
    doc = _doc(parties=[{"id": "hik", "name": "Hikvision", "incorporated_in": "US",
                         "roles": ["manufacturer", "cloud_provider"]}])  # fmt: skip
    report = _assess(rules, doc)
    # the declared US counts: no PRC finding through the curated CN
    assert not _of(report, "CA-CN-NIL")
    (doubt,) = [u for u in report.unknowns if u.subject == "parties[hik]"]
    assert "US" in doubt.explanation and "CN" in doubt.explanation
    assert "entities[hikvision]" in doubt.explanation
    assert report.verdict != "acceptable"


def test_a_curated_parent_binds_a_subsidiary_incorporated_elsewhere(rules: RuleSet) -> None:
    """Hikvision Canada (curated: CA, controlled by Hikvision, CN) hosting the video."""
    doc = _doc(parties=[{"id": "hik", "name": "Hikvision Canada Inc.",
                         "roles": ["manufacturer", "cloud_provider"]}])  # fmt: skip
    report = _assess(rules, doc)
    finding = _of(report, "CA-CN-NIL")["parties[hik]"]
    paths = [e.path for e in finding.evidence]
    assert "entities[hikvision-canada].owners[0]" in paths
    assert "entities[hikvision].country" in paths
    # the curated link is of medium confidence, and it climbs one step
    assert finding.confidence == "medium"
    assert finding.likelihood < _of(_assess(rules, _doc()), "CA-CN-NIL")["parties[hik]"].likelihood
    # where it is incorporated (CA) is known from curated data
    assert not [u for u in report.unknowns if u.subject == "parties[hik]"]
    assert "through Hangzhou Hikvision Digital Technology Co., Ltd." in finding.explanation


def test_the_curated_countries_bring_their_laws_into_scope(rules: RuleSet) -> None:
    from riskkit.packs import touched_places

    p = procurement_from_dict(_doc())
    assert "CN" in touched_places(p, rules.entities)
    assert "CA-CN-NIL" in {r.id for r in rules.candidates(p)}


# --- defect 2: every route the kinds read is asked for ------------------------------------------


def _unknown_parties() -> list[dict[str, Any]]:
    return [
        {"id": "maker", "name": "Acme Cameras Ltd", "roles": ["manufacturer"]},
        {"id": "fw", "name": "Patchworks GmbH", "roles": ["integrator"]},
        {"id": "host", "name": "Hostco", "roles": ["cloud_provider"], "incorporated_in": "DE",
         "owners": [{"party": "parent", "share": 0.8}]},
        {"id": "parent", "name": "Parentco", "roles": ["owner"]},
    ]  # fmt: skip


def test_every_party_reaching_the_data_with_no_known_incorporation_is_an_unknown(
    rules: RuleSet,
) -> None:
    doc = _doc(parties=_unknown_parties(),
               components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker",
                            "site": "site", "firmware_updates_by": "fw"}],
               data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                            "to": {"operator": "host", "location": "DE",
                                   "kind": "third_party_cloud"}}])  # fmt: skip
    report = _assess(rules, doc)
    asked = [u.subject for u in report.unknowns if u.rule_id is None]
    # the maker (remote access not declared), the firmware updater, the host's controlling
    # parent: each once; the host itself is declared
    for subject in ("parties[maker]", "parties[fw]", "parties[parent]"):
        assert asked.count(subject) == 1, subject
    assert "parties[host]" not in asked
    maker = next(u for u in report.unknowns if u.subject == "parties[maker]")
    assert "remote access is not declared" in maker.explanation
    assert report.verdict != "acceptable"


def test_the_unknowns_are_the_same_in_the_same_order_every_time(rules: RuleSet) -> None:
    doc = _doc(parties=_unknown_parties(),
               components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker",
                            "site": "site", "firmware_updates_by": "fw"}],
               data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                            "to": {"operator": "host", "location": "DE",
                                   "kind": "third_party_cloud"}}])  # fmt: skip
    first = _assess(rules, doc).model_dump_json()
    assert all(_assess(rules, doc).model_dump_json() == first for _ in range(2))


def test_a_component_whose_maker_and_remote_access_are_unknown_is_an_unknown(
    rules: RuleSet,
) -> None:
    doc = _doc(
        components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic", "site": "site"}],
    )
    report = _assess(rules, doc)
    assert any(
        u.subject == "components[cam]" and "remote" in u.explanation for u in report.unknowns
    )


def test_remote_access_not_stated_is_an_unknown_even_for_a_maker_no_access_law_binds(
    rules: RuleSet,
) -> None:
    """A German maker reaches its cameras under no foreign law, but who else can reach them
    (a cloud or support service) is not stated: riskkit must ask, not assume the maker alone."""
    doc = _doc(
        parties=[{"id": "mk", "name": "Nordkamera AG", "roles": ["manufacturer"],
                  "incorporated_in": "DE"}],
        components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "mk", "site": "site",
                     "firmware_updates_by": "mk", "capabilities": ["video"]}],
        data_flows=[],
    )  # fmt: skip
    report = _assess(rules, doc)
    (asked,) = [u for u in report.unknowns if u.subject == "components[cam]"]
    assert "Who can reach 'cam' remotely is not stated" in asked.explanation
    assert "Nordkamera AG" in asked.explanation
    assert report.verdict == "needs_review"
    doc["components"][0]["remote_access"] = []
    assert _assess(rules, doc).unknowns == ()


def test_a_component_with_no_site_sending_data_abroad_is_asked_where_it_collects(
    rules: RuleSet,
) -> None:
    """A US buyer with one site in Berlin: a camera with no site may collect in the EU, and
    its video goes to the US, so the GDPR's transfer rule needs its site."""
    doc = _doc(
        buyer={"name": "Acme Corp", "kind": "private_business", "jurisdiction": "US-NY"},
        parties=[{"id": "host", "name": "Hostco", "roles": ["cloud_provider"],
                  "incorporated_in": "US-DE"}],
        components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic", "site": "site",
                     "remote_access": [], "firmware_updates_by": "buyer",
                     "capabilities": ["video"]},
                    {"id": "roaming", "kind": "body_camera", "brand": "Generic",
                     "remote_access": [], "firmware_updates_by": "buyer",
                     "capabilities": ["video"]}],
        data_flows=[{"id": "rec", "from": "roaming", "data": ["video"],
                     "to": {"operator": "host", "location": "US", "kind": "third_party_cloud"}}],
    )  # fmt: skip
    report = _assess(rules, doc)
    asked = [u for u in report.unknowns if u.subject == "components[roaming]"]
    # asked where it is deployed, and (its brand naming no maker riskkit knows) who makes it
    assert [u.explanation.split(" ")[0] for u in asked] == ["Where", "Who"]
    assert "site" in asked[0].explanation and "'Generic'" in asked[1].explanation
    assert report.verdict != "acceptable"


# --- defect 7: the buyer as a flow's operator ---------------------------------------------------


def _own_dc(buyer: dict[str, Any], location: str) -> dict[str, Any]:
    return _doc(
        buyer=buyer,
        parties=[{"id": "maker", "name": "Acme Cameras Ltd", "roles": ["manufacturer"],
                  "incorporated_in": "DE"}],
        components=[{"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "site": "site",
                     "remote_access": []}],
        data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                     "to": {"operator": "buyer", "location": location, "kind": "on_premises"}}],
    )  # fmt: skip


def test_the_buyer_holding_its_own_data_is_not_a_party_a_state_compels(rules: RuleSet) -> None:
    """A New York company keeping its Berlin cameras' video in its own data centre in Germany:
    the CLOUD Act binds the company, but it is the buyer holding its own data, not a third
    party that could be made to hand over someone else's."""
    buyer = {"name": "Acme Corp", "kind": "private_business", "jurisdiction": "US-NY"}
    report = _assess(rules, _own_dc(buyer, "DE"))
    assert not [f for f in report.findings if f.subject == "parties[buyer]"]


def test_the_buyers_own_data_centre_still_counts_where_it_is(rules: RuleSet) -> None:
    """A Berlin district keeping video in its own data centre in China: a law reaching data
    held in its territory still applies, about the flow; the data leaves the EU all the same."""
    buyer = {"name": "Bezirksamt", "kind": "local_government", "jurisdiction": "DE-BE:Berlin"}
    report = _assess(rules, _own_dc(buyer, "CN"))
    assert not [f for f in report.findings if f.subject == "parties[buyer]"]
    assert "data_flows[rec]" in _of(report, "CA-CN-CSL-28")
    assert "data_flows[rec]" in _of(report, "CA-EU-GDPR-TRANSFER")


# --- defect 8e: buyer-held keys lower the likelihood only with at_rest = true -------------------


def _encrypted(**encryption: Any) -> dict[str, Any]:
    return _doc(data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                             "encryption": encryption,
                             "to": {"operator": "hik", "location": "DE",
                                    "kind": "vendor_cloud"}}])  # fmt: skip


def test_buyer_held_keys_with_at_rest_unknown_lower_nothing_and_are_asked_for(
    rules: RuleSet,
) -> None:
    plain = _of(_assess(rules, _doc()), "CA-CN-NIL")["parties[hik]"]
    report = _assess(rules, _encrypted(keys_held_by="buyer", in_transit=True))
    unknown_at_rest = _of(report, "CA-CN-NIL")["parties[hik]"]
    assert unknown_at_rest.likelihood == plain.likelihood
    (asked,) = [u for u in report.unknowns if u.subject == "data_flows[rec]"]
    assert "at rest" in asked.explanation
    assert [e.path for e in asked.evidence] == ["data_flows[rec].encryption.at_rest"]


def test_buyer_held_keys_at_rest_lower_the_likelihood_and_ask_nothing(rules: RuleSet) -> None:
    plain = _of(_assess(rules, _doc()), "CA-CN-NIL")["parties[hik]"]
    report = _assess(rules, _encrypted(keys_held_by="buyer", at_rest=True))
    protected = _of(report, "CA-CN-NIL")["parties[hik]"]
    assert protected.likelihood < plain.likelihood
    assert not [u for u in report.unknowns if u.subject == "data_flows[rec]"]


# --- defect 1: a component's maker known from its brand or an OEM link --------------------------


def _branded(component: dict[str, Any], parties: list[dict[str, Any]]) -> dict[str, Any]:
    host = {"id": "host", "name": "Hostco", "roles": ["cloud_provider"], "incorporated_in": "DE"}
    return _doc(
        parties=[host, *parties],
        components=[{"id": "cam", "kind": "ip_camera", "site": "site", **component}],
        data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                     "to": {"operator": "host", "location": "DE", "kind": "third_party_cloud"}}],
    )  # fmt: skip


def test_the_owner_of_a_curated_brand_reaches_a_device_whose_remote_access_is_not_declared(
    rules: RuleSet,
) -> None:
    report = _assess(rules, _branded({"brand": "EZVIZ"}, []))
    finding = _of(report, "CA-CN-NIL")["entities[hikvision]"]
    paths = [e.path for e in finding.evidence]
    assert paths[:2] == ["components[cam].brand", "entities[hikvision].brands[0]"]
    assert "components[cam].remote_access" in paths
    assert "entities[hikvision].country" in paths
    # remote access assumed, not declared: low confidence
    assert finding.confidence == "low"
    assert "Hangzhou Hikvision" in finding.explanation


def test_a_declared_remote_access_leaves_the_brand_owner_out(rules: RuleSet) -> None:
    report = _assess(rules, _branded({"brand": "EZVIZ", "remote_access": []}, []))
    assert not _of(report, "CA-CN-NIL")


def test_an_oem_maker_behind_a_curated_maker_is_filed_under_the_party_that_is_it(
    rules: RuleSet,
) -> None:
    """Swann cameras (curated: made by Hikvision, low confidence) whose cloud is run by a party
    that is Hikvision: one finding, about that party, with both routes."""
    parties = [
        {"id": "swann", "name": "Swann", "roles": ["manufacturer"], "incorporated_in": "AU"},
        {"id": "hik", "name": "Hikvision", "roles": ["cloud_provider"]},
    ]
    doc = _branded({"manufacturer": "swann"}, parties)
    doc["data_flows"].append({"id": "cloud", "from": "cam", "data": ["video"],
                              "to": {"operator": "hik", "location": "DE",
                                     "kind": "vendor_cloud"}})  # fmt: skip
    found = _of(_assess(rules, doc), "CA-CN-NIL")
    assert set(found) == {"parties[hik]"}
    paths = [e.path for e in found["parties[hik]"].evidence]
    assert "data_flows[cloud].to.operator" in paths
    assert "entities[swann].made_by[0]" in paths


def test_a_finding_through_a_curated_holding_ends_when_the_holding_does(rules: RuleSet) -> None:
    """Lorex (curated: CA) was Dahua's (CN) until 2022-11-23: hosting video through 2023, it is
    bound by the PRC's law through Dahua until that day and not after."""
    doc = _doc(
        term={"start": date(2022, 1, 1), "end": date(2023, 12, 31)},
        parties=[{"id": "lorex", "name": "Lorex Technology Inc.", "roles": ["cloud_provider"]}],
        components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic", "site": "site",
                     "remote_access": []}],
        data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                     "to": {"operator": "lorex", "location": "DE", "kind": "vendor_cloud"}}],
    )  # fmt: skip
    report = assess(procurement_from_dict(doc), as_of=date(2022, 6, 1), packs=rules)
    finding = _of(report, "CA-CN-NIL")["parties[lorex]"]
    assert finding.applies_until == date(2022, 11, 23)
    assert "entities[lorex].owners[1]" in [e.path for e in finding.evidence]


def test_a_conflict_of_laws_reads_the_curated_incorporation_too(rules: RuleSet) -> None:
    """FLIR Systems (curated: US), named only, hosts a Berlin district's video in Germany."""
    doc = _doc(
        parties=[{"id": "flir", "name": "FLIR Systems, Inc.", "roles": ["cloud_provider"]}],
        components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic", "site": "site",
                     "remote_access": []}],
        data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                     "to": {"operator": "flir", "location": "DE", "kind": "third_party_cloud"}}],
    )  # fmt: skip
    report = _assess(rules, doc)
    conflict = _of(report, "CA-CONFLICT-US-CLOUD-EU-GDPR48")["parties[flir]"]
    assert "entities[flir].country" in [e.path for e in conflict.evidence]
    assert "parties[flir]" in _of(report, "CA-US-CLOUD")


def test_a_curated_state_holding_counts_as_control(rules: RuleSet) -> None:
    """CETC (curated: a central state-owned enterprise under SASAC) hosting the video."""
    doc = _doc(parties=[{"id": "cetc", "name": "CETC", "roles": ["cloud_provider"]}],
               components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic",
                            "site": "site", "remote_access": []}],
               data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                            "to": {"operator": "cetc", "location": "DE",
                                   "kind": "third_party_cloud"}}])  # fmt: skip
    finding = _of(_assess(rules, doc), "CA-CN-NIL")["parties[cetc]"]
    paths = [e.path for e in finding.evidence]
    assert "entities[cetc].country" in paths
    assert "entities[cetc].state_ownership[0]" in paths


def test_a_law_binding_some_roles_asks_for_the_roles_of_a_party_tied_to_it(
    rules: RuleSet,
) -> None:
    """A Russian host with no roles declared: Yarovaya binds telecom, cloud and communication
    services only, so whether it binds the host turns on its roles."""
    doc = _doc(parties=[{"id": "ru", "name": "Oblako OOO", "incorporated_in": "RU"}],
               components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic",
                            "site": "site", "remote_access": []}],
               data_flows=[{"id": "rec", "from": "cam", "data": ["video"],
                            "to": {"operator": "ru", "location": "DE",
                                   "kind": "third_party_cloud"}}])  # fmt: skip
    report = _assess(rules, doc)
    asked = [u for u in report.unknowns if u.subject == "parties[ru]" and u.rule_id is None]
    assert len(asked) == 1 and "roles" in asked[0].explanation
    doc["parties"][0]["roles"] = ["cloud_provider"]
    report = _assess(rules, doc)
    assert not [u for u in report.unknowns if u.subject == "parties[ru]"]
    assert "parties[ru]" in _of(report, "CA-RU-YAROVAYA")


def test_a_device_with_no_site_reached_by_a_party_is_asked_where_it_is_for_a_conflict(
    rules: RuleSet,
) -> None:
    """A New York buyer's camera with no site, reached remotely by a US vendor: were it in
    China, the CLOUD Act and the PRC Data Security Law would conflict over its data."""
    doc = _doc(
        buyer={"name": "Acme Corp", "kind": "private_business", "jurisdiction": "US-NY"},
        sites=[],
        parties=[{"id": "vendor", "name": "Vendorco", "roles": ["maintainer"],
                  "incorporated_in": "US-DE"}],
        components=[{"id": "cam", "kind": "ip_camera", "brand": "Generic",
                     "remote_access": ["vendor"]}],
        data_flows=[],
    )  # fmt: skip
    report = _assess(rules, doc)
    asked = [u for u in report.unknowns if u.subject == "components[cam]" and u.rule_id is None]
    assert [u.explanation for u in asked if "site" in u.explanation]


# --- invariant: no party that can reach the data goes unasked -----------------------------------


_PROPERTY_RULES: list[RuleSet] = []


def _reaching(doc: dict[str, Any]) -> set[str]:
    found = {flow["to"]["operator"] for flow in doc.get("data_flows", [])}
    for comp in doc.get("components", []):
        remote = comp.get("remote_access")
        if remote is None and comp.get("manufacturer"):
            found.add(comp["manufacturer"])
        found.update(remote or ())
        if comp.get("firmware_updates_by"):
            found.add(comp["firmware_updates_by"])
    found.discard("buyer")
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(procurements(), st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)))
def test_a_reaching_party_with_no_incorporation_is_known_from_curated_data_or_asked_for(
    doc: dict[str, Any], as_of: date
) -> None:
    if not _PROPERTY_RULES:
        _PROPERTY_RULES.append(load_packs())
    rules = _PROPERTY_RULES[0]
    for party in doc["parties"]:
        party.pop("incorporated_in", None)
    procurement = procurement_from_dict(doc)
    report = assess(procurement, as_of=as_of, packs=rules)
    ctx = Context.build(procurement, as_of, rules.entities)
    asked = {u.subject for u in report.unknowns if u.rule_id is None}
    for party_id in _reaching(doc):
        assert incorporation(ctx, party_id) is not None or f"parties[{party_id}]" in asked
    if report.unknowns == ():
        assert all(incorporation(ctx, party_id) is not None for party_id in _reaching(doc))
