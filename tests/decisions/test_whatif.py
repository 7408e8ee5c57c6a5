"""What-if patches: typed changes applied to a procurement, and what they change."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from riskkit.api import assess, suggest, what_if
from riskkit.cli import main
from riskkit.decisions.suggestions import SuggestedWhatIf
from riskkit.decisions.whatif import Patch, apply_patch, load_patch, patch_from_dict
from riskkit.decisions.whatif.ops import ALL, OPS, SUGGESTION_ORDER
from riskkit.errors import InvalidInput
from riskkit.model.loading import load_procurement, procurement_from_dict
from tests.conftest import EXAMPLES
from tests.support.strategies import procurements

AS_OF = date(2026, 6, 1)
GRANT = EXAMPLES / "us-police-cctv-federal-grant.toml"
PORTLAND = EXAMPLES / "portland-retailer-entrance-cameras.toml"
SMART_CITY = EXAMPLES / "eu-smart-city-us-cloud.toml"
PATCHES = EXAMPLES / "what-if"
SWAP = PATCHES / "us-police-cctv-swap-manufacturer.toml"


def test_swapping_the_manufacturer_lifts_the_grant_prohibition() -> None:
    result = what_if(GRANT, SWAP, as_of=AS_OF)
    assert result.baseline.verdict == "prohibited"
    assert result.patched.verdict not in ("prohibited", "prohibited_unless_exception")
    assert result.diff.verdict.direction == "better"
    gone = {(c.rule_id, c.subject) for c in result.diff.resolved}
    on_swapped = {
        (f.rule_id, f.subject)
        for f in result.baseline.findings
        if f.subject in ("components[street-cams]", "components[nvr]")
    }
    assert gone == on_swapped
    assert ("LE-US-NDAA889-B-VIDEO", "components[street-cams]") in gone
    assert ("LE-US-NDAA889-B-VIDEO", "components[nvr]") in gone
    assert not result.diff.new


def test_what_if_output_names_every_finding_that_goes_away(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["assess", str(GRANT), "--as-of", "2026-06-01", "--what-if", str(SWAP)])
    out = capsys.readouterr().out
    assert code == 0  # the exit code follows the patched deployment
    assert "PROHIBITED → **" in out
    section = out.split("## Findings that go away")[1].split("## Changed")[0]
    baseline = assess(GRANT, as_of=AS_OF)
    for f in baseline.findings:
        assert f"`{f.rule_id}` on `{f.subject}`" in section
        assert f.fingerprint in section


def test_what_if_json_holds_baseline_patched_and_diff(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(GRANT), "--as-of", "2026-06-01", "--what-if", str(SWAP),
          "--format", "json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["baseline"]["verdict"] == "prohibited"
    assert data["diff"]["verdict"]["before"] == "prohibited"
    assert data["patch"]["changes"][0]["op"] == "swap_manufacturer"


def test_swap_moves_the_old_makers_roles_to_the_new_one() -> None:
    p = load_procurement(GRANT)
    # the example's quote names no maker: give the cameras one that pushes their firmware
    old = p.components[0].model_copy(
        update={"manufacturer": "integrator", "firmware_updates_by": "integrator"}
    )
    p = p.model_copy(update={"components": (old, *p.components[1:])})
    patched = apply_patch(p, load_patch(SWAP))
    cams = next(c for c in patched.components if c.id == "street-cams")
    assert cams.manufacturer == "axis"
    assert cams.brand == "Axis"
    assert cams.model is None
    assert cams.firmware_updates_by == "axis"
    assert any(party.id == "axis" for party in patched.parties)


def test_turning_off_face_recognition_clears_the_portland_ban() -> None:
    patch = Patch.model_validate(
        {"title": "no face recognition",
         "changes": [{"op": "disable_capability",
                      "capabilities": ["face_detection", "facial_recognition"]}]}
    )  # fmt: skip
    result = what_if(PORTLAND, patch, as_of=AS_OF)
    assert "BB-US-OR-PORTLAND-PRIVATE" in {c.rule_id for c in result.diff.resolved}
    flows = apply_patch(load_procurement(PORTLAND), patch).data_flows
    assert all("biometric_templates" not in f.data for f in flows)


def test_holding_the_keys_lowers_residual_more_than_inherent() -> None:
    result = what_if(SMART_CITY, PATCHES / "eu-smart-city-keep-data-home.toml", as_of=AS_OF)
    b, a = result.baseline.scores, result.patched.scores
    assert a.residual < b.residual
    assert a.residual <= a.inherent
    assert b.inherent - a.inherent < b.residual - a.residual
    patched = apply_patch(load_procurement(SMART_CITY), result.patch)
    kinds = {m.kind for m in patched.mitigations}
    assert {"customer_held_keys", "data_localisation"} <= kinds
    assert all(f.encryption and f.encryption.keys_held_by == "buyer" for f in patched.data_flows)


def test_removing_remote_access_declares_none() -> None:
    patch = Patch.model_validate(
        {"title": "t", "changes": [{"op": "remove_remote_access", "components": ["entrance-cams"]}]}
    )
    patched = apply_patch(load_procurement(PORTLAND), patch)
    assert patched.components[0].remote_access == ()
    assert "no_vendor_remote_access" in {m.kind for m in patched.mitigations}


def test_every_shipped_patch_applies_to_its_example() -> None:
    pairs = {
        "us-police-cctv-swap-manufacturer.toml": GRANT,
        "portland-retailer-no-face-recognition.toml": PORTLAND,
        "eu-smart-city-keep-data-home.toml": SMART_CITY,
    }
    assert {p.name for p in PATCHES.glob("*.toml")} == set(pairs)
    for name, example in pairs.items():
        result = what_if(example, PATCHES / name, as_of=AS_OF)
        assert result.diff.resolved or result.diff.changed, name


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        patch_from_dict(data, source="patch.toml")
    return [str(p) for p in info.value.problems]


def test_unknown_op_is_an_error_naming_file_field_and_choices() -> None:
    (msg,) = _problems({"title": "t", "changes": [{"op": "hold_key"}]})
    assert msg.startswith("patch.toml: changes[0]")
    assert "hold_key" in msg
    assert 'did you mean "hold_keys"' in msg


def test_unknown_field_of_an_op_lists_the_fields_it_takes() -> None:
    (msg,) = _problems({"title": "t", "changes": [{"op": "hold_keys", "flow": ["x"]}]})
    assert msg.startswith("patch.toml: changes[0].flow: unknown field for op 'hold_keys'")
    assert 'did you mean "flows"' in msg


def test_missing_op_and_top_level_typos_are_located() -> None:
    problems = _problems({"titel": "t", "changes": [{"flows": []}]})
    assert any(p.startswith("patch.toml: titel: unknown field") for p in problems)
    assert any(p.startswith("patch.toml: title: required field is missing") for p in problems)
    assert any(p.startswith("patch.toml: changes[0]: required field 'op'") for p in problems)


def test_references_to_unknown_ids_name_the_patch_field() -> None:
    patch = Patch.model_validate(
        {"title": "t", "changes": [{"op": "swap_manufacturer", "components": ["street-cam"],
                                    "manufacturer": "nobody"}]}
    )  # fmt: skip
    with pytest.raises(InvalidInput) as info:
        apply_patch(load_procurement(GRANT), patch, source="p.toml")
    messages = [str(p) for p in info.value.problems]
    assert any(
        m.startswith("p.toml: changes[0].components[0]: no component") and "street-cams" in m
        for m in messages
    )
    assert any(m.startswith("p.toml: changes[0].manufacturer: no party") for m in messages)


def test_a_patched_procurement_that_is_not_valid_names_the_patch_and_the_field() -> None:
    patch = Patch.model_validate(
        {"title": "t", "changes": [{"op": "swap_manufacturer", "components": ["street-cams"],
                                    "manufacturer": "new-maker",
                                    "party": {"id": "new-maker", "name": "New Maker",
                                              "owners": [{"party": "nobody"}]}}]}
    )  # fmt: skip
    procurement = load_procurement(GRANT)
    with pytest.raises(InvalidInput) as info:
        apply_patch(procurement, patch, source="p.toml")
    (problem,) = info.value.problems
    assert problem.source == f"p.toml applied to {procurement.id}"
    added = len(procurement.parties)
    assert problem.location == f"parties[{added}].owners[0].party (in parties id 'new-maker')"
    assert 'no party with id "nobody"' in problem.message


def test_every_operation_is_tried_by_suggestions_once() -> None:
    assert sorted(SUGGESTION_ORDER, key=ALL.index) == list(ALL)
    assert list(OPS) == [
        "store_in_jurisdiction",
        "hold_keys",
        "disable_capability",
        "remove_remote_access",
        "swap_manufacturer",
    ]


def test_cli_bad_patch_exits_2_with_a_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "t"\n[[changes]]\nop = "fly_to_the_moon"\n', encoding="utf-8")
    code = main(["assess", str(GRANT), "--what-if", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert f"{bad}: changes[0]: unknown op 'fly_to_the_moon'" in err


def test_what_if_needs_exactly_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", str(GRANT), str(PORTLAND), "--what-if", str(SWAP)])
    assert code == 2
    assert "exactly one FILE" in capsys.readouterr().err


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(procurements())
def test_an_empty_patch_changes_nothing(doc: dict[str, Any]) -> None:
    p = procurement_from_dict(doc)
    assert apply_patch(p, Patch(title="nothing")) == p
    result = what_if(p, Patch(title="nothing"), as_of=AS_OF)
    assert result.diff.is_empty
    assert result.baseline == result.patched


def test_suggestions_for_the_grant_swap_each_listed_camera_maker() -> None:
    found = suggest(GRANT, as_of=AS_OF)
    assert found.verdict == "prohibited"
    ndaa = [f for f in found.findings if f.rule_id == "LE-US-NDAA889-B-VIDEO"]
    assert {f.subject for f in ndaa} == {"components[street-cams]", "components[nvr]"}
    for f in ndaa:
        assert f.remediation  # the rule's own advice comes along
        first = f.options[0]
        assert len(first.changes) == 1
        assert first.changes[0].op == "swap_manufacturer"
        assert f.subject == f"components[{first.changes[0].components[0]}]"
    assert found.plan_verdict not in ("prohibited", "prohibited_unless_exception")


def test_suggestions_for_portland_turn_off_face_recognition() -> None:
    found = suggest(PORTLAND, as_of=AS_OF)
    ban = next(f for f in found.findings if f.rule_id == "BB-US-OR-PORTLAND-PRIVATE")
    assert any(o.changes[0].op == "disable_capability" for o in ban.options if len(o.changes) == 1)
    assert found == suggest(PORTLAND, as_of=AS_OF)


def test_an_acceptable_result_needs_no_suggestions() -> None:
    found = suggest(EXAMPLES / "clean-eu-municipal-cctv.toml", as_of=AS_OF)
    assert found.findings == ()
    assert found.tried == 0


def test_cli_suggest_appends_suggestions_to_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(PORTLAND), "--as-of", "2026-06-01", "--suggest"])
    out = capsys.readouterr().out
    assert "## Suggestions" in out
    assert "turn off face_detection, facial_recognition on entrance-cams" in out
    main(["assess", str(PORTLAND), "--as-of", "2026-06-01", "--suggest", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"report", "suggestions"}


def test_what_if_with_suggest_in_json_holds_the_suggestions_for_the_patched_deployment(
    capsys: pytest.CaptureFixture[str],
) -> None:
    patch = PATCHES / "portland-retailer-no-face-recognition.toml"
    args = ["assess", str(PORTLAND), "--as-of", "2026-06-01", "--what-if", str(patch), "--suggest"]
    main([*args, "--format", "json"])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data) == ["patch", "baseline", "patched", "diff", "suggestions"]
    shown = SuggestedWhatIf.model_validate_json(out)
    patched = apply_patch(load_procurement(PORTLAND), load_patch(patch))
    assert shown.suggestions == suggest(patched, as_of=AS_OF)
    assert shown.suggestions.verdict == shown.patched.verdict == "elevated_risk"
    assert {f.rule_id for f in shown.suggestions.findings} >= {"LE-US-FCC-EQAUTH-VIDEO"}
    main([*args, "--format", "markdown"])
    markdown = capsys.readouterr().out
    for f in shown.suggestions.findings:
        assert f"### `{f.rule_id}` on `{f.subject}`" in markdown


def test_what_if_json_without_suggest_has_no_suggestions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["assess", str(GRANT), "--as-of", "2026-06-01", "--what-if", str(SWAP),
          "--format", "json"])  # fmt: skip
    assert "suggestions" not in json.loads(capsys.readouterr().out)
