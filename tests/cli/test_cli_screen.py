"""``riskkit screen`` and ``riskkit lists show`` through ``riskkit.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskkit.cli import main
from tests.conftest import NO_SHARED_DATA, SCREENING_FIXTURES, SHARED_DATA

FIXTURES = SCREENING_FIXTURES
DATA = SHARED_DATA
CONS = DATA / "ofac_non_sdn_cons" / "cons_prim.csv"
DPL = DATA / "bis_dpl" / "dpl.txt"
needs_data = pytest.mark.skipif(not CONS.is_file(), reason=NO_SHARED_DATA)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    assert "internal error" not in err
    assert err.startswith("riskkit: error: ") or "riskkit: error: " in err
    for fragment in fragments:
        assert fragment in err, err


def test_match_exits_1_and_explains_the_hit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "screen", "Hikvsion", "--list", str(FIXTURES / "entities.toml"))
    assert code == 1
    assert out.startswith("Hikvsion: match\n")
    assert 'alias "Hikvision"' in out
    assert "hikvsion~hikvision" in out
    assert "-> match" in out


def test_no_match_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "screen", "Axis Communications", "--list", str(FIXTURES / "entities.toml")
    )
    assert code == 0
    assert "Axis Communications: no match" in out
    assert "0 at the match band" in out


def test_without_list_screens_the_curated_entities(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "screen", "Hangzhou Hikvision Digital Technology Co Ltd")
    assert code == 1
    assert "(riskkit curated)" in out
    assert "entities.toml" in out


def test_json_output_has_one_result_per_name_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        capsys, "screen", "Verkada", "EZVIZ", "--list", str(FIXTURES / "entities.toml"),
        "--format", "json", "--country", "cn",
    )  # fmt: skip
    document = json.loads(out)
    assert code == 1
    assert document["country"] == "CN"
    assert [r["query"] for r in document["results"]] == ["Verkada", "EZVIZ"]
    assert document["results"][0] == {"query": "Verkada", "band": "no_match", "matches": []}
    hit = document["results"][1]["matches"][0]
    assert hit["name_kind"] == "weak alias"
    assert hit["entry"]["name"] == "Hangzhou Hikvision Digital Technology Co., Ltd."
    assert "country CN agrees" in hit["explanation"]
    assert document["lists"][0]["format"] == "riskkit-curated"


def test_review_band_hit_does_not_fail_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lst = tmp_path / "entities.toml"
    lst.write_text('[[entities]]\nname = "Northwind Imaging Systems"\ncountry = "DE"\n')
    code, out, _ = run_cli(capsys, "screen", "Northwind Imaging", "--list", str(lst))
    assert code == 0
    assert "Northwind Imaging: review" in out


def test_limit_caps_the_hits_per_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "screen", "Hikvision", "--list", str(FIXTURES / "entities.toml"),
        "--format", "json", "--limit", "1",
    )  # fmt: skip
    assert code == 1
    assert len(json.loads(out)["results"][0]["matches"]) == 1


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["screen", "X", "--country", "ZZ"], "--country 'ZZ'"),
        (["screen", "X", "--country", "China"], "ISO 3166 alpha-2"),
        (["screen", "!!!"], "no letters or digits"),
        (["screen", "X", "--limit", "0"], "positive whole number"),
        (["screen", "X", "--format", "xml"], "invalid choice"),
        (["lists"], "required"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert_clean_error(code, err, fragment)


@pytest.mark.parametrize(
    ("fixture", "fragment"),
    [
        ("entity_bomb.xml", "DTD"),
        ("wrong_columns.csv", "no row could be read"),
        ("missing.csv", "no such file"),
    ],
)
def test_hostile_list_files_exit_2_with_a_located_message(
    capsys: pytest.CaptureFixture[str], fixture: str, fragment: str
) -> None:
    path = str(FIXTURES / fixture)
    code, _, err = run_cli(capsys, "screen", "Hikvision", "--list", path)
    assert_clean_error(code, err, path, fragment)


def test_binary_junk_list_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 64)
    code, _, err = run_cli(capsys, "lists", "show", str(junk))
    assert_clean_error(code, err, str(junk), "binary data")


def test_a_100_mb_line_exits_2_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "csl.csv"
    with big.open("wb") as handle:
        handle.write(b"_id,source,name\n")
        chunk = b"x" * (1 << 20)
        for _ in range(100):
            handle.write(chunk)
    code, _, err = run_cli(capsys, "screen", "Hikvision", "--list", str(big))
    assert_clean_error(code, err, f"{big}: line 2", "longer than")


def test_every_bad_list_file_is_reported_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    bomb, wrong = FIXTURES / "entity_bomb.xml", FIXTURES / "wrong_columns.csv"
    code, _, err = run_cli(capsys, "screen", "X", "--list", str(bomb), "--list", str(wrong))
    assert_clean_error(code, err, str(bomb), str(wrong))
    assert err.count("riskkit: error: ") == 2


def test_list_warnings_are_reported_on_stderr_without_failing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(FIXTURES / "csl_truncated.csv")
    code, out, err = run_cli(capsys, "screen", "Example Optics", "--list", path)
    assert code == 1
    assert "Example Optics: match" in out
    assert f"riskkit: warning: {path}: 2 record(s)" in err


def test_lists_show_prints_counts_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "csl_truncated.csv")
    code, out, _ = run_cli(capsys, "lists", "show", path)
    assert code == 0
    assert out.startswith(f"{path} (csl-csv)\n")
    assert "1 entries from 2 records (1 skipped)" in out
    assert "lists: Entity List 1" in out
    assert "warnings: 2" in out
    assert "the header row is repeated" in out


def test_lists_show_json_is_one_object_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    one = str(FIXTURES / "csl.json")
    two = str(FIXTURES / "targets.simple.csv")
    code, out, _ = run_cli(capsys, "lists", "show", one, two, "--format", "json")
    assert code == 0
    described = json.loads(out)
    assert [d["format"] for d in described] == ["csl-json", "opensanctions-csv"]
    assert described[0]["counts"]["skipped"] == 2
    assert len(described[0]["warnings"]) == 3


@needs_data
def test_real_lists_match_hikvision_and_not_the_flushing_dahua(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        capsys, "screen", "Нikvision", "Zhejiang Dahua Technology", "--list", str(CONS),
        "--list", str(DPL), "--format", "json",
    )  # fmt: skip
    hik, dahua = json.loads(out)["results"]
    assert code == 1
    assert hik["band"] == "match"
    assert hik["matches"][0]["entry"]["list"] == "NS-CMIC"
    assert hik["matches"][0]["entry"]["source_id"] == "30946"
    assert all(m["band"] != "match" for m in dahua["matches"])


@needs_data
def test_lists_show_reads_ofac_siblings_with_their_primary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "lists", "show", str(CONS), "--format", "json")
    described = json.loads(out)
    assert code == 0
    assert described["format"] == "ofac-legacy-csv"
    assert len(described["files"]) == 4
    assert described["counts"]["list:NS-CMIC"] == 68


def test_json_matches_carry_a_stable_key_and_a_tie_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["screen", "Hikvsion", "--format", "json"])
    first = json.loads(capsys.readouterr().out)["results"][0]["matches"][0]
    list_name, digest, entry_id = first["key"].rsplit(":", 2)
    assert list_name == first["entry"]["list"] and len(digest) == 12
    assert entry_id == first["entry"]["source_id"] and first["tie"] in (True, False)
