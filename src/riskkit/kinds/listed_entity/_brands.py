"""Makers the rules need and the input leaves open: a component known only by a brand that
names no maker riskkit knows, and a part inside a component, of a kind a rule in scope
follows, whose maker is not given.

A component's maker is what every list and ban on makers reads. Left out with no brand, the
engine asks for it (``engine/completeness.py``). Given a brand instead, the maker is found
through the brand: a curated brand of an entity on the day, an entity of that name, or an
entry of the lists loaded. A brand found in none of them says nothing about who makes the
product, and brands are sold under licence and white-labelled (HiWatch and EZVIZ are
Hikvision's), so the maker stays the open fact, never a pass. The same holds for a declared
part (a cellular module, a system-on-chip) that a rule follows to a listed maker: the part is
known to be there, its maker is not. (Until 2026-12-07 both passed silently: a federal
agency's camera made by Hikvision, its maker left out and its brand given as "Acme", and a US
camera with a cellular module whose maker, Huawei, was left out, each assessed acceptable.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from riskkit.kinds._graph import producer_chains
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Missing, params_of
from riskkit.kinds.listed_entity.params import ListedEntityParams
from riskkit.model import Component


def unknown_makers(ctx: Context, in_scope: Sequence[CompiledRule]) -> Iterator[Missing]:
    """A Missing for each component with no manufacturer whose brand names no maker riskkit
    knows on the as-of day, and for each part the rules ``in_scope`` follow inside a component
    whose maker is neither given nor found through its brand."""
    followed = _followed_parts(in_scope)
    for comp in ctx.procurement.components:
        brand = comp.brand
        if comp.manufacturer is None and brand and not producer_chains(ctx, None, brand):
            yield Missing(
                f"components[{comp.id}]",
                "manufacturer",
                f"Who makes {comp.id!r} is not given, and its brand {brand!r} names no maker "
                "riskkit knows (no curated brand or company of that name, and no entry of the "
                "lists loaded), so no list or ban on makers can be checked: a brand may be a "
                "listed maker's, sold under licence or white-labelled. Declare its manufacturer.",
                (
                    Evidence(f"components[{comp.id}].manufacturer", "not given"),
                    Evidence(f"components[{comp.id}].brand", brand, "names no known maker"),
                ),
            )
        if followed:
            yield from _open_parts(ctx, comp, followed)


def _followed_parts(in_scope: Sequence[CompiledRule]) -> dict[str, frozenset[str]]:
    """The part kinds the rules follow, each with the kinds of component whose parts of it are
    followed (empty: any component)."""
    followed: dict[str, set[str]] = {}
    anywhere: set[str] = set()
    for rule in in_scope:
        contained = params_of(rule, ListedEntityParams).contained
        if contained is None:
            continue
        for kind in contained.kinds:
            if contained.products:
                followed.setdefault(kind, set()).update(contained.products)
            else:
                anywhere.add(kind)
                followed.setdefault(kind, set())
    return {k: frozenset() if k in anywhere else frozenset(v) for k, v in followed.items()}


def _open_parts(
    ctx: Context, comp: Component, followed: dict[str, frozenset[str]]
) -> Iterator[Missing]:
    for j, part in enumerate(comp.contains):
        products = followed.get(part.kind)
        if products is None or (products and comp.kind not in products):
            continue
        if part.manufacturer is not None:
            continue
        brand = part.brand
        if brand and producer_chains(ctx, None, brand):
            continue
        path = f"components[{comp.id}].contains[{j}]"
        what = part.kind.replace("_", " ")
        said = f", and its brand {brand!r} names no maker riskkit knows" if brand else ""
        evidence = [Evidence(f"{path}.manufacturer", "not given")]
        if brand:
            evidence.append(Evidence(f"{path}.brand", brand, "names no known maker"))
        yield Missing(
            path,
            "manufacturer",
            f"{comp.id!r} contains a {what} whose maker is not given{said}, so whether it is a "
            "listed maker's part, which a rule in scope follows, cannot be checked. Declare "
            "its manufacturer.",
            tuple(evidence),
        )
