"""Sites from delivery addresses, only where an address names a country.

A site is never guessed: an item's ``deliveryAddress`` that names a country riskkit knows
gives one site in that country per country named, with the field it came from in the
warnings. What kind of place it is and what the deployment there is for stay unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from riskkit.feeds.ocds.mapping.access import obj, objs, text
from riskkit.feeds.ocds.mapping.tables import country_code


def delivery_sites(release: Mapping[str, Any], warnings: list[str]) -> list[dict[str, Any]]:
    found: dict[str, str] = {}
    holders = [("tender", -1, obj(release.get("tender")))]
    for array in ("awards", "contracts"):
        holders += [(array, i, e) for i, e in enumerate(objs(release.get(array)))]
    for where, at, holder in holders:
        items = holder.get("items")
        if not isinstance(items, list):
            continue
        # Positions count the items that are objects, as ``objs`` gives them.
        index = -1
        for item in items:
            if not isinstance(item, dict):
                continue
            index += 1
            address = item.get("deliveryAddress")
            if not isinstance(address, dict):
                continue
            named = text(address.get("countryName"))
            code = country_code(named) if named else None
            if code is not None and code not in found:
                # The path is only written for the address kept (most items give none).
                holder_path = where if at < 0 else f"{where}[{at}]"
                found[code] = f"{holder_path}.items[{index}].deliveryAddress.countryName"
    sites = []
    for code, field in found.items():
        site_id = f"delivery-{code.lower()}"
        sites.append({"id": site_id, "jurisdiction": code})
        warnings.append(f"sites[{site_id}]: jurisdiction from {field}")
    return sites
