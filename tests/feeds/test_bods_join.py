"""A BODS entity joins an OCDS party by org-id identifier; a name is only a candidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.feeds.bods import EntityIndex, join_key, org_id_scheme, read_bods

FIXTURES = Path(__file__).parent / "fixtures_bods"


@pytest.mark.parametrize(
    ("scheme", "name", "code"),
    [
        ("GB-COH", None, "GB-COH"),
        ("gb-coh", None, "GB-COH"),
        (None, "DK Centrale Virksomhedsregister", "DK-CVR"),
        ("lei", None, "XI-LEI"),
        ("uscc", None, "CN-USCI"),
        (None, "OpenCorporates", None),
        (None, "RA000585", None),
        ("", "", None),
    ],
)
def test_schemes_become_org_id_codes_when_recognisable(
    scheme: str | None, name: str | None, code: str | None
) -> None:
    assert org_id_scheme(scheme, name) == code


def test_ids_are_normalised_for_their_register() -> None:
    assert join_key("GB-COH", " 123 ") == ("GB-COH", "00000123")
    assert join_key("XI-LEI", "5493001kjtiigc8y1r12") == ("XI-LEI", "5493001KJTIIGC8Y1R12")
    assert join_key("OpenCorporates", "x") is None
    assert join_key("GB-COH", "  ") is None


def test_an_ocds_party_joins_by_identifier_and_a_name_is_only_a_candidate() -> None:
    register = read_bods(FIXTURES / "v02-package.json")
    index = EntityIndex(register.entities.values())
    match = index.match([("GB-COH", "0123"), ("ORG-NONE", "9")], name="ACME Cameras Ltd.")
    assert [e.name for e in match.joined] == ["Acme Cameras Ltd"]
    assert match.candidates == ()  # joined: not also a candidate
    assert match.keys == (("GB-COH", "00000123"), ("ORG-NONE", "9"))
    by_lei = index.match([("lei", "5493001KJTIIGC8Y1R12")])
    assert [e.name for e in by_lei.joined] == ["Holdco SA"]


def test_a_name_match_without_a_shared_identifier_is_a_flagged_candidate() -> None:
    index = EntityIndex(read_bods(FIXTURES / "v02-package.json").entities.values())
    match = index.match([("GB-COH", "999")], name="acme  cameras ltd", country="gb")
    assert match.joined == ()
    (candidate,) = match.candidates
    assert candidate.entity.name == "Acme Cameras Ltd" and candidate.same_jurisdiction is True
    assert index.match([], name="Holdco SA", country="DE").candidates[0].same_jurisdiction is False
    assert index.match([], name=None).candidates == ()
