"""``map_process``: one OCDS process as a procurement document, with every gap it leaves.

The document is a TOML-shaped dict (what ``riskkit import ocds`` writes); the procurement is
that document validated, or None while facts the model requires are unknown. Every fact the
release does not give is a :class:`Gap`; nothing is filled with a default.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from riskkit.feeds.ocds.items import BrandNames
from riskkit.feeds.ocds.mapping.access import objs, text
from riskkit.feeds.ocds.mapping.components import ComponentFacts, components
from riskkit.feeds.ocds.mapping.gaps import (
    buyer_gaps,
    component_gaps,
    process_gaps,
    supplier_gaps,
)
from riskkit.feeds.ocds.mapping.parties import Organisations, SupplierFacts, variant
from riskkit.feeds.ocds.mapping.prepare import prepare
from riskkit.feeds.ocds.mapping.shapes import Gap, Mapped, ProcessSummary
from riskkit.feeds.ocds.mapping.sites import delivery_sites
from riskkit.feeds.ocds.mapping.terms import published, term, value
from riskkit.feeds.ocds.read import Process
from riskkit.model import Procurement

_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")
_MAX_ID = 80
_SOURCE_SHOWN = 160
"""Characters of an item's source text shown in a note."""


def procurement_id(ocid: str) -> str:
    """A procurement id made from an ocid: the ocid itself when it is a safe identifier, else
    its safe characters and a short digest of it, so two ocids never share an id."""
    safe = _UNSAFE.sub("-", ocid).lstrip("-_.")
    if safe == ocid and len(safe) <= _MAX_ID:
        return safe
    digest = hashlib.blake2b(ocid.encode("utf-8", "replace"), digest_size=4).hexdigest()
    return f"{safe[: _MAX_ID - 9].rstrip('-_.')}-{digest}" if safe else f"process-{digest}"


def map_process(
    process: Process, *, brands: BrandNames | None = None, publisher: str | None = None
) -> Mapped:
    """``process`` mapped onto the procurement model. ``brands`` finds curated brand names in
    item text; ``publisher`` names an entry of ``publishers.toml`` (found from the ocid's
    prefix when not given)."""
    prepared = prepare(process.release, publisher)
    release = prepared.release
    warnings = list(prepared.corrections)
    orgs = Organisations(release, warnings)
    buyer = orgs.buyer(prepared.publisher)
    suppliers = orgs.suppliers()
    found = components(release, brands, warnings)
    sites = delivery_sites(release, warnings)
    period = term(release)
    worth = value(release, warnings)
    gaps: list[Gap] = []

    document: dict[str, Any] = {
        "schema_version": 1,
        "id": procurement_id(process.ocid),
        "title": _title(release, process.ocid),
    }
    if period.start is not None and period.end is not None and period.start <= period.end:
        document["term"] = {"start": period.start, "end": period.end}
        warnings.append(f"term: from {period.where}")
    buyer_doc: dict[str, Any] = {}
    if buyer.name is not None:
        buyer_doc["name"] = buyer.name
    if buyer.kind is not None:
        buyer_doc["kind"] = buyer.kind
        warnings.append(f"buyer.kind: from {buyer.kind_from}")
    if buyer.jurisdiction is not None:
        buyer_doc["jurisdiction"] = buyer.jurisdiction
        warnings.append(f"buyer.jurisdiction: from {buyer.jurisdiction_from}")
    document["buyer"] = buyer_doc
    gaps += buyer_gaps(buyer)
    if sites:
        document["sites"] = sites
    parties = [_party(number, s, warnings) for number, s in enumerate(suppliers, start=1)]
    if parties:
        document["parties"] = parties
    for party in parties:
        gaps += supplier_gaps(party)
    supplier = parties[0]["id"] if len(parties) == 1 else None
    if found:
        document["components"] = [_component(c, supplier, warnings) for c in found]
    for facts in found:
        gaps += component_gaps(facts, len(parties))
    gaps += process_gaps(document, period.start, period.end)

    procurement = _validated(document, warnings)
    summary = ProcessSummary(
        ocid=process.ocid,
        buyer=buyer.name,
        country=buyer.jurisdiction.partition("-")[0] if buyer.jurisdiction else None,
        suppliers=tuple(s.name for s in suppliers),
        amount=worth.amount,
        currency=worth.currency,
        start=period.start,
        end=period.end,
        published=published(release),
    )
    origin = str(process.origins[0]) if process.origins else ""
    return Mapped(summary, document, procurement, tuple(gaps), tuple(warnings), origin)


def _title(release: Mapping[str, Any], ocid: str) -> str:
    """``tender.title`` (or a language variant of it), else the first award's or contract's."""
    title = _title_of(release.get("tender"))
    if title is not None:
        return title
    for array in ("awards", "contracts"):
        for entry in objs(release.get(array)):
            title = _title_of(entry)
            if title is not None:
                return title
    return ocid


def _title_of(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    return text(entry.get("title")) or variant(entry, "title")


def _party(number: int, supplier: SupplierFacts, warnings: list[str]) -> dict[str, Any]:
    party_id = f"supplier-{number}"
    party: dict[str, Any] = {"id": party_id, "name": supplier.name}
    if supplier.identifiers:
        party["identifiers"] = [{"scheme": s, "value": v} for s, v in supplier.identifiers]
    if supplier.incorporated_in is not None:
        # A country-prefixed register identifier says where the party is incorporated; an
        # address says only where it sits: kept as its headquarters, incorporation left unknown.
        from_address = bool(supplier.incorporated_from) and str(
            supplier.incorporated_from
        ).endswith("countryName")
        field = "headquarters" if from_address else "incorporated_in"
        party[field] = supplier.incorporated_in
        note = f"parties[{party_id}].{field}: from {supplier.incorporated_from}"
        if from_address:
            note += " (an address, not a register: where it is incorporated stays unknown)"
        warnings.append(note)
    party["source"] = f"OCDS {supplier.path} (a supplier)"
    return party


def _component(facts: ComponentFacts, supplier: str | None, warnings: list[str]) -> dict[str, Any]:
    component: dict[str, Any] = {"id": facts.id, "kind": facts.kind}
    if facts.quantity is not None:
        component["quantity"] = facts.quantity
    if supplier is not None:
        component["supplied_by"] = supplier
    if facts.capabilities:
        component["capabilities"] = list(facts.capabilities)
    derived = facts.derived
    source = " ".join(derived.source.split())
    if len(source) > _SOURCE_SHOWN:
        source = source[: _SOURCE_SHOWN - 3] + "..."
    warnings.append(
        f"components[{facts.id}]: {facts.kind} from {derived.path} {derived.matched!r} "
        f"(rule {derived.rule}, {derived.confidence} confidence): {source!r}"
    )
    if facts.brand is not None:
        component["brand"] = facts.brand.name
        warnings.append(
            f"components[{facts.id}].brand: {facts.brand.name!r} (curated entity "
            f"{facts.brand.entity}) found as {facts.brand.matched!r} in {facts.brand.path}; "
            "a name in the text, not proof of who made it"
        )
    return component


def _validated(document: dict[str, Any], warnings: list[str]) -> Procurement | None:
    try:
        return Procurement.model_validate(document)
    except ValidationError as exc:
        problems = exc.errors()
        shown = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'procurement'}: {e['msg']}"
            for e in problems[:3]
        )
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        warnings.append(f"not a valid procurement until its unknowns are completed: {shown}{more}")
        return None
