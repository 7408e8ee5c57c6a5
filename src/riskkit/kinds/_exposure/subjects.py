"""How a party a law may bind is keyed, named and reported.

A party of the procurement is keyed by its id. A maker known from curated data alone, not a
party of the procurement, is keyed ``entities[<id>]``, which is also its findings' subject.
"""

from __future__ import annotations

from riskkit.kinds.context import Context


def entity_key(entity_id: str) -> str:
    """The key a curated maker that is no party of the procurement is filed under."""
    return f"entities[{entity_id}]"


def curated_id(key: str) -> str | None:
    """The curated entity id of a key made by :func:`entity_key` (``None`` for a party)."""
    return key[9:-1] if key.startswith("entities[") else None


def subject_of(key: str) -> str:
    """A bound party's finding subject: ``parties[<id>]``, or a curated maker's own key."""
    return key if key.startswith("entities[") else f"parties[{key}]"


def party_name(ctx: Context, party_id: str) -> str:
    """The name a finding gives the party: its declared name, or the curated entity's."""
    entity_id = curated_id(party_id)
    if entity_id is not None:
        return ctx.entities.entities[entity_id].name
    party = ctx.parties.get(party_id)
    return party.name if party else party_id
