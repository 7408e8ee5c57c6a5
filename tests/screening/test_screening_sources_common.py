"""What every list reader shares (``screening/sources/_common.py``): text that is no text, odd
encodings and line ends end in an entry skipped with a warning, a file read, or a clear error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.errors import InvalidInput
from riskkit.screening import read_list
from tests.conftest import EXAMPLES, SCREENING_FIXTURES

FIXTURES = SCREENING_FIXTURES


def csl_with_a_lone_surrogate(tmp_path: Path) -> Path:
    data = json.loads((FIXTURES / "csl.json").read_text("utf-8"))
    text = json.dumps(data).replace(
        '"Example Vision Technology Co., Ltd."', '"Evil \\ud800 Corp"', 1
    )
    assert "\\ud800" in text
    path = tmp_path / "csl.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_csl_json_record_with_a_lone_surrogate_is_skipped_with_a_warning(tmp_path: Path) -> None:
    result = read_list(csl_with_a_lone_surrogate(tmp_path))
    assert all("Evil" not in e.name for e in result.entries)
    assert any("results[0].name" in w and "lone surrogate" in w for w in result.warnings)


def test_screen_and_assess_read_a_list_with_a_lone_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csl_with_a_lone_surrogate(tmp_path)
    assert main(["screen", "Evil Corp", "--list", str(path)]) == 0
    err = capsys.readouterr().err
    assert "internal error" not in err and "record(s) read with problems" in err
    example = EXAMPLES / "us-police-cctv-federal-grant.toml"
    assert main(["assess", str(example), "--list", str(path), "--format", "json"]) == 1
    assert "internal error" not in capsys.readouterr().err


def _same_list_as(path: Path, original: Path) -> None:
    expected, got = read_list(original), read_list(path)
    assert [e.model_copy(update={"source": ""}) for e in got.entries] == [
        e.model_copy(update={"source": ""}) for e in expected.entries
    ]
    assert [w.replace(str(path), "") for w in got.warnings] == [
        w.replace(str(original), "") for w in expected.warnings
    ]


@pytest.mark.parametrize(
    ("encoding", "bom", "line_end"),
    [
        ("utf-16-le", b"\xff\xfe", "\r\n"),
        ("utf-16-be", b"\xfe\xff", "\n"),
        ("utf-16-le", b"", "\n"),
    ],
)
def test_a_utf16_list_file_is_read_like_its_utf8_original(
    tmp_path: Path, encoding: str, bom: bytes, line_end: str
) -> None:
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark.
    original = FIXTURES / "csl_truncated.csv"
    text = original.read_text("utf-8").replace("\r\n", "\n").replace("\n", line_end)
    path = tmp_path / "csl.csv"
    path.write_bytes(bom + text.encode(encoding))
    _same_list_as(path, original)


def test_a_list_file_with_mac_cr_line_ends_is_read_like_its_original(tmp_path: Path) -> None:
    original = FIXTURES / "csl_truncated.csv"
    path = tmp_path / "csl.csv"
    path.write_bytes(original.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    _same_list_as(path, original)


def test_a_file_that_is_not_valid_utf16_says_to_save_it_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\xff\xfe" + "36,x\n".encode("utf-16-le") + b"\x00\xd8\x41\x00")
    with pytest.raises(InvalidInput, match="save the file as UTF-8"):
        read_list(path)
