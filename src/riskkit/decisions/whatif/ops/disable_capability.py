"""``disable_capability``: buy components without some capabilities (``facial_recognition``,
...). Biometric data stops flowing from a component left with no biometric capability.
Declares a ``feature_disabled`` mitigation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from riskkit.decisions.whatif.change import Change
from riskkit.model import Capability, Identifier, MitigationKind, Procurement
from riskkit.model.vocabulary import BIOMETRIC_CAPABILITIES, BIOMETRIC_DATA

if TYPE_CHECKING:
    from riskkit.decisions.whatif._draft import Draft


class DisableCapability(Change):
    """Buy the components without some capabilities."""

    op: Literal["disable_capability"]
    capabilities: tuple[Capability, ...] = Field(min_length=1)
    """The capabilities to remove, such as ``["facial_recognition"]``."""
    components: tuple[Identifier, ...] = ()
    """Ids of the components; empty means every component that has one of them."""

    mitigation: ClassVar[MitigationKind | None] = "feature_disabled"

    def apply(self, draft: Draft, index: int) -> None:
        where = f"changes[{index}]"
        draft.check(f"{where}.components", self.components, "components", "component")
        removed = set(self.capabilities)
        touched: list[str] = []
        for comp in draft.selected("components", self.components):
            if not removed.intersection(comp.get("capabilities") or ()):
                if self.components:
                    draft.problem(
                        f"{where}.components[{list(self.components).index(comp['id'])}]",
                        f"component {comp['id']!r} has none of {', '.join(self.capabilities)}",
                    )
                continue
            touched.append(comp["id"])
            comp["capabilities"] = [x for x in comp["capabilities"] if x not in removed]
            if not BIOMETRIC_CAPABILITIES.intersection(comp["capabilities"]):
                _drop_biometric_data(draft, comp["id"])
        if not touched and not self.components:
            draft.problem(
                f"{where}.capabilities",
                f"no component has any of {', '.join(self.capabilities)}, so there is nothing "
                "to turn off",
            )
        draft.mitigate(index, self, touched)

    @classmethod
    def candidates(cls, procurement: Procurement) -> Iterator[DisableCapability]:
        """Each component's biometric capabilities, turned off together."""
        for comp in procurement.components:
            biometric = tuple(c for c in comp.capabilities or () if c in BIOMETRIC_CAPABILITIES)
            if biometric:
                yield cls(op="disable_capability", capabilities=biometric, components=(comp.id,))

    def describe(self) -> str:
        return f"turn off {', '.join(self.capabilities)} on {', '.join(self.components)}"


def _drop_biometric_data(draft: Draft, component: str) -> None:
    """Stop the biometric data flowing from ``component``: a flow left with no data goes, and
    the mitigations that named it no longer do."""
    kept = []
    for flow in draft.data.get("data_flows", []):
        if flow["from"] == component:
            flow["data"] = [x for x in flow["data"] if x not in BIOMETRIC_DATA]
            if not flow["data"]:
                continue
        kept.append(flow)
    removed = {f["id"] for f in draft.data.get("data_flows", [])} - {f["id"] for f in kept}
    draft.data["data_flows"] = kept
    for m in draft.data.get("mitigations", []):
        m["applies_to"] = [x for x in m.get("applies_to", []) if x not in removed]
