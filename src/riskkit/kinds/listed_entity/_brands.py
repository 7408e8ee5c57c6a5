"""Components known only by a brand that names no maker riskkit knows.

A component's maker is what every list and ban on makers reads. Left out with no brand, the
engine asks for it (``engine/completeness.py``). Given a brand instead, the maker is found
through the brand: a curated brand of an entity on the day, an entity of that name, or an
entry of the lists loaded. A brand found in none of them says nothing about who makes the
product, and brands are sold under licence and white-labelled (HiWatch and EZVIZ are
Hikvision's), so the maker stays the open fact, never a pass. (Until 2026-12-07 such a brand
passed silently: a federal agency's camera made by Hikvision, its maker left out and its brand
given as "Acme", assessed acceptable.)
"""

from __future__ import annotations

from collections.abc import Iterator

from riskkit.kinds._graph import producer_chains
from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence, Missing


def unknown_makers(ctx: Context) -> Iterator[Missing]:
    """A Missing for each component with no manufacturer whose brand names no maker riskkit
    knows on the as-of day."""
    for comp in ctx.procurement.components:
        brand = comp.brand
        if comp.manufacturer is not None or not brand or producer_chains(ctx, None, brand):
            continue
        yield Missing(
            f"components[{comp.id}]",
            "manufacturer",
            f"Who makes {comp.id!r} is not given, and its brand {brand!r} names no maker "
            "riskkit knows (no curated brand or company of that name, and no entry of the lists "
            "loaded), so no list or ban on makers can be checked: a brand may be a listed "
            "maker's, sold under licence or white-labelled. Declare its manufacturer.",
            (
                Evidence(f"components[{comp.id}].manufacturer", "not given"),
                Evidence(f"components[{comp.id}].brand", brand, "names no known maker"),
            ),
        )
