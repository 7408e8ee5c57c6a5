"""What the laws of ``compelled_access`` rules in scope read and the input may not give: the
roles of parties a law binding only some roles may bind, and whether data under keys the buyer
holds is encrypted at rest."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from riskkit.kinds._exposure.reach import law_reaches
from riskkit.kinds._exposure.routes import ways
from riskkit.kinds._exposure.subjects import party_name
from riskkit.kinds._exposure.ties import ties_to
from riskkit.kinds.compelled_access.params import CompelledAccessParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Missing, params_of
from riskkit.model import BUYER, DataFlow


def key_needs(ctx: Context, in_scope: Sequence[CompiledRule]) -> Iterator[Missing]:
    """Flows to a bound party encrypted with keys the buyer holds, where whether the data is
    encrypted at rest is not given: the keys lower the likelihood only when it is."""
    if not any(
        flow.encryption is not None
        and flow.encryption.keys_held_by == "buyer"
        and flow.encryption.at_rest is None
        for flow in ctx.procurement.data_flows
    ):
        return  # the usual case: nothing to ask
    listed = ways(ctx)
    flagged: dict[str, DataFlow] = {}
    for rule in in_scope:
        params = params_of(rule, CompelledAccessParams)
        scopes = rule.rule.scope
        if not rule.rule.effective.contains(ctx.day) or (
            params.foreign_only and ctx.buyer_within(scopes)
        ):
            continue
        for reach in law_reaches(ctx, scopes, params).values():
            routes = [r for party, kept, _ in reach.via for r in listed.routes(party, kept)]
            for route in (*routes, *reach.stored):
                flow = route.flow
                encryption = flow.encryption if flow is not None else None
                if (
                    flow is not None
                    and encryption is not None
                    and encryption.keys_held_by == "buyer"
                    and encryption.at_rest is None
                ):
                    flagged.setdefault(flow.id, flow)
    for flow_id in sorted(flagged):
        yield Missing(
            f"data_flows[{flow_id}]",
            "encryption.at_rest",
            f"The buyer holds the keys for {flow_id!r}, but whether the data is encrypted at rest "
            "is not given. Keys the buyer holds keep the data from a compelled host only if it "
            "is stored encrypted, so riskkit did not lower the likelihood. Declare "
            "encryption.at_rest.",
            (Evidence(f"data_flows[{flow_id}].encryption.at_rest", "not given"),),
        )


def role_needs(ctx: Context, in_scope: Sequence[CompiledRule]) -> Iterator[Missing]:
    """Parties with no roles declared that can reach the data and are tied to the place of a
    law in scope that binds only some roles (Russia's Yarovaya law: telecom, cloud and
    communication services): whether that law binds them turns on their roles."""
    roleless = [
        party_id
        for party_id in ways(ctx).carried
        if party_id != BUYER and party_id in ctx.parties and not ctx.parties[party_id].roles
    ]
    if not roleless:
        return  # the usual case
    asked: set[str] = set()
    for rule in in_scope:
        params = params_of(rule, CompelledAccessParams)
        scopes = rule.rule.scope
        if not params.roles or not rule.rule.effective.contains(ctx.day):
            continue
        if params.foreign_only and ctx.buyer_within(scopes):
            continue
        ties = ties_to(ctx, scopes, params.control_threshold)
        for party_id in roleless:
            if party_id in asked:
                continue
            if not any(tie.how in params.binds_by for tie in ties.of(ctx, party_id)):
                continue
            asked.add(party_id)
            roles = ", ".join(role.replace("_", " ") for role in params.roles)
            yield Missing(
                f"parties[{party_id}]",
                "roles",
                f"{rule.rule.title} binds only some parties ({roles}); {party_name(ctx, party_id)} "
                "can reach this deployment's data and is tied to that law's country, but its "
                "roles are not given, so riskkit cannot tell whether the law binds it. Declare "
                "its roles.",
                (Evidence(f"parties[{party_id}].roles", "not given"),),
            )


def reads_ties(rule: CompiledRule) -> bool:
    """Whether the rule's law binds by a party's ties (not only by where the data is)."""
    return any(how != "data_location" for how in params_of(rule, CompelledAccessParams).binds_by)


def min_threshold(rules: Sequence[CompiledRule]) -> float:
    """The lowest control threshold among the rules' laws (0.5 when none says). Asked of
    every loaded rule in every assessment: a filter, not ``params_of`` (a call per rule)."""
    found = [
        r.params.control_threshold for r in rules if isinstance(r.params, CompelledAccessParams)
    ]
    return min(found, default=0.5)
