"""The nodes and edges of the ownership graph, and what a node *is*.

Procurement parties and curated entities are nodes; holdings, identities (a party *is* a curated
entity, or matches an official list entry), brands and documented OEM links are edges, each with
the evidence and confidence it rests on. Every walk of the graph (``reach``, ``fast_path``,
``producers``) starts from the edges here, and asks for the same few nodes again and again, so
each answer is kept in the assessment's cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from riskkit.kinds._shared.common import share_text
from riskkit.kinds._shared.screened import all_screened, is_list_key, screened_identities
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence

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


class Link(NamedTuple):
    """How a subject reaches a listed entity."""

    steps: tuple[Step, ...]
    relation: str
    """``is``, ``is controlled by``, ``is an affiliate of`` or ``is NN.NN % owned in aggregate
    by`` (``reach``)."""


class OwnerEdge(NamedTuple):
    """A holding in a node on the day, or the node's identity, as the walks up follow it."""

    owner: Node
    step: Step
    controls: bool
    """Whether the holding gives control at the walk's threshold (an identity always does)."""


class Holding(NamedTuple):
    """A holding in a node on the day, or the node's identity: an ``OwnerEdge`` without its
    evidence, for the walks that need only the ids."""

    owner: Node
    share: float | None
    """The share held (1.0 for an identity); None when not known."""
    controls: bool
    identity: bool
    """True for the link from a party to what it is (not a holding)."""


HoldingsOf = Callable[[Node], tuple[Holding, ...]]
"""The holdings in a node, as one walk sees them (the least known shares, or the most a
holding may be)."""


_ENTITIES_OF_PARTY: Slot[str, tuple[tuple[str, Evidence], ...]] = Slot("graph.entities_of_party")
_IDENTITY: Slot[str, tuple[tuple[Node, Step], ...]] = Slot("graph.identity")
_OWNER_EDGES: Slot[tuple[Node, float], tuple[OwnerEdge, ...]] = Slot(
    "graph.owner_edges", per_day=True
)
_SAME_IDS: Slot[Node, frozenset[str]] = Slot("graph.same_ids")
_SAME_LINKS: Slot[Node, dict[str, Link]] = Slot("graph.same_links")
_EVERY_LISTABLE: Slot[None, frozenset[str]] = Slot("graph.every_listable")


def entities_of_party(ctx: Context, party_id: str) -> tuple[tuple[str, Evidence], ...]:
    """Curated entities a procurement party is, by identifier or exact normalised name."""
    cached = _ENTITIES_OF_PARTY.get(ctx, party_id)
    if cached is not None:
        return cached
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
    return _ENTITIES_OF_PARTY.put(ctx, party_id, tuple(sorted(found.items())))


def identity(ctx: Context, node: Node) -> tuple[tuple[Node, Step], ...]:
    """The curated entities and list entries a party *is*, each with its identity step (none
    for an entity). They do not depend on the day, so they are kept for the assessment."""
    if node[0] != "party":
        return ()
    cached = _IDENTITY.get(ctx, node[1])
    if cached is None:
        found = [
            (("entity", entity_id), Step(evidence, "high", 1.0, identity=True))
            for entity_id, evidence in entities_of_party(ctx, node[1])
        ]
        found += [
            (("entity", screened.key), Step(evidence, "high", 1.0, identity=True))
            for screened, evidence in screened_identities(ctx, node[1])
        ]
        cached = _IDENTITY.put(ctx, node[1], tuple(found))
    return cached


def owner_edges(ctx: Context, node: Node, threshold: float) -> tuple[OwnerEdge, ...]:
    """The holdings in ``node`` on ``ctx.day``, then its identities.

    Asked of the same few nodes by every walk up the ownership graph, so kept for the day.
    """
    key = (node, threshold)
    cached = _OWNER_EDGES.get(ctx, key)
    if cached is None:
        cached = _OWNER_EDGES.put(ctx, key, tuple(find_owner_edges(ctx, node, threshold)))
    return cached


def find_owner_edges(ctx: Context, node: Node, threshold: float) -> Iterator[OwnerEdge]:
    """``owner_edges`` worked out: a party's holdings from the procurement, an entity's from
    curated data (a list entry has none)."""
    kind, ident = node
    if kind == "party":
        for link in ctx.owner_links(ident, threshold):
            yield OwnerEdge(
                ("party", link.owner),
                Step(
                    Evidence(link.path, link.owner, f"owns {link.share_said} of {ident!r}"),
                    link.confidence,
                    link.share,
                ),
                link.controls,
            )
        for same, step in identity(ctx, node):
            # The party *is* the entity: an identity edge with full share.
            yield OwnerEdge(same, step, True)
    elif not is_list_key(ident):
        entity = ctx.entities.entities[ident]
        for i, owner in enumerate(entity.owners):
            if owner.holds_on(ctx.day):
                yield OwnerEdge(
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


def same_ids(ctx: Context, start: Node) -> frozenset[str]:
    """The ids ``start`` *is*: ``same_links`` without the links."""
    cached = _SAME_IDS.get(ctx, start)
    if cached is None:
        kind, ident = start
        ids = [ident] if kind == "entity" else []
        ids += [node[1] for node, _step in identity(ctx, start)]  # entity nodes all
        cached = _SAME_IDS.put(ctx, start, frozenset(ids))
    return cached


def same_links(ctx: Context, start: Node) -> dict[str, Link]:
    """The ids ``start`` *is*, under every affiliate rule: itself and its identities."""
    cached = _SAME_LINKS.get(ctx, start)
    if cached is None:
        found: dict[str, Link] = {}
        if start[0] == "entity":
            found[start[1]] = Link((), "is")
        for (kind, ident), step in identity(ctx, start):
            if kind == "entity":
                found.setdefault(ident, Link((step,), "is"))
        cached = _SAME_LINKS.put(ctx, start, found)
    return cached


def every_listable(ctx: Context) -> frozenset[str]:
    """Every id a rule may list: each curated entity and each list entry screened to."""
    cached = _EVERY_LISTABLE.get(ctx, None)
    if cached is None:
        cached = _EVERY_LISTABLE.put(
            ctx, None, frozenset(ctx.entities.entities) | frozenset(all_screened(ctx))
        )
    return cached
