"""Every publisher's real sample (shared/data/ocds) maps onto the procurement model: no
exception, the buyer's country found where the data gives it, the GACM video-surveillance
processes as surveillance components with their source text."""

from __future__ import annotations

import functools
from collections import Counter

import pytest

from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.items import BrandNames
from riskkit.feeds.ocds.mapping import Mapped, map_process
from riskkit.packs import load_packs
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

SAMPLE = SHARED_DATA / "ocds" / "sample-data"

COUNTRY = {
    "armenia": "AM",
    "australia-nsw": "AU",
    "canada-buyandsell": "CA",
    "canada-montreal": "CA",
    "colombia": "CO",
    "mexico-apf": "MX",
    "mexico-cdmx": "MX",
    "mexico-gacm": "MX",
    "mexico-inai": "MX",
    "mexico-jalisco": "MX",
    "moldova": "MD",
    "nigeria": "NG",
    "paraguay": "PY",
    "taiwan": "TW",
    "uganda": "UG",
    "uk-contracts-finder": "GB",
    "ukraine": "UA",
}
"""The country of every buyer of each publisher's portal."""

FROM_OWN_DATA = {
    "armenia": 100,
    "australia-nsw": 0,
    "canada-buyandsell": 33,
    "canada-montreal": 20,
    "colombia": 21,
    "mexico-apf": 10,
    "mexico-cdmx": 8,
    "mexico-gacm": 40,
    "mexico-inai": 9,
    "mexico-jalisco": 13,
    "moldova": 0,
    "nigeria": 0,
    "paraguay": 0,
    "taiwan": 0,
    "uganda": 10,
    "uk-contracts-finder": 22,
    "ukraine": 11,
}
"""Processes whose buyer's country comes from the buyer's own address or identifier (Mexico
APF: its MX-CPA/MX-RFC scheme); the others take it from the publisher (publishers.toml)."""


@functools.cache
def brands() -> BrandNames:
    return BrandNames(load_packs().entities.entities.values())


@functools.cache
def mapped(publisher: str) -> tuple[Mapped, ...]:
    folder = SAMPLE / publisher
    if not folder.is_dir():
        pytest.skip(NO_SHARED_DATA)
    processes = read_ocds(folder, validate=False)
    return tuple(map_process(p, brands=brands(), publisher=publisher) for p in processes)


@pytest.mark.parametrize("publisher", sorted(COUNTRY))
def test_every_process_of_every_publisher_maps_with_its_buyer_country(publisher: str) -> None:
    results = mapped(publisher)
    assert results
    countries = Counter(m.summary.country for m in results)
    # Paraguay: one process names no buyer at all (no buyer, party or procuring entity).
    expected = len(results) - (1 if publisher == "paraguay" else 0)
    assert countries[COUNTRY[publisher]] == expected
    for result in results:
        assert result.document["id"]
        assert any(g.path == "data_flows" for g in result.gaps)
        assert all(g.why.strip() for g in result.gaps)


@pytest.mark.parametrize("publisher", sorted(FROM_OWN_DATA))
def test_the_buyer_country_comes_from_the_buyers_own_data_where_given(publisher: str) -> None:
    own = [
        m
        for m in mapped(publisher)
        if any(
            w.startswith("buyer.jurisdiction: from ") and "publisher" not in w for w in m.warnings
        )
    ]
    assert len(own) == FROM_OWN_DATA[publisher]


def test_no_sample_buyer_has_a_kind_or_a_guessed_one() -> None:
    # No publisher in the sample classifies its buyers: every kind is a gap.
    for publisher in COUNTRY:
        for result in mapped(publisher):
            assert "kind" not in result.document["buyer"]
            assert any(g.path == "buyer.kind" for g in result.gaps)


def test_gacm_video_surveillance_processes_give_camera_components_with_source_text() -> None:
    by_ocid = {m.summary.ocid: m for m in mapped("mexico-gacm")}
    for ocid, matched in (("22", "Video Vigilancia"), ("256", "cctv")):
        result = by_ocid[ocid]
        (component,) = result.document["components"]
        assert (component["kind"], component["capabilities"]) == ("ip_camera", ["video"])
        assert component["supplied_by"] == "supplier-1"
        (note,) = [w for w in result.warnings if w.startswith(f"components[{component['id']}]:")]
        assert repr(matched) in note.replace(repr(matched.upper()), repr(matched))
        assert "components[item-1].manufacturer" in {g.path for g in result.gaps}
    assert "Video Vigilancia de la Barda Perimetral" in " ".join(by_ocid["22"].warnings)
    assert by_ocid["22"].document["term"]["start"].isoformat() == "2014-10-30"
    assert (by_ocid["22"].summary.amount, by_ocid["22"].summary.currency) == (7751455.34, "MXN")


def test_telecom_services_are_noted_but_are_not_components() -> None:
    by_ocid = {m.summary.ocid: m for m in mapped("mexico-gacm")}
    for ocid in ("201", "237", "297"):
        assert "components" not in by_ocid[ocid].document
        assert any("names no component kind" in w for w in by_ocid[ocid].warnings)


def test_spanish_roles_of_inai_are_prepared_and_logged() -> None:
    results = mapped("mexico-inai")
    assert all(any("read as 'buyer'" in w for w in m.warnings) for m in results)
    assert all(m.summary.buyer for m in results)


def test_uk_and_mexican_supplier_schemes_are_read() -> None:
    schemes = Counter(
        i["scheme"]
        for publisher in ("mexico-apf", "mexico-inai", "colombia", "ukraine")
        for m in mapped(publisher)
        for p in m.document.get("parties", ())
        for i in p.get("identifiers", ())
    )
    assert schemes["MX-RFC"] >= 10
    assert schemes["CO-NIT"] >= 1
    assert schemes["UA-EDR"] >= 1


def test_taiwan_awards_given_as_an_object_map_without_suppliers() -> None:
    # Taiwan publishes awards as one object, not an array: read as no awards, not a crash.
    for result in mapped("taiwan"):
        assert result.summary.suppliers == ()
        assert result.summary.buyer


def test_every_process_with_a_named_buyer_is_a_valid_procurement() -> None:
    # Buyer kind, jurisdiction and term may be unknown in the model: only a nameless buyer
    # (one Paraguayan process) keeps a document from validating.
    invalid = [
        m.summary.ocid for publisher in COUNTRY for m in mapped(publisher) if m.procurement is None
    ]
    assert invalid == ["ocds-03ad3f-284437"]


FACTS = {
    # publisher: (processes, with a term, components, with a supplier party)
    "armenia": (100, 23, 2, 19),
    "australia-nsw": (10, 0, 0, 0),
    "canada-buyandsell": (33, 33, 0, 0),
    "canada-montreal": (20, 0, 0, 20),
    "colombia": (21, 19, 0, 19),
    "mexico-apf": (10, 10, 0, 9),
    "mexico-cdmx": (8, 8, 0, 8),
    "mexico-gacm": (40, 40, 2, 39),
    "mexico-inai": (10, 7, 0, 7),
    "mexico-jalisco": (13, 12, 0, 13),
    "moldova": (53, 11, 4, 11),
    "nigeria": (12, 6, 0, 12),
    "paraguay": (26, 22, 3, 21),
    "taiwan": (11, 0, 0, 0),
    "uganda": (10, 0, 0, 0),
    "uk-contracts-finder": (22, 0, 0, 0),
    "ukraine": (11, 7, 0, 10),
}


@pytest.mark.parametrize("publisher", sorted(FACTS))
def test_terms_components_and_suppliers_per_publisher(publisher: str) -> None:
    results = mapped(publisher)
    found = (
        len(results),
        sum("term" in m.document for m in results),
        sum(len(m.document.get("components", ())) for m in results),
        sum(bool(m.document.get("parties")) for m in results),
    )
    assert found == FACTS[publisher]
    for result in results:
        assert ("term" in result.document) != any(g.path == "term" for g in result.gaps)
