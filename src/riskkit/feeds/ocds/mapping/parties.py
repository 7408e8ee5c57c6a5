"""The buyer and the suppliers of a release, with identifiers as org-id schemes.

OCDS names organisations in ``parties`` and refers to them by id from ``buyer``,
``tender.procuringEntity`` and ``awards[].suppliers``; OCDS 1.0 feeds (GACM, Ukraine) give
the organisation inline instead. Both are read. What a party is to the deployment (maker,
reseller, integrator) OCDS never says: a supplier is the party contracted, no more.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from riskkit.feeds.ocds.mapping.access import has_role, obj, objs, text
from riskkit.feeds.ocds.mapping.tables import (
    Publisher,
    country_code,
    fold,
    orgid_scheme,
    scheme_country,
    tables,
)
from riskkit.model.vocabulary import BuyerKind

_NOT_SUPPLYING = frozenset({"cancelled", "unsuccessful"})
"""Award statuses whose suppliers supply nothing."""


# Records made for every process are named tuples: cheaper to build than a frozen attrs
# class (0.27 us against 0.6-0.9 us), pure or compiled (docs/compiled-build.md).
class Organisation(NamedTuple):
    """One organisation of the release, found at ``path``."""

    body: Mapping[str, Any]
    path: str
    key: str
    """What makes it the same organisation when named twice: its ``parties`` id, else its
    identifier, else its folded name."""


class BuyerFacts(NamedTuple):
    name: str | None
    jurisdiction: str | None
    jurisdiction_from: str | None
    """The field the jurisdiction was read from."""
    kind: BuyerKind | None
    kind_from: str | None
    path: str | None
    """Where the buyer was found (``buyer``, ``parties[0]``, ``tender.procuringEntity``)."""


class SupplierFacts(NamedTuple):
    name: str
    path: str
    identifiers: tuple[tuple[str, str], ...]
    """(scheme, id) pairs, the scheme as an org-id code where it is one."""
    incorporated_in: str | None
    incorporated_from: str | None


class Organisations:
    """The organisations of one release, with its ``parties`` indexed by id."""

    def __init__(self, release: Mapping[str, Any], warnings: list[str]) -> None:
        self.release = release
        self.warnings = warnings
        self.parties = objs(release.get("parties"))
        self.by_id: dict[str, int] = {}
        for index, party in enumerate(self.parties):
            party_id = text(party.get("id"))
            if party_id is not None:
                self.by_id.setdefault(party_id, index)
        self._schemes_warned: set[str] = set()

    def resolve(self, ref: Mapping[str, Any], path: str) -> Organisation:
        """The organisation a reference names: its ``parties`` entry when the id is there
        (the reference's own fields filling what the entry leaves out), else the reference."""
        ref_id = text(ref.get("id"))
        index = self.by_id.get(ref_id) if ref_id is not None else None
        if index is not None:
            given = {k: v for k, v in self.parties[index].items() if v not in ("", None)}
            return Organisation({**ref, **given}, f"parties[{index}]", f"#{index}")
        return Organisation(ref, path, _key(ref))

    def buyer(self, publisher: Publisher | None) -> BuyerFacts:
        """The buyer: ``buyer``, else the party with role buyer, else the procuring entity."""
        found: Organisation | None = None
        ref = obj(self.release.get("buyer"))
        if ref:
            found = self.resolve(ref, "buyer")
        else:
            for index, party in enumerate(self.parties):
                if has_role(party, "buyer"):
                    found = Organisation(party, f"parties[{index}]", f"#{index}")
                    break
        if found is None:
            entity = obj(obj(self.release.get("tender")).get("procuringEntity"))
            if entity:
                found = self.resolve(entity, "tender.procuringEntity")
                self.warnings.append(
                    f"buyer: not given; the procuring entity ({found.path}) is taken as the buyer"
                )
        if found is None:
            return BuyerFacts(None, None, None, None, None, None)
        body = found.body
        country, country_from = self._country(body, found.path, publisher)
        kind, kind_from = _buyer_kind(body, found.path)
        return BuyerFacts(_name(body), country, country_from, kind, kind_from, found.path)

    def suppliers(self) -> list[SupplierFacts]:
        """Every supplier, in order of appearance: of awards, of contracts, then parties with
        role supplier; each organisation once."""
        found: dict[str, Organisation] = {}
        for array in ("awards", "contracts"):
            for index, entry in enumerate(objs(self.release.get(array))):
                if text(entry.get("status")) in _NOT_SUPPLYING:
                    continue
                for number, ref in enumerate(objs(entry.get("suppliers"))):
                    org = self.resolve(ref, f"{array}[{index}].suppliers[{number}]")
                    found.setdefault(org.key, org)
        for index, party in enumerate(self.parties):
            if has_role(party, "supplier"):
                found.setdefault(f"#{index}", Organisation(party, f"parties[{index}]", ""))
        out = []
        for org in found.values():
            name = _name(org.body)
            if name is None:
                self.warnings.append(f"{org.path}: a supplier without a name is left out")
                continue
            identifiers, incorporated = self._identifiers(org.body, org.path)
            incorporated_from = f"{org.path}.identifier.scheme" if incorporated else None
            if incorporated is None:
                named = text(obj(org.body.get("address")).get("countryName"))
                incorporated = country_code(named) if named else None
                incorporated_from = f"{org.path}.address.countryName" if incorporated else None
            out.append(SupplierFacts(name, org.path, identifiers, incorporated, incorporated_from))
        return out

    def _identifiers(
        self, body: Mapping[str, Any], path: str
    ) -> tuple[tuple[tuple[str, str], ...], str | None]:
        """The organisation's identifiers, and the country of the first org-id scheme."""
        pairs: list[tuple[str, str]] = []
        country: str | None = None
        given = [obj(body.get("identifier")), *objs(body.get("additionalIdentifiers"))]
        for position, identifier in enumerate(given):
            scheme, value = text(identifier.get("scheme")), text(identifier.get("id"))
            if value is None:
                continue
            where = (
                f"{path}.additionalIdentifiers[{position - 1}]"
                if position
                else f"{path}.identifier"
            )
            if scheme is None:
                self._warn_scheme("", f"{where}: an identifier without a scheme is left out")
                continue
            code = orgid_scheme(scheme)
            if code is None:
                self._warn_scheme(
                    scheme,
                    f"{where}.scheme {scheme!r} is not an org-id "
                    "scheme riskkit knows; kept as given",
                )
                code = scheme
            elif code != scheme:
                self.warnings.append(f"prepare: {where}.scheme {scheme!r} read as {code!r}")
            if (code, value) not in pairs:
                pairs.append((code, value))
            if country is None and code in tables().scheme_codes:
                country = scheme_country(code)
        return tuple(pairs), country

    def _warn_scheme(self, scheme: str, message: str) -> None:
        if scheme not in self._schemes_warned:
            self._schemes_warned.add(scheme)
            self.warnings.append(message)

    def _country(
        self, body: Mapping[str, Any], path: str, publisher: Publisher | None
    ) -> tuple[str | None, str | None]:
        address = obj(body.get("address"))
        for field in ("countryName", "country"):
            named = text(address.get(field))
            if named is None:
                continue
            code = country_code(named)
            if code is not None:
                return code, f"{path}.address.{field}"
            self.warnings.append(
                f"{path}.address.{field}: {named!r} is not a country riskkit knows"
            )
        _, country = self._identifiers(body, path)
        if country is not None:
            return country, f"{path}.identifier.scheme"
        if publisher is not None and publisher.buyers_in is not None:
            self.warnings.append(
                f"prepare: buyer country {publisher.buyers_in} from the "
                f"publisher {publisher.name} (the buyer's own data gives none)"
            )
            return publisher.buyers_in, f"publisher {publisher.name}"
        return None, None


def _name(body: Mapping[str, Any]) -> str | None:
    """Its ``name``, else a language variant of it (Canada writes only ``name_en`` and
    ``name_fr``), else its identifier's ``legalName`` or a variant of that."""
    identifier = obj(body.get("identifier"))
    for holder, field in ((body, "name"), (identifier, "legalName")):
        found = text(holder.get(field)) or variant(holder, field)
        if found is not None:
            return found
    return None


def variant(holder: Mapping[str, Any], field: str) -> str | None:
    """The first language variant of ``field`` (``title_en``, ``title_fr``...), in key order."""
    prefix = f"{field}_"
    keys = sorted(k for k in holder if isinstance(k, str) and k.startswith(prefix))
    return next((found for k in keys if (found := text(holder[k])) is not None), None)


def _key(body: Mapping[str, Any]) -> str:
    identifier = obj(body.get("identifier"))
    value = text(identifier.get("id"))
    if value is not None:
        return f"id:{text(identifier.get('scheme')) or ''}:{value}"
    return f"name:{fold(_name(body) or '')}"


def _buyer_kind(body: Mapping[str, Any], path: str) -> tuple[BuyerKind | None, str | None]:
    """The buyer kind its classifications state, when one of them means exactly one kind."""
    kinds = tables().buyer_kinds
    found: set[BuyerKind] = set()
    where = None
    for index, entry in enumerate(objs(obj(body.get("details")).get("classifications"))):
        scheme, code = text(entry.get("scheme")), text(entry.get("id"))
        if scheme is None or code is None:
            continue
        kind = kinds.get((fold(scheme), fold(code)))
        if kind is not None:
            found.add(kind)
            where = where or f"{path}.details.classifications[{index}] ({scheme} {code})"
    if len(found) == 1:
        return found.pop(), where
    return None, None
