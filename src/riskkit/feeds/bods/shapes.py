"""One typed shape for BODS 0.2, 0.3 and 0.4: entities, persons and the relationships between them.

The three versions spell the same facts differently (``statementType`` or ``recordType``,
hyphenated or camelCase interest types, boolean or numeric exclusive bounds). Everything read is
normalised here so that the rest of riskkit never asks which version it came from. Only what
ownership needs is kept: a person is a name and nationalities, never a birth date or an address.
"""

from __future__ import annotations

from typing import Literal

import attrs

from riskkit.feeds.ocds.defects import Origin

PartyKind = Literal["entity", "person", "unspecified", "unresolved"]
"""What an interested party refers to; ``unresolved`` for a 0.4 record id not among those read."""


@attrs.frozen
class Identifier:
    """An identifier of an entity, with its scheme as an org-id code when it is recognisable."""

    scheme: str | None
    """The org-id scheme (``GB-COH``, ``XI-LEI``, ``DK-CVR``), or None when not recognisable."""
    id: str
    """The identifier, normalised for its scheme (trimmed; upper case for LEIs)."""
    scheme_name: str = ""
    """The ``schemeName`` as published, for identifiers that give only a name."""


@attrs.frozen
class Entity:
    """A company, trust, state or state body, as its latest statement describes it."""

    ref: str
    """What relationships refer to it by: the statement id (0.2, 0.3) or the record id (0.4)."""
    statement_id: str
    name: str | None
    jurisdiction: str | None
    """ISO 3166 code of the jurisdiction (``GB``, ``DK``), or None when not given."""
    entity_type: str | None
    """``registeredEntity``, ``legalEntity``, ``arrangement``, ``state``, ``stateBody``,
    ``anonymousEntity``, ``unknownEntity``... as published."""
    identifiers: tuple[Identifier, ...]
    origin: Origin
    version: str
    closed: bool = False
    """The record was closed (0.4 ``recordStatus: closed``)."""


@attrs.frozen
class Person:
    """A natural person, reduced to what screening an owner needs."""

    ref: str
    statement_id: str
    name: str | None
    nationalities: tuple[str, ...]
    """ISO 3166 codes."""
    person_type: str | None
    """``knownPerson``, ``anonymousPerson`` or ``unknownPerson``."""
    origin: Origin
    version: str


@attrs.frozen
class Share:
    """A share of ownership as a fraction 0..1: exact (``share_min == share_max``) or a band."""

    share_min: float | None
    share_max: float | None
    min_inclusive: bool = True
    max_inclusive: bool = True

    @property
    def exact(self) -> float | None:
        """The exact share, when the band is one point."""
        same = self.share_min is not None and self.share_min == self.share_max
        return self.share_min if same else None


@attrs.frozen
class Interest:
    """One interest an interested party holds in the subject."""

    type: str
    """The interest type in the camelCase vocabulary of 0.3 and later (``shareholding``,
    ``votingRights``, ``appointmentOfBoard``...); 0.2's hyphenated types are converted."""
    direct: bool | None
    """True for direct, False for indirect, None when not said."""
    beneficial: bool | None
    """``beneficialOwnershipOrControl``."""
    share: Share | None
    """None when the interest does not say how much: unknown, never 0."""
    start: str | None
    """ISO date (a datetime's date part), or None."""
    end: str | None


@attrs.frozen
class Relationship:
    """Who (the interested party) holds what interests in whom (the subject)."""

    ref: str
    statement_id: str
    subject: str | None
    """The ``ref`` of the subject entity, or None when unspecified."""
    interested_party: str | None
    """The ``ref`` of the owning entity or person, or None when unspecified."""
    party_kind: PartyKind
    unspecified_reason: str | None
    """Why the interested party is unspecified (``unknown``, ``subjectExemptFromDisclosure``...)."""
    interests: tuple[Interest, ...]
    component: bool
    """Part of an indirect chain described by another (primary) relationship."""
    origin: Origin
    version: str
    closed: bool = False
    components: tuple[str, ...] = ()
    """The refs of the component statements (0.2, 0.3) or records (0.4) that describe the
    chain of this (indirect, primary) relationship: its ownership is counted through them."""

    @property
    def share(self) -> Share | None:
        """The share held through shareholding, None when not said (unknown, never 0).

        A share of another interest (voting rights) stays on that interest: it is control, not
        ownership."""
        for interest in self.interests:
            if interest.type == "shareholding" and interest.share is not None:
                return interest.share
        return None

    @property
    def says_share(self) -> bool:
        """Whether the relationship says how much is owned (nine in ten real ones do not)."""
        return self.share is not None

    @property
    def start(self) -> str | None:
        """The earliest start date of its interests."""
        return min((i.start for i in self.interests if i.start), default=None)

    @property
    def end(self) -> str | None:
        """The latest end date, when every interest has ended; else None."""
        ends = [i.end for i in self.interests if i.end]
        return max(ends) if ends and len(ends) == len(self.interests) else None
