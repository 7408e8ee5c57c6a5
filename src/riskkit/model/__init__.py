"""The procurement model: the facts a procurement team states, and the words they state them in.

The parts live in their own modules (the procurement and its term and buyer, parties,
components, data flows, safeguards, the shared vocabulary); this package exposes them together,
so the rest of riskkit imports the model from one place.
"""

from __future__ import annotations

from riskkit.model import jurisdictions
from riskkit.model.components import Component, ContainedPart, Site
from riskkit.model.fact import Fact, Identifier, Share
from riskkit.model.flows import DataFlow, Destination, Encryption
from riskkit.model.parties import BUYER, Ownership, Party, PartyIdentifier, StateOwnership
from riskkit.model.procurement import Buyer, Procurement, Term
from riskkit.model.safeguards import Authorisation, Mitigation
from riskkit.model.vocabulary import (
    CENTRAL_GOVERNMENT,
    Acquisition,
    AuthorisedUse,
    BuyerKind,
    Capability,
    ComponentKind,
    DataCategory,
    DestinationKind,
    FundingSource,
    KeyHolder,
    MitigationKind,
    NetworkSegment,
    PartKind,
    PartyRole,
    Purpose,
    SiteSetting,
    buyer_kind_in,
)

__all__ = [
    "BUYER",
    "CENTRAL_GOVERNMENT",
    "Acquisition",
    "Authorisation",
    "AuthorisedUse",
    "Buyer",
    "BuyerKind",
    "Capability",
    "Component",
    "ComponentKind",
    "ContainedPart",
    "DataCategory",
    "DataFlow",
    "Destination",
    "DestinationKind",
    "Encryption",
    "Fact",
    "FundingSource",
    "Identifier",
    "KeyHolder",
    "Mitigation",
    "MitigationKind",
    "NetworkSegment",
    "Ownership",
    "PartKind",
    "Party",
    "PartyIdentifier",
    "PartyRole",
    "Procurement",
    "Purpose",
    "Share",
    "Site",
    "SiteSetting",
    "StateOwnership",
    "Term",
    "buyer_kind_in",
    "jurisdictions",
]
