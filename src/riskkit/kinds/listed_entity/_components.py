"""Findings on the deal's components: covered through their producers (a listed maker, the
owner of a brand, an OEM behind either), through a part inside them, or by their producer's
seat; then narrowed by the uses, network segments and acquisitions the rule covers."""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds._graph import Node, Origin, Step, producers_of
from riskkit.kinds.interface import Evidence, Hit, HitOutcome
from riskkit.kinds.listed_entity._applies import acquired, in_use
from riskkit.kinds.listed_entity._coverage import Coverage
from riskkit.kinds.listed_entity._deal import MakerBrand
from riskkit.kinds.listed_entity._matcher import contained_coverage, coverage_of
from riskkit.kinds.listed_entity._run import Run, covered_hit, unknown_hit
from riskkit.kinds.listed_entity._seat import open_control, produced_outside, seat_coverages
from riskkit.kinds.listed_entity._wording import (
    USE_UNKNOWN,
    Said,
    capabilities_unknown,
    said,
    seat_unknown,
)
from riskkit.model import Component


class _Covered(NamedTuple):
    """How a component is covered other than through its maker and brand's group, before the
    rule's narrowing by use, segment and acquisition."""

    said: Said
    lead: str
    """How the finding begins when it is through a part inside; empty when it is through the
    component's own producer."""


def component_hits(run: Run, components: list[Component]) -> list[Hit]:
    """Findings on ``components`` (those whose producers reach the listing, or all of them for
    a rule that covers producers by their seat), in order."""
    hits: list[Hit] = []
    spans, contained, covered_parties = run.spans, run.params.contained, run.covered_parties
    products, capabilities, by_seat = spans.products, spans.capabilities, spans.by_seat
    # Components with the same maker and brand share their coverage and all a finding says of
    # it but the component's own part, so that is worked out once per maker and brand.
    groups: dict[MakerBrand, tuple[Origin, Said] | None] = {}
    for comp in components:
        kind = comp.kind
        has = comp.capabilities
        by_maker = not (
            (products and kind not in products)
            # capabilities left out are not known: the finding on them is an unknown (_narrowed)
            or (capabilities and has is not None and capabilities.isdisjoint(has))
            or (contained is not None and contained.only)
        )
        inside = (
            contained is not None
            and bool(comp.contains)
            and (not contained.products or kind in contained.products)
        )
        if not by_maker and not inside:
            continue
        group = None
        if by_maker and not by_seat:
            key = (comp.manufacturer, comp.brand)
            if key in groups:
                group = groups[key]
            else:
                group = groups[key] = _group_said(run, comp.manufacturer, comp.brand)
        if group is not None:
            # the commonest way, and the cheapest: through the component's own producer
            origin, told = group
            evidence = (run.deal.lead(origin, comp.id), *told.evidence)
            lead = ""
        else:
            covered = _by_seat(run, comp, hits) if by_seat else _through_part(run, comp, inside)
            if covered is None:
                continue
            told, lead = covered
            evidence = told.evidence
        if not lead:
            if comp.manufacturer is not None:
                covered_parties.add(comp.manufacturer)
            if comp.supplied_by is not None:
                covered_parties.add(comp.supplied_by)
        hit = _narrowed(run, comp, told, evidence, lead)
        if hit is not None:
            hits.append(hit)
    return hits


def _through_part(run: Run, comp: Component, inside: bool) -> _Covered | None:
    """The component covered through a part inside it that the rule follows (``inside``)."""
    contained = run.params.contained
    if not inside or contained is None:
        return None
    ctx = run.ctx
    part = contained_coverage(ctx, contained, run.listing, run.matcher, run.params.list, comp)
    if part is None:
        return None
    told = said(run.outcome, run.bound, run.bound_evidence, part.coverage)
    if part.maker is not None:
        run.covered_parties.add(part.maker)
    return _Covered(told, part.lead)


def _group_said(run: Run, maker: str | None, brand: str | None) -> tuple[Origin, Said] | None:
    """What every component with this maker and brand is told (but its own field, which the
    chain starts from: ``origin``)."""
    best = run.matcher.group(maker, brand)
    if best is None:
        return None
    origin, candidate, steps, confidence = best
    coverage = coverage_of(run.ctx, run.listing, run.params.list, candidate, steps, confidence)
    return origin, said(run.outcome, run.bound, run.bound_evidence, coverage)


def _by_seat(run: Run, comp: Component, hits: list[Hit]) -> _Covered | None:
    """The component covered through its producers, or by where they are incorporated or it
    is produced, whichever is likeliest. When that decides and is not given, an unknown goes
    to ``hits`` instead."""
    ctx, params = run.ctx, run.params
    comp_id = comp.id
    coverages = []
    best = run.matcher.group(comp.manufacturer, comp.brand)
    if best is not None:
        origin, candidate, steps, confidence = best
        # the component's own field the first step
        steps = (origin.step(comp_id), *steps)
        coverages.append(coverage_of(ctx, run.listing, params.list, candidate, steps, confidence))
    producers = producers_of(ctx, comp_id)
    if params.producers_outside:
        seated, known = produced_outside(ctx, params, comp)
    else:
        seated, known = seat_coverages(ctx, params, producers)
    coverages += seated
    if not known and not coverages and (producers or params.producers_outside):
        uses = run.spans.uses
        if (in_use(ctx, run.deal, comp, uses) if uses else True) is not False:
            hits.append(_seat_unknown(run, comp, producers))
        return None
    if not coverages:
        uses = run.spans.uses
        used = in_use(ctx, run.deal, comp, uses) if uses else True
        if params.producers_incorporated_in and used is not False:
            why = open_control(ctx, params, producers)
            if why:
                hits.append(_control_unknown(run, comp, why))
        return None
    coverage = max(coverages, key=Coverage.order)
    told = said(run.outcome, run.bound, run.bound_evidence, coverage)
    return _Covered(told, "")


def _seat_unknown(run: Run, comp: Component, producers: list[tuple[Node, tuple[Step, ...]]]) -> Hit:
    params = run.params
    comp_id = comp.id
    outside = bool(params.producers_outside)
    where = ", ".join(params.producers_incorporated_in or params.producers_outside)
    makers = {p for p in (comp.manufacturer, comp.supplied_by) if p is not None}
    return unknown_hit(
        f"components[{comp_id}]",
        f"{comp.kind.replace('_', ' ')} {comp_id!r}: " + seat_unknown(params.list, where, outside),
        (
            (Evidence(f"components[{comp_id}].produced_in", "not given"),)
            if outside
            else tuple(s.evidence for _, steps in producers for s in steps)
        ),
        frozenset({comp_id} | makers),
    )


def _control_unknown(run: Run, comp: Component, why: tuple[Evidence, ...]) -> Hit:
    """Whether ``comp``'s producer is controlled from a country the rule covers is left open
    by the holdings ``why``: an unknown, never a pass."""
    params = run.params
    where = ", ".join(params.producers_incorporated_in)
    makers = {p for p in (comp.manufacturer, comp.supplied_by) if p is not None}
    return unknown_hit(
        f"components[{comp.id}]",
        f"{comp.kind.replace('_', ' ')} {comp.id!r}: whether its producer is controlled by a "
        f"company incorporated in {where}, which the {params.list} covers, is not known: a "
        "holding in it, or in a company that controls it, does not say whether it gives "
        "control, or is held by an owner the register does not name.",
        why,
        frozenset({comp.id} | makers),
    )


def _narrowed(
    run: Run,
    comp: Component,
    told: Said,
    evidence: tuple[Evidence, ...],
    lead: str,
) -> Hit | None:
    """The finding on a covered component, as the uses, network segments and acquisitions the
    rule covers narrow it; None when they leave it out. A fact among them that is not given
    makes the finding an unknown."""
    params, spans = run.params, run.spans
    uses = spans.uses
    used = in_use(run.ctx, run.deal, comp, uses) if uses else True
    if used is False:
        return None
    coverage, outcome, tail = told.coverage, told.outcome, told.tail
    # Through its own producer, the rule covers the component only for the capabilities it
    # names; through a part inside it, whatever it can do.
    capabilities_open = bool(spans.capabilities) and not lead and comp.capabilities is None
    segments = params.segments
    segment_open = False
    if segments:
        segment = comp.network_segment
        if segment is not None and segment not in segments:
            return None
        if segment is None:
            segment_open = True
        else:
            evidence = (
                *evidence,
                Evidence(
                    f"components[{comp.id}].network_segment",
                    segment,
                    "a part of the network the rule covers",
                ),
            )
    binds_buyer = run.bound
    if binds_buyer and spans.acquisitions:
        found = acquired(params, comp, coverage, outcome, tail)
        if found is None:
            return None
        binds_buyer, outcome, tail, more = found
        evidence = (*evidence, *more)
    # An unknown use, network segment or capability leaves it open whether the rule applies.
    open_ = segment_open or capabilities_open
    hit_outcome: HitOutcome = outcome if used and not open_ else "unknown"
    if capabilities_open:
        tail += capabilities_unknown(comp.id, spans.capabilities)
        evidence = (
            *evidence,
            Evidence(
                f"components[{comp.id}].capabilities",
                "not given",
                "the rule covers only components that can do some things",
            ),
        )
    if segment_open:
        tail += (
            f" The rule covers only the {' and '.join(segments)} network, and this "
            "component's network_segment (core, access or transport) is not given, so "
            "whether it applies is unknown."
        )
    comp_id = comp.id
    return covered_hit(
        f"components[{comp_id}]",
        told,
        hit_outcome,
        binds_buyer,
        (lead or run.deal.produced(comp_id, comp.kind)) + tail + ("" if used else USE_UNKNOWN),
        evidence,
        frozenset((comp_id, *run.covered_parties)),
    )
