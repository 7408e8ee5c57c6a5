"""The what-if operations, one module each; this package lists them.

Adding an operation: write its module (its model, mitigation, ``apply``, ``candidates`` and
``describe``, see :class:`~riskkit.decisions.whatif.change.Change`), then name it in
``PatchChange`` and in ``SUGGESTION_ORDER`` below. Patches, their schema, their error messages
and suggestions all read these two lists.
"""

from __future__ import annotations

import typing
from typing import Annotated, cast

from pydantic import Field

from riskkit.decisions.whatif.change import Change
from riskkit.decisions.whatif.ops.disable_capability import DisableCapability
from riskkit.decisions.whatif.ops.hold_keys import HoldKeys
from riskkit.decisions.whatif.ops.remove_remote_access import RemoveRemoteAccess
from riskkit.decisions.whatif.ops.store_in_jurisdiction import StoreInJurisdiction
from riskkit.decisions.whatif.ops.swap_manufacturer import SwapManufacturer
from riskkit.model import Procurement

PatchChange = Annotated[
    StoreInJurisdiction | HoldKeys | DisableCapability | RemoveRemoteAccess | SwapManufacturer,
    Field(discriminator="op"),
]
"""One change of a patch, told apart by its ``op``."""

ALL: tuple[type[Change], ...] = typing.get_args(typing.get_args(PatchChange)[0])
"""Every operation, in the order a patch's schema and its messages list them."""

OPS: dict[str, type[Change]] = {
    typing.get_args(op.model_fields["op"].annotation)[0]: op for op in ALL
}
"""Each operation by its ``op``."""

SUGGESTION_ORDER: tuple[type[Change], ...] = (
    SwapManufacturer,
    DisableCapability,
    RemoveRemoteAccess,
    StoreInJurisdiction,
    HoldKeys,
)
"""The order suggestions try the operations' candidates in: the change that removes a listed
maker first, then those that remove a biometric function or a way in, then those that keep the
data safe where it goes."""


def candidates(procurement: Procurement) -> list[PatchChange]:
    """Every single change worth trying on ``procurement``, each operation's in
    ``SUGGESTION_ORDER``: a fixed order, so suggestions are deterministic."""
    return [
        cast("PatchChange", change)
        for op in SUGGESTION_ORDER
        for change in op.candidates(procurement)
    ]


__all__ = [
    "ALL",
    "OPS",
    "SUGGESTION_ORDER",
    "Change",
    "DisableCapability",
    "HoldKeys",
    "PatchChange",
    "RemoveRemoteAccess",
    "StoreInJurisdiction",
    "SwapManufacturer",
    "candidates",
]
