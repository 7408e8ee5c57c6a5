from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.errors import InvalidInput
from riskkit.screening import describe, read_list, render_text

FIXTURES = Path(__file__).parent / "screening_fixtures"
DATA = Path(__file__).parents[1] / ".." / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"shared list data not found at {DATA}")


def test_csl_reader_skips_repeated_header_and_warns_about_cut_off_record() -> None:
    result = read_list(FIXTURES / "csl_truncated.csv")
    assert [e.name for e in result.entries] == ["Example Optics Co., Ltd."]
    assert result.entries[0].list == "Entity List"
    assert result.entries[0].countries == ("CN",)
    assert any("header row is repeated" in w for w in result.warnings)
    assert any("line 4" in w and "cut off" in w for w in result.warnings)


def test_opensanctions_reader_maps_schema_aliases_and_countries() -> None:
    entry = read_list(FIXTURES / "targets.simple.csv").entries[0]
    assert entry.entity_type == "entity"
    assert entry.aliases == ("Acme Surv", "ACME")
    assert entry.countries == ("RU", "CN")


def test_curated_reader_makes_brands_weak_aliases() -> None:
    entry = read_list(FIXTURES / "entities.toml").entries[0]
    assert entry.list == "riskkit curated"
    assert entry.aliases == ("Hikvision",)
    assert entry.weak_aliases == ("EZVIZ", "HiLook")
    assert entry.identifiers[0].value == "91330000733796106P"


def test_xml_entity_bomb_is_refused_with_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="DTD"):
        read_list(FIXTURES / "entity_bomb.xml")


def test_file_with_wrong_columns_is_rejected() -> None:
    with pytest.raises(InvalidInput, match=r"wrong_columns\.csv"):
        read_list(FIXTURES / "wrong_columns.csv")


def test_binary_junk_is_rejected(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(InvalidInput, match="binary"):
        read_list(junk)


def test_a_100_mb_line_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "sdn.csv"
    with big.open("wb") as handle:
        handle.write(b'1,"')
        chunk = b"A" * (1 << 20)
        for _ in range(100):
            handle.write(chunk)
    with pytest.raises(InvalidInput, match="longer than"):
        read_list(big)


def test_ofac_sibling_without_primary_names_what_is_missing(tmp_path: Path) -> None:
    alt = tmp_path / "alt.csv"
    alt.write_text('36,12,"aka","AERO-CARIBBEAN",-0- \n')
    with pytest.raises(InvalidInput, match=r"sdn\.csv"):
        read_list(alt)


@needs_data
def test_ofac_consolidated_reads_hikvision_with_aliases_and_identifiers() -> None:
    result = read_list(DATA / "ofac_non_sdn_cons" / "cons_prim.csv")
    hik = next(e for e in result.entries if e.source_id == "30946")
    assert hik.list == "NS-CMIC"
    assert "HIKVISION" in hik.aliases
    assert any(i.value == "91330000733796106P" for i in hik.identifiers)
    assert describe(result)["counts"]["list:NS-CMIC"] == 68


@needs_data
def test_dpl_date_typo_is_kept_as_text_with_a_warning() -> None:
    result = read_list(DATA / "bis_dpl" / "dpl.txt")
    assert any("3017-08-22" in w for w in result.warnings)
    assert "warnings: 3" in render_text(result)


@needs_data
def test_un_xml_reads_individuals_and_entities() -> None:
    result = read_list(DATA / "un_consolidated" / "UN_consolidated.xml")
    assert describe(result)["entity_types"] == {"entity": 273, "individual": 730}
