"""The ``compelled_access`` kind: whom a law binds, through which routes, and where the data is."""

from __future__ import annotations

from datetime import date
from typing import Any

from riskkit.kinds._exposure.reach import law_reaches
from riskkit.kinds.compelled_access import KIND
from riskkit.kinds.compelled_access.params import CompelledAccessParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Hit
from riskkit.model import Procurement
from riskkit.model.entities import EntityIndex
from riskkit.model.loading import procurement_from_dict
from riskkit.model.rule import PackInfo, Rule

DAY = date(2024, 6, 1)


def _procurement(**changes: Any) -> Procurement:
    """An EU city whose cameras a vendor reaches remotely and whose video a cloud host keeps."""
    doc: dict[str, Any] = {
        "id": "p",
        "title": "CCTV",
        "term": {"start": date(2024, 1, 1), "end": date(2026, 12, 31)},
        "buyer": {"name": "City", "kind": "local_government", "jurisdiction": "DE-BE:Berlin"},
        "sites": [{"id": "site", "jurisdiction": "DE-BE:Berlin"}],
        "parties": _parties(),
        "components": [
            {"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "site": "site",
             "remote_access": ["maker"]},
        ],
        "data_flows": [
            {"id": "rec", "from": "cam", "data": ["video"],
             "to": {"operator": "host", "location": "NL", "kind": "third_party_cloud"}},
        ],
    }  # fmt: skip
    doc.update(changes)
    return procurement_from_dict(doc)


def _rule(scope: list[str], **params: Any) -> CompiledRule:
    rule = Rule.model_validate(
        {
            "id": "T-1",
            "kind": "compelled_access",
            "title": "Test law",
            "scope": scope,
            "effective": {"from": date(2000, 1, 1)},
            "outcome": "elevated",
            "severity": "high",
            "confidence": "high",
            "citations": [{"title": "source", "url": "https://example.org"}],
            "rationale": "test",
            "params": params,
        }
    )
    spec = CompelledAccessParams.model_validate(params)
    return CompiledRule(rule, spec, KIND, PackInfo(id="t", version="1", title="t"), "test")


def _hits(rule: CompiledRule, p: Procurement, day: date = DAY) -> dict[str, Hit]:
    ctx = Context.build(p, day, EntityIndex(()))
    return {h.subject: h for h in KIND.evaluate(rule, ctx)}


def _parties(**overrides: dict[str, Any]) -> list[dict[str, Any]]:
    base = {
        "maker": {"id": "maker", "name": "Maker Co.", "roles": ["manufacturer"],
                  "incorporated_in": "DE"},
        "host": {"id": "host", "name": "Host Ltd", "roles": ["cloud_provider"],
                 "incorporated_in": "IE"},
    }  # fmt: skip
    for key, change in overrides.items():
        base[key] = {**base[key], **change}
    return list(base.values())


def test_a_controlling_parent_is_bound_with_the_ownership_chain_as_evidence() -> None:
    parties = [
        *_parties(host={"owners": [{"party": "parent", "share": 0.75}]}),
        {"id": "parent", "name": "Parent Inc.", "incorporated_in": "US-DE"},
    ]
    hits = _hits(
        _rule(["US"], binds_by=["incorporation", "control"], compels=["disclosure_abroad"]),
        _procurement(parties=parties),
    )
    assert set(hits) == {"parties[parent]"}
    paths = [e.path for e in hits["parties[parent]"].evidence]
    assert paths == [
        "data_flows[rec].to.operator",
        "parties[host].owners[0]",
        "parties[parent].incorporated_in",
    ]
    assert hits["parties[parent]"].binding is False


def test_control_ends_on_the_day_the_ownership_ends() -> None:
    parties = [
        *_parties(
            host={"owners": [{"party": "parent", "share": 1.0, "valid_until": date(2024, 12, 31)}]}
        ),
        {"id": "parent", "name": "Parent Inc.", "incorporated_in": "US-DE"},
    ]
    rule = _rule(["US"], binds_by=["incorporation", "control"], compels=["disclosure_abroad"])
    p = _procurement(parties=parties)
    ctx = Context.build(p, DAY, EntityIndex(()))
    assert [h.subject for h in KIND.evaluate(rule, ctx)] == ["parties[parent]"]
    # the cache is shared between days; a later day must not reuse the earlier owners
    assert list(KIND.evaluate(rule, ctx.on(date(2025, 1, 1)))) == []


def test_roles_keep_a_law_to_the_services_it_binds() -> None:
    p = _procurement(
        parties=_parties(maker={"incorporated_in": "RU"}, host={"incorporated_in": "RU"})
    )
    rule = _rule(
        ["RU"], binds_by=["incorporation"], compels=["decryption"], roles=["cloud_provider"]
    )
    assert set(_hits(rule, p)) == {"parties[host]"}


def test_data_location_binds_the_host_whatever_its_incorporation() -> None:
    to = {"operator": "host", "location": "IN-MH", "kind": "third_party_cloud"}
    rec = {"id": "rec", "from": "cam", "data": ["video"], "to": to}
    hits = _hits(
        _rule(["IN"], binds_by=["data_location"], compels=["interception"]),
        _procurement(data_flows=[rec]),
    )
    assert hits["parties[host]"].likelihood == 5
    assert hits["parties[host]"].evidence[0].path == "data_flows[rec].to.location"


def test_a_buyer_inside_the_law_gets_no_finding_unless_foreign_only_is_off() -> None:
    p = _procurement(
        buyer={"name": "City", "kind": "local_government", "jurisdiction": "IE"},
    )
    spec: dict[str, Any] = {"binds_by": ["incorporation"], "compels": ["disclosure"]}
    assert _hits(_rule(["IE"], **spec), p) == {}
    assert set(_hits(_rule(["IE"], **spec, foreign_only=False), p)) == {"parties[host]"}


def test_law_reaches_say_where_the_reached_data_sits() -> None:
    p = _procurement(
        parties=_parties(maker={"incorporated_in": "US-CA"}, host={"incorporated_in": "US-WA"})
    )
    spec = CompelledAccessParams(binds_by=("incorporation",), compels=("disclosure_abroad",))
    ctx = Context.build(p, DAY, EntityIndex(()))
    found = {party: b.locations(ctx) for party, b in law_reaches(ctx, ("US",), spec).items()}
    assert [(e.path, e.value) for e in found["host"]] == [("data_flows[rec].to.location", "NL")]
    # remote access to a camera reaches the data where the camera is
    assert [(e.path, e.value) for e in found["maker"]] == [
        ("sites[site].jurisdiction", "DE-BE:Berlin")
    ]


def test_a_data_filter_ignores_flows_of_other_categories() -> None:
    p = _procurement(parties=_parties(host={"incorporated_in": "US-WA"}))
    rule = _rule(["US"], binds_by=["incorporation"], compels=["disclosure_abroad"], data=["audio"])
    assert _hits(rule, p) == {}


def test_a_search_narrowed_to_where_the_data_sits_finds_what_the_full_search_keeps() -> None:
    p = _procurement(
        parties=_parties(maker={"incorporated_in": "US-CA"}, host={"incorporated_in": "US-WA"})
    )
    spec = CompelledAccessParams(binds_by=("incorporation",), compels=("disclosure_abroad",))
    # narrowed first, in a fresh assessment: only the parties reaching data in the Netherlands
    narrowed = law_reaches(Context.build(p, DAY, EntityIndex(())), ("US",), spec, ("NL",))
    # the full search first, then narrowed from it
    ctx = Context.build(p, DAY, EntityIndex(()))
    assert set(law_reaches(ctx, ("US",), spec)) == {"host", "maker"}
    filtered = law_reaches(ctx, ("US",), spec, ("NL",))
    assert set(narrowed) == set(filtered) == {"host"}
    assert narrowed["host"].exposure(ctx) == filtered["host"].exposure(ctx)
