"""SARIF 2.1.0: valid against the OASIS schema, results located in the procurement file.

``tests/sarif-2.1.0-schema.json`` is the official OASIS SARIF 2.1.0 JSON schema (errata 01),
unmodified: https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
as kept in the OASIS TC's repository, oasis-tcs/sarif-spec, ``Schemata/sarif-schema-2.1.0.json``
(112,768 bytes; copyright OASIS Open).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from riskkit.cli import main
from riskkit.formats import Source, sarif
from riskkit.formats._source import locate
from riskkit.report import FindingWaiver
from tests.conftest import EXAMPLES, TESTS
from tests.support.format_fixtures import (
    COMMITTEE,
    EXAMPLE_NAMES,
    GRANT,
    ban_takes_effect,
    comparison,
    report,
    source,
)

LEVELS = {
    "prohibited": "error",
    "prohibited_unless_exception": "error",
    "restricted": "warning",
    "elevated": "warning",
    "info": "note",
}
SCHEMA = TESTS / "sarif-2.1.0-schema.json"


@functools.cache
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def valid(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(log)]
    assert errors == []
    return log


def line_of(name: str, needle: str) -> int:
    lines = source(name).text.splitlines()  # type: ignore[union-attr]
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(needle))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_gives_schema_valid_sarif(name: str) -> None:
    log = valid(sarif.FORMAT.render_report(report(name), source=source(name)))
    run = log["runs"][0]
    assert len([r for r in run["results"] if r["kind"] == "fail"]) == len(report(name).findings)


def test_sarif_without_a_source_is_valid_and_keeps_logical_locations() -> None:
    log = valid(sarif.FORMAT.render_report(report(GRANT)))
    location = log["runs"][0]["results"][0]["locations"][0]
    assert "physicalLocation" not in location
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "components[nvr]"


def test_results_point_at_the_subjects_id_line_in_the_procurement_file() -> None:
    log = sarif.FORMAT.render_report(report(GRANT), source=source(GRANT))
    run = json.loads(log)["runs"][0]
    assert run["artifacts"][0]["location"]["uri"] == f"examples/{GRANT}"
    for result in run["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == f"examples/{GRANT}"
        subject = location["logicalLocations"][0]["name"]
        assert physical["region"]["startLine"] == line_of(GRANT, f'id = "{subject}"')
    related = run["results"][0]["relatedLocations"]
    brand = next(r for r in related if "components[nvr].brand" in r["message"]["text"])
    assert brand["physicalLocation"]["region"]["startLine"] > line_of(GRANT, 'id = "nvr"')
    curated = next(r for r in related if r["message"]["text"].startswith("entities["))
    assert "physicalLocation" not in curated  # curated entity data is not in this file


def test_subjects_are_located_in_json_procurement_files_too(tmp_path: Path) -> None:
    import tomllib

    data = tomllib.loads(source(GRANT).text or "")
    text = json.dumps(data, indent=2, default=str)
    region = locate(Source("p.json", text), "components[nvr].brand")
    assert region is not None
    lines = text.splitlines()
    assert lines[region.line - 1].strip().startswith('"brand"')
    before = "\n".join(lines[: region.line])
    assert before.rfind('"id": "nvr"') > before.rfind('"id": "street-cams"')


def test_rules_have_help_uri_from_the_first_citation_and_levels_follow_outcome() -> None:
    r = report(GRANT)
    run = json.loads(sarif.FORMAT.render_report(r))["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    for f in r.findings:
        assert rules[f.rule_id]["helpUri"] == f.citations[0].url
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        outcome = result["properties"]["outcome"]
        assert result["level"] == LEVELS[outcome]


def test_a_waived_finding_is_an_accepted_suppression_and_a_refused_one_rejected() -> None:
    r = report(GRANT)
    waiver = FindingWaiver(
        id="W-1", state="applied", approver="A. Officer", expires=date(2026, 12, 31),
        justification="accepted by the committee",
    )  # fmt: skip
    waived = r.findings[2].model_copy(update={"waiver": waiver})
    refused = r.findings[0].model_copy(
        update={"waiver": waiver.model_copy(update={"state": "refused"})}
    )
    log = valid(sarif.FORMAT.render_report(r.model_copy(update={"findings": (refused, waived)})))
    results = log["runs"][0]["results"]
    assert results[0]["suppressions"][0]["status"] == "rejected"
    assert results[1]["suppressions"][0]["status"] == "accepted"


def test_comparison_gives_one_run_per_candidate() -> None:
    c = comparison()
    sources = {x.label: source(n) for x, n in zip(c.candidates, COMMITTEE, strict=True)}
    log = valid(sarif.FORMAT.render_comparison(c, sources=sources))
    assert [run["properties"]["candidate"] for run in log["runs"]] == [
        x.label for x in c.candidates
    ]
    assert [run["artifacts"][0]["location"]["uri"] for run in log["runs"]] == [
        f"examples/{n}" for n in COMMITTEE
    ]


def test_diff_marks_the_new_finding_new_and_the_rest_unchanged() -> None:
    d = ban_takes_effect()
    log = valid(sarif.FORMAT.render_diff(d))
    states = {
        r["fingerprints"]["riskkit/v1"]: r["baselineState"] for r in log["runs"][0]["results"]
    }
    assert states[d.new[0].fingerprint] == "new"
    assert states[d.unchanged[0].fingerprint] == "unchanged"
    assert log["runs"][0]["properties"]["verdictChange"]["after"] == "prohibited"


def test_several_reports_give_several_valid_runs() -> None:
    reports = [report(n) for n in COMMITTEE]
    log = valid(sarif.FORMAT.render_reports(reports, [source(n) for n in COMMITTEE]))
    assert len(log["runs"]) == 3


def test_same_report_gives_the_same_bytes() -> None:
    assert sarif.FORMAT.render_report(
        report(GRANT), source=source(GRANT)
    ) == sarif.FORMAT.render_report(report(GRANT), source=source(GRANT))


def test_html_in_a_packs_strings_is_escaped_in_help_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = "<script>alert(1)</script>"
    pack = tmp_path / "pack.toml"
    pack.write_text(
        '[pack]\nid = "html"\nversion = "1"\ntitle = "t"\n\n[[rules]]\nid = "ORG-HTML"\n'
        'kind = "condition"\ntitle = "Policy"\nscope = ["EU"]\n'
        'effective = { from = 2024-01-01 }\noutcome = "restricted"\nseverity = "low"\n'
        f'confidence = "high"\nrationale = "r"\nremediation = ["Fix {script} it."]\n'
        f'citations = [{{ title = "Policy {script}", url = "https://example.org/p" }}]\n'
        'params = { when = { path = "buyer.kind", op = "eq", value = "local_government" } }\n',
        encoding="utf-8",
    )
    clean = EXAMPLES / "clean-eu-municipal-cctv.toml"
    main(["assess", str(clean), "--rules", str(pack), "--format", "sarif", "--as-of", "2026-06-01"])
    log = json.loads(capsys.readouterr().out)
    (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ORG-HTML"]
    assert "<script" not in rule["help"]["markdown"]
    assert "&lt;script&gt;" in rule["help"]["markdown"]
    assert script in rule["help"]["text"]  # plain text is shown as text
