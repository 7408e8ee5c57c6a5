"""``swap_manufacturer``: buy components from another maker. The manufacturer, brand and model
change, and whatever the old maker did for those components (firmware updates, remote access,
operating their data flows) passes to the new one. The new maker is a party of the procurement,
or is defined in the change's ``party`` table. Declares no mitigation: the components are
different ones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from riskkit._support.spelling import did_you_mean
from riskkit.decisions.whatif.change import Change
from riskkit.model import Identifier, Party, Procurement, jurisdictions

if TYPE_CHECKING:
    from riskkit.decisions.whatif._draft import Draft

ALTERNATIVE_MAKER = "unlisted-maker"
"""Id of the hypothetical maker a suggested manufacturer swap uses."""


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

    def apply(self, draft: Draft, index: int) -> None:
        where = f"changes[{index}]"
        draft.check(f"{where}.components", self.components, "components", "component")
        self._add_maker(draft, where)
        for comp in draft.selected("components", self.components):
            old = comp.get("manufacturer")
            comp["manufacturer"] = self.manufacturer
            for field, value in (("brand", self.brand), ("model", self.model)):
                if value is None:
                    comp.pop(field, None)
                else:
                    comp[field] = value
            if old is None or old == self.manufacturer:
                continue
            if comp.get("firmware_updates_by") == old:
                comp["firmware_updates_by"] = self.manufacturer
            if comp.get("remote_access") is not None:
                comp["remote_access"] = sorted(
                    {self.manufacturer if p == old else p for p in comp["remote_access"]}
                )
            for flow in draft.data.get("data_flows", []):
                if flow["from"] == comp["id"] and flow["to"]["operator"] == old:
                    flow["to"]["operator"] = self.manufacturer

    def _add_maker(self, draft: Draft, where: str) -> None:
        """Add the new maker to the parties, or check the procurement has it already."""
        parties = draft.ids("parties")
        if self.party is None:
            if self.manufacturer not in parties:
                draft.problem(
                    f"{where}.manufacturer",
                    f'no party with id "{self.manufacturer}" in procurement '
                    f'"{draft.procurement.id}"{did_you_mean(self.manufacturer, parties)}; '
                    "define the new maker in a [changes.party] table",
                )
        elif self.party.id != self.manufacturer:
            draft.problem(
                f"{where}.party.id",
                f'"{self.party.id}" is not the manufacturer "{self.manufacturer}" this change '
                "names",
            )
        elif self.party.id in parties and draft.party(self.party.id) != _party_data(self.party):
            draft.problem(
                f"{where}.party.id",
                f'the procurement already has a different party "{self.party.id}"; leave out '
                "the party table to use it, or give the new maker another id",
            )
        elif self.party.id not in parties:
            draft.data.setdefault("parties", []).append(_party_data(self.party))

    @classmethod
    def candidates(cls, procurement: Procurement) -> Iterator[SwapManufacturer]:
        """Each component with a known maker or brand, bought instead from a hypothetical
        maker in the buyer's country that is on no list (:data:`ALTERNATIVE_MAKER`)."""
        seat = procurement.buyer.jurisdiction
        if seat is None:
            return  # the alternative is a maker of the buyer's country, which is unknown
        country = jurisdictions.country(seat)
        for comp in procurement.components:
            if comp.manufacturer is not None or comp.brand is not None:
                yield cls(
                    op="swap_manufacturer",
                    components=(comp.id,),
                    manufacturer=ALTERNATIVE_MAKER,
                    party=Party(
                        id=ALTERNATIVE_MAKER,
                        name="Alternative maker (hypothetical, on no list)",
                        roles=("manufacturer",),
                        incorporated_in=country,
                    ),
                )

    def describe(self) -> str:
        return (
            f"buy {', '.join(self.components)} from a maker that is on no list and not "
            "tied to the listed one"
        )


def _party_data(party: Party) -> dict[str, Any]:
    return party.model_dump(mode="json", by_alias=True, exclude_none=True)
