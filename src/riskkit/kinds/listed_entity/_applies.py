"""Whether a rule speaks to the deployment, whom its consequence binds, and whether it covers a
given component's use and acquisition or the buyer's contract with a party.

A rule that does not bind the buyer still tells it the risk that remains (``unbound_outcome``);
a fact the input leaves out that decides whether the rule applies is an unknown, never a pass.
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence, HitOutcome
from riskkit.kinds.listed_entity._coverage import Coverage
from riskkit.kinds.listed_entity._deal import Deal, serving
from riskkit.kinds.listed_entity._listing import CoveredUses
from riskkit.kinds.listed_entity._wording import said
from riskkit.kinds.listed_entity.params import Binds, ListedEntityParams
from riskkit.model import Component, Party, buyer_kind_in

_SPEAKS_TO = Slot[tuple[str, ...], bool]("listed_entity.speaks_to", per_day=True)
_BUYER_ENTITIES = Slot[None, tuple[str, ...]]("listed_entity.buyer_entities")


def speaks_to(ctx: Context, scopes: tuple[str, ...]) -> bool:
    """A list or ban speaks to a deployment whose buyer or a site is within its jurisdiction
    on the day (a rule of the EU stops reaching a UK buyer after Brexit); other deployments
    that merely touch the jurisdiction through a party are left to the rules of their own.
    Many rules share their scope, so answers are kept per scope and day."""
    known = _SPEAKS_TO.get(ctx, scopes)
    if known is None:
        known = _SPEAKS_TO.put(
            ctx,
            scopes,
            ctx.buyer_within(scopes)
            or any(ctx.within(scopes, site.jurisdiction) for site in ctx.procurement.sites),
        )
    return known


def _buyer_entities(ctx: Context) -> tuple[str, ...]:
    """Curated entities the buyer is, by exact normalised name (the buyer is not a party)."""
    cached = _BUYER_ENTITIES.get(ctx, None)
    if cached is None:
        cached = _BUYER_ENTITIES.put(ctx, None, ctx.entities.by_name(ctx.procurement.buyer.name))
    return cached


_A_BOUND_BUYER = "a buyer the rule binds"


class Bound(NamedTuple):
    """Whether the rule's consequence binds the buyer, with the evidence of why; when the
    input cannot say, ``undecided`` is what is missing (and ``binds`` is False)."""

    binds: bool
    evidence: list[Evidence]
    undecided: str | None = None


def bound(ctx: Context, binds: Binds | None) -> Bound:
    """Whether the rule's consequence binds the buyer, with the evidence of why. A buyer whose
    seat or kind is unknown, where the rule binds by it, is undecided: never taken as bound,
    never taken as free of it."""
    buyer = ctx.procurement.buyer
    if binds is None:
        return Bound(True, [])
    seat = buyer.jurisdiction
    if binds.buyer_in:
        if seat is None:
            return Bound(False, [], "where the buyer is seated is not given")
        if not ctx.within(binds.buyer_in, seat):
            return Bound(False, [])
    if not (binds.buyer_kinds or binds.funding or binds.buyer_entities):
        # Only a jurisdiction given: everyone there is bound.
        return Bound(True, [Evidence("buyer.jurisdiction", seat, _A_BOUND_BUYER)] if seat else [])
    evidence = []
    if buyer.kind is not None and buyer_kind_in(buyer.kind, binds.buyer_kinds):
        evidence.append(Evidence("buyer.kind", buyer.kind, _A_BOUND_BUYER))
    for i, source in enumerate(buyer.funding or ()):
        if source in binds.funding:
            evidence.append(Evidence(f"buyer.funding[{i}]", source, "funding the rule binds"))
    for entity_id in _buyer_entities(ctx):
        if entity_id in binds.buyer_entities:
            evidence.append(
                Evidence("buyer.name", buyer.name, f"is entity {entity_id!r}, whom the rule binds")
            )
    if not evidence:
        missing = _missing_facts(buyer.kind is None, buyer.funding is None, binds)
        if missing:
            return Bound(False, [], missing)
    return Bound(bool(evidence), evidence)


def _missing_facts(no_kind: bool, no_funding: bool, binds: Binds) -> str | None:
    """What the input leaves out that would say whether a buyer the rule does not yet bind is
    bound: its kind, where the rule binds kinds, and its funding, where it binds funds."""
    said = []
    if no_kind and binds.buyer_kinds:
        kinds = ", ".join(k.replace("_", " ") for k in binds.buyer_kinds)
        said.append(f"the buyer's kind is not given, and it binds {kinds}")
    if no_funding and binds.funding:
        funds = ", ".join(f.replace("_", " ") for f in binds.funding)
        said.append(f"where the buyer's money comes from is not given, and it binds {funds}")
    return "; ".join(said) or None


def in_use(ctx: Context, deal: Deal, comp: Component, uses: CoveredUses) -> bool | None:
    """Whether the component is put to one of ``uses`` (``Spans.uses``): its own purposes
    when it states them, else its site's, and its site's settings. True or False when the
    covered uses can be decided; None when the facts are missing."""
    purposes, settings = deal.site_uses(ctx, comp.site)
    if comp.purposes:
        purposes = frozenset(comp.purposes)
        if ctx.procurement.buyer.kind == "law_enforcement":
            purposes |= {"law_enforcement"}
    if not purposes and not settings:
        return None
    return not (purposes.isdisjoint(uses.purposes) and settings.isdisjoint(uses.settings))


_ACQUIRED = {
    "new": "bought new",
    "installed": "already installed and kept in use",
    "renewal": "under a renewed contract",
    "maintenance": "under a maintenance contract",
}


class Acquired(NamedTuple):
    """What a rule that binds only some acquisitions tells a buyer it binds about a
    component (``acquired``)."""

    binds_buyer: bool
    outcome: HitOutcome
    tail: str
    """The explanation after the subject."""
    evidence: tuple[Evidence, ...]
    """Evidence to add to the finding's."""


def acquired(
    params: ListedEntityParams, comp: Component, coverage: Coverage, outcome: HitOutcome, tail: str
) -> Acquired | None:
    """What a rule that binds only some acquisitions (``params.acquisitions``) tells a buyer it
    binds about this component, which it would otherwise tell ``outcome`` and ``tail``; None
    when the component is acquired in a way the rule does not bind and the rule tells such a
    buyer nothing. An acquisition not given is an unknown, never a pass."""
    wanted = params.acquisitions
    phrases = [_ACQUIRED[a] for a in wanted]
    spelled = phrases[-1] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} or {phrases[-1]}"
    acquisition = comp.acquisition
    if acquisition is None:
        return Acquired(
            False,
            "unknown",
            tail + f" The rule binds only equipment {spelled}, and this component's acquisition "
            "(new, installed, renewal or maintenance) is not given, so whether it applies is "
            "unknown.",
            (),
        )
    evidence = Evidence(
        f"components[{comp.id}].acquisition",
        acquisition,
        "an acquisition the rule binds" if acquisition in wanted else "not one the rule binds",
    )
    if acquisition in wanted:
        return Acquired(True, outcome, tail, (evidence,))
    if params.unbound_outcome == "none":
        return None
    lesser = said(params.unbound_outcome, True, [], coverage)
    return Acquired(
        False,
        lesser.outcome,
        lesser.tail + f" The rule binds only equipment {spelled}; this component is "
        f"{_ACQUIRED[acquisition]} ({acquisition}), which it does not bind; the finding records "
        "the risk that remains.",
        (evidence,),
    )


_CONTRACTING_ROLES = frozenset(
    {
        "reseller",
        "integrator",
        "cloud_provider",
        "operator",
        "maintainer",
        "software_vendor",
        "telecom_carrier",
    }
)
"""Roles in which a party contracts with the buyer (a maker or an owner alone does not)."""


def contracts(ctx: Context, party: Party) -> bool | None:
    """Whether the buyer contracts with ``party``: True for a contracting role or a service in
    the deal; False for a party given only as a maker or an owner; None when its roles are
    not given and it only makes something in the deal."""
    if not _CONTRACTING_ROLES.isdisjoint(party.roles) or party.id in serving(ctx):
        return True
    return False if party.roles else None
