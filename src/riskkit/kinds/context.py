"""What a rule kind sees: the procurement on one day, with its lookups built once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attr

from riskkit.model import BUYER, Component, DataFlow, Party, Procurement, Site
from riskkit.model.entities import EntityIndex
from riskkit.model.jurisdictions import within_on

if TYPE_CHECKING:
    from riskkit.screening import Screener

K = TypeVar("K")
V = TypeVar("V")


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class OwnerLink:
    """One step up an ownership chain: ``owner`` holds ``share`` of ``owned``."""

    owned: str
    owner: str
    share: float | None
    """The share held at least (the exact share, or the lower end of a band)."""
    controls: bool
    path: str
    """Where the link is written in the input, such as ``parties[hik].owners[0]``."""
    confidence: str
    share_said: str
    """The share as evidence says it: exact, a band, or unknown."""


def buyer_as_party(procurement: Procurement) -> Party:
    """The buyer as the party ``"buyer"`` that a flow's ``to.operator`` may name: constituted
    where its jurisdiction says, and the operator of its own premises."""
    buyer = procurement.buyer
    return Party(
        id=BUYER,
        name=buyer.name,
        roles=("operator",),
        incorporated_in=buyer.jurisdiction,
        operates_in=(buyer.jurisdiction,) if buyer.jurisdiction is not None else (),
    )


@attr.s(auto_attribs=True, frozen=True, slots=True)
class Context:
    """A procurement prepared for evaluation on one day."""

    procurement: Procurement
    day: date
    """The as-of date, or a later change day within the term (``Context.on``)."""
    entities: EntityIndex
    parties: dict[str, Party] = attr.ib(factory=dict)
    components: dict[str, Component] = attr.ib(factory=dict)
    sites: dict[str, Site] = attr.ib(factory=dict)
    flows_from: dict[str, tuple[DataFlow, ...]] = attr.ib(factory=dict)
    screener: Screener | None = attr.ib(default=None, eq=False, repr=False)
    """Official list files given for this assessment (``--list``), for rules that screen."""
    memo: dict[Slot[Any, Any], dict[Any, Any]] = attr.ib(factory=dict, eq=False, repr=False)
    """The assessment's cache, shared by every day: read and written only through a
    :class:`Slot`, which names each entry and adds the day where the value depends on it."""

    @classmethod
    def build(
        cls,
        procurement: Procurement,
        day: date,
        entities: EntityIndex,
        screener: Screener | None = None,
    ) -> Context:
        flows: dict[str, list[DataFlow]] = {}
        for flow in procurement.data_flows:
            flows.setdefault(flow.source, []).append(flow)
        parties = {p.id: p for p in procurement.parties}
        if any(flow.to.operator == BUYER for flow in procurement.data_flows) or any(
            comp.firmware_updates_by == BUYER for comp in procurement.components
        ):
            parties[BUYER] = buyer_as_party(procurement)
        return cls(
            procurement=procurement,
            day=day,
            entities=entities,
            parties=parties,
            components={c.id: c for c in procurement.components},
            sites={s.id: s for s in procurement.sites},
            flows_from={k: tuple(v) for k, v in flows.items()},
            screener=screener,
        )

    def on(self, day: date) -> Context:
        """The same procurement on another day (lookups and the memo are shared)."""
        return Context(
            self.procurement,
            day,
            self.entities,
            self.parties,
            self.components,
            self.sites,
            self.flows_from,
            self.screener,
            self.memo,
        )

    def owner_links(self, party_id: str, threshold: float = 0.5) -> Iterator[OwnerLink]:
        """The party's owners that hold on this day, in input order."""
        party = self.parties[party_id]
        for i, owner in enumerate(party.owners):
            if owner.holds_on(self.day):
                yield OwnerLink(
                    owned=party_id,
                    owner=owner.party,
                    share=owner.least_share,
                    controls=owner.controls(threshold),
                    path=f"parties[{party_id}].owners[{i}]",
                    confidence=owner.confidence,
                    share_said=owner.bounds().said(),
                )

    def controllers(
        self, party_id: str, threshold: float = 0.5
    ) -> Iterator[tuple[str, tuple[OwnerLink, ...]]]:
        """Every party that controls ``party_id`` directly or up a chain, with the chain.

        Terminates on cyclic input: a party is never visited twice on one chain.
        """
        stack: list[tuple[str, tuple[OwnerLink, ...]]] = [(party_id, ())]
        seen = {party_id}
        while stack:
            current, chain = stack.pop()
            for link in self.owner_links(current, threshold):
                if link.controls and link.owner not in seen and link.owner in self.parties:
                    seen.add(link.owner)
                    found = (*chain, link)
                    yield link.owner, found
                    stack.append((link.owner, found))

    def site_of(self, component: Component) -> Site | None:
        return self.sites.get(component.site) if component.site else None

    def within(self, scopes: tuple[str, ...], code: str) -> bool:
        """Whether ``code`` lies inside any of ``scopes`` on this day."""
        return within_on(scopes, code, self.day)

    def buyer_within(self, scopes: tuple[str, ...]) -> bool:
        """Whether the buyer is seated inside ``scopes`` on this day; never for a buyer whose
        seat is unknown, which the engine reports as an unknown of the whole assessment
        (``engine.completeness``), so no verdict rests on this False."""
        seat = self.procurement.buyer.jurisdiction
        return seat is not None and self.within(scopes, seat)


class Slot(Generic[K, V]):
    """A named, typed entry of an assessment's cache (:attr:`Context.memo`).

    A kind declares one at module level (``_REACH = Slot[str, Reach]("listed_entity.reach",
    per_day=True)``) and reads and writes through it: the slot is the namespace, so two kinds
    never share a key by accident, and a ``per_day`` slot keeps a value per day of the timeline
    (the same procurement is evaluated on every day a rule may change, sharing one memo). The
    cache lives as long as the assessment and is cleared after it.
    """

    __slots__ = ("name", "per_day")

    def __init__(self, name: str, per_day: bool = False) -> None:
        self.name = name
        self.per_day = per_day
        """Whether the value depends on the day evaluated (then each day has its own)."""

    def get(self, ctx: Context, key: K) -> V | None:
        """The value kept for ``key`` (on ``ctx.day`` if per day), or None."""
        table = ctx.memo.get(self)
        if table is None:
            return None
        found: V | None = table.get((ctx.day, key) if self.per_day else key)
        return found

    def put(self, ctx: Context, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` (on ``ctx.day`` if per day) and return it."""
        table = ctx.memo.get(self)
        if table is None:
            table = ctx.memo[self] = {}
        table[(ctx.day, key) if self.per_day else key] = value
        return value

    def __repr__(self) -> str:
        return f"Slot({self.name!r}, per_day={self.per_day})"
