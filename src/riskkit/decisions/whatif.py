"""What-if: apply a patch of typed changes to a procurement and see which findings change.

A patch is a data file (TOML or JSON) with a title and a list of ``[[changes]]``, each one of a
small set of operations:

``store_in_jurisdiction``
    Keep data flows' destinations in one place (by default the buyer's jurisdiction), optionally
    with another host and destination kind. Declares a ``data_localisation`` mitigation.
``hold_keys``
    The buyer holds the encryption keys and data is encrypted at rest and in transit. Declares a
    ``customer_held_keys`` mitigation.
``disable_capability``
    Buy components without some capabilities (``facial_recognition``, ...). Biometric data stops
    flowing from a component left with no biometric capability. Declares ``feature_disabled``.
``remove_remote_access``
    No remote access to components by the parties named (by default by anyone). Declares a
    ``no_vendor_remote_access`` mitigation.
``swap_manufacturer``
    Buy components from another maker: the manufacturer, brand and model change, and whatever the
    old maker did for those components (firmware updates, remote access, operating their data
    flows) passes to the new one. The new maker is a party of the procurement, or is defined
    in the change's ``party`` table.

Applying a patch never runs code; every reference is checked, and problems name the patch file
and the field.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from riskkit._support.io import read_document
from riskkit._support.located import Loc, problems_from_validation
from riskkit._support.spelling import did_you_mean
from riskkit.decisions.diff import ReportDiff, diff_reports
from riskkit.errors import InvalidInput, Problem
from riskkit.limits import check_ownership_depth, check_procurement
from riskkit.model import (
    Capability,
    DestinationKind,
    Identifier,
    MitigationKind,
    Party,
    Procurement,
)
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.loading import owners_of, problems_from
from riskkit.report import Report

BIOMETRIC_CAPABILITIES: frozenset[str] = frozenset(
    {
        "face_detection",
        "facial_recognition",
        "real_time_identification",
        "post_event_identification",
        "emotion_recognition",
        "biometric_categorisation",
        "untargeted_face_scraping",
        "gait_recognition",
    }
)
BIOMETRIC_DATA: frozenset[str] = frozenset({"biometric_templates", "biometric_matches"})


class Change(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class StoreInJurisdiction(Change):
    """Keep the data in one place: the buyer's jurisdiction unless another is named."""

    op: Literal["store_in_jurisdiction"]
    flows: tuple[Identifier, ...] = ()
    """Ids of the data flows to move; empty means every flow."""
    jurisdiction: Jurisdiction | None = None
    """Where the data is kept; left out, the buyer's own jurisdiction."""
    host: Identifier | None = None
    """A party to operate the destination instead of the current one."""
    kind: DestinationKind | None = None
    """A new destination kind (``on_premises``, ``buyer_cloud``, ...)."""


class HoldKeys(Change):
    """The buyer holds the keys; data is encrypted at rest and in transit."""

    op: Literal["hold_keys"]
    flows: tuple[Identifier, ...] = ()
    """Ids of the data flows; empty means every flow."""


class DisableCapability(Change):
    """Buy the components without some capabilities."""

    op: Literal["disable_capability"]
    capabilities: tuple[Capability, ...] = Field(min_length=1)
    """The capabilities to remove, such as ``["facial_recognition"]``."""
    components: tuple[Identifier, ...] = ()
    """Ids of the components; empty means every component that has one of them."""


class RemoveRemoteAccess(Change):
    """Nobody (or not the parties named) can reach the components remotely."""

    op: Literal["remove_remote_access"]
    components: tuple[Identifier, ...] = ()
    """Ids of the components; empty means every component."""
    parties: tuple[Identifier, ...] = ()
    """Ids of the parties whose access is removed; empty means every party."""


class SwapManufacturer(Change):
    """Buy the components from another maker."""

    op: Literal["swap_manufacturer"]
    components: tuple[Identifier, ...] = Field(min_length=1)
    """Ids of the components to source elsewhere."""
    manufacturer: Identifier
    """Id of the new maker: a party of the procurement, or the ``party`` defined here."""
    party: Party | None = None
    """The new maker, when the procurement does not have it yet (same fields as [[parties]])."""
    brand: str | None = None
    """The name on the new box; left out, the old brand is dropped."""
    model: str | None = None
    """The new model; left out, the old model is dropped."""


PatchChange = Annotated[
    StoreInJurisdiction | HoldKeys | DisableCapability | RemoveRemoteAccess | SwapManufacturer,
    Field(discriminator="op"),
]
OPS: dict[str, type[Change]] = {
    "store_in_jurisdiction": StoreInJurisdiction,
    "hold_keys": HoldKeys,
    "disable_capability": DisableCapability,
    "remove_remote_access": RemoveRemoteAccess,
    "swap_manufacturer": SwapManufacturer,
}
MITIGATION_OF_OP: dict[str, MitigationKind] = {
    "store_in_jurisdiction": "data_localisation",
    "hold_keys": "customer_held_keys",
    "disable_capability": "feature_disabled",
    "remove_remote_access": "no_vendor_remote_access",
}


class Patch(BaseModel):
    """A what-if patch: a title and the changes to apply, in order."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    schema_version: Literal[1] = 1
    title: str = Field(min_length=1)
    description: str | None = None
    changes: tuple[PatchChange, ...] = ()


def patch_from_dict(data: dict[str, Any], *, source: str = "<patch>") -> Patch:
    """Validate a parsed patch; raise InvalidInput naming the file and field of every problem."""
    try:
        return Patch.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(
            problems_from_validation(
                source, exc, tags=tuple(OPS), unknown_field=lambda loc: _unknown(loc, data)
            )
        ) from None


def _unknown(loc: Loc, data: dict[str, Any]) -> str:
    if len(loc) == 3 and loc[0] == "changes" and isinstance(loc[1], int):
        changes = data.get("changes")
        op = changes[loc[1]].get("op") if isinstance(changes, list) else None
        if isinstance(op, str) and op in OPS:
            fields = [f for f in OPS[op].model_fields if f != "op"]
            hint = did_you_mean(str(loc[2]), fields)
            return f"unknown field for op {op!r}{hint}; it takes {', '.join(fields)}"
    if len(loc) == 1:
        return "unknown field; a patch has schema_version, title, description and [[changes]]"
    return "unknown field"


def load_patch(path: str | Path) -> Patch:
    """Read a what-if patch from a TOML or JSON file."""
    path = Path(path)
    data, _ = read_document(path)
    return patch_from_dict(data, source=str(path))


# Applying


class _Draft:
    """A procurement as plain data while a patch is applied to it."""

    def __init__(self, procurement: Procurement, source: str) -> None:
        self.data: dict[str, Any] = procurement.model_dump(
            mode="json", by_alias=True, exclude_none=True
        )
        self.source = source
        self.problems: list[Problem] = []
        self.procurement = procurement

    def ids(self, table: str) -> list[str]:
        return [item["id"] for item in self.data.get(table, [])]

    def check(self, where: str, wanted: Sequence[str], table: str, what: str) -> None:
        known = self.ids(table)
        for i, ref in enumerate(wanted):
            if ref not in known:
                self.problems.append(
                    Problem(
                        self.source,
                        f"{where}[{i}]",
                        f'no {what} with id "{ref}" in procurement '
                        f'"{self.procurement.id}"{did_you_mean(ref, known)}',
                    )
                )

    def party(self, party_id: str) -> dict[str, Any] | None:
        return next((p for p in self.data.get("parties", []) if p["id"] == party_id), None)

    def selected(self, table: str, wanted: Sequence[str]) -> Iterator[dict[str, Any]]:
        for item in self.data.get(table, []):
            if not wanted or item["id"] in wanted:
                yield item

    def mitigate(self, index: int, op: str, applies_to: Sequence[str]) -> None:
        kind = MITIGATION_OF_OP[op]
        taken = set(self.ids("mitigations"))
        base = f"what-if-{index + 1}-{kind.replace('_', '-')}"
        mitigation_id, n = base, 1
        while mitigation_id in taken:
            n += 1
            mitigation_id = f"{base}-{n}"
        self.data.setdefault("mitigations", []).append(
            {
                "id": mitigation_id,
                "kind": kind,
                "applies_to": list(applies_to),
                "description": f"what-if change {index + 1} ({op})",
            }
        )


def _store(d: _Draft, i: int, c: StoreInJurisdiction) -> None:
    where = f"changes[{i}]"
    d.check(f"{where}.flows", c.flows, "data_flows", "data flow")
    if c.host is not None:
        d.check(f"{where}.host", [c.host], "parties", "party")
    if not d.ids("data_flows"):
        d.problems.append(Problem(d.source, where, "the procurement has no data flows to move"))
    place = str(c.jurisdiction or d.procurement.buyer.jurisdiction)
    for flow in d.selected("data_flows", c.flows):
        flow["to"]["location"] = place
        if c.host is not None:
            flow["to"]["operator"] = c.host
        if c.kind is not None:
            flow["to"]["kind"] = c.kind
    d.mitigate(i, c.op, c.flows)


def _hold_keys(d: _Draft, i: int, c: HoldKeys) -> None:
    d.check(f"changes[{i}].flows", c.flows, "data_flows", "data flow")
    if not d.ids("data_flows"):
        d.problems.append(Problem(d.source, f"changes[{i}]", "the procurement has no data flows"))
    for flow in d.selected("data_flows", c.flows):
        flow["encryption"] = {"in_transit": True, "at_rest": True, "keys_held_by": "buyer"}
    d.mitigate(i, c.op, c.flows)


def _disable(d: _Draft, i: int, c: DisableCapability) -> None:
    where = f"changes[{i}]"
    d.check(f"{where}.components", c.components, "components", "component")
    removed = set(c.capabilities)
    touched: list[str] = []
    for comp in d.selected("components", c.components):
        has = removed.intersection(comp.get("capabilities", ()))
        if not has:
            if c.components:
                d.problems.append(
                    Problem(
                        d.source,
                        f"{where}.components[{list(c.components).index(comp['id'])}]",
                        f"component {comp['id']!r} has none of {', '.join(c.capabilities)}",
                    )
                )
            continue
        touched.append(comp["id"])
        comp["capabilities"] = [x for x in comp["capabilities"] if x not in removed]
        if not BIOMETRIC_CAPABILITIES.intersection(comp["capabilities"]):
            _drop_biometric_data(d, comp["id"])
    if not touched and not c.components:
        d.problems.append(
            Problem(
                d.source,
                f"{where}.capabilities",
                f"no component has any of {', '.join(c.capabilities)}, so there is nothing to "
                "turn off",
            )
        )
    d.mitigate(i, c.op, touched)


def _drop_biometric_data(d: _Draft, component: str) -> None:
    kept = []
    for flow in d.data.get("data_flows", []):
        if flow["from"] == component:
            flow["data"] = [x for x in flow["data"] if x not in BIOMETRIC_DATA]
            if not flow["data"]:
                continue
        kept.append(flow)
    removed = {f["id"] for f in d.data.get("data_flows", [])} - {f["id"] for f in kept}
    d.data["data_flows"] = kept
    for m in d.data.get("mitigations", []):
        m["applies_to"] = [x for x in m.get("applies_to", []) if x not in removed]


def _remove_access(d: _Draft, i: int, c: RemoveRemoteAccess) -> None:
    where = f"changes[{i}]"
    d.check(f"{where}.components", c.components, "components", "component")
    d.check(f"{where}.parties", c.parties, "parties", "party")
    gone = set(c.parties)
    touched = []
    for comp in d.selected("components", c.components):
        current = comp.get("remote_access")
        if not c.parties:
            comp["remote_access"] = []
        elif current is not None:
            comp["remote_access"] = [p for p in current if p not in gone]
        touched.append(comp["id"])
    d.mitigate(i, c.op, touched if c.components else ())


def _swap(d: _Draft, i: int, c: SwapManufacturer) -> None:
    where = f"changes[{i}]"
    d.check(f"{where}.components", c.components, "components", "component")
    parties = d.ids("parties")
    if c.party is not None:
        if c.party.id != c.manufacturer:
            d.problems.append(
                Problem(
                    d.source,
                    f"{where}.party.id",
                    f'"{c.party.id}" is not the manufacturer "{c.manufacturer}" this change names',
                )
            )
        elif c.party.id in parties and d.party(c.party.id) != _party_data(c.party):
            d.problems.append(
                Problem(
                    d.source,
                    f"{where}.party.id",
                    f'the procurement already has a different party "{c.party.id}"; leave out '
                    "the party table to use it, or give the new maker another id",
                )
            )
        elif c.party.id not in parties:
            d.data.setdefault("parties", []).append(_party_data(c.party))
    elif c.manufacturer not in parties:
        d.problems.append(
            Problem(
                d.source,
                f"{where}.manufacturer",
                f'no party with id "{c.manufacturer}" in procurement "{d.procurement.id}"'
                f"{did_you_mean(c.manufacturer, parties)}; define the new maker in a "
                f"[changes.party] table",
            )
        )
    for comp in d.selected("components", c.components):
        old = comp.get("manufacturer")
        comp["manufacturer"] = c.manufacturer
        for field, value in (("brand", c.brand), ("model", c.model)):
            if value is None:
                comp.pop(field, None)
            else:
                comp[field] = value
        if old is None or old == c.manufacturer:
            continue
        if comp.get("firmware_updates_by") == old:
            comp["firmware_updates_by"] = c.manufacturer
        if comp.get("remote_access") is not None:
            comp["remote_access"] = sorted(
                {c.manufacturer if p == old else p for p in comp["remote_access"]}
            )
        for flow in d.data.get("data_flows", []):
            if flow["from"] == comp["id"] and flow["to"]["operator"] == old:
                flow["to"]["operator"] = c.manufacturer


def _party_data(party: Party) -> dict[str, Any]:
    return party.model_dump(mode="json", by_alias=True, exclude_none=True)


def _apply(d: _Draft, i: int, change: PatchChange) -> None:
    if isinstance(change, StoreInJurisdiction):
        _store(d, i, change)
    elif isinstance(change, HoldKeys):
        _hold_keys(d, i, change)
    elif isinstance(change, DisableCapability):
        _disable(d, i, change)
    elif isinstance(change, RemoveRemoteAccess):
        _remove_access(d, i, change)
    else:
        _swap(d, i, change)


def apply_patch(procurement: Procurement, patch: Patch, *, source: str = "<patch>") -> Procurement:
    """The procurement with the patch's changes applied in order; InvalidInput on bad references."""
    draft = _Draft(procurement, source)
    for i, change in enumerate(patch.changes):
        _apply(draft, i, change)
    if draft.problems:
        raise InvalidInput(draft.problems)
    where = f"{source} applied to {procurement.id}"
    check_procurement(draft.data, where)
    try:
        patched = Procurement.model_validate(draft.data)
    except ValidationError as exc:
        raise InvalidInput(problems_from(where, exc, draft.data)) from None
    check_ownership_depth(owners_of(patched), where)
    return patched


# Results


class WhatIf(BaseModel):
    """A procurement assessed as it is and as the patch would make it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    patch: Patch
    baseline: Report
    patched: Report
    diff: ReportDiff
    """From the baseline to the patched report, findings matched by rule and subject:
    ``resolved`` lists the findings that go away, ``new`` those the patch brings in."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def what_if_reports(patch: Patch, baseline: Report, patched: Report) -> WhatIf:
    """Put a baseline and a patched assessment side by side."""
    return WhatIf(
        patch=patch,
        baseline=baseline,
        patched=patched,
        diff=diff_reports(baseline, patched, match="subject"),
    )
