"""The ownership graph behind the listed-entity kind.

Procurement parties and curated entities are nodes; holdings, identities (a party *is* a curated
entity, or matches an official list entry), brands and documented OEM links are edges, each with
the evidence and confidence it rests on. ``reach`` answers which listed ids a node is, or is
affiliated with under a list's own affiliate rule; every answer is kept in the context's memo for
the day, because many rules ask the same question of the same node. ``reach_ids`` gives the same
ids without the chains, which is all that most rules need to learn that they do not apply; what a
curated entity reaches follows from the loaded data alone, so it is kept on the entity index
(``Ownership``) for every assessment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Generic, Literal, NamedTuple, TypeVar

from riskkit.errors import RiskkitError
from riskkit.kinds._shared.common import share_text
from riskkit.kinds._shared.screened import (
    all_screened,
    is_list_key,
    screen_name,
    screened_identities,
)
from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence
from riskkit.model.entities import EntityIndex

AffiliateRule = Literal["named_only", "subsidiaries_and_affiliates", "majority_owned"]


# A node of the combined ownership graph: ("party", id) from the procurement,
# ("entity", id) from curated data.
Node = tuple[str, str]


class Step(NamedTuple):
    """One link on the way from a subject to a listed entity.

    The chains of a finding are built of many of these, so they are named tuples, which are
    made several times faster than frozen attrs classes."""

    evidence: Evidence
    confidence: str
    share: float | None = None
    """For ownership links: the share held (1.0 for identity, None for brand and OEM links)."""
    identity: bool = False
    """True for the link from a party to the curated entity it is (not a holding)."""


def entities_of_party(ctx: Context, party_id: str) -> tuple[tuple[str, Evidence], ...]:
    """Curated entities a procurement party is, by identifier or exact normalised name."""
    key = ("entities_of_party", party_id)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    party = ctx.parties[party_id]
    found: dict[str, Evidence] = {}
    for i, ident in enumerate(party.identifiers):
        entity_id = ctx.entities.by_identifier(ident.scheme, ident.value)
        if entity_id and entity_id not in found:
            found[entity_id] = Evidence(
                f"parties[{party_id}].identifiers[{i}]",
                ident.value,
                f"{ident.scheme} identifies entity {entity_id!r}",
            )
    by_name = ctx.entities.by_name
    for i, name in enumerate((party.name, *party.aliases)):
        for entity_id in by_name(name):
            if entity_id not in found:
                field = "name" if i == 0 else f"aliases[{i - 1}]"
                found[entity_id] = Evidence(
                    f"parties[{party_id}].{field}", name, f"names entity {entity_id!r}"
                )
    result = tuple(sorted(found.items()))
    ctx.memo[key] = result
    return result


def owner_edges(ctx: Context, node: Node, threshold: float) -> tuple[tuple[Node, Step, bool], ...]:
    """(owner node, step, controls) for each holding in ``node`` on ``ctx.day``.

    Asked of the same few nodes by every walk up the ownership graph, so kept in the memo.
    """
    key = ("owner_edges", node, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = tuple(find_owner_edges(ctx, node, threshold))
    return cached  # type: ignore[return-value]


def find_owner_edges(
    ctx: Context, node: Node, threshold: float
) -> Iterator[tuple[Node, Step, bool]]:
    kind, ident = node
    if kind == "party":
        for link in ctx.owner_links(ident, threshold):
            yield (
                ("party", link.owner),
                Step(
                    Evidence(link.path, link.owner, f"owns {share_text(link.share)} of {ident!r}"),
                    link.confidence,
                    link.share,
                ),
                link.controls,
            )
        for same, step in identity(ctx, node):
            # The party *is* the entity: an identity edge with full share.
            yield same, step, True
    elif not is_list_key(ident):
        entity = ctx.entities.entities[ident]
        for i, owner in enumerate(entity.owners):
            if owner.holds_on(ctx.day):
                yield (
                    ("entity", owner.entity),
                    Step(
                        Evidence(
                            f"entities[{ident}].owners[{i}]",
                            owner.entity,
                            f"owns {share_text(owner.share)} of {ident!r}"
                            + (f" ({owner.source})" if owner.source else ""),
                        ),
                        owner.confidence,
                        owner.share,
                    ),
                    owner.controls(threshold),
                )


def identity(ctx: Context, node: Node) -> tuple[tuple[Node, Step], ...]:
    """The curated entities and list entries a party *is*, each with its identity step (none
    for an entity). They do not depend on the day, so they are kept for the assessment."""
    if node[0] != "party":
        return ()
    key = ("identity", node[1])
    cached = ctx.memo.get(key)
    if cached is None:
        found = [
            (("entity", entity_id), Step(evidence, "high", 1.0, identity=True))
            for entity_id, evidence in entities_of_party(ctx, node[1])
        ]
        found += [
            (("entity", screened.key), Step(evidence, "high", 1.0, identity=True))
            for screened, evidence in screened_identities(ctx, node[1])
        ]
        cached = ctx.memo[key] = tuple(found)
    return cached  # type: ignore[return-value]


class Link(NamedTuple):
    """How a subject reaches a listed entity."""

    steps: tuple[Step, ...]
    relation: str
    """``is``, ``is controlled by``, ``is an affiliate of`` or ``is majority owned by``."""


def reach(
    ctx: Context, start: Node, listed: frozenset[str], rule: AffiliateRule, threshold: float
) -> dict[str, Link]:
    """Listed entity ids that ``start`` is, or is affiliated with under ``rule``.

    Many rules ask the same question of the same node on the same day, so answers are kept
    in the context's memo.
    """
    key = ("reach", start, listed, rule, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = reach_uncached(ctx, start, listed, rule, threshold)
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def reach_any(ctx: Context, start: Node, rule: AffiliateRule, threshold: float) -> dict[str, Link]:
    """What ``start`` reaches among every curated entity and screened list entry.

    Whether a node reaches one listed id does not depend on which other ids are listed, so
    one answer per node, affiliate rule and day serves every rule, which then keeps the ids
    it lists.
    """
    return reach(ctx, start, every_listable(ctx), rule, threshold)


def reach_links(
    ctx: Context, start: Node, wanted: frozenset[str], rule: AffiliateRule, threshold: float
) -> Mapping[str, Link]:
    """Links from ``start`` to at least the ``wanted`` ids (which it must reach).

    A node is most often listed itself: then its identities answer, without walking the
    ownership graph for the chains of every affiliation.
    """
    same = same_links(ctx, start)
    if wanted <= same.keys():
        return same
    return reach_any(ctx, start, rule, threshold)


def same_ids(ctx: Context, start: Node) -> frozenset[str]:
    """The ids ``start`` *is*: ``same_links`` without the links."""
    key = ("same_ids", start)
    cached = ctx.memo.get(key)
    if cached is None:
        kind, ident = start
        ids = [ident] if kind == "entity" else []
        ids += [node[1] for node, _step in identity(ctx, start)]  # entity nodes all
        cached = ctx.memo[key] = frozenset(ids)
    return cached  # type: ignore[return-value]


def same_links(ctx: Context, start: Node) -> dict[str, Link]:
    """The ids ``start`` *is*, under every affiliate rule: itself and its identities."""
    key = ("same_links", start)
    cached = ctx.memo.get(key)
    if cached is None:
        found: dict[str, Link] = {}
        if start[0] == "entity":
            found[start[1]] = Link((), "is")
        for (kind, ident), step in identity(ctx, start):
            if kind == "entity":
                found.setdefault(ident, Link((step,), "is"))
        cached = ctx.memo[key] = found
    return cached  # type: ignore[return-value]


def every_listable(ctx: Context) -> frozenset[str]:
    key = ("every_listable",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = frozenset(ctx.entities.entities) | frozenset(all_screened(ctx))
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def reach_ids(ctx: Context, start: Node, rule: AffiliateRule, threshold: float) -> frozenset[str]:
    """The listed ids ``reach_any`` finds for ``start``, without building the chains.

    Most rules list nothing a deal reaches; telling them so needs only the ids, and the chains
    are built for the few nodes behind a finding. What a curated entity reaches follows from
    the loaded data alone and is kept there (``Ownership``); a party's answer is put together
    from its identities, the deal's own holdings and that.
    """
    if rule == "named_only":  # the same under every rule and on every day
        return same_ids(ctx, start)
    kind, ident = start
    if kind == "entity":
        if is_list_key(ident):  # a list entry holds nothing and is held by nothing
            return frozenset((ident,))
        return ownership(ctx, threshold).reach_ids(ident, rule)
    key = ("reach_ids", start, rule, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    ids = set(same_ids(ctx, start))
    held = holdings(ctx, start, threshold)
    if not held:
        pass  # no owner in the deal and no identity: the party reaches what it is
    elif len(held) == 1 and held[0][3]:
        # No owner in the deal and one identity (the common case): the party reaches what it
        # is and what that entity reaches, known from the loaded data. (A second identity
        # would shut the first out of the walk, so that case takes the walk.)
        (_kind, entity_id), _share, _controls, _identity = held[0]
        if not is_list_key(entity_id):  # a list entry holds nothing and is held by nothing
            ids.update(ownership(ctx, threshold).reach_ids(entity_id, rule))
    elif rule == "subsidiaries_and_affiliates":
        # Controlling ancestors (not the party itself nor what it is), and whatever each of
        # them controls. Parties control parties only by the deal's own holdings, whose
        # identities lead to curated entities, whose controlling ancestors are known.
        owned = ownership(ctx, threshold)
        own_ids: set[str] = set()
        reached: set[str] = set()
        seen = {start}
        stack = [start]
        while stack:
            node = stack.pop()
            for owner, _share, controls, _identity in holdings(ctx, node, threshold):
                if owner[0] == "entity":  # an identity, which controls
                    (own_ids if node == start else reached).add(owner[1])
                elif controls and owner not in seen:
                    seen.add(owner)
                    stack.append(owner)
        for entity_id in (*own_ids, *reached):
            reached.update(owned.above(entity_id))
        reached -= own_ids
        for entity_id in reached:
            ids.add(entity_id)
            ids.update(owned.below(entity_id))
    elif rule == "majority_owned":
        ids.update(
            listed_id
            for listed_id, share in aggregate_shares(ctx, start, threshold).items()
            if share >= 0.5 - 1e-9
        )
    result = ctx.memo[key] = frozenset(ids)
    return result


Holding = tuple[Node, float | None, bool, bool]
"""(owner, share held, whether it controls, whether it is an identity): an edge of
``owner_edges`` without its step."""


def holdings(ctx: Context, node: Node, threshold: float) -> tuple[Holding, ...]:
    """The holdings in ``node`` on the day, in ``owner_edges`` order, without the evidence."""
    kind, ident = node
    if kind == "entity":
        return ownership(ctx, threshold).holdings.get(ident, ())
    key = ("holdings", node, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    day = ctx.day
    found: list[Holding] = []
    owners = ctx.parties[ident].owners
    if owners:
        found.extend(
            (("party", owner.party), owner.share, owner.controls(threshold), False)
            for owner in owners
            if owner.holds_on(day)
        )
    found.extend((owner, 1.0, True, True) for owner, _step in identity(ctx, node))
    result = ctx.memo[key] = tuple(found)
    return result


def _shares(start: Node, holdings_of: Callable[[Node], tuple[Holding, ...]]) -> dict[str, float]:
    """The aggregate share of ``start`` each entity holds: products of shares along every
    acyclic path, summed, in the order ``aggregate_listed_share`` finds them."""

    def edges(node: Node) -> Iterator[ShareEdge[None]]:
        for owner, share, _controls, is_identity in holdings_of(node):
            if share is not None:
                yield ShareEdge(owner, share, is_identity, None)

    flow = ShareFlow(start, edges)
    if flow.order is not None:
        return flow.totals(lambda _entity_id: True)
    totals: dict[str, float] = {}
    _walk_shares(start, holdings_of, totals, [PATH_BUDGET])
    return totals


def _walk_shares(
    start: Node,
    holdings_of: Callable[[Node], tuple[Holding, ...]],
    totals: dict[str, float],
    budget: list[int],
) -> None:
    """``_shares`` path by path, where holdings run in a circle: depth first in holding order,
    each path stopping where it would come round again. An explicit stack, not recursion: a
    path can be longer than Python's recursion limit."""
    on_path = {start}
    stack: list[tuple[Node, float, Iterator[Holding]]] = [(start, 1.0, iter(holdings_of(start)))]
    while stack:
        node, share, pending = stack[-1]
        for owner, owner_share, _controls, is_identity in pending:
            if owner_share is None or owner in on_path:
                continue
            _spend(budget, start)
            held = share * owner_share
            if owner[0] == "entity" and not (is_identity and node == start):
                totals[owner[1]] = totals.get(owner[1], 0.0) + held
            on_path.add(owner)
            stack.append((owner, held, iter(holdings_of(owner))))
            break
        else:
            stack.pop()
            on_path.discard(node)


PATH_BUDGET = 200_000
"""Holdings followed, path by path, to add up shares where holdings run in a circle (only
curated data can: a procurement's own ownership must be a tree or a DAG). Past it the
number of paths is exploding, and the assessment stops with an error instead of running
for hours."""


def _spend(budget: list[int], start: Node) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise RiskkitError(
            f"the ownership above {start[0]} {start[1]!r} runs in circles with more than "
            f"{PATH_BUDGET:,} paths to follow; aggregate shares cannot be worked out. Check "
            "the holdings of the entities it reaches for circular cross-holdings"
        )


Payload = TypeVar("Payload")


class ShareEdge(NamedTuple, Generic[Payload]):
    """A holding with a known share, as ``ShareFlow`` follows it."""

    owner: Node
    share: float
    identity: bool
    payload: Payload
    """What the caller keeps of the holding (its ``Step``, or nothing)."""


class ShareFlow(Generic[Payload]):
    """Aggregate shares of ``start`` held up an acyclic ownership graph, in time linear in
    its holdings.

    The share a node holds, summed over every path, is the share flowing into it times its
    own holding, so each node is visited once, in an order that puts every node before its
    owners; following every path instead doubles the time with each layer of a diamond.
    A depth-first walk in holding order finds that order, and the first path to each owner
    in that walk, which is the first path the path-by-path walk would find. Where holdings
    run in a circle ``order`` is None and the caller walks path by path.
    """

    def __init__(
        self, start: Node, edges_of: Callable[[Node], Iterator[ShareEdge[Payload]]]
    ) -> None:
        self.start = start
        self.edges: dict[Node, tuple[ShareEdge[Payload], ...]] = {}
        self.parent: dict[Node, tuple[Node, Payload]] = {}
        """The node each node was first reached from, with the holding that reached it."""
        self.first: dict[str, tuple[Node, Payload]] = {}
        """For each entity held (not through the start's own identity), its first holding."""
        self.order: list[Node] | None = self._walk(edges_of)

    def _walk(self, edges_of: Callable[[Node], Iterator[ShareEdge[Payload]]]) -> list[Node] | None:
        start = self.start
        on_path = {start}
        done: list[Node] = []
        self.edges[start] = tuple(edges_of(start))
        stack: list[tuple[Node, Iterator[ShareEdge[Payload]]]] = [(start, iter(self.edges[start]))]
        while stack:
            node, pending = stack[-1]
            for edge in pending:
                owner = edge.owner
                if owner[0] == "entity" and not (edge.identity and node == start):
                    self.first.setdefault(owner[1], (node, edge.payload))
                if owner in on_path:
                    return None
                if owner not in self.edges:
                    self.parent[owner] = (node, edge.payload)
                    self.edges[owner] = tuple(edges_of(owner))
                    on_path.add(owner)
                    stack.append((owner, iter(self.edges[owner])))
                    break
            else:
                stack.pop()
                on_path.discard(node)
                done.append(node)
        done.reverse()
        return done

    def totals(self, wanted: Callable[[str], bool]) -> dict[str, float]:
        """The summed share of ``start`` held by each wanted entity, in the order first held."""
        assert self.order is not None
        start = self.start
        flow = {start: 1.0}
        held: dict[str, float] = {entity_id: 0.0 for entity_id in self.first if wanted(entity_id)}
        for node in self.order:
            share = flow[node]
            for edge in self.edges[node]:
                owner = edge.owner
                part = share * edge.share
                flow[owner] = flow.get(owner, 0.0) + part
                counts = owner[0] == "entity" and not (edge.identity and node == start)
                if counts and owner[1] in held:
                    held[owner[1]] += part
        return held

    def path(self, entity_id: str) -> tuple[Payload, ...]:
        """The holdings along the first path to ``entity_id``."""
        node, payload = self.first[entity_id]
        found = [payload]
        while node != self.start:
            node, payload = self.parent[node]
            found.append(payload)
        found.reverse()
        return tuple(found)


def aggregate_shares(ctx: Context, start: Node, threshold: float) -> dict[str, float]:
    """``aggregate_listed_share`` over every entity, without the evidence: the same paths
    summed in the same order, so the same totals."""
    return _shares(start, lambda node: holdings(ctx, node, threshold))


class Ownership:
    """The curated holdings in force on the days of one holding span, for one control
    threshold, and what each curated entity reaches under each affiliate rule.

    Curated data is loaded once and never changes, and no curated holding starts or ends
    inside a span, so this is worked out once per span and threshold and kept on the entity
    index (``EntityIndex.derived``): an assessment is left with the part that starts from its
    own parties. Only curated ids are kept here, never a list entry's or a party's.
    """

    def __init__(self, entities: EntityIndex, threshold: float, day: date) -> None:
        self.holdings: dict[str, tuple[Holding, ...]] = {
            entity.id: tuple(
                (("entity", owner.entity), owner.share, owner.controls(threshold), False)
                for owner in entity.owners
                if owner.holds_on(day)
            )
            for entity in entities.entities.values()
        }
        """``holdings`` of each curated entity."""
        self._below = {
            entity_id: entities.controlled_below(entity_id, threshold, day)
            for entity_id in entities.entities
        }
        self._above: dict[str, frozenset[str]] = {}
        self._reach: dict[tuple[AffiliateRule, str], frozenset[str]] = {}

    def below(self, entity_id: str) -> frozenset[str]:
        """Entities that ``entity_id`` controls, directly or down a chain."""
        return self._below.get(entity_id, frozenset())

    def above(self, entity_id: str) -> frozenset[str]:
        """Entities that control ``entity_id``, directly or up a chain (itself among them
        where control runs in a circle)."""
        found = self._above.get(entity_id)
        if found is None:
            if entity_id not in self.holdings:
                return frozenset()
            seen: set[str] = set()
            stack = [entity_id]
            while stack:
                for (_kind, owner), _share, controls, _identity in self.holdings[stack.pop()]:
                    if controls and owner not in seen:
                        seen.add(owner)
                        stack.append(owner)
            found = self._above[entity_id] = frozenset(seen)
        return found

    def reach_ids(self, entity_id: str, rule: AffiliateRule) -> frozenset[str]:
        """``reach_ids`` of a curated entity (which has no identities)."""
        key = (rule, entity_id)
        found = self._reach.get(key)
        if found is None:
            ids = {entity_id}
            if rule == "subsidiaries_and_affiliates":
                for owner in self.above(entity_id) - ids:
                    ids.add(owner)
                    ids.update(self.below(owner))
            elif rule == "majority_owned":
                start = ("entity", entity_id)
                shares = _shares(start, lambda node: self.holdings.get(node[1], ()))
                ids.update(owner for owner, share in shares.items() if share >= 0.5 - 1e-9)
            found = self._reach[key] = frozenset(ids)
        return found


def ownership(ctx: Context, threshold: float) -> Ownership:
    """The ``Ownership`` of the day, from the entity index (kept for the assessment too, which
    spares it the search for the day's span)."""
    key = ("ownership", threshold, ctx.day)
    found = ctx.memo.get(key)
    if found is None:
        entities = ctx.entities
        span = ("ownership", threshold, entities.holding_span(ctx.day))
        found = entities.derived.get(span)
        if found is None:
            found = entities.derived[span] = Ownership(entities, threshold, ctx.day)
        ctx.memo[key] = found
    return found  # type: ignore[return-value]


def reach_uncached(
    ctx: Context, start: Node, listed: frozenset[str], rule: AffiliateRule, threshold: float
) -> dict[str, Link]:
    found: dict[str, Link] = {}
    # The node itself and its identities are always checked.
    same: list[tuple[Node, tuple[Step, ...]]] = [(start, ())]
    same.extend((n, (s,)) for n, s in identity(ctx, start))
    for node, steps in same:
        if node[0] == "entity" and node[1] in listed:
            found.setdefault(node[1], Link(steps, "is"))
    if rule == "named_only":
        return found
    if rule == "subsidiaries_and_affiliates":
        ancestors = controlling_ancestors(ctx, same, threshold)
        for node, steps in ancestors:
            if node[0] == "entity" and node[1] in listed:
                found.setdefault(node[1], Link(steps, "is controlled by"))
        # Affiliates under common control: a listed entity controlled by one of our ancestors.
        # For each listed id the nearest common ancestor on its side wins, then on ours.
        best: dict[str, tuple[int, int, tuple[Step, ...], tuple[Step, ...]]] = {}
        for j, (ancestor, our_steps) in enumerate(ancestors):
            for listed_id, i, steps in controlled_by(ctx, ancestor, listed, threshold):
                if listed_id in found:
                    continue
                if listed_id not in best or (i, j) < best[listed_id][:2]:
                    best[listed_id] = (i, j, our_steps, steps)
        for listed_id in sorted(best):
            _, _, our_steps, steps = best[listed_id]
            found[listed_id] = Link((*our_steps, *reverse(steps)), "is an affiliate of")
        return found
    # majority_owned: aggregate indirect share held by listed entities.
    totals = aggregate_listed_share(ctx, start, listed, threshold)
    for listed_id, (share, steps) in totals.items():
        if listed_id not in found and share >= 0.5 - 1e-9:
            # The same holding may be written both in the procurement and in curated data.
            shown = min(share, 1.0) * 100
            found[listed_id] = Link(steps, f"is {shown:.2f} % owned in aggregate by")
    return found


def controlled_by(
    ctx: Context, node: Node, listed: frozenset[str], threshold: float
) -> tuple[tuple[str, int, tuple[Step, ...]], ...]:
    """The listed ids ``node`` controls, in id order: (listed id, the node's place among that
    id's controlling ancestors, the chain up to it).

    Only curated entities control curated entities, and only the few ids found below
    ``node`` by following control downwards have their ancestors enumerated.
    """
    if node[0] != "entity":
        return ()
    key = ("controlled_by", node, listed, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        found = []
        for listed_id in sorted(listed.intersection(controlled_below(ctx, node[1], threshold))):
            ancestors = controlling_ancestors(ctx, [(("entity", listed_id), ())], threshold)
            for i, (ancestor, steps) in enumerate(ancestors):
                if ancestor == node:
                    found.append((listed_id, i, steps))
                    break
        cached = tuple(found)
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def controlled_below(ctx: Context, entity_id: str, threshold: float) -> frozenset[str]:
    """Curated entities that ``entity_id`` controls on the day, directly or down a chain."""
    return ctx.entities.controlled_below(entity_id, threshold, ctx.day)


def reverse(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    return tuple(reversed(steps))


def controlling_ancestors(
    ctx: Context, roots: list[tuple[Node, tuple[Step, ...]]], threshold: float
) -> list[tuple[Node, tuple[Step, ...]]]:
    key = ("ancestors", tuple(roots), threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = controlling_ancestors_uncached(ctx, roots, threshold)
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def controlling_ancestors_uncached(
    ctx: Context, roots: list[tuple[Node, tuple[Step, ...]]], threshold: float
) -> list[tuple[Node, tuple[Step, ...]]]:
    seen = {node for node, _ in roots}
    out: list[tuple[Node, tuple[Step, ...]]] = []
    stack = list(roots)
    while stack:
        node, steps = stack.pop()
        for owner, step, controls in owner_edges(ctx, node, threshold):
            if controls and owner not in seen:
                seen.add(owner)
                out.append((owner, (*steps, step)))
                stack.append((owner, (*steps, step)))
    return out


def aggregate_listed_share(
    ctx: Context, start: Node, listed: frozenset[str], threshold: float
) -> dict[str, tuple[float, tuple[Step, ...]]]:
    """Indirect share of ``start`` held by each listed entity (products of shares along
    every acyclic path), with the first path found as evidence."""

    def edges(node: Node) -> Iterator[ShareEdge[Step]]:
        for owner, step, _controls in owner_edges(ctx, node, threshold):
            if step.share is not None:
                yield ShareEdge(owner, step.share, step.identity, step)

    flow = ShareFlow(start, edges)
    if flow.order is not None:
        return {
            listed_id: (share, flow.path(listed_id))
            for listed_id, share in flow.totals(listed.__contains__).items()
        }
    totals: dict[str, tuple[float, tuple[Step, ...]]] = {}
    _walk_listed_share(ctx, start, listed, threshold, totals, [PATH_BUDGET])
    return totals


def _walk_listed_share(
    ctx: Context,
    start: Node,
    listed: frozenset[str],
    threshold: float,
    totals: dict[str, tuple[float, tuple[Step, ...]]],
    budget: list[int],
) -> None:
    """``aggregate_listed_share`` path by path, where holdings run in a circle, as
    ``_walk_shares`` walks (with the steps of each path, for the evidence)."""
    on_path = {start}
    steps: list[Step] = []
    stack = [(start, 1.0, iter(owner_edges(ctx, start, threshold)))]
    while stack:
        node, share, pending = stack[-1]
        for owner, step, _controls in pending:
            if owner in on_path or step.share is None:
                continue
            _spend(budget, start)
            held = share * step.share
            steps.append(step)
            # The subject's own identity is an "is" match, not a holding; an owner's identity
            # means the owner is the listed entity and holds what it holds.
            counts = not (step.identity and node == start)
            if owner[0] == "entity" and owner[1] in listed and counts:
                total, best = totals.get(owner[1], (0.0, tuple(steps)))
                totals[owner[1]] = (total + held, best)
            on_path.add(owner)
            stack.append((owner, held, iter(owner_edges(ctx, owner, threshold))))
            break
        else:
            stack.pop()
            on_path.discard(node)
            if steps:
                steps.pop()


class Origin(NamedTuple):
    """The component field a producer chain starts from: the same for every component with
    the same maker and brand, except for the component's id in the path."""

    field: str
    """``manufacturer`` or ``brand``."""
    value: str
    note: str

    def evidence(self, component_id: str) -> Evidence:
        return Evidence(f"components[{component_id}].{self.field}", self.value, self.note)

    def step(self, component_id: str) -> Step:
        return Step(self.evidence(component_id), "high")


Chain = tuple[Node, Origin, tuple[Step, ...]]
"""A producer, the component field its chain starts from, and the steps after that field."""


def producer_chains(ctx: Context, maker: str | None, brand: str | None) -> tuple[Chain, ...]:
    """Who makes a component with this maker and brand: the manufacturer, the owner of the
    brand, and OEM makers behind either, with how each is reached.

    Components that share maker and brand share the answer (a bid of a thousand cameras has a
    handful of makers); ``producers_of`` puts the component's own field in front.
    """
    key = ("producer_chains", maker, brand, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = producer_chains_uncached(ctx, maker, brand)
    return cached  # type: ignore[return-value]


def producer_chains_uncached(
    ctx: Context, maker: str | None, brand: str | None
) -> tuple[Chain, ...]:
    starts: list[Chain] = []
    if maker is not None:
        start: Chain = (("party", maker), Origin("manufacturer", maker, "manufacturer"), ())
        if not brand and not any(
            ctx.entities.entities[entity_id].made_by
            for entity_id, _evidence in entities_of_party(ctx, maker)
        ):
            return (start,)  # most components: the maker, with no OEM behind it
        starts.append(start)
    if brand:
        for entity_id, owned in ctx.entities.brand_owners(brand, ctx.day):
            index = ctx.entities.entities[entity_id].brands.index(owned)
            starts.append(
                (
                    ("entity", entity_id),
                    Origin("brand", brand, "brand on the product"),
                    (
                        Step(
                            Evidence(
                                f"entities[{entity_id}].brands[{index}]",
                                owned.name,
                                f"a brand of {entity_id!r}" + dates(owned.start, owned.until),
                            ),
                            "high",
                        ),
                    ),
                )
            )
        for screened in screen_name(ctx, brand):
            if screened.band == "match":
                origin = Origin("brand", brand, screened.note())
                starts.append((("entity", screened.key), origin, ()))
        for entity_id in ctx.entities.by_name(brand):
            origin = Origin("brand", brand, f"names entity {entity_id!r}")
            starts.append((("entity", entity_id), origin, ()))
    # Follow documented OEM links from every entity reached so far.
    out = list(starts)
    frontier = list(starts)
    seen = {node for node, _, _ in starts}
    while frontier:
        node, origin, steps = frontier.pop()
        if node[0] == "party":  # curated entities only, never list entries
            entity_ids = [e for e, _ in entities_of_party(ctx, node[1])]
        else:
            entity_ids = [] if is_list_key(node[1]) else [node[1]]
        for entity_id in entity_ids:
            entity = ctx.entities.entities[entity_id]
            for i, link in enumerate(entity.made_by):
                if not link.holds_on(ctx.day) or ("entity", link.entity) in seen:
                    continue
                made = ("entity", link.entity)
                seen.add(made)
                extra = (
                    ()
                    if node[0] == "entity"
                    else (
                        Step(
                            Evidence(f"parties[{node[1]}]", node[1], f"is entity {entity_id!r}"),
                            "high",
                        ),
                    )
                )
                step = Step(
                    Evidence(
                        f"entities[{entity_id}].made_by[{i}]",
                        link.entity,
                        f"products made by {link.entity!r}: {link.evidence} "
                        f"({link.source})" + dates(link.start, link.until),
                    ),
                    link.confidence,
                )
                out.append((made, origin, (*steps, *extra, step)))
                frontier.append((made, origin, (*steps, *extra, step)))
    return tuple(out)


def producers_of(ctx: Context, component_id: str) -> list[tuple[Node, tuple[Step, ...]]]:
    """Who makes the component (``producer_chains``), each with every step from the component."""
    key = ("producers", component_id, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        comp = ctx.components[component_id]
        cached = ctx.memo[key] = [
            (node, (origin.step(component_id), *steps))
            for node, origin, steps in producer_chains(ctx, comp.manufacturer, comp.brand)
        ]
    return cached  # type: ignore[return-value]


def dates(start: date | None, until: date | None) -> str:
    if start and until:
        return f", {start} to {until}"
    if start:
        return f", from {start}"
    if until:
        return f", until {until}"
    return ""
