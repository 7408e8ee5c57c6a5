"""What a law's search reads and the input may not give: where each party that can reach the
data is incorporated, and who can reach or update each device.

Asked by every kind whose laws bind by a party's ties (``compelled_access``, and
``conflict_of_laws`` for its compelling law), worked out once per assessment, and stated once
by the engine however many kinds ask.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import get_args

from riskkit.kinds._exposure.routes import Route, ways
from riskkit.kinds._exposure.subjects import party_name
from riskkit.kinds._graph.facts import doubts, incorporation
from riskkit.kinds._graph.holders import may_control
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence, Missing
from riskkit.model import BUYER, ComponentKind

UPDATED_KINDS = frozenset(get_args(ComponentKind)) - {"cloud_service"}
"""Component kinds whose firmware or software someone updates: every kind but a cloud service,
which its provider runs (and reaches as a flow's operator)."""

_REACHING_NEEDS = Slot[float, tuple[Missing, ...]]("exposure.reaching_needs", per_day=True)


def reaching_needs(ctx: Context, threshold: float) -> tuple[Missing, ...]:
    """Where each party that can reach the data, and each party controlling one up the
    declared ownership chain, is incorporated, when neither declared nor known from curated
    data; and every contradiction between declared and curated facts of those parties. Once
    per party, in listing order (the parties on the routes, each followed by its owners);
    worked out once per assessment (the kinds whose laws bind by incorporation all ask)."""
    found = _REACHING_NEEDS.get(ctx, threshold)
    if found is None:
        found = _REACHING_NEEDS.put(ctx, threshold, tuple(_reaching_needs(ctx, threshold)))
    return found


def _reaching_needs(ctx: Context, threshold: float) -> Iterator[Missing]:
    listed = ways(ctx)
    parties = ctx.parties
    # each party once, with the party it controls or may control that reaches the data and
    # whether it surely does (None: it reaches it); an owner the register does not name has no
    # incorporation to declare (its holding is asked about by the laws that bind by control)
    order: dict[str, tuple[str, bool] | None] = {}
    for party_id in listed.by_party:
        party = parties.get(party_id)
        if party_id == BUYER or party is None:
            continue
        order[party_id] = None
        if party.owners:
            for held in may_control(ctx, party_id, threshold):
                if not parties[held.owner].undisclosed:
                    order.setdefault(held.owner, (party_id, not held.path))
    for party_id, below in order.items():
        subject = f"parties[{party_id}]"
        for doubt in doubts(ctx, party_id):
            yield Missing(subject, "incorporated_in.curated", doubt)
        if incorporation(ctx, party_id) is not None:
            continue
        if below is None:
            why = [_route_words(route) for route in listed.by_party[party_id]]
        else:
            controlled, sure = below
            how = "controls" if sure else "may control (its control is not known)"
            why = [f"it {how} {controlled!r}, which can reach the data"]
        yield Missing(
            subject,
            "incorporated_in",
            f"Where {party_name(ctx, party_id)} is incorporated is not given, and riskkit has "
            f"no curated data on it. It can reach this deployment's data ({_said(why)}), so "
            "riskkit cannot tell whether a foreign state's law can make it hand the data over. "
            "Declare its incorporated_in.",
            (Evidence(f"{subject}.incorporated_in", "not given"),),
        )
    for comp in ctx.procurement.components:
        if comp.remote_access is None and comp.manufacturer is None:
            yield Missing(
                f"components[{comp.id}]",
                "remote_access",
                f"Neither who makes {comp.id!r} (as a party) nor who can reach it remotely is "
                "given, so riskkit cannot tell which state's law could make its maker hand "
                "over its data. Declare its manufacturer, or its remote_access ([] for none).",
                (Evidence(f"components[{comp.id}].remote_access", "not declared"),),
            )
        elif comp.remote_access is None and comp.manufacturer is not None:
            yield Missing(
                f"components[{comp.id}]",
                "remote_access",
                f"Who can reach {comp.id!r} remotely is not stated. riskkit assumes its maker "
                f"{party_name(ctx, comp.manufacturer)} can, but any party that can reach it "
                "(a cloud or support service, an integrator, a maintenance contractor) may be "
                "one a foreign state's law can make hand over its data, and none is checked. "
                "Declare its remote_access: the parties that can reach it, or [] for none.",
                (Evidence(f"components[{comp.id}].remote_access", "not declared"),),
            )
        if comp.firmware_updates_by is None and comp.kind in UPDATED_KINDS:
            yield Missing(
                f"components[{comp.id}]",
                "firmware_updates_by",
                f"Who updates the firmware or software of {comp.id!r} is not stated. Whoever "
                "pushes updates can change what it does and reach its data, so a foreign "
                "state's law that binds that party reaches it too. Declare firmware_updates_by: "
                'the party that does it, or "buyer" when the buyer updates it itself.',
                (Evidence(f"components[{comp.id}].firmware_updates_by", "not declared"),),
            )


def _route_words(route: Route) -> str:
    """How a route reaches the data, in words."""
    _, how, flow, comp, _, _ = route
    if flow is not None:
        return f"it receives the data flow {flow.id!r}"
    assert comp is not None
    if how == "remote_access":
        return f"it has remote access to {comp.id!r}"
    if how == "undeclared":
        return f"it makes {comp.id!r}, whose remote access is not declared"
    return f"it updates the firmware of {comp.id!r}"


def _said(reasons: list[str]) -> str:
    shown = reasons[:3]
    more = len(reasons) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more else "")
