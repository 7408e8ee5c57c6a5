"""``riskkit import ocds``: a real GACM video-surveillance process written as a procurement
file with its unknowns as comments, completed by a person and assessed."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from riskkit.cli import main
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

GACM = SHARED_DATA / "ocds" / "sample-data" / "mexico-gacm"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    if not GACM.is_dir():
        pytest.skip(NO_SHARED_DATA)
    output = tmp_path / "gacm-22.toml"
    code, _, err = run(
        capsys,
        "import",
        "ocds",
        str(GACM),
        "--ocid",
        "22",
        "--publisher",
        "mexico-gacm",
        "--output",
        str(output),
    )
    assert (code, err) == (0, "")
    return output


def test_the_imported_file_names_its_source_and_every_unknown(imported: Path) -> None:
    text = imported.read_text("utf-8")
    assert text.startswith("# Imported by riskkit ")
    assert "22-RELEASE_22_2017-10-04T00_53_17_034Z.json" in text
    assert "# UNKNOWN: kind:" in text.split("[buyer]")[1].split("[[")[0]
    assert "# UNKNOWN: manufacturer:" in text.split("[[components]]")[1]
    assert "Video Vigilancia de la Barda" in text.split("[[components]]")[1]
    document = tomllib.loads(text)
    assert document["buyer"]["jurisdiction"] == "MX"
    assert document["components"][0]["kind"] == "ip_camera"


def test_the_same_process_imports_to_identical_bytes(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "import", "ocds", str(GACM), "--ocid", "22", "--publisher", "mexico-gacm"
    )
    assert code == 0
    assert out == imported.read_text("utf-8")


def test_completed_by_a_person_the_import_is_assessed(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = imported.read_text("utf-8")
    completed = text.replace(
        'jurisdiction = "MX"\n',
        'jurisdiction = "MX"\nkind = "critical_infrastructure_operator"\n',
        1,
    )
    path = tmp_path / "completed.toml"
    path.write_text(completed, "utf-8")
    code, out, err = run(capsys, "assess", str(path), "--as-of", "2015-01-01", "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    # No pack covers Mexico: riskkit says it cannot tell, never that the buy is acceptable.
    assert report["verdict"] == "needs_review"
    assert report["procurement_id"] == "22"


def test_left_incomplete_the_import_is_never_acceptable(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "assess", str(imported), "--as-of", "2015-01-01", "--format", "json"
    )
    # The buyer's kind is unknown: never a pass, so the verdict is never acceptable.
    assert (code, err) == (0, "")
    assert json.loads(out)["verdict"] == "needs_review"


def test_an_unknown_ocid_names_the_files_and_near_ocids(capsys: pytest.CaptureFixture[str]) -> None:
    if not GACM.is_dir():
        pytest.skip(NO_SHARED_DATA)
    code, out, err = run(capsys, "import", "ocds", str(GACM), "--ocid", "2566")
    assert (code, out) == (2, "")
    assert str(GACM) in err
    assert "no process with ocid '2566' among the 40 read" in err
    assert "'256'" in err


def test_a_process_without_a_term_is_written_with_the_term_as_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    release = {
        "ocid": "ocds-07smqs-9",
        "id": "1",
        "date": "2020-01-01",
        "tag": ["compiled"],
        "buyer": {"name": "IMSS"},
        "tender": {"title": "CCTV", "contractPeriod": {"startDate": "1900-01-01"}},
    }
    feed.write_text(json.dumps(release) + "\n", "utf-8")
    code, out, _ = run(capsys, "import", "ocds", str(feed), "--ocid", "ocds-07smqs-9")
    assert code == 0
    assert "# UNKNOWN: term: the contract period gives only its start" not in out
    assert "# UNKNOWN: term: no contract period is given" in out
    assert "feed.jsonl: line 1" in out
    document = tomllib.loads(out)
    assert "term" not in document
    assert document["buyer"] == {"name": "IMSS", "jurisdiction": "MX"}
    completed = tmp_path / "completed.toml"
    completed.write_text(
        out.replace(
            'title = "CCTV"\n', 'title = "CCTV"\nterm = { start = 2020-01-01, end = 2020-12-31 }\n'
        ),
        "utf-8",
    )
    code, report, err = run(
        capsys, "assess", str(completed), "--format", "json", "--as-of", "2020-06-01"
    )
    assert (code, err) == (0, "")
    assert json.loads(report)["term_verdict"] == "needs_review"
