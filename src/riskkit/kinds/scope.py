"""Whether a rule speaks to this deployment: the scope check every kind makes for itself.

The engine looks at a rule only for procurements touching a country of its scope; a city's or a
state's law, or a law that binds only exporters seated inside it, needs a finer look, which is
the kind's (:mod:`riskkit.kinds.interface`). These helpers give the common answers, each asked
once per scope and day for the whole assessment.
"""

from __future__ import annotations

from typing import Literal

from riskkit.kinds._shared.sites import places_within, sites_within
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule

__all__ = ["InScopeBy", "in_scope_by", "places_within", "sites_within"]

InScopeBy = Literal["buyer", "site"]
"""What puts a deployment inside a rule's scope: the buyer's seat (``buyer.jurisdiction``), or
a site where devices are used (``sites[...].jurisdiction``)."""


def in_scope_by(
    rule: CompiledRule, ctx: Context, by: tuple[InScopeBy, ...] = ("buyer", "site")
) -> InScopeBy | None:
    """What puts the deployment inside ``rule``'s scope on ``ctx.day``: ``"buyer"`` when the
    buyer sits there, else ``"site"`` when some site does; None when neither does, and the rule
    does not speak to it. ``by`` limits the answers to those the law counts (a ban on a
    government's own agencies reaches its buyers alone: ``by=("buyer",)``)."""
    scopes = rule.rule.scope
    if "buyer" in by and ctx.buyer_within(scopes):
        return "buyer"
    if "site" in by and sites_within(ctx, scopes):
        return "site"
    return None
