"""Which of a procurement's sites lie inside a scope: asked by many rules of one assessment
(every ban and transfer law placed by where the deployment is), answered once per scope and day."""

from __future__ import annotations

from riskkit.context import Context


def sites_within(ctx: Context, scopes: tuple[str, ...]) -> frozenset[str]:
    """Ids of the sites inside ``scopes`` on the context's day."""
    key = ("sites_within", scopes, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = frozenset(
            site.id for site in ctx.procurement.sites if ctx.within(scopes, site.jurisdiction)
        )
    assert isinstance(cached, frozenset)
    return cached
