"""What makes a transfer lawful besides the rule itself: an adequacy decision covering the
destination on the day, or a route the law offers (consent, contract clauses) that the buyer
declares it relies on."""

from __future__ import annotations

import attrs

from riskkit.kinds.context import Context
from riskkit.kinds.data_transfer.params import AdequacyEntry, DataTransferParams, Route
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, params_of
from riskkit.model import DataFlow
from riskkit.model.jurisdictions import contains
from riskkit.model.vocabulary import weakest


@attrs.frozen
class Cover:
    """What the adequacy list says about one flow on one day."""

    covering: tuple[AdequacyEntry, ...]
    uncovered: tuple[AdequacyEntry, ...]
    """Entries for the destination that do not cover the flow on the day (dates, certification)."""

    @property
    def confidence(self) -> str:
        return weakest([e.confidence for e in (*self.covering, *self.uncovered)])


def cover_of(params: DataTransferParams, ctx: Context, flow: DataFlow) -> Cover:
    """What the rule's adequacy entries say of ``flow`` on the day."""
    covering: list[AdequacyEntry] = []
    uncovered: list[AdequacyEntry] = []
    importer = ctx.parties.get(flow.to.operator)
    certified = set(importer.certifications) if importer else set()
    for entry in params.adequacy:
        if not contains(entry.destination, flow.to.location, ctx.day):
            continue
        if entry.holds_on(ctx.day) and (
            entry.requires_certification is None or entry.requires_certification in certified
        ):
            covering.append(entry)
        else:
            uncovered.append(entry)
    return Cover(tuple(covering), tuple(uncovered))


def entry_evidence(entry: AdequacyEntry, ctx: Context, flow: DataFlow, covers: bool) -> Evidence:
    """The entry as evidence: how it ``covers`` the flow, or why it does not on the day."""
    if covers:
        note = "covers this transfer"
        if entry.requires_certification:
            note += f"; the importer is certified under {entry.requires_certification}"
        if entry.condition:
            note += f" (limited to: {entry.condition})"
    elif not entry.holds_on(ctx.day):
        since = entry.since.isoformat() if entry.since else "the start"
        until = entry.until.isoformat() if entry.until else "now"
        note = f"holds only from {since} to {until}"
    else:
        note = (
            f"covers only importers certified under {entry.requires_certification}; "
            f"{flow.to.operator!r} declares no such certification"
        )
    return Evidence(f"adequacy[{entry.id}]", entry.decision, note)


def on_route(rule: CompiledRule, ctx: Context, flow: DataFlow, hit: Hit) -> Hit:
    """The hit, lowered to info when the buyer declares a route the law offers."""
    params = params_of(rule, DataTransferParams)
    if not params.routes or params.fires_on == "adequacy":
        return hit
    by_id = {
        r.id: r for r in params.routes if r.available_from is None or r.available_from <= ctx.day
    }
    covers = {flow.id, flow.source, flow.to.operator}
    for auth in ctx.procurement.authorisations:
        if auth.rule != rule.id or auth.exception not in by_id or not auth.holds_on(ctx.day):
            continue
        if auth.applies_to and flow.source not in auth.applies_to:
            continue
        return _relies(rule, hit, by_id[auth.exception], f"authorisations[{auth.id}]")
    for route in by_id.values():
        for m in ctx.procurement.mitigations:
            if route.mitigation == m.kind and (not m.applies_to or covers & set(m.applies_to)):
                return _relies(rule, hit, route, f"mitigations[{m.id}]")
    offered = "; ".join(
        f"{r.id} ({r.description}"
        + (
            f"; a declared {r.mitigation} mitigation covering the flow meets it"
            if r.mitigation
            else ""
        )
        + ")"
        for r in by_id.values()
    )
    if not offered:
        return hit
    return hit._replace(
        explanation=hit.explanation
        + f" The law's routes are: {offered}. None is declared: declare the one relied on as an "
        f"authorisation naming rule {rule.id!r} and the route's id."
    )


def _relies(rule: CompiledRule, hit: Hit, route: Route, where: str) -> Hit:
    return hit._replace(
        outcome="info",
        binding=False,
        explanation=hit.explanation
        + f" The buyer declares that the transfer rests on the route {route.id!r} "
        f"({route.description}); it stands only while that route's conditions hold.",
        evidence=(*hit.evidence, Evidence(where, route.id, "declared route for the transfer")),
        exception=route.id,
    )
