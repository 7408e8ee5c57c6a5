"""Assessments screen parties against the official list files given (``--list``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riskkit import Procurement, assess, load_procurement
from riskkit.cli import main
from riskkit.model import Party
from riskkit.packs import RuleSet
from riskkit.packs.lists import ListSet
from tests.conftest import EXAMPLES, NO_SHARED_DATA, SHARED_DATA, TESTS

AS_OF = date(2026, 11, 26)
CONS = SHARED_DATA / "ofac_non_sdn_cons" / "cons_prim.csv"
SDN = SHARED_DATA / "ofac_sdn_2024" / "sdn.csv"
needs_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=NO_SHARED_DATA)


def _with_supplier(name: str, country: str = "US-IL") -> Procurement:
    proc = load_procurement(EXAMPLES / "clean-eu-municipal-cctv.toml")
    buyer = proc.buyer.model_copy(update={"jurisdiction": "US-IL:Springfield"})
    supplier = Party(id="supplier", name=name, roles=("reseller",), incorporated_in=country)
    comp = proc.components[0].model_copy(update={"supplied_by": "supplier"})
    return proc.model_copy(
        update={"buyer": buyer, "parties": (*proc.parties, supplier), "components": (comp,)}
    )


@needs_shared
def test_an_ns_cmic_company_missing_from_curated_data_is_found_in_ofacs_file(
    rules: RuleSet,
) -> None:
    lists = ListSet.load([CONS])
    proc = _with_supplier("Inspur Group Co Ltd", "CN")
    without = assess(proc, as_of=AS_OF, packs=rules)
    with_lists = assess(proc, as_of=AS_OF, packs=rules, lists=lists)
    assert not any(f.rule_id == "LE-US-OFAC-NSCMIC" for f in without.findings)
    finding = next(f for f in with_lists.findings if f.rule_id == "LE-US-OFAC-NSCMIC")
    assert finding.subject == "parties[supplier]"
    assert any("INSPUR GROUP" in e.note and "NS-CMIC" in e.note for e in finding.evidence)
    assert [ref.name for ref in with_lists.provenance.lists] == ["cons_prim.csv"]
    assert with_lists.provenance.lists[0].digest.startswith("sha256:")


@needs_shared
def test_an_sdn_entity_as_supplier_prohibits_a_us_buyer(rules: RuleSet) -> None:
    lists = ListSet.load([SDN])
    report = assess(_with_supplier("Aerocaribbean Airlines", "CU"), as_of=AS_OF,
                    packs=rules, lists=lists)  # fmt: skip
    assert report.verdict == "prohibited"
    assert any(f.rule_id == "LE-US-OFAC-SDN" and f.binding for f in report.findings)


@needs_shared
def test_well_known_western_vendors_raise_nothing_against_the_sdn_list(rules: RuleSet) -> None:
    lists = ListSet.load([SDN])
    for name in ["Motorola Solutions, Inc.", "Axis Communications AB", "Genetec Inc."]:
        report = assess(_with_supplier(name), as_of=AS_OF, packs=rules, lists=lists)
        assert not any(f.rule_id == "LE-US-OFAC-SDN" for f in report.findings), name
        assert not any(u.rule_id == "LE-US-OFAC-SDN" for u in report.unknowns), name


def test_cli_assess_takes_list_files_and_reports_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = TESTS / "rule_cases" / "lists" / "sdn.csv"
    example = str(EXAMPLES / "clean-eu-municipal-cctv.toml")
    assert main(["assess", example, "--list", str(fixture), "--format", "json"]) == 0
    assert '"name": "sdn.csv"' in capsys.readouterr().out
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02 not a list \xff\xfe")
    assert main(["assess", example, "--list", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "junk.csv" in err and "Traceback" not in err
