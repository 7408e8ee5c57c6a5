"""What curated entities reach up and down the curated holdings, worked out once per loaded
entity data rather than once per assessment.

Curated data is loaded once and never changes, and no curated holding starts or ends inside a
holding span (``EntityIndex.holding_span``), so an ``Ownership`` is worked out once per span and
control threshold and kept beside the entity index, in a cache of this module's own keyed by the
index's identity: it lives as long as the index does, and the index carries nothing of it.
"""

from __future__ import annotations

from datetime import date

from riskkit._support.identity_cache import IdentityCache
from riskkit.kinds._graph.edges import AffiliateRule, Holding
from riskkit.kinds.context import Context, Slot
from riskkit.model.entities import EntityIndex


class Ownership:
    """The curated holdings in force on the days of one holding span, for one control
    threshold, and what each curated entity reaches under each affiliate rule.

    An assessment is left with the part that starts from its own parties. Only curated ids are
    kept here, never a list entry's or a party's. (A plain class with tables filled as they are
    asked for.)
    """

    def __init__(self, entities: EntityIndex, threshold: float, day: date) -> None:
        self.holdings: dict[str, tuple[Holding, ...]] = {
            entity.id: tuple(
                Holding(("entity", owner.entity), owner.share, owner.controls(threshold), False)
                for owner in entity.owners
                if owner.holds_on(day)
            )
            for entity in entities.entities.values()
        }
        """``fast_path.holdings`` of each curated entity."""
        self._below = {
            entity_id: entities.controlled_below(entity_id, threshold, day)
            for entity_id in entities.entities
        }
        self._above: dict[str, frozenset[str]] = {}
        self._reach: dict[tuple[AffiliateRule, str], frozenset[str]] = {}

    def below(self, entity_id: str) -> frozenset[str]:
        """Entities that ``entity_id`` controls, directly or down a chain."""
        return self._below.get(entity_id, frozenset())

    def above(self, entity_id: str) -> frozenset[str]:
        """Entities that control ``entity_id``, directly or up a chain (itself among them
        where control runs in a circle)."""
        found = self._above.get(entity_id)
        if found is None:
            if entity_id not in self.holdings:
                return frozenset()
            seen: set[str] = set()
            stack = [entity_id]
            while stack:
                for (_kind, owner), _share, controls, _identity in self.holdings[stack.pop()]:
                    if controls and owner not in seen:
                        seen.add(owner)
                        stack.append(owner)
            found = self._above[entity_id] = frozenset(seen)
        return found

    def reach_ids(self, entity_id: str, rule: AffiliateRule) -> frozenset[str]:
        """``fast_path.reach_ids`` of a curated entity (which has no identities): under the
        "majority owned" rule, every entity up its holdings of known share (whether they own
        half of it in the aggregate depends on which of them a rule lists)."""
        key = (rule, entity_id)
        found = self._reach.get(key)
        if found is None:
            ids = {entity_id}
            if rule == "subsidiaries_and_affiliates":
                for owner in self.above(entity_id) - ids:
                    ids.add(owner)
                    ids.update(self.below(owner))
            elif rule == "majority_owned":
                stack = [entity_id]
                while stack:
                    for holding in self.holdings.get(stack.pop(), ()):
                        owner = holding.owner[1]
                        if holding.share is not None and owner not in ids:
                            ids.add(owner)
                            stack.append(owner)
            found = self._reach[key] = frozenset(ids)
        return found


def _no_ownerships(_entities: EntityIndex) -> dict[tuple[float, int], Ownership]:
    return {}


_by_index: IdentityCache[EntityIndex, dict[tuple[float, int], Ownership]] = IdentityCache(
    _no_ownerships
)
"""Each entity index's ``Ownership`` by (control threshold, holding span)."""

_OWNERSHIP: Slot[float, Ownership] = Slot("graph.ownership", per_day=True)


def ownership(ctx: Context, threshold: float) -> Ownership:
    """The ``Ownership`` of the day (kept for the assessment too, which spares it the search
    for the day's span)."""
    found = _OWNERSHIP.get(ctx, threshold)
    if found is None:
        entities = ctx.entities
        kept = _by_index(entities)
        span = (threshold, entities.holding_span(ctx.day))
        found = kept.get(span)
        if found is None:
            found = kept[span] = Ownership(entities, threshold, ctx.day)
        _OWNERSHIP.put(ctx, threshold, found)
    return found
