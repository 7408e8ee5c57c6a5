"""A procurement party joined to BODS by identifier gets its owners, up to the ultimate owner;
an unknown share stays unknown and, assessed, is an unknown under a 50 % rule, never a pass."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.feeds.bods import read_bods
from riskkit.feeds.bods.owners import OwnerIndex, attach_owners, owners_of, party_id
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from tests.conftest import NO_SHARED_DATA, SHARED_DATA
from tests.packs.test_rule_cases import _outcome
from tests.support.rule_cases import bases

PUBLISHED = {"publicationDate": "2024-01-02", "bodsVersion": "0.3", "publisher": {"name": "T"}}


def _entity(sid: str, name: str, number: str, kind: str = "registeredEntity") -> dict[str, Any]:
    return {
        "statementID": sid,
        "statementType": "entityStatement",
        "entityType": kind,
        "name": name,
        "jurisdiction": {"code": "CN" if "Huawei" in name else "DE"},
        "identifiers": [{"scheme": "GB-COH", "id": number}],
        "publicationDetails": PUBLISHED,
    }


def _holds(sid: str, owner: str, owned: str, share: dict[str, Any] | None) -> dict[str, Any]:
    interest: dict[str, Any] = {"type": "shareholding", "startDate": "2020-01-01"}
    if share is not None:
        interest["share"] = share
    return {
        "statementID": sid,
        "statementType": "ownershipOrControlStatement",
        "subject": {"describedByEntityStatement": owned},
        "interestedParty": {"describedByEntityStatement": owner},
        "interests": [interest],
        "publicationDetails": PUBLISHED,
    }


def _index(tmp_path: Path, top_share: dict[str, Any] | None) -> OwnerIndex:
    """Supplier <- 100 % holding company <- Huawei with ``top_share`` (and a cycle back)."""
    statements = [
        _entity("e-supplier-0000000000000000000001", "Example Supplier GmbH", "00000001"),
        _entity("e-holdco-00000000000000000000002", "Example Holding Ltd", "00000002"),
        _entity("e-huawei-00000000000000000000003", "Huawei Technologies Co., Ltd.", "00000003"),
        _holds("r-1-00000000000000000000000000001", "e-holdco-00000000000000000000002",
               "e-supplier-0000000000000000000001", {"exact": 100}),
        _holds("r-2-00000000000000000000000000002", "e-huawei-00000000000000000000003",
               "e-holdco-00000000000000000000002", top_share),
        _holds("r-3-00000000000000000000000000003", "e-supplier-0000000000000000000001",
               "e-huawei-00000000000000000000003", {"exact": 1}),
    ]  # fmt: skip
    return _register(tmp_path / "chain.jsonl", statements)


def _register(path: Path, statements: list[dict[str, Any]]) -> OwnerIndex:
    """The owner index of ``statements``, written to ``path`` as JSON Lines and read back."""
    path.write_text("\n".join(json.dumps(s) for s in statements), "utf-8")
    return OwnerIndex(read_bods(path, validate=False))


def test_a_chain_joined_by_identifier_gives_every_owner_and_cuts_the_cycle(tmp_path: Path) -> None:
    index = _index(tmp_path, {"minimum": 25, "maximum": 50, "exclusiveMaximum": True})
    found = owners_of(index, [("GB-COH", "1")], owned_id="sup")
    held = [(h.owned, h.party["id"], h.ownership) for h in found.owners]
    holdco, huawei = (
        party_id("e-holdco-00000000000000000000002"),
        party_id("e-huawei-00000000000000000000003"),
    )
    assert [(owned, owner) for owned, owner, _ in held] == [("sup", holdco), (holdco, huawei)]
    assert held[0][2] is not None and held[0][2]["share"] == 1.0
    assert held[1][2] == {
        "party": huawei,
        "share_min": 0.25,
        "share_max": 0.5,
        "share_max_exclusive": True,
        "source": "BODS statement r-2-00000000000000000000000000002",
        "valid_from": "2020-01-01",
    }
    assert any("circle" in w for w in found.warnings)


def test_a_name_alone_is_a_candidate_never_a_join(tmp_path: Path) -> None:
    found = owners_of(_index(tmp_path, None), [], "Example Supplier GmbH")
    assert found.joined == () and found.owners == ()
    assert [c.entity.name for c in found.candidates] == ["Example Supplier GmbH"]


def test_a_relationship_without_a_share_gives_an_owner_of_unknown_share(tmp_path: Path) -> None:
    found = owners_of(_index(tmp_path, None), [("GB-COH", "00000001")], owned_id="sup")
    top = found.owners[-1].ownership
    assert top is not None and not {"share", "share_min", "share_max"} & top.keys()


def _buying_from_the_supplier() -> dict[str, Any]:
    """A US city's procurement (autumn 2025) with the supplier the registers own, joined by its
    company number."""
    document: dict[str, Any] = json.loads(json.dumps(bases()["le_us_city"], default=str))
    document["term"] = {"start": "2025-10-01", "end": "2025-11-09"}
    document["parties"] = [
        *document.get("parties", []),
        {"id": "sup", "name": "Example Supplier GmbH", "roles": ["integrator"],
         "identifiers": [{"scheme": "GB-COH", "value": "00000001"}]},
    ]  # fmt: skip
    return document


def _assessed(tmp_path: Path, rules: RuleSet, top_share: dict[str, Any] | None) -> str:
    document = _buying_from_the_supplier()
    attached, _warnings = attach_owners(document, _index(tmp_path, top_share))
    procurement = procurement_from_dict(attached, source="bods")
    report = evaluate(procurement, rules, date(2025, 10, 15))
    return _outcome(report, "LE-US-BIS-EL-HUAWEI", "parties[sup]")


@pytest.mark.parametrize(
    ("top_share", "expected"),
    [
        (None, "unknown"),
        ({"minimum": 50, "maximum": 75}, "elevated"),
        ({"minimum": 25, "maximum": 50, "exclusiveMaximum": True}, "none"),
    ],
)
def test_attached_owners_assess_as_the_band_says(
    tmp_path: Path, rules: RuleSet, top_share: dict[str, Any] | None, expected: str
) -> None:
    assert _assessed(tmp_path, rules, top_share) == expected


@pytest.mark.skipif(not (SHARED_DATA / "bods" / "real").is_dir(), reason=NO_SHARED_DATA)
def test_real_register_entities_with_identifiers_give_owners_without_error() -> None:
    files = sorted((SHARED_DATA / "bods" / "real" / "gleif-derived").glob("*.json*"))
    if not files:
        pytest.skip(NO_SHARED_DATA)
    index = OwnerIndex(read_bods(files, validate=False))
    owned = [rel.subject for rel in index.register.relationships if rel.subject]
    entity = next(
        index.register.entities[ref]
        for ref in owned
        if ref in index.register.entities and index.register.entities[ref].identifiers
    )
    keys = [(i.scheme, i.id) for i in entity.identifiers if i.scheme]
    found = owners_of(index, keys, owned_id="p")
    assert entity in found.joined
    assert all(
        h.ownership is None or h.ownership["party"].startswith("bods-") for h in found.owners
    )


def _person(sid: str, name: str | None, kind: str = "knownPerson") -> dict[str, Any]:
    statement: dict[str, Any] = {
        "statementID": sid,
        "statementType": "personStatement",
        "personType": kind,
        "nationalities": [{"code": "GB"}],
        "publicationDetails": PUBLISHED,
    }
    if name is not None:
        statement["names"] = [{"fullName": name}]
    return statement


def _person_index(tmp_path: Path, name: str | None, kind: str = "knownPerson") -> OwnerIndex:
    """Supplier <- 60 % a person (``name``, or none) and 40 % a holding company."""
    held = _holds("r-p-00000000000000000000000000001", "p-owner-00000000000000000000000001",
                  "e-supplier-0000000000000000000001", {"exact": 60})  # fmt: skip
    held["interestedParty"] = {"describedByPersonStatement": "p-owner-00000000000000000000000001"}
    statements = [
        _entity("e-supplier-0000000000000000000001", "Example Supplier GmbH", "00000001"),
        _entity("e-holdco-00000000000000000000002", "Example Holding Ltd", "00000002"),
        _person("p-owner-00000000000000000000000001", name, kind),
        held,
        _holds("r-2-00000000000000000000000000002", "e-holdco-00000000000000000000002",
               "e-supplier-0000000000000000000001", {"exact": 40}),
    ]  # fmt: skip
    return _register(tmp_path / "people.jsonl", statements)


def test_a_named_person_who_holds_a_share_is_an_owner_party(tmp_path: Path) -> None:
    found = owners_of(_person_index(tmp_path, "Blocked Test Exampleperson"),
                      [("GB-COH", "00000001")], owned_id="sup")  # fmt: skip
    person = next(h for h in found.owners if h.party["name"] == "Blocked Test Exampleperson")
    assert person.party["id"] == party_id("p-owner-00000000000000000000000001")
    assert person.party["roles"] == ["owner"] and "incorporated_in" not in person.party
    assert person.ownership is not None and person.ownership["share"] == 0.6
    assert found.warnings == ()


@pytest.mark.parametrize("kind", ["anonymousPerson", "unknownPerson"])
def test_a_person_the_register_does_not_name_is_an_undisclosed_owner(
    tmp_path: Path, kind: str
) -> None:
    found = owners_of(_person_index(tmp_path, None, kind), [("GB-COH", "00000001")], owned_id="s")
    unnamed = found.owners[0]
    assert unnamed.party == {
        "id": party_id("p-owner-00000000000000000000000001"),
        "name": f"an owner the register does not name ({kind})",
        "roles": ["owner"],
        "source": "BODS statement p-owner-00000000000000000000000001",
        "undisclosed": True,
    }
    assert unnamed.ownership is not None and unnamed.ownership["share"] == 0.6
    assert [h.party["name"] for h in found.owners[1:]] == ["Example Holding Ltd"]
    assert len(found.warnings) == 1
    assert "a person the register does not name" in found.warnings[0] and kind in found.warnings[0]
    assert "an unknown under the rules on who owns the party" in found.warnings[0]


@pytest.mark.parametrize(
    ("interested", "name"),
    [
        ({"unspecified": {"reason": "interestedPartyExemptFromDisclosure"}},
         "an owner the register does not name (unspecified: interestedPartyExemptFromDisclosure)"),
        ({"describedByPersonStatement": "p-missing-000000000000000000000001"},
         "an owner the register does not name (person statement "
         "p-missing-000000000000000000000001 not read)"),
    ],
    ids=["unspecified", "unread person"],
)  # fmt: skip
def test_an_unspecified_or_unread_owner_is_an_undisclosed_owner_with_its_band(
    tmp_path: Path, interested: dict[str, Any], name: str
) -> None:
    held = _holds("r-u-00000000000000000000000000001", "unused",
                  "e-supplier-0000000000000000000001", {"minimum": 50, "maximum": 75})  # fmt: skip
    held["interestedParty"] = interested
    statements = [
        _entity("e-supplier-0000000000000000000001", "Example Supplier GmbH", "00000001"),
        held,
    ]
    found = owners_of(_register(tmp_path / "u.jsonl", statements), [("GB-COH", "1")], owned_id="s")
    [unnamed] = found.owners
    assert unnamed.party["name"] == name and unnamed.party["undisclosed"] is True
    assert unnamed.party["source"] == "BODS statement r-u-00000000000000000000000000001"
    assert unnamed.ownership is not None
    assert (unnamed.ownership["share_min"], unnamed.ownership["share_max"]) == (0.5, 0.75)
    assert unnamed.ownership["party"] == unnamed.party["id"]
    assert len(found.warnings) == 1 and "r-u-00000000000000000000000000001" in found.warnings[0]


def test_an_anonymous_majority_owner_is_never_a_pass_end_to_end(
    tmp_path: Path, rules: RuleSet
) -> None:
    """A register says an anonymous person holds 50 % to 75 % of the supplier: who that is
    is the deciding fact of every 50 % rule, so the verdict cannot be acceptable (it was,
    with the holding only an import warning)."""
    from riskkit.packs.lists import ListSet

    held = _holds("r-a-00000000000000000000000000001", "unused",
                  "e-supplier-0000000000000000000001", {"minimum": 50, "maximum": 75})  # fmt: skip
    held["interestedParty"] = {"describedByPersonStatement": "p-anon-000000000000000000000000001"}
    statements = [
        _entity("e-supplier-0000000000000000000001", "Example Supplier GmbH", "00000001"),
        _person("p-anon-000000000000000000000000001", None, "anonymousPerson"),
        held,
    ]
    document = _buying_from_the_supplier()
    for component in document["components"]:
        component["firmware_updates_by"] = "buyer"  # acceptable but for the owner
    sdn = tmp_path / "sdn.csv"
    entry = '90003,"EXAMPLEPERSON, Blocked Test","individual","SDGT"' + ",-0- " * 7
    sdn.write_text(entry + ',"Synthetic test fixture; not a real listing."\n')
    lists = ListSet.load([sdn])
    day = date(2025, 10, 15)
    plain = evaluate(procurement_from_dict(document, source="bods"), rules, day, lists=lists)
    assert plain.verdict == "acceptable"
    attached, warnings = attach_owners(document, _register(tmp_path / "anon.jsonl", statements))
    assert len(warnings) == 1 and "anonymousPerson" in warnings[0]
    report = evaluate(procurement_from_dict(attached, source="bods"), rules, day, lists=lists)
    assert report.verdict != "acceptable"
    for rule_id in ("LE-US-OFAC-SDN", "LE-US-BIS-EL-HUAWEI"):
        assert _outcome(report, rule_id, "parties[sup]") == "unknown", rule_id
    unknown = next(u for u in report.unknowns if u.rule_id == "LE-US-OFAC-SDN")
    assert [e.note for e in unknown.evidence] == [
        "who holds at least 50.00 % and less than 75.00 % of 'sup' is not known (BODS statement "
        "r-a-00000000000000000000000000001)"
    ]


def test_no_owner_to_disclose_leaves_control_decided_and_the_aggregate_unknown(
    tmp_path: Path, rules: RuleSet
) -> None:
    """``noBeneficialOwners``: the register's rules require no owner to be disclosed, so no
    one controls the supplier (a control rule passes it), but owners under the disclosure
    threshold may hold half together (OFAC's aggregate rule: an unknown, never a pass)."""
    from riskkit.packs.lists import ListSet

    held = _holds("r-n-00000000000000000000000000001", "unused",
                  "e-supplier-0000000000000000000001", None)  # fmt: skip
    held["interestedParty"] = {"unspecified": {"reason": "noBeneficialOwners"}}
    statements = [
        _entity("e-supplier-0000000000000000000001", "Example Supplier GmbH", "00000001"),
        held,
    ]
    found = owners_of(_register(tmp_path / "n.jsonl", statements), [("GB-COH", "1")], owned_id="s")
    [unnamed] = found.owners
    assert unnamed.party["undisclosed"] is True and unnamed.ownership is not None
    assert unnamed.ownership["control"] is False and "share" not in unnamed.ownership
    assert "noBeneficialOwners" in found.warnings[0] and "no one controls it" in found.warnings[0]
    document = _buying_from_the_supplier()
    for component in document["components"]:
        component["firmware_updates_by"] = "buyer"
    sdn = tmp_path / "sdn.csv"
    entry = '90003,"EXAMPLEPERSON, Blocked Test","individual","SDGT"' + ",-0- " * 7
    sdn.write_text(entry + ',"Synthetic test fixture; not a real listing."\n')
    attached, _ = attach_owners(document, _register(tmp_path / "none.jsonl", statements))
    day = date(2025, 10, 15)
    report = evaluate(
        procurement_from_dict(attached, source="bods"), rules, day, lists=ListSet.load([sdn])
    )
    assert report.verdict != "acceptable"
    for rule_id in ("LE-US-OFAC-SDN", "LE-US-BIS-EL-HUAWEI"):  # both on aggregate ownership
        assert _outcome(report, rule_id, "parties[sup]") == "unknown", rule_id


def test_a_listed_person_owning_the_supplier_is_found_by_screening(
    tmp_path: Path, rules: RuleSet
) -> None:
    """The OFAC 50 % rule counts blocked individuals: a supplier 60 % held by a person on the
    SDN list (a synthetic entry) is a finding, which it could not be while persons were left
    out of the owners."""
    from riskkit.packs.lists import ListSet

    sdn = tmp_path / "sdn.csv"
    entry = '90003,"EXAMPLEPERSON, Blocked Test","individual","SDGT"' + ",-0- " * 7
    sdn.write_text(entry + ',"Synthetic test fixture; not a real listing."\n')
    document = _buying_from_the_supplier()
    for name, expected in (("Blocked Test Exampleperson", True), ("Jane Example", False)):
        attached, warnings = attach_owners(document, _person_index(tmp_path, name))
        assert warnings == []
        procurement = procurement_from_dict(attached, source="bods")
        report = evaluate(procurement, rules, date(2025, 10, 15), lists=ListSet.load([sdn]))
        fired = [f for f in report.findings if f.rule_id == "LE-US-OFAC-SDN"]
        assert bool(fired) is expected, name
        if expected:
            assert fired[0].subject == "parties[sup]"
            assert any("EXAMPLEPERSON, Blocked Test" in e.note for e in fired[0].evidence)
