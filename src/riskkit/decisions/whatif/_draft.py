"""A procurement as plain data while a patch's changes are made to it, one after the other.

The operations edit the draft's data in place and record a problem for every reference that
does not resolve; the patched procurement is validated whole once every change is made.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from riskkit._support.spelling import did_you_mean
from riskkit.errors import Problem
from riskkit.model import Procurement

if TYPE_CHECKING:
    from riskkit.decisions.whatif.change import Change


class Draft:
    """A procurement as plain data while a patch is applied to it."""

    def __init__(self, procurement: Procurement, source: str) -> None:
        self.data: dict[str, Any] = procurement.model_dump(
            mode="json", by_alias=True, exclude_none=True
        )
        self.source = source
        """The patch file, for the problems."""
        self.problems: list[Problem] = []
        self.procurement = procurement
        """The procurement as it was before the patch."""

    def ids(self, table: str) -> list[str]:
        return [item["id"] for item in self.data.get(table, [])]

    def check(self, where: str, wanted: Sequence[str], table: str, what: str) -> None:
        """Record a problem at ``where[i]`` for each id of ``wanted`` that ``table`` lacks."""
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

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.source, where, message))

    def party(self, party_id: str) -> dict[str, Any] | None:
        return next((p for p in self.data.get("parties", []) if p["id"] == party_id), None)

    def selected(self, table: str, wanted: Sequence[str]) -> Iterator[dict[str, Any]]:
        """The items of ``table`` whose ids are ``wanted``; every item when none is."""
        for item in self.data.get(table, []):
            if not wanted or item["id"] in wanted:
                yield item

    def mitigate(self, index: int, change: Change, applies_to: Sequence[str]) -> None:
        """Declare the mitigation ``change`` (change number ``index``) brings, under an id
        no mitigation of the procurement has."""
        kind = change.mitigation
        if kind is None:
            return
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
                "description": f"what-if change {index + 1} ({change.op})",
            }
        )
