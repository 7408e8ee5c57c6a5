"""Ownership registers of real size and shape: long chains, long cycles and diamonds load and
assess, or end in one clean error, instead of overflowing the stack or taking exponential time.
"""

from __future__ import annotations

import json
from math import fsum
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskkit.cli import main
from riskkit.kinds._graph.aggregate import HALF, AggregateCount, Blocked
from riskkit.kinds._graph.edges import Holding, Node
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


Table = dict[str, list[tuple[str, float]]]
"""For each entity, its owners and their shares."""


class _Listed:
    def __init__(self, listed: set[str]) -> None:
        self.listed = listed

    def __call__(self, node: Node) -> str | None:
        return node[1] if node[1] in self.listed else None


def counter(holdings: Table, listed: set[str]) -> AggregateCount:
    table = {
        held: tuple(
            Holding(("entity", owner), share, share >= 0.5, False) for owner, share in owners
        )
        for held, owners in holdings.items()
    }
    return AggregateCount(lambda node: table.get(node[1], ()), _Listed(listed))


def blocked(start: str, holdings: Table, listed: set[str]) -> Blocked | None:
    return counter(holdings, listed).of(("entity", start))


def reference(holdings: Table, listed: set[str]) -> dict[str, Blocked]:
    """The least fixed point worked out the slow way: every node again until nothing changes."""
    nodes = set(holdings) | {o for owners in holdings.values() for o, _ in owners} | listed
    found: dict[str, Blocked] = {}
    changed = True
    while changed:
        changed = False
        for node in sorted(nodes):
            counted = [(o, s) for o, s in holdings.get(node, []) if o in found]
            ids = frozenset({node} if node in listed else ()).union(
                *[found[o].ids for o, _ in counted]
            )
            share = 1.0 if node in listed else min(fsum(s for _, s in counted), 1.0)
            if share >= HALF and found.get(node) != Blocked(share, ids):
                found[node] = Blocked(share, ids)
                changed = True
    return found


# OFAC FAQ 401 (https://ofac.treasury.gov/faqs/401), its examples 1 to 3.
FAQ_401 = {
    "example 1": ({"a": [("x", 0.5)], "b": [("a", 0.5)]}, "b"),
    "example 2": ({"a": [("x", 0.5)], "b": [("x", 0.5)], "c": [("a", 0.25), ("b", 0.25)]}, "c"),
    "example 3": ({"a": [("x", 0.5)], "b": [("x", 0.1), ("a", 0.4)]}, "b"),
}


@pytest.mark.parametrize("example", FAQ_401)
def test_the_examples_of_ofac_faq_401_are_blocked(example: str) -> None:
    holdings, subject = FAQ_401[example]
    assert blocked(subject, holdings, {"x"}) == Blocked(0.5, frozenset({"x"}))


def test_a_holding_by_an_owner_that_is_not_blocked_counts_nothing() -> None:
    # x holds 40 % of s and 20 % of a, which holds 60 % of s. Multiplied down the chains
    # that is 52 %; OFAC counts only holdings by blocked persons: 40 %.
    holdings = {"s": [("x", 0.4), ("a", 0.6)], "a": [("x", 0.2)]}
    assert blocked("s", holdings, {"x"}) is None


def test_different_listed_persons_add_up() -> None:
    holdings = {"s": [("x", 0.3), ("y", 0.3)]}
    assert blocked("s", holdings, {"x", "y"}) == Blocked(0.6, frozenset({"x", "y"}))
    assert blocked("s", holdings, {"x"}) is None


def test_a_diamond_of_sixty_layers_is_counted_holding_by_holding() -> None:
    layers = 60  # 2**60 paths: each holding is followed once
    holdings: Table = {"s": [("l0a", 0.5), ("l0b", 0.5)]}
    for j in range(layers):
        above = [f"l{j + 1}a", f"l{j + 1}b"] if j + 1 < layers else ["top"]
        for side in "ab":
            holdings[f"l{j}{side}"] = [(a, 1.0 / len(above)) for a in above]
    assert blocked("s", holdings, {"top"}) == Blocked(1.0, frozenset({"top"}))
    # l59a holds half of both l58a and l58b, which are blocked, and so on down.
    assert blocked("s", holdings, {"l59a"}) == Blocked(1.0, frozenset({"l59a"}))


def test_a_circle_of_owners_blocks_no_one_by_itself() -> None:
    holdings = {"s": [("a", 0.6)], "a": [("b", 0.6)], "b": [("a", 0.6)]}
    assert blocked("s", holdings, set()) is None
    assert blocked("s", holdings, {"b"}) == Blocked(0.6, frozenset({"b"}))


@pytest.mark.parametrize("first", ["a", "b", "s"])
def test_an_answer_does_not_depend_on_which_node_was_asked_first(first: str) -> None:
    # x holds 60 % of a, a 60 % of b, b 10 % of a: a walk that took a as unblocked while it
    # was still counting a's owners would have found b unblocked and kept that.
    holdings = {"s": [("b", 0.5)], "a": [("x", 0.6), ("b", 0.1)], "b": [("a", 0.6)]}
    count = counter(holdings, {"x"})
    count.of(("entity", first))
    assert count.of(("entity", "b")) == Blocked(0.6, frozenset({"x"}))
    assert count.of(("entity", "s")) == Blocked(0.5, frozenset({"x"}))


def test_circular_holdings_with_many_paths_are_counted() -> None:
    # Path by path this ran past 200,000 paths and ended in an error; counted holding by
    # holding it is 160 holdings.
    layers = 40
    holdings: Table = {"s": [("l0a", 0.5), ("l0b", 0.5)]}
    for j in range(layers):
        above = [f"l{j + 1}a", f"l{j + 1}b"] if j + 1 < layers else ["top"]
        for side in "ab":
            holdings[f"l{j}{side}"] = [(a, 1.0 / len(above)) for a in above]
    holdings["top"] = [("l0a", 0.1)]  # the circle back down
    assert blocked("s", holdings, {"top"}) == Blocked(1.0, frozenset({"top"}))


def test_a_chain_longer_than_the_recursion_limit() -> None:
    n = 5000
    holdings: Table = {f"e{i}": [(f"e{i + 1}", 1.0)] for i in range(n)}
    holdings[f"e{n}"] = [("top", 0.5), ("e0", 0.1)]  # the circle back to the bottom
    assert blocked("e0", holdings, {"top"}) == Blocked(1.0, frozenset({"top"}))


def test_an_owner_holding_twice_counts_both_holdings() -> None:
    holdings = {"s": [("x", 0.3), ("x", 0.25)]}  # two classes of shares
    assert blocked("s", holdings, {"x"}) == Blocked(0.55, frozenset({"x"}))


_EDGES = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from([0.1, 0.25, 0.4, 0.5, 1.0])),
    max_size=18,
)
_LISTED = st.sets(st.integers(0, 6), max_size=3)


def _table(edges: list[tuple[int, int, float]]) -> Table:
    holdings: Table = {}
    for held, owner, share in edges:
        if held != owner:
            holdings.setdefault(f"n{held}", []).append((f"n{owner}", share))
    return holdings


@given(_EDGES, _LISTED, st.permutations(range(7)))
def test_the_count_is_the_least_fixed_point_whatever_the_order_of_questions(
    edges: list[tuple[int, int, float]], listed_numbers: set[int], order: list[int]
) -> None:
    # Holdings in any direction: circles and cross-holdings included.
    holdings = _table(edges)
    listed = {f"n{i}" for i in listed_numbers}
    expected = reference(holdings, listed)
    count = counter(holdings, listed)
    for i in order:
        node = f"n{i}"
        assert count.of(("entity", node)) == expected.get(node), node


@given(_EDGES, _LISTED, st.integers(0, 6), st.integers(0, 6))
def test_listing_one_more_person_never_unblocks_anyone(
    edges: list[tuple[int, int, float]], listed_numbers: set[int], more: int, asked: int
) -> None:
    holdings = _table(edges)
    listed = {f"n{i}" for i in listed_numbers}
    before = blocked(f"n{asked}", holdings, listed)
    after = blocked(f"n{asked}", holdings, listed | {f"n{more}"})
    if before is not None:
        assert after is not None and after.share >= before.share and before.ids <= after.ids
