"""A law that binds by control reaches the data through the owner that controls a party: a
holding that does not say whether it gives control, by an owner such a law binds, or by an owner
the register does not name, is a missing fact, never a pass (until 2026-12-07 an EU subsidiary
of a US cloud provider, held with its share not given, assessed acceptable)."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from tests.conftest import EXAMPLES

EXAMPLE = (EXAMPLES / "eu-smart-city-us-cloud.toml").read_text("utf-8")
HELD = 'owners = [{ party = "cloud-us", share = 1.0, source = "provider\'s annual report" }]'
DAY = date(2026, 11, 26)


def _report(rules: RuleSet, owners: str, extra: str = "") -> Any:
    """The Lyon example with the EU cloud subsidiary held by ``owners`` (TOML), and ``extra``
    parties added."""
    assert HELD in EXAMPLE
    text = EXAMPLE.replace(HELD, f"owners = [{owners}]")
    if extra:
        cut = text.index("[[components]]")
        text = text[:cut] + extra + "\n" + text[cut:]
    procurement = procurement_from_dict(tomllib.loads(text), source="open-control")
    return evaluate(procurement, rules, DAY)


@pytest.mark.parametrize(
    "owners",
    ['{ party = "cloud-us" }', '{ party = "cloud-us", share_min = 0.25, share_max = 0.75 }'],
    ids=["share not given", "a band across half"],
)
def test_control_not_known_by_an_owner_a_control_law_binds(rules: RuleSet, owners: str) -> None:
    report = _report(rules, owners)
    assert report.verdict == "needs_review"
    unknown = next(u for u in report.unknowns if u.subject == "parties[cloud-eu]")
    assert unknown.rule_id is None
    assert "whether that gives control is not given" in unknown.explanation
    assert "US CLOUD Act" in unknown.explanation
    assert [e.path for e in unknown.evidence] == ["parties[cloud-eu].owners[0]"]


def test_known_control_is_a_finding_and_no_control_a_pass(rules: RuleSet) -> None:
    controlled = _report(rules, '{ party = "cloud-us", share = 1.0 }')
    assert controlled.verdict == "elevated_risk"
    assert not [u for u in controlled.unknowns if u.subject == "parties[cloud-eu]"]
    for owners in [
        '{ party = "cloud-us", share = 0.3 }',
        '{ party = "cloud-us", control = false }',
    ]:
        assert _report(rules, owners).verdict == "acceptable", owners


def test_an_owner_not_named_may_be_bound_by_any_law(rules: RuleSet) -> None:
    anon = (
        '[[parties]]\nid = "anon"\nname = "an owner the register does not name"\n'
        'roles = ["owner"]\nundisclosed = true\nsource = "BODS statement p-9"\n'
    )
    report = _report(rules, '{ party = "anon", share = 0.6 }', anon)
    assert report.verdict == "needs_review"
    unknown = next(u for u in report.unknowns if u.subject == "parties[cloud-eu]")
    assert unknown.explanation.startswith("Who holds 60.00 % of ")
    assert "(BODS statement p-9)" in unknown.explanation
    # a holding too small to control changes nothing
    assert _report(rules, '{ party = "anon", share = 0.1 }', anon).verdict == "acceptable"


def test_an_owner_no_control_law_binds_changes_nothing(rules: RuleSet) -> None:
    french = (
        '[[parties]]\nid = "fr-holding"\nname = "Example Holding SAS"\n'
        'roles = ["owner"]\nincorporated_in = "FR"\n'
    )
    report = _report(rules, '{ party = "fr-holding" }', french)
    assert report.verdict == "acceptable"


def test_an_open_holding_higher_up_the_chain(rules: RuleSet) -> None:
    middle = (
        '[[parties]]\nid = "mid"\nname = "Example Cloud Holding SARL"\nroles = ["owner"]\n'
        'incorporated_in = "LU"\nowners = [{ party = "cloud-us" }]\n'
    )
    report = _report(rules, '{ party = "mid", share = 1.0 }', middle)
    assert report.verdict == "needs_review"
    unknown = next(u for u in report.unknowns if u.subject == "parties[mid]")
    assert [e.path for e in unknown.evidence] == ["parties[mid].owners[0]"]


def test_an_owner_not_named_is_asked_about_when_nothing_else_puts_a_control_law_in_scope(
    rules: RuleSet,
) -> None:
    """A German city's cameras from a German maker that an owner the register does not name
    may control: no party is tied to a state whose law binds by control, so no such law is in
    scope, yet the owner may be of any country (until 2026-12-07 this assessed without the
    question: the laws were taken from those in scope alone)."""
    doc: dict[str, Any] = {
        "id": "unnamed", "title": "Cameras",
        "term": {"start": date(2024, 1, 1), "end": date(2025, 12, 31)},
        "buyer": {"name": "Stadt", "kind": "local_government", "jurisdiction": "DE-BE:Berlin"},
        "sites": [{"id": "s0", "jurisdiction": "DE-BE:Berlin"}],
        "parties": [
            {"id": "maker", "name": "Beispiel Kamera GmbH", "incorporated_in": "DE",
             "owners": [{"party": "anon", "share": 0.6}]},
            {"id": "anon", "name": "an owner the register does not name", "roles": ["owner"],
             "undisclosed": True, "source": "Transparenzregister"},
        ],
        "components": [
            {"id": "cam", "kind": "ip_camera", "manufacturer": "maker", "site": "s0",
             "capabilities": ["video"], "remote_access": ["maker"],
             "firmware_updates_by": "maker", "acquisition": "new"},
        ],
    }  # fmt: skip
    report = evaluate(procurement_from_dict(doc), rules, date(2024, 6, 1))
    asked = [u for u in report.unknowns if u.subject == "parties[maker]"]
    assert any("is not known (Transparenzregister)" in u.explanation for u in asked)
    assert report.verdict == "needs_review"
    doc["parties"][0]["owners"] = [{"party": "anon", "share": 0.2}]  # cannot control
    report = evaluate(procurement_from_dict(doc), rules, date(2024, 6, 1))
    assert not any("Transparenzregister" in u.explanation for u in report.unknowns)
