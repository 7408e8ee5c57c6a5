"""Which BODS entities are an OCDS party: joined by org-id identifier, never by name alone.

An OCDS party gives identifiers as ``(scheme, id)`` (``identifier`` and ``additionalIdentifiers``);
a BODS entity gives its own. Both are brought to ``(org-id scheme, normalised id)``
(:mod:`.identifiers`) and an entity that shares one is **joined**. Two companies can share a
name, so an entity whose name matches but whose identifiers do not is only a
:class:`NameCandidate`, flagged for a person to confirm, and never treated as the party.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from riskkit.feeds.bods.identifiers import join_key, name_key
from riskkit.feeds.bods.shapes import Entity


@attrs.frozen
class NameCandidate:
    """A BODS entity with the party's name but no shared identifier: to confirm, not a join."""

    entity: Entity
    same_jurisdiction: bool | None
    """Whether the entity's jurisdiction is the party's country; None when either is unknown."""


@attrs.frozen
class PartyMatch:
    """The BODS entities joined to one party, and the name candidates beside them."""

    joined: tuple[Entity, ...]
    """Entities sharing an org-id identifier with the party."""
    candidates: tuple[NameCandidate, ...]
    """Entities with the same name and no shared identifier (flagged, never joined)."""
    keys: tuple[tuple[str, str], ...]
    """The party's identifiers as ``(org-id scheme, id)``; those not recognisable are left out."""


class EntityIndex:
    """BODS entities indexed by org-id identifier and by name, to match parties against."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._by_key: dict[tuple[str, str], list[Entity]] = {}
        self._by_name: dict[str, list[Entity]] = {}
        for entity in entities:
            for ident in entity.identifiers:
                if ident.scheme is not None and ident.id:
                    found = self._by_key.setdefault((ident.scheme, ident.id), [])
                    if entity not in found:
                        found.append(entity)
            if key := name_key(entity.name):
                self._by_name.setdefault(key, []).append(entity)

    def match(
        self,
        identifiers: Iterable[tuple[str | None, str]],
        name: str | None = None,
        country: str | None = None,
    ) -> PartyMatch:
        """The entities joined to a party with ``identifiers`` (scheme, id), and name candidates.

        ``name`` and ``country`` (ISO 3166 code) only give candidates."""
        keys = tuple(dict.fromkeys(k for s, i in identifiers if (k := join_key(s, i)) is not None))
        joined: dict[str, Entity] = {}
        for key in keys:
            for entity in self._by_key.get(key, ()):
                joined.setdefault(entity.ref, entity)
        candidates = [
            NameCandidate(entity, _same(entity.jurisdiction, country))
            for entity in self._by_name.get(name_key(name), ())
            if name_key(name)
            if entity.ref not in joined
        ]
        return PartyMatch(tuple(joined.values()), tuple(candidates), keys)


def _same(jurisdiction: str | None, country: str | None) -> bool | None:
    if not jurisdiction or not country:
        return None
    return jurisdiction.strip().upper() == country.strip().upper()
