"""Whose data a component processes: the routes by which data collected elsewhere reaches it,
and what is stated along them (purposes, authorised uses).

A ban on face recognition covers a server running it on a camera's footage as much as the
camera doing it itself; the rule looks along each route for the place and the purpose of the
data's collection.
"""

from __future__ import annotations

from riskkit.kinds.context import Context, Slot
from riskkit.model import Component, DataFlow

Route = tuple[Component, tuple[DataFlow, ...]]
"""Whose data a component processes: the component the data comes from (the origin), and the
data flows that carry it, in order, from the origin to the processing component (none when the
component processes its own data)."""

_COMPONENT_FLOWS = Slot[None, bool]("biometric_ban.component_flows")
_ROUTES = Slot[str, list[Route]]("biometric_ban.routes")
_FLOWS_INTO = Slot[None, dict[str, list[DataFlow]]]("biometric_ban.flows_into")

_COLLECTS = frozenset(
    {
        "ip_camera",
        "body_camera",
        "alpr_camera",
        "drone",
        "sensor",
        "mobile_device",
        "access_control",
    }
)
"""Component kinds that collect data of their own (capture devices), whatever flows reach them."""


def has_component_flows(ctx: Context) -> bool:
    """Whether some data flow goes to a component (once per assessment)."""
    cached = _COMPONENT_FLOWS.get(ctx, None)
    if cached is None:
        cached = _COMPONENT_FLOWS.put(
            ctx, None, any(f.to.component is not None for f in ctx.procurement.data_flows)
        )
    return cached


def routes_to(ctx: Context, comp: Component) -> list[Route]:
    """Whose data ``comp`` processes, each with the flows that carry it there.

    Its own, when no flow reaches it or it is a capture device (a camera collects footage of
    its own whatever else reaches it). Then that of each component upstream of it, nearest
    first, by the flows that go to a component, that collects data: a capture device, or a
    component no flow reaches. A cycle of flows is followed once round; where only components
    that relay data feed it, each of them counts."""
    cached = _ROUTES.get(ctx, comp.id)
    if cached is None:
        into = _flows_into(ctx)
        upstream: list[Route] = []
        seen = {comp.id}
        queue: list[Route] = [(comp, ())]
        while queue:
            head, flows = queue.pop(0)
            for flow in into.get(head.id, []):
                source = ctx.components.get(flow.source)
                if source is None or source.id in seen:
                    continue
                seen.add(source.id)
                found: Route = (source, (flow, *flows))
                upstream.append(found)
                queue.append(found)
        collecting = [r for r in upstream if r[0].id not in into or r[0].kind in _COLLECTS]
        own: list[Route] = [(comp, ())] if comp.id not in into or comp.kind in _COLLECTS else []
        cached = _ROUTES.put(ctx, comp.id, own + collecting if own or collecting else upstream)
    return cached


def _flows_into(ctx: Context) -> dict[str, list[DataFlow]]:
    """The flows that go to each component, by its id, in input order (once per assessment)."""
    cached = _FLOWS_INTO.get(ctx, None)
    if cached is None:
        found: dict[str, list[DataFlow]] = {}
        for flow in ctx.procurement.data_flows:
            if flow.to.component is not None and flow.to.component != flow.source:
                found.setdefault(flow.to.component, []).append(flow)
        cached = _FLOWS_INTO.put(ctx, None, found)
    return cached


def _chain(ctx: Context, comp: Component, route: Route) -> list[Component | DataFlow]:
    """The processing component, then back along the route: each flow, then the component it
    comes from, down to the origin."""
    chain: list[Component | DataFlow] = [comp]
    for flow in reversed(route[1]):
        chain.append(flow)
        source = ctx.components.get(flow.source)
        if source is not None:
            chain.append(source)
    return chain


def _path(item: Component | DataFlow) -> str:
    return f"components[{item.id}]" if isinstance(item, Component) else f"data_flows[{item.id}]"


def purposes_of(ctx: Context, comp: Component, route: Route) -> tuple[tuple[str, ...], str | None]:
    """What ``comp``'s use of the route's data is for, and where that is written: the first
    purposes stated on the component, then back along the flows and the components the data
    passed through, then at the origin's site, then at the component's own site. A
    component's purposes override its site's."""
    for item in _chain(ctx, comp, route):
        if item.purposes:
            return item.purposes, f"{_path(item)}.purposes"
    for component in (route[0], comp):
        site = ctx.site_of(component)
        if site is not None and site.purposes:
            return site.purposes, f"sites[{site.id}].purposes"
    return (), None


def authorised_uses_of(
    ctx: Context, comp: Component, route: Route
) -> tuple[tuple[str, ...], str | None]:
    """The uses ``comp``'s biometric processing of the route's data is restricted to, and
    where that is written: the first stated on the component, then back along the flows and
    the components the data passed through; empty when none is stated."""
    for item in _chain(ctx, comp, route):
        if item.authorised_uses:
            return item.authorised_uses, f"{_path(item)}.authorised_uses"
    return (), None
