"""Where a procurement's data and devices are, and which of those places lie inside a scope:
asked by many rules of one assessment (every ban and transfer law placed by where the
deployment is, every law of the data's location), answered once per scope and day.

A procurement names few places (its flows' destinations and its sites' jurisdictions, mostly
the same few codes), so asking about each place once and then testing membership in the
answer is cheaper than asking whether each flow or site lies inside the scope.
"""

from __future__ import annotations

from riskkit.kinds.context import Context


def places(ctx: Context) -> tuple[str, ...]:
    """Every place data is sent or devices sit (flow destinations, then sites), each once."""
    key = ("sites.places",)
    cached = ctx.memo.get(key)
    if cached is None:
        p = ctx.procurement
        cached = ctx.memo[key] = tuple(
            dict.fromkeys(
                [*[f.to.location for f in p.data_flows], *[s.jurisdiction for s in p.sites]]
            )
        )
    assert isinstance(cached, tuple)
    return cached


def places_within(ctx: Context, scopes: tuple[str, ...]) -> frozenset[str]:
    """The :func:`places` inside ``scopes`` on the context's day."""
    key = ("sites.places_within", scopes, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = frozenset(
            [code for code in places(ctx) if ctx.within(scopes, code)]
        )
    assert isinstance(cached, frozenset)
    return cached


def sites_within(ctx: Context, scopes: tuple[str, ...]) -> frozenset[str]:
    """Ids of the sites inside ``scopes`` on the context's day."""
    key = ("sites_within", scopes, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        inside = places_within(ctx, scopes)
        cached = ctx.memo[key] = (
            frozenset([site.id for site in ctx.procurement.sites if site.jurisdiction in inside])
            if inside
            else frozenset()
        )
    assert isinstance(cached, frozenset)
    return cached
