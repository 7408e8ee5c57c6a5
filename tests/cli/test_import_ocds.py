"""``riskkit import ocds``: a real GACM video-surveillance process written as a procurement
file with its unknowns as comments, completed by a person and assessed."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.model.procurement import Buyer
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
    if Buyer.model_fields["kind"].is_required():
        # Until the model lets a buyer's kind be unknown, the file is refused, naming it.
        assert code == 2
        assert "buyer.kind" in err
    else:
        assert code in (0, 1)
        assert json.loads(out)["verdict"] != "acceptable"


def test_an_unknown_ocid_names_the_files_and_near_ocids(capsys: pytest.CaptureFixture[str]) -> None:
    if not GACM.is_dir():
        pytest.skip(NO_SHARED_DATA)
    code, out, err = run(capsys, "import", "ocds", str(GACM), "--ocid", "2566")
    assert (code, out) == (2, "")
    assert str(GACM) in err
    assert "no process with ocid '2566' among the 40 read" in err
    assert "'256'" in err
