"""``hold_keys``: the buyer holds the encryption keys, and data is encrypted at rest and in
transit. Declares a ``customer_held_keys`` mitigation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from riskkit.decisions.whatif.change import Change
from riskkit.model import Identifier, MitigationKind, Procurement

if TYPE_CHECKING:
    from riskkit.decisions.whatif._draft import Draft


class HoldKeys(Change):
    """The buyer holds the keys; data is encrypted at rest and in transit."""

    op: Literal["hold_keys"]
    flows: tuple[Identifier, ...] = ()
    """Ids of the data flows; empty means every flow."""

    mitigation: ClassVar[MitigationKind | None] = "customer_held_keys"

    def apply(self, draft: Draft, index: int) -> None:
        draft.check(f"changes[{index}].flows", self.flows, "data_flows", "data flow")
        if not draft.ids("data_flows"):
            draft.problem(f"changes[{index}]", "the procurement has no data flows")
        for flow in draft.selected("data_flows", self.flows):
            flow["encryption"] = {"in_transit": True, "at_rest": True, "keys_held_by": "buyer"}
        draft.mitigate(index, self, self.flows)

    @classmethod
    def candidates(cls, procurement: Procurement) -> Iterator[HoldKeys]:
        """Each data flow whose keys the buyer does not hold, or that is not encrypted both
        at rest and in transit."""
        for flow in procurement.data_flows:
            e = flow.encryption
            if e is None or e.keys_held_by != "buyer" or not e.at_rest or not e.in_transit:
                yield cls(op="hold_keys", flows=(flow.id,))

    def describe(self) -> str:
        return f"hold the encryption keys of {', '.join(self.flows) or 'every data flow'}"
