"""Input limits: an input at a limit is read, one just over it is refused with a message that
names the limit and how to raise it, before the work it would cost."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import riskkit
from riskkit.cli import main
from riskkit.decisions.diff import load_report
from riskkit.decisions.waivers import load_waivers
from riskkit.decisions.whatif import Patch, apply_patch, load_patch
from riskkit.limits import (
    DEFAULT_LIMITS,
    LIMIT_NAMES,
    LimitExceeded,
    Limits,
    current_limits,
    input_limits,
    ownership_depth,
    parse_overrides,
)
from riskkit.model.loading import load_procurement, procurement_from_dict
from riskkit.packs import load_packs
from riskkit.screening import read_list
from tests.conftest import EXAMPLES, ROOT

GOOD = EXAMPLES / "clean-eu-municipal-cctv.toml"
FIXTURES = ROOT / "tests" / "screening_fixtures"
PACK_HEAD = '[pack]\nid = "p"\nversion = "1"\ntitle = "t"\n'
RULE = """
[[rules]]
id = "R-{n}"
kind = "condition"
title = "Policy"
scope = ["US"]
effective = {{ from = 2024-01-01 }}
outcome = "restricted"
severity = "low"
confidence = "high"
rationale = "r"
citations = [{{ title = "p", url = "https://example.org/p" }}]
params = {{ when = {{ path = "buyer.kind", op = "eq", value = "school" }} }}
"""


def _good() -> dict[str, Any]:
    return tomllib.loads(GOOD.read_text("utf-8"))


def _refused(caught: pytest.ExceptionInfo[LimitExceeded], limit: str, needed: int) -> None:
    """The refusal names the limit and the value that would accept the input."""
    assert caught.value.limit == limit
    text = str(caught.value)
    assert f"the {limit} limit is" in text
    assert f"--input-limit {limit}={needed}" in text
    assert f"input_limits({limit}={needed})" in text


# File size


@pytest.mark.parametrize(
    ("path", "load"),
    [
        (GOOD, load_procurement),
        (EXAMPLES / "waivers" / "portland-retailer-waivers.toml", load_waivers),
        (EXAMPLES / "what-if" / "eu-smart-city-keep-data-home.toml", load_patch),
        (FIXTURES / "entities.toml", read_list),
    ],
    ids=["procurement", "waivers", "patch", "entity-toml"],
)
def test_a_file_at_the_input_size_limit_is_read_and_one_byte_over_is_refused(
    path: Path, load: Any
) -> None:
    size = path.stat().st_size
    with input_limits(input_bytes=size):
        load(path)
    with input_limits(input_bytes=size - 1), pytest.raises(LimitExceeded) as caught:
        load(path)
    _refused(caught, "input_bytes", size)
    assert f"file is {size:,} bytes" in str(caught.value)


def test_a_pack_at_the_input_size_limit_loads_and_one_byte_over_is_refused(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text(PACK_HEAD + RULE.format(n=1), encoding="utf-8")
    size = pack.stat().st_size
    with input_limits(input_bytes=size):
        assert load_packs([pack], builtin=False).rule("R-1")
    with input_limits(input_bytes=size - 1), pytest.raises(LimitExceeded) as caught:
        load_packs([pack], builtin=False)
    _refused(caught, "input_bytes", size)


def test_a_report_at_the_report_size_limit_is_read_and_one_byte_over_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "report.json"
    path.write_text(riskkit.assess(GOOD, as_of=date(2026, 6, 1)).to_json(), encoding="utf-8")
    size = path.stat().st_size
    with input_limits(report_bytes=size):
        load_report(path)
    with input_limits(report_bytes=size - 1), pytest.raises(LimitExceeded) as caught:
        load_report(path)
    _refused(caught, "report_bytes", size)


@pytest.mark.parametrize("name", ["targets.simple.csv", "csl.json", "csl_truncated.csv"])
def test_a_list_file_at_the_list_size_limit_is_read_and_one_byte_over_is_refused(
    name: str,
) -> None:
    path = FIXTURES / name
    size = path.stat().st_size
    with input_limits(list_bytes=size):
        read_list(path)
    with input_limits(list_bytes=size - 1), pytest.raises(LimitExceeded) as caught:
        read_list(path)
    _refused(caught, "list_bytes", size)


# Line length


def _with_comment_line(tmp_path: Path, length: int) -> Path:
    """The good procurement with a comment line of exactly ``length`` bytes (no line ending)."""
    path = tmp_path / f"line-{length}.toml"
    path.write_text(GOOD.read_text("utf-8") + "#" + "x" * (length - 1) + "\n", encoding="utf-8")
    return path


def test_a_toml_line_at_the_line_limit_is_read_and_one_byte_longer_is_refused(
    tmp_path: Path,
) -> None:
    with input_limits(line_bytes=5000):
        load_procurement(_with_comment_line(tmp_path, 5000))
        with pytest.raises(LimitExceeded) as caught:
            load_procurement(_with_comment_line(tmp_path, 5001))
    _refused(caught, "line_bytes", 5001)
    last_line = len(GOOD.read_text("utf-8").splitlines()) + 1
    assert caught.value.problems[0].location == f"line {last_line}"


def test_a_json_document_on_one_line_is_not_held_to_the_line_limit(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(riskkit.load_procurement(GOOD).model_dump_json(by_alias=True), "utf-8")
    with input_limits(line_bytes=100):
        assert load_procurement(path).id == "utrecht-townhall-cctv"


def test_a_list_line_at_the_line_limit_is_read_and_one_byte_longer_is_refused(
    tmp_path: Path,
) -> None:
    head, row = (FIXTURES / "targets.simple.csv").read_text("utf-8").splitlines()
    for length, accepted in ((len(row), True), (len(row) - 1, False)):
        path = tmp_path / f"targets-{length}.simple.csv"
        path.write_text(f"{head}\n{row}\n", encoding="utf-8")
        with input_limits(line_bytes=length):
            if accepted:
                assert read_list(path).counts["entries"] == 1
            else:
                with pytest.raises(LimitExceeded) as caught:
                    read_list(path)
                assert caught.value.limit == "line_bytes"
                assert caught.value.problems[0].location == "line 2"


# Counts in a procurement


def _with_components(count: int) -> dict[str, Any]:
    data = _good()
    template = data["components"][0]
    data["components"] = [template] + [{**template, "id": f"cam-{i}"} for i in range(count - 1)]
    return data


def _with_parties(count: int) -> dict[str, Any]:
    data = _good()
    data["parties"] += [
        {"id": f"extra-{i}", "name": f"Extra Holding {i} B.V."} for i in range(count - 2)
    ]
    return data


def _with_flows(count: int) -> dict[str, Any]:
    data = _good()
    template = data["data_flows"][0]
    data["data_flows"] = [{**template, "id": f"flow-{i}"} for i in range(count)]
    return data


@pytest.mark.parametrize(
    ("limit", "build"),
    [("components", _with_components), ("parties", _with_parties), ("data_flows", _with_flows)],
)
def test_a_procurement_at_a_count_limit_loads_and_one_more_is_refused(
    limit: str, build: Any
) -> None:
    with input_limits(None, **{limit: 5}):
        assert len(getattr(procurement_from_dict(build(5)), limit)) == 5
        with pytest.raises(LimitExceeded) as caught:
            procurement_from_dict(build(6), source="big.toml")
    _refused(caught, limit, 6)
    (problem,) = caught.value.problems
    assert (problem.source, problem.location) == ("big.toml", limit)
    assert f"6 {limit}" in problem.message


def test_every_count_over_its_limit_is_named_at_once() -> None:
    data = _with_components(3)
    data["data_flows"] = _with_flows(3)["data_flows"]
    with input_limits(components=2, data_flows=2), pytest.raises(LimitExceeded) as caught:
        procurement_from_dict(data)
    assert [p.location for p in caught.value.problems] == ["components", "data_flows"]


def _chain(links: int) -> dict[str, Any]:
    """The good procurement whose maker is owned through a chain of ``links`` owners."""
    data = _good()
    holdings: list[dict[str, Any]] = [
        {"id": f"h{i}", "name": f"Holding {i} B.V."} for i in range(links)
    ]
    for i in range(links - 1):
        holdings[i]["owners"] = [{"party": f"h{i + 1}", "share": 1.0}]
    data["parties"][0]["owners"] = [{"party": "h0", "share": 1.0}]
    data["parties"] += holdings
    return data


def test_an_ownership_cycle_is_reported_as_a_cycle_whatever_the_depth_limit() -> None:
    data = _chain(5)
    data["parties"][-1]["owners"] = [{"party": "h0", "share": 1.0}]
    with input_limits(ownership_depth=2), pytest.raises(riskkit.InvalidInput) as caught:
        procurement_from_dict(data)
    assert not isinstance(caught.value, LimitExceeded)
    assert "ownership cycle" in str(caught.value)


def test_an_ownership_chain_at_the_depth_limit_loads_and_one_link_more_is_refused() -> None:
    with input_limits(ownership_depth=6):
        procurement_from_dict(_chain(6))
        with pytest.raises(LimitExceeded) as caught:
            procurement_from_dict(_chain(7))
    _refused(caught, "ownership_depth", 7)
    assert "a chain of 7 owners above party 'maker'" in str(caught.value)


def test_a_what_if_patch_that_takes_a_procurement_over_a_limit_is_refused() -> None:
    procurement = procurement_from_dict(_good())
    patch = Patch.model_validate(
        {
            "title": "Another maker",
            "changes": [
                {
                    "op": "swap_manufacturer",
                    "components": ["cams"],
                    "manufacturer": "other",
                    "party": {"id": "other", "name": "Other Camera Works B.V."},
                }
            ],
        }
    )
    with input_limits(parties=3):
        assert len(apply_patch(procurement, patch).parties) == 3
    with input_limits(parties=2), pytest.raises(LimitExceeded) as caught:
        apply_patch(procurement, patch, source="swap.toml")
    assert caught.value.problems[0].source == "swap.toml applied to utrecht-townhall-cctv"


# Rules per pack


def test_a_pack_at_the_rule_limit_loads_and_one_rule_more_is_refused(tmp_path: Path) -> None:
    def pack(count: int) -> Path:
        path = tmp_path / f"p{count}.toml"
        path.write_text(PACK_HEAD + "".join(RULE.format(n=i) for i in range(count)), "utf-8")
        return path

    with input_limits(rules_per_pack=4):
        assert len(load_packs([pack(4)], builtin=False).rules) == 4
        with pytest.raises(LimitExceeded) as caught:
            load_packs([pack(5)], builtin=False)
    _refused(caught, "rules_per_pack", 5)
    assert caught.value.problems[0].source == str(tmp_path / "p5.toml")


# Ownership depth, measured


def test_ownership_depth_counts_links_in_the_longest_chain() -> None:
    assert ownership_depth({}) == (0, "")
    assert ownership_depth({"a": [], "b": []}) == (0, "")
    assert ownership_depth({"a": ["b"], "b": ["c"], "c": []}) == (2, "a")
    # An owner that is not a party still counts as a link.
    assert ownership_depth({"a": ["outside"]}) == (1, "a")


def test_ownership_depth_of_diamonds_is_linear_and_exact() -> None:
    # 200 layers of two parties, each owned by both parties of the layer above: 2**200 paths.
    owners = {f"{layer}-{side}": [f"{layer + 1}-a", f"{layer + 1}-b"]
              for layer in range(200) for side in "ab"}  # fmt: skip
    owners |= {"200-a": [], "200-b": []}
    assert ownership_depth(owners)[0] == 200


def test_ownership_depth_terminates_on_cycles_and_long_chains() -> None:
    assert ownership_depth({"a": ["b"], "b": ["a"]})[0] == 1
    chain = {f"p{i}": [f"p{i + 1}"] for i in range(50_000)}
    assert ownership_depth(chain) == (50_000, "p0")


# Setting the limits


def test_input_limits_changes_only_the_block_and_the_limits_named() -> None:
    before = current_limits()
    with input_limits(parties=7) as inside:
        assert current_limits() is inside
        assert inside.parties == 7
        assert inside.components == before.components
    assert current_limits() == before == DEFAULT_LIMITS


def test_an_unknown_or_non_positive_limit_is_refused() -> None:
    with pytest.raises(TypeError, match="unknown limit 'partys'"), input_limits(partys=3):
        pass
    with pytest.raises(ValueError, match="positive whole number"):
        Limits(parties=0)


def test_overrides_parse_with_separators_and_refuse_what_is_not_a_limit() -> None:
    assert parse_overrides(["components=250_000", "input-bytes=1,000"]) == {
        "components": 250_000,
        "input_bytes": 1000,
    }
    for bad, message in [
        ("components", "expected NAME=N"),
        ("widgets=3", "expected NAME=N"),
        ("parties=many", "not a whole number"),
        ("parties=0", "at least 1"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse_overrides([bad])


def test_the_cli_refuses_over_a_limit_and_accepts_it_raised(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["assess", str(GOOD), "--as-of", "2026-06-01", "--format", "json"]
    assert main([*argv, "--input-limit", "components=0"]) == 2
    assert "a limit must be at least 1" in capsys.readouterr().err
    assert main([*argv, "--input-limit", "input_bytes=100"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("riskkit: error: ") and "the input_bytes limit is 100 bytes" in err
    assert main([*argv, "--input-limit", "components=1", "--input-limit", "parties=2"]) == 0
    assert '"verdict": "acceptable"' in capsys.readouterr().out
    assert current_limits() == DEFAULT_LIMITS


def test_every_subcommand_takes_input_limit(capsys: pytest.CaptureFixture[str]) -> None:
    pack = ROOT / "rules" / "entities.toml"
    assert main(["rules", "validate", str(pack), "--input-limit", "input_bytes=10"]) == 2
    assert "the input_bytes limit is 10 bytes" in capsys.readouterr().err
    listed = FIXTURES / "targets.simple.csv"
    assert main(["lists", "show", str(listed), "--input-limit", "list_bytes=10"]) == 2
    assert "the list_bytes limit is 10 bytes" in capsys.readouterr().err


# Documentation


def test_docs_list_every_limit_with_its_default() -> None:
    text = (ROOT / "docs" / "limits.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| ([\d,]+(?: MiB)?) \|", text, re.MULTILINE))
    assert set(rows) == set(LIMIT_NAMES)
    for field in attrs.fields(Limits):
        shown = rows[field.name]
        value = int(shown.removesuffix(" MiB").replace(",", ""))
        if shown.endswith("MiB"):
            value *= 1024 * 1024
        assert value == getattr(DEFAULT_LIMITS, field.name), field.name
