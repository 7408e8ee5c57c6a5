"""What a procurement may leave unknown: the buyer's kind and seat, and the contract term.

Published feeds rarely say them. Each is an unknown the report names, never a default and never
a pass: an unknown seat keeps every verdict from ``acceptable``, an unknown term keeps the
verdict over the term from it, and an unknown kind turns a finding of a law that binds only
some kinds of buyer into an unknown.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from riskkit import assess
from riskkit.formats import FORMATS
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet
from riskkit.report import Report
from tests.conftest import EXAMPLES

AS_OF = date(2026, 6, 1)
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml"))


def _without(p: Procurement, fact: str) -> Procurement:
    if fact == "term":
        return p.model_copy(update={"term": None})
    return p.model_copy(update={"buyer": p.buyer.model_copy(update={fact: None})})


def _assess(p: Procurement, rules: RuleSet) -> Report:
    return assess(p, as_of=AS_OF, packs=rules)


def _questions(report: Report) -> set[tuple[str | None, str]]:
    return {(u.rule_id, u.subject) for u in report.unknowns}


def test_a_procurement_file_may_leave_out_the_term_and_the_buyers_kind_and_seat(
    tmp_path: Path,
) -> None:
    path = tmp_path / "open.toml"
    path.write_text(
        'id = "feed-1"\ntitle = "CCTV for the town hall"\n\n[buyer]\nname = "A town"\n',
        "utf-8",
    )
    p = load_procurement(path)
    assert p.term is None
    assert p.buyer.kind is None and p.buyer.jurisdiction is None


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fact", ["kind", "jurisdiction", "term"])
def test_leaving_a_fact_out_never_makes_a_verdict_acceptable(
    path: Path, fact: str, rules: RuleSet
) -> None:
    p = load_procurement(path)
    before, after = _assess(p, rules), _assess(_without(p, fact), rules)
    if before.verdict != "acceptable":
        assert after.verdict != "acceptable"
    if before.term_verdict != "acceptable":
        assert after.term_verdict != "acceptable"
    if fact == "jurisdiction":
        assert after.verdict != "acceptable" and after.term_verdict != "acceptable"
        assert (None, "buyer.jurisdiction") in _questions(after)
    if fact == "term":
        assert after.term_verdict != "acceptable"
        assert after.verdict == before.verdict  # the as-of day does not need the term


def test_an_unknown_term_checks_the_as_of_date_and_says_the_term_could_not_be(
    rules: RuleSet,
) -> None:
    p = _without(load_procurement(EXAMPLES / "clean-eu-municipal-cctv.toml"), "term")
    report = _assess(p, rules)
    assert report.verdict == "acceptable"
    assert report.term_verdict == "needs_review"
    (term,) = [u for u in report.unknowns if u.subject == "term"]
    assert term.rule_id is None and term.upcoming_from == AS_OF + timedelta(days=1)
    assert "only the as-of date was checked" in term.explanation
    assert report.provenance.term_start is None and report.provenance.term_end is None
    assert "/T:?..?/" in report.vector
    for name in ("markdown", "html"):
        text = FORMATS[name].render_report(report)
        assert "not given, so only the as-of date was checked" in text


def test_a_finding_starting_later_is_not_claimed_without_a_term(rules: RuleSet) -> None:
    p = load_procurement(EXAMPLES / "eu-station-realtime-face-recognition.toml")
    with_term, without = _assess(p, rules), _assess(_without(p, "term"), rules)
    assert any(f.status == "upcoming" for f in with_term.findings)
    assert all(f.status == "active" for f in without.findings)
    assert without.term_verdict == with_term.term_verdict  # prohibited already


def test_an_unknown_seat_is_an_open_question_and_no_place(rules: RuleSet) -> None:
    p = _without(load_procurement(EXAMPLES / "clean-eu-municipal-cctv.toml"), "jurisdiction")
    report = _assess(p, rules)
    assert report.verdict == "needs_review"
    (seat,) = [u for u in report.unknowns if u.subject == "buyer.jurisdiction"]
    assert seat.upcoming_from is None
    assert all(place.where != "buyer" for place in report.coverage.places)


def test_a_foreign_states_law_is_unknown_when_the_buyers_seat_is(rules: RuleSet) -> None:
    """US compelled-access laws count only for a buyer seated outside the US: with no seat,
    whether they count is unknown, not a finding and not a pass."""
    p = load_procurement(EXAMPLES / "california-sheriff-bodycam-face-search.toml")
    report = _assess(_without(p, "jurisdiction"), rules)
    assert not [f for f in report.findings if f.rule_id.startswith("CA-US-")]
    unknown = [u for u in report.unknowns if u.rule_id == "CA-US-CLOUD"]
    assert unknown and all("foreign state's law" in u.explanation for u in unknown)


def test_a_ban_binding_some_kinds_of_buyer_is_unknown_for_a_buyer_of_unknown_kind(
    rules: RuleSet,
) -> None:
    p = load_procurement(EXAMPLES / "portland-retailer-entrance-cameras.toml")
    before, after = _assess(p, rules), _assess(_without(p, "kind"), rules)
    private = "BB-US-OR-PORTLAND-PRIVATE"
    assert any(f.rule_id == private for f in before.findings)
    assert not any(f.rule_id == private and f.status == "active" for f in after.findings)
    (question,) = [u for u in after.unknowns if u.rule_id == private]
    assert "the buyer's kind is not given" in question.explanation


def test_a_listing_binding_some_kinds_of_buyer_says_whether_it_binds_is_unknown(
    rules: RuleSet,
) -> None:
    p = load_procurement(EXAMPLES / "us-police-cctv-federal-grant.toml")
    after = _assess(_without(p, "kind"), rules)
    rule = "LE-US-NDAA889-A1A-VIDEO"
    (question,) = [u for u in after.unknowns if u.rule_id == rule and u.subject == "buyer"]
    assert "cannot be decided" in question.explanation
    assert "the buyer's kind is not given" in question.explanation
    # the findings stay, as to a buyer the rule does not bind
    assert [f for f in after.findings if f.rule_id == rule and not f.binding]


def test_what_if_keeping_data_at_home_needs_a_known_home(rules: RuleSet) -> None:
    from riskkit.decisions.whatif.ops.store_in_jurisdiction import StoreInJurisdiction

    p = load_procurement(EXAMPLES / "eu-smart-city-us-cloud.toml")
    assert list(StoreInJurisdiction.candidates(p))
    assert not list(StoreInJurisdiction.candidates(_without(p, "jurisdiction")))


def test_a_listing_that_tells_only_buyers_it_binds_gives_unknowns_not_silence(
    rules: RuleSet,
) -> None:
    """NDAA § 889(a)(1)(A) speaks only to the federal agencies it binds (``unbound_outcome =
    "none"``): for a buyer of unknown kind each of its findings becomes an unknown."""
    p = load_procurement(EXAMPLES / "us-police-cctv-federal-grant.toml")
    rule = "LE-US-NDAA889-F3D"
    before = _assess(p, rules)
    assert not [f for f in before.findings if f.rule_id == rule]  # a city police: not bound
    after = _assess(_without(p, "kind"), rules)
    questions = [u for u in after.unknowns if u.rule_id == rule]
    assert {u.subject for u in questions} == {"components[nvr]", "components[street-cams]"}
    assert all("the buyer's kind is not given" in u.explanation for u in questions)
