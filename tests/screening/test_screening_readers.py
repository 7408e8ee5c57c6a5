from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.errors import InvalidInput
from riskkit.screening import describe, read_list, render_text
from tests.conftest import NO_SHARED_DATA, SCREENING_FIXTURES, SHARED_DATA

FIXTURES = SCREENING_FIXTURES
DATA = SHARED_DATA
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=NO_SHARED_DATA)


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


def test_csl_json_reader_maps_records_and_counts_bad_ones_as_warnings() -> None:
    result = read_list(FIXTURES / "csl.json")
    assert result.format == "csl-json"
    vision, person = result.entries
    assert vision.list == "Entity List"
    assert vision.entity_type == "entity"
    assert vision.aliases == ("Example Vision", "EV Tech")
    assert vision.weak_aliases == ("EXAMPLE VISION",)
    assert [(i.scheme, i.value, i.country) for i in vision.identifiers] == [
        ("Unified Social Credit Code (USCC)", "91330000000000000X", "CN")
    ]
    assert vision.countries == ("CN",)
    assert vision.addresses == ("1 Camera Road, Hangzhou, Zhejiang, 310000, CN",)
    assert vision.source_id == "e1a2b3"
    assert person.list == "SDN"
    assert person.entity_type == "individual"
    assert person.countries == ("IR",)
    assert [d.value for d in person.dates if d.kind == "listed_on"] == [None]
    assert result.counts["rows"] == 4
    assert result.counts["skipped"] == 2
    assert result.counts["warnings"] == 3
    assert any("results[1]" in w and "3017-01-01" in w for w in result.warnings)
    assert any("results[2]" in w and "not a record" in w for w in result.warnings)
    assert any("results[3]" in w and "alt_names" in w for w in result.warnings)


def test_csl_json_bare_list_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "csl.json"
    path.write_text('[{"name": "Solo Trading", "source": "Unverified List (UVL) - BIS"}]')
    assert [(e.name, e.list) for e in read_list(path).entries] == [("Solo Trading", "UVL")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"results": [{"name": "A"},', "line 1, column"),
        ('{"results": {"name": "A"}}', "results"),
        ("[" * 100_000, "JSON"),
    ],
    ids=["truncated", "results-not-a-list", "deeply-nested"],
)
def test_malformed_csl_json_is_a_located_error(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "csl.json"
    path.write_text(text)
    with pytest.raises(InvalidInput, match=r"csl\.json") as raised:
        read_list(path)
    assert fragment in str(raised.value)


def test_xml_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>"
    )
    with pytest.raises(InvalidInput, match="DTD"):
        read_list(path)


def test_xml_of_another_kind_is_rejected_by_root_element(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<sdnList><sdnEntry/></sdnList>")
    with pytest.raises(InvalidInput, match="CONSOLIDATED_LIST"):
        read_list(path)


def test_unclosed_quote_swallowing_the_file_is_a_located_csv_error(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    with path.open("w") as handle:
        handle.write('1,"NAME,-0- ,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n')
        handle.writelines("A" * 60 + "\n" for _ in range(20_000))
    with pytest.raises(InvalidInput, match=r"sdn\.csv: line \d+: bad CSV"):
        read_list(path)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("csl.json", b'{"results": ["'),
        ("UN_consolidated.xml", b"<CONSOLIDATED_LIST><X>"),
        ("csl.csv", b"_id,source,name\n1,EL,"),
        ("dpl.txt", b"Name\tStreet_Address\tEffective_Date\n"),
    ],
)
def test_a_100_mb_line_is_refused_in_every_text_format(
    tmp_path: Path, name: str, head: bytes
) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.write(head)
        chunk = b"A" * (1 << 20)
        for _ in range(100):
            handle.write(chunk)
    with pytest.raises(InvalidInput, match="longer than"):
        read_list(path)


def test_bad_rows_among_good_ones_are_counted_warnings(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    good = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    path.write_bytes(
        good.encode() + b"junk,row\n" + b'37,"CAF\xc9 DEL MAR",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,'
        b"-0- ,-0- ,-0- ,-0- \n\x1a"
    )
    result = read_list(path)
    assert [e.name for e in result.entries] == ["AEROCARIBBEAN AIRLINES", "CAFÉ DEL MAR"]
    assert result.counts["skipped"] == 1
    assert any("line 2" in w and "skipped" in w for w in result.warnings)
    assert any("line 3" in w and "Windows-1252" in w for w in result.warnings)
