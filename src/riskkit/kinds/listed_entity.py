"""``listed_entity``: a party, an owner up the chain, or the maker behind a brand is on a list.

Each list entry names a curated entity and the days it was listed. A hit propagates by the list's
own affiliate rule (named entity only; subsidiaries and affiliates; 50 % or more owned in
aggregate), through the procurement's ownership links, the curated ownership links, brands and
documented OEM links, and the evidence records every step. Whom the consequence binds (US federal
buyers, users of federal grants, ...) decides between the rule's outcome and a lesser one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Literal

import attrs
from pydantic import BaseModel, Field, model_validator

from riskkit.context import Context
from riskkit.entities import EntityId
from riskkit.jurisdictions import Jurisdiction, within_any
from riskkit.kinds._common import Params, clamp, share_text, weakest
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.model import BuyerKind, Capability, ComponentKind, FundingSource, Purpose, SiteSetting
from riskkit.rules import Rule

AffiliateRule = Literal["named_only", "subsidiaries_and_affiliates", "majority_owned"]
CONFIDENCE_LIKELIHOOD = {"high": 4, "medium": 3, "low": 2}


class Entry(Params):
    """One listed entity and the days it is listed."""

    entity: EntityId
    start: date = Field(alias="from")
    until: date | None = None
    note: str | None = None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


class AffiliateWindow(Params):
    """A span of days in which a different affiliate rule applies (a rule adopted, suspended)."""

    start: date = Field(alias="from")
    until: date | None = None
    affiliates: AffiliateRule


class Uses(Params):
    """The uses a product restriction covers: any listed purpose or setting of the site."""

    purposes: tuple[Purpose, ...] = ()
    settings: tuple[SiteSetting, ...] = ()


class Binds(Params):
    """Whom the consequence legally binds: a buyer of one of these kinds, or paid by one of
    these funding sources; and, when given, only inside these jurisdictions."""

    buyer_kinds: tuple[BuyerKind, ...] = ()
    funding: tuple[FundingSource, ...] = ()
    buyer_in: tuple[Jurisdiction, ...] = ()


class ListedEntityParams(Params):
    list: str = Field(min_length=1)
    """The list or law's name as shown in findings (``BIS Entity List``)."""
    entries: tuple[Entry, ...] = Field(min_length=1)
    affiliates: AffiliateRule = "named_only"
    affiliate_windows: tuple[AffiliateWindow, ...] = ()
    products: tuple[ComponentKind, ...] = ()
    """Component kinds covered; empty means any product."""
    capabilities: tuple[Capability, ...] = ()
    """Covered only when the component has one of these; empty means any."""
    uses: Uses | None = None
    """Covered only for these uses; left out means any use."""
    subjects: tuple[Literal["components", "parties"], ...] = ("components", "parties")
    """Check components (the maker behind each product) and/or the parties to the deal."""
    binds: Binds | None = None
    """Left out: the consequence binds every buyer in scope."""
    unbound_outcome: Literal["restricted", "elevated", "info", "none"] = "elevated"
    """What a buyer the consequence does not bind is told."""
    control_threshold: float = Field(default=0.5, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _windows_ordered(self) -> ListedEntityParams:
        for window in self.affiliate_windows:
            if window.until is not None and window.until < window.start:
                raise ValueError(f"affiliate window ends {window.until} before it starts")
        return self

    def entity_refs(self) -> Iterator[tuple[str, str]]:
        for i, entry in enumerate(self.entries):
            yield f"entries[{i}].entity", entry.entity

    def affiliate_rule_on(self, day: date) -> AffiliateRule:
        for window in self.affiliate_windows:
            if window.start <= day and (window.until is None or day <= window.until):
                return window.affiliates
        return self.affiliates


# A node of the combined ownership graph: ("party", id) from the procurement,
# ("entity", id) from curated data.
Node = tuple[str, str]


@attrs.frozen
class Step:
    """One link on the way from a subject to a listed entity."""

    evidence: Evidence
    confidence: str
    share: float | None = None
    """For ownership links: the share held (None for identity, brand and OEM links)."""


def _label(node: Node) -> str:
    return f"{node[0]}:{node[1]}"


def _entities_of_party(ctx: Context, party_id: str) -> tuple[tuple[str, Evidence], ...]:
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


def _owner_edges(ctx: Context, node: Node, threshold: float) -> Iterator[tuple[Node, Step, bool]]:
    """(owner node, step, controls) for each holding in ``node`` on ``ctx.day``."""
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
        for entity_id, evidence in _entities_of_party(ctx, ident):
            # The party *is* the entity: an identity edge with full share.
            yield ("entity", entity_id), Step(evidence, "high", 1.0), True
    else:
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


def _identity(ctx: Context, node: Node) -> Iterator[tuple[Node, Step]]:
    if node[0] == "party":
        for entity_id, evidence in _entities_of_party(ctx, node[1]):
            yield ("entity", entity_id), Step(evidence, "high", 1.0)


@attrs.frozen
class Link:
    """How a subject reaches a listed entity."""

    steps: tuple[Step, ...]
    relation: str
    """``is``, ``is controlled by``, ``is an affiliate of`` or ``is majority owned by``."""


def _reach(
    ctx: Context, start: Node, listed: set[str], rule: AffiliateRule, threshold: float
) -> dict[str, Link]:
    """Listed entity ids that ``start`` is, or is affiliated with under ``rule``."""
    found: dict[str, Link] = {}
    # The node itself and its identities are always checked.
    same: list[tuple[Node, tuple[Step, ...]]] = [(start, ())]
    same.extend((n, (s,)) for n, s in _identity(ctx, start))
    for node, steps in same:
        if node[0] == "entity" and node[1] in listed:
            found.setdefault(node[1], Link(steps, "is"))
    if rule == "named_only":
        return found
    if rule == "subsidiaries_and_affiliates":
        ancestors = _controlling_ancestors(ctx, same, threshold)
        for node, steps in ancestors:
            if node[0] == "entity" and node[1] in listed:
                found.setdefault(node[1], Link(steps, "is controlled by"))
        # Affiliates under common control: a listed entity controlled by one of our ancestors.
        for listed_id in sorted(listed - set(found)):
            for node, steps in _controlling_ancestors(
                ctx, [(("entity", listed_id), ())], threshold
            ):
                for ancestor, our_steps in ancestors:
                    if ancestor == node:
                        found.setdefault(
                            listed_id,
                            Link((*our_steps, *_reverse(steps)), "is an affiliate of"),
                        )
        return found
    # majority_owned: aggregate indirect share held by listed entities.
    totals = _aggregate_listed_share(ctx, start, listed, threshold)
    for listed_id, (share, steps) in totals.items():
        if listed_id not in found and share >= 0.5 - 1e-9:
            found[listed_id] = Link(steps, f"is {share * 100:.2f} % owned in aggregate by")
    return found


def _reverse(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    return tuple(reversed(steps))


def _controlling_ancestors(
    ctx: Context, roots: list[tuple[Node, tuple[Step, ...]]], threshold: float
) -> list[tuple[Node, tuple[Step, ...]]]:
    seen = {node for node, _ in roots}
    out: list[tuple[Node, tuple[Step, ...]]] = []
    stack = list(roots)
    while stack:
        node, steps = stack.pop()
        for owner, step, controls in _owner_edges(ctx, node, threshold):
            if controls and owner not in seen:
                seen.add(owner)
                out.append((owner, (*steps, step)))
                stack.append((owner, (*steps, step)))
    return out


def _aggregate_listed_share(
    ctx: Context, start: Node, listed: set[str], threshold: float
) -> dict[str, tuple[float, tuple[Step, ...]]]:
    """Indirect share of ``start`` held by each listed entity (products of shares along
    every acyclic path), with the strongest path as evidence."""
    totals: dict[str, tuple[float, tuple[Step, ...]]] = {}

    def walk(node: Node, share: float, steps: tuple[Step, ...], on_path: frozenset[Node]) -> None:
        for owner, step, _controls in _owner_edges(ctx, node, threshold):
            if owner in on_path or step.share is None:
                continue
            held = share * step.share
            path = (*steps, step)
            if owner[0] == "entity" and owner[1] in listed and step.share < 1.0:
                total, best = totals.get(owner[1], (0.0, path))
                totals[owner[1]] = (total + held, best)
            walk(owner, held, path, on_path | {owner})

    walk(start, 1.0, (), frozenset({start}))
    return totals


def _producers(ctx: Context, component_id: str) -> list[tuple[Node, tuple[Step, ...]]]:
    """Who makes the component: its manufacturer, the owner of its brand, and OEM makers."""
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
                                f"a brand of {entity_id!r}" + _dates(brand.start, brand.until),
                            ),
                            "high",
                        ),
                    ),
                )
            )
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
            [node[1]] if node[0] == "entity" else [e for e, _ in _entities_of_party(ctx, node[1])]
        )
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
                        f"({link.source})" + _dates(link.start, link.until),
                    ),
                    link.confidence,
                )
                out.append((made, (*steps, *extra, step)))
                frontier.append((made, (*steps, *extra, step)))
    return out


def _dates(start: date | None, until: date | None) -> str:
    if start and until:
        return f", {start} to {until}"
    if start:
        return f", from {start}"
    if until:
        return f", until {until}"
    return ""


def _in_use(ctx: Context, component_id: str, uses: Uses) -> bool | None:
    """True or False when the covered uses can be decided; None when the facts are missing."""
    comp = ctx.components[component_id]
    site = ctx.site_of(comp)
    purposes = set(site.purposes) if site else set()
    settings = set(site.settings) if site else set()
    if ctx.procurement.buyer.kind == "law_enforcement":
        purposes.add("law_enforcement")
    if not purposes and not settings:
        return None
    return bool(purposes.intersection(uses.purposes) or settings.intersection(uses.settings))


def _bound(ctx: Context, binds: Binds | None) -> tuple[bool, list[Evidence]]:
    buyer = ctx.procurement.buyer
    if binds is None:
        return True, []
    if binds.buyer_in and not within_any(binds.buyer_in, buyer.jurisdiction, ctx.day):
        return False, []
    evidence = []
    if buyer.kind in binds.buyer_kinds:
        evidence.append(Evidence("buyer.kind", buyer.kind, "a buyer the rule binds"))
    for i, source in enumerate(buyer.funding):
        if source in binds.funding:
            evidence.append(Evidence(f"buyer.funding[{i}]", source, "funding the rule binds"))
    return bool(evidence), evidence


@attrs.frozen
class ListedEntity:
    name: str = "listed_entity"
    params_model: type[BaseModel] = ListedEntityParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        assert isinstance(params, ListedEntityParams)
        return []

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        assert isinstance(params, ListedEntityParams)
        spans: list[tuple[date, date | None]] = [(e.start, e.until) for e in params.entries]
        spans += [(w.start, w.until) for w in params.affiliate_windows]
        for start, until in spans:
            yield start
            if until is not None:
                yield until + timedelta(days=1)

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, ListedEntityParams)
        since = {e.entity: e.start for e in params.entries if e.holds_on(ctx.day)}
        listed = set(since)
        if not listed:
            return
        affiliate_rule = params.affiliate_rule_on(ctx.day)
        bound, bound_evidence = _bound(ctx, params.binds)
        if bound:
            outcome: str = rule.rule.outcome
        elif params.unbound_outcome == "none":
            return
        else:
            outcome = params.unbound_outcome
        binding = bound and outcome in {"prohibited", "prohibited_unless_exception", "restricted"}
        covered_parties: set[str] = set()
        list_name = params.list

        if "components" in params.subjects:
            for comp in ctx.procurement.components:
                if params.products and comp.kind not in params.products:
                    continue
                if params.capabilities and not set(comp.capabilities) & set(params.capabilities):
                    continue
                producers = _producers(ctx, comp.id)
                matches: list[tuple[str, Link, tuple[Step, ...]]] = []
                for node, steps in producers:
                    for listed_id, link in sorted(
                        _reach(ctx, node, listed, affiliate_rule, params.control_threshold).items()
                    ):
                        matches.append((listed_id, link, steps))
                if not matches:
                    continue
                covered_parties.update(
                    p for p in (comp.manufacturer, comp.supplied_by) if p is not None
                )
                in_use = _in_use(ctx, comp.id, params.uses) if params.uses else True
                listed_id, link, steps = max(
                    matches, key=lambda m: (_likelihood(m[1], m[2]), _strength(m[1], m[2]))
                )
                all_steps = (*steps, *link.steps)
                confidence = weakest(s.confidence for s in all_steps)
                entity_name = ctx.entities.entities[listed_id].name
                evidence = tuple(s.evidence for s in all_steps)
                hit_outcome: str = outcome
                use_note = ""
                if in_use is None:
                    hit_outcome = "unknown"
                    use_note = (
                        " The rule covers only some uses, and the site's purposes and "
                        "settings are not given, so whether it applies is unknown."
                    )
                elif not in_use:
                    continue
                yield Hit(
                    subject=f"components[{comp.id}]",
                    outcome=hit_outcome,  # type: ignore[arg-type]
                    binding=binding and in_use is True,
                    likelihood=_likelihood(link, steps),
                    explanation=(
                        f"{comp.kind.replace('_', ' ')} {comp.id!r} is produced by a party that "
                        f"{link.relation} {entity_name}, listed on the {list_name}."
                        + (
                            ""
                            if bound
                            else " The listing's legal consequence does not bind "
                            "this buyer; the finding records the risk that remains."
                        )
                        + use_note
                    ),
                    evidence=(*evidence, *bound_evidence),
                    concerns=frozenset({comp.id} | covered_parties),
                    confidence=confidence,
                    since=since[listed_id],
                )

        if "parties" in params.subjects:
            for party in ctx.procurement.parties:
                if party.id in covered_parties or not _in_deal(ctx, party.id):
                    continue
                reached = _reach(
                    ctx, ("party", party.id), listed, affiliate_rule, params.control_threshold
                )
                if not reached:
                    continue
                listed_id, link = max(
                    reached.items(), key=lambda m: (_likelihood(m[1], ()), _strength(m[1], ()))
                )
                confidence = weakest(s.confidence for s in link.steps)
                yield Hit(
                    subject=f"parties[{party.id}]",
                    outcome=outcome,  # type: ignore[arg-type]
                    binding=binding,
                    likelihood=_likelihood(link, ()),
                    explanation=(
                        f"{party.name} {link.relation} "
                        f"{ctx.entities.entities[listed_id].name}, listed on the {list_name}."
                        + (
                            ""
                            if bound
                            else " The listing's legal consequence does not bind "
                            "this buyer; the finding records the risk that remains."
                        )
                    ),
                    evidence=(*(s.evidence for s in link.steps), *bound_evidence),
                    concerns=frozenset({party.id}),
                    confidence=confidence,
                    since=since[listed_id],
                )


def _strength(link: Link, steps: tuple[Step, ...]) -> tuple[int, int]:
    """Order matches of equal likelihood: direct before affiliated, then shorter chains."""
    return (1 if link.relation == "is" else 0, -(len(steps) + len(link.steps)))


def _likelihood(link: Link, steps: tuple[Step, ...]) -> int:
    """5 when the maker is the listed entity itself; less the weaker the chain's evidence."""
    confidence = weakest(s.confidence for s in (*steps, *link.steps))
    base = 5 if link.relation == "is" else 4
    return clamp(min(base, CONFIDENCE_LIKELIHOOD[confidence] + 1))


def _in_deal(ctx: Context, party_id: str) -> bool:
    """A party with a part in the deal, not one that only appears as an owner."""
    party = ctx.parties[party_id]
    if set(party.roles) - {"owner"}:
        return True
    p = ctx.procurement
    for comp in p.components:
        if party_id in {comp.manufacturer, comp.supplied_by, comp.firmware_updates_by} or (
            party_id in (comp.remote_access or ())
        ):
            return True
    return any(flow.to.operator == party_id for flow in p.data_flows)


KIND = ListedEntity()
