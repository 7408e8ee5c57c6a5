"""Which components use what a rule covers: the enabled components with any of its
capabilities, found once per assessment for each set of capabilities and site. A component
whose capabilities are not given, of a kind that may carry biometric functions, may use any of
them: it is taken with all of the rule's, and the rule makes an unknown of it.

Every ban is asked of every deployment in its country, and most of them are about places the
deployment is not; grouping the components by site first lets a ban look at its own sites alone.
"""

from __future__ import annotations

from riskkit.kinds.context import Context, Slot
from riskkit.model import Component
from riskkit.model.vocabulary import MAY_BE_BIOMETRIC

Using = tuple[int, Component, tuple[str, ...]]
"""An enabled component with some of a rule's capabilities: its place in the input, the
component, and those capabilities (all of the rule's, when its own are not given)."""

_ANY_UNSITED = Slot[None, bool]("biometric_ban.any_unsited")
_ENABLED_BY_SITE = Slot[None, dict[str | None, list[tuple[int, Component]]]](
    "biometric_ban.enabled_by_site"
)
_USING = Slot[tuple[tuple[str, ...], str | None], list[Using]]("biometric_ban.using")


def components_using(
    ctx: Context, capabilities: tuple[str, ...], sites: frozenset[str] | None
) -> list[Using]:
    """The enabled components with any of ``capabilities``, in input order; with ``sites``,
    only those at one of these sites or at none (where they are used is then unknown).

    Every rule asks, most of them of places the deployment is not: the components are grouped
    by site once per assessment, so a rule looks at the groups of its own sites alone, and each
    group is searched once per set of capabilities. A ban in a place where no site is, and
    no component without a site, looks at no component at all (the usual case).
    """
    if sites is not None and not sites and not any_unsited(ctx):
        return []
    by_site = _enabled_by_site(ctx)
    chosen = [site for site in by_site if sites is None or site is None or site in sites]
    if len(chosen) == 1:
        return _using_at(ctx, capabilities, chosen[0], by_site[chosen[0]])
    found = [
        using for site in chosen for using in _using_at(ctx, capabilities, site, by_site[site])
    ]
    return sorted(found, key=lambda using: using[0])


def any_unsited(ctx: Context) -> bool:
    """Whether some component has no site (once per assessment)."""
    cached = _ANY_UNSITED.get(ctx, None)
    if cached is None:
        cached = _ANY_UNSITED.put(
            ctx, None, any(comp.site is None for comp in ctx.procurement.components)
        )
    return cached


def _enabled_by_site(ctx: Context) -> dict[str | None, list[tuple[int, Component]]]:
    """The enabled components by site (None: no site), each with its place in the input."""
    cached = _ENABLED_BY_SITE.get(ctx, None)
    if cached is None:
        found: dict[str | None, list[tuple[int, Component]]] = {}
        for i, comp in enumerate(ctx.procurement.components):
            if comp.enabled and (
                comp.capabilities or (comp.capabilities is None and comp.kind in MAY_BE_BIOMETRIC)
            ):
                found.setdefault(comp.site, []).append((i, comp))
        cached = _ENABLED_BY_SITE.put(ctx, None, found)
    return cached


def _using_at(
    ctx: Context,
    capabilities: tuple[str, ...],
    site: str | None,
    components: list[tuple[int, Component]],
) -> list[Using]:
    key = (capabilities, site)
    cached = _USING.get(ctx, key)
    if cached is None:
        wanted = set(capabilities)
        cached = _USING.put(
            ctx,
            key,
            [
                (i, comp, tuple(c for c in comp.capabilities if c in wanted))
                if comp.capabilities is not None
                else (i, comp, capabilities)
                for i, comp in components
                if comp.capabilities is None or not wanted.isdisjoint(comp.capabilities)
            ],
        )
    return cached
