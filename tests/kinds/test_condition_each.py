"""``each`` in a policy: the tests under it speak of one item of a list. ``all`` of two tests on
``data_flows[*]`` holds when any flow meets each, so a vendor cloud in the EU and a buyer's own
server abroad met "a vendor cloud outside the EU" (the example policy's own wording, until
2026-12-07); ``each`` asks it of one flow."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.cli import main
from riskkit.engine import evaluate
from riskkit.kinds.condition import evaluate_predicate
from riskkit.kinds.condition.params import Predicate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import load_packs
from tests.conftest import EXAMPLES
from tests.kinds.test_kind_condition import _policy_when

DAY = date(2026, 11, 26)
VENDOR_CLOUD = {"path": "to.kind", "op": "eq", "value": "vendor_cloud"}
OUTSIDE_EU = {"path": "to.location", "op": "not_within", "value": "EU"}
ONE_FLOW = {"each": "data_flows[*]", "where": {"all": [VENDOR_CLOUD, OUTSIDE_EU]}}
ANY_FLOWS = {
    "all": [
        {"path": "data_flows[*].to.kind", "op": "eq", "value": "vendor_cloud"},
        {"path": "data_flows[*].to.location", "op": "not_within", "value": "EU"},
    ]
}


def _deal(*flows: tuple[str, str], **component: Any) -> Any:
    """A Berlin camera with a flow to each (kind, location)."""
    doc = {
        "schema_version": 1, "id": "x", "title": "x",
        "buyer": {"name": "City", "kind": "local_government", "jurisdiction": "DE-BE:Berlin"},
        "sites": [{"id": "s", "jurisdiction": "DE-BE:Berlin"}],
        "parties": [{"id": "vendor", "name": "Vendor GmbH", "incorporated_in": "DE"}],
        "components": [{"id": "cam", "kind": "ip_camera", "site": "s", "manufacturer": "vendor",
                        "capabilities": ["video"], "firmware_updates_by": "buyer",
                        "remote_access": [], **component}],
        "data_flows": [
            {"id": f"f{i}", "from": "cam", "data": ["video"],
             "to": {"operator": "vendor" if kind == "vendor_cloud" else "buyer",
                    "location": where, "kind": kind}}
            for i, (kind, where) in enumerate(flows)
        ],
    }  # fmt: skip
    return procurement_from_dict(doc)


def _holds(spec: dict[str, Any], deal: Any) -> tuple[bool | None, list[str]]:
    ok, evidence = evaluate_predicate(Predicate.model_validate(spec), deal, DAY)
    return ok, [e.path for e in evidence]


def test_each_asks_its_tests_of_one_item() -> None:
    apart = _deal(("vendor_cloud", "DE"), ("on_premises", "GB"))
    assert _holds(ANY_FLOWS, apart)[0] is True  # two flows meet the two tests
    assert _holds(ONE_FLOW, apart) == (False, [])  # no one flow meets both
    together = _deal(("on_premises", "DE"), ("vendor_cloud", "US"))
    assert _holds(ONE_FLOW, together) == (
        True,
        ["data_flows[f1].to.kind", "data_flows[f1].to.location"],
    )


def test_each_over_no_items_is_false_and_not_of_it_holds() -> None:
    none = _deal()
    assert _holds(ONE_FLOW, none) == (False, [])
    assert _holds({"not": ONE_FLOW}, none)[0] is True
    assert _holds({"not": ONE_FLOW}, _deal(("vendor_cloud", "US")))[0] is False


def test_an_item_whose_deciding_value_is_left_out_is_not_known() -> None:
    face = {
        "each": "components[*]",
        "where": {"all": [
            {"path": "kind", "op": "eq", "value": "ip_camera"},
            {"path": "capabilities", "op": "contains", "value": "facial_recognition"},
        ]},
    }  # fmt: skip
    left_out = _deal(capabilities=None)
    assert _holds(face, left_out) == (None, ["components[cam].capabilities"])
    assert _holds({"not": face}, left_out)[0] is None
    assert _holds(face, _deal(capabilities=["facial_recognition"]))[0] is True
    assert _holds(face, _deal(capabilities=["video"]))[0] is False


def test_a_policy_with_each_fires_on_the_flow_that_meets_it(tmp_path: Path) -> None:
    when = (
        '{ each = "data_flows[*]", where = { all = ['
        '{ path = "to.kind", op = "eq", value = "vendor_cloud" }, '
        '{ path = "to.location", op = "not_within", value = "EU" } ] } }'
    )
    rules = load_packs([_policy_when(tmp_path, when)], builtin=False, plugins=False)
    apart = evaluate(_deal(("vendor_cloud", "DE"), ("on_premises", "GB")), rules, DAY)
    assert (apart.findings, apart.verdict) == ((), "acceptable")
    together = evaluate(_deal(("vendor_cloud", "US")), rules, DAY)
    [finding] = together.findings
    assert (finding.rule_id, finding.subject, finding.outcome) == (
        "ORG-1",
        "data_flows[f0]",
        "restricted",
    )


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ('{ each = "data_flows", where = { path = "to.kind", op = "exists" } }',
         "names no list items; end it with [*]"),
        ('{ each = "data_flows[*]", where = { path = "to.locaton", op = "exists" } }',
         'did you mean "location"'),
        ('{ each = "components[*].capabilities[*]", where = { all = [] } }',
         "are values, not objects"),
        ('{ each = "data_flows[*]", where = { path = "to.kind", op = "within", value = "EU" } }',
         "data_flows[*].to.kind is not a place"),
        ('{ each = "data_flows[*]" }', "each and where go together"),
    ],
)  # fmt: skip
def test_a_wrong_each_is_a_load_error_that_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], when: str, problem: str
) -> None:
    pack = _policy_when(tmp_path, when)
    example = str(EXAMPLES / "eu-smart-city-us-cloud.toml")
    for argv in (["rules", "validate", str(pack)], ["assess", example, "--rules", str(pack)]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, err
        assert "internal error" not in err and "Traceback" not in err
        assert problem in err, err
