"""Comparison: candidates by rule, their verdicts and scores, and what separates them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from riskkit.api import assess, compare
from riskkit.cli import main
from riskkit.decisions.compare import Comparison, compare_reports
from riskkit.model import Party, Procurement
from riskkit.model.loading import load_procurement
from tests.conftest import EXAMPLES, TESTS

AS_OF = date(2026, 6, 1)
GRANT = EXAMPLES / "us-police-cctv-federal-grant.toml"
CLEAN = EXAMPLES / "clean-eu-municipal-cctv.toml"
CLOUD = EXAMPLES / "eu-smart-city-us-cloud.toml"


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare([GRANT, CLEAN, CLOUD], as_of=AS_OF)


def test_candidates_keep_their_order_and_the_ranking_puts_the_best_first(
    comparison: Comparison,
) -> None:
    ids = [c.procurement_id for c in comparison.candidates]
    assert ids == ["springfield-pd-2026-cctv", "utrecht-townhall-cctv", "lyon-smart-city-platform"]
    assert comparison.ranking == (
        "utrecht-townhall-cctv",
        "lyon-smart-city-platform",
        "springfield-pd-2026-cctv",
    )
    verdicts = {c.label: c.verdict for c in comparison.candidates}
    assert verdicts["springfield-pd-2026-cctv"] == "prohibited"
    assert verdicts["utrecht-townhall-cctv"] == "acceptable"


def test_the_matrix_has_a_cell_per_candidate_for_every_rule_that_fired(
    comparison: Comparison,
) -> None:
    fired = {f.rule_id for c in comparison.candidates for f in c.report.findings}
    assert fired <= {row.rule_id for row in comparison.matrix}
    labels = tuple(c.label for c in comparison.candidates)
    for row in comparison.matrix:
        assert tuple(cell.candidate for cell in row.cells) == labels
    row = next(r for r in comparison.matrix if r.rule_id == "LE-US-NDAA889-B-VIDEO")
    grant, clean, cloud = row.cells
    assert (grant.state, grant.outcome, grant.severity, grant.binding) == (
        "active", "prohibited", "critical", True,
    )  # fmt: skip
    assert grant.subjects == ("components[nvr]", "components[street-cams]")
    assert clean.state == cloud.state == "clear"
    assert clean.outcome is None


def test_separators_are_the_rules_some_candidates_trip_and_others_do_not(
    comparison: Comparison,
) -> None:
    assert {s.rule_id for s in comparison.separators} == {
        r.rule_id for r in comparison.matrix if r.separates
    }
    ndaa = next(s for s in comparison.separators if s.rule_id == "LE-US-NDAA889-B-VIDEO")
    assert ndaa.present_in == ("springfield-pd-2026-cctv",)
    assert ndaa.absent_from == ("utrecht-townhall-cctv", "lyon-smart-city-platform")
    assert ndaa.decides_verdict and ndaa.binding
    assert comparison.separators[0].outcome == "prohibited"


def test_a_rule_every_candidate_trips_alike_does_not_separate() -> None:
    report = assess(GRANT, as_of=AS_OF)
    same = compare_reports([report, report])
    assert [c.label for c in same.candidates] == [report.procurement_id,
                                                  f"{report.procurement_id}#2"]  # fmt: skip
    assert not same.separators
    assert not any(row.separates for row in same.matrix)


def test_reports_from_different_days_are_refused() -> None:
    with pytest.raises(ValueError, match="different days"):
        compare_reports([assess(GRANT, as_of=AS_OF), assess(CLEAN, as_of=date(2026, 6, 2))])


def test_cli_compare_json_is_the_comparison_and_deterministic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["compare", str(GRANT), str(CLEAN), str(CLOUD), "--as-of", "2026-06-01",
            "--format", "json"]  # fmt: skip
    assert main(argv) == 0
    first = capsys.readouterr().out
    main(argv)
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert Comparison.model_validate(data).ranking[0] == "utrecht-townhall-cctv"


def test_cli_compare_markdown_shows_verdicts_matrix_and_separators(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["compare", str(GRANT), str(CLEAN), str(CLOUD), "--as-of", "2026-06-01"])
    out = capsys.readouterr().out
    assert "## What separates them" in out
    assert "| LE-US-NDAA889-B-VIDEO ◆ | prohibited (critical), binding | — | — |" in out
    for label in ("springfield-pd-2026-cctv", "utrecht-townhall-cctv", "lyon-smart-city-platform"):
        assert f"`{label}`" in out


@pytest.mark.parametrize("fmt", ["csv", "html", "sarif", "json", "markdown"])
def test_cli_compare_renders_in_every_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", str(GRANT), str(CLEAN), "--as-of", "2026-06-01", "--format", fmt])
    assert code == 0
    assert "LE-US-NDAA889-B-VIDEO" in capsys.readouterr().out


def test_compare_needs_two_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(GRANT)]) == 2
    assert "two or more" in capsys.readouterr().err


def test_fail_on_exits_1_only_when_no_candidate_passes(capsys: pytest.CaptureFixture[str]) -> None:
    both = ["compare", str(GRANT), str(CLEAN), "--as-of", "2026-06-01", "--fail-on", "prohibited"]
    assert main(both) == 0
    worst = ["compare", str(GRANT), str(GRANT), "--as-of", "2026-06-01", "--fail-on", "prohibited"]
    assert main(worst) == 1
    capsys.readouterr()


def test_fail_on_defaults_to_elevated_risk_as_for_assess(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The grant deal is prohibited and the cloud deal an elevated risk: neither passes.
    assert main(["compare", str(GRANT), str(CLOUD), "--as-of", "2026-11-26"]) == 1
    assert main(["compare", str(GRANT), str(CLEAN), "--as-of", "2026-11-26"]) == 0
    never = ["compare", str(GRANT), str(CLOUD), "--as-of", "2026-11-26", "--fail-on", "never"]
    assert main(never) == 0
    capsys.readouterr()


LISTS = TESTS / "rule_cases" / "lists"


def _us_candidate(supplier: str) -> Procurement:
    """The clean example bought by a US city through a reseller named ``supplier``."""
    proc = load_procurement(CLEAN)
    buyer = proc.buyer.model_copy(update={"jurisdiction": "US-IL:Springfield"})
    reseller = Party(id="supplier", name=supplier, roles=("reseller",), incorporated_in="AE")
    comp = proc.components[0].model_copy(update={"supplied_by": "supplier"})
    return proc.model_copy(
        update={
            "id": supplier.split()[0].lower(),
            "buyer": buyer,
            "parties": (*proc.parties, reseller),
            "components": (comp,),
        }
    )


def _write(proc: Procurement, path: Path) -> str:
    data = proc.model_dump(mode="json", by_alias=True, exclude_none=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_list_files_separate_a_candidate_whose_supplier_is_on_the_sdn_list() -> None:
    blocked = _us_candidate("Example Blocked Holdings Ltd.")
    other = _us_candidate("Harbour Front Distribution FZE")
    without = compare([blocked, other], as_of=AS_OF)
    assert not any(r.rule_id == "LE-US-OFAC-SDN" for r in without.matrix)
    with_lists = compare([blocked, other], as_of=AS_OF, lists=[LISTS / "sdn.csv"])
    assert with_lists.ranking == ("harbour", "example")
    (separator,) = [s for s in with_lists.separators if s.rule_id == "LE-US-OFAC-SDN"]
    assert (separator.outcome, separator.binding) == ("prohibited", True)
    assert separator.present_in == ("example",) and separator.absent_from == ("harbour",)
    for c in with_lists.candidates:
        assert [ref.name for ref in c.report.provenance.lists] == ["sdn.csv"]


def test_cli_compare_takes_list_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = _write(_us_candidate("Example Blocked Holdings Ltd."), tmp_path / "blocked.json")
    other = _write(_us_candidate("Harbour Front Distribution FZE"), tmp_path / "other.json")
    args = ["compare", blocked, other, "--as-of", "2026-06-01", "--format", "json"]
    assert main(args) == 0
    assert "LE-US-OFAC-SDN" not in capsys.readouterr().out
    assert main([*args, "--list", str(LISTS / "sdn.csv"), "--fail-on", "prohibited"]) == 0
    shown = Comparison.model_validate_json(capsys.readouterr().out)
    verdicts = {c.label: c.verdict for c in shown.candidates}
    assert verdicts["example"] == "prohibited" and verdicts["harbour"] != "prohibited"
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01 not a list \xff")
    assert main(["compare", blocked, other, "--list", str(junk)]) == 2
    assert "junk.csv" in capsys.readouterr().err
