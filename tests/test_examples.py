"""Every example is a functional test: its expected verdict and the rules that decide it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riskkit import assess, load_procurement
from riskkit.cli import main
from riskkit.packs import RuleSet
from riskkit.report import VERDICT_ORDER
from tests.conftest import EXAMPLES

AS_OF = date(2026, 11, 26)

# example file -> (verdict, rule ids that must have an active finding)
EXPECTED: dict[str, tuple[str, set[str]]] = {
    "us-police-cctv-federal-grant.toml": ("prohibited", {"LE-US-NDAA889-B-VIDEO"}),
    "eu-station-realtime-face-recognition.toml": ("prohibited", {"BB-EU-AIA-5-1-H"}),
    "portland-retailer-entrance-cameras.toml": (
        "prohibited",
        {"BB-US-OR-PORTLAND-PRIVATE", "CA-CN-NIL"},
    ),
    "eu-smart-city-us-cloud.toml": ("elevated_risk", {"CA-US-CLOUD"}),
    "clean-eu-municipal-cctv.toml": ("acceptable", set()),
    "california-sheriff-bodycam-face-search.toml": ("prohibited", {"BB-US-CA-AB1215"}),
    "bolivia-city-cctv.toml": ("no_rules_in_scope", set()),
}
DAY: dict[str, date] = {"california-sheriff-bodycam-face-search.toml": date(2022, 6, 1)}
"""Examples about a law no longer in force are assessed on a day it was."""


def test_every_example_has_an_expectation() -> None:
    assert {p.name for p in EXAMPLES.glob("*.toml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_its_expected_verdict(name: str, rules: RuleSet) -> None:
    verdict, rule_ids = EXPECTED[name]
    report = assess(EXAMPLES / name, as_of=DAY.get(name, AS_OF), packs=rules)
    assert report.verdict == verdict, report.verdict_reasons
    fired = {f.rule_id for f in report.findings if f.status == "active"}
    assert rule_ids <= fired
    assert not report.unknowns, report.unknowns


def test_the_clean_example_has_no_findings_at_all(rules: RuleSet) -> None:
    report = assess(EXAMPLES / "clean-eu-municipal-cctv.toml", as_of=AS_OF, packs=rules)
    assert report.findings == ()
    assert report.scores.inherent == 0.0


def test_portland_retailer_is_not_told_it_breaks_a_federal_purchasing_law(rules: RuleSet) -> None:
    report = assess(EXAMPLES / "portland-retailer-entrance-cameras.toml", as_of=AS_OF, packs=rules)
    section_889 = {c.id for c in rules.rules if c.id.startswith("LE-US-NDAA889-")}
    assert section_889 >= {"LE-US-NDAA889-A1A-VIDEO", "LE-US-NDAA889-B-VIDEO"}  # not renamed away
    told = [(f.rule_id, f.outcome, f.binding) for f in report.findings if f.rule_id in section_889]
    assert [t for t in told if t[2] or t[1] == "prohibited"] == []


def test_reseller_branded_cameras_are_traced_to_the_listed_maker(rules: RuleSet) -> None:
    report = assess(EXAMPLES / "us-police-cctv-federal-grant.toml", as_of=AS_OF, packs=rules)
    finding = next(
        f for f in report.findings
        if f.rule_id == "LE-US-NDAA889-B-VIDEO" and f.subject == "components[street-cams]"
    )  # fmt: skip
    paths = [e.path for e in finding.evidence]
    assert any(p.startswith("components[street-cams].") for p in paths)
    assert any(p.startswith("entities[hikvision].brands") for p in paths)
    assert finding.binding and finding.outcome == "prohibited"


def test_markdown_report_puts_the_verdict_first_and_cites_sources(rules: RuleSet) -> None:
    from riskkit.formats.markdown import FORMAT

    report = assess(
        EXAMPLES / "eu-station-realtime-face-recognition.toml", as_of=AS_OF, packs=rules
    )
    text = FORMAT.render_report(report)
    assert text.splitlines()[2] == "**Verdict on 2026-11-26: PROHIBITED**"
    assert "https://eur-lex.europa.eu/eli/reg/2024/1689/oj" in text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_exit_code_follows_the_verdict(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    day = DAY.get(name, AS_OF).isoformat()
    code = main(["assess", str(EXAMPLES / name), "--as-of", day, "--format", "json"])
    capsys.readouterr()
    # --fail-on defaults to elevated_risk
    failed = VERDICT_ORDER[EXPECTED[name][0]] >= VERDICT_ORDER["elevated_risk"]
    assert code == (1 if failed else 0)
    strict = ["--fail-on", "no_rules_in_scope"]
    code = main(["assess", str(EXAMPLES / name), "--as-of", day, "--format", "json", *strict])
    capsys.readouterr()
    assert code == (0 if EXPECTED[name][0] == "acceptable" else 1)
    assert main(["assess", str(EXAMPLES / name), "--as-of", day, "--exit-zero"]) == 0
    capsys.readouterr()


def test_toml_and_json_inputs_give_the_same_report(tmp_path: Path, rules: RuleSet) -> None:
    source = EXAMPLES / "eu-smart-city-us-cloud.toml"
    procurement = load_procurement(source)
    as_json = tmp_path / "p.json"
    as_json.write_text(procurement.model_dump_json(by_alias=True), encoding="utf-8")
    a = assess(source, as_of=AS_OF, packs=rules).to_json()
    b = assess(as_json, as_of=AS_OF, packs=rules).to_json()
    assert a == b


def test_face_search_on_body_camera_footage_is_banned_in_the_component_that_runs_it(
    rules: RuleSet,
) -> None:
    name = "california-sheriff-bodycam-face-search.toml"
    report = assess(EXAMPLES / name, as_of=date(2022, 6, 1), packs=rules)
    (finding,) = [f for f in report.findings if f.rule_id == "BB-US-CA-AB1215"]
    assert finding.subject == "components[face-search]" and finding.binding
    assert finding.applies_until == date(2022, 12, 31)
    assert any(e.path.startswith("data_flows[footage-upload]") for e in finding.evidence)
    # AB 1215 lapsed on 2023-01-01 and nothing in the packs replaced it.
    later = assess(EXAMPLES / name, as_of=date(2023, 6, 1), packs=rules)
    assert not [f for f in later.findings if f.rule_id == "BB-US-CA-AB1215"]


def test_a_city_where_no_rule_applies_is_said_so_not_cleared(rules: RuleSet) -> None:
    report = assess(EXAMPLES / "bolivia-city-cctv.toml", as_of=AS_OF, packs=rules)
    assert report.verdict == "no_rules_in_scope" and report.coverage.uncovered == ("BO",)
    assert report.findings == () and report.unknowns == ()
