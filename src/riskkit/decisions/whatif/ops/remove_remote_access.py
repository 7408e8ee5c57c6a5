"""``remove_remote_access``: no remote access to components by the parties named (by default
by anyone). Declares a ``no_vendor_remote_access`` mitigation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from riskkit.decisions.whatif.change import Change
from riskkit.model import Identifier, MitigationKind, Procurement

if TYPE_CHECKING:
    from riskkit.decisions.whatif._draft import Draft


class RemoveRemoteAccess(Change):
    """Nobody (or not the parties named) can reach the components remotely."""

    op: Literal["remove_remote_access"]
    components: tuple[Identifier, ...] = ()
    """Ids of the components; empty means every component."""
    parties: tuple[Identifier, ...] = ()
    """Ids of the parties whose access is removed; empty means every party."""

    mitigation: ClassVar[MitigationKind | None] = "no_vendor_remote_access"

    def apply(self, draft: Draft, index: int) -> None:
        where = f"changes[{index}]"
        draft.check(f"{where}.components", self.components, "components", "component")
        draft.check(f"{where}.parties", self.parties, "parties", "party")
        gone = set(self.parties)
        touched = []
        for comp in draft.selected("components", self.components):
            current = comp.get("remote_access")
            if not self.parties:
                comp["remote_access"] = []
            elif current is not None:
                comp["remote_access"] = [p for p in current if p not in gone]
            touched.append(comp["id"])
        draft.mitigate(index, self, touched if self.components else ())

    @classmethod
    def candidates(cls, procurement: Procurement) -> Iterator[RemoveRemoteAccess]:
        """Each component that someone can reach remotely, or that no one has said cannot."""
        for comp in procurement.components:
            if comp.remote_access is None or comp.remote_access:
                yield cls(op="remove_remote_access", components=(comp.id,))

    def describe(self) -> str:
        return f"remove all remote access to {', '.join(self.components) or 'every component'}"
