"""Mapping OCDS releases onto the procurement model (riskkit.feeds.ocds.mapping), on small
releases written here: every fact the release gives is mapped, every one it does not is a gap."""

from __future__ import annotations

import functools
import tomllib
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds import Process
from riskkit.feeds.ocds.defects import Origin
from riskkit.feeds.ocds.items import BrandNames
from riskkit.feeds.ocds.mapping import (
    Mapped,
    country_code,
    map_process,
    orgid_scheme,
    prepare,
    procurement_id,
    render,
)
from riskkit.packs import load_packs


def mapped(release: dict[str, Any], **kwargs: Any) -> Mapped:
    ocid = str(release.get("ocid", "ocds-test-1"))
    process = Process(ocid, release, (Origin("feed.jsonl", "line 3"),), "compiled release")
    return map_process(process, **kwargs)


def gap_paths(result: Mapped) -> set[str]:
    return {g.path for g in result.gaps}


CAMERA_TENDER = {
    "title": "Sistema de videovigilancia",
    "items": [{"id": "1", "description": "Cámaras de videovigilancia CCTV", "quantity": 12}],
}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("México", "MX"),
        ("Mexico", "MX"),
        ("MEXICO", "MX"),
        ("México                                  ", "MX"),
        ("Deutschland", "DE"),
        ("Royaume-Uni", "GB"),
        ("Reino Unido", "GB"),
        (" United Kingdom", "GB"),
        ("Україна", "UA"),
        ("Украина", "UA"),
        ("Republica Moldova", "MD"),
        ("Հայաստան", "AM"),
        ("臺灣", "TW"),
        ("MX", "MX"),
        ("MEX", "MX"),
        ("Colombia", "CO"),
        ("Atlantis", None),
    ],
)
def test_country_names_in_the_sample_languages_give_iso_codes(name: str, code: str | None) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("scheme", "code"),
    [
        ("RFC", "MX-RFC"),
        ("MX-RFC", "MX-RFC"),
        ("CUIT", "AR-CUIT"),
        ("Companies House", "GB-COH"),
        ("companies  house", "GB-COH"),
        ("NIT", "CO-NIT"),
        ("Nit de Persona Jurídica", "CO-NIT"),
        ("ЄДРПОУ", "UA-EDR"),
        ("Cédula de Ciudadanía", None),
        ("MK-009KDH999", None),
    ],
)
def test_scheme_aliases_become_org_id_codes(scheme: str, code: str | None) -> None:
    assert orgid_scheme(scheme) == code


def test_buyer_country_comes_from_its_address_and_its_kind_is_a_gap() -> None:
    result = mapped(
        {
            "ocid": "ocds-test-1",
            "buyer": {"id": "b1", "name": "Ville"},
            "parties": [
                {
                    "id": "b1",
                    "name": "Ville de Lyon",
                    "roles": ["buyer"],
                    "address": {"countryName": "France"},
                }
            ],
        }
    )
    assert result.document["buyer"] == {"name": "Ville de Lyon", "jurisdiction": "FR"}
    assert "buyer.kind" in gap_paths(result)
    assert "buyer.jurisdiction" not in gap_paths(result)
    assert "buyer.jurisdiction: from parties[0].address.countryName" in result.warnings
    assert result.summary.country == "FR"


def test_buyer_country_from_an_org_id_scheme_prefix() -> None:
    result = mapped({"buyer": {"name": "Secretaría", "identifier": {"scheme": "RFC", "id": "X"}}})
    assert result.document["buyer"]["jurisdiction"] == "MX"
    assert "prepare: buyer.identifier.scheme 'RFC' read as 'MX-RFC'" in result.warnings


def test_an_unknown_country_is_a_gap_never_a_guess() -> None:
    result = mapped({"buyer": {"name": "Somewhere", "address": {"countryName": "Atlantis"}}})
    assert "jurisdiction" not in result.document["buyer"]
    assert "buyer.jurisdiction" in gap_paths(result)
    assert any("'Atlantis' is not a country" in w for w in result.warnings)


def test_a_fake_scheme_prefix_gives_no_country() -> None:
    # GACM writes "MK-009KDH999" where a scheme belongs: MK is not where the buyer is.
    result = mapped({"buyer": {"name": "GACM", "identifier": {"scheme": "MK-009KDH999"}}})
    assert "jurisdiction" not in result.document["buyer"]


def test_the_publisher_country_fills_only_a_missing_country_and_says_so() -> None:
    result = mapped({"ocid": "ocds-07smqs-1", "buyer": {"name": "IMSS"}})
    assert result.document["buyer"]["jurisdiction"] == "MX"
    assert any(
        w.startswith("prepare: buyer country MX from the publisher mexico-apf")
        for w in result.warnings
    )


def test_buyer_kind_is_read_only_from_an_unambiguous_classification() -> None:
    classified = mapped(
        {
            "buyer": {
                "name": "Ministry",
                "details": {"classifications": [{"scheme": "TED_CA_TYPE", "id": "MINISTRY"}]},
            }
        }
    )
    assert classified.document["buyer"]["kind"] == "national_government"
    regional = mapped(
        {
            "buyer": {
                "name": "Region",
                "details": {
                    "classifications": [{"scheme": "TED_CA_TYPE", "id": "REGIONAL_AUTHORITY"}]
                },
            }
        }
    )
    assert "kind" not in regional.document["buyer"]


def test_spanish_roles_are_prepared_into_ocds_codes_and_logged() -> None:
    release = {"parties": [{"id": "1", "name": "INAI", "roles": ["Comprador"]}]}
    prepared = prepare(release)
    assert prepared.release["parties"][0]["roles"] == ["buyer"]
    assert release["parties"][0]["roles"] == ["Comprador"]  # the input is never changed
    assert prepared.corrections == ("prepare: parties[0].roles: 'Comprador' read as 'buyer'",)
    assert mapped(release).document["buyer"]["name"] == "INAI"


def test_paraguay_buyer_is_taken_from_the_procuring_entity() -> None:
    release = {"ocid": "ocds-03ad3f-1", "tender": {"procuringEntity": {"name": "COPACO"}}}
    result = mapped(release)
    assert result.document["buyer"]["name"] == "COPACO"
    assert any(
        w.startswith("prepare: buyer taken from tender.procuringEntity") for w in result.warnings
    )


@pytest.mark.parametrize("roles", [True, "buyer", {"buyer": 1}, None])
def test_roles_that_are_not_an_array_name_no_buyer_and_never_raise(roles: object) -> None:
    # Found by the any-JSON property test: ``roles: true`` raised in the Paraguay fill-in.
    release = {
        "ocid": "ocds-03ad3f-1",
        "parties": [{"id": "1", "name": "Somebody", "roles": roles}],
        "tender": {"procuringEntity": {"name": "COPACO"}},
    }
    assert mapped(release).document["buyer"]["name"] == "COPACO"


def test_suppliers_become_parties_with_org_id_identifiers_and_unknown_roles() -> None:
    result = mapped(
        {
            "parties": [
                {
                    "id": "s1",
                    "name": "Cámaras SA",
                    "roles": ["supplier"],
                    "identifier": {"scheme": "RFC", "id": "CAM010101AB1"},
                    "additionalIdentifiers": [{"scheme": "Registro X", "id": "77"}],
                }
            ],
            "awards": [{"id": "a1", "suppliers": [{"id": "s1", "name": "Cámaras SA"}]}],
        }
    )
    (party,) = result.document["parties"]
    assert party["identifiers"] == [
        {"scheme": "MX-RFC", "value": "CAM010101AB1"},
        {"scheme": "Registro X", "value": "77"},
    ]
    assert party["incorporated_in"] == "MX"
    assert "roles" not in party
    assert {"parties[supplier-1].roles", "parties[supplier-1].owners"} <= gap_paths(result)
    assert any("'Registro X' is not an org-id scheme" in w for w in result.warnings)
    assert result.summary.suppliers == ("Cámaras SA",)


def test_an_address_gives_where_a_supplier_sits_never_where_it_is_incorporated() -> None:
    result = mapped(
        {
            "parties": [
                {
                    "id": "s1",
                    "name": "Caméras SAS",
                    "roles": ["supplier"],
                    "address": {"countryName": "France"},
                }
            ],
            "awards": [{"id": "a1", "suppliers": [{"id": "s1", "name": "Caméras SAS"}]}],
        }
    )
    (party,) = result.document["parties"]
    assert party["headquarters"] == "FR"
    assert "incorporated_in" not in party
    assert "parties[supplier-1].incorporated_in" in gap_paths(result)
    assert any("an address, not a register" in w for w in result.warnings)


def test_cancelled_awards_supply_nothing() -> None:
    result = mapped({"awards": [{"status": "cancelled", "suppliers": [{"name": "Gone"}]}]})
    assert "parties" not in result.document


def test_term_from_contract_periods_earliest_start_latest_end() -> None:
    result = mapped(
        {
            "contracts": [
                {
                    "period": {
                        "startDate": "2020-03-01T00:00:00Z",
                        "endDate": "2020-12-31T00:00:00Z",
                    }
                },
                {"period": {"startDate": "2020-01-15T00:00:00-06:00", "endDate": "2021-06-30"}},
            ]
        }
    )
    assert result.document["term"] == {"start": date(2020, 1, 15), "end": date(2021, 6, 30)}
    assert "term" not in gap_paths(result)


@pytest.mark.parametrize("placeholder", ["1900-01-01T00:00:00-06:00", "9999-12-31", "0001-01-01"])
def test_placeholder_dates_are_never_a_term(placeholder: str) -> None:
    result = mapped(
        {"contracts": [{"period": {"startDate": placeholder, "endDate": "2020-12-31"}}]}
    )
    assert "term" not in result.document
    (gap,) = [g for g in result.gaps if g.path == "term"]
    assert "only its end" in gap.why
    assert any("is a placeholder, not a date" in w for w in result.warnings)


def test_a_start_alone_is_no_term() -> None:
    result = mapped({"tender": {"contractPeriod": {"startDate": "2020-01-01"}}})
    assert "term" not in result.document
    assert result.summary.start == date(2020, 1, 1)


def test_a_term_ending_before_it_starts_is_a_gap() -> None:
    result = mapped(
        {"tender": {"contractPeriod": {"startDate": "2021-01-01", "endDate": "2020-01-01"}}}
    )
    assert "term" not in result.document
    assert any(g.path == "term" and "before it starts" in g.why for g in result.gaps)


def test_value_sums_contracts_and_refuses_mixed_currencies() -> None:
    same = mapped(
        {
            "contracts": [
                {"value": {"amount": 10, "currency": "MXN"}},
                {"value": {"amount": 5.5, "currency": "MXN"}},
            ]
        }
    )
    assert (same.summary.amount, same.summary.currency) == (15.5, "MXN")
    mixed = mapped(
        {
            "contracts": [
                {"value": {"amount": 10, "currency": "MXN"}},
                {"value": {"amount": 5, "currency": "USD"}},
            ]
        }
    )
    assert (mixed.summary.amount, mixed.summary.currency) == (None, None)
    tender = mapped({"tender": {"value": {"amount": 3, "currency": "EUR"}}})
    assert (tender.summary.amount, tender.summary.currency) == (3.0, "EUR")


def test_a_camera_item_becomes_a_component_with_its_source_and_quantity() -> None:
    result = mapped(
        {"tender": CAMERA_TENDER, "awards": [{"suppliers": [{"name": "Integrador SA"}]}]}
    )
    (component,) = result.document["components"]
    assert component["kind"] == "ip_camera"
    assert component["quantity"] == 12
    assert component["supplied_by"] == "supplier-1"
    assert "manufacturer" not in component
    assert "components[item-1].manufacturer" in gap_paths(result)
    (note,) = [w for w in result.warnings if w.startswith("components[item-1]: ")]
    assert "tender.items[0].description" in note
    assert "Cámaras de videovigilancia CCTV" in note


def test_no_item_found_is_a_gap_not_an_empty_purchase() -> None:
    result = mapped({"tender": {"title": "Papelería", "items": [{"description": "lápices"}]}})
    assert "components" not in result.document
    assert "components" in gap_paths(result)


def test_a_delivery_address_with_a_country_gives_a_site() -> None:
    tender = {
        **CAMERA_TENDER,
        "items": [
            {
                **CAMERA_TENDER["items"][0],  # type: ignore[dict-item]
                "deliveryAddress": {"countryName": "Україна"},
            }
        ],
    }
    result = mapped({"tender": tender})
    assert result.document["sites"] == [{"id": "delivery-ua", "jurisdiction": "UA"}]
    assert "sites[delivery-ua].settings" in gap_paths(result)


@pytest.mark.parametrize(
    ("ocid", "expected"),
    [("ocds-abc-1", "ocds-abc-1"), ("22", "22")],
)
def test_a_safe_ocid_is_its_own_id(ocid: str, expected: str) -> None:
    assert procurement_id(ocid) == expected


def test_an_unsafe_ocid_gets_a_safe_distinct_id() -> None:
    first = procurement_id("ocds-34a6hz-01B68-160000/001/CY")
    second = procurement_id("ocds-34a6hz-01B68-160000-001-CY")
    assert first.startswith("ocds-34a6hz-01B68-160000-001-CY-")
    assert first != second
    assert len(procurement_id("x" * 200)) <= 80
    assert procurement_id("///").startswith("process-")


def test_title_falls_back_to_language_variants_then_the_ocid() -> None:
    assert mapped({"tender": {"title_fr": "Caméras"}}).document["title"] == "Caméras"
    assert mapped({"ocid": "ocds-x-9"}).document["title"] == "ocds-x-9"


def test_an_incomplete_document_is_no_procurement_and_says_why() -> None:
    result = mapped({"tender": {"title": "T"}})
    assert result.procurement is None
    assert "buyer.name" in gap_paths(result)
    assert any(w.startswith("not a valid procurement") for w in result.warnings)
    assert result.origin == "feed.jsonl: line 3"


json_leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
OCDS_KEYS = [
    "ocid",
    "buyer",
    "parties",
    "tender",
    "awards",
    "contracts",
    "items",
    "name",
    "id",
    "roles",
    "identifier",
    "scheme",
    "address",
    "countryName",
    "period",
    "startDate",
    "endDate",
    "value",
    "amount",
    "currency",
    "suppliers",
    "title",
    "description",
    "quantity",
    "procuringEntity",
    "additionalIdentifiers",
    "details",
    "classifications",
    "contractPeriod",
    "deliveryAddress",
    "status",
    "date",
]
json_values = st.recursive(
    json_leaves
    | st.sampled_from(
        [
            "buyer",
            "supplier",
            "2020-01-01",
            "1900-01-01",
            "México",
            "RFC",
            "cámara CCTV",
            "Comprador",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(OCDS_KEYS) | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=30,
)
releases = st.dictionaries(st.sampled_from(OCDS_KEYS), json_values, max_size=8)


@settings(max_examples=300, deadline=None)
@given(releases, st.sampled_from([None, "mexico-gacm", "paraguay", "nobody"]))
def test_any_json_release_maps_deterministically_without_raising(
    release: dict[str, Any], publisher: str | None
) -> None:
    first = mapped(release, publisher=publisher)
    second = mapped(release, publisher=publisher)
    assert first == second
    assert first.document["id"] == procurement_id(first.summary.ocid)
    assert {"data_flows"} <= gap_paths(first)


@functools.cache
def brands() -> BrandNames:
    return BrandNames(load_packs().entities.entities.values())


def test_a_curated_brand_in_the_items_text_becomes_the_components_brand() -> None:
    tender = {
        "items": [{"description": "Cámaras de videovigilancia Hikvision DS-2CD2143", "quantity": 4}]
    }
    result = mapped({"buyer": {"name": "Municipio"}, "tender": tender}, brands=brands())
    (component,) = result.document["components"]
    assert component["brand"].casefold().startswith("hikvision")
    assert "components[item-1].manufacturer" not in gap_paths(result)
    assert any(
        w.startswith("components[item-1].brand: ") and "not proof" in w for w in result.warnings
    )
    assert result.procurement is not None
    assert result.procurement.components[0].brand == component["brand"]


@settings(max_examples=150, deadline=None)
@given(releases)
def test_the_written_file_of_any_release_reads_back_as_its_document(
    release: dict[str, Any],
) -> None:
    result = mapped(release)
    assert tomllib.loads(render(result, ["header"])) == result.document


def test_quantity_sums_the_items_of_one_kind_and_is_unknown_if_one_lacks_it() -> None:
    two = {
        "items": [
            {"description": "cámaras CCTV", "quantity": 4},
            {"description": "cámaras CCTV domo", "quantity": 6},
        ]
    }
    result = mapped({"tender": two})
    assert result.document["components"][0]["quantity"] == 10
    one_unknown = {
        "items": [
            {"description": "cámaras CCTV", "quantity": 4},
            {"description": "cámaras CCTV domo"},
        ]
    }
    result = mapped({"tender": one_unknown})
    assert "quantity" not in result.document["components"][0]
    assert "components[item-1].quantity" in gap_paths(result)


def test_a_lone_surrogate_in_a_name_is_written_as_valid_utf8() -> None:
    result = mapped({"buyer": {"name": "Caf\ud800 Municipal"}})
    text = render(result)
    text.encode("utf-8")
    assert tomllib.loads(text)["buyer"]["name"] == "Caf? Municipal"


def test_a_party_entry_with_an_empty_name_keeps_the_references_name() -> None:
    result = mapped(
        {
            "buyer": {"id": "b", "name": "Alcaldía"},
            "parties": [{"id": "b", "name": "", "roles": ["buyer"]}],
        }
    )
    assert result.document["buyer"]["name"] == "Alcaldía"
