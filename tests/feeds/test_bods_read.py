"""BODS 0.2, 0.3 and 0.4 statements read into one shape, with updates applied: feeds.bods.read."""

from __future__ import annotations

import json
from pathlib import Path

from riskkit.feeds.bods import DEFECTS, Person, ReadStats, Register, Share, read_bods

FIXTURES = Path(__file__).parent / "fixtures_bods"


def read(name: str) -> tuple[Register, ReadStats]:
    stats = ReadStats()
    return read_bods(FIXTURES / name, stats=stats), stats


def test_a_0_2_package_gives_entities_persons_and_relationships() -> None:
    register, stats = read("v02-package.json")
    assert stats.versions == {"0.2": 8}
    acme = register.entities["entity-acme-0000000000000000000001"]
    assert (acme.name, acme.jurisdiction, acme.entity_type) == (
        "Acme Cameras Ltd",
        "GB",
        "registeredEntity",
    )
    jane = register.persons["person-jane-000000000000000000003"]
    assert jane == Person(
        jane.ref, jane.statement_id, "Jane Example", ("FR",), "knownPerson", jane.origin, "0.2"
    )
    assert not hasattr(jane, "birthDate") and "1970" not in repr(jane)  # only what ownership needs


def test_a_0_2_band_keeps_its_bounds_and_their_inclusivity() -> None:
    register, _ = read("v02-package.json")
    (band,) = [r for r in register.relationships if r.ref == "ooc-band-0000000000000000000000004"]
    assert band.share == Share(0.25, 0.5, min_inclusive=False, max_inclusive=True)
    assert band.share.exact is None
    assert band.party_kind == "person" and band.start == "2016-04-06"  # a datetime's date part
    voting = band.interests[1]
    assert voting.type == "votingRights"  # 0.2's hyphenated type, converted
    assert voting.share == Share(0.25, 0.5, min_inclusive=True, max_inclusive=False)  # 0.2 default


def test_replaced_statements_are_dropped_and_counted() -> None:
    register, stats = read("v02-package.json")
    refs = {r.ref for r in register.relationships}
    assert "ooc-old-00000000000000000000000005" not in refs
    new = next(r for r in register.relationships if r.ref == "ooc-new-00000000000000000000000006")
    assert new.share is not None and new.share.exact == 0.6
    assert [i.type for i in new.interests] == ["shareholding", "appointmentOfBoard", "settlor"]
    assert stats.defects["replaced"] == 1


def test_who_owns_but_not_how_much_is_unknown_never_zero() -> None:
    register, _ = read("v02-package.json")
    by_ref = {r.ref: r for r in register.relationships}
    dangling = by_ref["ooc-dangling-00000000000000000000008"]
    assert dangling.share is None and not dangling.says_share
    unspecified = by_ref["ooc-unspec-0000000000000000000000007"]
    assert unspecified.party_kind == "unspecified" and unspecified.interested_party is None
    assert unspecified.unspecified_reason == "unknown" and unspecified.interests == ()


def test_defects_are_counted_with_where_they_were_seen() -> None:
    _, stats = read("v02-package.json")
    assert stats.defects["bad_date"] == 1  # 31/12/2019
    assert stats.defects["unknown_reference"] == 1
    assert "entity-elsewhere" in stats.examples["unknown_reference"]
    assert "31/12/2019" in stats.examples["bad_date"]
    assert set(stats.defects) <= set(DEFECTS)


def test_a_0_3_file_of_json_lines_named_json_is_read_line_by_line() -> None:
    register, stats = read("v03-lines.json")
    assert stats.versions == {"0.3": 3}
    assert stats.defects["not_validated"] == 3  # no 0.3 schema bundled
    ministry = register.entities["e-03-000000000000000000000000000001"]
    assert ministry.entity_type == "stateBody" and ministry.jurisdiction == "DK"
    assert [(i.scheme, i.id) for i in ministry.identifiers] == [("DK-CVR", "12345678")]
    (link,) = register.relationships
    assert link.origin.location == "line 3"
    assert [i.type for i in link.interests] == [
        "shareholding",
        "controlByLegalFramework",
        "madeUpInterest",
    ]
    assert link.interests[0].direct is True and link.share == Share(1.0, 1.0)
    assert stats.defects["unknown_interest"] == 1


def test_0_4_records_keep_the_latest_statement_and_resolve_party_kinds() -> None:
    register, stats = read("v04-package.json")
    assert register.entities["rec-bottom"].name == "Bottom Oy"
    assert stats.defects["superseded"] == 1
    by_ref = {r.ref: r for r in register.relationships}
    assert by_ref["r-top-right"].share == Share(0.5, 0.75, min_inclusive=False)
    assert by_ref["r-left-bottom"].share == Share(0.25, 0.5, max_inclusive=False)
    assert by_ref["r-person-top"].party_kind == "person"
    assert by_ref["r-top-left"].party_kind == "entity"
    assert by_ref["r-right-bottom"].share is None  # voting rights only: no ownership share
    closed = by_ref["r-closed"]
    assert closed.closed and closed.party_kind == "unresolved"
    assert (closed.start, closed.end) == ("2021-01-01", "2023-12-31")
    assert by_ref["r-unspecified"].unspecified_reason == "subjectExemptFromDisclosure"
    assert by_ref["r-person-bottom"].components == ("r-person-top", "r-top-left", "r-left-bottom")


def test_0_4_statements_are_validated_and_problems_kept_not_rejected(tmp_path: Path) -> None:
    statements = json.loads((FIXTURES / "v04-package.json").read_text())
    del statements[0]["declarationSubject"]
    (tmp_path / "broken.json").write_text(json.dumps(statements))
    stats = ReadStats()
    register = read_bods(tmp_path / "broken.json", stats=stats)
    assert "rec-top" in register.entities
    (problem,) = register.problems["s4-01-0000000000000000000000000001"]
    assert "declarationSubject" in problem.message
    _, clean = read("v04-package.json")
    assert "schema_problems" not in clean.defects
    assert not read_bods(FIXTURES / "v04-package.json", validate=False).problems
