"""Ownership share bands: how a band decides control at a threshold, and how a bad band is
reported (located, naming the field)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskkit.errors import InvalidInput
from riskkit.model import Ownership
from riskkit.model.loading import load_procurement

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "eu-smart-city-us-cloud.toml"


@pytest.mark.parametrize(
    ("fields", "decided"),
    [
        ({"share": 0.6}, True),
        ({"share": 0.3}, False),
        ({"share_min": 0.5, "share_max": 0.75}, True),
        ({"share_min": 0.25, "share_max": 0.5, "share_max_exclusive": True}, False),
        ({"share_min": 0.25, "share_max": 0.5}, None),
        ({"share_min": 0.25, "share_max": 0.75}, None),
        ({"share_max": 0.2}, False),
        ({"share_min": 0.25}, None),
        ({}, None),
        ({"control": True}, True),
        ({"control": False, "share_min": 0.6}, False),
    ],
)
def test_a_holding_decides_control_at_half_only_when_its_share_or_band_does(
    fields: dict[str, object], decided: bool | None
) -> None:
    holding = Ownership.model_validate({"party": "p", **fields})
    assert holding.decides(0.5) is decided
    assert holding.controls(0.5) is (decided is True)


def test_a_band_dumps_only_when_given() -> None:
    assert "share_min" not in Ownership(party="p", share=0.3).model_dump()
    assert Ownership(party="p", share_min=0.3).model_dump()["share_min"] == 0.3


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"share_min": 0.75, "share_max": 0.5}, "share_min 0.75 is above share_max 0.5"),
        ({"share": 0.3, "share_min": 0.25}, "not both"),
        ({"share_max_exclusive": True}, "share_max is not given"),
    ],
)
def test_a_bad_band_is_a_located_error_naming_the_holding(
    tmp_path: Path, fields: dict[str, object], said: str
) -> None:
    text = EXAMPLE.read_text("utf-8")
    given = 'owners = [{ party = "cloud-us", share = 1.0,'
    assert given in text
    inline = ", ".join(
        f"{k} = {str(v).lower() if isinstance(v, bool) else v}" for k, v in fields.items()
    )
    bad = text.replace(given, f'owners = [{{ party = "cloud-us", {inline},')
    path = tmp_path / "bad.toml"
    path.write_text(bad, "utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_procurement(path)
    message = str(caught.value)
    assert "bad.toml" in message and ".owners[0]" in message and said in message


bounds = st.floats(0.0, 1.0)


@given(low=bounds, high=bounds, raise_by=st.floats(0.0, 1.0), threshold=st.floats(0.01, 1.0))
def test_raising_a_band_never_takes_control_away(
    low: float, high: float, raise_by: float, threshold: float
) -> None:
    low, high = sorted((low, high))
    rank = {False: 0, None: 1, True: 2}
    before = Ownership(party="p", share_min=low, share_max=high).decides(threshold)
    after = Ownership(
        party="p", share_min=min(low + raise_by, 1.0), share_max=min(high + raise_by, 1.0)
    ).decides(threshold)
    assert rank[after] >= rank[before]
