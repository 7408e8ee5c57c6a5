"""ISO 3166 codes with localities, their containment, and dated groups."""

from __future__ import annotations

from datetime import date

import pytest

from riskkit.model.jurisdictions import contains, country_keys, groups, parse


def test_codes_are_normalised_and_localities_kept() -> None:
    assert str(parse("us-or:Portland")) == "US-OR:Portland"
    assert str(parse("de")) == "DE"
    assert parse("GB:London").locality == "London"


@pytest.mark.parametrize(
    ("scope", "code", "inside"),
    [
        ("US", "US-OR:Portland", True),
        ("US-OR", "US-OR:Portland", True),
        ("US-OR:Portland", "US-OR:Portland", True),
        ("US-OR:portland", "US-OR:Portland", True),
        ("US-OR:Portland", "US-ME:Portland", False),
        ("US-OR:Portland", "US-OR", False),
        ("US-OR", "US", False),
        ("CN", "US-OR:Portland", False),
        ("FR-IDF", "FR-75C", True),
        ("GB-ENG", "GB-LND", True),
    ],
)
def test_a_scope_contains_the_places_inside_it(scope: str, code: str, inside: bool) -> None:
    assert contains(scope, code) is inside


def test_eu_membership_has_dates() -> None:
    assert contains("EU", "GB", date(2019, 12, 31))
    assert not contains("EU", "GB", date(2020, 2, 1))
    assert contains("EU", "DE-BE:Berlin", date(2025, 1, 1))
    assert not contains("EU", "HR", date(2013, 6, 30))
    assert contains("EEA", "NO", date(2025, 1, 1))
    assert contains("EEA", "FR", date(2025, 1, 1))


def test_groups_are_indexed_under_every_member_ever() -> None:
    keys = country_keys("EU")
    assert {"DE", "FR", "GB", "HR"} <= keys
    assert "US" not in keys


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("XX", "not an ISO 3166-1 alpha-2 country code"),
        ("US-XX", "not an ISO 3166-2 subdivision of US"),
        ("US-OR:", "empty locality"),
        ("", "non-empty ISO 3166 code"),
        ("EU:Brussels", "cannot carry a locality"),
    ],
)
def test_bad_codes_say_what_is_wrong(code: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(code)


def test_a_near_miss_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match='did you mean "US-OR"'):
        parse("US-ORE")


def test_a_group_without_a_day_has_todays_members() -> None:
    eu = groups()["EU"]
    assert "GB" not in eu.countries()
    assert {"DE", "HR"} <= eu.countries()
    assert "GB" in eu.countries(date(2019, 12, 31))
    assert "HR" not in eu.countries(date(2013, 6, 30))
