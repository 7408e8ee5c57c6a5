"""What a rule lists on a day: its curated entries in force, the affiliate rule then, and the
official list entries it screens for (:class:`Listing`).

A rule's entries and affiliate windows change only on a few days, so they are cut into spans
once per loaded rule (:class:`Spans`) and each day's listing is found by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

import attr
import attrs

from riskkit._support.dates import day_after, day_before
from riskkit._support.identity_cache import IdentityCache
from riskkit.kinds._graph import AffiliateRule
from riskkit.kinds._shared.screened import Screened, all_screened, party_names, screen_name
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence
from riskkit.kinds.listed_entity.params import AffiliateWindow, Entry, ListedEntityParams

ListingKey = tuple[tuple[tuple[str, str], ...], str | None, str]
"""``Listing.key``: the entities listed with their confidences, in order; the affiliate
window's confidence; the affiliate rule."""


class CoveredUses(NamedTuple):
    """The uses a product restriction covers (``params.uses``): a component put to any of
    these purposes, or at a site with any of these settings."""

    purposes: frozenset[str]
    settings: frozenset[str]


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class Listing:
    """What a rule lists on one day, and the affiliate rule it applies then."""

    entries: Mapping[str, Entry]
    """The curated entries in force, by entity."""
    screened: Mapping[str, Screened]
    """Official list entries the procurement's names match, by node id."""
    ids: frozenset[str]
    """Both together."""
    window: AffiliateWindow | None
    mode: AffiliateRule
    key: ListingKey | None
    """What the rule's coverages rest on (each entry's entity and confidence, the window's
    confidence, the affiliate rule): rules whose listings share it share their ``Matcher``
    on the day. None for a listing with screened entries, which is the rule's own."""


@attr.s(auto_attribs=True, frozen=True, slots=True)
class Spans:
    """A rule's listings span by span: its entries and affiliate windows change only on
    their first days and on the days after their last, so a bisection of those days finds
    the listing of any day (before any screening). With them, what the rule asks of every
    deal, read once from its parameters."""

    bounds: tuple[date, ...]
    listings: tuple[Listing, ...]
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
    uses: CoveredUses | None
    """``params.uses``, for look-ups."""
    acquisitions: frozenset[str]
    """``params.acquisitions``, for look-ups."""
    contained: bool
    """The rule follows parts inside components."""

    @staticmethod
    def of(params: ListedEntityParams) -> Spans:
        spans: list[tuple[date, date | None]] = [(e.start, e.until) for e in params.entries]
        spans += [(w.start, w.until) for w in params.affiliate_windows]
        ends = {day_after(u) for _, u in spans if u}
        bounds = sorted({start for start, _ in spans} | {d for d in ends if d is not None})
        before = day_before(min(bounds)) if bounds else date.min
        return Spans(
            tuple(bounds),
            tuple(Spans.listing(params, d) for d in [before, *bounds]),
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
                else CoveredUses(frozenset(params.uses.purposes), frozenset(params.uses.settings))
            ),
            acquisitions=frozenset(params.acquisitions),
            contained=params.contained is not None,
        )

    @staticmethod
    def listing(params: ListedEntityParams, day: date) -> Listing:
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
        return Listing(entries, {}, frozenset(entries), window, mode, key)

    def on(self, day: date) -> Listing:
        return self.listings[bisect_right(self.bounds, day)]


spans_of = IdentityCache(Spans.of)
"""A rule's ``Spans``, worked out once per loaded rule."""

_SCREENED_LISTING = Slot[int, Listing]("listed_entity.screened_listing", per_day=True)
"""A screening rule's listing with its screened entries, by the id of the rule's params."""


def screened_listing(ctx: Context, params: ListedEntityParams, spans: Spans) -> Listing:
    """What the rule lists on the day, with the official list entries it screens for."""
    listing = spans.on(ctx.day)
    if not spans.screen or ctx.screener is None:
        return listing
    key = id(params)
    cached = _SCREENED_LISTING.get(ctx, key)
    if cached is None:
        screened = _selected(ctx, params)
        cached = _SCREENED_LISTING.put(
            ctx,
            key,
            attrs.evolve(
                listing, screened=screened, ids=listing.ids | frozenset(screened), key=None
            ),
        )
    return cached


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


def to_review(ctx: Context, params: ListedEntityParams, party_id: str) -> list[Evidence]:
    """Review-band hits of the party's names on the lists the rule cares about."""
    out = []
    for path, name in party_names(ctx, party_id):
        for hit in screen_name(ctx, name):
            if hit.band == "review" and any(s.selects(hit) for s in params.screen):
                out.append(hit.evidence(path, name))
    return out
