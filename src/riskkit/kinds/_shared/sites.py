"""Where a procurement's data and devices are, and which of those places lie inside a scope:
asked by many rules of one assessment (every ban and transfer law placed by where the
deployment is, every law of the data's location), answered once per scope and day.

A procurement names few places (its flows' destinations and its sites' jurisdictions, mostly
the same few codes), so asking about each place once and then testing membership in the
answer is cheaper than asking whether each flow or site lies inside the scope.
"""

from __future__ import annotations

from riskkit.kinds.context import Context, Slot

_PLACES: Slot[None, tuple[str, ...]] = Slot("sites.places")
_PLACES_WITHIN: Slot[tuple[str, ...], frozenset[str]] = Slot("sites.places_within", per_day=True)
_SITES_WITHIN: Slot[tuple[str, ...], frozenset[str]] = Slot("sites.sites_within", per_day=True)


def places(ctx: Context) -> tuple[str, ...]:
    """Every place data is sent or devices sit (flow destinations, then sites), each once."""
    cached = _PLACES.get(ctx, None)
    if cached is None:
        p = ctx.procurement
        cached = _PLACES.put(
            ctx,
            None,
            tuple(
                dict.fromkeys(
                    [*[f.to.location for f in p.data_flows], *[s.jurisdiction for s in p.sites]]
                )
            ),
        )
    return cached


def places_within(ctx: Context, scopes: tuple[str, ...]) -> frozenset[str]:
    """The :func:`places` inside ``scopes`` on the context's day."""
    cached = _PLACES_WITHIN.get(ctx, scopes)
    if cached is None:
        cached = _PLACES_WITHIN.put(
            ctx, scopes, frozenset([code for code in places(ctx) if ctx.within(scopes, code)])
        )
    return cached


def sites_within(ctx: Context, scopes: tuple[str, ...]) -> frozenset[str]:
    """Ids of the sites inside ``scopes`` on the context's day."""
    cached = _SITES_WITHIN.get(ctx, scopes)
    if cached is None:
        inside = places_within(ctx, scopes)
        cached = _SITES_WITHIN.put(
            ctx,
            scopes,
            frozenset([site.id for site in ctx.procurement.sites if site.jurisdiction in inside])
            if inside
            else frozenset(),
        )
    return cached
