"""The TOML writer of the mapping (riskkit.feeds.ocds.mapping.toml and .document): what it
writes, tomllib reads back unchanged, comments included in their tables."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from riskkit.feeds.ocds.mapping.document import split_path
from riskkit.feeds.ocds.mapping.toml import dumps, string

scalars = (
    st.text()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
)
keys = st.text(min_size=1, max_size=10)
inline = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=10,
)
tables = st.dictionaries(keys, inline, max_size=4)
documents = st.dictionaries(
    keys,
    scalars | tables | st.lists(tables.filter(bool), min_size=1, max_size=3),
    max_size=5,
)


@given(st.text())
def test_any_string_is_written_as_a_toml_string_that_reads_back(value: str) -> None:
    assert tomllib.loads(f"v = {string(value)}")["v"] == value


@given(documents, st.lists(st.text(), max_size=3))
def test_any_document_round_trips_through_tomllib(doc: dict[str, Any], notes: list[str]) -> None:
    text = dumps(doc, header=notes, notes={"": notes})
    assert tomllib.loads(text) == doc


def test_notes_are_written_in_their_table_and_arrays_of_tables_by_id() -> None:
    doc = {
        "id": "p",
        "term": {"start": date(2020, 1, 1), "end": date(2020, 12, 31)},
        "buyer": {"name": 'Say "hi"\n'},
        "components": [{"id": "item-1", "kind": "ip_camera"}, {"id": "item-2", "kind": "radio"}],
    }
    text = dumps(
        doc,
        header=["head"],
        notes={"buyer": ["UNKNOWN: kind"], "components[item-2]": ["from\nthere"]},
    )
    assert tomllib.loads(text) == doc
    lines = text.splitlines()
    assert lines[0] == "# head"
    assert lines.index("# UNKNOWN: kind") > lines.index("[buyer]")
    assert lines.index("# from there") > lines.index('kind = "radio"')


def test_paths_split_into_table_and_field() -> None:
    assert split_path("buyer.kind") == ("buyer", "kind")
    assert split_path("term") == ("", "term")
    assert split_path("components[item-1].manufacturer") == ("components[item-1]", "manufacturer")
    assert split_path("components[item-1]") == ("components[item-1]", "")


def test_a_key_ending_in_a_newline_is_quoted_not_written_bare() -> None:
    """Found by the property above in CI: ``^...$`` with ``re.match`` accepts a trailing
    newline, so ``"0\\n"`` was written as a bare key and the file did not parse."""
    doc: dict[str, Any]
    for doc in ({"0\n": ""}, {"0": {}, "0\n": {}}, {"0": "", "0\n": [{"0": []}]}):
        assert tomllib.loads(dumps(doc)) == doc
