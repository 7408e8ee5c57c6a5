"""Reading beneficial ownership data (BODS 0.2, 0.3, 0.4) into one typed shape, defects counted.

``read_bods(paths, stats=ReadStats())`` reads BODS statements (JSON arrays or JSON Lines, files or
folders) into a :class:`Register` of entities, persons and relationships, whatever the version,
with updates applied; checks each statement against the bundled schema of its version with
``jsonschema`` (reported, never rejected); and counts what is wrong, including ownership cycles
and diamonds. :class:`EntityIndex` joins an OCDS party to BODS entities by org-id identifier.
Needs the ``feeds`` extra for validation. :mod:`.owners` maps a joined party's owners onto the
procurement model (``owners_of``, ``attach_owners``).
"""

from __future__ import annotations

from riskkit.feeds.bods.defects import DEFECTS, ReadStats
from riskkit.feeds.bods.identifiers import join_key, org_id_scheme
from riskkit.feeds.bods.join import EntityIndex, NameCandidate, PartyMatch
from riskkit.feeds.bods.read import Register, read_bods
from riskkit.feeds.bods.shapes import Entity, Identifier, Interest, Person, Relationship, Share

__all__ = [
    "DEFECTS",
    "Entity",
    "EntityIndex",
    "Identifier",
    "Interest",
    "NameCandidate",
    "PartyMatch",
    "Person",
    "ReadStats",
    "Register",
    "Relationship",
    "Share",
    "join_key",
    "org_id_scheme",
    "read_bods",
]
