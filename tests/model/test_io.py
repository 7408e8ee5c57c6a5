"""Every file riskkit reads ends in a report or a clear error naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskkit.cli import main
from tests.conftest import EXAMPLES, ROOT, SCREENING_FIXTURES

FIXTURES = SCREENING_FIXTURES
HUGE = "9" * 5000  # past Python's 4,300-digit limit on reading an integer
US = EXAMPLES / "us-police-cctv-federal-grant.toml"
PORTLAND = EXAMPLES / "portland-retailer-entrance-cameras.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_huge_number_error(code: int, err: str, path: Path) -> None:
    assert "internal error" not in err, err
    assert code == 2, err
    assert f"riskkit: error: {path}" in err
    assert "more than 4,300 digits" in err


def test_huge_integer_in_a_procurement_toml_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = US.read_text("utf-8").replace("schema_version = 1", f"schema_version = {HUGE}", 1)
    path = write(tmp_path, "p.toml", text)
    assert_huge_number_error(*run(capsys, "assess", str(path))[::2], path)


def test_huge_integer_in_a_procurement_json_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "p.json", f'{{"schema_version": {HUGE}}}')
    assert_huge_number_error(*run(capsys, "assess", str(path))[::2], path)


def test_huge_integer_in_a_rule_pack_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "rules" / "biometric-bans.toml").read_text("utf-8")
    path = write(tmp_path, "pack.toml", text.replace("[pack]", f"[pack]\nsize = {HUGE}", 1))
    assert_huge_number_error(*run(capsys, "rules", "validate", str(path))[::2], path)
    assert_huge_number_error(*run(capsys, "assess", str(US), "--rules", str(path))[::2], path)


def test_huge_integer_in_waivers_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "w.toml", f"schema_version = {HUGE}\n")
    code, _, err = run(capsys, "assess", str(PORTLAND), "--waivers", str(path))
    assert_huge_number_error(code, err, path)


def test_huge_integer_in_a_what_if_patch_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "w.toml", f"schema_version = {HUGE}\n")
    code, _, err = run(capsys, "assess", str(US), "--what-if", str(path))
    assert_huge_number_error(code, err, path)


def test_huge_integer_in_a_report_for_diff_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "old.json", f'{{"schema_version": {HUGE}}}')
    code, _, err = run(capsys, "diff", str(path), str(path))
    assert_huge_number_error(code, err, path)


def test_huge_integer_in_a_list_file_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((FIXTURES / "csl.json").read_text("utf-8"))
    text = json.dumps(data).replace('"total": 4', f'"total": {HUGE}', 1)
    path = write(tmp_path, "csl.json", text)
    code, _, err = run(capsys, "screen", "Example Vision", "--list", str(path))
    assert_huge_number_error(code, err, path)
    code, _, err = run(capsys, "assess", str(US), "--list", str(path))
    assert_huge_number_error(code, err, path)


def test_huge_integer_in_a_curated_entity_file_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "entities.toml").read_text("utf-8")
    path = write(tmp_path, "entities.toml", text.replace("[pack]", f"[pack]\nn = {HUGE}", 1))
    code, _, err = run(capsys, "screen", "Hikvision", "--list", str(path))
    assert_huge_number_error(code, err, path)
