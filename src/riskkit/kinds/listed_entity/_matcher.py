"""Which listed entity covers a subject, and through which chain (:class:`Matcher`).

The same few producers stand behind many components, and a producer is often a party to the
deal too, so what each node reaches of a day's listing is worked out once and ranked on its
traits (:class:`Candidate`); only the best of a subject becomes a :class:`Coverage`, with the
rule's own wording (:func:`coverage_of`).
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds._graph import Link, Node, Origin, Step, producer_chains, reach_ids, reach_links
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence
from riskkit.kinds.listed_entity._coverage import Coverage, rank
from riskkit.kinds.listed_entity._deal import MakerBrand
from riskkit.kinds.listed_entity._listing import Listing, ListingKey
from riskkit.kinds.listed_entity.params import ContainedParts
from riskkit.model import Component
from riskkit.model.vocabulary import weakest


class Candidate(NamedTuple):
    """A listed id a node reaches, as the rule sees it before it becomes a ``Coverage``."""

    listed_id: str
    link: Link
    direct: bool
    """The node is the listed entity itself."""
    confidence: str
    """The weakest confidence of the link, the listing and the affiliate window it rests on."""


class BestChain(NamedTuple):
    """The best candidate for a maker and brand, through any of its producers."""

    origin: Origin
    """The component field the chain starts from."""
    candidate: Candidate
    steps: tuple[Step, ...]
    """The steps from that field to the producer."""
    confidence: str
    """The weakest confidence of the whole chain."""


class PartCoverage(NamedTuple):
    """The best coverage of a part inside a component (``contained_coverage``)."""

    coverage: Coverage
    lead: str
    """How a finding on the component through the part begins."""
    maker: str | None
    """The part's manufacturer."""


class Matcher:
    """What the listing of one day reaches, for one evaluation or several.

    What each node reaches of the listing, and the best candidate for each maker and brand, is
    worked out once; rules whose listings share a ``Listing.key`` (the video-surveillance rules
    of several US measures list the same makers) share one matcher on the day.
    """

    __slots__ = ("_ctx", "_groups", "_listing", "_nodes", "_threshold")

    def __init__(self, ctx: Context, listing: Listing, threshold: float) -> None:
        self._ctx = ctx
        self._listing = listing
        self._threshold = threshold
        self._nodes: dict[Node, list[Candidate]] = {}
        self._groups: dict[MakerBrand, BestChain | None] = {}

    @staticmethod
    def of(ctx: Context, listing: Listing, threshold: float) -> Matcher:
        """The matcher for ``listing`` on the day, shared through the memo where it may be."""
        if listing.key is None:
            return Matcher(ctx, listing, threshold)
        key = (listing.key, threshold)
        found = _MATCHER.get(ctx, key)
        if found is None:
            found = _MATCHER.put(ctx, key, Matcher(ctx, listing, threshold))
        return found

    def candidates(self, node: Node) -> list[Candidate]:
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
        links = reach_links(ctx, node, wanted, listed, mode, threshold)
        entries, screened, window = listing.entries, listing.screened, listing.window
        for listed_id in sorted(wanted):
            link = links.get(listed_id)
            if link is None:  # "majority owned": it holds a part, the listed do not own half
                continue
            direct = link.relation == "is"
            confidences = [s.confidence for s in link.steps]
            if listed_id not in screened:
                confidences.append(entries[listed_id].confidence)
                if not direct and window is not None:
                    confidences.append(window.confidence)
            found.append(Candidate(listed_id, link, direct, weakest(confidences)))
        return found

    def best(self, node: Node) -> Candidate | None:
        """The best candidate of ``node`` itself (``Coverage.order``; the first such in id
        order)."""
        best = None
        best_order = (0, 0, 0)
        for candidate in self.candidates(node):
            _, link, direct, confidence = candidate
            order = rank(direct, confidence, len(link.steps))
            if best is None or order > best_order:
                best, best_order = candidate, order
        return best

    def group(self, maker: str | None, brand: str | None) -> BestChain | None:
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
                order = rank(direct, confidence, len(steps) + len(link.steps))
                if best is None or order > best_order:
                    best, best_order = BestChain(origin, candidate, steps, confidence), order
        self._groups[key] = best
        return best


_MATCHER = Slot[tuple[ListingKey, float], Matcher]("listed_entity.matcher", per_day=True)


def coverage_of(
    ctx: Context,
    listing: Listing,
    name: str,
    candidate: Candidate,
    steps: tuple[Step, ...],
    confidence: str,
) -> Coverage:
    """The candidate as a coverage by the rule with ``listing`` and list ``name``, with
    ``steps`` in front of its link's, of ``confidence``."""
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
    return Coverage(
        steps=(*steps, *link.steps) if steps else link.steps,
        covered=covered,
        relation=link.relation,
        direct=direct,
        since=since,
        confidence=confidence,
        note=note,
    )


def contained_coverage(
    ctx: Context,
    contained: ContainedParts,
    listing: Listing,
    matcher: Matcher,
    name: str,
    comp: Component,
) -> PartCoverage | None:
    """The best coverage of a part inside ``comp`` that the rule follows; None when no such
    part reaches the listing. A finding through a part is never surer than the part's own
    record nor than the rule allows."""
    best: Coverage | None = None
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
        coverage = coverage_of(ctx, listing, name, candidate, (first, *steps), confidence)
        coverage = coverage._replace(note=f"{coverage.note} Contained part: {why}")
        if best is None or coverage.order() > best.order():
            best = coverage
            label = part.brand or part.model or part.manufacturer or "unnamed"
            lead = (
                f"{comp.kind.replace('_', ' ')} {comp.id!r} contains a "
                f"{part.kind.replace('_', ' ')} ({label}) produced by a party that"
            )
            part_maker = part.manufacturer
    if best is None:
        return None
    return PartCoverage(best, lead, part_maker)
