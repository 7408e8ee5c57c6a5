"""Who makes a component: its manufacturer, the owner of its brand, and the OEM makers behind
either, each with the chain of steps from the component's own field.

Components that share maker and brand share the answer (a bid of a thousand cameras has a
handful of makers), so the chains are worked out once per maker, brand and day, and the
component's own field is put in front of them when a finding needs it.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from riskkit.kinds._graph.edges import Node, Step, entities_of_party
from riskkit.kinds._shared.screened import is_list_key, screen_name
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence


class Origin(NamedTuple):
    """The component field a producer chain starts from: the same for every component with
    the same maker and brand, except for the component's id in the path."""

    field: str
    """``manufacturer`` or ``brand``."""
    value: str
    note: str

    def evidence(self, component_id: str) -> Evidence:
        return Evidence(f"components[{component_id}].{self.field}", self.value, self.note)

    def step(self, component_id: str) -> Step:
        return Step(self.evidence(component_id), "high")


Chain = tuple[Node, Origin, tuple[Step, ...]]
"""A producer, the component field its chain starts from, and the steps after that field. (A
plain tuple: a bid's makers and brands build hundreds, and a named tuple is built by a Python
call, which costs the compiled build 2 % of an assessment of the stress procurement.)"""


_CHAINS: Slot[tuple[str | None, str | None], tuple[Chain, ...]] = Slot(
    "graph.producer_chains", per_day=True
)
_PRODUCERS: Slot[str, list[tuple[Node, tuple[Step, ...]]]] = Slot("graph.producers", per_day=True)


def producer_chains(ctx: Context, maker: str | None, brand: str | None) -> tuple[Chain, ...]:
    """Who makes a component with this maker and brand, with how each is reached
    (``producers_of`` puts the component's own field in front)."""
    key = (maker, brand)
    cached = _CHAINS.get(ctx, key)
    if cached is None:
        cached = _CHAINS.put(ctx, key, producer_chains_uncached(ctx, maker, brand))
    return cached


def producer_chains_uncached(
    ctx: Context, maker: str | None, brand: str | None
) -> tuple[Chain, ...]:
    """``producer_chains`` worked out: where the chains start, then the OEM links from every
    entity reached."""
    starts: list[Chain] = []
    if maker is not None:
        start: Chain = (("party", maker), Origin("manufacturer", maker, "manufacturer"), ())
        if not brand and not any(
            ctx.entities.entities[entity_id].made_by
            for entity_id, _evidence in entities_of_party(ctx, maker)
        ):
            return (start,)  # most components: the maker, with no OEM behind it
        starts.append(start)
    if brand:
        starts.extend(_brand_starts(ctx, brand))
    # Follow documented OEM links from every entity reached so far.
    out = list(starts)
    frontier = list(starts)
    seen = {node for node, _, _ in starts}
    while frontier:
        node, origin, steps = frontier.pop()
        if node[0] == "party":  # curated entities only, never list entries
            entity_ids = [e for e, _ in entities_of_party(ctx, node[1])]
        else:
            entity_ids = [] if is_list_key(node[1]) else [node[1]]
        for entity_id in entity_ids:
            entity = ctx.entities.entities[entity_id]
            for i, link in enumerate(entity.made_by):
                if not link.holds_on(ctx.day) or ("entity", link.entity) in seen:
                    continue
                made = ("entity", link.entity)
                seen.add(made)
                extra = (
                    ()
                    if node[0] == "entity"
                    else (
                        Step(
                            Evidence(f"parties[{node[1]}]", node[1], f"is entity {entity_id!r}"),
                            "high",
                        ),
                    )
                )
                step = Step(
                    Evidence(
                        f"entities[{entity_id}].made_by[{i}]",
                        link.entity,
                        f"products made by {link.entity!r}: {link.evidence} "
                        f"({link.source})" + dates(link.start, link.until),
                    ),
                    link.confidence,
                )
                out.append((made, origin, (*steps, *extra, step)))
                frontier.append((made, origin, (*steps, *extra, step)))
    return tuple(out)


def _brand_starts(ctx: Context, brand: str) -> list[Chain]:
    """Where chains start from a brand: the entities owning it on the day, the list entries
    it is screened to, and the entities it names."""
    starts: list[Chain] = []
    for entity_id, owned in ctx.entities.brand_owners(brand, ctx.day):
        index = ctx.entities.entities[entity_id].brands.index(owned)
        starts.append(
            (
                ("entity", entity_id),
                Origin("brand", brand, "brand on the product"),
                (
                    Step(
                        Evidence(
                            f"entities[{entity_id}].brands[{index}]",
                            owned.name,
                            f"a brand of {entity_id!r}" + dates(owned.start, owned.until),
                        ),
                        "high",
                    ),
                ),
            )
        )
    for screened in screen_name(ctx, brand):
        if screened.band == "match":
            origin = Origin("brand", brand, screened.note())
            starts.append((("entity", screened.key), origin, ()))
    for entity_id in ctx.entities.by_name(brand):
        origin = Origin("brand", brand, f"names entity {entity_id!r}")
        starts.append((("entity", entity_id), origin, ()))
    return starts


def producers_of(ctx: Context, component_id: str) -> list[tuple[Node, tuple[Step, ...]]]:
    """Who makes the component (``producer_chains``), each with every step from the component."""
    cached = _PRODUCERS.get(ctx, component_id)
    if cached is None:
        comp = ctx.components[component_id]
        cached = _PRODUCERS.put(
            ctx,
            component_id,
            [
                (node, (origin.step(component_id), *steps))
                for node, origin, steps in producer_chains(ctx, comp.manufacturer, comp.brand)
            ],
        )
    return cached


def dates(start: date | None, until: date | None) -> str:
    """When a brand or OEM link held, as a suffix to its note (nothing when always)."""
    if start and until:
        return f", {start} to {until}"
    if start:
        return f", from {start}"
    if until:
        return f", until {until}"
    return ""
