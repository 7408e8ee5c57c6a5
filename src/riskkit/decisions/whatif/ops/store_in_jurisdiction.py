"""``store_in_jurisdiction``: keep data flows' destinations in one place (by default the buyer's
jurisdiction), optionally with another host and destination kind. Declares a
``data_localisation`` mitigation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from riskkit.decisions.whatif.change import Change
from riskkit.model import DestinationKind, Identifier, MitigationKind, Procurement
from riskkit.model.jurisdictions import Jurisdiction

if TYPE_CHECKING:
    from riskkit.decisions.whatif._draft import Draft


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

    mitigation: ClassVar[MitigationKind | None] = "data_localisation"

    def apply(self, draft: Draft, index: int) -> None:
        where = f"changes[{index}]"
        draft.check(f"{where}.flows", self.flows, "data_flows", "data flow")
        if self.host is not None:
            draft.check(f"{where}.host", [self.host], "parties", "party")
        if not draft.ids("data_flows"):
            draft.problem(where, "the procurement has no data flows to move")
        place = self.jurisdiction or draft.procurement.buyer.jurisdiction
        if place is None:
            draft.problem(
                f"{where}.jurisdiction",
                "the buyer's jurisdiction is not given, so there is no home to keep the data "
                "in: give jurisdiction",
            )
            return
        for flow in draft.selected("data_flows", self.flows):
            flow["to"]["location"] = place
            if self.host is not None:
                flow["to"]["operator"] = self.host
            if self.kind is not None:
                flow["to"]["kind"] = self.kind
        draft.mitigate(index, self, self.flows)

    @classmethod
    def candidates(cls, procurement: Procurement) -> Iterator[StoreInJurisdiction]:
        """Each data flow that leaves the buyer's jurisdiction, kept there."""
        home = procurement.buyer.jurisdiction
        if home is None:
            return  # no home is known to keep the data in
        for flow in procurement.data_flows:
            if flow.to.location != home:
                yield cls(op="store_in_jurisdiction", flows=(flow.id,))

    def describe(self) -> str:
        flows = ", ".join(self.flows) or "every data flow"
        return f"keep the data of {flows} in the buyer's jurisdiction"
