"""The UN XML reader refuses what could expand or fetch, and nothing else (docs/screening.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.errors import InvalidInput
from riskkit.screening import read_list

ENTITY = (
    "<ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>EXAMPLE VISION CO</FIRST_NAME>"
    "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.1</REFERENCE_NUMBER>"
    "</ENTITY></ENTITIES>"
)


def test_a_doctype_without_entities_is_read_and_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://unreachable.invalid/x.dtd">'
        f"<CONSOLIDATED_LIST><INDIVIDUALS/>{ENTITY}</CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    assert [e.name for e in read_list(path).entries] == ["EXAMPLE VISION CO"]


def test_a_doctype_declaring_an_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "EXAMPLE">]>'
        f"<CONSOLIDATED_LIST>{ENTITY}</CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match="declares entities or external references"):
        read_list(path)
