"""Ownership registers of real size and shape: long chains, long cycles and diamonds load and
assess, or end in one clean error, instead of overflowing the stack or taking exponential time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskkit.cli import main
from riskkit.errors import RiskkitError
from riskkit.kinds._graph.shares import (
    PATH_BUDGET,
    Holding,
    shares_held,
    shares_held_path_by_path,
)
from tests.conftest import EXAMPLES

US_EXAMPLE = (EXAMPLES / "us-police-cctv-federal-grant.toml").read_text("utf-8")


def party(pid: str, owners: list[tuple[str, float]]) -> str:
    text = f'[[parties]]\nid = "{pid}"\nname = "Holding {pid} LLC"\nincorporated_in = "US-DE"\n'
    for owner, share in owners:
        text += f'[[parties.owners]]\nparty = "{owner}"\nshare = {share}\n'
    return text + "\n"


def with_owners_of_the_maker(parties: list[str], owners: list[tuple[str, float]]) -> str:
    """The US example, with ``parties`` added and its camera maker held by ``owners``."""
    held = "".join(f'[[parties.owners]]\nparty = "{o}"\nshare = {s}\n' for o, s in owners)
    text = US_EXAMPLE.replace('incorporated_in = "CA"\n', 'incorporated_in = "CA"\n' + held, 1)
    cut = text.index("[[components]]")
    return text[:cut] + "".join(parties) + text[cut:]


def assess(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["assess", str(path), "--as-of", "2026-12-01", "--format", "json"])
    out, err = capsys.readouterr()
    return code, out, err


def test_ownership_chain_of_two_thousand_parties_is_assessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n = 2000
    parties = [party(f"h{i}", [(f"h{i + 1}", 1.0)] if i + 1 < n else []) for i in range(n)]
    code, out, err = assess(tmp_path, with_owners_of_the_maker(parties, [("h0", 1.0)]), capsys)
    assert code in (0, 1), err
    assert json.loads(out)["procurement_id"]


def test_ownership_cycle_of_two_thousand_parties_is_one_short_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n = 2000
    parties = [party(f"h{i}", [(f"h{(i + 1) % n}", 1.0)]) for i in range(n)]
    code, _, err = assess(tmp_path, with_owners_of_the_maker(parties, [("h0", 1.0)]), capsys)
    assert code == 2
    assert err.startswith("riskkit: error: ")
    assert err.count("ownership cycle") == 1
    assert '"h0" is owned by "h1"' in err
    assert "(1977 more)" in err
    assert len(err) < 2000


def test_ownership_diamond_of_forty_layers_is_assessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every layer of two holds half of each party in the layer below: 2**40 paths.
    layers = 40
    parties = [party("top", [])]
    for j in range(layers):
        above = [f"l{j + 1}a", f"l{j + 1}b"] if j + 1 < layers else ["top"]
        share = 1.0 / len(above)
        parties += [party(f"l{j}{side}", [(a, share) for a in above]) for side in "ab"]
    text = with_owners_of_the_maker(parties, [("l0a", 0.5), ("l0b", 0.5)])
    code, out, err = assess(tmp_path, text, capsys)
    assert code in (0, 1), err
    assert json.loads(out)["procurement_id"]


def entity_holdings(
    holdings: dict[str, list[tuple[str, float]]],
) -> dict[str, tuple[Holding, ...]]:
    return {
        held: tuple(
            Holding(("entity", owner), share, share >= 0.5, False) for owner, share in owners
        )
        for held, owners in holdings.items()
    }


def shares_of(start: str, holdings: dict[str, list[tuple[str, float]]]) -> dict[str, float]:
    table = entity_holdings(holdings)
    return shares_held(("entity", start), lambda node: table.get(node[1], ()))


def test_shares_through_a_diamond_add_up_over_every_path() -> None:
    layers = 60  # 2**60 paths: summed per node, not path by path
    holdings: dict[str, list[tuple[str, float]]] = {"s": [("l0a", 0.5), ("l0b", 0.5)]}
    for j in range(layers):
        above = [f"l{j + 1}a", f"l{j + 1}b"] if j + 1 < layers else ["top"]
        for side in "ab":
            holdings[f"l{j}{side}"] = [(a, 1.0 / len(above)) for a in above]
    shares = shares_of("s", holdings)
    assert shares["top"] == pytest.approx(1.0)
    assert shares["l30a"] == pytest.approx(0.5)
    assert list(shares)[:2] == ["l0a", "l1a"]  # in the order first held


def test_shares_add_the_paths_of_a_small_diamond_exactly() -> None:
    shares = shares_of(
        "s",
        {"s": [("a", 0.6), ("b", 0.4)], "a": [("top", 0.5)], "b": [("top", 1.0)]},
    )
    assert shares == pytest.approx({"a": 0.6, "b": 0.4, "top": 0.7})


def test_cross_holdings_follow_each_path_once() -> None:
    # a and b hold 10 % of each other: each path stops where it would come round again.
    shares = shares_of("s", {"s": [("a", 0.6)], "a": [("b", 0.1)], "b": [("a", 0.1)]})
    assert shares == pytest.approx({"a": 0.6, "b": 0.06})


def test_circular_holdings_with_too_many_paths_end_in_a_clear_error() -> None:
    layers = 40
    holdings: dict[str, list[tuple[str, float]]] = {"s": [("l0a", 0.5), ("l0b", 0.5)]}
    for j in range(layers):
        above = [f"l{j + 1}a", f"l{j + 1}b"] if j + 1 < layers else ["top"]
        for side in "ab":
            holdings[f"l{j}{side}"] = [(a, 1.0 / len(above)) for a in above]
    holdings["top"] = [("l0a", 0.1)]  # the circle back down
    with pytest.raises(RiskkitError, match="runs in circles"):
        shares_of("s", holdings)


def test_circular_holdings_above_a_chain_longer_than_the_recursion_limit() -> None:
    n = 5000
    holdings: dict[str, list[tuple[str, float]]] = {f"e{i}": [(f"e{i + 1}", 1.0)] for i in range(n)}
    holdings[f"e{n}"] = [("top", 0.5), ("e0", 0.1)]  # the circle back to the bottom
    shares = shares_of("e0", holdings)
    assert shares["top"] == pytest.approx(0.5)
    assert shares[f"e{n}"] == pytest.approx(1.0)


@given(
    st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from([0.1, 0.25, 0.5, 1.0])),
        max_size=20,
    )
)
def test_shares_summed_per_node_equal_shares_summed_per_path(
    edges: list[tuple[int, int, float]],
) -> None:
    # Holdings only from a lower number to a higher one: a DAG, where both walks apply.
    holdings: dict[str, list[tuple[str, float]]] = {}
    for held, owner, share in edges:
        if held < owner:
            holdings.setdefault(f"n{held}", []).append((f"n{owner}", share))
    table = entity_holdings(holdings)
    per_node = shares_of("n0", holdings)
    per_path: dict[str, float] = {}
    shares_held_path_by_path(
        ("entity", "n0"), lambda node: table.get(node[1], ()), per_path, [PATH_BUDGET]
    )
    assert list(per_node) == list(per_path)
    assert per_node == pytest.approx(per_path)
