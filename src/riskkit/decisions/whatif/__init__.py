"""What-if: apply a patch of typed changes to a procurement and see which findings change.

A patch (:mod:`.patch`) is a title and a list of changes, each one of a small set of operations,
one module each in :mod:`.ops`: ``store_in_jurisdiction``, ``hold_keys``,
``disable_capability``, ``remove_remote_access`` and ``swap_manufacturer``.

Applying a patch never runs code; every reference is checked, and problems name the patch file
and the field.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError

from riskkit.decisions.diff import ReportDiff, diff_reports
from riskkit.decisions.whatif._draft import Draft
from riskkit.decisions.whatif.ops import PatchChange
from riskkit.decisions.whatif.patch import Patch, load_patch, patch_from_dict
from riskkit.errors import InvalidInput
from riskkit.limits import check_ownership_depth, check_procurement
from riskkit.model import Procurement
from riskkit.model.loading import owners_of, problems_from
from riskkit.report import Report

__all__ = [
    "Patch",
    "PatchChange",
    "WhatIf",
    "apply_patch",
    "load_patch",
    "patch_from_dict",
    "what_if_reports",
]


def apply_patch(procurement: Procurement, patch: Patch, *, source: str = "<patch>") -> Procurement:
    """The procurement with the patch's changes applied in order; InvalidInput on bad references."""
    draft = Draft(procurement, source)
    for i, change in enumerate(patch.changes):
        change.apply(draft, i)
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
