"""Who else makes a device whose remote access is not declared, as curated data says: the
owner of the brand on it, an entity its brand names, and OEM makers behind either or behind
its manufacturer. Each of them is assumed to reach the device's data, like its manufacturer.

Brands and OEM links hold on some days only, so the makers are found per day; most
procurements have no such device, which is asked once per assessment (:func:`makers_matter`).
"""

from __future__ import annotations

from riskkit.kinds._exposure.subjects import entity_key
from riskkit.kinds._graph import producer_chains
from riskkit.kinds._graph.facts import curated_entities
from riskkit.kinds.context import Context, Slot
from riskkit.model import Component

_MAKERS_MATTER = Slot[None, bool]("exposure.makers_matter")
_HOLDERS = Slot[None, dict[str, str]]("exposure.holders")
_MAKERS = Slot[tuple[str | None, str | None], list[tuple[str, int]]](
    "exposure.makers", per_day=True
)


def makers_matter(ctx: Context) -> bool:
    """Whether some device with remote access not declared may have a maker known from
    curated data (once per assessment)."""
    found = _MAKERS_MATTER.get(ctx, None)
    if found is None:
        found = _MAKERS_MATTER.put(
            ctx,
            None,
            bool(len(ctx.entities))
            and any(
                comp.remote_access is None
                and (
                    comp.brand is not None
                    or (
                        comp.manufacturer is not None
                        and bool(curated_entities(ctx, comp.manufacturer))
                    )
                )
                for comp in ctx.procurement.components
            ),
        )
    return found


def _holders(ctx: Context) -> dict[str, str]:
    """The procurement party each curated entity is, when one is (the first in input order)."""
    found = _HOLDERS.get(ctx, None)
    if found is None:
        found = {}
        for party in ctx.procurement.parties:
            for entity_id, _ in curated_entities(ctx, party.id):
                found.setdefault(entity_id, party.id)
        _HOLDERS.put(ctx, None, found)
    return found


def makers(ctx: Context, comp: Component) -> list[tuple[str, int]]:
    """Who else makes a device whose remote access is not declared, as curated data says on
    the day, each once, with its chain's index among ``producer_chains``. Each is filed under
    the party that is it, or under its :func:`~riskkit.kinds._exposure.subjects.entity_key`;
    the manufacturer itself (and the entities it is) has its own route."""
    if not makers_matter(ctx):
        return []
    maker, brand = comp.manufacturer, comp.brand
    found = _MAKERS.get(ctx, (maker, brand))
    if found is None:
        own = {entity_id for entity_id, _ in curated_entities(ctx, maker)} if maker else set()
        holders = _holders(ctx)
        found = []
        seen: set[str] = set()
        for i, (node, _, _) in enumerate(producer_chains(ctx, maker, brand)):
            entity_id = node[1]
            if node[0] != "entity" or entity_id in own or entity_id in seen:
                continue
            if entity_id not in ctx.entities.entities:
                continue  # an official list entry, not curated data
            seen.add(entity_id)
            who = holders.get(entity_id, entity_key(entity_id))
            if who != maker:
                found.append((who, i))
        _MAKERS.put(ctx, (maker, brand), found)
    return found
