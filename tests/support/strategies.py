"""Hypothesis strategies: random but valid procurements built from a small vocabulary."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

PLACES = ["US-IL:Springfield", "US-OR:Portland", "US-CA:San Francisco", "DE-BE:Berlin",
          "FR-69:Lyon", "GB", "CN-ZJ:Hangzhou", "RU", "IN", "AU"]  # fmt: skip
COUNTRIES = ["CN", "US-DE", "US-WA", "DE", "FR", "GB", "RU", "IE", "IN", "AU", "CA"]
NAMES = ["Hangzhou Hikvision Digital Technology Co., Ltd.", "Zhejiang Dahua Technology Co., Ltd.",
         "Huawei Technologies Co., Ltd.", "ZTE Corporation", "Lorex Technology Inc.",
         "Example Camera Works Inc.", "Beispiel Kamera GmbH", "Nimbus Cloud Inc.",
         "HiSilicon", "Hytera Communications Corporation Limited"]  # fmt: skip
BRANDS = [None, "HiWatch", "EZVIZ", "Lorex", "Honor", "Acme"]
KINDS = ["ip_camera", "body_camera", "router", "network_equipment", "analytics_software",
         "cloud_service", "storage", "radio"]  # fmt: skip
CAPABILITIES = ["video", "audio", "facial_recognition", "real_time_identification",
                "post_event_identification", "emotion_recognition", "alpr",
                "biometric_categorisation"]  # fmt: skip
BUYER_KINDS = ["federal_agency", "state_agency", "local_government", "law_enforcement", "school",
               "private_business"]  # fmt: skip
FUNDING = ["own_budget", "us_federal_grant", "us_federal_loan", "eu_funds"]
SETTINGS = ["public_space", "public_accommodation", "government_facility", "sensitive_site",
            "school", "workplace", "transport_hub", "critical_infrastructure"]  # fmt: skip
PURPOSES = ["public_safety", "law_enforcement", "loss_prevention", "traffic_management",
            "education", "national_security"]  # fmt: skip
DESTINATIONS = ["on_premises", "vendor_cloud", "third_party_cloud"]
DATA = ["video", "biometric_templates", "licence_plates", "personal_data", "metadata"]
ROLES = ["manufacturer", "reseller", "integrator", "cloud_provider", "operator", "maintainer"]
HOLDING_DATES = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def procurements(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2027, 12, 31)))
    n_parties = draw(st.integers(1, 4))
    parties: list[dict[str, Any]] = []
    for i in range(n_parties):
        party: dict[str, Any] = {
            "id": f"p{i}",
            "name": draw(st.sampled_from(NAMES)),
            "incorporated_in": draw(st.sampled_from(COUNTRIES)),
        }
        if i and draw(st.booleans()):
            party["owners"] = [{"party": f"p{draw(st.integers(0, i - 1))}",
                                "share": draw(st.sampled_from([0.2, 0.5, 1.0]))}]  # fmt: skip
        parties.append(party)
    party_ids = [p["id"] for p in parties]
    site = {
        "id": "s0",
        "jurisdiction": draw(st.sampled_from(PLACES)),
        "settings": draw(st.lists(st.sampled_from(SETTINGS), max_size=2, unique=True)),
        "purposes": draw(st.lists(st.sampled_from(PURPOSES), max_size=2, unique=True)),
    }
    sites = [site]
    components = []
    for i in range(draw(st.integers(1, 4))):
        comp: dict[str, Any] = {
            "id": f"c{i}",
            "kind": draw(st.sampled_from(KINDS)),
            "manufacturer": draw(st.sampled_from(party_ids)),
            "site": "s0",
            "capabilities": draw(st.lists(st.sampled_from(CAPABILITIES), max_size=3, unique=True)),
            "remote_access": draw(st.lists(st.sampled_from(party_ids), max_size=2, unique=True)),
        }
        brand = draw(st.sampled_from(BRANDS))
        if brand:
            comp["brand"] = brand
        components.append(comp)
    flows = [
        {
            "id": f"f{i}",
            "from": draw(st.sampled_from([c["id"] for c in components])),
            "to": {
                "operator": draw(st.sampled_from(party_ids)),
                "location": draw(st.sampled_from(COUNTRIES + PLACES)),
                "kind": draw(st.sampled_from(DESTINATIONS)),
            },
            "data": draw(st.lists(st.sampled_from(DATA), min_size=1, max_size=2, unique=True)),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    buyer: dict[str, Any] = {
        "name": "Buyer",
        "kind": draw(st.sampled_from(BUYER_KINDS)),
        "jurisdiction": draw(st.sampled_from(PLACES)),
    }
    funding = draw(st.lists(st.sampled_from(FUNDING), max_size=2, unique=True))
    if funding:  # none drawn: left out, so unknown
        buyer["funding"] = funding
    return {
        "id": "generated",
        "title": "Generated procurement",
        "term": {"start": start, "end": start + timedelta(days=draw(st.integers(0, 2500)))},
        "buyer": buyer,
        "sites": sites,
        "parties": parties,
        "components": components,
        "data_flows": flows,
    }


@st.composite
def with_added_risk_fact(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """The same procurement with one more risk fact: a capability, a remote-access party, a
    data flow, or a new party with a component of its own."""
    doc = copy.deepcopy(doc)
    party_ids = [p["id"] for p in doc["parties"]]
    choice = draw(st.sampled_from(["capability", "remote", "flow", "component"]))
    comp = draw(st.sampled_from(doc["components"]))
    if choice == "capability":
        extra = draw(st.sampled_from(CAPABILITIES))
        if extra not in comp["capabilities"]:
            comp["capabilities"].append(extra)
    elif choice == "remote":
        extra = draw(st.sampled_from(party_ids))
        if extra not in comp["remote_access"]:
            comp["remote_access"].append(extra)
    elif choice == "flow":
        # A copy kept where the buyer or a site is would be a localisation measure, which
        # lowers risk on purpose (as the what-if "store in jurisdiction" does): not a risk fact.
        home = {doc["buyer"]["jurisdiction"].split("-")[0].split(":")[0]}
        home.update(site["jurisdiction"].split("-")[0].split(":")[0] for site in doc["sites"])
        abroad = [c for c in COUNTRIES if c.split("-")[0] not in home]
        doc["data_flows"].append({
            "id": f"f{len(doc['data_flows'])}x",
            "from": comp["id"],
            "to": {"operator": draw(st.sampled_from(party_ids)),
                   "location": draw(st.sampled_from(abroad)),
                   "kind": draw(st.sampled_from(DESTINATIONS))},
            "data": [draw(st.sampled_from(DATA))],
        })  # fmt: skip
    else:
        pid = f"p{len(doc['parties'])}x"
        doc["parties"].append({"id": pid, "name": draw(st.sampled_from(NAMES)),
                               "incorporated_in": draw(st.sampled_from(COUNTRIES))})  # fmt: skip
        doc["components"].append({
            "id": f"c{len(doc['components'])}x",
            "kind": draw(st.sampled_from(KINDS)),
            "manufacturer": pid,
            "site": "s0",
            "capabilities": draw(st.lists(st.sampled_from(CAPABILITIES), max_size=2, unique=True)),
            "remote_access": [pid],
        })  # fmt: skip
    return doc


@st.composite
def with_more_facts(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """The generated procurement with the optional facts the generator leaves out filled in:
    who updates firmware, how each component is acquired, encryption and retention of flows,
    where parties have their headquarters, their roles and a state's holding, control, share
    bands and dates of holdings, an owner the register does not name, a second site, a
    supplier, a contained part's maker, and where a component sits in a network and is
    produced."""
    doc = copy.deepcopy(doc)
    party_ids = [p["id"] for p in doc["parties"]]
    for party in doc["parties"]:
        if draw(st.booleans()):
            party["headquarters"] = party["incorporated_in"]
        for owner in party.get("owners", ()):
            if draw(st.booleans()):
                owner["control"] = draw(st.booleans())
            if draw(st.booleans()):  # a register's band instead of the exact share
                del owner["share"]
                owner["share_min"], owner["share_max"] = draw(
                    st.sampled_from([(0.25, 0.5), (0.5, 0.75), (0.1, 0.25), (0.75, 1.0)])
                )
            if draw(st.booleans()):  # a holding that starts or ends within the years drawn
                owner[draw(st.sampled_from(["valid_from", "valid_until"]))] = draw(HOLDING_DATES)
        if draw(st.booleans()):
            party["roles"] = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2,
                                           unique=True))  # fmt: skip
        if draw(st.booleans()):
            holding_state: dict[str, Any] = {"state": draw(st.sampled_from(["CN", "RU", "FR"]))}
            if draw(st.booleans()):
                holding_state["share"] = draw(st.sampled_from([0.1, 0.3, 0.6, 1.0]))
            party["state_ownership"] = [holding_state]
    if draw(st.booleans()):  # a second site, where some components are
        place = draw(st.sampled_from(PLACES))
        doc["sites"].append({"id": "s1", "jurisdiction": place,
                             "settings": draw(st.lists(st.sampled_from(SETTINGS), max_size=2,
                                                       unique=True))})  # fmt: skip
        for comp in doc["components"]:
            if draw(st.booleans()):
                comp["site"] = "s1"
    if draw(st.booleans()):  # an owner the register does not name, holding one of the parties
        held = draw(st.sampled_from(doc["parties"]))
        doc["parties"].append({
            "id": "anon", "name": "an owner the register does not name", "roles": ["owner"],
            "undisclosed": True, "source": "generated",
        })  # fmt: skip
        holding: dict[str, Any] = {"party": "anon"}
        if draw(st.booleans()):
            holding["share"] = draw(st.sampled_from([0.1, 0.3, 0.5, 0.6]))
        held.setdefault("owners", []).append(holding)
    for comp in doc["components"]:
        comp["firmware_updates_by"] = draw(st.sampled_from(party_ids))
        comp["acquisition"] = draw(st.sampled_from(["new", "installed", "renewal", "maintenance"]))
        if draw(st.booleans()):
            comp["supplied_by"] = draw(st.sampled_from(party_ids))
        if draw(st.booleans()):
            comp["network_segment"] = draw(st.sampled_from(["core", "access", "transport"]))
        if draw(st.booleans()):
            comp["produced_in"] = draw(st.sampled_from(["CN", "TW", "US", "DE"]))
        if draw(st.booleans()):
            comp["contains"] = [
                {"kind": draw(st.sampled_from(["soc", "cellular_module", "firmware"])),
                 "manufacturer": draw(st.sampled_from(party_ids))}
            ]  # fmt: skip
    for flow in doc["data_flows"]:
        flow["encryption"] = {
            "in_transit": draw(st.booleans()),
            "at_rest": draw(st.booleans()),
            "keys_held_by": draw(st.sampled_from(["buyer", "vendor", "operator", "none"])),
        }
        flow["retention_days"] = draw(st.sampled_from([1, 30, 365]))
    return doc
