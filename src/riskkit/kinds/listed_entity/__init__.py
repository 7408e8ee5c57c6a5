"""``listed_entity``: a party, an owner up the chain, or the maker behind a brand is on a list.

Each list entry names a curated entity and the days it was listed. A hit propagates by the list's
own affiliate rule (named entity only; subsidiaries and affiliates; 50 % or more owned in
aggregate), through the procurement's ownership links, the curated ownership links, brands and
documented OEM links, and the evidence records every step. A rule may instead (or also) cover
products by where their producer is incorporated, for measures that name no company but key on a
state's hold over the maker (the UK's 2022 direction on companies subject to the PRC National
Intelligence Law). Whom the consequence binds (US federal buyers, users of federal grants, a
named telecom operator, ...) decides between the rule's outcome and a lesser one. A chain that
rests on low-confidence evidence never gives more than an elevated risk: a prohibition needs
facts we hold with at least medium confidence.

The parts, each in its own module: what the deal reaches on a day (``_deal``), what a rule
lists on a day (``_listing``), which listed entity covers a subject (``_matcher``,
``_coverage``) or the producer's seat (``_seat``), whether the rule applies and binds the buyer
(``_applies``), what a finding says (``_wording``), and the findings on components
(``_components``) and parties (``_parties``), which share one evaluation's state (``_run``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attr
from pydantic import BaseModel

from riskkit._support.dates import day_after
from riskkit.kinds._shared.screened import screened_days
from riskkit.kinds._shared.undecided import unknown_because
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Hit, HitOutcome, Missing, params_of
from riskkit.kinds.listed_entity._applies import Bound, bound, speaks_to
from riskkit.kinds.listed_entity._brands import unknown_makers
from riskkit.kinds.listed_entity._components import component_hits
from riskkit.kinds.listed_entity._deal import DealReach, any_contains
from riskkit.kinds.listed_entity._listing import Spans, screened_listing, spans_of
from riskkit.kinds.listed_entity._matcher import Matcher
from riskkit.kinds.listed_entity._open_components import open_component_hits
from riskkit.kinds.listed_entity._parties import contractor_hits, party_hits, review_hits
from riskkit.kinds.listed_entity._run import Run, unknown_hit
from riskkit.kinds.listed_entity._undecided import open_hits, open_reach
from riskkit.kinds.listed_entity._wording import UNBOUND
from riskkit.kinds.listed_entity.params import ListedEntityParams
from riskkit.model import Component, Party
from riskkit.model.rule import Rule


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class ListedEntity:
    name: str = "listed_entity"
    params_model: type[BaseModel] = ListedEntityParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        return []

    def speaks_beyond_scope(self, params: BaseModel) -> bool:
        """Whether the rule finds risk for buyers outside its jurisdiction: a rule that tells
        unbound buyers something and lists entities (or screens lists), since a listed maker
        or party is a risk wherever the data goes. Rules that cover producers by their seat
        (a country's makers) speak only to their own jurisdiction."""
        return _speaks_beyond_scope(params_of(params, ListedEntityParams))

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        own = params_of(params, ListedEntityParams)
        spans: list[tuple[date, date | None]] = [(e.start, e.until) for e in own.entries]
        spans += [(w.start, w.until) for w in own.affiliate_windows]
        for start, until in spans:
            yield start
            after = day_after(until) if until is not None else None
            if after is not None:
                yield after

    def deployment_days(self, loaded: Sequence[CompiledRule], ctx: Context) -> Iterable[date]:
        """The days the list entries that the deployment's names match are listed on, and the
        days after they expire, when list files are given and a rule screens them."""
        if ctx.screener is None:
            return ()  # the usual case: no list files
        if not any(params_of(r, ListedEntityParams).screen for r in loaded):
            return ()
        return screened_days(ctx)

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterator[Missing]:
        """Who makes each component known only by a brand that names no maker riskkit knows,
        while a listed-entity rule is in scope, and each part a rule in scope follows whose
        maker is not given (``_brands``)."""
        if in_scope:
            yield from unknown_makers(ctx, in_scope)

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Sequence[Hit]:
        """The findings as a list, not a generator: most rules find nothing and stop after a
        few look-ups, which would cost less than making and finishing a generator."""
        params = params_of(rule, ListedEntityParams)
        speaks = speaks_to(ctx, rule.rule.scope)
        if not speaks and not _speaks_beyond_scope(params):
            return ()
        spans = spans_of(params)
        screening = spans.screen and ctx.screener is not None
        listing = screened_listing(ctx, params, spans) if screening else spans.on(ctx.day)
        listed = listing.ids
        if not spans.by_seat and not screening and not listed:
            return ()
        reach = DealReach.of(ctx, listing.mode, spans.threshold)
        opened = (
            open_reach(ctx, listing.mode, spans.threshold, listing, screening)
            if spans.parties or spans.components
            else {}
        )
        if (
            not spans.by_seat
            and not screening
            and listed.isdisjoint(reach.ids)
            and not (spans.contained and any_contains(ctx))
            and not opened
        ):
            return ()  # most rules list nothing the deal reaches
        components = _components(ctx, spans, reach, listed)
        parties: list[Party] = []
        if spans.parties:
            everyone = ctx.procurement.parties
            parties = [everyone[i] for i in reach.parties_reaching(listed)]
        if (
            not components
            and not parties
            and not opened
            and not screening
            and not params.contractors
        ):
            return ()
        # A buyer outside the rule's jurisdiction is one the listing does not bind: it is
        # told what an unbound buyer is told, since the listed maker is a risk wherever the
        # data goes.
        binds_buyer, bound_evidence, undecided = (
            bound(ctx, params.binds) if speaks else Bound(False, [])
        )
        outcome: HitOutcome
        if binds_buyer:
            outcome = rule.rule.outcome
        elif params.unbound_outcome != "none":
            outcome = params.unbound_outcome
        elif undecided is None:
            return ()  # a rule with nothing to tell a buyer it does not bind
        else:
            outcome = rule.rule.outcome  # what it would find, each an unknown (below)
        matcher = Matcher.of(ctx, listing, spans.threshold)
        run = Run(
            ctx, params, spans, listing, matcher, reach.deal, outcome, binds_buyer, bound_evidence
        )
        hits = component_hits(run, components)
        hits += party_hits(run, parties)
        if params.contractors:
            hits += contractor_hits(run)
        if spans.components:
            hits += open_component_hits(run, opened, hits)
        if spans.parties:
            hits += open_hits(run, opened)
        if screening:
            hits += review_hits(run)
        if undecided is not None:
            if params.unbound_outcome == "none":
                return [_undecided(hit, rule, undecided) for hit in hits]
            if any(hit.outcome != "unknown" for hit in hits):
                hits.append(_undecided_hit(rule, undecided))
        return hits


def _undecided(hit: Hit, rule: CompiledRule, undecided: str) -> Hit:
    """A finding of a rule that tells only the buyers it binds, for a buyer of whom that cannot
    be decided: an unknown, never dropped."""
    if hit.outcome == "unknown":
        return hit
    # Built as to a buyer the rule does not bind, it says so; of this buyer that is unknown.
    hit = hit._replace(explanation=hit.explanation.replace(UNBOUND, ""))
    return unknown_because(
        hit, f"Whether {rule.rule.title} binds this buyer cannot be decided: {undecided}."
    )


def _undecided_hit(rule: CompiledRule, undecided: str) -> Hit:
    """The unknown beside findings given as to a buyer the rule does not bind, when whether
    it binds this one cannot be decided: the findings may be understated."""
    return unknown_hit(
        "buyer",
        f"Whether {rule.rule.title} binds this buyer cannot be decided: {undecided}. Its "
        f"findings here are given as to a buyer it does not bind; a buyer it binds would be "
        f"told {rule.rule.outcome.replace('_', ' ')}.",
        (),
        frozenset(),
    )


def _speaks_beyond_scope(params: ListedEntityParams) -> bool:
    return (
        params.unbound_outcome != "none"
        and not params.producers_incorporated_in
        and not params.producers_outside
    )


def _components(
    ctx: Context, spans: Spans, reach: DealReach, listed: frozenset[str]
) -> list[Component]:
    """The components the rule looks at: those whose producers reach ``listed`` and, for a
    rule that follows parts, those with parts inside; all of them for a rule that covers
    producers by their seat."""
    if not spans.components:
        return []
    everything = ctx.procurement.components
    if spans.by_seat:
        return list(everything)
    positions = reach.components_reaching(listed)
    if spans.contained:
        positions = sorted({*positions, *[i for i, c in enumerate(everything) if c.contains]})
    return [everything[i] for i in positions]


KIND = ListedEntity()
