"""The owners of a procurement party, from BODS: joined by identifier, walked up to the top.

A party known by org-id identifiers is joined to the BODS entities that share one (a name match
is only a flagged candidate, never joined: :mod:`.join`). Each relationship whose subject is a
joined entity gives an owner, and each owner that is itself an entity is walked up in turn, so
the procurement gets the whole chain to the ultimate owners as parties with ``owners``. A named
person who holds an interest is an owner party too (screened like any other: a listed person's
holding counts under a 50 % rule). An owner the register does not name (an anonymous or unknown
person, an unspecified owner, a statement that was not read) is an owner party marked
``undisclosed``, with its holding as read and a warning: who holds that share is an unknown
under a rule on who owns the party, never a pass. What a relationship does not say stays
unknown: no shareholding share means ``share`` left out (an unknown under a 50 % rule, never a
pass); a band gives ``share_min``/``share_max``. A cycle is cut where it closes, with a warning
(the procurement model accepts no cycle); a diamond keeps one party per owner; a chain longer
than :data:`MAX_DEPTH` is cut with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from riskkit.feeds.bods.join import EntityIndex, NameCandidate
from riskkit.feeds.bods.read import Register
from riskkit.feeds.bods.shapes import Entity, Relationship, Share

MAX_DEPTH = 12
"""Owners walked up from a joined entity before the chain is cut (with a warning)."""

STATE_TYPES = frozenset({"state", "stateBody"})
"""BODS entity types that are a state: their holding is ``state_ownership``."""

CONTROL_INTERESTS = frozenset({"appointmentOfBoard"})
"""Interests that by themselves say the owner controls the subject (the right to appoint the
board). Voting rights, other influence and the rest say control only with a share or a
context riskkit cannot read, so they leave control unknown."""

_ID_CHARS = re.compile(r"[^A-Za-z0-9_.\-]+")

_A = {"person": "a person", "entity": "an entity", "owner": "an owner"}

NO_BENEFICIAL_OWNERS = "noBeneficialOwners"
"""BODS's reason for an unspecified owner when there is none the register's rules require to
be disclosed (a UK company with no registrable person): no one controls the party, but owners
below the disclosure threshold are not named."""


@attrs.frozen
class OwnerFound:
    """One holding found up the chain: ``owned`` (a party id) is held by ``party``."""

    owned: str
    party: dict[str, Any]
    """The owner as a procurement party: id, name, identifiers, incorporated_in when given."""
    ownership: dict[str, Any] | None
    """The holding as a procurement ``owners`` entry; None for a state's holding."""
    state_ownership: dict[str, Any] | None
    """The holding as a ``state_ownership`` entry, when the owner is a state or state body."""


@attrs.frozen
class OwnersFound:
    """What BODS says of one party's ownership."""

    joined: tuple[Entity, ...]
    """The BODS entities the party joins to by identifier."""
    candidates: tuple[NameCandidate, ...]
    """Entities with the party's name and no shared identifier: flagged, never joined."""
    owners: tuple[OwnerFound, ...]
    """Every holding up the chain, nearest first."""
    warnings: tuple[str, ...]


class OwnerIndex:
    """A register's entities by identifier and its relationships by subject, to walk up."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.entities = EntityIndex(register.entities.values())
        self.held_by: dict[str, list[Relationship]] = {}
        for rel in register.relationships:
            if rel.subject is not None and not rel.closed and not rel.component:
                self.held_by.setdefault(rel.subject, []).append(rel)


def party_id(ref: str) -> str:
    """The procurement party id of a BODS entity: ``bods-`` and its ref, made an id."""
    return ("bods-" + _ID_CHARS.sub("-", ref).strip("-"))[:80]


def owners_of(
    index: OwnerIndex,
    identifiers: Sequence[tuple[str | None, str]],
    name: str | None = None,
    *,
    owned_id: str | None = None,
) -> OwnersFound:
    """The owners of the party with ``identifiers`` (scheme, id), up to the ultimate owners.

    ``owned_id`` is the party's own id in the procurement (the joined entity's ``party_id``
    when not given); ``name`` only finds candidates."""
    match = index.entities.match(identifiers, name)
    warnings: list[str] = []
    found: list[OwnerFound] = []
    added: set[str] = set()
    for entity in match.joined:
        start = owned_id or party_id(entity.ref)
        _walk(index, entity, start, found, added, warnings)
    if len(match.joined) > 1:
        refs = ", ".join(e.ref for e in match.joined)
        warnings.append(f"the identifiers join {len(match.joined)} BODS entities ({refs})")
    return OwnersFound(match.joined, match.candidates, tuple(found), tuple(warnings))


def _walk(
    index: OwnerIndex,
    entity: Entity,
    start: str,
    found: list[OwnerFound],
    added: set[str],
    warnings: list[str],
) -> None:
    """Depth first up from ``entity`` (known as party ``start``), each holding once; an edge
    back into the current chain is a cycle and is cut."""
    stack: list[tuple[str, str, tuple[str, ...]]] = [(entity.ref, start, (entity.ref,))]
    while stack:
        ref, owned, chain = stack.pop()
        if len(chain) > MAX_DEPTH:
            warnings.append(f"ownership above {chain[0]} is cut at {MAX_DEPTH} levels")
            continue
        for rel in index.held_by.get(ref, ()):
            owner_ref = rel.interested_party
            owner = index.register.entities.get(owner_ref) if owner_ref else None
            if owner is None:
                held, unnamed = _person_holding(index, rel, owned)
                if unnamed is not None:
                    warnings.append(
                        f"BODS statement {rel.statement_id}: the owner of {ref} {unnamed}; "
                        "who holds it is an unknown under the rules on who owns the party"
                    )
                _add(held, found, added)  # a person tops its chain: nothing to walk up
                continue
            if owner.ref in chain:
                warnings.append(
                    f"BODS statement {rel.statement_id}: ownership runs in a circle "
                    f"({' -> '.join((*chain, owner.ref))}); the holding is left out"
                )
                continue
            holding = _holding(rel, owner, owned)
            if _add(holding, found, added) and holding.ownership is not None:
                stack.append((owner.ref, holding.party["id"], (*chain, owner.ref)))


def _add(holding: OwnerFound, found: list[OwnerFound], added: set[str]) -> bool:
    """Keep ``holding`` unless the same owner of the same party is already kept (a diamond)."""
    key = f"{holding.owned}<{holding.party['id']}"
    if key in added:
        return False
    added.add(key)
    found.append(holding)
    return True


def _person_holding(
    index: OwnerIndex, rel: Relationship, owned: str
) -> tuple[OwnerFound, str | None]:
    """The holding of an owner that is not an entity read: a named person, who becomes an
    owner party (screened like any other: a listed person's holding counts under a 50 % rule);
    else an owner party marked ``undisclosed``, with why it cannot be named."""
    ref = rel.interested_party
    none_to_disclose = ref is None and rel.unspecified_reason == NO_BENEFICIAL_OWNERS
    person = index.register.persons.get(ref or "")
    if person is not None and person.name:
        party: dict[str, Any] = {
            "id": party_id(person.ref),
            "name": person.name,
            "roles": ["owner"],
            "source": f"BODS statement {person.statement_id}",
        }
        return OwnerFound(owned, party, _ownership(rel, party), None), None
    if person is not None:
        label = person.person_type or "no name given"
        why, source = f"is a person the register does not name ({label})", person.statement_id
    elif ref is not None:
        kind = rel.party_kind if rel.party_kind in ("person", "entity") else "owner"
        label = f"{kind} statement {ref} not read"
        why, source = f"is {_A[kind]} whose statement ({ref}) was not read", rel.statement_id
    elif none_to_disclose:
        label = f"unspecified: {NO_BENEFICIAL_OWNERS}"
        why, source = (
            "is none the register's rules require it to disclose (noBeneficialOwners): no one "
            "controls it, but what owners below those rules' threshold hold together is not "
            "known",
            rel.statement_id,
        )
    else:
        label = f"unspecified: {rel.unspecified_reason or 'no reason given'}"
        why, source = f"is not known ({rel.unspecified_reason or rel.party_kind})", rel.statement_id
    party = {
        "id": party_id(ref if ref is not None else f"unspecified-{rel.ref}"),
        "name": f"an owner the register does not name ({label})",
        "roles": ["owner"],
        "source": f"BODS statement {source}",
        "undisclosed": True,
    }
    held = _ownership(rel, party)
    if none_to_disclose:
        # The register says no one holds enough to disclose: no one controls the party, so a
        # rule on control passes it; holdings under the disclosure threshold may still add up
        # to half for a rule on aggregate ownership (OFAC's), which reports an unknown.
        held["control"] = False
    return OwnerFound(owned, party, held, None), why


def _holding(rel: Relationship, owner: Entity, owned: str) -> OwnerFound:
    party: dict[str, Any] = {
        "id": party_id(owner.ref),
        "name": owner.name or f"BODS entity {owner.ref}",
        "roles": ["owner"],
        "identifiers": [
            {"scheme": i.scheme or i.scheme_name or "unknown", "value": i.id}
            for i in owner.identifiers
            if i.id
        ],
        "source": f"BODS statement {owner.statement_id}",
    }
    if owner.jurisdiction:
        party["incorporated_in"] = owner.jurisdiction
    source = f"BODS statement {rel.statement_id}"
    share = rel.share
    if owner.entity_type in STATE_TYPES and owner.jurisdiction:
        state: dict[str, Any] = {"state": owner.jurisdiction, "source": source}
        if share is not None and share.exact is not None:
            state["share"] = share.exact
        if owner.name:
            state["via"] = owner.name
        return OwnerFound(owned, party, None, state)
    return OwnerFound(owned, party, _ownership(rel, party), None)


def _ownership(rel: Relationship, party: dict[str, Any]) -> dict[str, Any]:
    """The ``owners`` entry ``rel`` gives ``party``: its share, control and dates as given."""
    source = f"BODS statement {rel.statement_id}"
    held: dict[str, Any] = {"party": party["id"], **share_fields(rel.share), "source": source}
    if any(i.type in CONTROL_INTERESTS for i in rel.interests):
        held["control"] = True
    if rel.start and len(rel.start) == 10:
        held["valid_from"] = rel.start
    if rel.end and len(rel.end) == 10:
        held["valid_until"] = rel.end
    return held


def share_fields(share: Share | None) -> dict[str, Any]:
    """``share``, or ``share_min``/``share_max``/``share_max_exclusive``, from a BODS share;
    nothing when it is not given. An exclusive minimum is dropped: it never changes whether a
    holding reaches a threshold (a band above 25 % is at least 25 %)."""
    if share is None:
        return {}
    if share.exact is not None and share.max_inclusive and share.min_inclusive:
        return {"share": share.exact}
    fields: dict[str, Any] = {}
    if share.share_min is not None:
        fields["share_min"] = share.share_min
    if share.share_max is not None:
        fields["share_max"] = share.share_max
        if not share.max_inclusive:
            fields["share_max_exclusive"] = True
    return fields


def attach_owners(document: dict[str, Any], index: OwnerIndex) -> tuple[dict[str, Any], list[str]]:
    """``document`` (a procurement as a dict, as the OCDS mapping makes it) with the BODS owners
    of each party that joins by identifier: owner parties added, ``owners`` and
    ``state_ownership`` entries appended; and the warnings. ``document`` is not changed."""
    parties = [dict(p) for p in document.get("parties", ())]
    known = {p.get("id") for p in parties}
    warnings: list[str] = []
    by_id: dict[str, dict[str, Any]] = {p["id"]: p for p in parties if "id" in p}
    for party in list(parties):
        keys = [(i.get("scheme"), str(i.get("value", ""))) for i in party.get("identifiers", ())]
        if not keys:
            continue
        found = owners_of(index, keys, party.get("name"), owned_id=party["id"])
        warnings += [f"parties[{party['id']}]: {w}" for w in found.warnings]
        for candidate in found.candidates:
            warnings.append(
                f"parties[{party['id']}]: BODS entity {candidate.entity.ref} has the same name "
                "but no shared identifier; not joined (confirm by hand)"
            )
        for holding in found.owners:
            owner = holding.party
            if holding.ownership is not None and owner["id"] not in known:
                known.add(owner["id"])
                parties.append(dict(owner))
                by_id[owner["id"]] = parties[-1]
            target = by_id[holding.owned]
            if holding.ownership is not None:
                target["owners"] = [*target.get("owners", ()), holding.ownership]
            elif holding.state_ownership is not None:
                target["state_ownership"] = [
                    *target.get("state_ownership", ()),
                    holding.state_ownership,
                ]
    return {**document, "parties": parties}, warnings
