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
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import NamedTuple

import attr
import attrs
from pydantic import BaseModel

from riskkit._support.dates import day_after, day_before
from riskkit._support.identity_cache import IdentityCache
from riskkit.kinds._graph import (
    AffiliateRule,
    Link,
    Node,
    Origin,
    Step,
    controlling_ancestors,
    entities_of_party,
    producer_chains,
    producers_of,
    reach_ids,
    reach_links,
    same_ids,
)
from riskkit.kinds._shared.common import clamp
from riskkit.kinds._shared.screened import (
    Screened,
    all_screened,
    is_list_key,
    party_names,
    screen_name,
)
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.kinds.listed_entity.params import (
    AffiliateWindow,
    Binds,
    ContainedParts,
    Entry,
    ListedEntityParams,
)
from riskkit.model import (
    BUYER,
    Component,
    Party,
    buyer_kind_in,
)
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import OUTCOME_ORDER, binds, weakest

CONFIDENCE_LIKELIHOOD = {"high": 4, "medium": 3, "low": 2}
"""Outcomes that are a legal consequence for a buyer the rule binds; lesser ones never bind."""


class _Reached:
    """Which listed ids the deal's components and parties reach on one day, by one affiliate
    rule and control threshold. Built once per day, rule and threshold, it lets a rule whose
    ids nothing reaches (most of them) stop on one set operation."""

    __slots__ = ("groups", "ids", "parties")

    def __init__(
        self,
        groups: tuple[tuple[frozenset[str], list[int]], ...],
        parties: tuple[tuple[frozenset[str], int], ...],
    ) -> None:
        self.groups = groups
        """The ids the producers of each maker and brand reach, with the positions of its
        components (in order); groups that reach nothing are left out."""
        self.parties = parties
        """The ids each party in the deal reaches, with its position; likewise."""
        self.ids: frozenset[str] = frozenset().union(
            *[ids for ids, _ in groups], *[ids for ids, _ in parties]
        )
        """Every id some component or party reaches."""

    @staticmethod
    def of(ctx: Context, mode: AffiliateRule, threshold: float) -> _Reached:
        key = ("reached", mode, threshold, ctx.day)
        cached = ctx.memo.get(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        deal = _Deal.of(ctx)
        groups = []
        for producers, positions in deal.producers(ctx):
            if len(producers) == 1:  # most often the maker alone
                ids = reach_ids(ctx, producers[0], mode, threshold)
            else:
                ids = frozenset().union(
                    *[reach_ids(ctx, node, mode, threshold) for node in producers]
                )
            if ids:
                groups.append((ids, positions))
        parties = []
        for position, node in deal.reaching_parties(ctx):
            ids = reach_ids(ctx, node, mode, threshold)
            if ids:
                parties.append((ids, position))
        result = ctx.memo[key] = _Reached(tuple(groups), tuple(parties))
        return result

    def components_reaching(self, listed: frozenset[str]) -> list[int]:
        """Positions, in order, of the components whose producers reach any of ``listed``."""
        found = [positions for ids, positions in self.groups if not listed.isdisjoint(ids)]
        if len(found) <= 1:
            return found[0] if found else []
        return sorted([position for positions in found for position in positions])

    def parties_reaching(self, listed: frozenset[str]) -> list[int]:
        """Positions, in order, of the deal's parties that reach any of ``listed``."""
        return [position for ids, position in self.parties if not listed.isdisjoint(ids)]


_MANUFACTURER = attrgetter("manufacturer")
_BRAND = attrgetter("brand")
_SUPPLIED_BY = attrgetter("supplied_by")
_FIRMWARE_UPDATES_BY = attrgetter("firmware_updates_by")
_REMOTE_ACCESS = attrgetter("remote_access")
_OWNER_ONLY = frozenset({"owner"})


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, slots=True)
class _Deal:
    """The components by manufacturer and brand (which decide their producers: a bid of a
    thousand cameras has a handful of makers), and the parties with a part in the deal (not
    those that only appear as an owner), found in one pass for the assessment; with what the
    rules of the assessment ask of them, worked out once."""

    groups: dict[tuple[str | None, str | None], list[int]]
    parties: tuple[tuple[int, Node], ...]
    """Positions and nodes of the parties in the deal."""
    _producers: dict[date, list[tuple[tuple[Node, ...], list[int]]]] = attr.ib(
        factory=dict, init=False
    )
    _leads: dict[tuple[Origin, str], Evidence] = attr.ib(factory=dict, init=False)
    _produced: dict[str, str] = attr.ib(factory=dict, init=False)
    _reaching: list[tuple[int, Node]] | None = attr.ib(default=None, init=False)

    def producers(self, ctx: Context) -> list[tuple[tuple[Node, ...], list[int]]]:
        """Who makes the components of each maker and brand on the day (``producer_chains``)
        and may reach a listed id (``_may_reach``), with the components' positions; groups
        without such a producer are left out. Every affiliate rule asks."""
        found = self._producers.get(ctx.day)
        if found is None:
            found = self._producers[ctx.day] = []
            for (maker, brand), positions in self.groups.items():
                chains = producer_chains(ctx, maker, brand)
                if len(chains) == 1:  # most often the maker alone
                    node = chains[0][0]
                    if _may_reach(ctx, node):
                        found.append(((node,), positions))
                    continue
                nodes = tuple(node for node, _, _ in chains if _may_reach(ctx, node))
                if nodes:
                    found.append((nodes, positions))
        return found

    def reaching_parties(self, ctx: Context) -> list[tuple[int, Node]]:
        """``parties`` that may reach a listed id (``_may_reach``)."""
        if self._reaching is None:
            self._reaching = [item for item in self.parties if _may_reach(ctx, item[1])]
        return self._reaching

    def lead(self, origin: Origin, component_id: str) -> Evidence:
        """``origin.evidence(component_id)``, made once for every rule that finds the
        component (the rules that find one component mostly find it through one producer)."""
        key = (origin, component_id)
        found = self._leads.get(key)
        if found is None:
            found = self._leads[key] = origin.evidence(component_id)
        return found

    def produced(self, comp_id: str, kind: str) -> str:
        """How a finding on the component with this id and kind through its producer begins,
        the same for every rule."""
        found = self._produced.get(comp_id)
        if found is None:
            found = self._produced[comp_id] = (
                f"{kind.replace('_', ' ')} {comp_id!r} is produced by a party that"
            )
        return found

    @staticmethod
    def of(ctx: Context) -> _Deal:
        key = ("deal",)
        cached = ctx.memo.get(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        p = ctx.procurement
        comps = p.components
        makers = list(map(_MANUFACTURER, comps))
        groups: dict[tuple[str | None, str | None], list[int]] = {}
        for position, group in enumerate(zip(makers, map(_BRAND, comps), strict=True)):
            groups.setdefault(group, []).append(position)
        found: set[str | None] = {
            party.id for party in p.parties if not _OWNER_ONLY.issuperset(party.roles)
        }
        found.update(makers)
        found.update(map(_SUPPLIED_BY, comps))
        found.update(map(_FIRMWARE_UPDATES_BY, comps))
        for remote in map(_REMOTE_ACCESS, comps):
            if remote:
                found.update(remote)
        found.update(flow.to.operator for flow in p.data_flows)
        parties = tuple(
            (position, ("party", party.id))
            for position, party in enumerate(p.parties)
            if party.id in found  # None, where a component leaves a field out, is no party id
        )
        result = ctx.memo[key] = _Deal(groups, parties)
        return result


def _may_reach(ctx: Context, node: Node) -> bool:
    """Whether ``node`` may reach a listed id under some affiliate rule and on some day: a
    curated entity or list entry is one itself; a party reaches only through what it is or
    through its owners in the deal. Most parties of a deal are neither, and every affiliate
    rule's ``_Reached`` can pass them by."""
    kind, ident = node
    return kind == "entity" or bool(same_ids(ctx, node)) or bool(ctx.parties[ident].owners)


def _in_use(
    ctx: Context, comp: Component, uses: tuple[frozenset[str], frozenset[str]]
) -> bool | None:
    """Whether the component is put to one of ``uses`` (``_Spans.uses``): its own purposes
    when it states them, else its site's, and its site's settings. True or False when the
    covered uses can be decided; None when the facts are missing."""
    purposes, settings = _site_uses(ctx, comp.site)
    if comp.purposes:
        purposes = frozenset(comp.purposes)
        if ctx.procurement.buyer.kind == "law_enforcement":
            purposes |= {"law_enforcement"}
    if not purposes and not settings:
        return None
    return not (purposes.isdisjoint(uses[0]) and settings.isdisjoint(uses[1]))


_ACQUIRED = {
    "new": "bought new",
    "installed": "already installed and kept in use",
    "renewal": "under a renewed contract",
    "maintenance": "under a maintenance contract",
}


def _acquired(
    params: ListedEntityParams, comp: Component, match: Match, outcome: str, tail: str
) -> tuple[bool, str, str, tuple[Evidence, ...]] | None:
    """What a rule that binds only some acquisitions (``params.acquisitions``) tells a buyer it
    binds about this component, which it would otherwise tell ``outcome`` and ``tail``:
    (binding, outcome, explanation after the subject, evidence to add); None when the
    component is acquired in a way the rule does not bind and the rule tells such a buyer
    nothing. An acquisition not given is an unknown, never a pass."""
    wanted = params.acquisitions
    phrases = [_ACQUIRED[a] for a in wanted]
    said = phrases[-1] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} or {phrases[-1]}"
    acquisition = comp.acquisition
    if acquisition is None:
        return (
            False,
            "unknown",
            tail + f" The rule binds only equipment {said}, and this component's acquisition "
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
        return True, outcome, tail, (evidence,)
    if params.unbound_outcome == "none":
        return None
    lesser, lesser_tail, _, _ = _said(params.unbound_outcome, True, [], match)
    return (
        False,
        lesser,
        lesser_tail
        + f" The rule binds only equipment {said}; this component is {_ACQUIRED[acquisition]} "
        f"({acquisition}), which it does not bind; the finding records the risk that remains.",
        (evidence,),
    )


def _site_uses(ctx: Context, site_id: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The purposes (law enforcement for such a buyer) and settings of a component's site,
    kept for the assessment: every product restriction asks of every component."""
    key = ("site_uses", site_id)
    cached = ctx.memo.get(key)
    if cached is None:
        site = ctx.sites.get(site_id) if site_id else None
        purposes = set(site.purposes) if site else set()
        settings = frozenset(site.settings) if site else frozenset()
        if ctx.procurement.buyer.kind == "law_enforcement":
            purposes.add("law_enforcement")
        cached = ctx.memo[key] = (frozenset(purposes), settings)
    return cached  # type: ignore[return-value]


def _speaks_to(ctx: Context, scopes: tuple[str, ...]) -> bool:
    """A list or ban speaks to a deployment whose buyer or a site is within its jurisdiction
    on the day (a rule of the EU stops reaching a UK buyer after Brexit); other deployments
    that merely touch the jurisdiction through a party are left to the rules of their own.
    Many rules share their scope, so answers are kept per scope and day."""
    key = ("speaks_to", scopes, ctx.day)
    known = ctx.memo.get(key)
    if known is None:
        known = ctx.memo[key] = ctx.buyer_within(scopes) or any(
            ctx.within(scopes, site.jurisdiction) for site in ctx.procurement.sites
        )
    return known  # type: ignore[return-value]


def _buyer_entities(ctx: Context) -> tuple[str, ...]:
    """Curated entities the buyer is, by exact normalised name (the buyer is not a party)."""
    key = ("buyer_entities",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.entities.by_name(ctx.procurement.buyer.name)
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def _bound(ctx: Context, binds: Binds | None) -> tuple[bool, list[Evidence]]:
    buyer = ctx.procurement.buyer
    if binds is None:
        return True, []
    if binds.buyer_in and not ctx.within(binds.buyer_in, buyer.jurisdiction):
        return False, []
    if not (binds.buyer_kinds or binds.funding or binds.buyer_entities):
        # Only a jurisdiction given: everyone there is bound.
        return True, [Evidence("buyer.jurisdiction", buyer.jurisdiction, "a buyer the rule binds")]
    evidence = []
    if buyer_kind_in(buyer.kind, binds.buyer_kinds):
        evidence.append(Evidence("buyer.kind", buyer.kind, "a buyer the rule binds"))
    for i, source in enumerate(buyer.funding):
        if source in binds.funding:
            evidence.append(Evidence(f"buyer.funding[{i}]", source, "funding the rule binds"))
    for entity_id in _buyer_entities(ctx):
        if entity_id in binds.buyer_entities:
            evidence.append(
                Evidence("buyer.name", buyer.name, f"is entity {entity_id!r}, whom the rule binds")
            )
    return bool(evidence), evidence


class Match(NamedTuple):
    """Why a component or party is covered: a listed entity reached, or a producer's seat.

    A named tuple, like the steps it holds: several are made for each finding."""

    steps: tuple[Step, ...]
    """Every link from the subject to what is covered, in order."""
    covered: str
    """What is covered, for the explanation (``Zhejiang Dahua Technology Co., Ltd., listed on
    the BIS Entity List``)."""
    relation: str
    direct: bool
    """True when the subject's maker is the covered entity itself (no affiliate link)."""
    since: date | None
    confidence: str
    note: str = ""

    def likelihood(self) -> int:
        """5 when the maker is covered itself; less the weaker the chain's evidence."""
        return _LIKELIHOOD[self.direct, self.confidence]

    def order(self) -> tuple[int, int, int]:
        """Order candidate matches: likelier first, then direct, then shorter chains."""
        return _order(self.direct, self.confidence, len(self.steps))


_LIKELIHOOD = {
    (direct, confidence): clamp(min(5 if direct else 4, level + 1))
    for direct in (True, False)
    for confidence, level in CONFIDENCE_LIKELIHOOD.items()
}


def _order(direct: bool, confidence: str, length: int) -> tuple[int, int, int]:
    """``Match.order`` of a match with these traits and this many steps."""
    return (_LIKELIHOOD[direct, confidence], 1 if direct else 0, -length)


_ListingKey = tuple[tuple[tuple[str, str], ...], str | None, str]
"""``_Listing.key``: the entities listed with their confidences, in order; the affiliate
window's confidence; the affiliate rule."""


@attr.s(auto_attribs=True, frozen=True, slots=True)
class _Listing:
    """What a rule lists on one day, and the affiliate rule it applies then."""

    entries: Mapping[str, Entry]
    """The curated entries in force, by entity."""
    screened: Mapping[str, Screened]
    """Official list entries the procurement's names match, by node id."""
    ids: frozenset[str]
    """Both together."""
    window: AffiliateWindow | None
    mode: AffiliateRule
    key: _ListingKey | None
    """What the rule's matches rest on (each entry's entity and confidence, the window's
    confidence, the affiliate rule): rules whose listings share it share their
    ``_Matcher`` on the day. None for a listing with screened entries, which is the rule's own."""


@attr.s(auto_attribs=True, frozen=True, slots=True)
class _Spans:
    """A rule's listings span by span: its entries and affiliate windows change only on
    their first days and on the days after their last, so a bisection of those days finds
    the listing of any day (before any screening). With them, what the rule asks of every
    deal, read once from its parameters."""

    bounds: tuple[date, ...]
    listings: tuple[_Listing, ...]
    """``listings[i]`` holds from ``bounds[i - 1]`` (the first, before every bound)."""
    screen: bool
    """The rule screens official list files."""
    by_seat: bool
    """The rule covers products by where their producer is incorporated."""
    components: bool
    """The rule checks components."""
    parties: bool
    """The rule checks the deal's parties (it lists entities or screens)."""
    threshold: float
    products: frozenset[str]
    """``params.products``, for look-ups."""
    capabilities: frozenset[str]
    """``params.capabilities``, for look-ups."""
    uses: tuple[frozenset[str], frozenset[str]] | None
    """``params.uses``: the purposes and the settings, for look-ups."""
    acquisitions: frozenset[str]
    """``params.acquisitions``, for look-ups."""
    contained: bool
    """The rule follows parts inside components."""

    @staticmethod
    def of(params: ListedEntityParams) -> _Spans:
        spans: list[tuple[date, date | None]] = [(e.start, e.until) for e in params.entries]
        spans += [(w.start, w.until) for w in params.affiliate_windows]
        ends = {day_after(u) for _, u in spans if u}
        bounds = sorted({start for start, _ in spans} | {d for d in ends if d is not None})
        before = day_before(min(bounds)) if bounds else date.min
        return _Spans(
            tuple(bounds),
            tuple(_Spans.listing(params, d) for d in [before, *bounds]),
            screen=bool(params.screen),
            by_seat=bool(params.producers_incorporated_in or params.producers_outside),
            components="components" in params.subjects,
            parties="parties" in params.subjects and bool(params.entries or params.screen),
            threshold=params.control_threshold,
            products=frozenset(params.products),
            capabilities=frozenset(params.capabilities),
            uses=(
                None
                if params.uses is None
                else (frozenset(params.uses.purposes), frozenset(params.uses.settings))
            ),
            acquisitions=frozenset(params.acquisitions),
            contained=params.contained is not None,
        )

    @staticmethod
    def listing(params: ListedEntityParams, day: date) -> _Listing:
        entries: dict[str, Entry] = {}
        for entry in params.entries:
            if entry.holds_on(day):
                entries.setdefault(entry.entity, entry)
        window = params.affiliate_window_on(day)
        mode = window.affiliates if window else params.affiliates
        key = (
            tuple(sorted((entity, entry.confidence) for entity, entry in entries.items())),
            window.confidence if window else None,
            mode,
        )
        return _Listing(entries, {}, frozenset(entries), window, mode, key)

    def on(self, day: date) -> _Listing:
        return self.listings[bisect_right(self.bounds, day)]


_spans = IdentityCache(_Spans.of)
"""Worked out once per loaded rule."""


def _listing(ctx: Context, params: ListedEntityParams, spans: _Spans) -> _Listing:
    """What the rule lists on the day, with the official list entries it screens for."""
    listing = spans.on(ctx.day)
    if not spans.screen or ctx.screener is None:
        return listing
    key = ("listing", id(params), ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        screened = _selected(ctx, params)
        cached = ctx.memo[key] = attrs.evolve(
            listing, screened=screened, ids=listing.ids | frozenset(screened), key=None
        )
    return cached  # type: ignore[return-value]


_Candidate = tuple[str, Link, bool, str]
"""A listed id a node reaches, as the rule sees it before it becomes a ``Match``: the id, the
link to it, whether the node is the listed entity itself, and the weakest confidence of the
link, the listing and the affiliate window it rests on."""


_Best = tuple[Origin, _Candidate, tuple[Step, ...], str]
"""The best candidate for a maker and brand: the component field its chain starts from, the
candidate, the steps from that field to the producer, and the chain's weakest confidence."""


class _Matcher:
    """What the listings of one day reach, for one evaluation or several.

    The same few producers stand behind many components, and a producer is often a party to
    the deal too, so what each node reaches of the listings, and the best candidate for each
    maker and brand, is worked out once; rules whose listings share a ``_Listing.key`` (the
    video-surveillance rules of several US measures list the same makers) share one matcher on
    the day. Candidates are ranked on their traits; only the best becomes a ``Match``, with
    the rule's own text (``_match``).
    """

    __slots__ = ("_ctx", "_groups", "_listing", "_nodes", "_threshold")

    def __init__(self, ctx: Context, listing: _Listing, threshold: float) -> None:
        self._ctx = ctx
        self._listing = listing
        self._threshold = threshold
        self._nodes: dict[Node, list[_Candidate]] = {}
        self._groups: dict[tuple[str | None, str | None], _Best | None] = {}

    @staticmethod
    def of(ctx: Context, listing: _Listing, threshold: float) -> _Matcher:
        """The matcher for ``listing`` on the day, shared through the memo where it may be."""
        if listing.key is None:
            return _Matcher(ctx, listing, threshold)
        key = ("matcher", listing.key, threshold, ctx.day)
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.memo[key] = _Matcher(ctx, listing, threshold)
        return found  # type: ignore[return-value]

    def candidates(self, node: Node) -> list[_Candidate]:
        """The listings that ``node`` reaches, in id order."""
        found = self._nodes.get(node)
        if found is not None:
            return found
        found = self._nodes[node] = []
        listing, ctx, threshold = self._listing, self._ctx, self._threshold
        listed = listing.ids
        if not listed:
            return found
        mode = listing.mode
        wanted = listed.intersection(reach_ids(ctx, node, mode, threshold))
        if not wanted:
            return found
        links = reach_links(ctx, node, wanted, mode, threshold)
        entries, screened, window = listing.entries, listing.screened, listing.window
        for listed_id in sorted(wanted):
            link = links[listed_id]
            direct = link.relation == "is"
            confidences = [s.confidence for s in link.steps]
            if listed_id not in screened:
                confidences.append(entries[listed_id].confidence)
                if not direct and window is not None:
                    confidences.append(window.confidence)
            found.append((listed_id, link, direct, weakest(confidences)))
        return found

    def best(self, node: Node) -> _Candidate | None:
        """The best candidate of ``node`` itself (``Match.order``; the first such in id
        order)."""
        best = None
        best_order = (0, 0, 0)
        for candidate in self.candidates(node):
            _, link, direct, confidence = candidate
            order = _order(direct, confidence, len(link.steps))
            if best is None or order > best_order:
                best, best_order = candidate, order
        return best

    def group(self, maker: str | None, brand: str | None) -> _Best | None:
        """The best candidate for a component with this maker and brand, through any of its
        producers, with the component field its chain starts from.

        The chains from that field on are the same for every such component, so the best of
        them is found once per maker and brand; each component puts its own field in front.
        """
        key = (maker, brand)
        if key in self._groups:
            return self._groups[key]
        # Likelier first, then direct, then shorter chains; the first such in producer order.
        best = None
        best_order = (0, 0, 0)
        for node, origin, steps in producer_chains(self._ctx, maker, brand):
            found_here = self.candidates(node)
            if not found_here:
                continue
            chain_confidence = weakest([s.confidence for s in steps]) if steps else "high"
            for candidate in found_here:
                _, link, direct, own_confidence = candidate
                # the weakest of every step's confidence, the node's part taken once
                confidence = weakest([chain_confidence, own_confidence])
                order = _order(direct, confidence, len(steps) + len(link.steps))
                if best is None or order > best_order:
                    best, best_order = (origin, candidate, steps, confidence), order
        self._groups[key] = best
        return best


def _match(
    ctx: Context,
    listing: _Listing,
    name: str,
    candidate: _Candidate,
    steps: tuple[Step, ...],
    confidence: str,
) -> Match:
    """The candidate as a match of the rule with ``listing`` and list ``name``, with ``steps``
    in front of its link's, of ``confidence``."""
    listed_id, link, direct, _confidence = candidate
    note = ""
    hit = listing.screened.get(listed_id)
    if hit is not None:
        covered = f"{hit.describe()}, listed on the {name}"
        since = hit.listed_on
    else:
        entry = listing.entries[listed_id]
        covered = f"{ctx.entities.entities[listed_id].name}, listed on the {name}"
        since = entry.start
        if entry.note:
            note = f" Listing: {entry.note}"
        window = listing.window
        if not direct and window is not None and window.note:
            note += f" Affiliate rule: {window.note}"
    return Match(
        steps=(*steps, *link.steps) if steps else link.steps,
        covered=covered,
        relation=link.relation,
        direct=direct,
        since=since,
        confidence=confidence,
        note=note,
    )


def _selected(ctx: Context, params: ListedEntityParams) -> dict[str, Screened]:
    """Official list entries, matched by names in the procurement, that the rule cares about
    and that are in force on the day (listed by then, not expired)."""
    if not params.screen or ctx.screener is None:
        return {}
    return {
        key: hit
        for key, hit in all_screened(ctx).items()
        if hit.in_force_on(ctx.day) and any(selector.selects(hit) for selector in params.screen)
    }


def _to_review(ctx: Context, params: ListedEntityParams, party_id: str) -> list[Evidence]:
    """Review-band hits of the party's names on the lists the rule cares about."""
    out = []
    for path, name in party_names(ctx, party_id):
        for hit in screen_name(ctx, name):
            if hit.band == "review" and any(s.selects(hit) for s in params.screen):
                out.append(hit.evidence(path, name))
    return out


def _seat(ctx: Context, node: Node) -> tuple[str, Evidence] | None:
    """Where the party or entity at ``node`` is incorporated, with where that is written."""
    kind, ident = node
    if kind == "party":
        party = ctx.parties[ident]
        if party.incorporated_in is not None:
            return party.incorporated_in, Evidence(
                f"parties[{ident}].incorporated_in", party.incorporated_in, "incorporated in"
            )
        for entity_id, _evidence in entities_of_party(ctx, ident):
            country = ctx.entities.entities[entity_id].country
            if country is not None:
                return country, Evidence(
                    f"entities[{entity_id}].country", country, "incorporated in"
                )
        return None
    if is_list_key(ident):
        return None
    country = ctx.entities.entities[ident].country
    if country is None:
        return None
    return country, Evidence(f"entities[{ident}].country", country, "incorporated in")


def _produced_outside(
    ctx: Context, params: ListedEntityParams, comp: Component
) -> tuple[list[Match], bool]:
    """A match when the component is produced outside ``params.producers_outside``, read from
    its ``produced_in``; and whether where it is produced is known at all."""
    produced = comp.produced_in
    if produced is None:
        return [], False
    outside = params.producers_outside
    if ctx.within(outside, produced):
        return [], True
    where = ", ".join(outside)
    evidence = Evidence(f"components[{comp.id}].produced_in", produced, "produced in")
    return [
        Match(
            steps=(Step(evidence, "high"),),
            covered=f"a product produced in {produced}, outside {where}, which the "
            f"{params.list} covers",
            relation="is",
            direct=True,
            since=None,
            confidence="high",
        )
    ], True


def _seat_matches(
    ctx: Context,
    params: ListedEntityParams,
    starts: list[tuple[Node, tuple[Step, ...]]],
) -> tuple[list[Match], bool]:
    """Matches by the producer's seat, and whether any producer's seat was known at all."""
    scopes = params.producers_incorporated_in
    outside = params.producers_outside
    where = ", ".join(scopes or outside)
    known = False
    out = []
    for node, steps in starts:
        seat = _seat(ctx, node)
        if outside:
            if seat is not None:
                known = True
                if not ctx.within(outside, seat[0]):
                    out.append(
                        Match(
                            steps=(*steps, Step(seat[1], "high")),
                            covered=f"a company incorporated in {seat[0]}, outside {where}, "
                            f"whose products the {params.list} covers when produced there",
                            relation="is",
                            direct=True,
                            since=None,
                            confidence="low",
                            note=" Where the product is produced is not given; the producer's "
                            "seat stands in for it, so treat this as a risk to verify.",
                        )
                    )
            continue
        if seat is not None:
            known = True
            if ctx.within(scopes, seat[0]):
                out.append(
                    Match(
                        steps=(*steps, Step(seat[1], "high")),
                        covered=f"a company incorporated in {seat[0]}, which the {params.list} "
                        f"covers ({where})",
                        relation="is",
                        direct=True,
                        since=None,
                        confidence=weakest([s.confidence for s in steps]),
                    )
                )
                continue
        for owner, owner_steps in controlling_ancestors(
            ctx, [(node, ())], params.control_threshold
        ):
            owner_seat = _seat(ctx, owner)
            if owner_seat is None or not ctx.within(scopes, owner_seat[0]):
                continue
            out.append(
                Match(
                    steps=(*steps, *owner_steps, Step(owner_seat[1], "high")),
                    covered=f"a company incorporated in {owner_seat[0]}, which the "
                    f"{params.list} covers ({where})",
                    relation="is controlled by",
                    direct=False,
                    since=None,
                    # Whether such measures reach a foreign subsidiary is rarely settled.
                    confidence="low",
                    note=" Whether the measure reaches a subsidiary incorporated elsewhere is "
                    "not settled; treat this as a risk to verify.",
                )
            )
            break
    return out, known


def _capped(outcome: str, confidence: str) -> tuple[str, str]:
    """A low-confidence chain gives at most an elevated risk; (outcome, note)."""
    if confidence == "low" and OUTCOME_ORDER.get(outcome, 0) > OUTCOME_ORDER["elevated"]:
        return "elevated", (
            f" The link rests on low-confidence evidence, so riskkit reports an elevated risk "
            f"to verify rather than {outcome.replace('_', ' ')}."
        )
    return outcome, ""


def _any_contains(ctx: Context) -> bool:
    """Whether any component of the deal lists parts inside it."""
    key = ("any_contains",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = any(c.contains for c in ctx.procurement.components)
    return cached  # type: ignore[return-value]


def _contained_match(
    ctx: Context,
    contained: ContainedParts,
    listing: _Listing,
    matcher: _Matcher,
    name: str,
    comp: Component,
) -> tuple[Match, str, str | None] | None:
    """The best match of a part inside ``comp`` that the rule follows, with how a finding on
    it begins and the part's maker; None when no such part reaches the listing. A finding
    through a part is never surer than the part's own record nor than the rule allows."""
    best: Match | None = None
    lead = ""
    part_maker: str | None = None
    for j, part in enumerate(comp.contains):
        if part.kind not in contained.kinds:
            continue
        found = matcher.group(part.manufacturer, part.brand)
        if found is None:
            continue
        origin, candidate, steps, confidence = found
        first = Step(
            Evidence(
                f"components[{comp.id}].contains[{j}].{origin.field}",
                origin.value,
                f"a {part.kind.replace('_', ' ')} inside the component: {origin.note}",
            ),
            part.confidence,
        )
        cap, why = contained.confidence, contained.note
        for essential in contained.essential:
            if part.kind in essential.kinds and comp.kind in essential.products:
                cap, why = essential.confidence, essential.note
                break
        confidence = weakest([confidence, part.confidence, cap])
        match = _match(ctx, listing, name, candidate, (first, *steps), confidence)
        match = match._replace(note=f"{match.note} Contained part: {why}")
        if best is None or match.order() > best.order():
            best = match
            label = part.brand or part.model or part.manufacturer or "unnamed"
            lead = (
                f"{comp.kind.replace('_', ' ')} {comp.id!r} contains a "
                f"{part.kind.replace('_', ' ')} ({label}) produced by a party that"
            )
            part_maker = part.manufacturer
    if best is None:
        return None
    return best, lead, part_maker


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


def _serving(ctx: Context) -> frozenset[str]:
    """Ids of the parties that serve the buyer in the deal: they supply a component, update
    its firmware, reach it remotely or operate where a flow's data goes."""
    key = ("serving",)
    cached = ctx.memo.get(key)
    if cached is None:
        p = ctx.procurement
        found: set[str | None] = set(map(_SUPPLIED_BY, p.components))
        found.update(map(_FIRMWARE_UPDATES_BY, p.components))
        for remote in map(_REMOTE_ACCESS, p.components):
            if remote:
                found.update(remote)
        found.update(flow.to.operator for flow in p.data_flows)
        found.discard(None)
        cached = ctx.memo[key] = frozenset(str(x) for x in found)
    return cached  # type: ignore[return-value]


def _contracts(ctx: Context, party: Party) -> bool | None:
    """Whether the buyer contracts with ``party``: True for a contracting role or a service in
    the deal; False for a party given only as a maker or an owner; None when its roles are
    not given and it only makes something in the deal."""
    if not _CONTRACTING_ROLES.isdisjoint(party.roles) or party.id in _serving(ctx):
        return True
    return False if party.roles else None


_CONTRACT_UNKNOWN = (
    " The rule binds the buyer's contracts with such a party; this party's roles are not "
    "given, so whether the buyer contracts with it (as seller, integrator, operator, "
    "maintainer, ...) or it only makes a product is unknown."
)


_USE_UNKNOWN = (
    " The rule covers only some uses, and the site's purposes and settings are "
    "not given, so whether it applies is unknown."
)


_Said = tuple[str, str, tuple[Evidence, ...], int]
"""What a finding says of its match, the same for every subject with that match: the rule's
outcome capped for a low-confidence chain, the explanation after the subject's description,
the match's evidence followed by that of whom the rule binds, and the likelihood."""


_UNBOUND = (
    " The listing's legal consequence does not bind this buyer; the finding records the risk "
    "that remains."
)


def _said(outcome: str, bound: bool, bound_evidence: list[Evidence], match: Match) -> _Said:
    """What a finding on ``match`` says beyond its subject, for a rule with ``outcome``, that
    binds the buyer or not (``bound``, and the evidence of whom it binds)."""
    hit_outcome, cap_note = _capped(outcome, match.confidence)
    return (
        hit_outcome,
        f" {match.relation} {match.covered}." + ("" if bound else _UNBOUND) + match.note + cap_note,
        (*[s.evidence for s in match.steps], *bound_evidence),
        match.likelihood(),
    )


@attr.s(auto_attribs=True, frozen=True, slots=True)
class ListedEntity:
    name: str = "listed_entity"
    params_model: type[BaseModel] = ListedEntityParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        assert isinstance(params, ListedEntityParams)
        return []

    def speaks_beyond_scope(self, params: BaseModel) -> bool:
        """Whether the rule finds risk for buyers outside its jurisdiction: a rule that tells
        unbound buyers something and lists entities (or screens lists), since a listed maker
        or party is a risk wherever the data goes. Rules that cover producers by their seat
        (a country's makers) speak only to their own jurisdiction."""
        assert isinstance(params, ListedEntityParams)
        return (
            params.unbound_outcome != "none"
            and not params.producers_incorporated_in
            and not params.producers_outside
        )

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        assert isinstance(params, ListedEntityParams)
        spans: list[tuple[date, date | None]] = [(e.start, e.until) for e in params.entries]
        spans += [(w.start, w.until) for w in params.affiliate_windows]
        for start, until in spans:
            yield start
            after = day_after(until) if until is not None else None
            if after is not None:
                yield after

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Sequence[Hit]:
        """The findings as a list, not a generator: most rules find nothing and stop after a
        few look-ups, which would cost less than making and finishing a generator."""
        params = rule.params
        assert isinstance(params, ListedEntityParams)
        speaks = _speaks_to(ctx, rule.rule.scope)
        if not speaks and not self.speaks_beyond_scope(params):
            return ()
        spans = _spans(params)
        screening = spans.screen and ctx.screener is not None
        listing = _listing(ctx, params, spans) if screening else spans.on(ctx.day)
        listed = listing.ids
        if not spans.by_seat and not screening and not listed:
            return ()
        reached = _Reached.of(ctx, listing.mode, spans.threshold)
        if (
            not spans.by_seat
            and not screening
            and listed.isdisjoint(reached.ids)
            and not (spans.contained and _any_contains(ctx))
        ):
            return ()  # most rules list nothing the deal reaches
        components: list[Component] = []
        if spans.components:
            # all of them when the rule also covers producers by their seat
            everything = ctx.procurement.components
            if spans.by_seat:
                components = list(everything)
            else:
                positions = reached.components_reaching(listed)
                if spans.contained:
                    positions = sorted(
                        {*positions, *[i for i, c in enumerate(everything) if c.contains]}
                    )
                components = [everything[i] for i in positions]
        parties: list[Party] = []
        if spans.parties:
            everyone = ctx.procurement.parties
            parties = [everyone[i] for i in reached.parties_reaching(listed)]
        if not components and not parties and not screening and not params.contractors:
            return ()
        # A buyer outside the rule's jurisdiction is one the listing does not bind: it is
        # told what an unbound buyer is told, since the listed maker is a risk wherever the
        # data goes.
        bound, bound_evidence = _bound(ctx, params.binds) if speaks else (False, [])
        if bound:
            outcome: str = rule.rule.outcome
        elif params.unbound_outcome == "none":
            return ()
        else:
            outcome = params.unbound_outcome
        covered_parties: set[str] = set()
        hits: list[Hit] = []

        products, capabilities, uses = spans.products, spans.capabilities, spans.uses
        by_seat = params.producers_incorporated_in or params.producers_outside
        deal = _Deal.of(ctx)
        matcher = _Matcher.of(ctx, listing, spans.threshold)
        name = params.list
        # Components with the same maker and brand share their match and all a finding says
        # of it but the component's own part, so that is worked out once per maker and brand.
        groups: dict[tuple[str | None, str | None], tuple[Origin, Match, _Said] | None] = {}
        contained = params.contained
        for comp in components:
            kind = comp.kind
            by_maker = not (
                (products and kind not in products)
                or (capabilities and capabilities.isdisjoint(comp.capabilities))
                or (contained is not None and contained.only)
            )
            inside = (
                contained is not None
                and bool(comp.contains)
                and (not contained.products or kind in contained.products)
            )
            if not by_maker and not inside:
                continue
            comp_id, maker, brand = comp.id, comp.manufacturer, comp.brand
            supplier = comp.supplied_by
            lead = ""
            if by_seat:
                makers = {p for p in (maker, supplier) if p is not None}
                best = matcher.group(maker, brand)
                matches = []
                if best is not None:
                    origin, candidate, steps, confidence = best
                    # the component's own field the first step
                    steps = (origin.step(comp_id), *steps)
                    matches.append(_match(ctx, listing, name, candidate, steps, confidence))
                producers = producers_of(ctx, comp_id)
                if params.producers_outside:
                    seated, known = _produced_outside(ctx, params, comp)
                else:
                    seated, known = _seat_matches(ctx, params, producers)
                matches += seated
                if not known and not matches and (producers or params.producers_outside):
                    in_use = _in_use(ctx, comp, uses) if uses else True
                    if in_use is False:
                        continue
                    hits.append(
                        Hit(
                            subject=f"components[{comp_id}]",
                            outcome="unknown",
                            binding=False,
                            likelihood=3,
                            explanation=(
                                f"{kind.replace('_', ' ')} {comp_id!r}: the {params.list} "
                                + (
                                    f"covers products produced outside {', '.join(by_seat)}, "
                                    "and where it is produced (produced_in) is not given; "
                                    "where its maker is incorporated does not say where it is "
                                    "made."
                                    if params.producers_outside
                                    else "covers products of companies incorporated in "
                                    f"{', '.join(by_seat)}, and where its producer is "
                                    "incorporated is not given."
                                )
                            ),
                            evidence=(
                                (Evidence(f"components[{comp_id}].produced_in", "not given"),)
                                if params.producers_outside
                                else tuple(s.evidence for _, steps in producers for s in steps)
                            ),
                            concerns=frozenset({comp_id} | makers),
                        )
                    )
                    continue
                if not matches:
                    continue
                match = max(matches, key=Match.order)
                told_outcome, tail, evidence, likelihood = _said(
                    outcome, bound, bound_evidence, match
                )
            else:
                group_key = (maker, brand)
                group = None
                if not by_maker:
                    pass
                elif group_key in groups:
                    group = groups[group_key]
                else:
                    best = matcher.group(maker, brand)
                    if best is None:
                        group = groups[group_key] = None
                    else:
                        origin, candidate, steps, confidence = best
                        match = _match(ctx, listing, name, candidate, steps, confidence)
                        group = groups[group_key] = (
                            origin,
                            match,
                            _said(outcome, bound, bound_evidence, match),
                        )
                if group is not None:
                    origin, match, (told_outcome, tail, evidence, likelihood) = group
                    evidence = (deal.lead(origin, comp_id), *evidence)
                else:
                    part_found = (
                        _contained_match(ctx, contained, listing, matcher, name, comp)
                        if inside and contained is not None
                        else None
                    )
                    if part_found is None:
                        continue
                    match, lead, part_maker = part_found
                    told_outcome, tail, evidence, likelihood = _said(
                        outcome, bound, bound_evidence, match
                    )
                    if part_maker is not None:
                        covered_parties.add(part_maker)
            if maker is not None and not lead:
                covered_parties.add(maker)
            if supplier is not None and not lead:
                covered_parties.add(supplier)
            in_use = _in_use(ctx, comp, uses) if uses else True
            if in_use is False:
                continue
            segments = params.segments
            segment_open = False
            if segments:
                segment = comp.network_segment
                if segment is not None and segment not in segments:
                    continue
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
            hit_bound = bound
            if bound and spans.acquisitions:
                acquired = _acquired(params, comp, match, told_outcome, tail)
                if acquired is None:
                    continue
                hit_bound, told_outcome, tail, more = acquired
                evidence = (*evidence, *more)
            # An unknown use or network segment leaves it open whether the rule applies at all.
            hit_outcome = told_outcome if in_use and not segment_open else "unknown"
            if segment_open:
                tail += (
                    f" The rule covers only the {' and '.join(segments)} network, and this "
                    "component's network_segment (core, access or transport) is not given, so "
                    "whether it applies is unknown."
                )
            hits.append(
                Hit(
                    subject=f"components[{comp_id}]",
                    outcome=hit_outcome,  # type: ignore[arg-type]
                    binding=binds(hit_outcome, hit_bound),
                    likelihood=likelihood,
                    explanation=(
                        (lead or deal.produced(comp_id, kind))
                        + tail
                        + ("" if in_use else _USE_UNKNOWN)
                    ),
                    evidence=evidence,
                    concerns=frozenset((comp_id, *covered_parties)),
                    confidence=match.confidence,
                    since=match.since,
                )
            )

        for party in parties:
            if party.id in covered_parties:
                continue
            own = matcher.best(("party", party.id))
            if own is None:
                continue
            contracts: bool | None = True
            if params.contractors:
                contracts = _contracts(ctx, party)
                if contracts is False:
                    continue  # a maker or owner only: not whom the agency contracts with
            party_match = _match(ctx, listing, name, own, (), own[3])
            covered_parties.add(party.id)
            told_outcome, tail, evidence, likelihood = _said(
                outcome, bound, bound_evidence, party_match
            )
            if contracts is None:
                told_outcome = "unknown"
                tail += _CONTRACT_UNKNOWN
            hits.append(
                Hit(
                    subject=f"parties[{party.id}]",
                    outcome=told_outcome,  # type: ignore[arg-type]
                    binding=binds(told_outcome, bound),
                    likelihood=likelihood,
                    explanation=party.name + tail,
                    evidence=evidence,
                    concerns=frozenset((party.id,)),
                    confidence=party_match.confidence,
                    since=party_match.since,
                )
            )

        if params.contractors:
            for flow in ctx.procurement.data_flows:
                operator, used = flow.to.operator, flow.to.component
                if used is None or operator == BUYER or operator in covered_parties:
                    continue
                comp = ctx.components[used]
                best = matcher.group(comp.manufacturer, comp.brand)
                if best is None:
                    continue
                origin, candidate, steps, confidence = best
                steps = (origin.step(comp.id), *steps)
                use_match = _match(ctx, listing, name, candidate, steps, confidence)
                covered_parties.add(operator)
                told_outcome, tail, evidence, likelihood = _said(
                    outcome, bound, bound_evidence, use_match
                )
                operated = Evidence(
                    f"data_flows[{flow.id}].to.component", comp.id, "operated by the contractor"
                )
                hits.append(
                    Hit(
                        subject=f"parties[{operator}]",
                        outcome=told_outcome,  # type: ignore[arg-type]
                        binding=binds(told_outcome, bound),
                        likelihood=likelihood,
                        explanation=(
                            f"{ctx.parties[operator].name} uses, for the deal, "
                            f"{comp.kind.replace('_', ' ')} {comp.id!r}, which is produced by "
                            f"a party that{tail}"
                        ),
                        evidence=(operated, *evidence),
                        concerns=frozenset((operator, comp.id)),
                        confidence=use_match.confidence,
                        since=use_match.since,
                    )
                )

        if params.screen and ctx.screener is not None:
            for party in ctx.procurement.parties:
                if party.id in covered_parties:
                    continue
                review = _to_review(ctx, params, party.id)
                if review:
                    hits.append(
                        Hit(
                            subject=f"parties[{party.id}]",
                            outcome="unknown",
                            binding=False,
                            likelihood=3,
                            explanation=(
                                f"{party.name} resembles an entry of the {params.list} but not "
                                "closely enough to call it a match; a person must review it."
                            ),
                            evidence=tuple(review),
                            concerns=frozenset({party.id}),
                        )
                    )
        return hits


KIND = ListedEntity()
