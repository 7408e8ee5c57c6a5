"""Bad input exits 2 with one located message per problem: never a traceback, never a hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from riskkit.cli import main
from tests.conftest import EXAMPLES

GOOD = (EXAMPLES / "clean-eu-municipal-cctv.toml").read_text("utf-8")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("riskkit: error: ")
    for fragment in fragments:
        assert fragment in err, err


def test_malformed_toml_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD.replace('title = "Town hall', "title = Town hall"))
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, str(path), "invalid TOML", "line")


def test_malformed_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, '{"id": "x",\n "title": }', "p.json")
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, str(path), "line 2, column", "invalid JSON")


def test_unknown_field_is_an_error_not_a_silent_drop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD.replace("retention_days = 28", "retention_dayz = 28"))
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "data_flows[0].retention_dayz", "unknown field")


def test_dangling_reference_suggests_the_nearest_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD.replace('manufacturer = "maker"', 'manufacturer = "makr"'))
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(
        code, err, "components[0].manufacturer", 'no party with id "makr"', 'did you mean "maker"'
    )


def test_unknown_jurisdiction_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        GOOD.replace(
            'incorporated_in = "NL"\nheadquarters', 'incorporated_in = "XX"\nheadquarters'
        ),
    )
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "parties[0].incorporated_in", "'XX' is not an ISO 3166-1")


def test_unknown_subdivision_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path,
        GOOD.replace(
            'jurisdiction = "NL-UT:Utrecht"\nfunding', 'jurisdiction = "NL-XX:Utrecht"\nfunding'
        ),
    )
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "buyer.jurisdiction", "not an ISO 3166-2 subdivision of NL")


def test_bad_date_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path,
        GOOD.replace("term = { start = 2026-04-01", 'term = { start = "2026-13-01"'),
    )
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "term.start")


def test_term_that_ends_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD.replace("end = 2031-03-31", "end = 2020-03-31"))
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "term", "before start")


def test_ownership_cycle_is_reported_once_with_its_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.replace(
        'incorporated_in = "NL"\nheadquarters = "NL-NB:Eindhoven"',
        'incorporated_in = "NL"\nheadquarters = "NL-NB:Eindhoven"\n'
        'owners = [{ party = "installer", share = 0.6 }]',
    ).replace(
        'roles = ["integrator", "maintainer"]',
        'roles = ["integrator", "maintainer"]\nowners = [{ party = "maker", share = 0.6 }]',
    )
    path = write(tmp_path, text)
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "ownership cycle", '"maker"', '"installer"')
    assert err.count("ownership cycle") == 1


def test_every_problem_is_reported_not_just_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Field errors are all reported together; references are checked once the fields are valid.
    text = GOOD.replace('kind = "ip_camera"', 'kind = "ip_camra"').replace(
        "retention_days = 28", "retention_dayz = 28"
    )
    code, _, err = run_cli(capsys, "assess", str(write(tmp_path, text)))
    assert code == 2
    assert len(err.strip().splitlines()) == 2
    assert 'did you mean "ip_camera"' in err
    refs = GOOD.replace('manufacturer = "maker"', 'manufacturer = "makr"').replace(
        'site = "townhall"', 'site = "town"'
    )
    code, _, err = run_cli(capsys, "assess", str(write(tmp_path, refs)))
    assert code == 2
    assert len(err.strip().splitlines()) == 2


def test_problems_in_several_files_are_reported_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write(tmp_path, GOOD.replace("retention_days = 28", "retention_dayz = 28"), "a.toml")
    two = write(tmp_path, GOOD.replace('site = "townhall"', 'site = "town"'), "b.toml")
    code, _, err = run_cli(capsys, "assess", str(one), str(two))
    assert code == 2
    assert str(one) in err and str(two) in err


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(GOOD + ("# " + "x" * 1000 + "\n") * 17_000, encoding="utf-8")
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "the input_bytes limit is", "--input-limit input_bytes=")


def test_a_ten_megabyte_line_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.toml"
    path.write_text(GOOD + "\n# " + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "assess", str(path))
    assert_clean_error(code, err, "line is 10,485,762 bytes", "the line_bytes limit is")


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "assess", str(tmp_path / "nope.toml"))
    assert_clean_error(code, err, "no such file")


def test_unknown_file_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "assess", str(write(tmp_path, GOOD, "p.yaml")))
    assert_clean_error(code, err, "unknown file type '.yaml'")


def test_bad_as_of_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "assess", str(EXAMPLES / "clean-eu-municipal-cctv.toml"),
                           "--as-of", "2026-02-30")  # fmt: skip
    assert code == 2
    assert "is not a date; use YYYY-MM-DD" in err


PACK_HEAD = """
[pack]
id = "my-policies"
version = "1"
title = "My policies"
"""

CONDITION_RULE = """
[[rules]]
id = "ORG-NO-FOREIGN-CLOUD"
kind = "{kind}"
title = "No data outside the EU"
scope = ["EU"]
effective = {{ from = 2024-01-01 }}
outcome = "restricted"
severity = "medium"
confidence = "high"
rationale = "Our policy."
citations = [{{ title = "Policy 7", url = "https://example.org/policy-7" }}]
params = {{ when = {{ path = "{path}", op = "not_within", value = "EU" }} }}
"""


def test_rule_pack_with_a_typo_in_a_model_path_names_file_rule_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write(tmp_path, PACK_HEAD + CONDITION_RULE.format(
        kind="condition", path="data_flows[*].to.locaton"), "pack.toml")  # fmt: skip
    code, _, err = run_cli(capsys, "rules", "validate", str(pack))
    assert_clean_error(code, err, str(pack), "ORG-NO-FOREIGN-CLOUD", "locaton",
                       'did you mean "location"')  # fmt: skip


def test_rule_pack_with_a_typo_in_the_kind_suggests_the_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write(tmp_path, PACK_HEAD + CONDITION_RULE.format(
        kind="conditon", path="data_flows[*].to.location"), "pack.toml")  # fmt: skip
    code, _, err = run_cli(capsys, "rules", "validate", str(pack))
    assert_clean_error(code, err, "unknown rule kind 'conditon'", 'did you mean "condition"')


def test_rule_pack_duplicate_id_and_bad_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = CONDITION_RULE.format(kind="condition", path="data_flows[*].to.location")
    bad_dates = rule.replace("ORG-NO-FOREIGN-CLOUD", "ORG-2").replace(
        "{ from = 2024-01-01 }", "{ from = 2024-01-01, until = 2023-01-01 }"
    )
    pack = write(tmp_path, PACK_HEAD + rule + rule + bad_dates, "pack.toml")
    code, _, err = run_cli(capsys, "rules", "validate", str(pack))
    assert code == 2
    assert "until 2023-01-01 is before from 2024-01-01" in err


def test_valid_custom_pack_validates_and_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write(tmp_path, PACK_HEAD + CONDITION_RULE.format(
        kind="condition", path="data_flows[*].to.location"), "pack.toml")  # fmt: skip
    code, out, _ = run_cli(capsys, "rules", "validate", str(pack))
    assert code == 0 and "1 rules" in out
    smart_city = str(EXAMPLES / "eu-smart-city-us-cloud.toml")
    code, out, _ = run_cli(capsys, "assess", smart_city, "--rules", str(pack),
                           "--format", "json", "--as-of", "2026-11-26")  # fmt: skip
    assert code == 1
    assert "ORG-NO-FOREIGN-CLOUD" not in out  # the data stays in France
    proc = EXAMPLES / "eu-smart-city-us-cloud.toml"
    moved = write(
        tmp_path, proc.read_text("utf-8").replace('location = "FR"', 'location = "US-VA"')
    )
    code, out, _ = run_cli(capsys, "assess", str(moved), "--rules", str(pack),
                           "--format", "json", "--as-of", "2026-11-26")  # fmt: skip
    assert '"rule_id": "ORG-NO-FOREIGN-CLOUD"' in out


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "this is = = not toml")
    result = subprocess.run(
        [sys.executable, "-m", "riskkit", "assess", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
