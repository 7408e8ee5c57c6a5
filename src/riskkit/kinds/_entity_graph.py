"""The ownership graph behind the listed-entity kind.

Procurement parties and curated entities are nodes; holdings, identities (a party *is* a curated
entity, or matches an official list entry), brands and documented OEM links are edges, each with
the evidence and confidence it rests on. ``reach`` answers which listed ids a node is, or is
affiliated with under a list's own affiliate rule; every answer is kept in the context's memo for
the day, because many rules ask the same question of the same node.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

import attrs

from riskkit.context import Context
from riskkit.kinds._common import share_text
from riskkit.kinds._screened import (
    all_screened,
    is_list_key,
    screen_name,
    screened_identities,
)
from riskkit.kinds.interface import Evidence

AffiliateRule = Literal["named_only", "subsidiaries_and_affiliates", "majority_owned"]


# A node of the combined ownership graph: ("party", id) from the procurement,
# ("entity", id) from curated data.
Node = tuple[str, str]


@attrs.frozen
class Step:
    """One link on the way from a subject to a listed entity."""

    evidence: Evidence
    confidence: str
    share: float | None = None
    """For ownership links: the share held (1.0 for identity, None for brand and OEM links)."""
    identity: bool = False
    """True for the link from a party to the curated entity it is (not a holding)."""


def _label(node: Node) -> str:
    return f"{node[0]}:{node[1]}"


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
        if entity_id:
            found.setdefault(
                entity_id,
                Evidence(
                    f"parties[{party_id}].identifiers[{i}]",
                    ident.value,
                    f"{ident.scheme} identifies entity {entity_id!r}",
                ),
            )
    for field, name in [("name", party.name)] + [
        (f"aliases[{i}]", alias) for i, alias in enumerate(party.aliases)
    ]:
        for entity_id in ctx.entities.by_name(name):
            found.setdefault(
                entity_id,
                Evidence(f"parties[{party_id}].{field}", name, f"names entity {entity_id!r}"),
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
        for entity_id, evidence in entities_of_party(ctx, ident):
            # The party *is* the entity: an identity edge with full share.
            yield ("entity", entity_id), Step(evidence, "high", 1.0, identity=True), True
        for screened, evidence in screened_identities(ctx, ident):
            yield ("entity", screened.key), Step(evidence, "high", 1.0, identity=True), True
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


def identity(ctx: Context, node: Node) -> Iterator[tuple[Node, Step]]:
    if node[0] == "party":
        for entity_id, evidence in entities_of_party(ctx, node[1]):
            yield ("entity", entity_id), Step(evidence, "high", 1.0, identity=True)
        for screened, evidence in screened_identities(ctx, node[1]):
            yield ("entity", screened.key), Step(evidence, "high", 1.0, identity=True)


@attrs.frozen
class Link:
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


def every_listable(ctx: Context) -> frozenset[str]:
    key = ("every_listable",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = frozenset(ctx.entities.entities) | frozenset(all_screened(ctx))
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def component_reach(
    ctx: Context, component_id: str, rule: AffiliateRule, threshold: float
) -> frozenset[str]:
    """Every listable id some producer of the component reaches (to skip rules quickly)."""
    # Who produces a component follows from its manufacturer and brand alone, so components
    # that share both share the answer (a bid of a thousand cameras has a handful of makers).
    comp = ctx.components[component_id]
    key = ("component_reach", comp.manufacturer, comp.brand, rule, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        ids: set[str] = set()
        for node, _steps in producers_of(ctx, component_id):
            ids.update(reach_any(ctx, node, rule, threshold))
        cached = frozenset(ids)
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


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


def controlled_below(ctx: Context, entity_id: str, threshold: float) -> set[str]:
    """Curated entities that ``entity_id`` controls on the day, directly or down a chain."""
    key = ("controls", threshold, ctx.day)
    controls = ctx.memo.get(key)
    if controls is None:
        built: dict[str, list[str]] = {}
        for entity in ctx.entities.entities.values():
            for owner in entity.owners:
                if owner.holds_on(ctx.day) and owner.controls(threshold):
                    built.setdefault(owner.entity, []).append(entity.id)
        controls = ctx.memo[key] = built
    assert isinstance(controls, dict)
    below: set[str] = set()
    stack = [entity_id]
    while stack:
        for child in controls.get(stack.pop(), ()):
            if child not in below:
                below.add(child)
                stack.append(child)
    return below


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
    every acyclic path), with the strongest path as evidence."""
    totals: dict[str, tuple[float, tuple[Step, ...]]] = {}

    def walk(node: Node, share: float, steps: tuple[Step, ...], on_path: frozenset[Node]) -> None:
        for owner, step, _controls in owner_edges(ctx, node, threshold):
            if owner in on_path or step.share is None:
                continue
            held = share * step.share
            path = (*steps, step)
            # The subject's own identity is an "is" match, not a holding; an owner's identity
            # means the owner is the listed entity and holds what it holds.
            counts = not (step.identity and node == start)
            if owner[0] == "entity" and owner[1] in listed and counts:
                total, best = totals.get(owner[1], (0.0, path))
                totals[owner[1]] = (total + held, best)
            walk(owner, held, path, on_path | {owner})

    walk(start, 1.0, (), frozenset({start}))
    return totals


def producers_of(ctx: Context, component_id: str) -> list[tuple[Node, tuple[Step, ...]]]:
    """Who makes the component: its manufacturer, the owner of its brand, and OEM makers."""
    key = ("producers", component_id, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = producers_of_uncached(ctx, component_id)
        ctx.memo[key] = cached
    return cached  # type: ignore[return-value]


def producers_of_uncached(ctx: Context, component_id: str) -> list[tuple[Node, tuple[Step, ...]]]:
    comp = ctx.components[component_id]
    starts: list[tuple[Node, tuple[Step, ...]]] = []
    if comp.manufacturer is not None:
        starts.append(
            (
                ("party", comp.manufacturer),
                (
                    Step(
                        Evidence(
                            f"components[{component_id}].manufacturer",
                            comp.manufacturer,
                            "manufacturer",
                        ),
                        "high",
                    ),
                ),
            )
        )
    if comp.brand:
        brand_path = f"components[{component_id}].brand"
        for entity_id, brand in ctx.entities.brand_owners(comp.brand, ctx.day):
            index = ctx.entities.entities[entity_id].brands.index(brand)
            starts.append(
                (
                    ("entity", entity_id),
                    (
                        Step(Evidence(brand_path, comp.brand, "brand on the product"), "high"),
                        Step(
                            Evidence(
                                f"entities[{entity_id}].brands[{index}]",
                                brand.name,
                                f"a brand of {entity_id!r}" + dates(brand.start, brand.until),
                            ),
                            "high",
                        ),
                    ),
                )
            )
        for screened in screen_name(ctx, comp.brand):
            if screened.band == "match":
                starts.append(
                    (("entity", screened.key), (Step(screened.evidence(brand_path, comp.brand),
                                                     "high"),))
                )  # fmt: skip
        for entity_id in ctx.entities.by_name(comp.brand):
            starts.append(
                (
                    ("entity", entity_id),
                    (
                        Step(
                            Evidence(brand_path, comp.brand, f"names entity {entity_id!r}"), "high"
                        ),
                    ),
                )
            )
    # Follow documented OEM links from every entity reached so far.
    out = list(starts)
    frontier = list(starts)
    seen = {node for node, _ in starts}
    while frontier:
        node, steps = frontier.pop()
        entity_ids = (
            [node[1]] if node[0] == "entity" else [e for e, _ in entities_of_party(ctx, node[1])]
        )
        entity_ids = [e for e in entity_ids if not is_list_key(e)]
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
                out.append((made, (*steps, *extra, step)))
                frontier.append((made, (*steps, *extra, step)))
    return out


def dates(start: date | None, until: date | None) -> str:
    if start and until:
        return f", {start} to {until}"
    if start:
        return f", from {start}"
    if until:
        return f", until {until}"
    return ""
