"""What a report says about how it was made (its provenance) and what it looked at (its
coverage): the packs and lists used, the input's digest, the rules counted at each step, and
the places of use each taken in by some rule."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from riskkit._support.identity_cache import IdentityCache
from riskkit._version import __version__
from riskkit.engine.assemble import assemble
from riskkit.kinds.context import Context
from riskkit.model import Procurement
from riskkit.packs import RuleSet, Schedule
from riskkit.report import Coverage, PackRef, PlaceCoverage, Provenance
from riskkit.report.scoring import ScoringConfig

if TYPE_CHECKING:
    from riskkit.packs.lists import ListSet


def _digest(p: Procurement) -> str:
    canonical = p.model_dump_json(by_alias=True, exclude_defaults=False)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


procurement_digest = IdentityCache(_digest)
"""``sha256:`` of the procurement's canonical JSON (computed once per procurement object)."""


def _pack_refs(rules: RuleSet) -> tuple[PackRef, ...]:
    return tuple(
        PackRef(
            id=p.info.id,
            version=p.info.version,
            digest=p.digest,
            source=p.source,
            data_date=p.info.data_date,
        )
        for p in sorted(rules.packs, key=lambda p: p.info.id)
    )


pack_refs = IdentityCache(_pack_refs)
"""The report's references to a rule set's packs (computed once per loaded rule set)."""


def provenance(
    procurement: Procurement,
    rules: RuleSet,
    as_of: date,
    config: ScoringConfig,
    lists: ListSet | None,
) -> Provenance:
    """How the report was made: riskkit's version, the packs and lists, the input, the day
    and the term, the scoring."""
    term = procurement.term
    return assemble(
        Provenance,
        {
            "riskkit_version": __version__,
            "packs": pack_refs(rules),
            "lists": lists.refs_on(as_of) if lists is not None else (),
            "max_list_age_days": lists.max_age_days if lists is not None else None,
            "procurement_digest": procurement_digest(procurement),
            "as_of": as_of,
            "term_start": term.start if term is not None else None,
            "term_end": term.end if term is not None else None,
            "scoring": config.as_dict(),
        },
    )


def _places_of_use(p: Procurement) -> list[tuple[str, str]]:
    """Where the deployment is used, each with what puts it there: the buyer, then the sites.
    A buyer whose seat is unknown is no place: the unknown says so instead."""
    seat = p.buyer.jurisdiction
    buyer = [("buyer", seat)] if seat is not None else []
    return buyer + [(f"sites[{site.id}]", site.jurisdiction) for site in p.sites]


def place_coverage(p: Procurement, schedule: Schedule, ctx: Context) -> list[PlaceCoverage]:
    """How many scheduled rules take in each place of use, on the as-of date."""
    counts: dict[str, int] = {}
    places = []
    for where, place in _places_of_use(p):
        if place not in counts:
            counts[place] = sum(1 for rule, _ in schedule if ctx.within(rule.rule.scope, place))
        places.append(
            assemble(PlaceCoverage, {"place": place, "where": where, "rules": counts[place]})
        )
    return places


def coverage(
    rules: RuleSet,
    in_scope: int,
    schedule: Schedule,
    applicable: int,
    unknown: int,
    places: list[PlaceCoverage],
    uncovered: tuple[str, ...],
) -> Coverage:
    """What the assessment looked at: the rules loaded, in scope, in force, applicable and
    unknown, and the places of use each taken in by some rule (or none: ``uncovered``)."""
    return assemble(
        Coverage,
        {
            "rules_loaded": len(rules.rules),
            "rules_in_scope": in_scope,
            "rules_in_force": len(schedule),
            "rules_applicable": applicable,
            "rules_unknown": unknown,
            "places": tuple(places),
            "uncovered": uncovered,
        },
    )
