"""The gaps a mapped process leaves: each fact OCDS did not give, where it belongs and what it
would decide. Worded once here, so a batch counts them and a person reads them alike."""

from __future__ import annotations

from datetime import date
from typing import Any

from riskkit.feeds.ocds.mapping.components import ComponentFacts
from riskkit.feeds.ocds.mapping.parties import BuyerFacts
from riskkit.feeds.ocds.mapping.shapes import Gap

# The gaps whose words never change are made once (a Gap is frozen), not once a process.
_NO_BUYER = Gap(
    "buyer.name",
    "the release names no buyer (neither buyer, a party "
    "with role buyer, nor a procuring entity); every rule binds a buyer",
)
_NO_BUYER_KIND = Gap(
    "buyer.kind",
    "OCDS does not say what kind of organisation the buyer "
    "is (local government, police, school...); rules that bind only some "
    "kinds of buyer cannot decide without it",
)
_NO_BUYER_JURISDICTION = Gap(
    "buyer.jurisdiction",
    "the buyer's country is not given in a form "
    "riskkit reads; it decides which laws bind the buyer",
)
_NO_FUNDING = Gap(
    "buyer.funding",
    "OCDS does not say where the money comes from in a form riskkit reads (own "
    "budget, a federal grant...); rules that bind only spending of some funds (a "
    "grant's conditions) cannot decide without it",
)
_NO_COMPONENTS = Gap(
    "components",
    "no surveillance or telecom item was found by code or "
    "text; what was bought is unknown to the rules",
)
_NO_SITES = Gap(
    "sites",
    "where the components are deployed (public space, school, "
    "border...) is not given; rules that bind by place or setting need it",
)
_NO_DATA_FLOWS = Gap(
    "data_flows",
    "OCDS says nothing of where the data goes, who hosts it or "
    "holds its keys; data-transfer and compelled-access rules need it",
)


def buyer_gaps(buyer: BuyerFacts) -> tuple[Gap, ...]:
    gaps = []
    if buyer.name is None:
        gaps.append(_NO_BUYER)
    if buyer.kind is None:
        gaps.append(_NO_BUYER_KIND)
    if buyer.jurisdiction is None:
        gaps.append(_NO_BUYER_JURISDICTION)
    gaps.append(_NO_FUNDING)
    return tuple(gaps)


_supplier_gaps: dict[tuple[str, bool], tuple[Gap, ...]] = {}
"""The gaps of a supplier by (party id, whether its incorporation is known): the same few
party ids (``supplier-1``) come back in every process, and a Gap is frozen."""
_SUPPLIER_GAPS_REMEMBERED = 1_000


def supplier_gaps(party: dict[str, Any]) -> tuple[Gap, ...]:
    key = (party["id"], "incorporated_in" in party)
    found = _supplier_gaps.get(key)
    if found is None:
        if len(_supplier_gaps) >= _SUPPLIER_GAPS_REMEMBERED:
            _supplier_gaps.clear()
        found = _supplier_gaps[key] = tuple(_new_supplier_gaps(*key))
    return found


def _new_supplier_gaps(party_id: str, incorporated: bool) -> list[Gap]:
    at = f"parties[{party_id}]"
    gaps = [
        Gap(
            f"{at}.roles",
            "OCDS says this party was contracted, not whether it makes, resells, "
            "integrates or operates what is bought; rules about makers and operators need it",
        ),
        Gap(
            f"{at}.owners",
            "OCDS does not say who owns the supplier; ownership rules (state "
            "control, a listed parent) need it, from a BODS register or by hand",
        ),
    ]
    if not incorporated:
        gaps.append(
            Gap(
                f"{at}.incorporated_in",
                "no register identifier with a country (an org-id scheme such as GB-COH) "
                "says where the supplier is incorporated; an address does not",
            )
        )
    return gaps


def component_gaps(facts: ComponentFacts, suppliers: int) -> list[Gap]:
    at = f"components[{facts.id}]"
    gaps = []
    if facts.brand is None:
        gaps.append(
            Gap(
                f"{at}.manufacturer",
                "OCDS does not say who made it; rules on "
                "listed makers (entity lists, covered equipment) need the maker or "
                "brand",
            )
        )
    if facts.quantity is None:
        gaps.append(Gap(f"{at}.quantity", "no item quantity is given; the model counts one"))
    if suppliers != 1:
        gaps.append(
            Gap(
                f"{at}.supplied_by",
                f"the process has {suppliers} suppliers; which "
                "one supplies this component is not said",
            )
        )
    gaps.append(
        Gap(
            f"{at}.remote_access",
            "who can reach it remotely is never in OCDS; rules "
            "on vendor access and compelled access need it",
        )
    )
    gaps.append(
        Gap(
            f"{at}.acquisition",
            "whether it is bought new, kept, renewed or only "
            "maintained is not said; bans on new purchases need it",
        )
    )
    return gaps


def process_gaps(document: dict[str, Any], start: date | None, end: date | None) -> list[Gap]:
    gaps = []
    if "term" not in document:
        if start is not None and end is not None:
            why = f"the contract period given ends ({end}) before it starts ({start})"
        elif start is not None or end is not None:
            why = f"the contract period gives only its {'start' if start else 'end'}"
        else:
            why = "no contract period is given (placeholder dates are not dates)"
        gaps.append(Gap("term", f"{why}; the rules are checked over every day of the term"))
    if "components" not in document:
        gaps.append(_NO_COMPONENTS)
    for site in document.get("sites", ()):
        gaps.append(
            Gap(
                f"sites[{site['id']}].settings",
                "a delivery address gives the country, "
                "not what kind of place it is or what the deployment there is for",
            )
        )
    if "sites" not in document:
        gaps.append(_NO_SITES)
    gaps.append(_NO_DATA_FLOWS)
    return gaps
