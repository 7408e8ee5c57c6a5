"""The mapping steps rewritten for speed decide exactly what they decided before: the term, the
delivery sites, the title, the placeholder notes of ``prepare``, the publisher of an ocid and
the day a date-time names,
each compared with its former version (main at 5abad58, kept here as the reference) on any
shape of release hypothesis makes, and on every real sample."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.mapping.access import (
    _day,
    day,
    is_placeholder,
    obj,
    objs,
    placeholder_text,
    text,
)
from riskkit.feeds.ocds.mapping.parties import variant
from riskkit.feeds.ocds.mapping.prepare import DATE_PATHS, prepare
from riskkit.feeds.ocds.mapping.process import _title
from riskkit.feeds.ocds.mapping.sites import delivery_sites
from riskkit.feeds.ocds.mapping.tables import Publisher, country_code, publisher_of, tables
from riskkit.feeds.ocds.mapping.terms import Period, term
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

# --- the former versions -------------------------------------------------------------------


def reference_term(release: Mapping[str, Any]) -> Period:
    def period(where: str, periods: list[dict[str, Any]]) -> Period:
        starts = [d for p in periods if (d := day(p.get("startDate"))) is not None]
        ends = [d for p in periods if (d := day(p.get("endDate"))) is not None]
        return Period(min(starts, default=None), max(ends, default=None), where)

    contracts = [obj(c.get("period")) for c in objs(release.get("contracts"))]
    awards = [obj(a.get("contractPeriod")) for a in objs(release.get("awards"))]
    places = [
        ("contracts[].period", contracts),
        ("awards[].contractPeriod", awards),
        ("tender.contractPeriod", [obj(obj(release.get("tender")).get("contractPeriod"))]),
    ]
    partial: Period | None = None
    for where, periods in places:
        found = period(where, periods)
        if found.start is not None and found.end is not None:
            return found
        if partial is None and (found.start is not None or found.end is not None):
            partial = found
    return partial or Period(None, None, None)


def reference_sites(release: Mapping[str, Any], warnings: list[str]) -> list[dict[str, Any]]:
    found: dict[str, str] = {}
    holders = [("tender", -1, obj(release.get("tender")))]
    for array in ("awards", "contracts"):
        holders += [(array, i, e) for i, e in enumerate(objs(release.get(array)))]
    for where, at, holder in holders:
        for index, item in enumerate(objs(holder.get("items"))):
            address = item.get("deliveryAddress")
            if not isinstance(address, dict):
                continue
            named = text(address.get("countryName"))
            code = country_code(named) if named else None
            if code is not None and code not in found:
                holder_path = where if at < 0 else f"{where}[{at}]"
                found[code] = f"{holder_path}.items[{index}].deliveryAddress.countryName"
    sites = []
    for code, field in found.items():
        site_id = f"delivery-{code.lower()}"
        sites.append({"id": site_id, "jurisdiction": code})
        warnings.append(f"sites[{site_id}]: jurisdiction from {field}")
    return sites


def reference_title(release: Mapping[str, Any], ocid: str) -> str:
    for entry in (
        obj(release.get("tender")),
        *objs(release.get("awards")),
        *objs(release.get("contracts")),
    ):
        title = text(entry.get("title")) or variant(entry, "title")
        if title is not None:
            return title
    return ocid


def reference_placeholders(release: Mapping[str, Any]) -> list[str]:
    corrections = []
    for path in DATE_PATHS:
        node: Any = release
        for key in path:
            node = obj(node).get(key)
        if placeholder_text(node):
            corrections.append(f"prepare: {'.'.join(path)} {node!r} is a placeholder, not a date")
    for array, period in (("contracts", "period"), ("awards", "contractPeriod")):
        for index, entry in enumerate(objs(release.get(array))):
            for key in ("startDate", "endDate"):
                value = obj(entry.get(period)).get(key)
                if placeholder_text(value):
                    corrections.append(
                        f"prepare: {array}[{index}].{period}.{key} {value!r} "
                        "is a placeholder, not a date"
                    )
    return corrections


def reference_publisher_of(ocid: str) -> Publisher | None:
    lowered = ocid.casefold()
    for publisher in tables().publishers.values():
        for prefix in publisher.ocid_prefixes:
            if lowered.startswith(prefix.casefold()):
                return publisher
    return None


def reference_day(value: str) -> date | None:
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if found is None:
        return None
    try:
        parsed = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    return None if is_placeholder(parsed) else parsed


_DIGITISH = st.sampled_from("0123456789012345\u0660\u0669\u09e7\uff11\u00b2\u2460x ")
"""Mostly ASCII digits; also other decimal digits (Nd: Arabic-Indic, Bengali, full width), digits
that are not decimal (superscript two, circled one) and a letter and a space."""


def _part(size: int, top: int) -> st.SearchStrategy[str]:
    """A year, month or day: mostly a number in range, written in ASCII or another script's
    decimal digits, or any ``size`` characters of ``_DIGITISH``."""
    number = st.integers(0, top).map(lambda n: f"{n:0{size}d}")
    script = st.sampled_from([0, 0x0660, 0xFF10]).map(
        lambda zero: {48 + i: zero + i for i in range(10)} if zero else {}
    )
    return st.tuples(number, script).map(lambda pair: pair[0].translate(pair[1])) | st.text(
        _DIGITISH, min_size=size, max_size=size
    )


@settings(max_examples=3000, deadline=None)
@given(
    st.tuples(
        st.sampled_from(["", " ", "\t", "x"]),
        _part(4, 9999),
        st.sampled_from("--/ x"),
        _part(2, 13),
        st.sampled_from("--/ x"),
        _part(2, 32),
        st.sampled_from(["", "T00:00:00Z", " ", "1"]),
    ).map("".join)
    | st.text(st.sampled_from("0123456789-T:+ Z"), max_size=14)
    | st.dates().map(date.isoformat)
)
def test_a_day_is_read_as_the_pattern_read_it(value: str) -> None:
    assert _day(value) == reference_day(value)


# --- releases of any shape ------------------------------------------------------------------

_DATES = st.sampled_from(
    [
        "2019-03-01T00:00:00Z", "2019-02-28", "2020-12-31T23:59:59-06:00",
        "1900-01-01T00:00:00-06:00", "9999-12-31", "0001-01-01", "2019-13-01", "19", "",
        " 2018-05-05", "2099-12-31", "2100-01-01",
    ]
) | st.none() | st.integers(0, 3)  # fmt: skip
_PERIOD = st.fixed_dictionaries({}, optional={"startDate": _DATES, "endDate": _DATES}) | st.just(
    "2019-01-01"
)
_WORDS = st.sampled_from(["Cameras", "  ", "", "Cámaras de vigilancia", "\ud800x"]) | st.none()
_ADDRESS: st.SearchStrategy[dict[str, str | int] | list[object]] = st.fixed_dictionaries(
    {},
    optional={
        "countryName": st.sampled_from(["México", "MX", " United Kingdom", "Atlantis", ""])
        | st.integers(0, 2)
    },
) | st.just([])
_ITEM = st.fixed_dictionaries({}, optional={"deliveryAddress": _ADDRESS}) | st.just(None)
_ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "period": _PERIOD,
        "contractPeriod": _PERIOD,
        "items": st.lists(_ITEM, max_size=3) | st.just({}),
        "title": _WORDS,
        "title_fr": _WORDS,
        "title_en": _WORDS,
    },
)
_RELEASE = st.fixed_dictionaries(
    {},
    optional={
        "date": _DATES,
        "tender": _ENTRY | st.just(["not an object"]),
        "awards": st.lists(_ENTRY | st.just(1), max_size=3) | _ENTRY,
        "contracts": st.lists(_ENTRY | st.none(), max_size=3),
    },
)


@settings(max_examples=500, deadline=None)
@given(_RELEASE)
def test_the_rewritten_steps_decide_as_before(release: dict[str, Any]) -> None:
    assert term(release) == reference_term(release)
    warnings: list[str] = []
    expected: list[str] = []
    assert delivery_sites(release, warnings) == reference_sites(release, expected)
    assert warnings == expected
    assert _title(release, "ocds-x-1") == reference_title(release, "ocds-x-1")
    notes = [c for c in prepare(release).corrections if c.endswith("is a placeholder, not a date")]
    assert notes == reference_placeholders(release)


_PREFIXES = [p for pub in tables().publishers.values() for p in pub.ocid_prefixes]


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from([*_PREFIXES, "ocds-", "", "OCDS-87SD3T", "pc"]),
    st.text(max_size=8),
    st.booleans(),
)
def test_the_publisher_of_an_ocid_is_the_one_its_prefix_named_before(
    prefix: str, rest: str, upper: bool
) -> None:
    ocid = (prefix.upper() if upper else prefix) + rest
    assert publisher_of(ocid) == reference_publisher_of(ocid)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=NO_SHARED_DATA)
def test_the_rewritten_steps_decide_as_before_on_every_sample() -> None:
    sample = SHARED_DATA / "ocds" / "sample-data"
    processes = [p for d in sorted(sample.iterdir()) for p in read_ocds(d, validate=False)]
    terms = 0
    for process in processes:
        release = process.release
        assert publisher_of(process.ocid) == reference_publisher_of(process.ocid)
        found = term(release)
        assert found == reference_term(release)
        terms += isinstance(found.start, date)
        warnings: list[str] = []
        expected: list[str] = []
        assert delivery_sites(release, warnings) == reference_sites(release, expected)
        assert warnings == expected
        assert _title(release, process.ocid) == reference_title(release, process.ocid)
        notes = [
            c for c in prepare(release).corrections if c.endswith("is a placeholder, not a date")
        ]
        assert notes == reference_placeholders(release)
    assert terms > 100
